"""What the clause around a span says against the question's constraints: a sentence may meet "Q2" while the
amount's own clause speaks of the first quarter. Clauses are cut at commas, semicolons, dashes, brackets,
ellipses and sentence ends."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.constraints import Constraint, constraints_of, found_values, label, restates, rivals
from rag.evidence import Accept, accepting_nearby
from rag.nlp import Parse
from rag.question import Analysis
from rag.text import BRACKETED_ASIDE, CLAUSE_PUNCTUATION

# Where a clause ends inside a sentence: what a clause says of a year or a quarter is about its own noun.
_CLAUSE_END = re.compile(CLAUSE_PUNCTUATION + r"|\.\.\.|…|·|(?<=\w\w)\.\s")


# Years and dates are left out: a clause often dates something else beside the answer ("Murray became the
# first British man since Fred Perry in 1936"); a name dated by another year is the reader's own rule.
_CLAUSE_KINDS = ("quarter", "ordinal", "numbered", "gender")


# Nouns for one part of a contest or a series ("stage 13", "the final stage", "Episode 17", "the third set"):
# what a clause says of such a part is not said of the whole the question asks about.
_PART_NOUNS = r"(stage|episode|round|leg|game|match|set|heat|lap|chapter)"
_ORDINAL_WORDS = (r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|opening|"
                  r"\d{1,2}(?:st|nd|rd|th))")
_PART = re.compile(rf"\b(?P<numbered>{_PART_NOUNS})\s+\d{{1,3}}\b|\b{_ORDINAL_WORDS}\s+(?:\w+\s+)?(?P<ordinal>{_PART_NOUNS})\b",
                   re.I)
_PART_NOUN = re.compile(rf"\b{_PART_NOUNS}s?\b", re.I)


def clause_bounds(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Offsets of the clause (between commas, semicolons, dashes ...) that holds sentence[a:b]. A clause
    after a colon keeps the label before it, which says what it is about: in "Episode 17: Releases Sunday"
    the date is the episode's."""
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    start = max(c for c in cuts if c <= a)
    while start and sentence[:start].rstrip().endswith(":"):
        start = max(c for c in cuts if c < len(sentence[:start].rstrip()))
    return start, min((c for c in cuts if c >= b), default=len(sentence))


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


def asked_parts(question: str) -> frozenset[str]:
    """The part nouns a question names itself ("Who won the second round?" asks about a round)."""
    return frozenset(m.group(1).lower() for m in _PART_NOUN.finditer(question))


def part_rivals(asked: frozenset[str], sentence: str, a: int, b: int) -> list[str]:
    """The clause around sentence[a:b] speaks of one part of a contest or series the question does not ask
    about: "Cavendish wins stage 13 of the Tour" does not say who won the Tour, nor does "Season 11,
    Episode 17: Releases Sunday, October 2" say when the season premiered. A bracketed aside does not end
    the clause: "Wout van Aert (Jumbo-Visma) sprinted to the stage 21 victory"."""
    start, end = clause_bounds(BRACKETED_ASIDE.sub(lambda m: " " * len(m.group(0)), sentence), a, b)
    for m in _PART.finditer(sentence[start:end]):
        if (m.group("numbered") or m.group("ordinal")).lower() not in asked:
            return [f"the clause around '{sentence[a:b]}' speaks of {m.group(0)}, a part of what the question asks about"]
    return []


def restated(constraints: list[Constraint], sentence: str, a: int, b: int) -> list[str]:
    """A span that says only the question's own years, dates or quarters is no answer ("the third quarter
    of 2019" to "When was the Q3 2019 revenue reported?")."""
    if restates(sentence[a:b], constraints):
        return [f"'{sentence[a:b]}' only restates the question's {', '.join(c.label for c in constraints)}"]
    return []


def rivals_of(constraints: list[Constraint], question: str) -> Callable[[str, int, int], list[str]]:
    """What the clause around sentence[a:b] says against the question: another year, quarter or qualifier than
    its hard constraints, a part of what it names ("episode 24" of the season asked), or only its own values."""
    hard = [c for c in constraints if c.kind != "entity"]
    named = asked_parts(question)
    return lambda sentence, a, b: clause_rivals(hard, sentence, a, b) or part_rivals(named, sentence, a, b) \
        or restated(hard, sentence, a, b)


def own_years(constraints: list[Constraint], parts: list[Analysis], parse: Parse) -> list[Constraint]:
    """The question's constraints less a year that a later part gives its own noun ("How many fires were found,
    and what was *the 2016 high*?"): it says which thing that part asks about, so it is that part's (checked by
    per_part_checks), not the earlier parts'. A year in the first part is every part's ("Who won the 2019
    election, and who came second?" asks of that election twice)."""
    if len(parts) < 2 or any(c.kind == "year" for c in constraints_of(parts[0].text)):
        return constraints
    out = []
    for c in constraints:
        holders = [a for a in parts[1:] if any(o.kind == "year" and o.values == c.values for o in constraints_of(a.text))]
        if c.kind == "year" and len(holders) == 1 and _attributive(parse(holders[0].text.rstrip("?") + "?"), c.values):
            continue
        out.append(c)
    return out


def _attributive(tokens, years: frozenset[str]) -> bool:
    """Whether every one of the years in the parsed text modifies a noun ("the 2016 high"), not a verb ("in 2016")."""
    at = [t for t in tokens if t.text in years]
    return bool(at) and all(t.dep in ("nummod", "compound", "amod") and tokens[t.head].pos in ("NOUN", "PROPN")
                            for t in at)


def per_part_checks(parts: list[Analysis], constraints: list[Constraint],
                    texts: dict[str, str]) -> list[tuple[Accept | None, Callable[[str, int, int], list[str]]]] | None:
    """Each part's own sentence check and clause rivals (Reader.read's `per_part`), when a part has constraints the
    whole question lacks ("In which two cities were the first and the second rounds held?": each round its own);
    None otherwise."""
    if len(parts) < 2:
        return None
    said = {str(c) for c in constraints}
    own = [[c for c in constraints_of(a.text) if str(c) not in said] for a in parts]
    if not any(own):
        return None
    return [(accepting_nearby(constraints + o, texts), rivals_of(constraints + o, a.text)) for o, a in zip(own, parts)]
