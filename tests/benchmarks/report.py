"""Key benchmark figures: one line each in the same shape, and a JSON record for the combined report.

A benchmark calls figure() for each figure that has a target or a baseline measured in the same
run. When $DUBEN_BENCH_REPORT names a file (python -m tests.benchmarks sets it), the record is
appended to it as one JSON line, which the report gathers into its summary table.
"""

from __future__ import annotations

import json
import os

REPORT_ENV = "DUBEN_BENCH_REPORT"


def number(value: float, apart_from: float | None = None) -> str:
    """As many digits as a noisy measurement deserves: 0.820, 2.41, 16.3, 387, 1,204; and more
    where needed to tell it from `apart_from` (its target), so a missed 0.8199 never reads 0.820."""
    size = abs(value)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 1 else 3
    while (
        apart_from is not None
        and value != apart_from
        and decimals < 6
        and f"{value:,.{decimals}f}" == f"{apart_from:,.{decimals}f}"
    ):
        decimals += 1
    return f"{value:,.{decimals}f}"


def figure(
    area: str,
    name: str,
    value: float,
    unit: str,
    *,
    baseline: float | None = None,
    baseline_name: str | None = None,
    target: float | None = None,
    target_kind: str = "value",
    better: str = "lower",
    detail: str = "",
) -> dict:
    """Print one key figure and record it; returns the record.

    ratio is value / baseline. The target bounds the value itself (target_kind="value": p99 < 1 ms,
    F1 >= 0.82) or the ratio (target_kind="ratio": at most 2x a plain jieba script); `better` says
    which side of it is good. A bound reached exactly counts as met.
    """
    if better not in ("lower", "higher") or target_kind not in ("value", "ratio"):
        raise ValueError(f"better={better!r}, target_kind={target_kind!r}")
    if target is not None and target_kind == "ratio" and not baseline:
        raise ValueError(f"{name}: a ratio target needs a baseline")
    ratio = value / baseline if baseline else None
    measured = ratio if target_kind == "ratio" else value
    met = None if target is None else (measured <= target if better == "lower" else measured >= target)
    record = {
        "area": area,
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_name": baseline_name,
        "ratio": ratio,
        "target": target,
        "target_kind": target_kind,
        "better": better,
        "met": met,
        "detail": detail,
    }
    print(line(record), flush=True)
    path = os.environ.get(REPORT_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record


def _target_of(record: dict, kind: str) -> float | None:
    return record["target"] if record["target_kind"] == kind else None


def value_text(record: dict) -> str:
    return f"{number(record['value'], _target_of(record, 'value'))} {record['unit']}".rstrip()


def ratio_text(record: dict) -> str:
    return "" if record["ratio"] is None else f"{number(record['ratio'], _target_of(record, 'ratio'))}x"


def target_text(record: dict) -> str:
    if record["target"] is None:
        return ""
    side = "<=" if record["better"] == "lower" else ">="
    if record["target_kind"] == "ratio":
        return f"ratio {side} {number(record['target'])}x"
    return f"{side} {number(record['target'])} {record['unit']}".rstrip()


def status_text(record: dict) -> str:
    return "" if record["met"] is None else ("met" if record["met"] else "MISSED")


def line(record: dict) -> str:
    parts = [f"[{record['area']}] {record['name']}: {value_text(record)}"]
    if record["ratio"] is not None:
        baseline = f"{number(record['baseline'])} {record['unit']}".rstrip()
        parts.append(f"{ratio_text(record)} {record['baseline_name'] or 'the baseline'} ({baseline})")
    if record["target"] is not None:
        parts.append(f"target {target_text(record)}: {status_text(record)}")
    if record["detail"]:
        parts.append(record["detail"])
    return "; ".join(parts)
