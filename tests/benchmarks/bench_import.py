"""Article import speed: a 2 MB novel read as UTF-8, Big5 and GB18030, and what charset detection costs.

Run: python -m tests.benchmarks.bench_import
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import opencc
from charset_normalizer import from_bytes

from app.io.import_decode import SAMPLE_BYTES, choose_legacy
from app.io.importers import read_article_file
from tests.benchmarks._data import median_time, require


def main() -> None:
    source = require("longtext/xiyouji.txt")
    text = source.read_text(encoding="utf-8")
    simplified = opencc.OpenCC("t2s").convert(text)
    print(f"{source.name}: {source.stat().st_size / 1e6:.2f} MB, {len(text):,} characters")
    first = time.perf_counter()
    read_article_file(source)
    print(f"  utf-8 (first call, imports included): {time.perf_counter() - first:.3f} s")
    print(f"  utf-8: {median_time(lambda: read_article_file(source)):.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        for encoding, body in (("cp950", text), ("big5hkscs", text), ("gb18030", simplified)):
            path = Path(folder) / f"{encoding}.txt"
            path.write_bytes(body.encode(encoding, errors="replace"))
            result = read_article_file(path)
            seconds = median_time(lambda: read_article_file(path))
            print(f"  {encoding}: {path.stat().st_size / 1e6:.2f} MB read in {seconds:.3f} s as {result.encoding}")
        sample = text.encode("cp950", errors="replace")
        print(f"  choose_legacy on the {SAMPLE_BYTES // 1024} KB sample: "
              f"{median_time(lambda: choose_legacy(sample[:SAMPLE_BYTES])):.3f} s")
        start = time.perf_counter()
        from_bytes(sample).best()
        print(f"  (charset_normalizer on the whole {len(sample) / 1e6:.1f} MB instead: {time.perf_counter() - start:.2f} s)")


if __name__ == "__main__":
    main()
