"""Article import speed: a 2 MB novel read as UTF-8, Big5 and GB18030, and what charset detection costs.

Run: python -m tests.benchmarks.bench_import [--runs N] [--quick]
Baseline for each read: decoding the same bytes with their known encoding, the least any import costs.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import opencc
from charset_normalizer import from_bytes

from app.io.articles.decode import SAMPLE_BYTES, choose_legacy
from app.io.articles.importers import read_article_file
from tests.benchmarks._data import bench_parser, median_time, require
from tests.benchmarks.report import figure


def read_figure(path: Path, encoding: str, runs: int) -> str:
    """Time read_article_file on `path` against a bare decode; returns the encoding it found."""
    found = read_article_file(path).encoding
    seconds = median_time(lambda: read_article_file(path), runs)
    bare = median_time(lambda: path.read_bytes().decode(encoding), runs)
    figure(
        "import",
        f"read {path.stat().st_size / 1e6:.1f} MB as {encoding}",
        seconds * 1e3,
        "ms",
        baseline=bare * 1e3,
        baseline_name="bare decode",
        detail=f"detected as {found}",
    )
    return found


def main() -> None:
    args = bench_parser(__doc__, runs=5).parse_args()
    source = require("longtext/xiyouji.txt")
    text = source.read_text(encoding="utf-8")
    simplified = opencc.OpenCC("t2s").convert(text)
    print(f"{source.name}: {source.stat().st_size / 1e6:.2f} MB, {len(text):,} characters")
    first = time.perf_counter()
    read_article_file(source)
    print(f"  utf-8 (first call, imports included): {time.perf_counter() - first:.3f} s")
    read_figure(source, "utf-8", args.runs)
    with tempfile.TemporaryDirectory() as folder:
        for encoding, body in (("cp950", text), ("big5hkscs", text), ("gb18030", simplified)):
            path = Path(folder) / f"{encoding}.txt"
            path.write_bytes(body.encode(encoding, errors="replace"))
            read_figure(path, encoding, args.runs)
        sample = text.encode("cp950", errors="replace")
        start = time.perf_counter()
        from_bytes(sample).best()
        whole = (time.perf_counter() - start) * 1e3
        figure(
            "import",
            f"choose_legacy on the {SAMPLE_BYTES // 1024} KB sample",
            median_time(lambda: choose_legacy(sample[:SAMPLE_BYTES]), args.runs) * 1e3,
            "ms",
            baseline=whole,
            baseline_name=f"charset_normalizer on the whole {len(sample) / 1e6:.1f} MB",
        )


if __name__ == "__main__":
    main()
