"""Run every benchmark and print one table: ``make bench``.

Targets live here, not in timed tests: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import (
    bench_backends,
    bench_dashboard,
    bench_export,
    bench_extract,
    bench_focus,
    bench_geo,
    bench_import,
    bench_map,
    bench_scale,
)

SUITES = {
    "geo": bench_geo.run,
    "extract": bench_extract.run,
    "focus": bench_focus.run,
    "map": bench_map.run,
    "scale": bench_scale.run,
    "dashboard": bench_dashboard.run,
    "import": bench_import.run,
    "export": bench_export.run,
    "backends": bench_backends.run_suite,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="*", choices=[*SUITES, []], help="default: all")
    args = parser.parse_args()
    rows = []
    for name in args.suites or SUITES:
        rows.extend(SUITES[name]())
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'result':>14}  {'target':>14}  status")
    print("-" * (width + 42))
    for label, value, unit, target, ok in rows:
        shown = f"{value:,.1f} {unit}"
        print(f"{label:<{width}}  {shown:>14}  {target:>14}  {'ok' if ok else 'MISSED'}")
    sys.exit(0)


if __name__ == "__main__":
    main()
