"""Eval items: the hand-written seed questions, the chat conversations, and their validation."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import InputError

TYPES = ("single", "multi", "numeric", "date", "conflict", "unanswerable")
CHAT_TYPES = ("pronoun", "ellipsis", "topic_switch", "unanswerable")


@dataclass(frozen=True)
class EvalItem:
    """One scored question. `history` holds the earlier user turns of a chat (the last turn is scored)."""

    id: str
    type: str
    question: str
    answerable: bool
    reference: str
    facts: list[list[str]]
    gold_articles: list[str]
    gold_quotes: list[str]
    history: tuple[str, ...] = field(default=())


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    if not path.is_file():
        raise InputError(f"question file not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc})") from None
    return rows


def _item(path: Path, n: int, fields: dict) -> EvalItem:
    try:
        return EvalItem(**fields)
    except TypeError as exc:
        raise InputError(f"{path}:{n}: not a valid eval item ({exc})") from None


def load_items(path: Path) -> list[EvalItem]:
    return [_item(path, n, row) for n, row in _read_jsonl(path)]


def load_chat_items(path: Path) -> list[EvalItem]:
    """Conversations: `turns` are the user's messages in order; the last one is scored."""
    items = []
    for n, row in _read_jsonl(path):
        turns = row.pop("turns", None)
        if not isinstance(turns, list) or len(turns) < 2 or not all(isinstance(t, str) and t.strip() for t in turns):
            raise InputError(f"{path}:{n}: a conversation needs `turns`, two or more questions")
        items.append(_item(path, n, {**row, "question": turns[-1], "history": tuple(turns[:-1])}))
    return items


def problems(items: list[EvalItem], articles: dict[str, str], types: tuple[str, ...] = TYPES) -> list[str]:
    """Everything wrong with the set: duplicate ids, unknown types, gold quotes not in their articles."""
    found = []
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            found.append(f"{item.id}: duplicate id")
        seen.add(item.id)
        if item.type not in types:
            found.append(f"{item.id}: unknown type {item.type!r}")
        if item.answerable == (item.type == "unanswerable"):
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
