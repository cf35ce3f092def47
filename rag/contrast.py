"""What a candidate's own clause and title say against the question: another place where the sentence
names the question's ("forces near A ..., and forces in B are 11 km ..."), or another nationality than a noun's
the question qualifies ("Who led the Danish delegation?"). The asked noun's own title is rag/titles.py's.

Both read the named entities the reader already has (stored with each chunk at ingest), offsets in the
evidence quote, and the clause cut of rag/constraints.py.
"""

from __future__ import annotations

import re

from rag.clauses import clause_bounds
from rag.countries import is_country
from rag.names import unmentioned
from rag.nlp import Annotate, Parse, ParsedQuestion, subtree
from rag.text import word_stems

# Places qualify what a clause speaks of ("forces near A ..., and forces in B ..."); a person or an organisation
# beside the question's own is more often a party to the same event ("GPT-3, released by OpenAI in 2020").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Labels the small recogniser gives some places ("Amazonas" as a person).
_SLIPPED_PLACES = frozenset({"PERSON", "ORG"})
# A locative preposition right before a place.
_LOCATIVE = re.compile(r"\b(in|at)\s+(?:the\s+)?$", re.I)

# Entities in quote offsets: (start, end, label).
Spans = list[tuple[int, int, str]]


def _key(text: str) -> str:
    return " ".join(word_stems(text))


def question_places(question: str, annotate: Annotate) -> list[tuple[str, str, str]]:
    """The question's places with their labels and the locative preposition right before each ("in", "at"; ""
    for none)."""
    out = []
    for a, b, label in annotate([question])[0]:
        if label in PLACE_LABELS and _key(question[a:b]):
            out.append((question[a:b], label, _preposition_before(question[:a])))
    return out


def _preposition_before(text: str) -> str:
    """The locative preposition the text ends with ("in", "at", lower-cased), "" for none."""
    found = _LOCATIVE.search(text)
    return found.group(1).lower() if found else ""


def place_rivals(places: list[tuple[str, str, str]], quote: str, entities: Spans, a: int, b: int) -> list[str]:
    """"How far were the forces near A from C?" in "forces near A are 22 km from C, and forces in B are 11 km
    from C": the sentence names A, but 11 km's own clause (quote[a:b]'s) names B, another place, where A
    would stand. Where the sentence does not name the question's place at all, a name its clause puts after the
    question's preposition is that rival ("How many fires were detected in A?": "8,668 fires have been detected
    in B"), unless either is a country, which may hold the other ("in Brazil" and "in São Paulo")."""
    x0, y0 = clause_bounds(quote, a, b)
    clause = set(word_stems(quote[x0:y0]))
    whole = set(word_stems(quote))
    keys = [_key(name) for name, _, _ in places]
    for (name, label, preposition), key in zip(places, keys):
        words = set(key.split())
        if not words <= whole and preposition and not is_country(name):
            for x, y, other in entities:
                # The small recogniser files some places as people or organisations ("Amazonas").
                if x0 <= x and y <= y0 and not (x < b and a < y) and other in PLACE_LABELS | _SLIPPED_PLACES \
                        and _preposition_before(quote[max(0, x - 8):x]) == preposition and not is_country(quote[x:y]):
                    return [f"the clause around '{quote[a:b]}' says {preposition} {quote[x:y]}, where the question "
                            f"says {preposition} {name}"]
        if words <= clause or not words <= whole:
            continue
        for x, y, other in entities:
            if other != label or not (x0 <= x and y <= y0) or (x < b and a < y):
                continue
            found = set(_key(quote[x:y]).split())
            if found and not any(found & set(k.split()) for k in keys):
                return [f"the clause around '{quote[a:b]}' names {quote[x:y]}, where the question names {name}"]
    return []


def qualified_nouns(question: ParsedQuestion, type_noun: str | None) -> dict[str, str]:
    """Nouns the question gives a nationality, other than the asked noun (asked_origins' business): "Who led the
    *Russian* delegation?" -> {"delegation": "Russian"}. Read from the question's own parse (rag/question.py's,
    cached), not parsed again."""
    tokens, out = question.tokens, {}
    for a, b, label in question.entities:
        if label != "NORP":
            continue
        for t in tokens:
            noun = tokens[t.head]
            if a <= t.start < b and not a <= noun.start < b and noun.pos == "NOUN" and noun.lemma != type_noun:
                out[noun.lemma] = question.text[a:b]
    return out


def qualifier_rivals(asked: dict[str, str], quote: str, parse: Parse, entities: Spans) -> list[str]:
    """The quote speaks of the question's noun only as another nationality's ("a *Ukrainian* delegation had
    arrived" for "Who led the Russian delegation?"): whatever else it says is not of the asked one. A mention
    without a nationality, or with the asked one, may be it."""
    tokens = parse(quote) if asked else ()
    for lemma, nationality in asked.items():
        others = _other_nationalities(tokens, quote, entities, lemma, nationality)
        if others:
            return [f"the quote speaks of the {others[0]} {lemma}, not the {nationality} one"]
    return []


def _other_nationalities(tokens, quote: str, entities: Spans, lemma: str, nationality: str) -> list[str]:
    """The nationalities the quote gives its mentions of the noun, when every mention has one and none is the
    asked one; [] otherwise."""
    others: list[str] = []
    for i, t in enumerate(tokens):
        if t.pos != "NOUN" or t.lemma != lemma:
            continue
        given = [(quote[x:y], label) for x, y, label in entities if label in ("NORP", "GPE") and any(
            x <= k.start < y for k in tokens if k.head == i and k is not t and k.dep in _QUALIFYING)]
        # A country ("Denmark's delegation") may be the asked people's: no list here says which is whose.
        if not given or any(label == "GPE" for _, label in given) or not unmentioned([nationality], [g for g, _ in given]):
            return []
        others += [g for g, _ in given]
    return others


# How a nationality stands on its noun: "a Ukrainian delegation", "the Ukraine delegation", "Ukraine's delegation".
_QUALIFYING = {"amod", "compound", "poss", "nmod"}


def asked_subject(parsed: ParsedQuestion) -> frozenset[str]:
    """Stems of the proper name a question asks about as its verb's subject ("By what year does *Microsoft* plan
    to ...?"); empty when its subject is no name (a wh-word, a common noun)."""
    tokens = parsed.tokens

    def named(i: int) -> bool:  # the small parser tags an unknown name a noun; its capital still marks it
        return tokens[i].pos == "PROPN" or (i > 0 and tokens[i].text[:1].isupper())

    subject = next((i for i, t in enumerate(tokens) if t.dep in ("nsubj", "nsubjpass") and named(i)), None)
    if subject is None:
        return frozenset()
    # The whole subject phrase's names: "The Legend of Zelda: Breath of the Wild" is named by any of its words.
    return frozenset(word_stems(" ".join(tokens[i].text for i in subtree(tokens, subject) if named(i))))


def subject_rival(asked: frozenset[str], tokens, quote: str, entities: Spans, a: int, b: int,
                  before: tuple[str, tuple, Spans] | None = None) -> list[str]:
    """The span's clause has another company or person as its subject and never names the question's ("Amazon ...
    pledged to be net zero carbon by 2040" for "By what year does Microsoft plan to be net zero?"): it speaks of
    another. Places are left alone: one country has many names ("the US", "the United States", "Washington").
    A pronoun subject stands for the subject of the sentence before (`before`: its text, parse and entities):
    "Amazon runs a bigger cloud business than Microsoft ... . Including indirect sources, it emitted ..." speaks
    of Amazon."""
    if not asked or asked & set(word_stems(quote)):
        return []
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    if not inside:
        return []
    subject = _clause_subject(tokens, inside[0])
    if subject is not None and tokens[subject].lower in _STAND_INS and before is not None and before[0]:
        text, tokens, entities = before
        root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), None)
        subject = None if root is None else _clause_subject(tokens, root)
        if subject is None or asked & set(word_stems(text)) - set(word_stems(_after_subject(tokens, text, subject))):
            return []
    if subject is None or tokens[subject].pos != "PROPN" or subject in inside or not any(
            x <= tokens[subject].start < y and label in ("ORG", "PERSON") for x, y, label in entities):
        return []
    return [f"the clause around '{quote[a:b]}' speaks of {tokens[subject].text}, not of what the question names"]


# Pronouns that stand for a company or a person named before.
_STAND_INS = frozenset({"it", "he", "she", "they"})


def _clause_subject(tokens, j: int) -> int | None:
    """The subject of the clause token j stands in (of the verb it hangs on, or the nearest verb above that
    has one)."""
    seen = set()
    while tokens[j].pos not in ("VERB", "AUX") and tokens[j].head != j and j not in seen:
        seen.add(j)
        j = tokens[j].head
    while tokens[j].dep in ("xcomp", "conj", "advcl", "ccomp") and tokens[j].head != j:
        if any(t.head == j and t.dep in ("nsubj", "nsubjpass") for t in tokens):
            break
        j = tokens[j].head
    return next((i for i, t in enumerate(tokens) if t.head == j and t.dep in ("nsubj", "nsubjpass")), None)


def _after_subject(tokens, text: str, subject: int) -> str:
    """The sentence after its subject phrase: where the question's company may stand as another's object
    ("Amazon runs a bigger business than Microsoft") without being what the sentence speaks of."""
    last = max(subtree(tokens, subject))
    return text[tokens[last].start + len(tokens[last].text):]
