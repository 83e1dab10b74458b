"""An annotated article as JSON (for scripts) and as a printable HTML handout with ruby readings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from app.core.annotated import AnnotatedParagraph
from app.core.glossary import Glossary
from app.core.notes import sources_line
from app.core.orthography import Capitals, no_capitals, token_pinyin
from app.core.reading_styles import style_reading as convert_reading
from app.core.script_detection import MIXED, SIMPLIFIED, TRADITIONAL, script_runs
from app.core.tones import TONE_PALETTES, ToneRun, character_tones, reading_runs

SCRIPT_LANG = {SIMPLIFIED: "zh-Hans", TRADITIONAL: "zh-Hant"}
META_KEYS = ("title_en", "author", "publisher", "series", "date")

# Chinese in the face of its script (the regional glyph shapes follow `lang`); the notes and
# the line under the title are English, in a Latin face: a CJK face's quotation marks and
# apostrophes are full-width.
STYLE = """
body { font-family: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif;
       margin: 2em auto; max-width: 72em; color: #222; line-height: 1.5; }
:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       sans-serif; }
.meta, .note { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } .meta { color: #666; margin-bottom: 2em; }
.row { display: grid; grid-template-columns: 3fr 2fr; gap: 2em; padding: 0.6em 0; border-top: 1px solid #eee;
       break-inside: avoid; }
.zh { font-size: 1.3em; line-height: 2.4; }
ruby { ruby-position: over; margin: 0 0.08em; } rt { font-size: 0.5em; color: #555; }
.term { border-bottom: 2px solid #3a6fc4; }
.note { font-size: 0.95em; } .note .user { background: #fff8d6; padding: 0.2em 0.4em; }
.annotation { color: #444; font-size: 0.9em; margin-top: 0.4em; }
.sources { color: #666; font-size: 0.8em; margin-top: 0.1em; }
@media print { body { margin: 0; max-width: none; } .row { grid-template-columns: 3fr 2fr; } }
"""
# Tone colours (on paper, the light theme's): a syllable or a character of tone N is in class tN.
TONE_STYLE = "".join(f".t{tone} {{ color: {colour}; }}" for tone, colour in TONE_PALETTES["light"].items())


def article_script(paragraphs: Iterable[AnnotatedParagraph]) -> str:
    """The script most of the article's paragraphs are written in (Traditional when none tells)."""
    counts = {SIMPLIFIED: 0, TRADITIONAL: 0}
    for item in paragraphs:
        if item.paragraph.script in counts:
            counts[item.paragraph.script] += len(item.paragraph.text)
    return SIMPLIFIED if counts[SIMPLIFIED] > counts[TRADITIONAL] else TRADITIONAL


def paragraph_lang(item: AnnotatedParagraph, article: str) -> str:
    """The paragraph's language tag: its own script's, else (mixed, or no telling character) the article's."""
    return SCRIPT_LANG.get(item.paragraph.script, SCRIPT_LANG[article])


def subtitle(meta: Mapping[str, Any]) -> str:
    """The line under a handout's title: the English title, author, publisher, series, date."""
    return " · ".join(str(meta[k]) for k in META_KEYS if meta.get(k))


def _reading(readings: Sequence[str | None]) -> str | None:
    parts = [convert_reading(r, "marks") for r in readings if r]
    return " ".join(parts) if parts else None


def _toned(runs: Iterable[ToneRun], coloured: bool) -> str:
    """Runs of text as HTML, each with a tone in its tone's class when `coloured`."""
    if not coloured:
        return escape("".join(text for text, _ in runs))
    return "".join(
        f'<span class="t{tone}">{escape(text)}</span>' if tone is not None else escape(text) for text, tone in runs
    )


def annotated_json(
    article_id: str, title: str, annotated: Iterable[AnnotatedParagraph], capitals: Capitals = no_capitals
) -> dict[str, Any]:
    """The `annotate --format json` document: paragraphs (with their script), tokens with offsets,
    readings (syllable by syllable, and written as a word), concepts, notes."""
    paragraphs = []
    for item in annotated:
        paragraph = item.paragraph
        tokens = [
            {
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "reading": _reading(t.readings),
                "pinyin": token_pinyin(t.text, t.readings, "marks", capitals) if t.kind == "word" else None,
                "concept": concept,
            }
            for t, concept in zip(paragraph.tokens, item.concepts())
        ]
        notes = [
            {
                "lang": n.lang,
                "text": n.text,
                "source": n.source,
                "annotations": [
                    {"text": a.text, "concepts": list(a.concepts), "sources": list(a.sources)} for a in n.annotations
                ],
            }
            for n in item.notes
        ]
        entry: dict[str, Any] = {"index": paragraph.index, "text": paragraph.text, "script": paragraph.script}
        if paragraph.script == MIXED:  # which sentence is in which script (offsets into the article)
            entry["scripts"] = [
                {"start": paragraph.start + r.start, "end": paragraph.start + r.end, "script": r.script}
                for r in script_runs(paragraph.text)
            ]
        paragraphs.append({**entry, "tokens": tokens, "notes": notes})
    return {"id": article_id, "title": title, "paragraphs": paragraphs}


def annotated_html(
    title: str,
    meta: Mapping[str, Any],
    annotated: Iterable[AnnotatedParagraph],
    glossary: Glossary | None = None,
    capitals: Capitals = no_capitals,
    tones: str = "off",
) -> str:
    """A handout: each paragraph with ruby readings above its words, its notes beside it;
    `tones` colours the readings (readings) or the characters too (characters) by tone."""
    items = list(annotated)
    script = article_script(items)
    rows = []
    for item in items:
        words = []
        for token, concept in zip(item.paragraph.tokens, item.concepts()):
            reading = token_pinyin(token.text, token.readings, "marks", capitals) if token.kind == "word" else None
            text = _toned(zip(token.text, character_tones(token.text, token.readings)), tones == "characters")
            if reading:
                runs = reading_runs(token.text, token.readings, "marks", capitals)
                text = f"<ruby>{text}<rt>{_toned(runs, tones != 'off')}</rt></ruby>"
            if concept:
                found = glossary.get(concept) if glossary is not None else None
                english = found.preferred_english if found is not None else concept
                text = f'<span class="term" title="{escape(english)}">{text}</span>'
            words.append(text)
        notes = []
        for note in item.notes:
            css = "user" if note.source == "user" else "bundled"
            notes.append(f'<p class="{css}">{escape(note.text)}</p>')
            for annotation in note.annotations:
                notes.append(f'<p class="annotation">{escape(annotation.text)}</p>')
                if annotation.sources:
                    notes.append(f'<p class="sources">{escape(sources_line(annotation.sources))}</p>')
        rows.append(
            f'<div class="row"><div class="zh" lang="{paragraph_lang(item, script)}">{"".join(words)}</div>'
            f'<div class="note" lang="en">{"".join(notes)}</div></div>'
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{SCRIPT_LANG[script]}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}{TONE_STYLE if tones != 'off' else ''}</style></head><body>"
        f'<h1>{escape(title)}</h1><div class="meta">{escape(subtitle(meta))}</div>'
        + "\n".join(rows)
        + "</body></html>\n"
    )
