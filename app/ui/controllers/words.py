"""A student's tools in the window: word statuses (keys 1-3), figures, and corrections at the cursor."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from app.core.vocabulary import sentence_around, stats

STATUS_KEYS = {"1": "new", "2": "learning", "3": "known"}


class WordsMixin:
    """Needs the window's `view`, `context`, `documents`, `article` and `tasks`."""

    def _current_token(self):
        target = self.view.current or self.view._hover_target
        if target is None:
            return None, None
        return self._token(*target)

    # -- statuses ------------------------------------------------------------------------------
    def mark_word(self, status: str | None) -> str | None:
        """Give the selected (or hovered) word a status; returns the word."""
        paragraph, token = self._current_token()
        if token is None or self.article is None:
            return None
        sentence = sentence_around(self.article.text, token.start, token.end)
        self.context.store.set_word_status(token.text, status, sentence, self.article.id)
        self.refresh_statuses()
        self.statusBar().showMessage(f"{token.text}: {status or 'forgotten'}", 3000)
        return token.text

    def refresh_statuses(self) -> None:
        statuses = self.context.store.word_statuses()
        self.view.statuses = statuses
        self.view.set_options(known=frozenset(w for w, s in statuses.items() if s == "known"))
        self.update_figures()

    def update_figures(self) -> None:
        if self.article is None:
            return
        paragraphs = [self.view.paragraphs[i] for i in sorted(self.view.paragraphs)]
        figures = stats(self.documents.annotated(self.article, sorted(self.view.paragraphs)), self.view.statuses)
        partial = len(paragraphs) < len(self.view.spans)
        scope = f" (in the {len(paragraphs)} paragraphs read so far)" if partial else ""
        self.status.setText(
            f"{self.article.title}: {len(self.view.spans)} paragraphs; {figures.words} words, "
            f"{figures.distinct} distinct, {figures.share_known:.0%} known{scope}"
        )

    # -- corrections ---------------------------------------------------------------------------
    def _apply_corrections(self, fixes, paragraph_index: int) -> None:
        self.context.store.set_corrections(self.article.id, fixes)
        from app.ui.main_window import annotate_rows

        paragraphs, terms = annotate_rows(self.documents, self.article, [paragraph_index])
        self.view.add_paragraphs(paragraphs, terms)
        self.view.current = None

    def split_word(self, at: int | None = None) -> bool:
        """Split the selected word at a character offset inside it (asks where when not given)."""
        paragraph, token = self._current_token()
        if token is None or len(token.text) < 2:
            return False
        if at is None:
            choices = [f"{token.text[:i]}|{token.text[i:]}" for i in range(1, len(token.text))]
            choice, accepted = QInputDialog.getItem(self, "Split word", "Where:", choices, 0, False)
            if not accepted:
                return False
            at = token.start + choices.index(choice) + 1
        if not token.start < at < token.end:
            return False
        self._apply_corrections(self.documents.corrections(self.article).split_at(at), paragraph.index)
        return True

    def merge_with_next(self) -> bool:
        paragraph, token = self._current_token()
        if token is None:
            return False
        self._apply_corrections(self.documents.corrections(self.article).merge_at(token.end), paragraph.index)
        return True

    def correct_reading(self, position: int | None = None, reading: str | None = None) -> bool:
        """Choose the reading of one character of the selected word among its readings."""
        paragraph, token = self._current_token()
        if token is None:
            return False
        if position is None or reading is None:
            from pypinyin import Style, pinyin

            options = []
            for offset, char in enumerate(token.text):
                for candidate in pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]:
                    options.append((token.start + offset, char, candidate.replace("ü", "v")))
            if not options:
                return False
            labels = [f"{char}  {candidate}" for _, char, candidate in options]
            choice, accepted = QInputDialog.getItem(self, "Reading", "Reading of:", labels, 0, False)
            if not accepted:
                return False
            position, _, reading = options[labels.index(choice)]
        fixes = self.documents.corrections(self.article).with_reading(position, reading)
        self._apply_corrections(fixes, paragraph.index)
        return True

    def reset_corrections(self) -> None:
        from app.core.text import Corrections

        if self.article is None:
            return
        self.context.store.set_corrections(self.article.id, Corrections())
        self.open_article(self.article.id)
