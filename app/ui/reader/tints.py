"""Reader tints: each colours word boxes for one reason (a find hit, a word's status, a glossary category).

A tint is a small class with one method, `mark(box)`, which says how to colour a box or passes
(None). The painter asks the tints in their order: the first fill and the first underline win,
so a find hit shows over a word's status. Tints are chosen by name from `TINTS`; a new tint
(say, by word frequency) is one more class there, and the screen or the print list names it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtGui import QColor, QPen

from app.core.text import WORD
from app.ui.glossary.categories import CATEGORY_COLOURS
from app.ui.reader.colours import Colours
from app.ui.reader.layout import WordBox

CATEGORY_LINE_WIDTH = 2.5
STUDIED = ("new", "learning", "known")  # the statuses a word can be marked with


@dataclass(frozen=True)
class Mark:
    """How one tint colours a box: a fill behind the word, a line under it, or both."""

    fill: QColor | None = None  # None leaves the ground as it is
    underline: QPen | None = None
    apart: bool = False  # the line stops short of the box's edges, so two marked neighbours show apart


@dataclass(frozen=True)
class TintInputs:
    """What tints may read besides the box, fixed for one paint."""

    colours: Colours
    statuses: Mapping[str, str]  # word -> new / learning / known
    highlights: Sequence[tuple[int, int]] = ()  # find hits, article offsets, in text order, not overlapping
    current_hit: tuple[int, int] | None = None  # the one of them the find bar is at
    above_level: Callable[[str], bool] | None = None  # words above the student's HSK level; None: no level set


class Tint(ABC):
    name: ClassVar[str]

    def __init__(self, inputs: TintInputs) -> None:
        self.inputs = inputs

    @abstractmethod
    def mark(self, box: WordBox) -> Mark | None:
        """How this tint colours `box`, or None to leave it to the next one."""


class FindTint(Tint):
    """The hits of the find bar; the current one stronger and underlined, so F3 can be followed."""

    name = "find"

    def __init__(self, inputs: TintInputs) -> None:
        super().__init__(inputs)
        self._starts = [start for start, _ in inputs.highlights]
        self._mark = Mark(fill=inputs.colours.find)
        self._current = Mark(fill=inputs.colours.find_current, underline=inputs.colours.pen_find_current)

    def mark(self, box: WordBox) -> Mark | None:
        # Hits do not overlap and run in text order: the one starting last before the box's end
        # is the only one that can cover it.
        at = bisect_right(self._starts, box.end - 1) - 1
        if at >= 0 and self.inputs.highlights[at][1] > box.start:
            return self._current if self.inputs.highlights[at] == self.inputs.current_hit else self._mark
        return None


class StatusTint(Tint):
    """Words marked with one status (glossary names are not vocabulary), filled with the
    reader's colour of the same name (`Colours.new`, `Colours.learning`)."""

    status: ClassVar[str]

    def __init__(self, inputs: TintInputs) -> None:
        super().__init__(inputs)
        self._mark = Mark(fill=getattr(inputs.colours, self.status))

    def mark(self, box: WordBox) -> Mark | None:
        if box.kind == WORD and not box.category and self.inputs.statuses.get(box.text) == self.status:
            return self._mark
        return None


class NewTint(StatusTint):
    """Words marked new: a look of their own, so that marking one shows."""

    name = status = "new"


class LearningTint(StatusTint):
    """Words the user is learning."""

    name = status = "learning"


class UnknownTint(Tint):
    """Words without a status yet (new ones have their own tint, before this one)."""

    name = "unknown"

    def __init__(self, inputs: TintInputs) -> None:
        super().__init__(inputs)
        self._mark = Mark(fill=inputs.colours.unknown)

    def mark(self, box: WordBox) -> Mark | None:
        if box.kind == WORD and not box.category and self.inputs.statuses.get(box.text) not in STUDIED:
            return self._mark
        return None


class AboveLevelTint(Tint):
    """Words above the student's HSK level (or in no HSK list), underlined with dots: a line, so a
    word's status still shows; glossary names have their own line and no level."""

    name = "above-level"

    def __init__(self, inputs: TintInputs) -> None:
        super().__init__(inputs)
        self._mark = Mark(underline=inputs.colours.pen_above_level, apart=True)

    def mark(self, box: WordBox) -> Mark | None:
        above = self.inputs.above_level
        if above is not None and box.kind == WORD and not box.category and above(box.text):
            return self._mark
        return None


class CategoryTint(Tint):
    """Glossary terms, underlined in their category's colour."""

    name = "category"

    def __init__(self, inputs: TintInputs) -> None:
        super().__init__(inputs)
        self._marks = {
            category: Mark(underline=QPen(colour, CATEGORY_LINE_WIDTH)) for category, colour in CATEGORY_COLOURS.items()
        }

    def mark(self, box: WordBox) -> Mark | None:
        if not box.category:
            return None
        return self._marks.get(box.category, self._marks["other"])


TINTS: dict[str, type[Tint]] = {
    tint.name: tint for tint in (FindTint, NewTint, LearningTint, UnknownTint, AboveLevelTint, CategoryTint)
}
# On screen every tint (the PDF handout is drawn by app.io.articles.handout_pdf, as the HTML one).
SCREEN_TINTS = ("find", "new", "learning", "unknown", "above-level", "category")


def make_tints(names: Sequence[str], inputs: TintInputs) -> tuple[Tint, ...]:
    return tuple(TINTS[name](inputs) for name in names)
