"""Killing the app (SIGKILL) at random moments while it writes, many times over: afterwards the
store opens, passes its integrity check, and holds each change whole or not at all; exported
files are the old file or the whole new one, never half of one."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.io.paths import resolve
from app.io.store.user_store import Store

ROOT = Path(__file__).resolve().parents[1]
KILLS = int(os.environ.get("DUBEN_CRASH_KILLS", "25"))  # per kind of write; raise it for a longer soak
SEED = int(os.environ.get("DUBEN_CRASH_SEED", str(random.randrange(1 << 30))))

# The child does one kind of write over and over through the app's own code, and says
# "ready" once its first round is stored, so that every kill lands among the writes.
CHILD = r"""
import sys
from app.services.context import AppContext
from app.io.paths import resolve

kind, home = sys.argv[1], sys.argv[2]
context = AppContext(resolve(home))
store = context.store
round_ = int(sys.argv[3])


def say_ready():
    if round_ == start:
        print("ready", flush=True)


start = round_
if kind == "import":
    from app.services.library import import_text
    from app.services.documents import Documents
    from app.io.articles.importers import read_pasted
    documents = Documents(context)
    while True:
        text = "\n\n".join(f"第{round_}篇第{p}段。普丁與川普在阿拉斯加會面。" for p in range(120))
        article_id = import_text(context, read_pasted(text, f"article {round_}"))
        say_ready()
        # Opening it fills the paragraph cache, which a kill must not damage either.
        documents.paragraphs(documents.article(article_id), range(6))
        round_ += 1
elif kind == "notes":
    from app.core.notes import fingerprint
    from app.core.text import paragraph_spans
    from app.io.articles.bundled import bundled_article
    article = bundled_article("newtalk-alaska-concert")
    paragraphs = [article.text[a:b] for a, b in paragraph_spans(article.text)]
    while True:
        for index, paragraph in enumerate(paragraphs[:20]):
            store.set_user_note(article.id, index, fingerprint(paragraph), f"round {round_} paragraph {index}")
        say_ready()
        round_ += 1
elif kind == "glossary":
    from app.core.glossary import ChineseTerm, Concept
    from app.io.glossary.export import export
    out = sys.argv[4]
    while True:
        batch = [Concept(f"crash-{i}", "concept", (f"generation {round_}",), (ChineseTerm(f"測試詞{i}號", ("TW",)),))
                 for i in range(40)]
        store.put_concepts(batch)  # an import: all forty or none
        putin = context.glossary.get("vladimir-putin")
        store.put_concept(Concept(putin.id, putin.category, putin.english, putin.terms, f"edit {round_}"))
        store.delete_concept("yalta-conference") if round_ % 2 else store.reset_concept("yalta-conference")
        glossary = context.reload_glossary()
        export([c for c in glossary if c.id.startswith("crash-")], out + ".csv", "csv")
        export([c for c in glossary if c.id.startswith("crash-")], out + ".tbx", "tbx")
        say_ready()
        round_ += 1
"""


def kill_during(kind: str, home: Path, rng: random.Random, *extra: str) -> None:
    """Start a writer, let it write for a random while, then SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, str(home), str(rng.randrange(1000)), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == b"ready", process.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.6))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def open_store(home: Path) -> Store:
    return Store(resolve(home).data)  # runs PRAGMA integrity_check on an existing store, or raises


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["import", "notes", "glossary"])
def test_kills_at_random_moments_never_leave_half_a_change(tmp_path, kind):
    rng = random.Random(f"{SEED}-{kind}")
    home = tmp_path / "home"
    out = tmp_path / "export"
    print(f"seed {SEED}, {KILLS} kills")
    for attempt in range(KILLS):
        kill_during(kind, home, rng, str(out))
        store = open_store(home)
        try:
            CHECKS[kind](store, home, out)
        except AssertionError as error:
            raise AssertionError(f"after kill {attempt + 1} (DUBEN_CRASH_SEED={SEED}): {error}") from None
        finally:
            store.close()


def check_import(store: Store, home: Path, _out: Path) -> None:
    from app.services.context import AppContext
    from app.services.documents import Documents

    articles = [store.article(a.id) for a in store.articles()]
    assert articles
    for article in articles:
        number = int(re.fullmatch(r"article (\d+)", article.title).group(1))
        expected = "\n\n".join(f"第{number}篇第{p}段。普丁與川普在阿拉斯加會面。" for p in range(120)) + "\n"
        assert article.text == expected and article.meta["paragraphs"] == 120, article.title
    # The paragraph cache, written while the kill came, still gives whole paragraphs.
    context = AppContext(resolve(home))
    try:
        documents = Documents(context)
        last = documents.article(articles[-1].id)
        for paragraph in documents.paragraphs(last, range(6)):
            assert "".join(t.text for t in paragraph.tokens) == paragraph.text
    finally:
        context.store.close()


def check_notes(store: Store, _home: Path, _out: Path) -> None:
    notes = store.user_notes("newtalk-alaska-concert")
    assert [n.paragraph for n in notes] == list(range(20))
    rounds = []
    for note in notes:
        match = re.fullmatch(r"round (\d+) paragraph (\d+)", note.text)
        assert match and int(match.group(2)) == note.paragraph, note.text
        rounds.append(int(match.group(1)))
    # Notes are written in paragraph order: the earlier ones may be one round ahead, no more.
    assert rounds == sorted(rounds, reverse=True) and rounds[0] - rounds[-1] <= 1, rounds


def check_glossary(store: Store, _home: Path, out: Path) -> None:
    from app.io.glossary.importing import import_file

    concepts = store.user_concepts()
    batch = {c.english[0] for cid, c in concepts.items() if cid.startswith("crash-")}
    assert len([cid for cid in concepts if cid.startswith("crash-")]) == 40 and len(batch) == 1, batch
    assert concepts["vladimir-putin"].note.startswith("edit ")
    for suffix in (".csv", ".tbx"):
        path = out.with_suffix(suffix)
        assert path.exists()
        report = import_file(path)
        assert len(report.concepts) == 40 and not report.rejected, (suffix, report.rejected[:3])
        assert len({c.english[0] for c in report.concepts}) == 1


CHECKS = {"import": check_import, "notes": check_notes, "glossary": check_glossary}
