"""Extraction from the seed article and from bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.errors import ImpossibleDate, MalformedFile
from incidents.extract import MAX_ARTICLE_BYTES, article_from_text, extract, read_article
from tests.conftest import GAZETTEER as _GAZ
from tests.conftest import SEEDS

SEED = next(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seed_drafts(gazetteer):
    return extract(read_article(SEED), gazetteer=gazetteer)


def test_extracting_the_seed_never_loads_the_26000_cities(monkeypatch):
    # They took a second to load and index in every `incidents extract` process,
    # and a town is never where an incident happened.
    import geo.gazetteer

    def no_cities():
        raise AssertionError("the extractor loaded the cities")

    monkeypatch.setattr(geo.gazetteer, "_cities", no_cities)
    (main, *_) = extract(read_article(SEED), gazetteer=geo.gazetteer.Gazetteer())
    assert {"Bering Sea", "North Pacific Ocean"} <= {loc.name for loc in main.locations}


def test_a_distance_from_a_town_still_places_the_incident(gazetteer):
    text = (
        "A Russian Il-38 was intercepted 60 km east of Kushiro on Monday, Japan's Joint Staff said."
    )
    (incident,) = extract(
        article_from_text(text, published=dt.date(2024, 5, 8)), gazetteer=gazetteer
    )
    assert [loc.name for loc in incident.locations] == ["60 km east of Kushiro"]


def test_seed_main_incident_has_the_required_fields(seed_drafts):
    main = seed_drafts[0]
    assert main.start_date == dt.date(2024, 7, 24)
    assert main.date_precision == "day"
    assert main.event_type == "patrol"
    assert set(main.actors) == {"RU", "CN"}
    assert set(main.responders) == {"US", "CA"}
    assert {"Tu-95MS", "H-6"} <= set(main.assets)
    assert {"Bering Sea", "North Pacific Ocean"} <= {loc.name for loc in main.locations}
    assert main.sources[0].published == dt.date(2024, 7, 26)
    assert main.sources[0].path.endswith(SEED.name)


def test_weekday_resolves_against_the_publication_date(seed_drafts):
    """Published Friday 26 July 2024: "Wednesday's joint patrol" is the 24th."""
    dates = [e for e in seed_drafts[0].evidence if e.field == "start_date"]
    assert dates[0].text.startswith("Wednesday")


def test_every_evidence_span_points_at_its_words(seed_drafts):
    text = read_article(SEED).text
    for incident in seed_drafts:
        for ev in incident.evidence:
            if ev.end > ev.start:
                assert text[ev.start : ev.end] == ev.text, ev


def test_dateline_city_is_not_taken_for_an_actor(seed_drafts):
    actor_words = [e.text for e in seed_drafts[0].evidence if e.field == "actors"]
    assert "MOSCOW" not in actor_words


def test_earlier_this_month_is_a_second_incident_with_month_precision(seed_drafts):
    assert len(seed_drafts) == 2
    second = seed_drafts[1]
    assert second.date_precision == "month"
    assert (second.start_date.year, second.start_date.month) == (2024, 7)
    assert set(second.actors) == {"RU", "CN"}
    assert "Pacific" in second.locations[0].name


def test_summit_and_statements_are_not_incidents(seed_drafts):
    assert all("Washington" not in loc.name for d in seed_drafts for loc in d.locations)
    assert all("US" not in d.actors for d in seed_drafts)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", None),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
    ],
)
def test_bad_files_give_a_clear_error_or_no_draft(tmp_path, gazetteer, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    if message is None:
        assert extract(read_article(path), gazetteer=gazetteer) == []
    else:
        with pytest.raises(MalformedFile, match=message):
            read_article(path)


def test_huge_files_are_refused_and_the_cap_is_named(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(MalformedFile, match="2,000,000-byte limit"):
        read_article(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(MalformedFile, match="cannot read"):
        read_article(tmp_path / "nope.txt")


def test_impossible_date_line_is_reported():
    with pytest.raises(ImpossibleDate, match="2024-02-30"):
        article_from_text("date 2024-02-30\nText.")


@pytest.mark.parametrize(
    "text",
    [
        "Die russische Marine hat am Mittwoch eine Übung abgehalten.",
        "The weather in Tokyo was warm on Wednesday and markets rose.",
        "Nato countries issued a joint statement at the end of a recent summit in Washington.",
    ],
)
def test_articles_without_an_incident_give_no_draft(gazetteer, text):
    article = article_from_text(text, published=dt.date(2024, 7, 26))
    assert extract(article, gazetteer=gazetteer) == []


def test_html_is_stripped_and_script_is_not_text(gazetteer):
    html = (
        "<html><body><script>alert('x')</script><p>date: 2024-07-26</p>"
        "<p>Russia and China staged a joint patrol over the Bering Sea on Wednesday.</p></body></html>"
    )
    article = article_from_text(html, is_html=True)
    assert "alert" not in article.text
    drafts = extract(article, gazetteer=gazetteer)
    assert drafts[0].start_date == dt.date(2024, 7, 24)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "TAIPEI, 14 June 2024 — A Chinese J-16 entered the Taiwan ADIZ on Thursday.",
            dt.date(2024, 6, 14),
        ),
        (
            "WASHINGTON, July 25, 2024 (Reuters) - Russian bombers flew near Alaska.",
            dt.date(2024, 7, 25),
        ),
        (
            "SEOUL, Nov 30 (Yonhap) — Chinese bombers entered the KADIZ.",
            None,
        ),  # no year: not enough
    ],
)
def test_a_dateline_with_a_full_date_gives_the_publication_date(text, published):
    article = article_from_text(text)
    assert article.published == published
    assert article.dateline is not None


def test_markdown_syntax_is_stripped(tmp_path, gazetteer):
    path = tmp_path / "report.md"
    path.write_text(
        "date 2024-07-26\n# Joint patrol\n\n**Russia and China** staged a joint patrol over "
        "the [Bering Sea](https://example.org/bering) on *Wednesday*.\n"
    )
    article = read_article(path)
    assert "**" not in article.text
    assert "https://" not in article.text
    drafts = extract(article, gazetteer=gazetteer)
    assert drafts[0].start_date == dt.date(2024, 7, 24)
    assert drafts[0].locations[0].name == "Bering Sea"


def test_many_reports_pasted_as_one_text_are_refused_with_a_way_forward():
    from incidents.errors import AtlasError
    from incidents.extract import MAX_INCIDENTS_PER_ARTICLE
    from incidents.testing import synthetic_articles

    archive = "\n\n".join(synthetic_articles(60, size=3000))
    with pytest.raises(AtlasError, match=f"at most {MAX_INCIDENTS_PER_ARTICLE} are drafted"):
        extract(article_from_text(archive, published=dt.date(2024, 7, 25)), gazetteer=_GAZ)


def test_a_report_buried_in_long_background_text_is_still_found():
    report = read_article(SEED).text
    background = "Analysts said ties between the two navies have deepened in recent years. " * 5_000
    drafts = extract(
        article_from_text(report + "\n\n" + background, published=dt.date(2024, 7, 25)),
        gazetteer=_GAZ,
    )
    assert drafts and {"RU", "CN"} <= set(drafts[0].actors)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_dateline_year_outside_1900_to_2100_is_a_named_error(day):
    from incidents.errors import AtlasError

    with pytest.raises(AtlasError, match=f"the date line says {day}, outside 1900–2100"):
        extract(
            article_from_text(f"date {day}\nRussian bombers flew over the Sea of Japan on Monday."),
            gazetteer=_GAZ,
        )
