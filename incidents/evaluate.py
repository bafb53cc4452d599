"""Score extraction against a labelled set of reports (see tests/incidents/corpus).

Used by the accuracy test and by ``make bench``; prints per-field figures.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.gazetteer import Gazetteer
from incidents.extract import article_from_text, extract
from incidents.model import Incident
from incidents.routes import ROUTE_PREFIX

__all__ = ["RouteResult", "Score", "evaluate", "evaluate_routes", "load_reports"]


def load_reports(path: Path, texts: Path | None = None) -> list[dict[str, Any]]:
    """The labelled reports in a TOML file.

    A report without its own ``text`` (a real article, labelled by address
    only) takes it from ``<texts>/<id>.txt``; reports whose file is missing
    are left out, so a folder holding some of the articles scores those.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    reports = []
    for report in data["report"]:
        if "text" not in report:
            file = (texts or path.parent) / f"{report['id']}.txt"
            if not file.is_file():
                continue
            report = {**report, "text": file.read_text(encoding="utf-8")}
        reports.append(report)
    return reports


@dataclass
class Score:
    """Per-field results over a labelled set."""

    n: int = 0
    found: int = 0
    date_ok: int = 0
    type_ok: int = 0
    none_ok: int = 0
    none_n: int = 0
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {"actors": [0, 0, 0], "responders": [0, 0, 0], "regions": [0, 0, 0]}
    )
    misses: list[str] = field(default_factory=list)

    def f1(self, name: str) -> float:
        """Micro-averaged F1 of a set-valued field."""
        tp, fp, fn = self.counts[name]
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)

    @property
    def found_rate(self) -> float:
        """Share of reports of an incident that gave one at all."""
        return self.found / self.n if self.n else 1.0

    @property
    def date_accuracy(self) -> float:
        """Share of reports whose start date and precision are exactly right."""
        return self.date_ok / self.n if self.n else 1.0

    @property
    def type_accuracy(self) -> float:
        """Share of reports whose event type is right."""
        return self.type_ok / self.n if self.n else 1.0

    def table(self) -> str:
        """The figures as a small text table."""
        rows = [
            ("incident found", self.found_rate),
            ("date (exact)", self.date_accuracy),
            ("actors F1", self.f1("actors")),
            ("responders F1", self.f1("responders")),
            ("regions F1", self.f1("regions")),
            ("event type", self.type_accuracy),
            ("no-incident reports left empty", self.none_ok / self.none_n if self.none_n else 1.0),
        ]
        return "\n".join(f"{label:<32} {value:6.3f}" for label, value in rows)


def _count(score: Score, name: str, got: Iterable[str], want: Iterable[str], rid: str) -> None:
    g, w = set(got), set(want)
    c = score.counts[name]
    c[0] += len(g & w)
    c[1] += len(g - w)
    c[2] += len(w - g)
    if g != w:
        score.misses.append(f"{rid}: {name} got {sorted(g)} want {sorted(w)}")


def evaluate(reports: list[dict[str, Any]], gazetteer: Gazetteer) -> Score:
    """Extract every report and compare its main incident with the labels."""
    gaz = gazetteer
    score = Score()
    for report in reports:
        article = article_from_text(
            report["text"], published=dt.date.fromisoformat(report["published"])
        )
        drafts = extract(article, gazetteer=gaz)
        want = report["expected"]
        if want.get("none"):
            score.none_n += 1
            score.none_ok += not drafts
            if drafts:
                score.misses.append(
                    f"{report['id']}: expected no incident, got {drafts[0].title!r}"
                )
            continue
        score.n += 1
        main: Incident | None = drafts[0] if drafts else None
        score.found += main is not None
        if main is None:
            score.misses.append(f"{report['id']}: no incident found")
            for name in ("actors", "responders", "regions"):
                _count(score, name, [], want[name], report["id"])
            continue
        if (main.start_date.isoformat(), main.date_precision) == (
            want["start_date"],
            want["date_precision"],
        ):
            score.date_ok += 1
        else:
            score.misses.append(
                f"{report['id']}: date got {main.start_date} {main.date_precision} "
                f"want {want['start_date']} {want['date_precision']}"
            )
        if main.event_type == want["event_type"]:
            score.type_ok += 1
        else:
            score.misses.append(
                f"{report['id']}: type got {main.event_type} want {want['event_type']}"
            )
        _count(score, "actors", main.actors, want["actors"], report["id"])
        _count(score, "responders", main.responders, want["responders"], report["id"])
        _count(
            score,
            "regions",
            _region_names(main, gaz, set(want["regions"])),
            want["regions"],
            report["id"],
        )
    return score


def _region_names(incident: Incident, gaz: Gazetteer, wanted: set[str]) -> set[str]:
    """The names of where an incident was drafted, as the labels name places.

    A focus region or place counts either way, so a sea from a background
    paragraph drafted as the focus is a false positive; so does each place
    of a route. Context (the sea a point lies in, an ocean named for
    orientation) never claims where it happened: it counts only when the
    label names it. Points and whole countries have no name the labels use.
    """
    names = set()
    for loc in incident.locations:
        if loc.kind == "route":
            names.update(loc.name.removeprefix(ROUTE_PREFIX).split(" → "))
            continue
        if loc.kind in ("point", "country"):
            continue
        name = (
            gaz.by_id[loc.feature_id].name
            if loc.feature_id and loc.feature_id in gaz.by_id
            else loc.name
        )
        if loc.role == "focus" or name in wanted:
            names.add(name)
    return names


@dataclass(frozen=True)
class RouteResult:
    """One report's drafted route beside its label."""

    id: str
    want: tuple[str, ...]
    got: tuple[str, ...]

    @property
    def in_order(self) -> bool:
        """Every place, in the order passed (or rightly no route at all)."""
        return self.got == self.want

    @property
    def direction(self) -> bool:
        """The route starts and ends where the label says (or rightly no route)."""
        if not self.want or not self.got:
            return self.want == self.got
        return (self.got[0], self.got[-1]) == (self.want[0], self.want[-1])

    def line(self) -> str:
        """One line of the per-report table."""
        mark = "ok" if self.in_order else ("direction ok" if self.direction else "MISS")
        got = " → ".join(self.got) or "(no route)"
        want = " → ".join(self.want) or "(no route)"
        return f"{self.id:<26} {mark:<13} got {got}" + ("" if self.in_order else f"; want {want}")


def evaluate_routes(reports: list[dict[str, Any]], gazetteer: Gazetteer) -> list[RouteResult]:
    """Draft each report's main incident and compare its schematic route with the label."""
    gaz = gazetteer
    results = []
    for report in reports:
        article = article_from_text(
            report["text"], published=dt.date.fromisoformat(report["published"])
        )
        drafts = extract(article, gazetteer=gaz)
        routes = [
            loc.name.removeprefix(ROUTE_PREFIX).split(" → ")
            for loc in (drafts[0].locations if drafts else ())
            if loc.kind == "route" and loc.name.startswith(ROUTE_PREFIX)
        ]
        got = tuple(routes[0]) if routes else ()
        results.append(RouteResult(report["id"], tuple(report["route"]), got))
    return results
