"""Whether a text names what a question names: a name's words as a phrase ("the Maxwell Award" is not named
by "Brandon Maxwell ... CFDA Awards"), names met by their adjectives ("Russia" / "Russian") and dotted
acronyms ("U.S." / "US")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rag.text import content_terms

# Shortest stem that may match a longer word by prefix ("russia" in "russian"), not "us" in "used".
DEFAULT_MIN_PREFIX = 5
# Other words a name's words may have between them and still read as the name ("Donald J. Trump").
DEFAULT_NAME_GAP = 1
# Scopes whose stemmed words are kept: a request's passages, titles and articles are a few dozen texts.
DEFAULT_SCOPE_CACHE = 256


def folded(text: str) -> str:
    """The text without its accents: a question types "Sao Paulo" or "Zurich" for the article's "São Paulo" and
    "Zürich", and names are matched as typed."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_terms(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in content_terms(folded(name).replace(".", "")) if not t.isdigit()))


@lru_cache(maxsize=DEFAULT_SCOPE_CACHE)
def scope_sequence(text: str) -> tuple[str, ...]:
    """Stemmed words of a scope in order, dotted acronyms joined ("U.S." -> "us"); every candidate sentence
    of a passage shares its passage, title and article, so each is stemmed once, not once per sentence."""
    return tuple(content_terms(folded(text).replace(".", "")))


def _scope_terms(text: str) -> frozenset[str]:
    return frozenset(scope_sequence(text))


def _same_term(h: str, t: str) -> bool:
    # Prefixes join names and their adjectives: "Russia" / "Russian", "Ukraine" / "Ukrainian".
    return h == t or (min(len(h), len(t)) >= DEFAULT_MIN_PREFIX and (h.startswith(t) or t.startswith(h)))


def mentions_as_phrase(terms: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the scope holds every word of the name, and two of them that follow each other in the name
    stand so there too (at most DEFAULT_NAME_GAP words between): "CFDA Awards winners: Brandon Maxwell"
    holds both words of "the Maxwell Award" but does not name it. One pair is enough: the recogniser
    often joins a question's neighbouring names into one ("Fogh Rasmussen NATO")."""
    at = [[i for i, w in enumerate(words) if _same_term(w, t)] for t in terms]
    if not all(at):
        return False
    return len(terms) == 1 or any(0 < j - i <= DEFAULT_NAME_GAP + 1
                                  for here, there in zip(at, at[1:]) for i in here for j in there)


def _mentions(terms: frozenset[str], have: frozenset[str]) -> bool:
    return all(any(_same_term(h, t) for h in have) for t in terms)


def unmentioned(names: list[str], texts: list[str]) -> list[str]:
    """The names no text mentions (all of a name's words in one text; "Russia" is met by "Russian")."""
    have = [_scope_terms(t) for t in texts if t]
    return [n for n in names if (terms := _scope_terms(n)) and not any(_mentions(terms, h) for h in have)]
