"""Clauses a sentence does not assert. An embedded question ("it is unclear *whether* Kyiv will attend",
"it remains unclear *who* will represent Russia"), a condition ("*if* the talks fail, ...") or a direct
question ("Did Germany win the 2014 final?", also when a snippet cut off its question mark) only asks about
or supposes what it holds: a name standing there is not said to fill any slot.

Read from the quote's dependency parse; the only words listed are the clause openers and the predicates
of not knowing, which are closed classes of English.
"""

from __future__ import annotations

import re

from rag.nlp import WH, Token, subtree

# Openers of a clause that is asked about or supposed, whatever governs it.
_OPEN_ALWAYS = {"whether", "if"}
# A wh-clause asks only under a predicate of not knowing or asking; under "explain" or "reveal" it presupposes
# what it holds ("he explained how the deal was reached on Monday" says the deal was reached on Monday).
_UNKNOWING = {"unclear", "uncertain", "unknown", "undecided", "unsure", "ask", "wonder", "question", "debate",
              "decide", "determine", "see", "investigate", "speculate", "clear", "know", "sure", "certain"}
# Verbs of asking and finding out: a question with one ("What did the panel decide?") asks what was found, not
# what is not known.
_ASKING_VERBS = {"ask", "wonder", "question", "debate", "decide", "determine", "see", "investigate", "speculate"}
# "clear", "know", "sure", "certain" ask only when denied ("not clear who", "does not know whether").
_ASK_WHEN_DENIED = {"clear", "know", "sure", "certain"}
_NEGATIONS = {"not", "n't", "never", "no", "nobody", "none"}
# The dependencies that make a clause a complement of its head (what is said, asked or known) or an adverbial
# clause (a condition, a reason, a time).
_CLAUSES = {"ccomp", "csubj", "csubjpass", "xcomp", "advcl"}
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# Tokens that end a sentence, an ellipsis too ("Nov 18, 2022 ... What are ...").
_SENTENCE_MARKS = {".", "!", "?", "...", "…"}


def unasserted(tokens: tuple[Token, ...], quote: str, a: int, b: int) -> str | None:
    """The word that makes quote[a:b] asked about or supposed ("whether", "if", "who", "?"), None when the quote
    states what stands there."""
    end = _SENTENCE_END.search(quote, b)
    if end and end.group() == "?":
        return "?"
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    if not inside:
        return None
    if _inverted_question(tokens, inside[0]):
        return "?"
    seen: set[int] = set()
    i = inside[0]
    while i not in seen:
        seen.add(i)
        t = tokens[i]
        if t.dep in _CLAUSES:
            opener = _asking(tokens, i)
            if opener is not None:
                return opener
            if t.dep == "advcl":
                # A clause of reason, time or concession is taken as true even inside a question: "unclear
                # whether they will meet, as Kellogg is due to arrive" still says Kellogg is due to arrive.
                return None
        if t.head == i:
            break
        i = t.head
    return None


def _inverted_question(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the sentence holding tokens[i] opens as a direct question whose mark was cut off, as snippets and
    headlines cut it ("What are Anna Berg and the rest of the 2031 champions up to ..."): a wh-word, an
    auxiliary, then the start of its subject. A free relative ("What is clear is ...", "What began as ...")
    has no subject there."""
    start = i
    while start > 0 and tokens[start - 1].text not in _SENTENCE_MARKS:
        start -= 1
    if start + 2 >= len(tokens):
        return False
    wh, aux, subject = tokens[start : start + 3]
    return wh.lower in WH and aux.pos == "AUX" and subject.pos in ("DET", "PROPN", "PRON", "NOUN")


def hedged(tokens: tuple[Token, ...]) -> bool:
    """The sentence's main clause only says something is not known ("It remains unclear who will lead",
    "It is unclear whether X will attend"): it answers no question about what it leaves open."""
    roots = {i for i, t in enumerate(tokens) if t.head == i}
    return any(t.head in roots and t.head != i and t.dep in _CLAUSES and _unknowing(tokens, t.head)
               and _asking(tokens, i) is not None for i, t in enumerate(tokens))


def asks_unknown(tokens: tuple[Token, ...]) -> bool:
    """The question asks what is not known ("What remains unclear about the talks?"): a sentence that only says
    something is not known answers it."""
    return any(t.lemma.lower() in _UNKNOWING and t.lemma.lower() not in _ASK_WHEN_DENIED | _ASKING_VERBS
               for t in tokens)


def _asking(tokens: tuple[Token, ...], clause: int) -> str | None:
    """The opener that makes the clause at `clause` asked about or supposed: "whether" or "if" under any head,
    a wh-word under a predicate of not knowing; None otherwise."""
    opener = _opener(tokens, clause)
    if opener in _OPEN_ALWAYS or (opener in WH and _unknowing(tokens, tokens[clause].head)):
        return opener
    return None


def _opener(tokens: tuple[Token, ...], clause: int) -> str | None:
    """The clause's marker ("whether", "if") or the wh-word it opens with."""
    words = sorted(subtree(tokens, clause))
    for j in words:
        if tokens[j].dep == "mark" and tokens[j].head == clause:
            return tokens[j].lower
    return tokens[words[0]].lower if tokens[words[0]].lower in WH else None


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


# Adjectives that make an event only a possibility ("a *potential* meeting between A and B"): A and B did not meet.
# Not words of schedule ("planned", "upcoming"), which questions about the future ask after.
_SUPPOSED_EVENTS = {"potential", "possible", "hypothetical", "prospective", "rumored", "rumoured", "speculative"}
# Words by which a question itself asks about what only may happen.
_MODAL_QUESTION = {"could", "might", "may", "potential", "possible", "possibly", "likely"}


def supposed_event(tokens: tuple[Token, ...], a: int, b: int) -> str | None:
    """The adjective that makes the event quote[a:b] takes part in only a possibility ("a *potential* meeting
    between Trump and Putin"), None when no noun on the way from the span up to its clause is so described."""
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    if not inside:
        return None
    i, seen = inside[0], set()
    while i not in seen and tokens[i].pos not in ("VERB", "AUX"):
        seen.add(i)
        if tokens[i].pos == "NOUN":
            found = next((t.text for t in tokens if t.head == i and t.dep == "amod" and t.lower in _SUPPOSED_EVENTS), None)
            if found is not None:
                return found
        if tokens[i].head == i:
            break
        i = tokens[i].head
    return None


def asks_possible(question: str) -> bool:
    """The question asks what only may happen ("Who could lead ...?", "Which potential sites ...?")."""
    return bool(_MODAL_QUESTION & set(re.findall(r"[a-z]+", question.lower())))
