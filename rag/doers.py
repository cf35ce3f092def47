"""Who did it, when no name did: the common noun of a kind of person or organisation that does the asked verb in
the best sentence that says it ("*Researchers* urged Android victims to ..." for "Who urged Android victims to
...?"). Read only when no name is found for a "who" question; the quote must say the asked verb itself (a form of
it) and every other word of the question's relation, undenied."""

from __future__ import annotations

from rag.candidates import Candidate
from rag.deps import agents, children
from rag.evidence import Evidence
from rag.nlp import Parse
from rag.nouns import noun_kind
from rag.paraphrase import same_family
from rag.phrases import noun_phrase
from rag.question import LOOSE_KINDS, Analysis
from rag.slots import points_back
from rag.retrieval import Passage
from rag.text import relation_stems

# The kinds of noun that can do what "who" asks about.
_DOER_KINDS = frozenset({"person", "organisation", "agent"})
# Only the best few sentences: a common noun far down the list is someone else's act more often than not.
DEFAULT_DOER_SENTENCES = 3


def common_doers(part: Analysis, index: int, pool: list[tuple[Evidence, Passage]], parse: Parse) -> list[Candidate]:
    """The noun phrase that does the asked verb in the first of the best sentences where one does, as a candidate
    (label "NOUN"); [] when the question asks no subject or the sentences name no such doer."""
    if part.kind not in LOOSE_KINDS or part.role != "subject" or not part.verb:
        return []
    for e, _ in pool[:DEFAULT_DOER_SENTENCES]:
        if not (part.relation - {part.verb}) <= set(relation_stems(e.quote)):
            continue  # the quote must say all the question asks of the doer, not the verb alone
        tokens = parse(e.quote)
        kids = children(tokens)
        for v, t in enumerate(tokens):
            own = relation_stems(t.lemma)
            if t.pos != "VERB" or not own or not same_family(part.verb, own[0]):
                continue
            if any(tokens[c].dep == "neg" for c in kids.get(v, [])):
                continue
            for d in agents(tokens, kids, v):
                if tokens[d].pos != "NOUN" or noun_kind(tokens[d].lemma) not in _DOER_KINDS or \
                        (part.type_noun and tokens[d].lemma != part.type_noun):
                    continue  # "Which official ...?" is answered by officials, not by any people
                if points_back(tokens, d):
                    continue  # "the company" stands for one named before: saying so tells nothing
                found = noun_phrase(tokens, d)
                if found is None:
                    continue
                a, b = found
                return [Candidate(e.quote[a:b], "NOUN", index, e, e.start + a, e.start + b, e.score, 0)]
    return []
