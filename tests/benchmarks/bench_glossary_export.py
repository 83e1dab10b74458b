"""Exporting 100,000 glossary rows as CSV and TBX, against writing the same rows with a bare csv.writer.

Run: python -m tests.benchmarks.bench_glossary_export [--rows N] [--runs N] [--quick]
Target: 100,000 rows exported in under 2 s (each format).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from app.core.glossary import CATEGORIES, ChineseTerm, Concept
from app.io.glossary import export_tabular, export_tbx
from tests.benchmarks._data import bench_parser, median_time
from tests.benchmarks.report import figure

TERMS_PER_CONCEPT = 4
TARGET_SECONDS = 2.0


def generate(rows: int) -> list[Concept]:
    """Concepts with TERMS_PER_CONCEPT Chinese terms each, with every field filled in."""
    concepts = []
    for number in range(rows // TERMS_PER_CONCEPT):
        base = chr(0x4E00 + number % 20000) + chr(0x4E00 + (number * 7) % 20000)
        terms = tuple(
            ChineseTerm(
                f"{base}{chr(0x5000 + k)}{number}",
                (("CN",), ("TW",), ("HK",), ("CN", "HK"))[k],
                ("preferred", "admitted", "deprecated", "admitted")[k],
                "both",
                "pǔ jīng",
            )
            for k in range(TERMS_PER_CONCEPT)
        )
        concepts.append(
            Concept(
                f"concept-{number}",
                CATEGORIES[number % len(CATEGORIES)],
                (f"Term {number}", f"=alias, {number}"),
                terms,
                note=f'Note {number}, with "quotes", a comma\nand a second line.',
                sources=(f"Source {number}",),
            )
        )
    return concepts


def main() -> None:
    parser = bench_parser(__doc__, runs=3)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    concepts = generate(args.rows)
    rows = [list(row) for row in export_tabular.csv_rows(concepts)]
    work = Path(tempfile.mkdtemp(prefix="duben-bench-"))
    try:

        def bare() -> None:
            with open(work / "bare.csv", "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(export_tabular.CSV_COLUMNS)
                writer.writerows(rows)

        results = [
            ("bare csv.writer (baseline)", median_time(bare, args.runs), work / "bare.csv"),
            (
                "write_csv",
                median_time(lambda: export_tabular.write_csv(concepts, work / "g.csv"), args.runs),
                work / "g.csv",
            ),
            (
                "write_tbx (2019)",
                median_time(lambda: export_tbx.write_tbx(concepts, work / "g.tbx"), args.runs),
                work / "g.tbx",
            ),
            (
                "write_tbx2008",
                median_time(lambda: export_tbx.write_tbx2008(concepts, work / "g8.tbx"), args.runs),
                work / "g8.tbx",
            ),
            (
                "write_omegat",
                median_time(lambda: export_tabular.write_omegat(concepts, work / "g.txt"), args.runs),
                work / "g.txt",
            ),
        ]
        (label, baseline, path), *exports = results
        print(
            f"{len(rows):,} rows ({len(concepts):,} concepts x {TERMS_PER_CONCEPT} terms); median of {args.runs} runs"
        )
        print(
            f"{label:28s} {baseline:6.3f} s  {len(rows) / baseline:10,.0f} rows/s  {path.stat().st_size / 1e6:6.1f} MB"
        )
        for label, seconds, path in exports:
            figure(
                "glossary export",
                f"{label}, {len(rows):,} rows",
                seconds,
                "s",
                baseline=baseline,
                baseline_name="bare csv.writer",
                target=TARGET_SECONDS,
                detail=f"{len(rows) / seconds:,.0f} rows/s, {path.stat().st_size / 1e6:.1f} MB",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
