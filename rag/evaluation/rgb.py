"""The RGB benchmark's English counterfactual file read as a noisy news corpus.

Protocol (../shared/rgb/README.md): the corpus is the `positive` snippets of the even-numbered items
plus the `negative` snippets of every item, one document per snippet; even items are answerable
(right when the answer contains every required item, lower-cased, and is not a refusal), odd items
are not answerable from that corpus (right when the service declines). The file is CC BY-NC-SA and
is read from where it lies; nothing of it is copied into this repository or into `rag/`'s logic.
"""

from __future__ import annotations

import json
from pathlib import Path

from rag.articles import Article, parse_article
from rag.errors import InputError
from rag.evaluation.dataset import EvalItem

DEFAULT_RGB_FILE = Path("../shared/rgb/en_fact_dev.jsonl")
RGB_TYPE_ANSWERABLE = "answerable"
RGB_TYPE_UNANSWERABLE = "unanswerable"


def answer_groups(answer) -> list[list[str]]:
    """RGB's answer as fact groups: every group must appear, any one spelling of a group will do."""
    items = answer if isinstance(answer, list) else [answer]
    return [[str(a) for a in item] if isinstance(item, list) else [str(item)] for item in items]


def rgb_correct(answer: str, groups: list[list[str]]) -> bool:
    """RGB's own check: lower-case containment of every required item (one alternative per group)."""
    text = answer.lower()
    return all(any(alt.lower() in text for alt in group) for group in groups)


def _doc(item_id: int, kind: str, k: int, text: str) -> Article:
    return parse_article(text.encode("utf-8"), f"rgb-{item_id:03d}-{kind}-{k}.txt")


def load_rgb(path: Path) -> tuple[list[Article], list[EvalItem]]:
    """The corpus (one Article per snippet) and the items, per the protocol above."""
    if not path.is_file():
        raise InputError(f"RGB file not found: {path}")
    articles: list[Article] = []
    items: list[EvalItem] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item_id, query, answer = int(row["id"]), str(row["query"]), row["answer"]
            positives, negatives = list(row.get("positive") or []), list(row.get("negative") or [])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not an RGB item ({exc})") from None
        answerable = item_id % 2 == 0
        gold = []
        if answerable:
            for k, text in enumerate(positives):
                if text.strip():
                    articles.append(_doc(item_id, "pos", k, text))
                    gold.append(articles[-1].id)
        articles += [_doc(item_id, "neg", k, text) for k, text in enumerate(negatives) if text.strip()]
        items.append(EvalItem(
            id=f"rgb-{item_id:03d}",
            type=RGB_TYPE_ANSWERABLE if answerable else RGB_TYPE_UNANSWERABLE,
            question=query,
            answerable=answerable,
            reference=" / ".join(g[0] for g in answer_groups(answer)),
            facts=answer_groups(answer),
            gold_articles=gold,
            gold_quotes=[],
        ))
    if not items:
        raise InputError(f"{path}: no RGB items")
    return articles, items
