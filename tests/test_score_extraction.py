"""The scoring script for real reports: labels in the repository, texts on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = """
[[report]]
id = "bering"
url = "https://example.org/bering"
published = "2024-07-26"
[report.expected]
start_date = "2024-07-24"
date_precision = "day"
actors = ["RU"]
responders = ["US"]
regions = ["Bering Sea"]
event_type = "intercept"

[[report]]
id = "not-saved"
url = "https://example.org/elsewhere"
published = "2024-07-26"
[report.expected]
none = true
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "score_extraction.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_scores_the_reports_whose_text_is_in_the_folder(tmp_path):
    labels = tmp_path / "labels.toml"
    labels.write_text(LABELS, encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "bering.txt").write_text(
        "U.S. F-16 fighters intercepted two Russian Tu-95 bombers over the Bering Sea on "
        "Wednesday, NORAD said.",
        encoding="utf-8",
    )
    done = run(str(labels), "--texts", str(texts), "--misses")
    assert done.returncode == 0, done.stderr
    assert "1 reports (1 with an incident, 0 without); 1 of 1 gave one" in done.stdout
    assert "event type                        1.000" in done.stdout


def test_says_so_when_no_text_is_there(tmp_path):
    labels = tmp_path / "labels.toml"
    labels.write_text(LABELS, encoding="utf-8")
    done = run(str(labels), "--texts", str(tmp_path))
    assert done.returncode == 2
    assert "--texts" in done.stderr


def test_the_committed_labels_name_their_sources_and_hold_no_article_text():
    import tomllib

    data = tomllib.loads((ROOT / "tools" / "real_reports.toml").read_text(encoding="utf-8"))
    assert len(data["report"]) >= 40
    for report in data["report"]:
        assert report["url"].startswith(("http://", "https://"))
        assert "text" not in report
