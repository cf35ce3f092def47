"""What the clause around a span says against the question's constraints: a sentence may meet "Q2" while the
amount's own clause speaks of the first quarter. Clauses are cut at commas, semicolons, dashes, brackets,
ellipses and sentence ends."""

from __future__ import annotations

import re

from rag.constraints import Constraint, found_values, label, rivals
from rag.text import CLAUSE_PUNCTUATION

# Where a clause ends inside a sentence: what a clause says of a year or a quarter is about its own noun.
_CLAUSE_END = re.compile(CLAUSE_PUNCTUATION + r"|\.\.\.|…|·|(?<=\w\w)\.\s")


# Years and dates are left out: a clause often dates something else beside the answer ("Murray became the
# first British man since Fred Perry in 1936"); a name dated by another year is the reader's own rule.
_CLAUSE_KINDS = ("quarter", "ordinal", "numbered", "gender")


def clause_bounds(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Offsets of the clause (between commas, semicolons, dashes ...) that holds sentence[a:b]."""
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    return max(c for c in cuts if c <= a), min((c for c in cuts if c >= b), default=len(sentence))


def clause_rivals(constraints: list[Constraint], sentence: str, a: int, b: int) -> list[str]:
    """What the clause around sentence[a:b] says against the question's quarters, ordinals, numbered
    names and qualifiers: "Tesla Q2 2020 revenue. Consensus for the first quarter is $5.1
    billion" meets "Q2" as a sentence, but the amount's own clause is about the first quarter."""
    start, end = clause_bounds(sentence, a, b)
    scope = sentence[start:end]
    problems = []
    for c in constraints:
        if c.kind not in _CLAUSE_KINDS:
            continue
        found = found_values(c.kind, scope)
        if found and rivals(c, found):
            said = " or ".join(sorted(label(c.kind, v) for v in found))
            problems.append(f"the clause around '{sentence[a:b]}' speaks of {said}, not {c.label}")
    return problems
