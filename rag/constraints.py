"""Hard constraints a question puts on its answer, and whether a sentence read in its context meets them.

A question about "the women's singles in 2018", "Q1 2021", "Season 11" or "the second round" is
not answered by a sentence about 2022, the men's final, Q2, Season 10 or the first round, however
alike they read. Each constraint is looked for in the nearest scope that speaks of it: the sentence,
then its passage, then the article's title, then (for years and dates) the article's date. The
first scope that mentions the constraint's kind decides: a match satisfies it, only rival values
(another year, the other gender, another quarter) break it. Years, dates, quarters, ordinals and
numbered names must be found somewhere (for an undated article, the years of its whole text stand
in for its date). So must a gender qualifier: "Who won the men's title?" is not answered by "X won the
title" unless a word ("men's", "gentlemen's") or the report's pronouns ("he won his first title", and
none of the other gender) say whose title it was.

These are generic rules of English news text, not lists taken from any evaluation set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.names import mentions_as_phrase, name_terms, scope_sequence
from rag.nlp import parse_question
from rag.text import content_terms

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# A year, not part of a longer number ("$1,950", "2019.5"): a comma or a stop right after it ends a clause ("In
# 2019, it ...") unless a digit follows.
_YEAR = re.compile(r"(?<![\d$.,])(1[89]\d{2}|20\d{2})(?!\d|[.,]\d)")
# A year reckoned from or to: right after one of these words.
_REFERENCE = re.compile(r"\b(?:since|until|till|before|after|prior to)\s+$", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:million|billion|%|percent))", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\b", re.I)
_GENDER = {
    "women": re.compile(r"\b(women'?s?|woman'?s|ladies'?|female|girls'?)\b", re.I),
    "men": re.compile(r"\b(men'?s?|man'?s|gentlemen'?s?|male|boys'?)\b", re.I),
}
# Where no word names the gender, the pronouns of a report about one person do ("she won her first title").
_PRONOUNS = {
    "women": re.compile(r"\b(she|her|hers|herself)\b", re.I),
    "men": re.compile(r"\b(he|him|his|himself)\b", re.I),
}
_QUARTER = re.compile(r"\bq([1-4])\b|\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b", re.I)
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
             "twentieth"]
_ORDINAL_SUFFIX = {"1st": "first", "2nd": "second", "3rd": "third", **{f"{n}th": w for n, w in zip(range(4, 21), _ORDINALS[3:])}}
# Nouns whose ordinal picks one event out of a series: "the second round", "the third leg".
_SERIES_NOUNS = r"(round|leg|stage|phase|session|meeting|game|match|test|debate|day|week|term|wave|edition)s?"
_BARE_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\b", re.I)
_ORDINAL_NOUN = re.compile(rf"\b({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:\w+\s+)?{_SERIES_NOUNS}\b", re.I)
# "Season 11", "Part 2", "Splatoon 2", "iPhone 11": a name followed by a small number names one item of a series
# (a trademark sign between them, as shop pages print it, changes nothing: "Chronicles™ 2").
_NUMBERED = re.compile(
    r"\b((?:season|part|episode|chapter|volume|series|round|game|[a-z]*[A-Z][\w'-]*))[™®]?\s+(\d{1,3})\b"
    r"(?![.,:/]\d|\s*(?:%|percent|million|billion|thousand))"
)
# "The eleventh and final season", "its 2nd part": a season, part or episode numbered in words, the same item
# as "Season 11" (read as a numbered name, so the two spellings meet).
_ORDINAL_PART = re.compile(rf"\b({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:\w+\s+){{0,2}}?"
                           r"(season|part|episode|chapter|volume|series)\b", re.I)
_NOT_NAMES = {m[:3] for m in MONTHS} | set(MONTHS) | {"sept", "q", "no", "on", "in", "at", "by", "of", "to", "for",
                                                          "about", "over", "under", "the", "page", "top"}




@dataclass(frozen=True)
class Constraint:
    """One hard constraint: its kind and the values asked for (any one of them will do)."""

    kind: str
    values: frozenset[str]
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Context:
    """Where a candidate sentence stands: its passage, its article's title, date (ISO) and whole text."""

    sentence: str
    passage: str
    title: str
    date: str | None
    article: str = ""


def _years(text: str) -> set[str]:
    """The years a text places something in; not a year it only reckons from or to ("the first title *since*
    2018", "*until* 2030"), which is no time of what it tells, in a question or in its evidence."""
    return {m.group(1) for m in _YEAR.finditer(text) if not _REFERENCE.search(text, 0, m.start())}


def _month_days(text: str) -> set[str]:
    found = {f"{_month(m.group(1))}-{int(m.group(2))}" for m in _MONTH_DAY.finditer(text)}
    found |= {f"{_month(m.group(2))}-{int(m.group(1))}" for m in _DAY_MONTH.finditer(text)}
    return {f for f in found if not f.endswith("-0")}


def _month(name: str) -> int:
    name = name.lower()[:3]
    return next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(name))


def _genders(text: str) -> set[str]:
    return {g for g, pattern in _GENDER.items() if pattern.search(text)}


def is_qualifier(word: str) -> bool:
    """Whether a word is a qualifier the constraints check on their own ("men's", "women's")."""
    return bool(_genders(word))


def _quarters(text: str) -> set[str]:
    out = set()
    for m in _QUARTER.finditer(text):
        word = (m.group(2) or "").lower()
        out.add(m.group(1) or str(_ORDINALS.index(_ORDINAL_SUFFIX.get(word, word)) + 1))
    return out


def _ordinal_nouns(text: str) -> set[str]:
    out = set()
    for m in _ORDINAL_NOUN.finditer(text):
        ordinal = m.group(1).lower()
        out.add(f"{_ORDINAL_SUFFIX.get(ordinal, ordinal)} {m.group(2).lower().rstrip('s')}")
    return out


def _numbered(text: str) -> set[str]:
    out = set()
    for m in _NUMBERED.finditer(text):
        name, number = m.group(1), m.group(2)
        if name.lower() in _NOT_NAMES or _YEAR.fullmatch(number):
            continue
        out.add(f"{name.lower()} {int(number)}")
    for m in _ORDINAL_PART.finditer(text):
        word = _ORDINAL_SUFFIX.get(m.group(1).lower(), m.group(1).lower())
        if word in _ORDINALS:  # "21st" is past the words this reads
            out.add(f"{m.group(2).lower()} {_ORDINALS.index(word) + 1}")
    return out


# kind -> (values found in a text, a constraint is required to be found somewhere)
_READERS: dict[str, tuple[Callable[[str], set[str]], bool]] = {
    "year": (_years, True),
    "date": (_month_days, True),
    "gender": (_genders, True),
    "quarter": (_quarters, True),
    "ordinal": (_ordinal_nouns, True),
    "numbered": (_numbered, True),
}


def _series(kind: str, value: str) -> str:
    """What a value is one of: "second round" -> "round", "season 11" -> "season"."""
    return value.split(" ", 1)[1] if kind == "ordinal" else value.rsplit(" ", 1)[0]


def _rivals(constraint: Constraint, found: set[str]) -> bool:
    """The scope speaks of this kind (for ordinals and numbered names: of the same series), not these values."""
    if constraint.kind in ("ordinal", "numbered"):
        series = {_series(constraint.kind, v) for v in constraint.values}
        return any(_series(constraint.kind, f) in series for f in found)
    return bool(found)


def satisfied(constraint: Constraint, context: Context) -> bool:
    if constraint.kind == "entity":
        scopes = (context.sentence, context.passage, context.title, context.article)
        have = [scope_sequence(scope) for scope in scopes if scope]
        return any(mentions_as_phrase(entity, words) for entity in constraint.values for words in have)
    read, required = _READERS[constraint.kind]
    scopes = [context.sentence, context.passage, context.title]
    dated = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", context.date or "")
    if constraint.kind in ("year", "date"):
        if dated:
            y, m, d = dated.groups()
            scopes.append(f"{MONTHS[int(m) - 1]} {int(d)}, {y}")
        else:
            # An undated article is placed in time by the years it speaks of anywhere.
            scopes.append(context.article)
    for scope in scopes:
        found = read(scope or "")
        if constraint.values & found:
            return True
        if _rivals(constraint, found):
            return False
    if constraint.kind == "gender":
        # Pronouns of one gender only, in the sentence or its passage; both or none say nothing.
        found = {g for g, pattern in _PRONOUNS.items() if pattern.search(f"{context.sentence} {context.passage}")}
        return len(found) == 1 and bool(constraint.values & found)
    return not required


def _numbered_by_parse(question: str) -> set[str]:
    """Numbered names a question writes in lower case ("when was xenoblade chronicles 2 released"): a number
    right after the noun it modifies names one of a series; one before its noun counts ("in 2 days")."""
    tokens = parse_question(question).tokens
    return {f"{tokens[i - 1].lower} {int(t.text)}" for i, t in enumerate(tokens)
            if t.dep == "nummod" and t.text.isdigit() and len(t.text) <= 3 and t.head == i - 1
            and tokens[i - 1].lower not in _NOT_NAMES and content_terms(tokens[i - 1].text)}


def constraints_of(question: str) -> list[Constraint]:
    """The hard constraints stated in a question; several values of one kind ("2009 and 2014") mean any of them."""
    out = []
    for kind, (read, _) in _READERS.items():
        values = read(question) | (_numbered_by_parse(question) if kind == "numbered" else set())
        if kind == "gender" and len(values) != 1:
            continue  # "men's and women's" asks about both
        if kind == "ordinal" and len(_BARE_ORDINAL.findall(question)) > len(values):
            continue  # "the first and the second rounds" asks about several
        if values:
            out.append(Constraint(kind, frozenset(values), f"{kind} {' or '.join(sorted(label(kind, v) for v in values))}"))
    return out


def entity_constraints(entities: list[str]) -> list[Constraint]:
    """The question's named entities as one constraint: the sentence, its passage, the title or the
    article must mention at least one of them (each part of "X and Y" questions may come from
    another article, so not all of them). An entity's numbers are left to the other kinds. A title's part
    after its colon, of two words or more, is a name of its own: "The Legend of Zelda: Breath of the Wild"
    is written "Breath of the Wild"."""
    subtitles = [e.split(":", 1)[1].strip() for e in entities if ":" in e]
    entities = entities + [s for s in subtitles if len(name_terms(s)) > 1]
    groups = [name_terms(e) for e in entities]
    names = [e for e, g in zip(entities, groups) if g]
    if not names:
        return []
    return [Constraint("entity", frozenset(g for g in groups if g), "entity " + " or ".join(names))]


def carried(own: list[Constraint], context: list[Constraint]) -> list[Constraint]:
    """A follow-up's constraints, plus those of the conversation for kinds the follow-up does not restate:
    "And in 2019?" after a question about the 2018 women's final asks about 2019, still the women's."""
    kinds = {c.kind for c in own}
    return own + [c for c in context if c.kind not in kinds]


def found_values(kind: str, text: str) -> set[str]:
    """The values of one kind of constraint a text states ("Q1", "season 11", "women")."""
    return _READERS[kind][0](text)


def restates(span: str, constraints: list[Constraint]) -> bool:
    """Whether a span says nothing but the question's own years, dates and quarters ("the third quarter of
    2019" for "When was the Q3 2019 revenue reported?"): no answer to "when"."""
    asked = {(c.kind, v) for c in constraints for v in c.values}
    rest = span
    for kind, pattern in (("year", _YEAR), ("quarter", _QUARTER), ("date", _MONTH_DAY), ("date", _DAY_MONTH)):
        for m in list(pattern.finditer(rest)):
            if any((kind, v) in asked for v in _READERS[kind][0](m.group(0))):
                rest = rest.replace(m.group(0), " ")
    return bool(asked) and not content_terms(rest)


def rivals(constraint: Constraint, found: set[str]) -> bool:
    """Whether values found in a scope speak of the constraint's kind (its series) without meeting it."""
    return not constraint.values & found and _rivals(constraint, found)


def label(kind: str, value: str) -> str:
    if kind == "date":
        month, day = value.split("-")
        return f"{MONTHS[int(month) - 1].title()} {day}"
    if kind == "quarter":
        return f"Q{value}"
    if kind == "gender":
        return f"{value}'s"
    return value


def accepts(constraints: list[Constraint], context: Context) -> bool:
    return all(satisfied(c, context) for c in constraints)
