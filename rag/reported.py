"""What a question says was said. "Who said the Frühburgunder is a diva?" asks for whoever says *that*: a
sentence where someone "says" something else of the Frühburgunder ("… Kreuzberg says of his fellow
winemakers") names a sayer, not the asked one."""

from __future__ import annotations

from rag.nlp import Token, parse_question
from rag.paraphrase import communication
from rag.text import content_terms, relation_stems

# What a clause's verb takes as its complement ("is a *diva*", "were *productive*", "seemed *unlikely*").
_COMPLEMENTS = frozenset({"attr", "acomp", "oprd"})

# Words that open a reported question ("explained *how* it works", "asked *whether* ...").
_ASKING = frozenset({"how", "why", "what", "whether", "if", "where", "when", "which", "who"})


def reported_words(question: str) -> tuple[str, ...]:
    """The words that say what the question's verb of saying reports ("diva" for "Who said the Frühburgunder
    is a diva?", "exploit" for "Who warned that scammers would exploit the outage?"); empty when its
    verb is none of saying or reports no clause ("Who told the writer about X?")."""
    tokens = parse_question(question).tokens
    for i, t in enumerate(tokens):
        if t.pos != "VERB" or not set(relation_stems(t.lemma)) & communication():
            continue
        clause = next((j for j, c in enumerate(tokens) if c.head == i and j != i and c.dep == "ccomp"), None)
        # "Who explained how the effect works?" reports a question, not a claim: its answer need not be worded.
        if clause is not None and not any(c.head == clause and c.lower in _ASKING for c in tokens):
            return _predicate(tokens, clause)
    return ()


def _predicate(tokens: tuple[Token, ...], clause: int) -> tuple[str, ...]:
    head = tokens[clause]
    # A verb says what it says itself, with any complement; "be" says nothing itself, only by its complement or an
    # adverb that stands for one ("was *over*").
    being = head.lemma == "be"
    words = [] if being else [head.text]
    words += [c.text for j, c in enumerate(tokens) if c.head == clause and j != clause and
              (c.dep in _COMPLEMENTS or (being and c.dep == "advmod"))]
    return tuple(w.lower() for w in words if content_terms(w))
