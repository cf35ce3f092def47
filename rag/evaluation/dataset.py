"""The question set (eval/questions.jsonl) and its validation against the articles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.errors import InputError

TYPES = ("single", "multi", "numeric", "date", "conflict", "unanswerable")


@dataclass(frozen=True)
class EvalItem:
    id: str
    type: str
    question: str
    answerable: bool
    reference: str
    facts: list[list[str]]
    gold_articles: list[str]
    gold_quotes: list[str]


def load_items(path: Path) -> list[EvalItem]:
    if not path.is_file():
        raise InputError(f"question file not found: {path}")
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(EvalItem(**json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a valid question item ({exc})") from None
    return items


def problems(items: list[EvalItem], articles: dict[str, str]) -> list[str]:
    """Everything wrong with the set: duplicate ids, unknown types, gold quotes not in their articles."""
    found = []
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            found.append(f"{item.id}: duplicate id")
        seen.add(item.id)
        if item.type not in TYPES:
            found.append(f"{item.id}: unknown type {item.type!r}")
        if item.answerable != (item.type != "unanswerable"):
            found.append(f"{item.id}: answerable does not match type")
        if item.answerable and (not item.facts or not item.gold_articles or not item.gold_quotes):
            found.append(f"{item.id}: answerable items need facts, gold_articles and gold_quotes")
        for aid in item.gold_articles:
            if aid not in articles:
                found.append(f"{item.id}: unknown article {aid}")
        for quote in item.gold_quotes:
            if not any(quote in articles.get(aid, "") for aid in item.gold_articles):
                found.append(f"{item.id}: gold quote not found verbatim in its articles: {quote!r}")
    return found
