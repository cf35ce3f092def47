"""Noun phrases as answers: a phrase's edges (no leading mark, no aside, quotation marks kept in pairs), the
asked verb's noun owned by the asked subject ("his critique *of X*"), and a noun of relation the question gives
its subject ("What is X a member *of*?"). Read from the quote's dependency parse; the verb's own arguments are
rag/arguments.py's.
"""

from __future__ import annotations

from rag.about import stems
from rag.deps import agents
from rag.nlp import Token, subtree

# A complement clause's opening word, which is not part of what was said.
_MARKS = {"that", "whether", "if"}
# Opening quotation marks, which a run of tokens starting on one leaves out.
_OPENING = frozenset({"“", '"'})
_CLOSING = frozenset({"”", '"'})
# Words after a comma that open examples or an aside ("..., such as X", "..., including Y"): the
# argument ends before them.
_ELABORATION = {"such", "including", "like", "especially", "notably", "particularly", "for"}
# An argument longer than this is a passage, not an answer (the statement bound of rag/compose.py).
DEFAULT_MAX_ARGUMENT_WORDS = 30


def names_one_of(quote: tuple[Token, ...], d: int, words: frozenset[str]) -> bool:
    """Whether the doer at d may be whom the question names: a pronoun (the parse cannot tell), or a phrase
    sharing a word with the question ("Yuri Ushakov, Putin's adviser" for "Putin's aide")."""
    if quote[d].pos == "PRON":
        return True
    return bool(words & stems(quote, subtree(quote, d)))


def noun_phrase(quote: tuple[Token, ...], i: int, with_clause: bool = False) -> tuple[int, int] | None:
    """Character offsets of the noun phrase headed by quote[i] ("the May 9 Victory Day *parade* in Moscow"),
    with the whole coordination it is a conjunct of ("energy, space and other *areas* of mutual interest"),
    ended before an aside or a relative clause (kept `with_clause`: "a new feature *that makes it look like
    ...*"); None when it is too long to be an answer, or denied ("no parade")."""
    while quote[i].dep == "conj" and quote[i].head != i and quote[quote[i].head].pos in ("NOUN", "PROPN"):
        i = quote[i].head
    phrase = subtree(quote, i)
    def aside(c: int) -> bool:
        # A clause after a comma (", which was spotted by ...") adds to the noun; one without ("that makes ...")
        # says which it is.
        # (A closing quotation mark may stand after the comma: '... "Millennials," which ...'.)
        first = min(subtree(quote, c))
        while first > 0 and quote[first - 1].text in _CLOSING:
            first -= 1
        return quote[c].dep == "appos" or (quote[c].dep in ("relcl", "acl") and (
            not with_clause or (first > 0 and quote[first - 1].text == ",")))

    cut = {j for c in phrase - {i} if aside(c) for j in subtree(quote, c)}
    inside = sorted(phrase - cut)
    kept = [min(subtree(quote, c)) for c in phrase - cut - {i} if quote[c].dep in ("relcl", "acl")]
    if with_clause and kept:
        # The defining clause up to its first comma: what follows ("..., even when looking away") qualifies it.
        comma = next((j for j in inside if j > min(kept) and quote[j].text == ","), None)
        inside = [j for j in inside if comma is None or j < comma]
    # A denial inside the defining clause ("talks that do not include X") says which, not that there are none.
    clause = {j for c in phrase - cut - {i} if quote[c].dep in ("relcl", "acl") for j in subtree(quote, c)}
    if any(quote[j].dep == "neg" or quote[j].lower in ("no", "never") for j in inside if j not in clause):
        return None
    return edges(quote, inside)


def edges(quote: tuple[Token, ...], inside: list[int]) -> tuple[int, int] | None:
    """The offsets of a contiguous run of tokens, without a leading mark or punctuation, ended before an
    aside (", such as ..."); None when it is empty, broken or too long to be an answer."""
    while inside and (quote[inside[0]].lower in _MARKS or not any(ch.isalnum() for ch in quote[inside[0]].text)):
        inside.pop(0)
    cut = next((j for j, i in enumerate(inside[:-1]) if quote[i].text == ","
                and quote[inside[j + 1]].lower in _ELABORATION), None)
    if cut is not None and cut >= 2:
        inside = inside[:cut]
    # A coordination the parse cut short ("online forums and [SMS messages]") does not end on its conjunction.
    while inside and (not any(ch.isalnum() for ch in quote[inside[-1]].text) or quote[inside[-1]].dep == "cc"):
        inside.pop()
    if not inside or len(inside) > DEFAULT_MAX_ARGUMENT_WORDS or inside != list(range(inside[0], inside[-1] + 1)):
        return None
    first, last = inside[0], quote[inside[-1]]
    # "tackle “irritants” affecting ...": a mark that closes inside the run keeps the one that opens it.
    text = " ".join(quote[i].text for i in inside)
    if first and quote[first - 1].text in _OPENING and (text.count("”") > text.count("“") or text.count('"') % 2):
        first -= 1
    elif text.count("“") > text.count("”") or text.count('"') % 2:
        # '... narcissistic "Millennials," which ...': a mark that opens inside the run keeps the one that closes
        # it, with the punctuation the run's end left before it.
        end = inside[-1]
        after = next((j for j in range(end + 1, min(end + 3, len(quote))) if quote[j].text in _CLOSING), None)
        if after is not None and all(quote[k].pos == "PUNCT" for k in range(end + 1, after)):
            last = quote[after]
    return quote[first].start, last.start + len(last.text)


def nominal(quote: tuple[Token, ...], kids: dict[int, list[int]], n: int, words: frozenset[str],
            preposition: str = "of") -> tuple[int, int] | None:
    """The object of the asked verb's noun ("What did X critique?": "his critique *of the narrative*"), when the
    noun's owner may be the question's subject (a pronoun, or a name sharing its words): the owner says who
    does it, so "of" says to what (without an owner, "the critique of the board" may be the board's own). A
    verb asked with its preposition takes the noun's one ("What did X disapprove *of*?", "X's return *to*
    office"); a noun with no "of" its infinitive ("his plan *to sell the port*")."""
    owners = [c for c in kids.get(n, []) if quote[c].dep == "poss"]
    if not owners or not any(names_one_of(quote, o, words) for o in owners):
        return None
    if all(quote[o].pos == "PRON" for o in owners):
        # "his critique": his is the doer of the clause the noun stands in, when it names one ("Tom Reyes defended
        # his review" is Reyes's review, not the asked one's).
        u = n
        while quote[u].pos not in ("VERB", "AUX") and quote[u].head != u:
            u = quote[u].head
        doers = agents(quote, kids, u)
        if doers and not any(names_one_of(quote, d, words) for d in doers):
            return None
    prep = next((c for c in kids.get(n, []) if quote[c].dep == "prep" and quote[c].lower == preposition), None)
    target = next((o for o in kids.get(prep, []) if quote[o].dep == "pobj"), None) if prep is not None else None
    if target is not None:
        return noun_phrase(quote, target, with_clause=True)
    infinitive = next((c for c in kids.get(n, []) if quote[c].dep == "acl" and quote[c].pos == "VERB" and any(
        quote[a].dep == "aux" and quote[a].lower == "to" for a in kids.get(c, []))), None) \
        if preposition == "of" else None
    return edges(quote, sorted(subtree(quote, infinitive))) if infinitive is not None else None


def relation_noun(quote: tuple[Token, ...], kids: dict[int, list[int]],
                  question: tuple[Token, ...]) -> tuple[int, int, str] | None:
    """"What is X a mutation *of*?", "What is X a member *of*?": a noun of relation the question gives its subject,
    with the preposition left at the end. Answered where the quote gives the subject that noun (in apposition,
    either way round, or as what it is: "the Frühburgunder, an early-ripening mutation *of the pinot noir*"),
    by that noun's own preposition's object; None for other questions or quotes."""
    words = [i for i, t in enumerate(question) if t.pos != "PUNCT"]
    if not words or question[words[-1]].pos != "ADP" or any(t.head == words[-1] for t in question):
        return None
    last = question[words[-1]]
    noun = question[last.head]
    if noun.pos != "NOUN" or not any(t.lemma == "be" for t in question[: last.head]):
        return None
    own = subtree(question, last.head) | {i for i, t in enumerate(question) if t.lower in ("what", "which", "who")}
    subject = frozenset(stems(question, [i for i in range(len(question)) if i not in own]))
    for j, t in enumerate(quote):
        if t.lemma != noun.lemma or t.pos != "NOUN":
            continue
        prep = next((c for c in kids.get(j, []) if quote[c].dep == "prep" and quote[c].lower == last.lower), None)
        target = next((o for o in kids.get(prep, []) if quote[o].dep == "pobj"), None) if prep is not None else None
        if target is None:
            continue
        if t.dep == "appos":
            said_of = [t.head]
        elif t.dep == "attr":
            said_of = [c for c in kids.get(t.head, []) if quote[c].dep in ("nsubj", "nsubjpass")]
        else:
            said_of = [c for c in kids.get(j, []) if quote[c].dep == "appos"]
        name = [k for s in said_of for k in [s, *kids.get(s, [])] if k == s or quote[k].dep in ("compound", "flat")]
        if subject & stems(quote, name):
            found = noun_phrase(quote, target)
            if found is not None:
                return found[0], found[1], t.text
    return None
