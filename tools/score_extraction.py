"""Score the extractor on labelled reports: real articles saved in a folder, or our own sets.

The labels for real published reports are in ``tools/real_reports.toml``:
addresses and expected fields only, since the articles' text is not ours to
commit. Save each article's text as ``<id>.txt`` in a folder, then:

    .venv/bin/python tools/score_extraction.py tools/real_reports.toml --texts DIR
    .venv/bin/python tools/score_extraction.py tests/incidents/corpus/paraphrases_heldout.toml

``--misses`` lists every wrong field, one line each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.evaluate import evaluate, load_reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, help="a TOML file of [[report]] entries")
    parser.add_argument("--texts", type=Path, help="folder of <id>.txt for reports without text")
    parser.add_argument("--misses", action="store_true", help="list every wrong field")
    args = parser.parse_args(argv)
    reports = load_reports(args.labels, args.texts)
    if not reports:
        print(f"No report of {args.labels} has its text here; see --texts.", file=sys.stderr)
        return 2
    score = evaluate(reports, Gazetteer())
    print(
        f"{args.labels.name}: {len(reports)} reports ({score.n} with an incident, "
        f"{score.none_n} without); {score.found} of {score.n} gave one"
    )
    print(score.table())
    if args.misses:
        print()
        print("\n".join(score.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
