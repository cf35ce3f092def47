"""What a statement question's verb is asked about ("NATO" in "What did Lavrov say *about* NATO?") and who
does it, and whether a quote speaks of it, said by them (rag/said.py picks the sentence such a question is
read from; rag/arguments.py reads the asked argument there)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.deps import agents, children
from rag.nlp import Token, subtree
from rag.text import content_terms, relation_stems

# Prepositions that name the topic of what is said or thought ("What did X say *about* NATO?"): an answer
# must speak of it.
TOPIC_PREPOSITIONS = frozenset({"about", "regarding", "concerning"})
_WH = frozenset({"which", "what", "whose", "who", "whom"})
# A sentence whose subject is a pronoun ("He believes ...", "However, she said ..."), which may stand for the
# question's doer; a possessive elsewhere ("expressed his disapproval") is someone the sentence names.
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:[\w’']+(?:\s+[\w’']+)?,\s+)?(he|she|they)\b", re.I)


@dataclass(frozen=True)
class About:
    """What a statement question's verb is asked about ("NATO" in "What did Lavrov say *about* NATO?") and who
    does it ("Lavrov"), as relation stems."""

    topic: frozenset[str]
    speaker: frozenset[str]


def asked_about(question: tuple[Token, ...]) -> About | None:
    """The topic and doer of a question's verb with an "about", "regarding" or "concerning" phrase; None
    when it has none."""
    kids = children(question)
    for i, t in enumerate(question):
        if t.dep != "prep" or t.lower not in TOPIC_PREPOSITIONS or question[t.head].pos not in ("VERB", "AUX"):
            continue
        topic = stems(question, {j for j in subtree(question, i) if question[j].lower not in TOPIC_PREPOSITIONS})
        doers = [d for d in agents(question, kids, t.head) if question[d].pos != "PRON"]
        # The doer's head and the names compounded with it ("Mike Waltz", "the foreign *ministry*"), not what
        # only qualifies it ("Moscow's", "foreign"), which other speakers share.
        heads = [j for d in doers for j in [d] + [c for c in kids.get(d, []) if question[c].dep == "compound"]]
        speaker = stems(question, heads)
        if topic:
            return About(frozenset(topic), frozenset(speaker))
    return None


def asked_speaker(question: tuple[Token, ...], saying: frozenset[str]) -> About | None:
    """Who does the question's verb of saying, with no topic asked ("What do security experts tell users to
    avoid?"): the head nouns of the doer and the names compounded with them, as an About of no topic; None
    when the verb is no verb of saying (`saying`: their stems), or its doer a pronoun or the wh-word."""
    kids = children(question)
    for i, t in enumerate(question):
        if t.pos != "VERB" or not set(relation_stems(t.lemma)) & saying:
            continue
        # "Which commentator said ...?" asks who: the wh-phrase's noun is the answer's kind, no speaker given. One
        # person named by a role ("Microsoft's CEO") is as often named by name alone ("Nadella said"): a name or
        # a plural class ("experts") is what a sentence by them names.
        doers = [d for d in agents(question, kids, i)
                 if (question[d].pos == "PROPN" or (question[d].pos == "NOUN" and question[d].lower != question[d].lemma))
                 and not any(question[j].lower in _WH for j in subtree(question, d))]
        heads = [j for d in doers for j in [d] + [c for c in kids.get(d, []) if question[c].dep == "compound"
                                                   and question[c].pos == "PROPN"]]
        speaker = stems(question, heads)
        return About(frozenset(), frozenset(speaker)) if speaker else None
    return None


def speaks_of(quote: str, before: str, about: About) -> bool:
    """Whether the quote names the topic, said by the question's doer: named in the quote, or a pronoun
    there ("He believes China ...") after text that names them (`before`: what the article says just before)."""
    if about.topic and not about.topic & set(relation_stems(quote)):
        return False
    if not about.speaker or about.speaker & set(relation_stems(quote)):
        return True
    return bool(_PRONOUN_SUBJECT.search(quote)) and bool(about.speaker & set(relation_stems(before)))


def stems(tokens: tuple[Token, ...], indices: Iterable[int]) -> set[str]:
    """Relation stems of the content words among tokens[i] for i in indices."""
    return {s for i in indices if content_terms(tokens[i].text) for s in relation_stems(tokens[i].text)}
