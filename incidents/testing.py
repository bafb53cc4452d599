"""Helpers shared by tests, benchmarks and demos (in the manner of structlog.testing).

Nothing here is used by the product itself.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ROOT",
    "SEEDS",
    "free_port",
    "serve_dashboard",
    "synthetic_articles",
]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: Debian's Chromium; Playwright's own browser download is never used.
CHROMIUM = os.environ.get("INCIDENTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_dashboard(
    data_dir: Path, *, port: int | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a fresh store in ``data_dir``; yield its URL.

    The store is seeded from ``seeds/`` on the first page load, as for a user.
    """
    port = port or free_port()
    env = dict(
        os.environ,
        INCIDENTS_DATA_DIR=str(data_dir),
        INCIDENTS_DB_URL=f"sqlite:///{Path(data_dir) / 'incidents.sqlite'}",
        INCIDENTS_SEEDS_DIR=str(SEEDS),
    )
    log_path = Path(data_dir) / "streamlit.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(
                            f"streamlit did not start: {log_path.read_text()[-2000:]}"
                        ) from None
                    time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def synthetic_articles(count: int, size: int = 3000, seed: int = 7) -> list[str]:
    """Distinct report-like texts of about ``size`` characters, for throughput tests.

    Built from the labelled reports and the seed article; every sentence gets a
    varied figure so that no two articles share a sentence (per-text caches
    cannot help), while place names repeat as they do in real news.
    """
    import random
    import re
    import tomllib

    corpus = ROOT / "tests" / "incidents" / "corpus" / "reports.toml"
    texts = [r["text"] for r in tomllib.loads(corpus.read_text(encoding="utf-8"))["report"]]
    texts += [p.read_text(encoding="utf-8").split("\n", 1)[-1] for p in SEEDS.glob("*.txt")]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 40]
    rnd = random.Random(seed)
    out = []
    for n in range(count):
        parts, length = [f"date 2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"], 0
        while length < size:
            sentence = rnd.choice(sentences)
            sentence = (
                sentence.rstrip(".")
                + f", one of {rnd.randint(2, 99)} such reports (item {n}-{length})."
            )
            parts.append(sentence)
            length += len(sentence) + 1
        out.append("\n".join(parts[:1]) + "\n" + " ".join(parts[1:]))
    return out
