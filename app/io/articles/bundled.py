"""The bundled articles: their text and metadata from resources/articles/<id>/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

BUNDLED_ARTICLES = Path(__file__).resolve().parents[3] / "resources" / "articles"


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    source: str  # "bundled", or where an imported text came from
    meta: dict[str, Any] = field(default_factory=dict, compare=False)  # meta.toml as read
    folder: Path | None = None


def _read(folder: Path) -> Article:
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    text = (folder / "article.txt").read_text(encoding="utf-8")
    title = meta.get("title_zh") or meta.get("title_en") or folder.name
    return Article(meta.get("id", folder.name), title, text, "bundled", meta, folder)


@cache
def bundled_articles(root: Path = BUNDLED_ARTICLES) -> tuple[Article, ...]:
    """The articles the app ships with, in a stable order."""
    return tuple(_read(folder) for folder in sorted(root.iterdir()) if (folder / "meta.toml").is_file())


def bundled_article(article_id: str) -> Article | None:
    return next((a for a in bundled_articles() if a.id == article_id), None)
