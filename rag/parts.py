"""How a question divides into the parts it asks ("When did A happen, and when did B?" asks two things),
without a conversational lead-in; and the names it takes for granted (a false premise when no article
mentions them). Plain patterns of English question syntax, with spaCy's parse for the names."""

from __future__ import annotations

import re

from rag.nlp import Token, attributed, parse_question, subtree
from rag.paraphrase import communication
from rag.slots import AUX_LEMMAS, WH
from rag.text import content_terms, relation_stems, word_stems

# A second part starts where a clause of its own begins: ", and when did ...", "and in which year?".
# "What did X say about A and about B?": a preposition said again after "and" starts a second part
# that shares everything before the first one.
_REPEATED_PREPOSITION = re.compile(r"^(?P<head>.+?\b(?P<prep>about|by|on|over|regarding|concerning|for|with))\s+"
                                   r"(?P<first>.+?),?\s+and\s+(?P=prep)\s+(?P<second>.+)$", re.I)
# "On another subject: how many ...", "Switching topics: what would ...": a lead-in of common words before a
# colon and a question word steers the conversation; it names nothing the answer must meet. A one-word lead-in,
# or one with a capital after its first word or a number ("Tesla: what ...", "Season 2: who ..."), is a topic.
_PREAMBLE = re.compile(r"^\s*[A-Za-z][a-z’']*(?:[\s,-]+[a-z’']+){1,5}\s*:\s*(?=(?i:who|whom|whose|what|which|when|"
                       r"where|why|how|is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b)")
# A wh-question, a colon, and a list of what it asks about.
_COLON_LIST = re.compile(r"^\s*(?P<head>(?:who|whom|whose|what|which|when|where|how)\b[^:]*):\s*(?P<items>.+)$", re.I)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.I)
_PART_SPLIT = re.compile(r",?\s+and\s+(?=(?:in |on |at |for |by |from |to )?(?:who|whom|whose|what|which|when|where|why|how)\b)",
                         re.I)

# "the first and the second rounds of X": two ordinals coordinated before one plural noun ask of each on its own.
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))"
_COORDINATED_ORDINALS = re.compile(rf"\b(?:the\s+)?(?P<first>{_ORDINAL})\s+and\s+(?:the\s+)?(?P<second>{_ORDINAL})\s+"
                                   rf"(?P<noun>[a-z]+s)\b", re.I)
# "which two cities", "what two companies": the count the ordinals split, one of the noun each.
_COUNTED = re.compile(r"\b(?P<wh>which|what)\s+(?:two|both)\s+(?P<noun>[a-z]+s)\b", re.I)

_PLURAL_VERB = re.compile(r"\b(were|are|have)\b(?=\s*$)", re.I)
_SINGULAR_VERB = {"were": "was", "are": "is", "have": "has"}


# "..., according to the Times report?", "According to the minister, ...": who reports it, not what is asked.
_ATTRIBUTION = re.compile(r",?\s*\baccording to\b[^,?]*,?\s*", re.I)


def without_attribution(question: str) -> str:
    """The question without the source it names ("What is inflation nearing, according to the report on the
    talks?" -> "What is inflation nearing?"): the sentence that answers it rarely names its own source, so
    those words only lower how well it matches. Unchanged when nothing else would be left."""
    stripped = _ATTRIBUTION.sub(" ", question).strip()
    stripped = re.sub(r"\s+([?.!])", r"\1", re.sub(r"\s{2,}", " ", stripped))
    return stripped if len(content_terms(stripped)) >= 2 else question


def split_parts(question: str) -> list[str]:
    """The question's parts, each a question of its own, without the lead-in."""
    question = without_preamble(question)
    listed = _listed(question)
    if listed:
        return listed
    parts = [p.strip(" ,?") for p in _PART_SPLIT.split(question) if p.strip(" ,?")] or [question]
    return [q for p in parts for q in _coordinated(p) for q in _by_ordinal(q)]


def _listed(question: str) -> list[str]:
    """"Which moves are reported: the US approach to Belarus and the EU's newest package?": a question, a colon
    and the things it asks about, each asked on its own ("Which moves are reported: the US approach to
    Belarus", "Which moves are reported: the EU's newest package"). Empty for any other question."""
    m = _COLON_LIST.match(question)
    if not m:
        return []
    items = [i.strip(" ,?") for i in _LIST_SEPARATOR.split(m.group("items")) if i.strip(" ,?")]
    return [f"{m.group('head').strip()}: {i}" for i in items] if len(items) > 1 else []


def _by_ordinal(part: str) -> list[str]:
    """"In which two cities were the first and the second rounds of the talks held?" -> "In which city were the
    first round of the talks held", "In which city were the second round of the talks held": one answer per
    ordinal, each to meet its own ordinal constraint, as the two are often reported apart."""
    m = _COORDINATED_ORDINALS.search(part)
    if not m:
        return [part]
    counted = _COUNTED.sub(lambda c: f"{c.group('wh')} {_singular(c.group('noun'))}", part)
    m = _COORDINATED_ORDINALS.search(counted)
    noun = _singular(m.group("noun"))
    # "... were the first and the second rounds held" -> "... was the first round held".
    before = _PLURAL_VERB.sub(lambda v: _SINGULAR_VERB[v.group(1).lower()], counted[: m.start()])
    return [f"{before}the {m.group(o)} {noun}{counted[m.end():]}" for o in ("first", "second")]


def _singular(noun: str) -> str:
    """A regular English plural's singular ("cities" -> "city", "matches" -> "match", "rounds" -> "round")."""
    lower = noun.lower()
    if lower.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return noun[:-2]
    return noun[:-1] if lower.endswith("s") and not lower.endswith("ss") else noun


def without_preamble(question: str) -> str:
    """The question without a conversational lead-in ("On another subject: how many ..." -> "how many ...")."""
    m = _PREAMBLE.match(question)
    return question[m.end():] if m else question


def _coordinated(part: str) -> list[str]:
    """"What did X say about A and about B" -> "What did X say about A", "What did X say about B"."""
    m = _REPEATED_PREPOSITION.match(part)
    if not m:
        return [part]
    return [f"{m.group('head')} {m.group('first')}", f"{m.group('head')} {m.group('second')}"]


def premise_names(question: str) -> list[str]:
    """The proper names a question takes for granted ("the talks in *Geneva*", "what did the *Pope* say"):
    runs of proper nouns, without numbers (years, "Q3" and "Season 11" are constraints of their own) and
    outside an attribution ("according to the *Times* report" names a source, not what is asked about)."""
    parsed = parse_question(without_preamble(question))
    tokens = parsed.tokens
    attribution = attributed(tokens)
    # "the *Gulf* kingdom" says where a place lies; the articles name the place itself.
    attribution |= {i for i, t in enumerate(tokens) if parsed.locates(t.start, t.start + len(t.text))}
    names: list[str] = []
    run: list[str] = []
    for i, t in enumerate(tokens + (Token("", "", "", "", 0, 0),)):
        if t.pos == "PROPN" and i not in attribution and not any(c.isdigit() for c in t.text) and content_terms(t.text):
            run.append(t.text)
            continue
        if run:
            names.append(" ".join(run))
        run = []
    return list(dict.fromkeys(names))


def speaker_terms(question: str) -> frozenset[str]:
    """Stems of who says what a statement question asks ("What did *Mike Waltz* say about ...?", "Which areas
    were mentioned by *the ministry*?"): the subject or the "by" agent of a verb of saying. The answer is
    what they said, so a clause is not chosen for naming them (the question already does)."""
    tokens = parse_question(question).tokens
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t.pos != "VERB" or not set(relation_stems(t.lemma)) & communication():
            continue
        for j, k in enumerate(tokens):
            if k.head != i or j == i:
                continue
            if k.dep in ("nsubj", "agent"):
                out |= {s for x in sorted(subtree(tokens, j)) for s in word_stems(tokens[x].text)}
    return frozenset(out)


# Auxiliaries a question puts before its subject that an indirect question puts after it: "when will the pier
# reopen" -> "when the pier will reopen". ("do" goes, and its tense and person pass to the verb.)
_FRONTED = frozenset(AUX_LEMMAS - {"do"})


def unanswered(part: str) -> str:
    """ "The articles don't say when the pier will reopen." for the part "When will the pier reopen?": the part
    as an indirect question (its auxiliary after its subject; "does X cost" as "X costs"), or as asked when
    its shape is another ("did" would need the verb's past tense)."""
    return f"The articles don't say {_indirect(part.strip().rstrip('?'))}."


def _indirect(text: str) -> str:
    asked = text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    # Read by word classes, not by the small parser's attachments, which it often gets wrong in questions.
    tokens = parse_question(text[:1].upper() + text[1:] + "?").tokens
    wh = next((i for i, t in enumerate(tokens) if t.lower in WH), None)
    aux = next((i for i in range(wh + 1, len(tokens)) if tokens[i].pos in ("AUX", "VERB")), None) \
        if wh is not None else None
    if aux is None or tokens[aux].pos != "AUX":
        return asked  # "who spotted the feature": no auxiliary before a subject
    verb = next((i for i in range(aux + 1, len(tokens)) if tokens[i].pos == "VERB"), None)
    end = len(tokens) - 1 if tokens[-1].pos == "PUNCT" else len(tokens)
    if verb is None and not (tokens[aux].lemma == "be" and aux == wh + 1):
        # "which countries are members": the wh-phrase may be the subject itself; left as asked.
        return asked
    last = (verb if verb is not None else end) - 1
    if last <= aux:
        return asked
    head = asked[: tokens[aux].start].rstrip()
    subject = text[tokens[aux + 1].start : tokens[last].start + len(tokens[last].text)]
    rest = text[tokens[verb].start :].strip() if verb is not None else ""
    if tokens[aux].lemma in _FRONTED:
        return " ".join(w for w in (head, subject, tokens[aux].text, rest) if w)
    if tokens[aux].lower not in ("do", "does") or verb is None:
        return asked  # "did" would need the verb's past tense
    word, _, after = rest.partition(" ")
    word = _third_person(word) if tokens[aux].lower == "does" else word
    return " ".join(w for w in (head, subject, word, after) if w)


def _third_person(verb: str) -> str:
    """ "cost" -> "costs", "reach" -> "reaches", "carry" -> "carries", "have" -> "has"."""
    if verb == "have":
        return "has"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
