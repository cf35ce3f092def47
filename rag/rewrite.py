"""Follow-ups in a chat: one that stands on its own for retrieval, and what an elliptical one asks."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.errors import RagError
from rag.llm import LLM, Message
from rag.nlp import parse_question, question_people
from rag.prompts import REWRITE_SYSTEM_PROMPT, REWRITE_USER_TEMPLATE
from rag.question import Analysis, analyse
from rag.text import relation_stems

_DEPENDENT = re.compile(
    r"^(and|but|also|so|what about|how about|why|when|where|who)\b|\b(it|its|they|them|their|that|this|those|these|he|she|him|her|there|then)\b",
    re.I,
)
# Follow-ups are short; a long question usually names its own subject.
DEFAULT_FOLLOWUP_MAX_WORDS = 8
DEFAULT_HISTORY_TURNS = 6
# How a follow-up that cannot stand alone carries the previous question: "And the second round? (context: …)".
_GLUE = " (context: "
# A previous answer this short (citations aside) is a name or a value the next question can point back
# to ("Kirill Dmitriev [1]."); a longer one is a statement, and a pronoun after it stays unresolved.
DEFAULT_ANTECEDENT_MAX_WORDS = 6
_CITATIONS = re.compile(r"\s*\[\d{1,3}\]")
# Third-person pronouns by what they stand for: one person, one thing ("its president"), several. "her" before a word
# is the possessive ("her party"), at the end or before a preposition the object ("met her in").
_SINGULAR = {"he": "", "she": "", "him": "", "his": "'s", "its": "'s"}
_PLURAL = {"they": "", "them": "", "their": "'s"}
_PRONOUN = re.compile(r"\b(he|she|him|his|her|its|they|them|their)\b", re.I)
# "When was it?", "How many tankers does it list?": "it" is more often the event or document asked about
# than the thing the last answer named, so such a follow-up keeps the previous question as its context.
_IT = re.compile(r"\bit\b", re.I)
_OBJECT_AFTER = re.compile(r"^\s*(?:$|[?.!,]|(?:in|at|on|to|with|for|about|from|by|after|before|there)\b)", re.I)


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
    if _dependent(question):
        resolved = resolve_pronouns(question, history)
        return resolved or f"{question}{_GLUE}{_context(previous)})"
    return question


def _dependent(question: str) -> bool:
    return len(question.split()) <= DEFAULT_FOLLOWUP_MAX_WORDS and bool(_DEPENDENT.search(question))


def _names(question: str) -> bool:
    """Whether the question names something (a proper noun), which the recogniser may not label ("Rocket Pass 4")."""
    return any(t.pos == "PROPN" for t in parse_question(question).tokens)


def _context(previous: list[str]) -> str:
    """The previous question, and when it was a follow-up too ("And when does it end?"), the last one before it
    that named something ("When will Rocket Pass 4 begin?"): what "it" is stays named down the conversation."""
    last = previous[-1]
    if not _dependent(last) or _names(last):
        return last
    anchor = next((q for q in reversed(previous[-DEFAULT_HISTORY_TURNS:-1]) if _names(q)), None)
    return f"{last} {anchor}" if anchor else last


def resolve_pronouns(question: str, history: list[Message]) -> str | None:
    """The follow-up with its third-person pronouns replaced by what the last answer named ("Where was
    he educated?" after "Kirill Dmitriev [1]." asks "Where was Kirill Dmitriev educated?"); "they" and
    "their" also take the people the last question named. None when there is nothing to point to: the
    last answer declined, or was a statement rather than a name."""
    answers = [m for m in history if m.get("role") == "assistant"]
    asked = [m for m in history if m.get("role") == "user"]
    if not answers or not asked or not _PRONOUN.search(question) or _IT.search(question):
        return None
    named = _CITATIONS.sub("", str(answers[-1].get("content", ""))).strip().rstrip(".").strip()
    if not named or len(named.split()) > DEFAULT_ANTECEDENT_MAX_WORDS or named.startswith(("The articles don't say", "“", '"')):
        return None
    people = [p for p in question_people(str(asked[-1].get("content", ""))) if p not in named]
    group = " and ".join([*people, named]) if people else named

    def swap(m: re.Match) -> str:
        word = m.group(1).lower()
        if word == "her":
            return named + ("" if _OBJECT_AFTER.match(question[m.end():]) else "'s")
        return group + _PLURAL[word] if word in _PLURAL else named + _SINGULAR[word]

    return _PRONOUN.sub(swap, question)


def is_resolved(standalone: str, question: str) -> bool:
    """Whether the standalone question is the follow-up with its pronouns resolved (a question of its own),
    not the follow-up with the previous question glued on."""
    return standalone != question and _GLUE not in standalone


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


def analyse_follow_up(question: str, previous: str) -> list[Analysis]:
    """A follow-up asks its own kind of thing ("And on what date?") with its own relation words; an
    elliptical one ("And the second round?") asks what the previous question asked, of something else."""
    own = analyse(question)
    before = analyse(previous)
    # "And interest rates?" after a question whose kind no noun typed: the follow-up's own noun types it.
    return [_carried(before[0], part) if part.elliptical and before and (before[0].typed or not part.typed) else part
            for part in own]


def _carried(before: Analysis, part: Analysis) -> Analysis:
    """What the previous question asked, of what the follow-up names: "And interest rates?" after "What is
    inflation nearing?" asks a number, near "interest", not near "inflation" (the asked verb stays)."""
    if not part.relation:
        return before
    verb = frozenset(s for w in before.relation_words for s in relation_stems(w))
    return replace(before, relation=part.relation | verb, topic=part.relation if before.topic else before.topic)
