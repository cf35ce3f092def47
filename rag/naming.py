"""How a quote names a candidate answer: the noun it owns ("X's analysis", "the analysis by X") or counts ("59
clicks"), the noun it is the name of ("the Attention Correction feature") and the noun or role it is given
("spokeswoman Tammy Bruce", "Kirill Dmitriev, head of the fund"), read from its sentence's dependency parse (the
slot it fills is rag/roles.py's), and whether it calls the span the noun a question asks for ("which
officer": "Kirsten Dahl, a former naval officer")."""

from __future__ import annotations

from collections.abc import Callable

from rag.deps import elided, span_root
from rag.describe import NAMING_VERBS
from rag.nlp import Token, parse_question, subtree
from rag.question import Analysis
from rag.text import content_terms, relation_stems


def owned(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The noun the span at text[a:b] owns ("X's analysis", "the analysis by X", "the release of X", "the X
    analysis"), or None."""
    root = span_root(tokens, a, b)
    if root is None:
        return None
    r = tokens[root]
    owner = tokens[r.head]
    if r.dep == "pobj" and owner.lower in ("of", "by"):
        owner = tokens[owner.head]
    elif r.dep not in ("poss", "compound"):
        return None
    return owner if owner.pos in ("NOUN", "PROPN") else None


def counted(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The noun a number at text[a:b] counts ("one such *link*", "59 *clicks*"), or None when it counts none
    (it stands alone, or is itself the noun: "hundreds of links")."""
    root = span_root(tokens, a, b)
    if root is not None and tokens[root].pos == "NUM" and tokens[root].dep in _STANDING:
        return _partitive(tokens, root)
    if root is None or tokens[root].dep not in ("nummod", "det", "quantmod"):
        return None
    head = tokens[tokens[root].head]
    return head if head.pos == "NOUN" and not a <= head.start < b else None


# Where a number stands as a noun phrase of its own ("*seven* are on the list", "they found *12*").
_STANDING = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _partitive(tokens: tuple[Token, ...], number: int) -> Token | None:
    """The noun a number standing alone counts out of: "seven *of the ten towns*", "*Among the 10 municipalities*
    ..., seven are ..."; None when none is said ("the toll rose to 16")."""
    own = [c for c, t in enumerate(tokens) if t.head == number and t.dep == "prep" and t.lower == "of"]
    verb = tokens[number].head
    clause = [c for c, t in enumerate(tokens) if t.head == verb and t.dep == "prep" and t.lower in ("of", "among")
              and c < number]
    return next((tokens[o] for p in own + clause for o, t in enumerate(tokens)
                 if t.head == p and t.dep == "pobj" and t.pos == "NOUN"), None)


def numbered(tokens: tuple[Token, ...], a: int, b: int) -> str | None:
    """The name a number at text[a:b] is part of, written right after it ("Rocket Pass *4*", "Apollo *13*", "the
    Harbour Cup *2031*"): such a number tells one of a series from the others, it counts nothing. None else."""
    root = span_root(tokens, a, b)
    if root is None or root == 0 or tokens[root].pos != "NUM" or tokens[root].dep not in ("nummod", "appos") \
            or tokens[root].head != root - 1 or tokens[root - 1].pos != "PROPN":
        return None
    return f"'{tokens[root - 1].text} {tokens[root].text}'"


def name_of(tokens: tuple[Token, ...], a: int, b: int) -> Token | None:
    """The common noun the span at text[a:b] is the name of, as its modifier ("the new *Attention Correction*
    feature", "the *Orion* project"), or None."""
    root = span_root(tokens, a, b)
    if root is None or tokens[root].dep not in ("compound", "nmod"):
        return None
    head = tokens[tokens[root].head]
    return head if head.pos == "NOUN" and not a <= head.start < b else None


def named_as(tokens: tuple[Token, ...], a: int, b: int, part: Analysis, anchors: frozenset[str],
             family: Callable[[str, str], bool]) -> bool:
    """Whether the quote names the span at text[a:b] by what the question asks for: as the asked noun
    ("spokeswoman Tammy Bruce" for "which spokesperson"), or by a role in what the question names
    ("Kirill Dmitriev, head of Russia's Direct Investment Fund" for "who leads the fund?"). `family`
    says whether two stems are forms of one word."""
    root = span_root(tokens, a, b)
    if root is None:
        return False
    span = {i for i, t in enumerate(tokens) if a <= t.start < b}
    r = tokens[root]
    nouns = [i for i, t in enumerate(tokens) if t.head == root and i != root and i not in span
             and t.dep in ("appos", "compound") and t.pos in ("NOUN", "PROPN")]
    if r.dep in ("appos", "compound") and r.head != root and tokens[r.head].pos in ("NOUN", "PROPN"):
        nouns.append(r.head)
    if r.dep == "appos":
        # "met with A and the head of X, B": the parser often hangs B on the first conjunct, but an
        # apposition follows what it renames, the conjunct right before it.
        conjuncts = [i for i, t in enumerate(tokens) if t.head == r.head and t.dep == "conj" and r.head < i < root]
        nouns += conjuncts[-1:]
    # Words on either side of an ellipsis were not written together: "X ... Winner of the Y" names no winner.
    nouns = [n for n in nouns if not elided(tokens, min(n, root), max(n, root))]
    asked = relation_stems(part.type_noun) if part.type_noun else []
    # When the asked noun is all the relation ("who is the prize's winner?"), another role in what the question
    # names ("a finalist of the prize") is not it.
    by_role = not (part.type_noun and part.relation_words == (part.type_noun,))
    for n in nouns:
        own = relation_stems(tokens[n].text)
        if any(family(x, y) for x in asked for y in own):
            return True
        described = subtree(tokens, n) - span - {n}
        words = {s for i in described for s in relation_stems(tokens[i].text) if content_terms(tokens[i].text)}
        if by_role and tokens[n].pos == "NOUN" and any(family(x, y) for x in anchors for y in words):
            return True
    return False


def noun_problems(tokens: tuple[Token, ...], a: int, b: int, part: Analysis, text: str, whose: str | None,
                  words: Callable[[str, tuple[str, ...]], bool]) -> list[str]:
    """What the nouns around the span at text[a:b] say against it: "Whose analysis ...?" needs the span to own
    an analysis (`whose`: the owned noun); "Who discovered the feature?" is not answered by the feature's own
    name ("the Attention Correction feature"), which is what was discovered; "How many clicks ...?" not by "one
    such link": a number counts what it is said of, the asked unit or the asked event ("16,000 deaths" for "how
    many soldiers died"). `words` says whether a word is one of some words or words them otherwise."""
    if whose is not None:
        owner = owned(tokens, a, b)
        if owner is None or not words(owner.text, (whose,)):
            return [f"'{text}' owns no {whose} in the quote"]
    named = name_of(tokens, a, b) if part.role == "subject" else None
    if named is not None and set(relation_stems(named.text)) & part.topic:
        return [f"'{text}' is the name of the {named.text} the question asks about"]
    name = numbered(tokens, a, b) if part.kind == "number" else None
    if name is not None:
        return [f"'{text}' numbers the name {name}, it counts nothing"]
    noun = counted(tokens, a, b) if part.unit and part.kind == "number" else None
    if noun is not None and not words(noun.text, (part.unit, *part.relation_words)):
        return [f"'{text}' counts {noun.text}, not {part.unit}"]
    other = _other_kind(tokens, noun, part) if noun is not None else None
    if other is not None:
        return [f"'{text}' counts {other} {noun.text}, not those the question names"]
    return []


def _names_on(tokens: tuple[Token, ...], noun: int) -> set[str]:
    """Stems of the names that say which kind of the noun at `noun` it is ("*Facebook* users")."""
    return {s for i, t in enumerate(tokens) if t.head == noun and i != noun and t.dep in ("compound", "amod", "nmod")
            and t.pos == "PROPN" for s in relation_stems(t.text)}


def _other_kind(tokens: tuple[Token, ...], noun: Token, part: Analysis) -> str | None:
    """The name the quote gives the counted noun when the question names it otherwise: "104,000 *Facebook* users"
    does not count the users of "How many *Instagram* users ...?". None when either names none."""
    question = parse_question(part.text.rstrip("?") + "?").tokens
    unit = relation_stems(part.unit)
    asked = set().union(*(_names_on(question, i) for i, t in enumerate(question) if relation_stems(t.text) == unit))
    at = tokens.index(noun)
    given = _names_on(tokens, at)
    if not asked or not given or asked & given:
        return None
    return next(t.text for i, t in enumerate(tokens) if t.head == at and set(relation_stems(t.text)) & given)


# Links by which a span names the noun it hangs on ("the banker, Dmitriev", "envoy Keith Kellogg").
_NAMING = {"appos", "compound", "flat", "conj"}


def describes(tokens: tuple[Token, ...], kids: dict[int, list[int]], root: int, noun: str) -> str | None:
    """The asked noun the span only modifies: in "Dmitriev, a Harvard-educated former banker" Harvard
    describes the banker; Dmitriev, whom "banker" is an apposition of, names him. None when it names one."""
    for i, t in enumerate(tokens):
        if t.lemma != noun or t.pos != "NOUN" or i == root:
            continue
        j, path = root, []
        while j != i and tokens[j].head != j and len(path) < 8:
            path.append(tokens[j].dep)
            j = tokens[j].head
        if j == i and any(d not in _NAMING for d in path):
            return t.text
    return None


def names_the_noun(tokens: tuple[Token, ...], a: int, b: int, noun: str) -> bool:
    """Whether the sentence calls the span at text[a:b] the asked noun: "Kirsten Dahl, a former naval
    officer", "the officer Kirsten Dahl" (joined by apposition or compound only, either way round)."""
    root = span_root(tokens, a, b)
    if root is None:
        return False
    for i, t in enumerate(tokens):
        if t.lemma != noun or t.pos != "NOUN" or a <= t.start < b:
            continue
        for low, high in ((root, i), (i, root)):
            j, path = low, []
            while j != high and tokens[j].head != j and len(path) < 4:
                path.append(tokens[j].dep)
                j = tokens[j].head
            # "conj": "two diplomats, A and B" names B one too; a conjunction alone does not ("the banker and B").
            if j == high and set(path) - {"conj"} and all(d in ("appos", "compound", "flat", "conj") for d in path) \
                    and not elided(tokens, min(root, i), max(root, i)):
                return True
    return False


def name_given(tokens: tuple[Token, ...], root: int) -> int | None:
    """The noun that the span at root is the name of by a verb of naming ("the ransomware, dubbed *Filecoder*"),
    or None."""
    r = tokens[root]
    verb = tokens[r.head]
    if r.dep not in ("oprd", "dobj", "attr") or verb.lemma.lower() not in NAMING_VERBS or verb.dep not in ("acl", "relcl"):
        return None
    return verb.head if tokens[verb.head].pos in ("NOUN", "PROPN") else None


def called(tokens: tuple[Token, ...], a: int, b: int, noun: str) -> bool:
    """Whether the sentence says the span at text[a:b] is a `noun` (a lemma): by apposition ("Downdetector, an
    online service"), as the noun's modifier ("the Octane hitbox") or by a verb of naming ("a forum called X")."""
    if names_the_noun(tokens, a, b, noun):
        return True
    root = span_root(tokens, a, b)
    if root is None:
        return False
    head = name_of(tokens, a, b)
    given = name_given(tokens, root)
    return (head is not None and head.lemma == noun) or (given is not None and tokens[given].lemma == noun) or \
        _holds(tokens, [i for i, t in enumerate(tokens) if a <= t.start < b], noun) or \
        (tokens[root].dep == "conj" and _holds(tokens, [tokens[root].head, *_compounds(tokens, tokens[root].head)], noun))


def _holds(tokens: tuple[Token, ...], indices: list[int], noun: str) -> bool:
    """Whether the name's own words say the noun ("iPhone XS" for "Which iPhones ...?", "Lake Orta" for "Which
    lake ...?"); a name conjoined with such a name is one too, its shared word left out ("the iPhone XS and XS
    Max")."""
    asked = set(relation_stems(noun))
    return any(tokens[i].pos == "PROPN" and asked & set(relation_stems(tokens[i].text)) for i in indices)


def _compounds(tokens: tuple[Token, ...], i: int) -> list[int]:
    return [j for j, t in enumerate(tokens) if t.head == i and j != i and t.dep == "compound"]


# Prepositions by which a quote places a person, or the post it gives them, in an organisation ("Lukas Stefanko
# *with* ESET", "an editor *at* InfoAmazonia", "chief executive *of* Microsoft").
_PLACED_BY = frozenset({"at", "with", "for", "of"})
# Verbs that ask where someone works ("Where does X work?", "Who employs X?").
WORKING = frozenset({"work", "employ"})


def employs(tokens: tuple[Token, ...], a: int, b: int, people: frozenset[str]) -> bool:
    """Whether the span at text[a:b] is the organisation the quote places one of `people` (stems of the names
    the question asks about) in: "Gustavo Faleiros, an editor at the news group InfoAmazonia", "said Lukas
    Stefanko with ESET". A post held there says the person works there, though no verb says so."""
    root = span_root(tokens, a, b)
    if root is None:
        return False
    if tokens[root].dep == "appos":
        root = tokens[root].head  # "the news group InfoAmazonia"
    prep = tokens[root].head
    if tokens[root].dep != "pobj" or tokens[prep].lower not in _PLACED_BY:
        return False

    def named(i: int) -> bool:
        return tokens[i].pos == "PROPN" and bool(set(relation_stems(tokens[i].text)) & people)

    holder = tokens[prep].head
    if named(holder):
        return True
    if tokens[holder].pos == "NOUN":  # the post: an apposition of the person, or titling them
        return (tokens[holder].dep == "appos" and named(tokens[holder].head)) or any(
            named(i) and t.head == holder and t.dep in ("appos", "compound") for i, t in enumerate(tokens))
    # The parser hangs the phrase on the verb the person is the subject of; right after the name, it places them.
    return prep > 0 and named(prep - 1) and tokens[prep - 1].head == holder and tokens[prep - 1].dep == "nsubj"


def qualifies(tokens: tuple[Token, ...], a: int, b: int, stems: frozenset[str]) -> bool:
    """Whether the span at text[a:b] is a modifier of a noun among `stems` ("a *biennial* forum" for the forum):
    what it says of the noun's event holds whatever verb the quote gives it ("hosts" for "held")."""
    root = span_root(tokens, a, b)
    return root is not None and tokens[root].dep == "amod" and bool(
        set(relation_stems(tokens[tokens[root].head].text)) & stems)
