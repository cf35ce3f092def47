"""What a question asks for: the expected answer type, how many answers, its parts and its relation terms.

Read from spaCy's parse of the question with generic rules of English question syntax: the wh-word
("who", "when", "how many"), the noun it asks about ("which *company*", "what is the *revenue*",
"the name of the *CEO*") and an auxiliary in front for yes/no questions. The noun lists are ordinary
English words for kinds of things (countries, companies, officials), not words of any evaluation set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.constraints import is_qualifier
from rag.describe import identity_name
from rag.nlp import ParsedQuestion, Token, attributed, parse_question
from rag.nouns import noun_kind
from rag.parts import split_parts, without_attribution
from rag.phrasal import glosses, regarded_as
from rag.slots import AUX_LEMMAS, WH, becoming, determines, elsewhere, slot
from rag.text import agent_verb, relation_stems

# Entity labels (spaCy's OntoNotes scheme) a typed answer may carry, by answer type; the first is preferred.
# The small model often files a company or a name under another proper-name label ("Rheinmetall" as
# PRODUCT), so people, organisations and agents also accept the other name labels, ranked lower.
KIND_LABELS: dict[str, tuple[str, ...]] = {
    "person": ("PERSON",),
    "agent": ("PERSON", "ORG"),  # "who acquired X?" is as often a company as a person
    "organisation": ("ORG",),
    # A side in a contest: a club ("ORG") or a national team, named by its country or people ("Germany won").
    "team": ("ORG", "GPE", "NORP"),
    "place": ("GPE", "LOC", "FAC"),
    # "Where was X educated?", "Where does X work?": a school or an employer, which a place name may stand for.
    "institution": ("ORG", "FAC", "GPE"),
    "nationality": ("NORP", "GPE"),
    "date": ("DATE", "TIME"),
    "number": ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"),
    "money": ("MONEY",),  # "what was the revenue": an amount of money, not a share or a count
    "duration": ("DATE", "TIME", "QUANTITY"),
    "distance": ("QUANTITY", "CARDINAL"),
    "ordinal": ("ORDINAL",),
    "frequency": ("FREQUENCY",),  # "how often": rag/amounts.py finds them, the recogniser does not
    "work": ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW"),
    # "Which platform tracks outage reports?" with a noun of no known kind: any proper name, tried first (a
    # part with none found is read as a statement, rag/reader.py).
    "named": ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"),
}
NAME_LABELS = KIND_LABELS["named"]
LOOSE_KINDS = frozenset({"person", "organisation", "agent"})
TYPED_KINDS = frozenset(KIND_LABELS)

# "Who is/was ...", "What are ...": a question that asks what a noun is, not what someone did ("Which company did
# X back?", whose verb the small tagger may miss).
_COPULAR = re.compile(r"^\W*(?:who|what|which)\b(?:(?!\b(?:do|does|did)\b).)*\b(?:is|was|are|were)\b", re.I)

_DURATION_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}

# "what kind of X", "the name of the X": the noun that types the answer comes after "of".
_HOLLOW_NOUNS = {"kind", "type", "sort", "form", "name", "names", "one", "ones", "part"}
_CATEGORY_NOUNS = {"kind", "type", "sort", "form"}
_MEASURE_KINDS = {"number", "money", "duration", "distance", "date"}
# Stems of verbs whose subject is the place an event is in ("Which city hosted ...", "Which country staged ...").
_HOSTING = {"host", "stage"}
_LOCATIVE = {"in", "at", "near", "inside", "outside", "within"}
# Verbs whose "where" asks for the school or employer, not a town: "Where was X educated?" ("Harvard-educated").
_INSTITUTION_VERBS = {"educate", "study", "train", "graduate", "school", "teach", "work", "employ"}
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
# Words of the question that name the asked kind rather than the relation the answer must fill.
_HOW_ADVERBS = {"many": "number", "much": "number", "long": "duration", "far": "distance", "old": "number",
                "big": "number", "large": "number", "high": "number", "often": "frequency", "tall": "number"}
@dataclass(frozen=True)
class Analysis:
    """What one question (or one part of a multi-part question) asks for."""

    text: str
    kind: str  # a key of KIND_LABELS, or "yesno" / "statement"
    count: int  # answers asked for: 2 for "which two countries"
    type_noun: str | None  # the noun that typed it ("country")
    relation: frozenset[str]  # stemmed content words naming the asked relation (not entities, not the wh-phrase)
    unit: str | None = None  # what "how many" counts: the answer counts "hours", not anything else
    elliptical: bool = False  # no wh-word and no auxiliary in front: "And the second round?"
    locative: bool = False  # "where ...?", "in which city ...?": the answer follows "in", "at", "near" ...
    # The verb the answer is an argument or adjunct of ("won" in "Who won X?"), stemmed, and which
    # slot of it the answer fills: "subject" ("who won"), "object" ("whom did X beat") or None (when, where ...).
    verb: str | None = None
    role: str | None = None
    # Stems of what the question asks about with that verb ("Splatoon 2" in "When was Splatoon 2 released?").
    topic: frozenset[str] = frozenset()
    # "Which officials ...": a plural noun without a number asks for all the sentence names, not one.
    plural: bool = False
    # The asked verb as written, lemmatised ("win"): a quote that lacks it must word it otherwise near
    # the answer (rag/paraphrase.py). Empty when the question has no content verb ("How far were X from Y?").
    relation_words: tuple[str, ...] = ()
    # Stems of participles that only describe a noun ("the *reported* plan", "the agreement *announced* on
    # Monday"): who does them in a quote is not who does the asked verb.
    described: frozenset[str] = frozenset()
    # The name a "Who is X?" question asks the identity of: answered by what a quote calls X.
    identity: str | None = None
    # Stems of the names an object question gives another role than its subject's ("Zelensky" in "Whom did the
    # head of Zelensky's office meet?"): one of them doing the asked verb in a quote is not the asked subject.
    elsewhere: frozenset[str] = frozenset()
    # Lemmas of what the question says the answer saw or described something as ("described the talks as an
    # *important step*"): the quote must word one of them, not merely do the verb (rag/phrasal.py regarded_as).
    regarded_as: tuple[str, ...] = ()
    # The preposition a question ends with ("Where can the smoke be seen *from*?"): the answer follows it.
    stranded: str | None = None

    @property
    def typed(self) -> bool:
        return self.kind in TYPED_KINDS

    @property
    def asks_title(self) -> bool:
        """"Who is Russia's foreign minister?", "What is the world's largest software company?", "What is the capital
        of X?": a person, an organisation or a place asked for by a title or a noun alone, with no verb of the
        question's own but the title's ("the winner": who won); the answer is what a quote gives that title or
        whom it makes do the title's verb, not any name near its words. A keyword query ("Super Bowl 2021
        location") names the kind it seeks, not a title."""
        if self.type_noun is None or self.identity is not None or self.elliptical or self.stranded is not None \
                or not _COPULAR.search(self.text):
            return False
        if self.verb is None and self.role is None:
            return self.kind in ("person", "organisation", "place")
        # "Who was the winner of X?", "Who was X's father?": the verb is the title's own, made from it.
        return self.kind in ("person", "agent") and self.verb == agent_verb(self.type_noun)


def _typing_noun(tokens: tuple[Token, ...], after: int) -> Token | None:
    """The noun a wh-determiner or pronoun asks about: the head of its phrase, past "kind of", "name of"."""
    i = after
    while i < len(tokens):
        t = tokens[i]
        if t.pos in ("NOUN", "PROPN") and t.dep not in ("compound", "nmod", "amod", "poss"):
            if t.lemma in _HOLLOW_NOUNS and i + 2 < len(tokens) and tokens[i + 1].lower == "of":
                if t.lemma in _CATEGORY_NOUNS:
                    return t  # "what kind of building" asks for a category, not a named one
                i += 2
                continue
            return t
        if t.pos in ("VERB", "AUX", "ADP", "PRON", "SCONJ") or (t.pos == "PUNCT" and t.text != "-"):
            return None
        i += 1
    return None


def _subject_noun(tokens: tuple[Token, ...], wh: int) -> Token | None:
    """"What is/was the X (of Y)?": the subject noun of the copula types the answer."""
    root = tokens[wh].head
    if tokens[root].lemma != "be":
        return None
    for i, t in enumerate(tokens):
        if t.head == root and t.dep in ("nsubj", "attr") and i != wh and t.pos in ("NOUN", "PROPN"):
            return _typing_noun(tokens, i)
    return None


def _kind_of(parsed: ParsedQuestion) -> tuple[str, int, Token | None]:
    tokens = parsed.tokens
    words = [t.lower for t in tokens]
    wh = next((i for i, w in enumerate(words) if w in WH), None)
    if wh is None:
        if tokens and tokens[0].lemma in AUX_LEMMAS:
            return "yesno", 1, None
        # A keyword query ("Super Bowl 2021 location"): its last noun names what is sought.
        nouns = [t for t in tokens if t.pos == "NOUN"]
        noun = nouns[-1] if nouns else None
        return (noun_kind(noun.lemma) if noun else None) or "statement", 1, noun
    w = words[wh]
    nxt = words[wh + 1] if wh + 1 < len(words) else ""
    if w == "how":
        kind = _HOW_ADVERBS.get(nxt)
        if kind is None:
            return "statement", 1, None
        unit = _typing_noun(tokens, wh + 2) if kind == "number" else None
        if unit is not None and unit.lemma in _DURATION_UNITS:
            kind = "duration"  # "how many years/days"
        return kind, 1, unit
    if w == "when":
        return "date", 1, None
    if w == "where":
        # The small parser often tags a bare verb at the end as a noun ("Where did Anna Berg *graduate*?").
        last = next((t for t in reversed(tokens) if t.pos != "PUNCT"), None)
        schooled = any(t.pos == "VERB" and t.lemma in _INSTITUTION_VERBS for t in tokens[wh + 1 :]) or \
            (last is not None and last.lower in _INSTITUTION_VERBS)
        return ("institution" if schooled else "place"), 1, None
    if w == "why":
        return "statement", 1, None
    count = _COUNT_WORDS.get(nxt, 1)
    if w in ("who", "whom"):
        noun = _subject_noun(tokens, wh)  # "who is the director of X?"
        kind = noun_kind(noun.lemma) if noun else None
        return (kind if kind in ("person", "organisation", "team") else "agent"), count, noun
    if w == "whose":
        return "agent", 1, None
    noun = _typing_noun(tokens, wh + 1) if determines(tokens[wh]) else None
    if noun is None and w == "what":
        noun = _subject_noun(tokens, wh)
    kind = noun_kind(noun.lemma) if noun else None
    if kind is None and w == "what":
        # "What is inflation approaching?", "What did revenue reach?": a value of the quantity the subject names.
        subject = next((t for t in tokens if t.dep == "nsubj" and t.pos == "NOUN"), None)
        if subject is not None and subject.lower.endswith("ing"):
            # "What is inflation nearing?" parsed as the noun "nearing" with "inflation" before it.
            i = tokens.index(subject)
            subject = next((t for t in tokens[:i] if t.dep == "compound" and t.head == i and t.pos == "NOUN"), subject)
        if subject is not None and noun_kind(subject.lemma) in ("number", "money"):
            return noun_kind(subject.lemma), count, None
    return kind or "statement", count, noun


# Adverbs of degree and focus grade or frame the relation but do not carry it: "more susceptible" asks of
# susceptibility, and a sentence saying "much more difficult" does not say it.
_DEGREE_ADVERBS = frozenset("""more most less least very much so too quite rather fairly really even still also
just only already nearly almost barely hardly partly largely mostly entirely fully completely slightly""".split())


def _relation_terms(parsed: ParsedQuestion, type_noun: Token | None) -> tuple[frozenset[str], tuple[str, ...],
                                                                               tuple[str, ...]]:
    """Stems of the verbs, nouns and adjectives outside the entities and the wh-phrase ("won", "released"),
    the lemmas of its verbs, and the one-word verbs its phrasal verbs are reported with."""
    inside = [(a, b) for a, b, _ in parsed.entities]
    # "..., according to the Times report": who reports it is not what is asked.
    attribution = attributed(parsed.tokens)
    skip = WH | _HOLLOW_NOUNS | set(_HOW_ADVERBS) | AUX_LEMMAS | _DEGREE_ADVERBS
    kept = [
        t for i, t in enumerate(parsed.tokens)
        if t.pos in ("VERB", "NOUN", "ADJ", "ADV") and t.lemma not in skip and t.lower not in skip
        and t is not type_noun and not any(a <= t.start < b for a, b in inside) and i not in attribution
        and not is_qualifier(t.text)  # "men's": a constraint of its own (rag/constraints.py), not the relation
    ]
    # A phrasal verb is asked as the one-word verbs that report it too ("come out": released, published).
    glossed = tuple(g for i, t in enumerate(parsed.tokens) if t.pos == "VERB" and t in kept
                    for g in glosses(parsed.tokens, i))
    lemmas = tuple(dict.fromkeys(t.lemma.lower() for t in kept if t.pos == "VERB"))
    return frozenset(relation_stems(" ".join([t.text for t in kept] + list(glossed)))), lemmas, glossed


def _predicate(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """The adjective a copular question says of its subject ("will X be carbon *negative*?"), as its lemma; ()
    when there is none, or it is the measure a "how" asks for ("How tall is X?")."""
    for i, t in enumerate(tokens):
        if ((t.dep == "acomp" and t.pos == "ADJ" and tokens[t.head].lemma in AUX_LEMMAS) or becoming(tokens, t.head) == i) \
                and t.lower not in _HOW_ADVERBS and not any(u.lower == "how" and u.head == i for u in tokens):
            return (t.lemma.lower(),)
    return ()


def _stranded(tokens: tuple[Token, ...]) -> str | None:
    """The preposition left at the end of the question with no object of its own ("Where did it come *from*?")."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    if len(words) < 3 or words[-1].pos != "ADP":
        return None
    last = tokens.index(words[-1])
    return None if any(t.head == last and t.dep == "pobj" for t in tokens) else words[-1].lower


def as_named(part: Analysis) -> Analysis | None:
    """A statement part that asks "which N" or "what N" of a noun of no known kind ("Which platform tracks
    outage reports?"), asked for a proper name instead; None for other parts. "What part/kind ..." names none."""
    if part.kind != "statement" or part.type_noun is None or part.type_noun in _HOLLOW_NOUNS or part.identity:
        return None
    tokens = parse_question(part.text.rstrip("?") + "?").tokens
    return replace(part, kind="named") if any(determines(t) for t in tokens) else None


def _is_how(parsed: ParsedQuestion) -> bool:
    return any(t.lower == "how" for t in parsed.tokens)


def analyse(question: str) -> list[Analysis]:
    """One Analysis per part: "When did A happen, and when did B?" asks two things."""
    out = []
    for part in split_parts(question):
        # Read without the source it names: the small parser makes "according" the root of "What does X taste
        # of, according to Y?" (the source is checked as a constraint of the whole question, rag/constraints.py).
        part = without_attribution(part.rstrip("?") + "?").rstrip("?")
        parsed = parse_question(part + "?")
        kind, count, noun = _kind_of(parsed)
        # "Who is Kirill Dmitriev?" asks what the articles call him (rag/describe.py), not for a person.
        identity = identity_name(parsed)
        if identity is not None:
            kind, count, noun = "statement", 1, None
        unit = noun.lemma if noun is not None and parsed.tokens and _is_how(parsed) else None
        elliptical = not any(t.lower in WH for t in parsed.tokens) and not (
            parsed.tokens and parsed.tokens[0].lemma in AUX_LEMMAS)
        words = [t.lower for t in parsed.tokens]
        locative = "where" in words or any(
            w in WH and i and words[i - 1] in _LOCATIVE for i, w in enumerate(words))
        verb, role, topic, noun_verb = slot(parsed)
        # "Which country hosted the talks?" asks where they were, as "where" does: "talks in Istanbul, Turkey".
        locative = locative or (kind == "place" and verb in _HOSTING)
        # A plural measure ("interest rates", "sales") is one amount; plural names ("officials") are several.
        plural = noun is not None and unit is None and count == 1 and noun.lower != noun.lemma and noun.pos == "NOUN" \
            and kind not in _MEASURE_KINDS
        relation, lemmas, glossed = _relation_terms(parsed, noun)
        verbs = tuple(w for w in lemmas if verb and relation_stems(w)[:1] == [verb]) or \
            ((noun_verb,) if noun_verb else ())
        verbs += glossed if verbs else ()
        # "By what year will X be carbon *negative*?": with no content verb, the adjective said of the subject is
        # what is asked, and a quote must word it, not merely name the subject and "carbon" near a year.
        verbs = verbs or _predicate(parsed.tokens)
        if not relation and noun is not None and kind in LOOSE_KINDS:
            # "Who is the award's winner?": the role noun is all the question says of the answer, so the answer
            # must be named by it ("winner A") or do what it names ("A won", A the subject of the noun's verb).
            base = agent_verb(noun.lemma)
            relation, verbs = frozenset(relation_stems(noun.text)) | ({base} if base else set()), (noun.lemma,)
            verb, role = (base, "subject") if base else (verb, role)
        described = frozenset(x for t in parsed.tokens if t.pos == "VERB" and t.dep in ("amod", "acl")
                              for x in (relation_stems(t.lemma) or relation_stems(t.text))[:1] if x != verb)
        out.append(Analysis(part, kind, count, noun.lemma if noun else None, relation, unit,
                            elliptical, locative, verb, role, topic, plural, verbs, described, identity,
                            elsewhere(parsed.tokens, role),
                            tuple(w for i, t in enumerate(parsed.tokens) if t.pos == "VERB"
                                  for w in regarded_as(parsed.tokens, i)),
                            _stranded(parsed.tokens)))
    return out
