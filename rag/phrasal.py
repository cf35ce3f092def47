"""Phrasal verbs and the one-word verbs news prose reports them with.

"When did the phone come out?" is answered by "the phone was released on ...", "When did the awards take
place?" by "the awards were held on ...". The verb alone ("come", "take") says almost nothing, and its
single-word vector sits far from the report's verb ("come out" / "released": 0.49 with all-MiniLM-L6-v2,
under rag/paraphrase.py's threshold), so the asked relation is read as the phrasal verb's usual one-word
glosses too. The list is of common English phrasal verbs of news reports, as a dictionary glosses them.
A light verb ("hold a gathering", "pay a visit") is read by its object noun the same way.
"""

from __future__ import annotations

import re
from functools import cache

from rag.nlp import Token
from rag.text import relation_stems

# "verb particle" -> one-word verbs (lemmas) that say the same in news prose.
PHRASAL_VERBS: dict[str, tuple[str, ...]] = {
    "come out": ("release", "publish"),
    "roll out": ("launch", "release"),
    "take place": ("hold", "happen"),
    "take over": ("acquire", "control"),
    "buy out": ("acquire", "buy"),
    "set up": ("establish", "found"),
    "step down": ("resign",),
    "pass away": ("die",),
    "break out": ("start", "begin"),
    "kick off": ("start", "begin"),
    "call off": ("cancel",),
    "carry out": ("conduct", "perform"),
    "put forward": ("propose", "suggest"),
    "turn down": ("reject", "refuse"),
    "bring in": ("introduce",),
    "shut down": ("close",),
    "close down": ("close",),
    "hand over": ("transfer", "give"),
    "give up": ("surrender", "abandon"),
    "pull out": ("withdraw",),
    "find out": ("discover", "learn"),
    "sign up": ("join", "register"),
    "lay off": ("dismiss", "cut"),
    "wipe out": ("destroy",),
    "point out": ("note",),
    "go down": ("fail", "crash"),
    "rely on": ("use", "depend"),
    "step up": ("increase", "intensify"),
    "wind down": ("end", "close"),
}
# Words that complete a phrasal verb: its particle, or the noun of "take place".
_PARTICLE_DEPS = {"prt", "prep", "advmod", "dobj"}
# Light (support) verbs: in "hold a gathering", "make a decision", "pay a visit" the object noun says what
# happens and the verb next to nothing; reports write the noun's own verb ("met", "decided") or the noun or a
# near one with another verb ("convened an emergency meeting"), so the asked relation is read as the noun too.
# "play" is one in "play a role / a part" ("What role did X play?" is answered by "X's role as host").
# "take" and "get" are left out: as often they mean what they say ("took the city", "got the job").
LIGHT_VERBS = frozenset({"hold", "have", "make", "give", "pay", "play"})
# Verbs of regarding: in "see / regard / view / consider X as Y" the verb says only that it is someone's view; what
# is asked is Y, which a report words its own way ("X is America's primary adversary, he believes").
REGARDING_VERBS = frozenset({"see", "regard", "view", "consider", "perceive"})
# Verbs of describing: "described / called / hailed the talks as an important step" says the speaker's words; a
# quote names the speaker with those words or a near one, not with any other remark.
DESCRIBING_VERBS = frozenset({"describe", "call", "label", "characterize", "characterise", "portray", "brand", "hail",
                              "praise", "dismiss", "denounce", "criticize", "criticise"})


def glosses(tokens: tuple[Token, ...], verb: int) -> tuple[str, ...]:
    """The one-word verbs for tokens[verb] with the word after it that completes a phrasal verb ("come out"
    -> release, publish), or the object noun of a light verb ("hold a crisis gathering" -> gathering); ()
    when it is neither."""
    for j in (verb + 1, verb + 2):
        if j < len(tokens) and tokens[j].head == verb and tokens[j].dep in _PARTICLE_DEPS:
            found = PHRASAL_VERBS.get(f"{tokens[verb].lemma.lower()} {tokens[j].lower}")
            if found:
                return found
    if tokens[verb].lemma.lower() in LIGHT_VERBS:
        return tuple(t.lemma.lower() for t in tokens if t.head == verb and t.dep == "dobj" and t.pos == "NOUN")
    if tokens[verb].lemma.lower() in REGARDING_VERBS:
        # "Which country does X see as its main rival?": the noun after "as" and its adjectives say what is asked.
        return regarded_as(tokens, verb)
    return ()


def regarded_as(tokens: tuple[Token, ...], verb: int) -> tuple[str, ...]:
    """The lemmas of the noun after "as" on a verb of regarding or describing, with its adjectives ("see X as its
    *main rival*", "described the talks as an *important step* forward"); () when there is none."""
    if tokens[verb].lemma.lower() not in REGARDING_VERBS | DESCRIBING_VERBS:
        return ()
    nouns = [n for i, t in enumerate(tokens) if t.head == verb and t.lower == "as"
             for n, u in enumerate(tokens) if u.head == i and u.dep == "pobj" and u.pos == "NOUN"]
    return tuple(tokens[j].lemma.lower() for n in nouns for j in range(len(tokens))
                 if j == n or (tokens[j].head == n and tokens[j].dep == "amod"))


def written(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The phrasal verbs a text writes, in any form ("took place", "is coming out"): each verb word as written
    (lower-cased) with its glosses. Read from the words alone, since a quote near a span is not parsed."""
    words = _LETTERS.findall(text.lower().replace("’", "'"))
    found = []
    for verb, particle in zip(words, words[1:]):
        stem = relation_stems(verb)[:1]
        gloss = _by_stem().get((stem[0], particle)) if stem else None
        if gloss:
            found.append((verb, gloss))
    return found


_LETTERS = re.compile(r"[a-z]+")


@cache
def _by_stem() -> dict[tuple[str, str], tuple[str, ...]]:
    return {(relation_stems(verb)[0], particle): gloss
            for verb, particle, gloss in ((*k.split(), v) for k, v in PHRASAL_VERBS.items())}
