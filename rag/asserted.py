"""Clauses a sentence does not assert. An embedded question ("it is unclear *whether* Kyiv will attend",
"it remains unclear *who* will represent Russia"), a condition ("*if* the talks fail, ...") or a direct
question ("Did Germany win the 2014 final?") only asks about or supposes what it holds: a name standing
there is not said to fill any slot.

Read from the quote's dependency parse; the only words listed are the clause openers and the predicates
of not knowing, which are closed classes of English.
"""

from __future__ import annotations

import re

from rag.nlp import Token

# Openers of a clause that is asked about or supposed, whatever governs it.
_OPEN_ALWAYS = {"whether", "if"}
_WH = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how"}
# A wh-clause asks only under a predicate of not knowing or asking; under "explain" or "reveal" it presupposes
# what it holds ("he explained how the deal was reached on Monday" says the deal was reached on Monday).
_UNKNOWING = {"unclear", "uncertain", "unknown", "undecided", "unsure", "ask", "wonder", "question", "debate",
              "decide", "determine", "see", "investigate", "speculate", "clear", "know", "sure", "certain"}
# "clear", "know", "sure", "certain" ask only when denied ("not clear who", "does not know whether").
_ASK_WHEN_DENIED = {"clear", "know", "sure", "certain"}
_NEGATIONS = {"not", "n't", "never", "no", "nobody", "none"}
# The dependencies that make a clause a complement of its head (what is said, asked or known) or a condition.
_COMPLEMENTS = {"ccomp", "csubj", "csubjpass", "xcomp"}
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def unasserted(tokens: tuple[Token, ...], quote: str, a: int, b: int) -> str | None:
    """The word that makes quote[a:b] asked about or supposed ("whether", "if", "who", "?"), None when the quote
    states what stands there."""
    end = _SENTENCE_END.search(quote, b)
    if end and end.group() == "?":
        return "?"
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    if not inside:
        return None
    seen: set[int] = set()
    i = inside[0]
    while i not in seen:
        seen.add(i)
        t = tokens[i]
        if t.dep in _COMPLEMENTS or t.dep == "advcl":
            opener = _opener(tokens, i)
            if opener in _OPEN_ALWAYS:
                return opener
            if opener in _WH and _unknowing(tokens, t.head):
                return opener
            if t.dep == "advcl":
                # A clause of reason, time or concession is taken as true even inside a question: "unclear
                # whether they will meet, as Kellogg is due to arrive" still says Kellogg is due to arrive.
                return None
        if t.head == i:
            break
        i = t.head
    return None


def hedged(tokens: tuple[Token, ...]) -> bool:
    """The sentence's main clause only says something is not known ("It remains unclear who will lead",
    "It is unclear whether X will attend"): it answers no question about what it leaves open."""
    roots = [i for i, t in enumerate(tokens) if t.head == i]
    for i, t in enumerate(tokens):
        if t.head in roots and t.head != i and t.dep in _COMPLEMENTS | {"advcl"} and _unknowing(tokens, t.head):
            opener = _opener(tokens, i)
            if opener in _OPEN_ALWAYS or opener in _WH:
                return True
    return False


def _opener(tokens: tuple[Token, ...], clause: int) -> str | None:
    """The clause's marker ("whether", "if") or the wh-word it opens with."""
    words = [j for j, t in enumerate(tokens) if _governed_by(tokens, j, clause)]
    for j in words:
        if tokens[j].dep == "mark" and tokens[j].head == clause:
            return tokens[j].lower
    first = min(words) if words else clause
    return tokens[first].lower if tokens[first].lower in _WH else None


def _governed_by(tokens: tuple[Token, ...], j: int, clause: int) -> bool:
    seen: set[int] = set()
    while j not in seen:
        if j == clause:
            return True
        seen.add(j)
        if tokens[j].head == j:
            return False
        j = tokens[j].head
    return False


def _unknowing(tokens: tuple[Token, ...], head: int) -> bool:
    """The clause's head is a predicate of not knowing or asking ("asked", "does not know"), or a copula or
    "remain" whose adjective is one ("it remains *unclear* who ...", "it is not *clear* when ...")."""
    predicates = [head] + [j for j, t in enumerate(tokens) if t.head == head and j != head
                           and t.dep in ("acomp", "attr", "oprd")]
    for p in predicates:
        lemma = tokens[p].lemma.lower()
        if lemma not in _UNKNOWING:
            continue
        if lemma not in _ASK_WHEN_DENIED:
            return True
        around = {p, head}
        if any(t.lower in _NEGATIONS and t.head in around for t in tokens):
            return True
    return False
