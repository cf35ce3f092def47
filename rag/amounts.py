"""Amounts the small recogniser misses: "more than 44 million metric tons of carbon", "about 300 ferries". Its
entities are the reader's candidates, so a count or a measure it leaves unlabelled could not answer "how much" or
"how many" at all. Only amounts that say more than a bare number are added (a scale word, a unit of measure or a
word of approximation): a bare "13" is as often a version, a score or part of a date, which the recogniser already
labels where it is a count.
"""

from __future__ import annotations

import re

# Words that make a number an amount: "*more than* 44", "*about* 300".
_APPROXIMATELY = (r"(?:more|less|fewer) than|at least|at most|up to|about|around|nearly|almost|over|roughly|"
                  r"approximately|some|an estimated")
_SCALE = r"hundred|thousand|million|billion|trillion"
# Units of measure (not of money or time, which the recogniser labels MONEY, DATE and TIME).
_UNITS = (r"(?:metric\s+)?(?:tons?|tonnes?)|kilo(?:gram|metre|meter|watt)s?|kg|km|grams?|pounds|lbs|miles?|"
          r"met(?:re|er)s?|feet|foot|hectares?|acres?|square\s+(?:kilomet(?:re|er)s|miles|met(?:re|er)s|feet)|"
          r"lit(?:re|er)s?|gallons?|barrels?|(?:mega|giga|kilo)?watts?|(?:mega|giga|kilo)watt-hours?|degrees|"
          r"percent|per\s+cent")
_AMOUNT = re.compile(
    rf"(?<![\w.,/:$€£-])(?:(?P<approx>{_APPROXIMATELY})\s+)?(?P<number>\d[\d,]*(?:\.\d+)?)"
    rf"(?:\s+(?P<scale>{_SCALE}))?(?:\s+(?P<unit>{_UNITS}))?(?![\w/:-]|[.,]\d)", re.I)

_YEAR = re.compile(r"(?:1[89]|20)\d\d")

Span = tuple[int, int, str]


def with_amounts(text: str, entities: tuple[Span, ...] | list[Span]) -> list[Span]:
    """The entities with the amounts in `text` that overlap none of them, labelled QUANTITY (with a unit),
    PERCENT or CARDINAL, in text order."""
    out = list(entities)
    for m in _AMOUNT.finditer(text):
        a, b = m.start(), m.end()
        if not (m.group("scale") or m.group("unit")) and (not m.group("approx") or _YEAR.fullmatch(m.group("number"))):
            continue  # a bare number, or a year after a preposition ("over 2019")
        if any(x < b and a < y for x, y, _ in entities):
            continue
        unit = (m.group("unit") or "").lower()
        label = "PERCENT" if unit.startswith("per") else "QUANTITY" if unit else "CARDINAL"
        out.append((a, b, label))
    return sorted(out)


_COUNTS = r"\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several"
_PERIODS = r"second|minute|hour|day|night|week|month|quarter|season|year|decade"
# How often something happens: "a *biennial* forum", "held *every two years*", "*twice a year*". The recogniser
# labels some as dates ("annual") and most not at all, so "How often ...?" could not be answered from its labels.
_FREQUENCY = re.compile(
    rf"\b(?:(?:bi-?|semi-?)?(?:annual|yearly|monthly|weekly|daily|hourly|quarterly|nightly)(?:ly)?|"
    rf"(?:bi|tri)ennial(?:ly)?|every\s+(?:other\s+|single\s+)?(?:(?:{_COUNTS})\s+)?(?:{_PERIODS})s?|"
    rf"(?:once|twice|thrice|(?:{_COUNTS})\s+times)\s+(?:a|an|per|each|every)\s+(?:{_PERIODS}))\b", re.I)


def with_frequencies(text: str, entities: tuple[Span, ...] | list[Span]) -> list[Span]:
    """The entities with the frequencies in `text`, labelled FREQUENCY, in text order."""
    return sorted([*entities, *((m.start(), m.end(), "FREQUENCY") for m in _FREQUENCY.finditer(text))])
