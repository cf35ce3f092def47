"""The title a quote gives a name and whether it is the one a question asks for: "Who is Russia's foreign
minister?" is answered by whom a quote calls so ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov,
Russia's foreign minister"), not by "Ukrainian Foreign Minister Andriy Sibikha", nor by "Yermak" standing beside
him; "the special envoy for Russia and Ukraine" is not "the special envoy for the Middle East".

A title's qualifiers fill two slots: whose it is (a nationality or a country: "Russian", "Russia's", "US", "of
Brazil") and what it is for ("for Russia and Ukraine", "to the UN"). Both are read from the quote's parse and the
entities stored with it; a slot the question leaves open or the quote does not fill says nothing.
"""

from __future__ import annotations

import os
import re

from collections.abc import Callable

from rag.deps import span_root
from rag.nlp import Annotate, Parse, Token
from rag.text import agent_verb, relation_stems

# Who a title is of, and what it is for: countries, nationalities, regions.
ORIGIN_LABELS = frozenset({"NORP", "GPE", "LOC"})
# How a nationality modifies the title noun ("Chinese diplomat", "Russia's minister", "US envoy").
_OWNER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# The links of a title to the name it titles: "Russian(amod) Foreign Minister(compound) Sergei Lavrov", "US(nmod)
# Secretary(nmod) ... Rubio", "Russia(poss) 's foreign minister(appos)".
_TITLE_LINKS = frozenset({"amod", "compound", "nmod", "poss", "appos", "flat"})
# Prepositions that give a title its owner ("the president of Brazil") or its area ("envoy for Russia").
_OWNER_PREPS = frozenset({"of"})
_AREA_PREPS = frozenset({"for", "to", "on"})
# Steps from a qualifier to the name: "US Secretary of State Marco Rubio" is two, "the Russian foreign minister,
# Sergei Lavrov" two.
DEFAULT_TITLE_STEPS = 4
# A demonym keeps at least four letters of its country's name and drops at most two ("Ukrain-e"/"Ukrain-ian",
# "Chin-a"/"Chin-ese"): "Iran" and "Iraq" share three.
DEFAULT_DEMONYM_STEM = 4
DEFAULT_DEMONYM_ENDING = 2
# A long title the small parser tears apart ("Special Presidential Envoy for Russia and Ukraine Keith Kellogg"):
# the asked noun, then only capitalised words and the small words of a title, right before the name.
_TITLE_TAIL = r"(?:\s+(?:[A-Z][\w’'.-]*|of|for|and|the|to|on))*\s*$"

# Between a nationality and the name its title gives it: "'s" and up to four capitalised words ("Trade Minister").
_TITLE_GAP = re.compile(r"^(?:['’]s)?(?:\s+[A-Z][\w’'.-]*){0,4}\s+$")

# (slot, name): ("owner", "Russia"), ("area", "Middle East").
Origins = frozenset[tuple[str, str]]


def asked_origins(text: str, type_noun: str | None, parse: Parse, annotate: Annotate) -> Origins:
    """Whose the asked noun is and what for, as the question says: "Which *Chinese* diplomat ...", "Who is
    *Russia's* foreign minister?", "the president *of Brazil*", "the envoy *for Russia and Ukraine*"."""
    if not type_noun:
        return frozenset()
    tokens = parse(text)
    noun = next((i for i, t in enumerate(tokens) if t.lemma == type_noun), None)
    if noun is None:
        return frozenset()
    out = set()
    for a, b, label in annotate([text])[0]:
        if label not in ORIGIN_LABELS:
            continue
        for i in (i for i, t in enumerate(tokens) if a <= t.start < b):
            slot = _slot(tokens, i, {noun}, 1)
            if slot is not None:
                out.add((slot, text[a:b]))
                break
    return frozenset(out)


def title_origins(tokens: tuple[Token, ...], quote: str, entities: list[tuple[int, int, str]], a: int,
                  b: int) -> Origins:
    """Whose the title of quote[a:b] says it is and what for: ("owner", "Ukrainian") in "Ukrainian Foreign
    Minister Andriy Sibikha", ("owner", "US") in "US Secretary of State Marco Rubio", ("area", "Middle East") in
    "the US President's special envoy for the Middle East, Steve Witkoff". The qualifier hangs on the name by a
    chain of title links, so "Yermak and Ukrainian Foreign Minister Andriy Sibikha" gives Yermak none."""
    root = span_root(tokens, a, b)
    if root is None:
        return frozenset()
    targets = {root}
    if tokens[root].dep == "appos":
        renamed = tokens[root].head
        targets.add(renamed)
        # "the envoy for Kenya, Tom Reyes": the parser hangs the apposition on the nearest noun, but it renames
        # the whole phrase, whose head is the title.
        if tokens[renamed].dep == "pobj" and tokens[tokens[renamed].head].dep == "prep":
            targets.add(tokens[tokens[renamed].head].head)
    out = set()
    for x, y, label in entities:
        if label not in ORIGIN_LABELS or (x < b and a < y):
            continue
        if y <= a and _TITLE_GAP.match(quote[y:a]):
            # Right before the name with only a title's capitalised words between: the parser often tears
            # "A and Danish Trade Minister B" apart, the words stand as written.
            out.add(("owner", quote[x:y]))
            continue
        for i in (i for i, t in enumerate(tokens) if x <= t.start < y):
            slot = _slot(tokens, i, targets, DEFAULT_TITLE_STEPS)
            if slot is not None:
                out.add((slot, quote[x:y]))
                break
    return frozenset(out)


def _slot(tokens: tuple[Token, ...], i: int, targets: set[int], steps: int) -> str | None:
    """Which slot token i qualifies a target in: "owner" by a modifier or "of", "area" by "for", "to" or "on";
    None when it hangs on none of them that way (within `steps` title links above the preposition)."""
    if tokens[i].dep == "conj":
        i = tokens[i].head  # "for Russia and *Ukraine*"
    slot = "owner"
    if tokens[i].dep == "pobj" and tokens[tokens[i].head].lower in _OWNER_PREPS | _AREA_PREPS:
        slot = "area" if tokens[tokens[i].head].lower in _AREA_PREPS else "owner"
        i = tokens[tokens[i].head].head
        if i in targets:
            return slot
    elif tokens[i].dep not in _OWNER_DEPS:
        return None
    for _ in range(steps):
        if i in targets:
            return slot
        if tokens[i].dep not in _TITLE_LINKS or tokens[i].head == i:
            return None
        i = tokens[i].head
    return slot if i in targets else None


def origin_problems(origins: Origins, found: Origins, span: str) -> list[str]:
    """A name whose title gives another owner or area than the question's, in a slot both fill, is not the asked
    one."""
    for slot in {s for s, _ in origins} & {s for s, _ in found}:
        asked = [o for s, o in origins if s == slot]
        given = [o for s, o in found if s == slot]
        if not any(same_origin(g, o) for g in given for o in asked):
            return [f"'{span}' is called {' and '.join(sorted(given))} there, not {' or '.join(sorted(asked))}"]
    return []


def same_origin(x: str, y: str) -> bool:
    """Whether two names of a nationality or country name one ("Russia" and "Russian", "Ukraine" and "Ukrainian",
    "the United States" and "US"): the same words, one within the other, initials, or the common stem a demonym
    is made from. Irregular pairs ("France", "French") count as two: a false decline, never a wrong answer."""
    a, b = _plain(x), _plain(y)
    if not a or not b:
        return False
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    if _initials(a) == b.replace(" ", "") or _initials(b) == a.replace(" ", ""):
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= DEFAULT_DEMONYM_STEM and common >= min(len(a), len(b)) - DEFAULT_DEMONYM_ENDING


def _plain(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip().lower()).replace(".", "")
    return name[4:] if name.startswith("the ") else name


def _initials(name: str) -> str:
    words = name.split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def titled_before(quote: str, a: int, noun_forms: list[str]) -> bool:
    """Whether one of the asked noun's forms stands right before quote[a:], with only a title's words between
    ("Special Presidential Envoy for Russia and Ukraine Keith Kellogg"): for titles the parser tears apart."""
    before = quote[:a]
    return any(re.search(r"(?i:\b%s\b)%s" % (re.escape(form), _TITLE_TAIL), before) for form in noun_forms)


def does_the_title(tokens: tuple[Token, ...], a: int, b: int, noun: str, family: Callable[[str, str], bool]) -> bool:
    """Whether the span at text[a:b] does what the title names, as a verb: "directed by X" or "X directed" makes X
    the director, "X edits" the editor, "X beat Y to win" the winner."""
    root = span_root(tokens, a, b)
    if root is None:
        return False
    r = tokens[root]
    verb = tokens[r.head].head if r.dep == "pobj" and tokens[r.head].lower == "by" else \
        r.head if r.dep == "nsubj" else None
    if verb is None or tokens[verb].pos != "VERB":
        return False
    # "X beat Y to win the title": the subject of "beat" is the one who wins.
    verbs = [verb] + [i for i, t in enumerate(tokens) if t.head == verb and t.dep == "xcomp" and t.pos == "VERB"] \
        if r.dep == "nsubj" else [verb]
    forms = [*relation_stems(noun), *filter(None, [agent_verb(noun)])]  # "winner" is made from "win"
    return any(family(x, y) or x == y for x in forms for v in verbs for y in relation_stems(tokens[v].text))
