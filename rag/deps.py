"""Who does what in a sentence's dependency parse: a verb's doers (its subject, or a passive's "by" phrase, found
up through the clauses that share a subject) and what it is done to, the head of a span, and each token's
children. The shared ground of the slot, naming, argument and claim checks (rag/roles.py, rag/naming.py ...)."""

from __future__ import annotations

from rag.nlp import Token
from rag.text import relation_stems

# A verb's subject is looked for this many clauses up ("X beat Y *to win*", "X, who *went on to win*").
DEFAULT_CLAUSE_CLIMB = 3
# Clauses that take their subject from the clause they hang on.
_SHARED_SUBJECT = {"xcomp", "advcl", "conj", "ccomp", "pcomp"}
# Relative pronouns: the subject "who" of "Halep, who won ..." stands for the noun the clause hangs on.
RELATIVE = {"who", "which", "that", "whom"}


def children(tokens: tuple[Token, ...]) -> dict[int, list[int]]:
    """Each token's dependents, by index."""
    kids: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        if t.head != i:
            kids.setdefault(t.head, []).append(i)
    return kids


def stem(t: Token) -> str | None:
    """The relation stem of a token's lemma (or its text, where the lemma has none)."""
    stems = relation_stems(t.lemma) or relation_stems(t.text)
    return stems[0] if stems else None


def _passive(tokens, kids, v: int) -> bool:
    # A participle with a "by" phrase is passive without an auxiliary: "reports *cited by* MySA".
    return any(tokens[c].dep in ("auxpass", "nsubjpass", "agent") for c in kids.get(v, []))


def agents(tokens: tuple[Token, ...], kids: dict[int, list[int]], v: int, depth: int = 0) -> list[int]:
    """Heads of who or what does the verb at v: its active subject, or the "by" phrase of a passive."""
    own = kids.get(v, [])
    if _passive(tokens, kids, v):
        return [g for c in own if tokens[c].dep == "agent" for g in kids.get(c, []) if tokens[g].dep == "pobj"]
    found = [c for c in own if tokens[c].dep in ("nsubj", "csubj")]
    t = tokens[v]
    if found and t.dep == "relcl" and tokens[found[0]].lower in RELATIVE:
        return [t.head]  # "Halep, who won ...": the relative pronoun stands for the noun
    if found or depth >= DEFAULT_CLAUSE_CLIMB or t.head == v:
        return found
    if t.dep in _SHARED_SUBJECT:
        return agents(tokens, kids, t.head, depth + 1)
    if t.dep in ("relcl", "acl"):
        # "the first man to win": the noun; and "Murray became the first man to win": who that man is.
        return _modified(tokens, kids, t.head)
    return found


def _modified(tokens: tuple[Token, ...], kids: dict[int, list[int]], n: int) -> list[int]:
    """The noun at n that a clause modifies, with whom a copula says it is ("Murray became *the first man* ...")."""
    subjects = [c for c in kids.get(tokens[n].head, []) if tokens[c].dep == "nsubj"] if tokens[n].dep == "attr" else []
    return [n] + subjects


def patients(tokens: tuple[Token, ...], kids: dict[int, list[int]], v: int, depth: int = 0) -> list[int]:
    """Heads of what the verb at v is done to: its object, or the subject of a passive."""
    own = kids.get(v, [])
    found = [c for c in own if tokens[c].dep in ("dobj", "nsubjpass", "dative", "attr")]
    t = tokens[v]
    if not found and t.dep == "acl" and t.head != v and any(tokens[c].dep == "agent" for c in own):
        # "the game *released by* Nintendo": the game is what is released; and "X is a model released by Y": X.
        return _modified(tokens, kids, t.head)
    if not found and t.dep == "conj" and depth < DEFAULT_CLAUSE_CLIMB and t.head != v:
        return patients(tokens, kids, t.head, depth + 1)  # "X was announced in 2008 and released in 2012"
    return found


def span_root(tokens: tuple[Token, ...], a: int, b: int) -> int | None:
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    heads = [i for i in inside if tokens[i].head not in inside or tokens[i].head == i]
    return heads[0] if heads else None


def elided(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Whether an ellipsis (words left out) stands between tokens i and j."""
    return any(t.text in ("...", "…") for t in tokens[i + 1 : j])
