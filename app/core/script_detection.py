"""Which script a text is written in: Simplified, Traditional or neither, by the characters only one
script writes, for a whole text, for each of its sentences, and for a paragraph (mixed when it has both)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.opencc_tables import OpenccTables, tables_in_use
from app.core.provided import MadeFrom

if TYPE_CHECKING:
    import numpy as np

# numpy and the n-gram codes are imported when a text is first looked at, not with this module:
# every layer imports it for its names, and numpy costs about 80 ms of a 300 ms start.

SIMPLIFIED, TRADITIONAL, NEITHER, MIXED = "simplified", "traditional", "neither", "mixed"
SCRIPT_CHOICES = ("auto", SIMPLIFIED, TRADITIONAL)


class _Telltales:
    """Characters only one script writes: 银 only Simplified, 銀 only Traditional.

    A character that a table also maps to itself (后 is Traditional for "empress" and
    Simplified for 後; 台, 干, 里 likewise, or 乾 in 乾隆) tells nothing, so it is left out.
    """

    def __init__(self, tables: OpenccTables) -> None:
        to_trad = tables.candidates("STCharacters.txt")
        to_simp = tables.candidates("TSCharacters.txt")
        simplified = {c for c, v in to_trad.items() if c not in v}
        traditional = {c for c, v in to_simp.items() if c not in v}
        both = simplified & traditional
        self.simplified = frozenset(simplified - both)
        self.traditional = frozenset(traditional - both)


def _kinds_of(tables: OpenccTables) -> np.ndarray:
    """For every code point: 1 for a character only Simplified writes, 2 only Traditional, else 0."""
    import numpy as np

    tells = _Telltales(tables)
    table = np.zeros(0x110000, dtype=np.int8)
    table[[ord(c) for c in tells.simplified]] = 1
    table[[ord(c) for c in tells.traditional]] = 2
    return table


# Made from the tables in use when a text is first looked at (and again if other tables were
# handed over).
_kinds: MadeFrom[OpenccTables, np.ndarray] = MadeFrom(_kinds_of)


def _kind_table() -> np.ndarray:
    return _kinds.get(tables_in_use())


def _verdicts(kinds: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The script of each [start, end) stretch, from the kinds of its characters, all at once."""
    import numpy as np

    simplified = np.concatenate([[0], np.cumsum(kinds == 1)])
    traditional = np.concatenate([[0], np.cumsum(kinds == 2)])
    n_s = simplified[ends] - simplified[starts]
    n_t = traditional[ends] - traditional[starts]
    telling = np.flatnonzero(kinds)
    at = np.searchsorted(telling, starts)
    first = np.where(at < len(telling), kinds[telling[np.minimum(at, len(telling) - 1)]] if len(telling) else 0, 0)
    out = []
    for s, t, f in zip(n_s.tolist(), n_t.tolist(), first.tolist()):
        if s == t:
            out.append(NEITHER if s == 0 else SIMPLIFIED if f == 1 else TRADITIONAL)
        else:
            out.append(SIMPLIFIED if s > t else TRADITIONAL)
    return out


def script_of(text: str) -> str:
    """SIMPLIFIED, TRADITIONAL or NEITHER (no character only one script writes: Latin, digits, 中文).

    The script whose own characters are the more numerous wins; on a tie, the one met first.
    """
    if not text:
        return NEITHER
    import numpy as np

    from app.core import ngrams

    kinds = _kind_table()[ngrams.codes(text).astype(np.int64)]
    return _verdicts(kinds, np.array([0]), np.array([len(text)]))[0]


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of text in one script: offsets into the text, and the script."""

    start: int
    end: int
    script: str


# A quotation is often in the other script (a mainland name quoted in a Taiwan article), so
# quotation marks end a run as sentence ends do.
_RUN_BREAK = re.compile(r"[。！？!?；;…\n\r\u2029]+|[「」『』“”‘’\"《》]")


def script_runs(text: str) -> list[ScriptRun]:
    """The text cut into sentences (and quotations), each with its script, neighbours of one
    script merged. A run of NEITHER between two runs takes no side: it stays NEITHER."""
    if not text:
        return []
    import numpy as np

    from app.core import ngrams

    cuts = sorted({m.end() for m in _RUN_BREAK.finditer(text)} | {len(text)})
    ends = np.array(cuts)
    starts = np.concatenate([[0], ends[:-1]])
    kinds = _kind_table()[ngrams.codes(text).astype(np.int64)]
    runs: list[ScriptRun] = []
    for start, end, script in zip(starts.tolist(), cuts, _verdicts(kinds, starts, ends)):
        if runs and runs[-1].script == script:
            runs[-1] = ScriptRun(runs[-1].start, end, script)
        else:
            runs.append(ScriptRun(start, end, script))
    return runs


def paragraph_script(text: str) -> str:
    """SIMPLIFIED, TRADITIONAL, NEITHER, or MIXED when sentences of both scripts are in it."""
    found = {run.script for run in script_runs(text)} - {NEITHER}
    if not found:
        return NEITHER
    return found.pop() if len(found) == 1 else MIXED


def detect_script(text: str) -> str:
    """'traditional' or 'simplified': the script the text's own characters favour (Traditional
    when none tells)."""
    return SIMPLIFIED if script_of(text) == SIMPLIFIED else TRADITIONAL
