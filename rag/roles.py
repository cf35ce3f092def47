"""Which slot of the asked relation a candidate answer fills, read from its sentence's dependency parse.

"Who won the 2019 title?" asks for the one who won: in "Halep beats Williams to win the 2019 title"
both names stand next to "win", but only Halep is its subject. "When was X released?" asks when X was:
in "An album of X's music was released on 2 August" the date belongs to the album's release. These are
rules of English syntax over spaCy's parse (subjects, passive agents, infinitive and relative clauses,
coordination), not lists of words. Where the parse shows no instance of the asked verb, the word-distance
check of rag/verify.py decides, except for a name that only talks about what the question asks about ("A
described the plan" for "Who put forward the plan?") or is the source a line credits in brackets ("(Reuters)").
"""

from __future__ import annotations

import re
from functools import cache

from rag.deps import RELATIVE, agents, children, patients, span_root, stem
from rag.describe import NAMING_VERBS
from rag.naming import describes, name_given
from rag.nlp import Token, attributed, parse_question, subtree
from rag.paraphrase import communication
from rag.question import LOOSE_KINDS, Analysis
from rag.slots import QUOTING, asks_who_is_quoted
from rag.text import content_terms, relation_stems

# Links inside one noun phrase: "Romania's Simona Halep", "the champion, Simona Halep", "Halep and Barty".
_SAME_PHRASE = {"compound", "appos", "flat", "conj", "nmod", "amod", "nummod", "poss"}
# Prepositions of place and time: what follows them is where or when, not who ("dominated the games
# *in* Pyeongchang, South Korea"). Not "by", "to", "with": "beaten by X", "lost to X", "met with the head, X".
_PLACE_PREPOSITIONS = {"in", "at", "on", "near", "from", "since", "during", "across", "throughout", "inside",
                       "outside", "within", "around", "into", "over", "under"}
# A name after these is left out of what its clause tells ("talks without Kyiv"); a negated question ("Who was not
# at the talks?") asks for just that.
_ABSENCE_PREPOSITIONS = {"without", "excluding", "except", "minus"}
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.I)
# Determiners and pronouns that point back to something already named ("the game", "its sequel").
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"}


def _phrase_head(tokens: tuple[Token, ...], i: int) -> int:
    """The head of the noun phrase a token belongs to ("Halep" in "the champion, Simona Halep" is "champion")."""
    for _ in range(6):
        t = tokens[i]
        if t.dep not in _SAME_PHRASE or t.head == i:
            break
        i = t.head
    return i


def names_other(tokens, kids, p: int, topic: frozenset[str]) -> bool:
    """Whether the participant at p is something other than what the question asks about: not a pronoun,
    not pointing back ("the game"), and none of the question's words in its phrase."""
    t = tokens[p]
    if t.pos == "PRON":
        return False
    near = [tokens[c] for c in kids.get(p, [])]
    # Not appositions: the small parser hangs a title after a colon on the wrong noun as one.
    phrase = [t] + [c for c in near if c.dep in ("compound", "amod", "nummod", "flat")]
    of = [g for c in kids.get(p, []) if tokens[c].lower == "of" for g in kids.get(c, [])]
    phrase += [tokens[g] for g in of]
    # "a new breed of malware, dubbed “Agent Smith”": the name a verb of naming gives it (or what it is a kind
    # of, where the parser hangs the name) is its phrase too.
    phrase += [tokens[g] for h in [p, *of] for c in kids.get(h, []) if tokens[c].dep == "acl"
               and tokens[c].lemma in NAMING_VERBS for g in subtree(tokens, c) if g != c]
    stems = {s for w in phrase if content_terms(w.text) for s in relation_stems(w.text)}
    owners = [c for c in kids.get(p, []) if tokens[c].dep == "poss"]
    if owners and all(tokens[c].pos == "PROPN" for c in owners) and not stems & topic:
        # "Splatoon 2's 3.0 update will be released": what the asked name owns is another thing than the name.
        return bool({s for c in owners for j in subtree(tokens, c) for s in relation_stems(tokens[j].text)} & topic)
    if any(c.lower in _DEFINITE and c.dep in ("det", "poss") for c in near) or owners:
        return False
    return not stems & topic


def slot_problems(tokens: tuple[Token, ...], a: int, b: int, part: Analysis,
                  reworded: frozenset[str] = frozenset()) -> list[str]:
    """Why the span at text[a:b] does not fill the asked slot (empty when it does, or when the parse
    shows nothing to judge by). `reworded`: words (lower-case) that say the asked verb otherwise, whose
    verbs stand for it when the quote lacks the verb itself."""
    root = span_root(tokens, a, b)
    if root is None:
        return []
    kids = children(tokens)
    head = _phrase_head(tokens, root)
    span = " ".join(t.text for t in tokens if a <= t.start < b)
    r = tokens[root]
    qualified = tokens[r.head]
    # A proper noun the recogniser left out of the name is qualified too: "Ukraine" in a headline's "Shift in
    # Ukraine Strategy", "Kyiv" in "the Kyiv Independent".
    if part.kind in LOOSE_KINDS or part.kind in ("place", "institution"):
        # "a Harvard-educated banker", "US-led talks": unless the modifier says the asked relation ("Where was she
        # educated?", "Who backed the plan?"), which the name then answers.
        hyphened = _hyphened(tokens, a, b)
        if hyphened is not None and not set(relation_stems(hyphened.split("-", 1)[1])) & part.relation:
            return [f"'{span}' only qualifies '{hyphened}' there"]
        # (The tagger takes a name before a noun for an adjective as often: "the Meta outage".)
        if r.dep in ("compound", "amod") and qualified.pos in ("NOUN", "PROPN") and not a <= qualified.start < b \
                and r.head > root:
            return [f"'{span}' only qualifies '{qualified.text}' there"]  # "two former Yahoo employees", "the Ukraine war"
        # "Trump's national security adviser Waltz suggested ...": the name the role noun is given acts, not whose
        # adviser he is.
        if r.dep == "poss" and qualified.pos == "NOUN" and part.kind in LOOSE_KINDS:
            given = [k for k in kids[r.head] if tokens[k].dep in ("appos", "compound", "flat")]
            if qualified.dep in ("compound", "appos"):
                # "Berg's press secretary Tom Fischer": the noun qualifies the name; "Fischer, Berg's press secretary,
                # said": the noun renames it.
                given.append(qualified.head)
            named = [k for k in given if tokens[k].pos == "PROPN" and not a <= tokens[k].start < b]
            if named:
                return [f"'{span}' only says whose {qualified.text} '{tokens[named[0]].text}' is there"]
        title = tokens[qualified.head]
        if r.dep == "pobj" and qualified.lower == "of" and title.dep in ("nmod", "compound") \
                and tokens[title.head].pos == "PROPN" and title.head > root:
            return [f"'{span}' only completes the title '{title.text} of {span}' there"]  # "Secretary of State Marco Rubio"
    if part.kind not in LOOSE_KINDS and root in attributed(tokens):
        # "According to Halvorsen, fires ... burned": the report's source, whatever the recogniser calls it, is no
        # place, time or amount of what it reports.
        return [f"'{span}' is whom the quote's 'according to' credits, not the asked {part.kind}"]
    named = name_given(tokens, root)
    if named is not None and set(relation_stems(tokens[named].text)) & (part.topic | part.relation) \
            and part.kind in LOOSE_KINDS:
        return [f"'{span}' is the name the quote gives the {tokens[named].text}, not who or what acts on it"]
    described = describes(tokens, kids, root, part.type_noun) if part.type_noun and part.kind in LOOSE_KINDS \
        else None
    if described is not None:
        return [f"'{span}' describes the {described} ('{part.type_noun}'), it does not name one"]
    if part.role == "subject" and tokens[head].dep == "pobj":
        prep = tokens[tokens[head].head]
        if prep.lower in _ABSENCE_PREPOSITIONS and not _NEGATION.search(part.text):
            # "talks without Kyiv": who the quote leaves out did not do what was done there.
            return [f"'{span}' is who the quote leaves out ('{prep.text}'), not the subject of the asked relation"]
        # A place may say where the asked event happened ("which city hosted the summit?": "the summit,
        # held in Lisbon"), when its phrase hangs on a verb; not as the place of a noun ("the Olympics in X").
        # A question that asks where ("which country hosted the talks?") takes the place of the event's own noun
        # ("the talks in X") or of a named venue ("at the Grand Hotel in X") too, not of another noun ("the games").
        owner = tokens[prep.head]
        if prep.lower in _PLACE_PREPOSITIONS and not (part.kind == "place" and (
                owner.pos in ("VERB", "AUX") or (part.locative and (
                    owner.pos == "PROPN" or set(relation_stems(owner.text)) & part.relation)))):
            return [f"'{span}' stands in a phrase of place or time ('{prep.text}'), not as the subject of the asked "
                    "relation"]
    verbs = [i for i, t in enumerate(tokens) if t.pos == "VERB" and stem(t) == part.verb] if part.verb else []
    own = set(verbs)
    if part.verb and not verbs:
        verbs = [i for i, t in enumerate(tokens) if t.pos == "VERB" and t.lower in reworded]
    if part.role == "subject" and part.described:
        # "Who put forward the reported plan?": the reporter of "the plan was proposed by A, B reported" did
        # what the question only describes the plan by, not the asked verb.
        def does(v: int) -> bool:
            who = agents(tokens, kids, v)
            return root in who or head in who

        told = [v for v, t in enumerate(tokens) if t.pos == "VERB" and stem(t) in part.described and does(v)]
        if told and not any(does(v) for v in verbs):
            return [f"'{span}' does '{tokens[told[0]].text}' in the quote, which the question only describes by"]
    if not verbs:
        if part.role != "subject":
            return []
        talk = _talks_about(tokens, kids, (root, head), part)
        if talk is not None:
            return [f"'{span}' only speaks of '{tokens[_object_of(tokens, kids, talk, part)].text}' in the quote "
                    f"('{tokens[talk].text}'); it does not say who did it"]
        if _credited(tokens, a, b) and part.verb not in communication():
            return [f"'{span}' is the source the quote credits in brackets, not who did it"]
        return []
    if part.locative and tokens[head].dep == "pobj" and tokens[tokens[head].head].lower in _PLACE_PREPOSITIONS \
            and tokens[tokens[head].head].head in verbs:
        return []  # "Which country hosted the talks?" asks where: "the meeting, hosted in Saudi Arabia" says it
    if part.role == "subject":
        # "Who was quoted?": whom a quote's own "quoted" has as its object ("X was quoted by the Times") said it.
        quoted = asks_who_is_quoted(part.text)
        doers = [_renamed(tokens, kids, patients(tokens, kids, v) if quoted and v in own and stem(tokens[v]) in QUOTING
                          else agents(tokens, kids, v)) for v in verbs]
        # "It is unclear who will lead the delegation": the quote asks who does it, an answer beside is no doer.
        asked = [i for d in doers for i in d if tokens[i].lower in RELATIVE and tokens[tokens[i].head].dep != "relcl"]
        if asked and not any(root in d or head in d for d in doers):
            return [f"the quote only asks who does '{tokens[verbs[0]].text}', it does not say"]
        if any(tokens[i].pos == "PRON" for d in doers for i in d):
            return []  # "... Smith. He led the delegation": who "he" is, the parse does not say
        # "A met with B", "A won the doubles with B": who the verb's "with" names takes part as its subject does.
        along = tokens[head].dep == "pobj" and tokens[tokens[head].head].lower == "with" \
            and tokens[tokens[head].head].head in verbs
        if any(d for d in doers) and not any(root in d or head in d for d in doers) and not along:
            who = ", ".join(tokens[i].text for d in doers for i in d)
            return [f"'{span}' is not who does '{tokens[verbs[0]].text}' in the quote ({who} does)"]
        # "Who described the talks as ...?": "Rubio described a three-step plan" has him describe something else.
        done = [(v, p) for v, d in zip(verbs, doers) if root in d or head in d for p in patients(tokens, kids, v)]
        if part.topic and done and all(names_other(tokens, kids, p, part.topic) for _, p in done):
            v, p = done[0]
            return [f"the quote's '{tokens[v].text}' is about '{tokens[p].text}', not what the question asks about"]
        return []
    if part.role == "object":
        doers = _renamed(tokens, kids, [i for v in verbs for i in agents(tokens, kids, v)])
        done = [i for v in verbs for i in patients(tokens, kids, v)]
        if (root in doers or head in doers) and not (root in done or head in done):
            return [f"'{span}' does '{tokens[verbs[0]].text}' in the quote; the question asks who it is done to"]
        # "Whom did the head of Zelensky's office meet?": "Zelensky met A" is another's meeting. Only a doer the
        # question names in another role is known to be someone else; one it does not name may be its subject.
        named = [i for i in doers if tokens[i].pos == "PROPN" and part.elsewhere
                 and set(relation_stems(tokens[i].text)) <= part.elsewhere]
        if doers and len(named) == len(doers):
            return [f"'{span}' is what '{tokens[named[0]].text}' does '{tokens[verbs[0]].text}' to in the quote, "
                    "whom the question names as another than the one who does it"]
        return []
    if part.topic:
        around = [v for v in verbs if root in subtree(tokens, v)]
        # "Reports of the outage began" for "When did users start reporting the outage?": a participant whose head
        # is the question's own event made a noun is what it asks about (not "the release *date*", another thing).
        for v in around:
            who = agents(tokens, kids, v) + patients(tokens, kids, v)
            if who and all(names_other(tokens, kids, p, part.topic) and not set(relation_stems(tokens[p].text)) &
                           part.relation for p in who):
                return [f"the quote's '{tokens[v].text}' is about '{tokens[who[0]].text}', "
                        "not what the question asks about"]
    return []


# Verbs of talking about a thing besides those of saying (rag/paraphrase.py): "Rubio *described* the plan" says
# Rubio spoke of the plan, not that he drew it up.
_TALKING = "describe discuss detail outline mention explain praise criticize criticise welcome dismiss"


def _talks_about(tokens: tuple[Token, ...], kids: dict[int, list[int]], span: tuple[int, int],
                 part: Analysis) -> int | None:
    """The verb of talking whose subject is the span and whose object is what the question asks about ("Who put
    forward the plan?": "A described the plan"), in a quote that says neither the asked verb nor its like: A only
    spoke of the thing. None when the asked verb is itself one of talking ("Who mentioned the plan?")."""
    if not part.verb or not part.topic or part.verb in communication() or part.verb in _talking():
        return None
    for v, t in enumerate(tokens):
        if t.pos == "VERB" and (stem(t) in communication() or stem(t) in _talking()) \
                and set(span) & set(agents(tokens, kids, v)) and _object_of(tokens, kids, v, part) is not None:
            return v
    return None


def _object_of(tokens: tuple[Token, ...], kids: dict[int, list[int]], v: int, part: Analysis) -> int | None:
    """The object of the verb at v that is what the question asks about (its head noun among the topic's words),
    or a word of the topic in the clause it says ("A says talks without B are just Russia-US agreements" speaks
    of Russia, and represents no one)."""
    said = [i for c in kids.get(v, []) if tokens[c].dep == "ccomp" for i in sorted(subtree(tokens, c))] \
        if not _judges(part) else []
    return next((p for p in [*patients(tokens, kids, v), *said] if stem(tokens[p]) in part.topic), None)


def _judges(part: Analysis) -> bool:
    """Whether the question's verb gives its object a predicate ("Who called the troops *a step* towards
    escalation?"): a judgement, which a sayer voices in what they say of the object. The parser makes the
    predicate noun a second object as often as an object predicate."""
    tokens = parse_question(part.text.rstrip("?") + "?").tokens
    objects = [t.head for t in tokens if t.dep == "dobj"]
    return any(t.dep == "oprd" and tokens[t.head].pos == "VERB" for t in tokens) or \
        any(objects.count(v) > 1 for v in objects)


def _hyphened(tokens: tuple[Token, ...], a: int, b: int) -> str | None:
    """The word a span is hyphened to as the first half of a modifier ("Harvard-educated", "Kremlin-backed"), or
    None: such a name says what kind a noun is, it is no party to anything."""
    at = next((i for i, t in enumerate(tokens) if t.start >= b), None)
    if at is None or at == 0 or at + 1 >= len(tokens):
        return None
    dash, word = tokens[at], tokens[at + 1]
    if dash.text == "-" and dash.start == b and word.start == b + 1 and word.text[:1].islower():
        return f"{tokens[at - 1].text}-{word.text}"
    return None


def _credited(tokens: tuple[Token, ...], a: int, b: int) -> bool:
    """Whether the span is all of a bracket that closes its sentence: "... on the table (Fox News).", "(Reuters)",
    the news agency or outlet a line is credited to."""
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    if not inside or inside[0] == 0 or inside[-1] + 1 >= len(tokens):
        return False
    before, after = tokens[inside[0] - 1], tokens[inside[-1] + 1:]
    return before.text == "(" and after[0].text == ")" and all(t.pos == "PUNCT" for t in after)


@cache
def _talking() -> frozenset[str]:
    return frozenset(relation_stems(_TALKING))


def _renamed(tokens: tuple[Token, ...], kids: dict[int, list[int]], heads: list[int]) -> list[int]:
    """The heads with their appositions: "The head of the office, Andriy Yermak, met ..." has Yermak meet too,
    though the parser hangs the apposition on the last noun before it ("office"), not on the role noun."""
    inner = [g for h in heads for c in kids.get(h, []) if tokens[c].dep == "prep" and tokens[c].lower == "of"
             for g in kids.get(c, []) if tokens[g].dep == "pobj"]
    # And the other way: "Alberto Shiguematsu, a São Paulo resident who tweeted ..." has the resident's name tweet.
    named = [tokens[h].head for h in heads if tokens[h].dep == "appos" and tokens[h].head not in heads]
    # And by a verb of naming: "A new breed of malware, dubbed “Agent Smith,” has infected ..." has Agent Smith infect.
    dubbed = [g for h in heads + inner for c in kids.get(h, []) if tokens[c].dep == "acl" and tokens[c].lemma in
              NAMING_VERBS for g in kids.get(c, []) if tokens[g].dep in ("oprd", "dobj", "attr")]
    return heads + named + dubbed + [k for h in heads + inner for k in kids.get(h, []) if tokens[k].dep == "appos"
                                     and k not in heads]
