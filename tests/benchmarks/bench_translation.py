"""Translation checks on a whole bundled article: the user's translation (here the bundled
English, set as the user's) checked against the glossary and the source.

Run: python -m tests.benchmarks.bench_translation [--runs N] [--quick]

Baseline, measured in the same run: one pass of the glossary's matcher over every paragraph's
text, the least any terminology check has to do. Target: under 50 ms for each bundled article.
"""

from __future__ import annotations

import tempfile

from tests.benchmarks._data import bench_parser, median_time
from tests.benchmarks.report import figure

TARGET_MS = 50.0


def main() -> None:
    args = bench_parser(__doc__, runs=21).parse_args()

    from app.core.translation import check_translation
    from app.io.paths import resolve
    from app.services.context import AppContext
    from app.services.documents import Documents
    from app.services.translation import ArticleTranslation

    with tempfile.TemporaryDirectory(prefix="duben-bench-") as home:
        context = AppContext(resolve(home))
        documents = Documents(context)
        glossary = context.glossary
        for summary in [s for s in documents.summaries() if s.bundled]:
            work = ArticleTranslation(documents, documents.article(summary.id))
            paragraphs = documents.annotated(work.article)  # annotated once, then cached
            translations = work.bundled()
            target = work.target()
            findings = check_translation(paragraphs, translations, glossary, target)  # patterns compiled here
            took = median_time(lambda: check_translation(paragraphs, translations, glossary, target), args.runs)
            baseline = median_time(lambda: [glossary.matches(p.text) for p in paragraphs], args.runs)
            service = median_time(lambda: work.check(target, translations), args.runs)
            print(
                f"{summary.id}: {len(paragraphs)} paragraphs, {len(findings)} findings; "
                f"checks {took * 1000:.1f} ms, with the cached annotation {service * 1000:.1f} ms"
            )
            figure(
                "translation",
                f"checks of {summary.id}",
                took * 1000,
                "ms",
                baseline=baseline * 1000,
                baseline_name="glossary matches, every paragraph",
                target=TARGET_MS,
                detail=f"{len(paragraphs)} paragraphs, median of {args.runs}",
            )


if __name__ == "__main__":
    main()
