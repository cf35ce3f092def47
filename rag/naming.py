"""How a quote names a candidate answer: the noun it owns ("X's analysis", "the analysis by X") or counts ("59
clicks"), the noun it is the name of ("the Attention Correction feature") and the noun or role it is given
("spokeswoman Tammy Bruce", "Kirill Dmitriev, head of the fund"), read from its sentence's dependency parse (the
slot it fills is rag/roles.py's)."""

from __future__ import annotations

from collections.abc import Callable

from rag.nlp import Token, subtree
from rag.question import Analysis
from rag.roles import elided, span_root
from rag.text import content_terms, relation_stems


def owned(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The noun the span at text[a:b] owns ("X's analysis", "the analysis by X", "the release of X", "the X
    analysis"), or None."""
    root = span_root(tokens, a, b)
    if root is None:
        return None
    r = tokens[root]
    owner = tokens[r.head]
    if r.dep == "pobj" and owner.lower in ("of", "by"):
        owner = tokens[owner.head]
    elif r.dep not in ("poss", "compound"):
        return None
    return owner if owner.pos in ("NOUN", "PROPN") else None


def counted(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The noun a number at text[a:b] counts ("one such *link*", "59 *clicks*"), or None when it counts none
    (it stands alone, or is itself the noun: "hundreds of links")."""
    root = span_root(tokens, a, b)
    if root is None or tokens[root].dep not in ("nummod", "det", "quantmod"):
        return None
    head = tokens[tokens[root].head]
    return head if head.pos == "NOUN" and not a <= head.start < b else None


def name_of(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The common noun the span at text[a:b] is the name of, as its modifier ("the new *Attention Correction*
    feature", "the *Orion* project"), or None."""
    root = span_root(tokens, a, b)
    if root is None or tokens[root].dep not in ("compound", "nmod"):
        return None
    head = tokens[tokens[root].head]
    return head if head.pos == "NOUN" and not a <= head.start < b else None


def named_as(tokens: tuple[Token, ...], a: int, b: int, part: Analysis, anchors: frozenset[str],
             family: Callable[[str, str], bool]) -> bool:
    """Whether the quote names the span at text[a:b] by what the question asks for: as the asked noun
    ("spokeswoman Tammy Bruce" for "which spokesperson"), or by a role in what the question names
    ("Kirill Dmitriev, head of Russia's Direct Investment Fund" for "who leads the fund?"). `family`
    says whether two stems are forms of one word."""
    root = span_root(tokens, a, b)
    if root is None:
        return False
    span = {i for i, t in enumerate(tokens) if a <= t.start < b}
    r = tokens[root]
    nouns = [i for i, t in enumerate(tokens) if t.head == root and i != root and i not in span
             and t.dep in ("appos", "compound") and t.pos in ("NOUN", "PROPN")]
    if r.dep in ("appos", "compound") and r.head != root and tokens[r.head].pos in ("NOUN", "PROPN"):
        nouns.append(r.head)
    if r.dep == "appos":
        # "met with A and the head of X, B": the parser often hangs B on the first conjunct, but an
        # apposition follows what it renames, the conjunct right before it.
        conjuncts = [i for i, t in enumerate(tokens) if t.head == r.head and t.dep == "conj" and r.head < i < root]
        nouns += conjuncts[-1:]
    # Words on either side of an ellipsis were not written together: "X ... Winner of the Y" names no winner.
    nouns = [n for n in nouns if not elided(tokens, min(n, root), max(n, root))]
    asked = relation_stems(part.type_noun) if part.type_noun else []
    # When the asked noun is all the relation ("who is the prize's winner?"), another role in what the question
    # names ("a finalist of the prize") is not it.
    by_role = not (part.type_noun and part.relation_words == (part.type_noun,))
    for n in nouns:
        own = relation_stems(tokens[n].text)
        if any(family(x, y) for x in asked for y in own):
            return True
        described = subtree(tokens, n) - span - {n}
        words = {s for i in described for s in relation_stems(tokens[i].text) if content_terms(tokens[i].text)}
        if by_role and tokens[n].pos == "NOUN" and any(family(x, y) for x in anchors for y in words):
            return True
    return False


def noun_problems(tokens: tuple[Token, ...], a: int, b: int, part: Analysis, text: str, whose: str | None,
                  words: Callable[[str, tuple[str, ...]], bool]) -> list[str]:
    """What the nouns around the span at text[a:b] say against it: "Whose analysis ...?" needs the span to own
    an analysis (`whose`: the owned noun); "Who discovered the feature?" is not answered by the feature's own
    name ("the Attention Correction feature"), which is what was discovered; "How many clicks ...?" not by "one
    such link": a number counts what it is said of, the asked unit or the asked event ("16,000 deaths" for "how
    many soldiers died"). `words` says whether a word is one of some words or words them otherwise."""
    if whose is not None:
        owner = owned(tokens, a, b)
        if owner is None or not words(owner.text, (whose,)):
            return [f"'{text}' owns no {whose} in the quote"]
    named = name_of(tokens, a, b) if part.role == "subject" else None
    if named is not None and set(relation_stems(named.text)) & part.topic:
        return [f"'{text}' is the name of the {named.text} the question asks about"]
    noun = counted(tokens, a, b) if part.unit and part.kind == "number" else None
    if noun is not None and not words(noun.text, (part.unit, *part.relation_words)):
        return [f"'{text}' counts {noun.text}, not {part.unit}"]
    return []
