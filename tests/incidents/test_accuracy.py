"""Extraction accuracy per field on labelled reports.

Two kinds of sets live in ``corpus/``:

* written for this project: ``reports.toml`` (the rules were tuned on it) and
  ``heldout.toml`` (written afterwards, scored before any change for it);
* paraphrases of real published reports, in our own words and keeping each
  report's length, order, background, quotes, flag states and analysts:
  ``paraphrases_dev.toml`` (tuned on) and ``paraphrases_heldout.toml``
  (written before the extractor was changed for real reports; its floors are
  the ones the extraction issue set, and some rules of the fourth pass were
  prompted by its misses, which the changelog names). Their sources and the
  labels for the real articles themselves are in ``tools/real_reports.toml``;
  ``tools/score_extraction.py`` scores either. ``paraphrases_unseen.toml`` is a
  second held-out set, written and scored before any change for it; rules made
  after that first score are named in the changelog. ``paraphrases_blind.toml``
  is a third, written the same way after the second had been tuned on,
  ``paraphrases_fourth.toml`` a fourth, after the third,
  ``paraphrases_fifth.toml`` a fifth, after the fourth, ``paraphrases_sixth.toml``
  a sixth, after the fifth, ``paraphrases_seventh.toml`` a seventh, after the sixth, and
  ``paraphrases_eighth.toml`` an eighth, after the seventh.

The floors sit a little under the measured figures (in the closing notes),
so a change that costs real accuracy fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.evaluate import evaluate, load_reports

CORPUS = Path(__file__).parent / "corpus"
FIELDS = ("found", "date", "actors", "responders", "regions", "type")
# Floors, not targets: the measured figures are in the closing notes.
THRESHOLDS = {
    "reports.toml": dict(zip(FIELDS, (1.0, 0.95, 0.95, 0.9, 0.9, 0.9), strict=True)),
    "heldout.toml": dict(zip(FIELDS, (1.0, 0.9, 0.9, 0.85, 0.85, 0.85), strict=True)),
    "paraphrases_dev.toml": dict(zip(FIELDS, (0.97, 0.88, 0.88, 0.8, 0.88, 0.93), strict=True)),
    "paraphrases_heldout.toml": dict(zip(FIELDS, (0.95, 0.9, 0.9, 0.85, 0.85, 0.85), strict=True)),
    # First scored at 1.0, 0.875, 0.77, 0.67, 0.83, 0.81 (see paraphrases_unseen.toml).
    "paraphrases_unseen.toml": dict(zip(FIELDS, (0.95, 0.9, 0.9, 0.9, 0.85, 0.95), strict=True)),
    # First scored at 1.0, 0.85, 0.82, 0.64, 0.81, 0.92, background 3/5; its two Vaindloo
    # reports name the Gulf of Finland, where the extractor draws the island itself.
    "paraphrases_blind.toml": dict(zip(FIELDS, (0.95, 0.95, 0.9, 0.85, 0.8, 0.9), strict=True)),
    # First scored at 1.0, 0.64, 0.72, 0.73, 0.73, 1.0, background 1/3.
    "paraphrases_fourth.toml": dict(zip(FIELDS, (0.95, 0.9, 0.9, 0.85, 0.75, 0.95), strict=True)),
    # First scored at 0.92, 0.83, 0.87, 0.74, 0.85, 0.75, background 2/3 (two labels were
    # then put right by the codebook: an ADIZ entry outranks an intercept; NORAD is US and CA).
    "paraphrases_fifth.toml": dict(zip(FIELDS, (0.95, 0.9, 0.9, 0.85, 0.8, 0.95), strict=True)),
    # First scored at 1.0, 0.73, 0.65, 0.74, 0.87, 1.0, background 3/3; its MQ-9 report never
    # says which day the drone came down.
    "paraphrases_sixth.toml": dict(zip(FIELDS, (0.95, 0.85, 0.95, 0.95, 0.95, 0.95), strict=True)),
    # First scored at 1.0, 0.73, 0.88, 0.80, 0.92, 0.73, background 3/3; the islets a joint
    # flight passed (Dokdo, Ieodo) are drafted as places, the labels name only the zone and sea.
    "paraphrases_seventh.toml": dict(
        zip(FIELDS, (0.95, 0.95, 0.95, 0.95, 0.85, 0.95), strict=True)
    ),
    # First scored at 0.91, 0.82, 0.75, 0.82, 0.73, 0.91, background 0/3. Left: the
    # Sazanami report's allies sailing with it and China's tracking told as nouns; Imia,
    # which the gazetteer lacks; Vaindloo drawn as the island where labels name the gulf.
    "paraphrases_eighth.toml": dict(zip(FIELDS, (0.95, 0.85, 0.8, 0.9, 0.75, 0.95), strict=True)),
}
#: Background-only reports each set may still turn into an incident (the closing notes
#: list them): an investigation's report that retells a spy ship's voyage.
ALLOWED_FALSE_INCIDENTS = {"paraphrases_dev.toml": 1}


@pytest.fixture(scope="module", params=sorted(THRESHOLDS))
def scored(request, gazetteer):
    reports = load_reports(CORPUS / request.param)
    return request.param, len(reports), evaluate(reports, gazetteer)


def test_labelled_sets_are_large_enough():
    paraphrases = sum(
        len(load_reports(CORPUS / name)) for name in THRESHOLDS if name.startswith("paraphrases")
    )
    assert paraphrases >= 150
    assert len(load_reports(CORPUS / "paraphrases_heldout.toml")) >= 40


def test_every_paraphrase_names_the_real_report_it_follows():
    for name in (n for n in THRESHOLDS if n.startswith("paraphrases")):
        for report in load_reports(CORPUS / name):
            assert report["source"].startswith(("http://", "https://")), report["id"]


def test_accuracy_per_field_meets_the_floor(scored):
    name, _, score = scored
    floor = THRESHOLDS[name]
    measured = {
        "found": score.found_rate,
        "date": score.date_accuracy,
        "actors": score.f1("actors"),
        "responders": score.f1("responders"),
        "regions": score.f1("regions"),
        "type": score.type_accuracy,
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < floor[k]}
    assert below == {}, f"{name}: {below}\n{score.table()}\n" + "\n".join(score.misses)


def test_reports_without_an_incident_give_no_draft(scored):
    name, _, score = scored
    assert score.none_n >= 1
    allowed = ALLOWED_FALSE_INCIDENTS.get(name, 0)
    assert score.none_n - score.none_ok <= allowed, "\n".join(score.misses)
