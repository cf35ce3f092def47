"""The asked argument of a statement question: "What would Lukashenko release?" is answered by the object
of "release" in a quote that says it ("Lukashenko would release *an unspecified number of prisoners*"),
a short span instead of a quoted clause.

Read from the dependency parse of the question (which verb the wh-word is the object of, and who does it)
and of the quote (the same verb, or a derived form, done by the same one, not denied, and its object or
complement clause). Nothing is generated: the span is the quote's own words.
"""

from __future__ import annotations

from rag.nlp import Token, subtree
from rag.paraphrase import same_family
from rag.roles import agents, children, names_other
from rag.text import content_terms, relation_stems

# What a verb's asked argument may be: its object, its complement clause ("said *that* ..."), an open
# complement ("demanded NATO *rescind* ..."), a predicate noun; in that order of preference.
_ARGUMENT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "oprd")
# A complement clause's opening word, which is not part of what was said.
_MARKS = {"that", "whether", "if"}
# Verbs that only carry the asked one: "What did X *say* Russia had adjusted?", "What does X *want* NATO to
# withdraw?" asks for the object of the inner verb.
_CARRIERS = {"say", "tell", "want", "think", "believe", "claim", "need", "ask", "expect", "hope"}
# An argument longer than this is a passage, not an answer (the statement bound of rag/compose.py).
DEFAULT_MAX_ARGUMENT_WORDS = 30


def asked_verbs(question: tuple[Token, ...]) -> list[int]:
    """Indices of the question's verbs whose object the wh-word asks for, innermost first ("What did he say
    Russia had adjusted?": adjusted, then say). Empty when the wh-word is not an object."""
    wh = next((i for i, t in enumerate(question) if t.lower in ("what", "which")), None)
    if wh is None or question[wh].dep not in ("dobj", "pobj", "dep") or question[question[wh].head].pos != "VERB":
        return []
    head = question[wh].head
    if question[wh].dep == "pobj" and question[head].lemma not in _CARRIERS:
        return []
    inner = [i for i in sorted(subtree(question, head) - {head}) if question[i].pos == "VERB"
             and question[i].dep in ("ccomp", "xcomp")]
    found = [head] + inner
    # The innermost verb is the asked one; a carrier verb only when nothing is inside it.
    return [i for i in reversed(found) if question[i].lemma not in _CARRIERS] + \
        [i for i in reversed(found) if question[i].lemma in _CARRIERS]


def argument(quote: tuple[Token, ...], question: tuple[Token, ...]) -> tuple[int, int, str] | None:
    """Character offsets in the quote of the asked verb's argument, and the quote's verb, when the quote says
    that verb (or a derived form of it) of the question's subject, without denying it; None otherwise."""
    words = frozenset(s for t in question if content_terms(t.text) for s in relation_stems(t.text))
    qkids = children(question)
    kids = children(quote)
    for v in asked_verbs(question):
        stem = (relation_stems(question[v].lemma) or [None])[0]
        if stem is None:
            continue
        asked_subject = [i for i in agents(question, qkids, v) if question[i].pos != "PRON"]
        for w, t in enumerate(quote):
            own = (relation_stems(t.lemma) or [None])[0]
            if t.pos != "VERB" or own is None or not same_family(stem, own):
                continue
            if any(quote[c].dep == "neg" for c in kids.get(w, [])):
                continue  # "did not release X" does not say X was released
            doers = agents(quote, kids, w)
            if asked_subject and doers and all(names_other(quote, kids, d, words) for d in doers):
                continue  # someone else's act
            span = _span(quote, kids, w)
            if span is not None:
                return span[0], span[1], t.text
    return None


def _span(quote: tuple[Token, ...], kids: dict[int, list[int]], v: int) -> tuple[int, int] | None:
    for dep in _ARGUMENT_DEPS:
        for c in kids.get(v, []):
            if quote[c].dep != dep:
                continue
            inside = sorted(subtree(quote, c))
            while inside and (quote[inside[0]].lower in _MARKS or not any(ch.isalnum() for ch in quote[inside[0]].text)):
                inside.pop(0)
            while inside and not any(ch.isalnum() for ch in quote[inside[-1]].text):
                inside.pop()
            if not inside or len(inside) > DEFAULT_MAX_ARGUMENT_WORDS or inside != list(range(inside[0], inside[-1] + 1)):
                continue
            last = quote[inside[-1]]
            return quote[inside[0]].start, last.start + len(last.text)
    return None
