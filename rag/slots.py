"""The slot of its verb a question's answer fills: the content verb the wh-phrase belongs to ("won" in "Who won
X?"), whether the answer is its subject or its object, what else the verb is asked about, and the names the
question gives another role than its subject's. Read from spaCy's parse, working round the small parser's
usual mistakes with do-support ("Which company *did* X acquire?")."""

from __future__ import annotations

import re

from rag.nlp import WH, ParsedQuestion, Token, subtree
from rag.text import content_terms, relation_stems

# Modal auxiliaries: like "do", they stand before the subject in a question, the verb after it.
MODALS = frozenset({"will", "would", "can", "could", "shall", "should", "may", "might", "must"})
AUX_LEMMAS = {"be", "do", "have"} | MODALS
# Wh-words that ask for an adjunct and never determine a noun.
_ADVERBIAL_WH = {"when", "where", "why"}
# "What time / which day / what year did X happen?": a wh-phrase of these nouns is the time of the verb, as "when"
# is, not its object.
_TIME_NOUNS = {"time", "day", "date", "year", "month", "hour", "week"}
# Verbs of becoming: "the sky turned / went / grew dark" say one change, which the adjective names; a report words
# the verb its own way, so the question is read as "be dark" ("will X be carbon negative?") is.
CHANGE_VERBS = frozenset({"turn", "go", "become", "grow", "get", "fall", "run"})


def becoming(tokens: tuple[Token, ...], i: int) -> int | None:
    """The adjective a verb of becoming at i takes ("turn *dark*", "run *dry*"); None for other verbs."""
    if tokens[i].lemma not in CHANGE_VERBS:
        return None
    return next((j for j, t in enumerate(tokens) if t.head == i and j != i and t.pos == "ADJ"
                 and t.dep in ("acomp", "oprd", "advmod")), None)
# Stems of verbs whose object is one who speaks: "A was quoted / cited" says A said it.
QUOTING = frozenset({"quot", "cite"})
# Verbs of intent or attempt whose infinitive carries what is done ("What will they *try to lift*?", "What did
# the council *agree to build*?"): a report says the inner verb ("lifted", "will build") and often drops these.
# Not verbs of aspect ("begin", "stop"): "When did X begin to sell Y?" asks when the selling began.
_CATENATIVE = frozenset({"try", "attempt", "seek", "plan", "aim", "intend", "hope", "want", "wish", "decide",
                         "agree", "promise", "pledge", "vow", "threaten", "refuse", "offer", "manage", "fail", "help"})
_PASSIVE_QUOTING = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?(?:quoted|cited)\b", re.I)


def asks_who_is_quoted(question: str) -> bool:
    """"Who was quoted as saying ...?": the answer is the one a quote's "quoted" has as its object."""
    return bool(_PASSIVE_QUOTING.search(question))


def slot(parsed: ParsedQuestion) -> tuple[str | None, str | None, frozenset[str], str | None]:
    """The content verb the wh-phrase belongs to, the slot the answer fills, the verb's other argument, and
    the verb's lemma when the parser tagged it a noun (the relation words take verbs from the tags)."""
    tokens = parsed.tokens
    wh = next((i for i, t in enumerate(tokens) if t.lower in WH), None)
    if wh is None:
        return None, None, frozenset(), None
    # The wh-word, or the noun it determines ("which company"), is the argument; its head is the verb.
    # Not "when", "where" or "why", which determine no noun however the parser hangs them ("When does Rocket
    # Pass 4 end?" on "Pass").
    arg = tokens[wh].head if tokens[wh].dep in ("det", "advmod") and tokens[tokens[wh].head].pos in ("NOUN", "PROPN") \
        and tokens[wh].lower not in _ADVERBIAL_WH else wh
    if arg == wh and determines(tokens[wh]) and wh + 1 < len(tokens) and tokens[wh + 1].pos in ("NOUN", "PROPN", "ADJ"):
        # "Which São Paulo resident tweeted ...?", "What platform tracks ...?": the small parser may make the
        # wh-word a pronoun of its own or hang it on the verb, yet the noun phrase after it is the wh-phrase,
        # whose head (along compounds and adjectives) is the argument.
        arg = wh + 1
        while tokens[arg].dep in ("compound", "amod") and tokens[arg].head > arg:
            arg = tokens[arg].head
    head = tokens[arg].head if tokens[arg].dep != "pobj" else tokens[tokens[arg].head].head
    for _ in range(2):  # "When *was* X released": the auxiliary hangs on the verb
        if tokens[head].pos == "AUX" and tokens[head].dep != "ROOT":
            head = tokens[head].head
    # Do-support ("Which company *did* X acquire?"): the content verb follows the subject after "do",
    # which the small parser sometimes makes the root, or tags the verb as a noun.
    do_at = next((i for i in range(arg + 1, len(tokens)) if tokens[i].lemma == "do"
                  and not any(t.pos == "VERB" for t in tokens[arg + 1 : i])), None)
    do_support = do_at is not None and do_at < len(tokens) - 1
    if do_support:
        after = range(do_at + 1, len(tokens))
        # "How many deaths did the agency report?": with no verb after "did", the parser made "did" the
        # verb and its last word a noun object; that word is the content verb.
        # "When does the season *end*?": a bare word last, which the small tagger takes for a noun, is the verb.
        head = next((i for i in after if tokens[i].pos == "VERB" and not _name_word(tokens, i)), None) or \
            _bare_last(tokens, do_at) or \
            next((i for i in after if tokens[i].dep == "ROOT"), None) or \
            next((i for i in after if tokens[i].head == do_at and tokens[i].dep == "dobj"
                  and tokens[i].pos == "NOUN" and tokens[i + 1 :] and tokens[i + 1].pos == "PUNCT"), None) or \
            next((i for i in after if _glued_verb(tokens, i)), head)
    if do_support and head <= do_at:
        return None, None, frozenset(), None  # "did" stands alone: no content verb to read
    verb = tokens[head]
    if (verb.pos != "VERB" or _name_word(tokens, head)) and not do_support:
        # The small parser often roots "On what date *was* X held?" in the auxiliary: the content verb
        # is then the last verb of the question.
        last_verb = next((i for i in range(len(tokens) - 1, wh, -1) if tokens[i].pos == "VERB"
                          and tokens[i].lemma not in AUX_LEMMAS and tokens[i].lower != "according"
                          and not _name_word(tokens, i)), None)
        # "When will the season *end*?": after a modal as after "do", a bare word last is the verb the tagger
        # took for a noun (and the recogniser may have put into a date: "Rocket Pass *4 end*").
        modal = next((i for i in range(arg + 1, len(tokens)) if tokens[i].pos == "AUX" and tokens[i].lemma in MODALS),
                     None)
        bare = _bare_last(tokens, modal) if last_verb is None and modal is not None else None
        head = last_verb if last_verb is not None else bare if bare is not None else head
        verb = tokens[head]
        do_support = bare is not None
    if (verb.pos != "VERB" and not do_support) or verb.lemma in AUX_LEMMAS or becoming(tokens, head) is not None:
        return None, None, frozenset(), None
    carrier = head
    inner = next((i for i, t in enumerate(tokens) if t.head == head and i != head and t.dep == "xcomp"
                  and t.pos == "VERB"), None) if verb.lemma in _CATENATIVE else None
    if inner is not None:
        head, verb = inner, tokens[inner]
    stems = relation_stems(verb.lemma)
    if not stems:
        return None, None, frozenset(), None
    dep = tokens[arg].dep
    passive = any(t.head == head and t.dep == "auxpass" for t in tokens)
    others = [i for i, t in enumerate(tokens) if t.head in (head, carrier) and i != arg and i not in (head, carrier)
              and t.dep in ("nsubj", "nsubjpass", "dobj")]
    if tokens[wh].lower in ("when", "where", "why", "how") or any(t.pos == "ADP" for t in tokens[:wh]) or \
            (arg != wh and tokens[arg].lemma in _TIME_NOUNS):
        role = None  # an adjunct ("when", "in which city"): the answer is no argument of the verb
    elif do_support or any(tokens[i].dep in ("nsubj", "nsubjpass") for i in others):
        # "Which president did Zelensky meet (with)?": after "did", or with a subject of its own, the
        # wh-phrase is not the subject, whatever the parser says; it is the object unless the verb has one.
        role = None if any(tokens[i].dep == "dobj" for i in others) else "object"
    else:
        role = ("object" if passive else "subject") if dep in ("nsubj", "nsubjpass") else \
            "object" if dep == "dobj" else None
    if passive and role == "object" and stems[0] in QUOTING:
        # "Which ministry was quoted?": who is quoted is who said it, the subject of the quote's "said" (a verb
        # of saying words the verb of quoting: rag/paraphrase.py).
        role = "subject"
    topic: set[str] = set()
    for i in others:
        if points_back(tokens, i) or tokens[i].lower in ("much", "many"):
            # "the company" in a follow-up names whichever company the conversation is about; "how much" is
            # the answer's own place, not what the verb is asked about.
            continue
        topic |= set(relation_stems(" ".join(tokens[j].text for j in sorted(subtree(tokens, i))
                                             if tokens[j].lower not in WH and content_terms(tokens[j].text))))
    return stems[0], role, frozenset(topic), (verb.lemma if verb.pos == "NOUN" else None)


def _bare_last(tokens: tuple[Token, ...], aux: int) -> int | None:
    """The question's last word when it is a bare lower-case word the small tagger took for a noun, after an
    auxiliary and a subject of two words or more ("When does the season *end*?"): it is the content verb.
    After a subject that is a name ("When does Harbour Pass 4 *finish*?") the parser hangs it anywhere (an
    object, an apposition of the name): a name takes no lower-case noun after it, so it is the verb however hung."""
    last = max((i for i in range(aux + 1, len(tokens)) if tokens[i].pos != "PUNCT"), default=None)
    if last is None or last <= aux + 2 or tokens[last].pos != "NOUN" or not tokens[last].text.isalpha() \
            or not tokens[last].text.islower() or tokens[last].lower != tokens[last].lemma:
        return None
    named = all(t.text[:1].isupper() or t.pos == "NUM" for t in tokens[aux + 1 : last])
    return last if named or tokens[last].dep in ("ROOT", "npadvmod") else None


def _name_word(tokens: tuple[Token, ...], i: int) -> bool:
    """A capitalised word inside the question is a word of a name, however the small tagger tags it ("When will
    Galaxy Note 10 ship?" on "Note"), unless the question capitalises every word (a headline's casing)."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    return i > 0 and tokens[i].text[:1].isupper() and any(t.text[:1].islower() for t in words)


def determines(t: Token) -> bool:
    """Whether the wh-word types the noun after it: "which" however the small parser attaches it (it makes "Which"
    a pronoun of its own in "Which São Paulo resident ...?"), "what" as a determiner ("What platform ...?")."""
    return t.lower == "which" or (t.lower == "what" and t.dep == "det")


def points_back(tokens: tuple[Token, ...], i: int) -> bool:
    """A common noun with a definite determiner and no name in its phrase ("the company", "this team"): it
    points back to something named before, so a quote's name for it is no other thing."""
    phrase = subtree(tokens, i)
    return tokens[i].pos == "NOUN" and not any(tokens[j].pos == "PROPN" for j in phrase) and any(
        tokens[j].head == i and tokens[j].dep == "det" and tokens[j].lower in ("the", "this", "that", "these", "those")
        for j in phrase) and len([j for j in phrase if tokens[j].pos in ("NOUN", "ADJ")]) == 1


def elsewhere(tokens: tuple[Token, ...], role: str | None) -> frozenset[str]:
    """Stems of the proper names an object question gives another role than its subject's (a possessor, a
    place): "Zelensky" in "Whom did the head of Zelensky's office meet?"."""
    if role != "object":
        return frozenset()
    # After "did" when there is one ("Which company did Northwind acquire?": "company" is the wh-phrase).
    do_at = next((i for i, t in enumerate(tokens) if t.lemma == "do"), None)
    asked = {i for i, t in enumerate(tokens) if t.lower in WH} | {t.head for t in tokens if t.lower in WH}
    subject = next((i for i, t in enumerate(tokens) if t.dep in ("nsubj", "nsubjpass") and i not in asked
                    and (do_at is None or i > do_at)), None)
    if subject is None and do_at is not None:
        subject = next((i for i in range(do_at + 1, len(tokens)) if tokens[i].pos in ("NOUN", "PROPN")), None)
    if subject is None:
        return frozenset()
    group = {subject} | {i for i, t in enumerate(tokens) if t.head == subject and t.dep in ("compound", "flat", "appos", "amod")}
    return frozenset(x for i, t in enumerate(tokens) if t.pos == "PROPN" and i not in group for x in relation_stems(t.text))


def _glued_verb(tokens: tuple[Token, ...], i: int) -> bool:
    """"Whom did the head of the mayor's office *meet* at the harbour?": after a subject ending in "of ... 's N",
    the small parser takes the bare verb for the noun of that phrase, with the real noun as its compound. An
    uninflected word there, before a preposition or the end, is the content verb."""
    t = tokens[i]
    return t.pos == "NOUN" and t.dep == "pobj" and t.lower == t.lemma and i > 0 and tokens[i - 1].dep == "compound" \
        and i + 1 < len(tokens) and tokens[i + 1].pos in ("ADP", "PUNCT")
