"""What a span of each answer type looks like, beyond its entity label.

A duration has a number and a unit, a place is not a demonym, a date is not "last year" nor a dateline,
a name is more than "Inc."; the edges of a span lose the words the question already says. Plain
string rules on the span and the words around it: the reader (rag/reader.py) decides what they mean.
"""

from __future__ import annotations

import re

from rag.constraints import MONTHS
from rag.countries import PART_OF_COUNTRY_NOUNS, is_country
from rag.question import LOOSE_KINDS, Analysis
from rag.text import relation_stems, word_stems

_NUMBERISH = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                        r"fifty|hundred|thousand|million|billion|half|dozen)\b", re.I)
_TIME_UNITS = re.compile(r"\b(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(y|ies))\b", re.I)
_DISTANCE_UNITS = re.compile(r"\b(km|kilomet(re|er)s?|miles?|met(re|er)s?|feet|foot|yards?)\b", re.I)
# The span of a "where" answer follows a locative preposition, perhaps with a few words of its name between.
_LOCATED = re.compile(r"\b(in|at|near|inside|outside|within|hosted by|host)\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,4}$", re.I)
# Words of going somewhere, whose "to" names where: "a surprise visit *to* Moscow", "flew to Riyadh".
_DESTINATION = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|trips|journey(?:s|ed)?|travel(?:s|led|ed|ling|ing)?|went|"
                          r"go(?:es|ing)?|flew|fly(?:ing)?|flies|mov(?:e|es|ed|ing)|return(?:s|ed|ing)?|"
                          r"arriv(?:e|es|ed|ing)|head(?:s|ed|ing)?|deploy(?:s|ed|ing)?)\s+to\s+(?:the\s+)?"
                          r"(?:[\w.’'-]+\s+){0,2}$", re.I)
# A place said by its bearing from another, which is part of the answer: "a village *just south of* Bonn", "*42
# kilometers north of* the town". (Not "the north of", which names a part of the place.)
_BEARING = re.compile(r"(?<!\bthe\s)((?:(?:just|about|some|roughly|around|nearly)\s+)?(?:[\d,.]+\s*"
                      r"(?:km|kilomet(?:er|re)s|miles)\s+)?(?:north|south|east|west|north-?east|north-?west|"
                      r"south-?east|south-?west)\s+of\s+)$", re.I)
# "Geneva-based X", "Oslo-headquartered X": the place is where X is.
_BASED = re.compile(r"-(?:based|headquartered)\b", re.I)
_DEMONYM = re.compile(r"(ian|ese|ish)$", re.I)
# Dates relative to an unknown "now" ("last year", "this week") answer nothing until resolved.
_RELATIVE_DATE = re.compile(r"\b(last|next|this|previous|coming|recent|past|today|tomorrow|yesterday|ago|earlier|later|"
                            r"early|late|mid|end of|beginning of|weekend|season|currently|now)\b", re.I)
# A part of a named month or year is no relative date ("mid-September", "late November", "early 2019").
_PART_OF_NAMED = re.compile(r"^\W*(?:the\s+)?(?:early|late|mid)[\s-]+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                            r"[a-z]*\.?(?:\s+\d{4})?|\d{4})\W*$", re.I)
# "three days", "a two-hour premiere": a length of time, not a point in it.
_SPAN_OF_TIME = re.compile(r"^\W*(?:\w+\s+)?(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                           r"several|few|many|a|an)[\s-]+(?:\w+\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
# "Which weekday ...": a day of the week, not a date without one.
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
# "Which day / date ...": a weekday, a month, a year or a numeric date names one; a time of day alone does not.
_DAY_NOUNS = {"day", "date"}
_A_DAY = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                    r"\d{4}|\d{1,2}[/.-]\d{1,2})", re.I)
# "(At) what time ...?" asks a time of day: a clock time or noon, not the day it fell on ("Monday"). "What time of
# year ...?" asks no clock.
_CLOCK_ASKED = re.compile(r"\bwhat\s+time\b(?!\s+of\b)", re.I)
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b|"
                    r"\b\d{1,2}\s+o['’]clock\b", re.I)
_SPECIFIC_DATE = re.compile(r"\b\d{1,2}\b.*\b\d{4}\b|\b\d{4}\b.*\b\d{1,2}\b", re.S)
# A name answer has a capitalised word that is more than a legal form or a title.
_NAME_WORD = re.compile(r"\b[A-Z][\w'’.-]*[a-z0-9]")
_NOT_NAMES = {"inc", "ltd", "llc", "co", "corp", "plc", "gmbh", "mr", "mrs", "ms", "dr", "sir", "no", "the"}
_WEB_ENDING = re.compile(r"\.(?:com|net|org|io|co)(?:\.[a-z]{2})?$", re.I)
_EDGE_WORDS = {"the", "a", "an", "its", "their", "his", "her", "of", "and", "'s", "’s"}
# A year right after a name ("Fred Perry in 1936", "Medvedev at the 2019 U.S. Open") dates that name.
_DATED_BY = re.compile(r"^\s*,?\s*(?:in|at|during|from|of)\s+(?:the\s+)?((?:1[89]|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A dateline opens a snippet ("Apr 13, 2017 ... text", "May 5, 2020 — text"): when it was published, not an answer
# (nor its year alone, when the recogniser splits "Sep 13, 2022" in two).
_DATELINE_BEFORE = re.compile(r"^\W*(?:[A-Z][a-z]{2,8}\.?\s*(?:\d{1,2},?\s*)?)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\.\.\.|…|[-—–|])")


def years_in(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def dated_year(after: str) -> str | None:
    """The year that dates a name, when one follows it ("Fred Perry in 1936")."""
    found = _DATED_BY.match(after)
    return found.group(1) if found else None


def is_dateline(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is the date that opens a snippet, not one that it reports."""
    return bool(_DATELINE_BEFORE.match(text[:a]) and _DATELINE_AFTER.match(text[b:]))


def located(before: str, preposition: str | None = None, after: str = "", topic: frozenset[str] = frozenset()) -> bool:
    """Whether the words before a span put it after a locative preposition ("talks in Geneva"), or after the
    given one ("seen from space" for "where ... seen from?"); or the words after it make it where the asked
    `topic` is ("*Geneva*-based Harbor Media", not where the one backing it is)."""
    based = _BASED.match(after)
    if preposition is None:
        return bool(_LOCATED.search(before) or _DESTINATION.search(before) or _BEARING.search(before)) or bool(
            based and topic & set(relation_stems(re.split(r"[,;:()]", after[based.end() :])[0])))
    return bool(re.search(rf"\b{re.escape(preposition)}\s+(?:the\s+)?(?:[\w.’'-]+\s+){{0,4}}$", before, re.I))


def bearing(before: str) -> str:
    """The bearing written right before a place ("just south of "), which its answer keeps; "" when none."""
    m = _BEARING.search(before)
    return m.group(1) if m else ""


def specific_date(text: str) -> bool:
    """A complete date (a day and a year), not a month or a year alone."""
    return bool(_SPECIFIC_DATE.search(text))


# A month name, written out or cut to its first three letters ("Mar.", "March"), as the constraints read them.
_MONTH = re.compile(r"\b(" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\b", re.I)


def sharpens(vague: str, text: str) -> bool:
    """Whether text is a complete date within what a vaguer date answer says ("May 29, 2020" within "2020" or
    "May 2020"): the same year, and the same month where the vaguer one names it."""
    years = years_in(vague)
    if not years or specific_date(vague) or not specific_date(text) or not years <= years_in(text):
        return False
    months = {m.lower() for m in _MONTH.findall(vague)}
    return months <= {m.lower() for m in _MONTH.findall(text)}


# Words that link a name's last word to the rest of it ("Bank *of* England", "Institute *for* Peace").
_NAME_LINKS = {"of", "for", "on", "and", "the", "&"}


# "the Stodden family winery", "the Kennedy clan": a surname that names a family.
# A surname before the kind of business a family runs and names ("the Stodden winery") names the family as
# "the Stodden family winery" does: its members are other people than the name.
_FAMILY = re.compile(r"\b([A-Z][\w’'-]+)\s+(?:family|families|clan|dynasty|household|winery|vineyard|bakery|farm|"
                     r"brewery|distillery|dairy|ranch)\b")


def families(question: str) -> frozenset[str]:
    """Stems of the surnames a question names a family by."""
    return frozenset(s for m in _FAMILY.finditer(question) for s in relation_stems(m.group(1)))


def trim(text: str, asked: set[str], keep_last: bool = False, families: frozenset[str] = frozenset()) -> str:
    """Drop leading words the question already says ("Ukraine Keith Kellogg" for "envoy for ... Ukraine").

    Only the front: the recogniser's usual slip is to absorb the word before a name. A span whose
    last word is the question's ("Marco Rubio" when it asks about Rubio) is the question's own entity,
    and so is one the question's words leave one word of ("The US Open Women's Singles Championship" when
    it asks about the US Open women's singles, "Rocket League" when it asks about Rocket Pass), unless
    `keep_last`: a person's surname is a name of its own ("Ukraine Envoy Kellogg"). A family the question names
    (`families`, stems: "the Stodden family winery") is not one person: a member named in full is an answer.
    """
    words = text.split()

    def said(word: str) -> bool:
        # "Amazon.com Inc." is the question's "Amazon": a web address's ending is no word of the name.
        stems = set(relation_stems(_WEB_ENDING.sub("", word)))
        return bool(stems) and stems <= asked

    while words and words[0].lower() in _EDGE_WORDS:
        words = words[1:]
    whole = len(words)  # "the 1980s" is one word of its own, not a name the question's words cut to one
    while words and (words[0].lower() in _EDGE_WORDS or said(words[0])):
        words = words[1:]
    if len(words) == 1 and whole > 1 and not keep_last:
        return ""  # "The US Open Women's Singles *Championship*", "Rocket *League*": a fragment of a name
    while words and words[-1].lower() in _EDGE_WORDS:
        words = words[:-1]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]  # "Djokovic's": the owner, named
    # ... unless the word closes a phrase of the name's own ("the Institute for the Study *of War*" when the
    # question says "war"): then the name is another thing that only ends in the question's word.
    own_phrase = len(words) > 2 and words[-2].lower() in _NAME_LINKS
    member = keep_last and len(words) > 1 and bool(set(relation_stems(words[-1])) & families)
    if not words or (said(words[-1]) and not own_phrase and not member):
        return ""
    return _closed(" ".join(words)).strip(" ,;:")


def _closed(text: str) -> str:
    """Up to a bracket the span opens and does not close: the recogniser's span stops inside an aside
    ("Tadej Pogačar (UAE Team Emirates" of "Tadej Pogačar (UAE Team Emirates) won"), which is not the name."""
    for opening, closing in (("(", ")"), ("[", "]"), ("“", "”")):
        while text.count(opening) > text.count(closing):
            text = text[: text.rindex(opening)].rstrip()
    return text


def with_region(text: str, b: int, entities, label: str = "GPE") -> int:
    """"Tampa, Florida": a place is answered with the region or country written after it; a building, a
    stadium or a venue (`label` FAC, ORG) with the town it stands in ("Lakeside Arena in Tampa, Florida")."""
    for x, y, other in entities:
        if other != "GPE":
            continue
        if x == b + 2 and text[b:x] == ", ":
            return with_region(text, y, entities)
        if label in ("FAC", "ORG") and x == b + 4 and text[b:x] == " in ":
            return with_region(text, y, entities)
    return b


def town_after_in(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is one capitalised word (not an acronym) right after "in" and closing its phrase ("the
    winery, situated opposite the river in Dernau, ..."): English puts a place there ("in Dernau"), a firm
    rarely ("at Microsoft", "in NATO", an acronym)."""
    word = text[a:b]
    return bool(re.fullmatch(r"[A-Z][a-zà-ÿ'’-]+", word)) and bool(re.search(r"\bin\s+$", text[max(0, a - 4):a])) \
        and bool(re.match(r"\s*(?:[,.;:)]|$)", text[b:]))


def mere_window(before: str, text: str) -> bool:
    """Whether a duration is a window of time something is measured over or against ("below average compared to
    the last 15 years", "the highest in the past decade"), not how long anything lasts: "the last/past N units"
    gives a length only after "for" ("has run for the past 40 years")."""
    return bool(re.match(r"(?:the\s+)?(?:last|past)\b", text, re.I)) and \
        not re.search(r"\bfor\s+(?:the\s+)?$", before, re.I)


def unit_after(after: str, unit: str) -> int:
    """How many characters of `after` write the asked unit right after a count ("37 *hectares*", "4,000 *bottles*"):
    a count answers "how many hectares" in its unit, as the article writes it, not as a bare "37"."""
    m = re.match(r"\s*([A-Za-z][\w-]*)", after)
    return m.end() if m and word_stems(m.group(1))[:1] == word_stems(unit)[:1] else 0


def fits(part: Analysis, text: str, after: str) -> bool:
    """Type checks the labels alone do not make: a duration has a number and a unit, a distance a unit."""
    if part.kind == "duration":
        if not (_NUMBERISH.search(text) and _TIME_UNITS.search(text)):
            return False
    if part.kind in LOOSE_KINDS or part.kind in ("place", "institution", "work"):
        names = [w for w in _NAME_WORD.findall(text) if w.lower().strip(".") not in _NOT_NAMES]
        if not names:
            return False  # "for", "Inc.", "No": the recogniser's fragments, not names
    if part.kind == "date" and ((_RELATIVE_DATE.search(text) and not _PART_OF_NAMED.match(text))
                                or _SPAN_OF_TIME.search(text)):
        return False  # "last year" needs a "now"; "three days" is a duration, not a date
    if part.kind == "date" and part.type_noun == "weekday" and not _WEEKDAY.search(text):
        return False
    if part.kind == "date" and part.type_noun in _DAY_NOUNS and not _A_DAY.search(text):
        return False  # "On which day ...?" is not answered by "shortly before 10 a.m." alone
    if part.kind == "date" and part.type_noun == "time" and _CLOCK_ASKED.search(part.text) and not _CLOCK.search(text):
        return False
    if part.kind == "place" and _DEMONYM.search(text):
        return False  # "Ukrainian" names people or things of a place, not the place
    if part.kind == "place" and part.type_noun in PART_OF_COUNTRY_NOUNS and is_country(text):
        return False  # "Which city / valley ...?" is not answered by a country
    if part.kind == "distance":
        return bool(_DISTANCE_UNITS.search(text) or _DISTANCE_UNITS.match(after.strip()))
    if part.kind in ("number", "money") and not _NUMBERISH.search(text):
        return False
    if part.kind == "duration" and part.unit:
        # "how many days": a count of that unit, not "two years"; "how many decades" may be answered in years,
        # as news writes it ("the past 75 years"), when that is at least one decade.
        written = text + " " + " ".join(after.split()[:2])
        return word_stems(part.unit)[0] in word_stems(written) or in_finer_unit(part.unit, written)
    return True


# Lengths of the units of time in days, to tell a finer unit from a coarser one and compare amounts.
_UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650,
              "century": 36500}
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_AMOUNT_OF_TIME = re.compile(r"\b(\d+(?:[.,]\d+)?|" + "|".join(_WORD_NUMBERS) + r")[\s-]+(minute|hour|day|week|month|"
                             r"year|decade|centur)(?:y|ies|s)?\b", re.I)


def in_finer_unit(unit: str, text: str) -> bool:
    """Whether the text gives a length of time in a finer unit than the asked one that amounts to at least one
    of it ("75 years" for "how many decades"): the same length, in the unit the article chose."""
    asked = _UNIT_DAYS.get(_unit_name(unit))
    found = _AMOUNT_OF_TIME.search(text)
    if asked is None or found is None:
        return False
    amount, days = found.group(1).lower().replace(",", ""), _UNIT_DAYS[_unit_name(found.group(2))]
    value = _WORD_NUMBERS[amount] if amount in _WORD_NUMBERS else float(amount)
    return days < asked and value * days >= asked


def _unit_name(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def counts_unit(part: Analysis, text: str, after: str) -> bool:
    """"how many soldiers": a number followed by that noun ranks above other numbers (news often says
    "troops" for "soldiers", so this is a preference, not a requirement)."""
    return bool(part.unit) and word_stems(part.unit)[0] in word_stems(text + " " + " ".join(after.split()[:2]))
