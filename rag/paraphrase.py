"""Whether a quote words the asked relation another way: "purchased" for "acquired", "a telephone
conversation" for "spoke by phone", "winners" for "won".

A quote without the question's relation words may still state the relation in other words, or it may
only stand near what the question names: "a case study on the 2017 French presidential election ...
PLoS ONE" names no winner, "The 2018 Winter Olympics are being held in PyeongChang" says nothing of
medals. A short answer from such a quote is kept only when a word close to it carries the relation:
a derived form of the relation word (director / direct, acquisition / acquire, winner / win), or a word
the embedding model places close to it. Words the question itself says do not count: they are what
the answer stands near, not what it is said to do.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache

import numpy as np

from rag.embeddings import normalise
from rag.phrasal import written
from rag.text import content_terms, fragment_at, relation_stems

# Cosine of single-word embeddings (all-MiniLM-L6-v2) above which a quote word words the relation:
# "purchased"/"acquire" 0.58, "telephone"/"phone" 0.81, "winners"/"win" 0.70 pass; "held"/"win" 0.41,
# "arrive"/"release" 0.44, "election"/"win" 0.49 do not. On the eval's calibration half every value
# from 0.45 to 0.65 was worth the same (measured when this check was added); 0.55 is the middle.
DEFAULT_RELATION_SIMILARITY = 0.55
# Words this far from the answer span (either side, within its sentence) may carry the relation:
# about one clause of news prose, as for the relation's own words (rag/verify.py).
DEFAULT_PARAPHRASE_WINDOW = 12
# Shortest shared beginning of two stems that makes them one word family ("acqui-", "direct-").
DEFAULT_FAMILY_PREFIX = 5
# A title is this many words at most ("Chief Executive Officer"), looked for within this many characters.
DEFAULT_TITLE_WORDS = 3
DEFAULT_TITLE_CHARS = 60
# Word vectors kept: a story's vocabulary recurs from question to question.
DEFAULT_WORD_CACHE = 8192
_AGENT_SUFFIXES = ("ers", "er", "ors", "or")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]"
# English verbs of communication (and the nouns of those who speak), which news prose uses for one
# another and whose single-word vectors sit far apart ("speak"/"said" 0.38).
_COMMUNICATION = """say said speak spoke spoken tell told state talk announce declare comment remark mention add note claim
report respond reply stress explain warn insist argue confirm quote spokesman spokeswoman spokesperson spokespeople"""

# English verbs of leading and the titles of those who lead, which news prose gives for one another ("Chief
# Executive Satya Nadella" says who heads Microsoft) and whose single-word vectors sit far apart ("head"/"chief"
# 0.45, "lead"/"executive" 0.38).
_LEADING_VERBS = "head heads headed lead leads led run runs ran chair chairs chaired helm helms helmed"
# Not "president", "executive" or "director": a company has several ("Microsoft President Brad Smith", "a
# director of communications"), and none of them need be the one who heads it.
_LEADING_TITLES = "head leader chief ceo chairman chairwoman chairperson boss"

# Embeds words (rows of unit vectors), the embedder's own method.
EmbedWords = Callable[[list[str]], np.ndarray]


@cache
def communication() -> frozenset[str]:
    return frozenset(relation_stems(_COMMUNICATION))


@cache
def leading() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the verbs of leading, and of the titles of those who lead."""
    return frozenset(relation_stems(_LEADING_VERBS)), frozenset(relation_stems(_LEADING_TITLES))


def same_family(stem: str, other: str) -> bool:
    """Derived forms of one word: a long shared beginning, or an agent noun ("winner" of "win")."""
    if stem == other:
        return True
    if len(stem) >= DEFAULT_FAMILY_PREFIX and len(other) >= DEFAULT_FAMILY_PREFIX:
        shared = next((i for i, (x, y) in enumerate(zip(stem, other)) if x != y), min(len(stem), len(other)))
        if shared >= DEFAULT_FAMILY_PREFIX:
            return True
    for suffix in _AGENT_SUFFIXES:
        if other.endswith(suffix) and len(other) > len(suffix) + 2:
            base = other[: -len(suffix)]
            if base == stem or (len(base) > 3 and base[-1] == base[-2] and base[:-1] == stem):
                return True
    return False


# Prefixes that make a word say its contrary ("unencrypted", "nonbinding"): the word and its base sit near in an
# embedding, yet one denies what the other says. The base must be this long ("under" is no "un-der").
_NEGATING_PREFIXES = ("un", "non")
DEFAULT_NEGATED_BASE = 4


def contrary(stem: str, other: str) -> bool:
    """Whether one stem is the other negated by a prefix ("unencrypt" and "encrypt")."""
    for x, y in ((stem, other), (other, stem)):
        for prefix in _NEGATING_PREFIXES:
            base = x[len(prefix):].lstrip("-")
            if x.startswith(prefix) and len(base) >= DEFAULT_NEGATED_BASE and same_family(base, y):
                return True
    return False


class RelationWords:
    """Finds a word near a span that says the asked relation in other words."""

    def __init__(self, embed: EmbedWords | None, threshold: float = DEFAULT_RELATION_SIMILARITY) -> None:
        # None: only derived forms count (no model at hand, e.g. in unit tests of the reader).
        self.embed = embed
        self.threshold = threshold
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def expressed(self, quote: str, a: int, b: int, relation_words: tuple[str, ...], said: frozenset[str]) -> bool:
        """Whether a word within reach of quote[a:b], not of the span and not one the question says
        (`said`, stems), words one of `relation_words` (the question's lemmas)."""
        return bool(self.expressing(quote, a, b, relation_words, said))

    def expressing(self, quote: str, a: int, b: int, relation_words: tuple[str, ...],
                   said: frozenset[str]) -> list[str]:
        """The words (lower-cased, as written) near quote[a:b] that word the relation otherwise: where the
        answer's distance to the relation is measured, and whose verb's slot it must fill."""
        x, y = fragment_at(quote, a)
        window = " ".join(quote[x:a].split()[-DEFAULT_PARAPHRASE_WINDOW:] + quote[b:y].split()[:DEFAULT_PARAPHRASE_WINDOW])
        return self._wording(_near_words(quote, a, b), relation_words, said, _title_words(quote, a, b)) + \
            _phrasal(window, relation_words)

    def words(self, word: str, relation_words: tuple[str, ...]) -> bool:
        """Whether the word is a form of one of `relation_words` or words it otherwise."""
        return bool(self._wording([word.strip(_EDGE_PUNCTUATION).lower()], relation_words, frozenset()))

    def anywhere(self, quote: str, relation_words: tuple[str, ...], said: frozenset[str]) -> list[str]:
        """The words of the whole quote that word the relation: its own (derived forms too) or otherwise."""
        written = [(i, w.strip(_EDGE_PUNCTUATION)) for i, w in enumerate(quote.split()) if content_terms(w)]
        asked = {s for w in relation_words for s in relation_stems(w)}
        own = [w.lower() for _, w in written if any(same_family(s, stem) for stem in relation_stems(w) for s in asked)]
        # A name is no other word for a relation, however near its vector sits ("Djokovic" to "tennis").
        common = [w.lower() for i, w in written if w and not (i and w[:1].isupper())]
        return own or self._wording(list(dict.fromkeys(common)), relation_words, said - asked) or \
            _phrasal(quote, relation_words)

    def _wording(self, words: list[str], relation_words: tuple[str, ...], said: frozenset[str],
                 titled: list[str] = ()) -> list[str]:
        stems = {w: set(relation_stems(w)) for w in words}
        near = [w for w in stems if stems[w] and not stems[w] & said]
        if not near or not relation_words:
            return []
        asked = {s for w in relation_words for s in relation_stems(w)}
        found = [w for w in near if any(same_family(s, stem) for stem in stems[w] for s in asked)]
        if asked & communication():
            found += [w for w in near if stems[w] & communication()]
        verbs, titles = leading()
        if asked & verbs:
            # Only the answer's own title: in "met with Lukashenko and the head of the KGB" he is not the head.
            found += [w for w in near if w in titled and stems[w] & titles]
        if self.embed is not None:
            vectors = self._vectors(list(dict.fromkeys([*relation_words, *near])))
            found += [w for w in near if any(float(np.dot(vectors[r], vectors[w])) >= self.threshold
                                             and not any(contrary(s, x) for s in stems[w] for x in relation_stems(r))
                                             for r in relation_words)]
        return list(dict.fromkeys(found))

    def _vectors(self, words: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {w: self._cache[w] for w in words if w in self._cache}
        missing = [w for w in words if w not in found]
        if missing:
            rows = normalise(self.embed(missing))
            found.update(zip(missing, rows))
            with self._lock:
                self._cache.update(zip(missing, rows))
                while len(self._cache) > DEFAULT_WORD_CACHE:
                    self._cache.popitem(last=False)
        return found


def _phrasal(text: str, relation_words: tuple[str, ...]) -> list[str]:
    """The verbs of phrasal verbs in the text that gloss the relation ("took" of "took place" for "held")."""
    asked = {s for w in relation_words for s in relation_stems(w)}
    return [verb for verb, gloss in written(text)
            if any(same_family(s, g) for word in gloss for g in relation_stems(word) for s in asked)]


def _title_words(quote: str, a: int, b: int) -> list[str]:
    """The words (lower-cased) of a title right before quote[a:b] ("Chief Executive Satya Nadella") or set off
    by a comma right after it ("Maria Lopez, chief of ...")."""
    before = re.split(r"[,;:()\[\]—–]", quote[max(0, a - DEFAULT_TITLE_CHARS):a])[-1]
    words = before.split()[-DEFAULT_TITLE_WORDS:]
    # Up to a word of no content: "the head of the KGB, Ivan Tertel" gives the title to Tertel, not to the KGB.
    cut = max((i for i, w in enumerate(words) if not content_terms(w)), default=-1)
    words = words[cut + 1:]
    after = re.match(r"\s*,\s*((?:[\w’'-]+\s+){0,%d}[\w’'-]+)" % (DEFAULT_TITLE_WORDS - 1), quote[b:])
    rest = after.group(1).split() if after else []
    words += rest[:next((i for i, w in enumerate(rest) if not content_terms(w)), len(rest))]
    return [w.strip(_EDGE_PUNCTUATION).lower() for w in words]


def _near_words(quote: str, a: int, b: int) -> list[str]:
    """Content words (lower-cased, as written) within the window either side of quote[a:b], in its sentence."""
    x, y = fragment_at(quote, a)
    before = [w for w in quote[x:a].split() if content_terms(w)][-DEFAULT_PARAPHRASE_WINDOW:]
    after = [w for w in quote[b:y].split() if content_terms(w)][:DEFAULT_PARAPHRASE_WINDOW]
    bare = (w.strip(_EDGE_PUNCTUATION).lower() for w in before + after)
    return list(dict.fromkeys(w for w in bare if w))
