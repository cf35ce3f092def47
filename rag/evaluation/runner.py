"""Runs the eval suites: each on a corpus ingested into a temporary store, every system on the same items."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from rag.articles import Article, load_folder
from rag.errors import InputError
from rag.evaluation.dataset import CHAT_TYPES, TYPES, EvalItem, load_chat_items, load_items, problems
from rag.evaluation.recall import recall
from rag.evaluation.rgb import load_rgb
from rag.evaluation.score import aggregate, by_type, score_item, tradeoff
from rag.llm import Message
from rag.settings import Settings

log = logging.getLogger(__name__)

SUITES = ("seeds", "paraphrase", "rgb", "chat")
DEFAULT_QUESTIONS = Path("eval/questions.jsonl")
# Questions written without the articles' wording ("soldiers" where they say "troops"): retrieval's test.
DEFAULT_PARAPHRASE = Path("eval/paraphrase.jsonl")
DEFAULT_CHAT = Path("eval/chat.jsonl")

Advance = Callable[[str, int], None]


@dataclass
class Suite:
    name: str
    items: list[EvalItem]
    corpus: list[Article]
    # Suites over the same articles share one temporary store.
    corpus_name: str
    # Reports may quote the items' questions and answers (not RGB's: its licence keeps it out of the repo).
    quotable: bool = True
    rgb: bool = False


def load_suites(
    names: list[str], seeds_dir: Path, questions: Path = DEFAULT_QUESTIONS, chat: Path = DEFAULT_CHAT,
    rgb_file: Path | None = None, limit: int | None = None, paraphrases: Path = DEFAULT_PARAPHRASE,
) -> tuple[list[Suite], dict[str, str]]:
    """The suites asked for, and a reason for each one that cannot run here."""
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise InputError(f"unknown suite {unknown[0]!r}; use one of {', '.join(SUITES)} or all")
    suites, skipped = [], {}
    seeds = load_folder(seeds_dir) if {"seeds", "paraphrase", "chat"} & set(names) else []
    texts = {a.id: a.text for a in seeds}
    for name in names:
        if name == "rgb":
            if rgb_file is None or not rgb_file.is_file():
                skipped[name] = f"RGB file not found at {rgb_file} (pass --rgb-file)"
                continue
            corpus, items = load_rgb(rgb_file)
            suites.append(Suite(name, items[:limit], corpus, "rgb", quotable=False, rgb=True))
            continue
        items, types = (load_items(questions), TYPES) if name == "seeds" else \
            (load_items(paraphrases), TYPES) if name == "paraphrase" else (load_chat_items(chat), CHAT_TYPES)
        wrong = problems(items, texts, types)
        if wrong:
            raise InputError(f"the {name} items do not match the articles in {seeds_dir}: " + "; ".join(wrong[:5]))
        suites.append(Suite(name, items[:limit], seeds, "seeds"))
    return suites, skipped


def converse(system, item: EvalItem):
    """Ask the earlier turns first, each with the system's own previous answers; the last reply is scored."""
    history: list[Message] = []
    for turn in item.history:
        reply = system.ask(turn, history)
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": reply.answer}]
    return system.ask(item.question, history or None)


def run_suite(suite: Suite, systems: list, judge=None, advance: Advance | None = None,
              threshold: float | None = None) -> dict:
    """{system name: {aggregate, by_type, items}} for one suite."""
    results = {}
    for system in systems:
        rows = []
        for item in suite.items:
            row = score_item(item, converse(system, item), system.article_text, rgb=suite.rgb)
            if judge is not None:
                from rag.evaluation.judge import judge_row

                row.update(judge_row(judge, row, item.reference))
            rows.append(row)
            if advance:
                advance(system.name, 1)
        agg = aggregate(rows)
        if judge is not None:
            for key in ("judge_faithfulness", "judge_correctness"):
                vals = [r[key] for r in rows if r.get(key) is not None]
                agg[key] = sum(vals) / len(vals) if vals else None
        results[system.name] = {"aggregate": agg, "by_type": by_type(rows), "tradeoff": tradeoff(rows, threshold),
                               "items": rows}
    return results


class Evaluation:
    """Builds each suite's store and systems from one settings object; models load once and are shared."""

    def __init__(self, settings: Settings, compare: str | None = None, url: str | None = None, judge=None) -> None:
        from rag.embeddings import embedder_from_settings
        from rag.llm import llm_from_settings

        self.settings = settings
        self.compare = compare
        self.url = url
        self.judge = judge
        self.embedder = embedder_from_settings(settings)
        self.llm = llm_from_settings(settings)
        # The fusion weights' calibration over every suite's candidate lists, set by run().
        self.fusion: dict | None = None

    def _library(self, suite: Suite, data_dir: Path):
        from rag.library import Library

        # Never the user's store: an embedded Chroma in a temporary folder, the suite's corpus ingested.
        isolated = self.settings.model_copy(update={"data_dir": data_dir, "chroma_url": None})
        library = Library.from_settings(isolated, embedder=self.embedder)
        library.ingestor.ingest(suite.corpus)
        return library

    def _systems(self, library) -> list:
        from rag.answer import Answerer
        from rag.evaluation.systems import OursInProcess, OursOverHTTP

        if self.url:
            key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
            systems = [OursOverHTTP(self.url, key)]
        else:
            systems = [OursInProcess(Answerer.from_settings(self.settings, library=library, llm=self.llm))]
        if self.compare == "naive":
            from rag.evaluation.naive import NaiveLlamaIndex

            systems.append(NaiveLlamaIndex(library, self.llm))
        return systems

    def run(self, suites: list[Suite], advance: Advance | None = None) -> dict[str, dict]:
        from rag.evaluation.fusion import choose

        results: dict[str, dict] = {}
        ranked = {}
        with ExitStack() as stack:
            libraries = {}
            for suite in suites:
                if suite.corpus_name not in libraries:
                    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix=f"newsrag-eval-{suite.corpus_name}-",
                                                                          ignore_cleanup_errors=True))
                    libraries[suite.corpus_name] = self._library(suite, Path(tmp))
                results[suite.name] = run_suite(suite, self._systems(libraries[suite.corpus_name]), self.judge, advance,
                                                self.settings.abstain_threshold)
                table, ranked[suite.name] = recall(libraries[suite.corpus_name], suite.items)
                if table:
                    for system in results[suite.name].values():
                        system["retrieval"] = table
            if libraries:
                self.fusion = choose({s: r for s, r in ranked.items() if r},
                                     next(iter(libraries.values())).retriever.weights)
        return results
