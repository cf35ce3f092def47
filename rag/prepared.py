"""The state of one question between the Answerer's steps (rag/answer.py): prepared once, then declined,
finished without a model or finished with the model's draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.evidence import Evidence
from rag.llm import Message
from rag.reader import Reading
from rag.retrieval import Passage


@dataclass
class Prepared:
    """What one question carries from the Answerer's reading steps to its answer: the evidence, whether to
    abstain, the prompt for the model and the reading."""

    question: str
    standalone: str
    passages: list[Passage]
    evidence: list[Evidence]
    abstain: bool
    timings: dict[str, float]
    messages: list[Message]
    constraints: list[str]
    evidence_score: float
    reading: Reading
    # Names the question takes for granted that no retrieved article mentions.
    premise: list[str] = field(default_factory=list)
    # Names the question takes for granted: a sentence of the small model's that names none of them answers
    # about something else ("Did Rubio and Lavrov speak?": Tammy Bruce's remark about another call).
    names: list[str] = field(default_factory=list)
