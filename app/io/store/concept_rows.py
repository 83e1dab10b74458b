"""The user's glossary edits as rows of the store's glossary_user table: a concept as JSON and back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from app.core.glossary import ChineseTerm, Concept


def write_user_rows(db: sqlite3.Connection, put: Iterable[Concept], hidden: Iterable[str], now: float) -> None:
    """Inside a transaction: store concepts as the user's rows, and hide (NULL rows) the ids in `hidden`."""
    db.executemany(
        "INSERT INTO glossary_user (id, data, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        [(c.id, json.dumps(concept_to_json(c), ensure_ascii=False), now) for c in put]
        + [(concept_id, None, now) for concept_id in hidden],
    )


def concept_to_json(concept: Concept) -> dict[str, Any]:
    # Spelled out rather than dataclasses.asdict, which deep-copies and costs 0.1 ms a concept.
    return {
        "id": concept.id,
        "category": concept.category,
        "english": list(concept.english),
        "terms": [
            {"text": t.text, "regions": list(t.regions), "status": t.status, "script": t.script, "pinyin": t.pinyin}
            for t in concept.terms
        ],
        "note": concept.note,
        "sources": list(concept.sources),
        "origin": "user",
        "english_deprecated": list(concept.deprecated_english),
    }


def concept_from_json(data: dict[str, Any]) -> Concept:
    terms = tuple(
        ChineseTerm(t["text"], tuple(t["regions"]), t["status"], t.get("script", ""), t.get("pinyin", ""))
        for t in data["terms"]
    )
    return Concept(
        id=data["id"],
        category=data["category"],
        english=tuple(data["english"]),
        terms=terms,
        note=data.get("note", ""),
        sources=tuple(data.get("sources", ())),
        origin="user",
        deprecated_english=tuple(data.get("english_deprecated", ())),
    )
