"""Shortening a quoted clause into a statement answer: what it asserts, without what only frames it.

A statement answer used to be the clause of the best evidence sentence, quoted whole ("Kellogg said at
the Munich Security Conference on February 15 that Russia must make territorial concessions during the
talks ..."). Syntactic sentence compression by the quote's parse drops what the question already knows
or what only frames the claim, and keeps the words of the quote in their order:
- the reporting frame, when its speaker is someone the question names ("Kellogg said ... that"):
  what was said is the answer;
- adjuncts of time ("on February 15", "during the talks", "last week"), and phrases that only say what an
  act belongs to or aims at ("as part of the union's plan", "in an effort to ...");
- appositions ("Dmitriev, a former banker, said" -> "Dmitriev said"), a leading connective ("However,"),
  and asides after a comma: a participle clause (", highlighting its minerals"), an attribution
  (", according to the agency").
Nothing is dropped from under a negation (leaving out "in the future" from "promised not to use force in
the future" would claim more), and a dropped run never holds a negation or a condition: rag/verify.py's
`compression_problems` checks that on its own.
"""

from __future__ import annotations

import re

from rag.constraints import MONTHS
from rag.deps import children
from rag.nlp import Token, subtree
from rag.text import relation_stems
from rag.verify import compression_problems

# A compression shorter than this has lost the statement (a bare "Russia must" is no answer).
DEFAULT_MIN_KEPT_WORDS = 4

# Prepositions whose phrase is always a time ("during the talks"): dropping it leaves what happened.
_TEMPORAL_PREPOSITIONS = {"during", "amid", "throughout"}
# Nouns that make a phrase a time ("on Monday", "in the future", "last week").
_TIME_WORDS = {
    *MONTHS, *(m[:3] for m in MONTHS), "sept",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "tonight", "future", "past", "weekend", "week", "month", "year", "day", "morning",
    "afternoon", "evening", "night", "time", "moment",
}
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Sentence adverbs that join the sentence to the one before and say nothing of their own.
_CONNECTIVES = {"however", "meanwhile", "moreover", "furthermore", "additionally", "nevertheless", "nonetheless",
                "also", "still", "yet", "besides"}
_NEGATION_DEPS = {"neg"}
# Words that cannot end a statement: each stands for what follows it.
_DANGLING = {"CCONJ", "SCONJ", "ADP", "DET"}
# Prepositional phrases that frame an act by what it belongs to or aims at, not what was done.
_FRAMES = {("as", "part"), ("in", "effort"), ("in", "bid"), ("in", "attempt")}


def compress(quote: str, tokens: tuple[Token, ...], a: int, b: int, asked: set[str]) -> list[tuple[int, int]]:
    """The character ranges of quote[a:b] to keep (in order), or [] when nothing can be dropped, what
    would be left is too short to be a statement, or what is left out could turn it around. `tokens` is
    the quote's parse; `asked` the stems (rag.text.relation_stems) of the
    question's content words."""
    inside = [i for i, t in enumerate(tokens) if a <= t.start and t.start + len(t.text) <= b]
    if not inside:
        return []
    keep = set(inside)
    framed = _said(tokens, inside, asked)
    if framed is not None:
        keep &= framed
    negated = _under_negation(tokens)
    # What the question asks about stays, whatever phrase holds it ("… reflecting concerns over enforcement"
    # answers "what did X say about enforcement").
    asked_at = {i for i, t in enumerate(tokens) if set(relation_stems(t.text)) & asked}
    for i in inside:
        t = tokens[i]
        head = tokens[t.head]
        gone = subtree(tokens, i)
        if gone & asked_at:
            continue
        if t.dep == "prep" and head.pos in ("VERB", "AUX") and t.head not in negated and _temporal(tokens, gone, i):
            keep -= gone
        elif t.dep == "prep" and head.pos in ("VERB", "AUX") and t.head not in negated and _framing(tokens, i):
            keep -= gone | ({min(gone) - 1} if tokens[min(gone) - 1].text == "," else set())
        elif t.dep == "npadvmod" and t.head not in negated and _temporal(tokens, gone, i):
            keep -= gone
        elif t.dep == "appos" and tokens[min(gone) - 1].dep not in _NEGATION_DEPS:
            # With the commas or dashes that set it off: "Berg, a former pilot, said" -> "Berg said". Not a set-aside
            # rival ("China, not Russia, is"): without it the negation is left with nothing.
            keep -= gone | {j for j in (min(gone) - 1, max(gone) + 1)
                            if 0 <= j < len(tokens) and tokens[j].text in (",", "—", "–", "(", ")")}
        elif t.dep == "advmod" and t.lower in _CONNECTIVES and i == min(keep, default=i):
            keep.discard(i)
        elif _aside(tokens, i) and t.head not in negated:
            # ", highlighting its minerals", ", according to the agency": a remark beside the claim.
            keep -= gone | ({min(gone) - 1} if tokens[min(gone) - 1].text == "," else set())
    keep = _tidy(tokens, sorted(keep))
    if len(keep) == len(inside) or sum(tokens[i].text[0].isalnum() for i in keep) < DEFAULT_MIN_KEPT_WORDS:
        return []
    ranges = _ranges(tokens, keep)
    return [] if compression_problems(quote, ranges) else ranges


def _said(tokens: tuple[Token, ...], inside: list[int], asked: set[str]) -> set[int] | None:
    """What a speaker the question names said: "Kellogg said on Monday that Russia must ..." -> "Russia
    must ..." when the question is about Kellogg (the complement, without its "that")."""
    where = set(inside)
    below = children(tokens)
    for i in inside:
        if tokens[i].pos not in ("VERB", "AUX"):
            continue
        kids = below.get(i, [])
        subject = next((j for j in kids if tokens[j].dep in ("nsubj", "nsubjpass")), None)
        said = next((j for j in kids if tokens[j].dep == "ccomp"), None)
        if subject is None or said is None:
            continue
        speaker = set(relation_stems(" ".join(tokens[k].text for k in subtree(tokens, subject))))
        if not speaker & asked or said not in where:
            continue
        # Within the clause read: the sentence may go on past it with more of what was said.
        return {k for k in subtree(tokens, said) & where if not (tokens[k].dep == "mark" and tokens[k].head == said)}
    return None


def _aside(tokens: tuple[Token, ...], i: int) -> bool:
    """A participle clause or an attribution set off by a comma after the claim it remarks on."""
    t = tokens[i]
    if i < 2 or tokens[i - 1].text != "," or t.head >= i:
        return False
    return (t.dep == "advcl" and t.pos == "VERB" and t.lower.endswith("ing")) or \
        (t.dep == "prep" and t.lower == "according")


def _under_negation(tokens: tuple[Token, ...]) -> set[int]:
    """Tokens in the scope of a negation: the negated word and everything below it."""
    out: set[int] = set()
    for j, t in enumerate(tokens):
        if t.dep in _NEGATION_DEPS or t.lower in ("never", "without"):
            out |= subtree(tokens, t.head if t.dep in _NEGATION_DEPS else j)
    return out


def _framing(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the phrase headed by tokens[i] only says what the act belongs to or aims at: "*as part of* the
    union's plan to ...", "*in an effort to* ...", "*in a bid to* ..."."""
    objects = [k for k, t in enumerate(tokens) if t.head == i and t.dep == "pobj"]
    return any((tokens[i].lower, tokens[k].lemma) in _FRAMES for k in objects)


def _temporal(tokens: tuple[Token, ...], phrase: set[int], i: int) -> bool:
    """Whether the phrase headed by tokens[i] (its subtree, `phrase`) is a time."""
    if tokens[i].lower in _TEMPORAL_PREPOSITIONS:
        return True
    words = [tokens[k] for k in phrase if k != i]
    return any(t.lower in _TIME_WORDS or _YEAR.match(t.text) for t in words) and \
        all(t.pos in ("DET", "NUM", "ADJ", "PROPN", "NOUN", "PUNCT", "ADP", "CCONJ") for t in words)


def _tidy(tokens: tuple[Token, ...], keep: list[int]) -> list[int]:
    """No punctuation at either end, no two marks in a row where a phrase was dropped between, and no
    conjunction, preposition or article at the end."""
    out: list[int] = []
    for i in keep:
        punct = not tokens[i].text[0].isalnum() and tokens[i].text not in ('"', "“", "”", "'")
        if punct and (not out or not tokens[out[-1]].text[0].isalnum()):
            continue
        out.append(i)
    # Nor a word left waiting for what was dropped after it: "... than it emits and that" once "by 2050, it
    # hopes ..." went.
    while out and (not tokens[out[-1]].text[0].isalnum() or tokens[out[-1]].pos in _DANGLING):
        out.pop()
    return out


def _ranges(tokens: tuple[Token, ...], keep: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    kept = set(keep)
    for i in keep:
        start, end = tokens[i].start, tokens[i].start + len(tokens[i].text)
        if out and i - 1 in kept:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def joined(quote: str, ranges: list[tuple[int, int]]) -> str:
    """The kept ranges as one statement, its first letter capitalised."""
    text = " ".join(quote[x:y] for x, y in ranges)
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    return text[:1].upper() + text[1:]
