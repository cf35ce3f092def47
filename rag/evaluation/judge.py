"""Optional LLM judge (any OpenAI-compatible server): faithfulness and correctness, yes/no per item."""

from __future__ import annotations

from rag.errors import RagError
from rag.llm import LLM

JUDGE_FAITHFULNESS_PROMPT = """Decide whether every claim in the ANSWER is supported by the QUOTES. Reply with one word: yes or no.

Example:
QUOTES: The museum reopened on March 3, 2024.
ANSWER: The museum reopened in March 2024 after a fire.
Reply: no

QUOTES: {quotes}
ANSWER: {answer}
Reply:"""

JUDGE_CORRECTNESS_PROMPT = """Decide whether the ANSWER gives the same facts as the REFERENCE for the QUESTION. Reply with one word: yes or no.

Example:
QUESTION: When did the museum reopen?
REFERENCE: March 3, 2024.
ANSWER: It reopened on 3 March 2024 [1].
Reply: yes

QUESTION: {question}
REFERENCE: {reference}
ANSWER: {answer}
Reply:"""


def _yes(llm: LLM, prompt: str) -> float | None:
    try:
        reply = llm.complete([{"role": "user", "content": prompt}]).strip().lower()
    except RagError:
        return None
    return 1.0 if reply.startswith("yes") else 0.0 if reply.startswith("no") else None


def judge_row(llm: LLM, row: dict, reference: str) -> dict:
    if row["refused"] or not row["answerable"]:
        return {}
    quotes = " | ".join(c["quote"] for c in row["citations"]) or "(none)"
    return {
        "judge_faithfulness": _yes(llm, JUDGE_FAITHFULNESS_PROMPT.format(quotes=quotes, answer=row["answer"])),
        "judge_correctness": _yes(llm, JUDGE_CORRECTNESS_PROMPT.format(
            question=row["question"], reference=reference, answer=row["answer"])),
    }
