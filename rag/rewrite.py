"""Turn a follow-up question in a chat into one that stands on its own, for retrieval."""

from __future__ import annotations

import re

from rag.errors import RagError
from rag.llm import LLM, Message
from rag.prompts import REWRITE_SYSTEM_PROMPT, REWRITE_USER_TEMPLATE

_DEPENDENT = re.compile(
    r"^(and|but|also|so|what about|how about|why|when|where|who)\b|\b(it|its|they|them|their|that|this|those|these|he|she|him|her|there|then)\b",
    re.I,
)
# Follow-ups are short; a long question usually names its own subject.
DEFAULT_FOLLOWUP_MAX_WORDS = 8
DEFAULT_HISTORY_TURNS = 6


def standalone_question(question: str, history: list[Message], llm: LLM) -> str:
    """The question itself when there is no history; else a rewrite that carries the context."""
    previous = [m["content"].strip() for m in history if m.get("role") == "user" and m.get("content", "").strip()]
    if not previous:
        return question
    if llm.capable:
        try:
            return _rewrite_with_llm(question, history, llm)
        except RagError:
            pass  # a rewrite is an optimisation; the rule below still gives a usable question
    words = question.split()
    if len(words) <= DEFAULT_FOLLOWUP_MAX_WORDS and _DEPENDENT.search(question):
        return f"{question} (context: {previous[-1]})"
    return question


def _rewrite_with_llm(question: str, history: list[Message], llm: LLM) -> str:
    turns = history[-DEFAULT_HISTORY_TURNS:] + [{"role": "user", "content": question}]
    convo = "\n".join(f"{m['role']}: {m['content'].strip()}" for m in turns)
    text = llm.complete(
        [
            {"role": "system", "content": REWRITE_SYSTEM_PROMPT},
            {"role": "user", "content": REWRITE_USER_TEMPLATE.format(history=convo)},
        ]
    ).strip()
    line = text.splitlines()[0].strip().strip('"') if text else ""
    return line if 3 <= len(line) <= 500 else question
