"""The asked argument of a statement question: "What would Lukashenko release?" is answered by the object
of "release" in a quote that says it ("Lukashenko would release *an unspecified number of prisoners*"),
a short span instead of a quoted clause.

Read from the dependency parse of the question (which verb the wh-word is the object of, and who does it)
and of the quote (the same verb, or a derived form, done by the same one, not denied, and its object or
complement clause). Nothing is generated: the span is the quote's own words.
"""

from __future__ import annotations

from functools import cache

from rag.about import TOPIC_PREPOSITIONS, stems
from rag.deps import agents, children
from rag.nlp import Token, subtree
from rag.paraphrase import communication, same_family
from rag.slots import MODALS
from rag.text import relation_stems

# What a verb's asked argument may be: its object, its complement clause ("said *that* ..."), an open
# complement ("demanded NATO *rescind* ..."), a predicate noun; in that order of preference.
_ARGUMENT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "oprd")
# A complement clause's opening word, which is not part of what was said.
_MARKS = {"that", "whether", "if"}
# Opening quotation marks, which a run of tokens starting on one leaves out.
_OPENING = frozenset({"“", '"'})
_CLOSING = frozenset({"”", '"'})
# Words after a comma that open examples or an aside ("..., such as X", "..., including Y"): the
# argument ends before them.
_ELABORATION = {"such", "including", "like", "especially", "notably", "particularly", "for"}
# Verbs that only carry the asked one: "What did X *say* Russia had adjusted?", "What does X *want* NATO to
# withdraw?" asks for the object of the inner verb.
_CARRIERS = {"say", "tell", "want", "think", "believe", "claim", "need", "ask", "expect", "hope"}
# An argument longer than this is a passage, not an answer (the statement bound of rag/compose.py).
DEFAULT_MAX_ARGUMENT_WORDS = 30


def asked_verbs(question: tuple[Token, ...]) -> list[int]:
    """Indices of the question's verbs whose object the wh-word asks for, innermost first ("What did he say
    Russia had adjusted?": adjusted, then say). Empty when the wh-word is not an object."""
    wh = next((i for i, t in enumerate(question) if t.lower in ("what", "which")), None)
    if wh is None or question[wh].dep not in ("dobj", "pobj", "dep") or not _verbal(question, question[wh].head):
        return []
    head = question[wh].head
    if question[wh].dep == "pobj" and question[head].lemma not in _CARRIERS:
        return []
    # An inner verb with an object of its own ("use to map *a face*") is not the one whose object is asked.
    inner = [i for i in sorted(subtree(question, head) - {head}) if question[i].pos == "VERB"
             and question[i].dep in ("ccomp", "xcomp") and not any(
                 t.head == i and t.dep == "dobj" and j != wh for j, t in enumerate(question))]
    found = [head] + inner
    # The innermost verb is the asked one; a carrier verb only when nothing is inside it.
    return [i for i in reversed(found) if question[i].lemma not in _CARRIERS] + \
        [i for i in reversed(found) if question[i].lemma in _CARRIERS]


def _stranded(question: tuple[Token, ...]) -> tuple[int, str] | None:
    """For "What did users turn *to*?", "Which phones does it work *on*?": the verb whose preposition the wh-phrase
    is the object of, and that preposition; None for other questions."""
    wh = next((i for i, t in enumerate(question) if t.lower in ("what", "which")), None)
    if wh is not None and question[wh].dep == "det":
        wh = question[wh].head  # "Which phones does it work on?": the noun is the preposition's object
    if wh is not None and question[wh].dep in ("dobj", "dep") and _verbal(question, question[wh].head):
        # "What did X accuse Y *of*?": with the preposition left at the end, the parser makes the wh-word a
        # second object of the verb; it is the preposition's.
        verb = question[wh].head
        last = [i for i, t in enumerate(question) if t.pos != "PUNCT"][-1]
        if question[last].pos == "ADP" and not any(t.head == last for t in question) and any(
                t.dep == "dobj" and t.head == verb and i != wh for i, t in enumerate(question)) \
                and question[verb].lemma not in _CARRIERS:
            return verb, question[last].lower
    if wh is None or question[wh].dep != "pobj" or question[question[wh].head].pos != "ADP":
        return None
    prep = question[wh].head
    verb = question[prep].head
    if verb == prep or not _verbal(question, verb) or question[verb].lemma in _CARRIERS:
        return None
    return verb, question[prep].lower


def _prepositional(quote: tuple[Token, ...], kids: dict[int, list[int]], v: int, preposition: str) -> tuple[int, int] | None:
    """The object of the verb's own `preposition` in the quote ("turning to *alternative platforms*"), or of its
    object's ("expressed concern *over* growing ties"); a gerund's clause too ("accusing them *of* attempting ...")."""
    objects = [c for c in kids.get(v, []) if quote[c].dep == "dobj"]
    for c in kids.get(v, []) + [g for o in objects for g in kids.get(o, [])]:
        if quote[c].dep == "prep" and quote[c].lower == preposition:
            for o in kids.get(c, []):
                if quote[o].dep in ("pobj", "pcomp"):
                    return _edges(quote, sorted(subtree(quote, o)))
    return None


def _verbal(question: tuple[Token, ...], i: int) -> bool:
    """A verb, or a word the small tagger took for a noun that "do" or a modal supports ("What does X *use* to
    ...?", "What will the panel *tackle*?")."""
    return question[i].pos == "VERB" or any(t.head == i and t.dep == "aux" and (t.lemma == "do" or t.lemma in MODALS)
                                            for t in question)


# Verbs of reacting and judging, whose manner is what one says: "How did X respond to Y?", "How did X rate Y?".
_REACTING = "respond react reply answer rate grade judge assess view regard describe characterise characterize greet " \
    "receive welcome feel"


def _by_saying(stem: str) -> bool:
    """Whether what one says tells how one did the asked verb (its stem): a verb of reacting, judging or saying;
    not "How did researchers *find* X?", which "said researchers" does not answer."""
    return stem in communication() or stem in _reacting()


@cache
def _reacting() -> frozenset[str]:
    return frozenset(relation_stems(_REACTING))


def manner_verb(question: tuple[Token, ...]) -> int | None:
    """"How did X respond to Y?", "How did X rate Y?": the content verb "how" modifies, which a quote answers
    by what X said ("X said *the talks were not bad*"). None for "how many", "how long" ..."""
    wh = next((i for i, t in enumerate(question) if t.lower == "how"), None)
    if wh is None or question[wh].dep != "advmod":
        return None
    v = question[wh].head
    return v if question[v].pos == "VERB" and v != wh else None


def argument(quote: tuple[Token, ...], question: tuple[Token, ...]) -> tuple[int, int, str] | None:
    """Character offsets in the quote of the asked verb's argument, and the quote's verb, when the quote says
    that verb (or a derived form of it) of the question's subject, without denying it; None otherwise.
    For a question of manner, what a verb of communication of the question's subject says about what the
    question names."""
    words = frozenset(stems(question, range(len(question))))
    qkids = children(question)
    kids = children(quote)
    manner = manner_verb(question)
    stranded = _stranded(question)
    verbs = asked_verbs(question) or ([stranded[0]] if stranded else []) or ([manner] if manner is not None else [])
    for v in verbs:
        stem = (relation_stems(question[v].lemma) or [None])[0]
        if stem is None:
            continue
        asked_subject = _subject(question, qkids, v)
        reporters = _reporters(question, qkids, v)
        if v == manner and not _about(quote, question, qkids, v):
            continue  # the quote does not speak of what the question asks about
        if v != manner and not _about(quote, question, qkids, v, TOPIC_PREPOSITIONS):
            continue  # "What did X say about NATO?": what X said of something else is no answer
        for w, t in enumerate(quote):
            own = (relation_stems(t.lemma) or [None])[0]
            if t.pos != "VERB" or own is None:
                continue
            if not same_family(stem, own) and not (v == manner and own in communication() and _by_saying(stem)):
                continue
            if any(quote[c].dep == "neg" for c in kids.get(w, [])):
                continue  # "did not release X" does not say X was released
            doers = agents(quote, kids, w)
            if asked_subject and doers and not any(_names_one_of(quote, d, words) for d in doers):
                continue  # someone else's act
            if reporters and not _reported_by(quote, kids, w, reporters):
                continue  # "What does Russia say a deal requires?": the article's own words are not Russia's
            span = _prepositional(quote, kids, w, stranded[1]) if stranded and v == stranded[0] else \
                _span(quote, kids, w, ("ccomp",) if v == manner else _ARGUMENT_DEPS)
            if span is not None:
                return span[0], span[1], t.text
        if asked_subject and v != manner and not reporters:
            preposition = stranded[1] if stranded and v == stranded[0] else "of"
            for w, t in enumerate(quote):
                own = (relation_stems(t.lemma) or [None])[0]
                if t.pos == "NOUN" and own is not None and same_family(stem, own) and \
                        (span := _nominal(quote, kids, w, words, preposition)) is not None:
                    return span[0], span[1], t.text
    return None


def _nominal(quote: tuple[Token, ...], kids: dict[int, list[int]], n: int, words: frozenset[str],
             preposition: str = "of") -> tuple[int, int] | None:
    """The object of the asked verb's noun ("What did X critique?": "his critique *of the narrative*"), when the
    noun's owner may be the question's subject (a pronoun, or a name sharing its words): the owner says who
    does it, so "of" says to what (without an owner, "the critique of the board" may be the board's own). A
    verb asked with its preposition takes the noun's one ("What did X disapprove *of*?", "X's return *to*
    office"); a noun with no "of" its infinitive ("his plan *to sell the port*")."""
    owners = [c for c in kids.get(n, []) if quote[c].dep == "poss"]
    if not owners or not any(_names_one_of(quote, o, words) for o in owners):
        return None
    if all(quote[o].pos == "PRON" for o in owners):
        # "his critique": his is the doer of the clause the noun stands in, when it names one ("Tom Reyes defended
        # his review" is Reyes's review, not the asked one's).
        u = n
        while quote[u].pos not in ("VERB", "AUX") and quote[u].head != u:
            u = quote[u].head
        doers = agents(quote, kids, u)
        if doers and not any(_names_one_of(quote, d, words) for d in doers):
            return None
    prep = next((c for c in kids.get(n, []) if quote[c].dep == "prep" and quote[c].lower == preposition), None)
    target = next((o for o in kids.get(prep, []) if quote[o].dep == "pobj"), None) if prep is not None else None
    if target is not None:
        return noun_phrase(quote, target, with_clause=True)
    infinitive = next((c for c in kids.get(n, []) if quote[c].dep == "acl" and quote[c].pos == "VERB" and any(
        quote[a].dep == "aux" and quote[a].lower == "to" for a in kids.get(c, []))), None) \
        if preposition == "of" else None
    return _edges(quote, sorted(subtree(quote, infinitive))) if infinitive is not None else None


def _subject(question: tuple[Token, ...], qkids: dict[int, list[int]], v: int) -> list[int]:
    """Who the question says does its verb at v (not a pronoun); for a verb the tagger took for a noun after
    "do" ("What did [the council] criticise?"), the words the parser glued onto it as compounds."""
    found = [i for i in agents(question, qkids, v) if question[i].pos != "PRON"]
    if found or question[v].pos == "VERB":
        return found
    return [c for c in qkids.get(v, []) if question[c].dep == "compound"]


def _reporters(question: tuple[Token, ...], qkids: dict[int, list[int]], v: int) -> frozenset[str]:
    """Stems of who the question says says or thinks what its verb at v says, when v has a subject of its own
    inside that carrier's clause ("What does *Russia* say a deal requires?"); empty otherwise."""
    if not any(question[c].dep in ("nsubj", "nsubjpass") for c in qkids.get(v, [])):
        return frozenset()
    u = v
    while question[u].dep in ("ccomp", "xcomp") and question[u].head != u:
        u = question[u].head
        if question[u].lemma in _CARRIERS:
            doers = [d for d in agents(question, qkids, u) if question[d].pos != "PRON"]
            return frozenset(stems(question, [j for d in doers for j in [d] + [
                c for c in qkids.get(d, []) if question[c].dep == "compound"]]))
    return frozenset()


def _reported_by(quote: tuple[Token, ...], kids: dict[int, list[int]], w: int, reporters: frozenset[str]) -> bool:
    """Whether the quote gives what its verb at w says as the words or thoughts of one of `reporters`: a verb
    above w whose doer names one of them (or is a pronoun), or "according to" one of them."""
    u, seen = w, {w}
    while quote[u].head not in seen:
        u = quote[u].head
        seen.add(u)
        if quote[u].pos in ("VERB", "AUX") and any(_names_one_of(quote, d, reporters) for d in agents(quote, kids, u)):
            return True
    return any(t.lower == "according" and reporters & stems(quote, subtree(quote, i)) for i, t in enumerate(quote))


def _names_one_of(quote: tuple[Token, ...], d: int, words: frozenset[str]) -> bool:
    """Whether the doer at d may be whom the question names: a pronoun (the parse cannot tell), or a phrase
    sharing a word with the question ("Yuri Ushakov, Putin's adviser" for "Putin's aide")."""
    if quote[d].pos == "PRON":
        return True
    return bool(words & stems(quote, subtree(quote, d)))


def _about(quote: tuple[Token, ...], question: tuple[Token, ...], qkids: dict[int, list[int]], v: int,
           prepositions: frozenset[str] | None = None) -> bool:
    """Whether the quote names something of what the question's verb is about (its object or prepositional
    phrase: "the talks" in "How did X respond to the talks?"); with `prepositions`, of the phrases they open
    only ("NATO" in "What did X say about NATO?"), and true when the verb has none."""
    phrases = [c for c in qkids.get(v, []) if question[c].dep == "prep" and question[c].lower in prepositions] \
        if prepositions is not None else [c for c in qkids.get(v, []) if question[c].dep in ("dobj", "prep")]
    topic = {s for c in phrases for s in stems(question, subtree(question, c))}
    if prepositions is not None and not topic:
        return True
    return bool(topic & stems(quote, range(len(quote))))


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
    return _edges(quote, inside)


def _edges(quote: tuple[Token, ...], inside: list[int]) -> tuple[int, int] | None:
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


def _predicative(quote: tuple[Token, ...], kids: dict[int, list[int]], v: int, after: int) -> list[int]:
    """What an "as" phrase right after the verb's object says of it ("reaffirming his country's importance *as a
    strategic partner*", "described the deal as a first step"): part of the argument, though the parser hangs it
    on the verb or higher still. Empty when none follows."""
    if after >= len(quote) or quote[after].lower != "as" or quote[after].dep != "prep":
        return []
    above, i = {v}, v
    while quote[i].head != i:
        i = quote[i].head
        above.add(i)
    if quote[after].head not in above:
        return []
    extra = sorted(subtree(quote, after))
    return extra if extra == list(range(after, after + len(extra))) else []


def _span(quote: tuple[Token, ...], kids: dict[int, list[int]], v: int,
          deps: tuple[str, ...] = _ARGUMENT_DEPS) -> tuple[int, int] | None:
    # What follows the verb first: in "X fumes - says talks ... are bilateral", "fumes" is no complement of "says".
    order = sorted(kids.get(v, []), key=lambda c: (c < v, c))
    for dep in deps:
        for c in order:
            if quote[c].dep != dep:
                continue
            inside = sorted(subtree(quote, c))
            if dep == "dobj":
                # "using ARKit, which is used to map ...": what a relative clause after a comma adds is an aside.
                aside = {j for r in kids.get(c, []) if quote[r].dep == "relcl" and min(subtree(quote, r)) > 0
                         and quote[min(subtree(quote, r)) - 1].text == "," for j in subtree(quote, r)}
                inside = [j for j in inside if j not in aside]
                inside += _predicative(quote, kids, v, inside[-1] + 1)
            found = _edges(quote, inside)
            if found is not None:
                return found
    return None
