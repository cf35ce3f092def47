"""Yes or no: whether the clause quoted for a yes/no question says the asked verb of what the question names,
plainly or denied ("Did the talks yield details?": "the talks did not yield any details" says no).

The lead is given only when the clause says the question's own verb (a form of it, not another word for it),
of every name and argument the question gives and all but one of its other words, without hedging it ("may",
"reportedly", "whether"); else the clause is quoted alone and the reader judges. A question that is itself
negative ("Didn't X ...?") gets no lead: "yes" would be ambiguous.
"""

from __future__ import annotations

from rag.nlp import Token, subtree
from rag.question import Analysis
from rag.text import content_stems, relation_stems

# Words that leave an assertion open: a modal, an adverb of hearsay or doubt, a clause of "whether"/"if". (A verb
# of seeming needs no rule: "X appears to have raised ..." leaves X outside what "raised" governs.)
_MODALS = frozenset({"may", "might", "could", "would", "should"})
_HEARSAY = frozenset({"reportedly", "allegedly", "likely", "possibly", "perhaps", "apparently", "probably"})
_OPEN = frozenset({"whether", "if"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
# "Does X have a Y?": "have" is light; a report says it by a verb of having or providing the same object ("it does
# not provide a Y"), not by any verb of it ("does not need a Y" says nothing of having one).
_HAVING = frozenset({"have", "provide", "offer", "maintain", "own", "operate", "keep", "hold", "include", "feature",
                     "possess", "contain", "run"})
# A question's words other than its names and arguments the clause may leave out or word otherwise: one.
DEFAULT_UNSAID_WORDS = 1


def yes_or_no(tokens: tuple[Token, ...], quote: str, a: int, b: int, part: Analysis,
              question: tuple[Token, ...]) -> str | None:
    """"Yes" or "No" for the yes/no `part` (parsed as `question`) from the clause at quote[a:b] (parsed as
    `tokens`), or None when the clause does not plainly say or deny the asked verb of what the question names."""
    if part.kind != "yesno" or any(t.dep == "neg" for t in question):
        return None
    # The question's verb: its root, else its first verb ("Did the talks *yield* ...?").
    asked = next((t for t in question if t.dep == "ROOT" and t.pos == "VERB"), None) or \
        next((t for t in question if t.pos == "VERB"), None)
    stems = set(relation_stems(asked.lemma)) if asked is not None else set()
    if not stems:
        return None
    verbs = [i for i, t in enumerate(tokens) if a <= t.start < b and t.pos == "VERB"
             and stems & set(relation_stems(t.lemma))]
    if not verbs and asked.lemma == "have":
        wanted = {s for t in question if t.dep == "dobj" and question[t.head] is asked for s in relation_stems(t.text)}
        verbs = [i for i, t in enumerate(tokens) if a <= t.start < b and t.pos == "VERB" and t.lemma in _HAVING
                 and any(u.head == i and u.dep == "dobj" and set(relation_stems(u.text)) & wanted for u in tokens)]
    # Every name, and the head of every argument ("the mayor", "the bridge"), must be said: a clause that says
    # the governor opened the bridge does not answer whether the mayor did.
    core = {s for t in question if t.pos == "PROPN" or (t.dep in _ARGUMENTS and t.pos == "NOUN")
            for s in content_stems(t.text)}
    others = set(content_stems(part.text)) - core - stems
    for i in verbs:
        words = set(content_stems(" ".join(tokens[j].text for j in sorted(subtree(tokens, i)))))
        if not core <= words or len(others - words) > DEFAULT_UNSAID_WORDS or _hedged(tokens, i):
            continue
        return "No" if _denied(tokens, i) else "Yes"
    return None


def _denied(tokens: tuple[Token, ...], i: int) -> bool:
    """The verb at i is negated ("did not yield", "never met") or its object is none ("produced no results")."""
    kids = [j for j, t in enumerate(tokens) if t.head == i and j != i]
    if any(tokens[j].dep == "neg" or tokens[j].lower == "never" for j in kids):
        return True
    objects = {j for j in kids if tokens[j].dep == "dobj"}
    return any(t.head in objects and t.lower == "no" for t in tokens)


def _hedged(tokens: tuple[Token, ...], i: int) -> bool:
    """The verb at i is said as possible, hearsay or an open question, not as a fact."""
    kids = [t for t in tokens if t.head == i and t is not tokens[i]]
    return any(t.lower in _MODALS or t.lower in _HEARSAY or (t.dep == "mark" and t.lower in _OPEN) for t in kids)
