"""A short answer candidate, and how candidates are ranked against each other: agreement across articles,
and a surname standing for the full name found beside it or elsewhere in the best sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rag.evidence import Evidence
from rag.nlp import Parse
from rag.spans import sharpens
from rag.text import cached_sentence_spans, content_stems, word_stems

# Ranking: each other article that names the same span adds this much.
DEFAULT_AGREEMENT_WEIGHT = 0.05
# A name's last word this long, one letter off another's, is the same name misspelt ("Kurze", "Kurzel"); shorter
# words one letter apart are as often other names ("Walz" and "Waltz" are two people).
DEFAULT_SPELLING_MIN_LETTERS = 5


@dataclass(frozen=True)
class FullName:
    """The full name a surname answer stands for ("Mayfield wins ..." after "Baker Mayfield takes ..."), in the
    sentence that gives it; that sentence is cited beside the one that says what the surname did."""

    text: str
    evidence: Evidence
    start: int  # offsets in the article
    end: int


@dataclass(frozen=True)
class Candidate:
    """One short answer: an entity span of the asked type, in an evidence sentence."""

    text: str
    label: str
    part: int
    evidence: Evidence
    start: int  # offsets in the article
    end: int
    score: float
    distance: int | None  # words to the nearest relation word (None: the question names no relation)
    previous: str = ""  # the sentence before, which an anaphoric sentence ("This meeting ...") continues
    full: FullName | None = None  # what a surname answer stands for, found in another sentence


# A range of dates: "from" or "between" before its first end, a word of range between its ends.
_RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.I)
_RANGE_BETWEEN = re.compile(r"^\s*(?:through|thru|to|until|till|and|-|–|—)\s*$", re.I)
# Between a time and its day: an aside in brackets ("(5 p.m. UTC)"), then "on" or a comma.
_THEN_DAY = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:on|,)?\s*$")


def key(text: str) -> str:
    """Stemmed words and whole numbers, in order: "0.9 hectares" and "37 hectares" are two amounts (a number's
    digits are no word of two letters, which word_stems alone keeps: "8,668" would be "668")."""
    out = []
    for token in _KEY_TOKEN.findall(text):
        out.extend([token] if token[0].isdigit() else word_stems(token))
    return " ".join(out)


_KEY_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'’-]*")


def agree(found: list[Candidate]) -> list[Candidate]:
    """Best first; a span found in several articles gains (a surname counts for the full name)."""
    keys = [key(c.text) for c in found]
    ranked = []
    for c, k in zip(found, keys):
        articles = {o.evidence.article_id for o, ok in zip(found, keys) if ok == k or (ok and ok in k) or (k and k in ok)}
        ranked.append((c.score + DEFAULT_AGREEMENT_WEIGHT * (len(articles) - 1), c))
    ranked.sort(key=lambda sc: -sc[0])
    return [Candidate(**{**c.__dict__, "score": round(s, 4)}) for s, c in ranked]


def fuller(found: list[Candidate]) -> list[Candidate]:
    """A surname stands for the full name found beside it: "Biden" is answered as "Joe Biden"."""
    out = []
    for c in found:
        k = key(c.text)
        longer = [o for o in found if o is not c and key(o.text).endswith(" " + k) and o.label == c.label]
        out.append(max(longer, key=lambda o: o.score) if longer else c)
    return out


def sharpest(found: list[Candidate]) -> list[Candidate]:
    """A date answer that gives a year or a month alone ("2020") gives way to a full date within it that another
    candidate gives ("May 29, 2020" for "May 2020"), the best-ranked such: both passed the same checks, so they
    date the same thing, one more exactly. (A full date that ends with a year alone already stands for it in
    fuller(), as a full name does for a surname.)"""
    better = next((c for c in found[1:] if sharpens(found[0].text, c.text)), None) if found else None
    return [better] + [c for c in found if c is not better] if better is not None else found


def own_sentence_coverage(quote: str, at: int, anchors: frozenset[str]) -> float:
    """How much more of the question's words (`anchors`) the sentence holding quote[at] has than the quote as a
    whole, which may be two sentences: 0 for a quote of one sentence, negative for the sentence that has fewer."""
    if not anchors:
        return 0.0
    # A year or number the question states is a constraint: it counts as much as all its other words together
    # ("released in 2019 so far" is the sentence that says 2019, not the one that says more of the rest).
    words = len([w for w in anchors if not w.isdigit()])
    weight = {w: (max(1, words) if w.isdigit() else 1) for w in anchors}
    total = sum(weight.values())
    sentence = next((quote[a:b] for a, b in cached_sentence_spans(quote) if a <= at < b), quote)
    share = lambda text: sum(weight[w] for w in anchors & set(content_stems(text))) / total  # noqa: E731
    return share(sentence) - share(quote)


def with_day(found: list[Candidate]) -> list[Candidate]:
    """A time of day first ("10:00 a.m. PDT") takes the day the same sentence gives right after it: "10:00 a.m.
    PDT (5 p.m. UTC) on August 28" answers "when will it begin?", the hour alone does not. Both passed the same
    checks in one clause."""
    if not found or found[0].label != "TIME":
        return found
    first = found[0]
    e = first.evidence
    for c in found[1:]:
        if c.label != "DATE" or c.evidence is not e or c.start < first.end:
            continue
        if _THEN_DAY.match(e.quote[first.end - e.start : c.start - e.start]):
            text = e.quote[first.start - e.start : c.end - e.start]
            return [replace(first, text=text, label="DATE", end=c.end)] + [o for o in found[1:] if o is not c]
    return found


def with_range(found: list[Candidate]) -> list[Candidate]:
    """The best date, when it is one end of a range its sentence gives ("runs *from* August *through* October"),
    answered as the whole range: what lasts from one date to another happens in neither alone. Both ends passed
    the same checks in one clause."""
    if not found or found[0].label != "DATE":
        return found
    best = found[0]
    e = best.evidence
    for c in found[1:]:
        if c.label != "DATE" or c.evidence is not e:
            continue
        first, last = sorted((best, c), key=lambda o: o.start)
        if _RANGE_START.search(e.quote[: first.start - e.start]) and \
                _RANGE_BETWEEN.match(e.quote[first.end - e.start : last.start - e.start]):
            text = e.quote[first.start - e.start : last.end - e.start]
            return [replace(best, text=text, start=first.start, end=last.end)] + [o for o in found[1:] if o is not c]
    return found


def full_name(c: Candidate, names: list[FullName], person: bool) -> FullName | None:
    """The one full name among `names` (people named in the best sentences, the candidate's own article first)
    that ends with a one-word answer that is a person (`person`: the question asks for one, whatever label the
    recogniser gave the word): "Mayfield" is "Baker Mayfield". None when the answer is longer, when no name
    ends with it, or when two people share it ("Serena Williams", "Venus Williams")."""
    if not (person or c.label == "PERSON") or len(c.text.split()) != 1:
        return None
    ending = [n for n in names if len(n.text.split()) > 1 and n.text.split()[-1] == c.text]
    for scope in ([n for n in ending if n.evidence.article_id == c.evidence.article_id], ending):
        found = {key(n.text) for n in scope}
        if len(found) == 1:
            return scope[0]
        if found:
            return None
    return None


def spelled(found: list[Candidate], texts: Iterable[tuple[str, str]]) -> list[Candidate]:
    """A name one article misspells stands for the spelling more of the articles give: "Justin Kurze" in one
    snippet, "Justin Kurzel" in two others. `texts` are (article id, text) of what was retrieved; a spelling
    is counted by the articles that write it as whole words. The candidate of the better spelling takes the
    misspelt one's place, so its own sentence is cited."""
    texts = list(texts)
    count: dict[str, int] = {}

    def articles(name: str) -> int:
        if name not in count:
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            count[name] = len({aid for aid, text in texts if pattern.search(text)})
        return count[name]

    out = []
    for c in found:
        rivals = [o for o in found if o.label == c.label and misspelt(c.text, o.text)]
        better = [o for o in rivals if articles(o.text) > articles(c.text)]
        out.append(max(better, key=lambda o: (articles(o.text), o.score)) if better else c)
    return out


def misspelt(a: str, b: str) -> bool:
    """The same words but the last, one letter added, dropped or changed in a word of DEFAULT_SPELLING_MIN_LETTERS."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[:-1] != wb[:-1] or wa[-1] == wb[-1]:
        return False
    x, y = sorted((wa[-1], wb[-1]), key=len)
    if len(x) < DEFAULT_SPELLING_MIN_LETTERS or len(y) - len(x) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) == 1
    return any(y[:i] + y[i + 1 :] == x for i in range(len(y)))


def not_people(found: list[Candidate], people: list[str], rejected: list[str]) -> list[Candidate]:
    """A one-word name that the recogniser takes for a person, or for a person's surname, elsewhere in the
    retrieved passages (`people`: "Lavrov", "Sergei Lavrov") is that person, whatever label it gave it beside the
    asked relation: no answer to "Which network ...?"."""
    surnames = {name.split()[-1] for name in people if name.split()}
    kept = []
    for c in found:
        if len(c.text.split()) == 1 and c.text in surnames:
            rejected.append(f"'{c.text}' is a person the retrieved passages name, not an organisation")
        else:
            kept.append(c)
    return kept


def coordinated(best: Candidate, found: list[Candidate], parse: Parse, any_label: bool = False) -> list[Candidate]:
    """The best answer with the names its own quote coordinates with it, in the quote's order ("Foreign Minister
    A and Adviser B chaired the session"): each passed the same checks there, and naming one alone would say
    less than the quote does. The best alone when nothing is joined to it. `any_label`: names the quote calls
    the asked noun (kind "named"), which the recogniser labels at random ("the iPhone XS" ORG, "XS Max" PERSON)."""
    quote, start = best.evidence.quote, best.evidence.start
    tokens = parse(quote)

    def head(c: Candidate) -> int | None:
        a, b = c.start - start, c.end - start
        inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
        return next((i for i in inside if not a <= tokens[tokens[i].head].start < b), None)

    def first(i: int) -> int:
        while tokens[i].dep == "conj" and tokens[i].head != i:
            i = tokens[i].head
        return i

    def together(x: int, y: int) -> bool:
        # "A and B chaired": conjuncts, or (as the small parser often has it) two subjects of one verb with
        # the "and" between them.
        if first(x) == first(y):
            return True
        lo, hi = sorted((x, y))
        return tokens[x].head == tokens[y].head and tokens[x].dep == tokens[y].dep and \
            any(tokens[i].dep == "cc" for i in range(lo + 1, hi))

    b = head(best)
    if b is None:
        return [best]
    joined = [c for c in found if c is not best and (any_label or c.label == best.label) and c.evidence == best.evidence
              and (h := head(c)) is not None and h != b and together(h, b)]
    return sorted([best, *joined], key=lambda c: c.start)
