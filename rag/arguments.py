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
from rag.nlp import Token, attributed, subtree
from rag.paraphrase import communication, same_family
from rag.phrases import edges, names_one_of, nominal, relation_noun
from rag.slots import MODALS
from rag.text import content_terms, relation_stems

# What a verb's asked argument may be: its object, its complement clause ("said *that* ..."), an open
# complement ("demanded NATO *rescind* ..."), a predicate noun; in that order of preference.
_ARGUMENT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "oprd")
# Verbs that only carry the asked one: "What did X *say* Russia had adjusted?", "What does X *want* NATO to
# withdraw?" asks for the object of the inner verb.
_CARRIERS = {"say", "tell", "want", "think", "believe", "claim", "need", "ask", "expect", "hope"}


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
                    return edges(quote, sorted(subtree(quote, o)))
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
    given = words | {t.text for t in question if t.text.isdigit()}
    qkids = children(question)
    kids = children(quote)
    related = relation_noun(quote, kids, question)
    if related is not None:
        return related
    manner = manner_verb(question)
    stranded = _stranded(question)
    verbs = asked_verbs(question) or ([stranded[0]] if stranded else []) or ([manner] if manner is not None else [])
    for v in verbs:
        stem = (relation_stems(question[v].lemma) or [None])[0]
        if stem is None:
            continue
        asked_subject = _subject(question, qkids, v)
        if _wh_subject(question, asked_subject):
            continue  # "Which malware infected 25 million devices?" asks the subject, not what it infected
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
            if asked_subject and doers and not any(names_one_of(quote, d, words) for d in doers):
                continue  # someone else's act
            if reporters and not _reported_by(quote, kids, w, reporters):
                continue  # "What does Russia say a deal requires?": the article's own words are not Russia's
            span = _prepositional(quote, kids, w, stranded[1]) if stranded and v == stranded[0] else \
                _span(quote, kids, w, ("ccomp",) if v == manner else _ARGUMENT_DEPS, given)
            if span is not None:
                return span[0], span[1], t.text
        if asked_subject and v != manner and not reporters:
            preposition = stranded[1] if stranded and v == stranded[0] else "of"
            for w, t in enumerate(quote):
                own = (relation_stems(t.lemma) or [None])[0]
                if t.pos == "NOUN" and own is not None and same_family(stem, own) and \
                        (span := nominal(quote, kids, w, words, preposition)) is not None:
                    return span[0], span[1], t.text
    return None


def _given(quote: tuple[Token, ...], inside: list[int], said: frozenset[str]) -> bool:
    """Whether the words at `inside` are all the question's (stems, or numbers as written)."""
    own: set[str] = set()
    for i in inside:
        text = quote[i].text
        if text.isdigit():
            own.add(text)
        elif content_terms(text):
            own.update(relation_stems(text))
    return bool(own) and own <= said


def _wh_subject(question: tuple[Token, ...], subject: list[int]) -> bool:
    """Whether the subject is the wh-phrase ("*Which Android malware* infected ...?"), however the parser hangs
    "which": it opens the question and only the subject's modifiers stand between it and the subject."""
    if not question or question[0].lower not in ("which", "what", "who"):
        return False
    return any(all(question[k].dep in ("compound", "amod", "nmod") for k in range(1, i)) for i in subject)


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
        if quote[u].pos in ("VERB", "AUX") and any(names_one_of(quote, d, reporters) for d in agents(quote, kids, u)):
            return True
    return bool(reporters & stems(quote, attributed(quote)))


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
          deps: tuple[str, ...] = _ARGUMENT_DEPS, said: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The first argument of the verb at v by `deps`; one that only repeats the question's words (`said`: its
    stems and numbers) is what the question gives, not what it asks ("What did X call 2025?": not "2025")."""
    # What follows the verb first: in "X fumes - says talks ... are bilateral", "fumes" is no complement of "says".
    order = sorted(kids.get(v, []), key=lambda c: (c < v, c))
    for dep in deps:
        for c in order:
            if quote[c].dep != dep:
                continue
            inside = sorted(subtree(quote, c))
            if inside == [c] and quote[c].pos == "PRON":
                return None  # "will expand it to cover ...": a bare pronoun says nothing of what it stands for
            if said and _given(quote, inside, said):
                continue
            if dep == "dobj":
                # "using ARKit, which is used to map ...": what a relative clause after a comma adds is an aside.
                aside = {j for r in kids.get(c, []) if quote[r].dep == "relcl" and min(subtree(quote, r)) > 0
                         and quote[min(subtree(quote, r)) - 1].text == "," for j in subtree(quote, r)}
                inside = [j for j in inside if j not in aside]
                inside += _predicative(quote, kids, v, inside[-1] + 1)
            found = edges(quote, inside)
            if found is not None:
                return found
    return None
