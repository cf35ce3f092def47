"""Reports that differ: when two articles each answer a question about a quantity with another value ("nearly two
years" and "more than three years"), both passing every check, the answer says so and cites both, instead of
choosing one. A quantity only: two dates or two names may be one fact written twice ("Tuesday", "February 18").
"""

from __future__ import annotations

import re

from rag.candidates import Candidate
from rag.text import word_stems

# Kinds whose answers are amounts, comparable by their numbers and unit.
DIFFER_KINDS = frozenset({"number", "money", "duration", "distance"})
# How far below the best a rival's ranking score may be and still count as another report of the same fact:
# the weight a sentence's closeness to the relation carries (rag/finder.py's DEFAULT_PROXIMITY_WEIGHT), so that
# only a rival as well placed as the best, give or take how near its words stand, is one.
DEFAULT_DIFFER_MARGIN = 0.30

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "dozen": 12, "half": 0.5})
# Words that hedge or bound a number ("nearly two", "more than three") and say nothing of its unit.
_HEDGES = {"nearly", "almost", "about", "around", "roughly", "some", "approximately", "more", "less", "than",
           "over", "under", "up", "to", "at", "least", "most", "just", "only", "the", "a", "an", "of", "and"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def values(text: str) -> tuple[frozenset[float], frozenset[str]]:
    """The numbers an answer states ("two", "4.5", "104,000") and the stems of its other words, its unit
    ("year", "million", "hour"), hedges left out."""
    numbers = {float(n.replace(",", "")) for n in _NUMBER.findall(text) if n.replace(",", "").replace(".", "", 1).isdigit()}
    unit = set()
    for word in re.split(r"[\s-]+", _NUMBER.sub(" ", text.lower())):
        word = word.strip(".,;:()\"'“”")
        if word in _NUMBER_WORDS:
            numbers.add(float(_NUMBER_WORDS[word]))
        elif word and word not in _HEDGES:
            unit.update(word_stems(word))
    return frozenset(numbers), frozenset(unit)


def differing(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """The best-ranked candidate of another article that states the same unit as `best` with other numbers,
    within the margin; None when the articles agree or no other one answers."""
    numbers, unit = values(best.text)
    if not numbers:
        return None
    for c in found:
        if c.evidence.article_id == best.evidence.article_id or c.score < best.score - DEFAULT_DIFFER_MARGIN:
            continue
        other, other_unit = values(c.text)
        if other and other_unit == unit and not other & numbers:
            return c
    return None
