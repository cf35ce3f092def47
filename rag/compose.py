"""Answer composition: the short answer first, a model's phrasing only when it keeps it and is verified.

A typed answer reads "Kazakhstan and Kyrgyzstan [1]." A statement answer is one sentence of at most
DEFAULT_MAX_STATEMENT_WORDS words: the model's, when it verifies and does not copy the evidence at
length, else the clause of the best evidence sentence that carries the asked relation, in quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.parts import unanswered
from rag.text import content_terms, part_terms, word_stems

# An answer sentence longer than this is a passage, not an answer (the bound for statements).
DEFAULT_MAX_STATEMENT_WORDS = 30
# A draft that repeats this many consecutive words of its quotes is copying them, not answering.
DEFAULT_MAX_COPIED_WORDS = 12
# Clause boundaries inside a sentence, where a shortened quote may start or end.
_CLAUSE = re.compile(r"(?<=[,;:—–])\s+|\s+(?=[—–]\s)|\s+-\s+")
# Where an adjunct begins inside a clause: a subordinating word or a preposition of purpose, manner or time.
_ADJUNCT = re.compile(r"(?<=\w)\s+(?=(?:with|while|after|before|because|although|though|whereas|as part of|"
                      r"in order to|amid|despite|following)\s)")
# Sentence ends inside one evidence quote (two sentences of one quoted speech: "… interest.” “The parties
# …"), or after a number ("... in 2024. He believes ..."): a statement is one sentence, so a run of clauses does
# not cross them.
_SENTENCE_END = re.compile(r"(?<=[.!?][”\"])\s+|(?<=[a-z0-9%)][.!?])\s+(?=[“\"A-Z])")


@dataclass(frozen=True)
class ShortAnswer:
    """A span of an article that answers (part of) the question, with the citation that holds it."""

    text: str
    citation: int
    article_id: str
    start: int
    end: int
    # A statement shortened from its quote (rag/compress.py): the article offsets of the words it keeps.
    pieces: tuple[tuple[int, int], ...] = ()
    # A surname answer given its full name: the citation that names it so (start:end stay the surname's).
    named_by: int = 0


def typed_text(shorts: list[ShortAnswer], missing: list[str], differ: bool = False) -> str:
    """ "A [1] and B [2]." (one marker when they share a quote), then what the articles do not say; "Reports
    differ: A [1]; B [2]." when each is another article's report of one quantity."""
    if differ:
        return "Reports differ: " + "; ".join(f"{s.text}{_markers(s)}" for s in shorts) + "."
    if len({(s.citation, s.named_by) for s in shorts}) == 1:
        body = _join([s.text for s in shorts]) + _markers(shorts[0])
    else:
        body = _join([f"{s.text}{_markers(s)}" for s in shorts])
    text = body + "."
    for part in missing:
        text += " " + unanswered(part)
    return text


def _markers(s: ShortAnswer) -> str:
    return f" [{s.citation}]" + (f"[{s.named_by}]" if s.named_by and s.named_by != s.citation else "")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def words(text: str) -> int:
    return len(re.sub(r"\[\d{1,3}\]", " ", text).split())


def copies(text: str, quotes: list[str]) -> bool:
    """Whether the text repeats DEFAULT_MAX_COPIED_WORDS or more consecutive words of the quotes."""
    mine = word_stems(re.sub(r"\[\d{1,3}\]", " ", text))
    source = " " + " ".join(word_stems(" ".join(quotes))) + " "
    n = DEFAULT_MAX_COPIED_WORDS
    return any(f" {' '.join(mine[i:i + n])} " in source for i in range(len(mine) - n + 1))


def contains(text: str, shorts: list[ShortAnswer]) -> bool:
    """Every short answer is in the text (word for word, ignoring case and punctuation)."""
    have = " " + " ".join(word_stems(text)) + " "
    return all(f" {' '.join(word_stems(s.text))} " in have for s in shorts)


def clause(quote: str, relation: frozenset[str], focus: set[str]) -> tuple[int, int]:
    """Offsets of the run of clauses of the quote that holds most relation and focus words (the fullest
    such run, so the statement keeps its subject), within DEFAULT_MAX_STATEMENT_WORDS words."""
    ends = {m.end() for m in _SENTENCE_END.finditer(quote)}
    cuts = sorted({0, len(quote)} | ends | {m.end() for m in _CLAUSE.finditer(quote)})
    adjuncts = {m.start() for m in _ADJUNCT.finditer(quote)} if len(quote.split()) > DEFAULT_MAX_STATEMENT_WORDS \
        else set()
    # A sentence too long for a statement, with no comma to cut at, may still end before an adjunct ("... held a
    # telephone conversation on February 16 | with the main goal of ..."); a run does not start there, without
    # the subject.
    cuts = sorted(set(cuts) | adjuncts)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if quote[cuts[i]:cuts[i + 1]].strip()]
    wanted = set(relation) | focus
    first_end = min(ends, default=len(quote))
    best, best_key = (0, len(quote)), None
    for i in range(len(pieces)):
        for j in range(i, len(pieces)):
            a, b = pieces[i][0], pieces[j][1]
            n = len(quote[a:b].split())
            if n > DEFAULT_MAX_STATEMENT_WORDS or (j > i and pieces[j][0] in ends):
                break
            if j > i and len(quote[pieces[i][0]:pieces[i][1]].split()) == 1:
                continue  # a run does not open on a word cut off by its comma ("stating, “Other parties ...")
            hits = len(wanted & set(word_stems(quote[a:b])))
            # At equal hits the quote's own first sentence (the one chosen as evidence) before the one widening
            # added after it, then the fullest run.
            key = (hits, a < first_end, a not in adjuncts, n)
            if best_key is None or key > best_key:
                best, best_key = (a, b), key
    a, b = best
    text = quote[a:b]
    # The answer puts its own quotation marks around the clause: the quote's own ones at its edges go.
    a += len(text) - len(text.lstrip(" “\""))
    b -= len(text) - len(text.rstrip(" ,;:—–-”\""))
    return a, b


def sentence_for_each(parts: list[str], quotes: list[str]) -> list[int]:
    """For each part of a question ("What did X say about A", "… about B"), the number of the quote that
    shares most of the part's own words (A, which the other parts lack), then most of its words: a
    different one while others are left, ties to the better-ranked."""
    out: list[int] = []
    for words, own in part_terms(parts):
        out.append(min(range(1, len(quotes) + 1),
                       key=lambda n: (n in out, -len(own & set(content_terms(quotes[n - 1]))),
                                      -len(words & set(content_terms(quotes[n - 1]))), n)))
    return out


def statement_text(quote: str, citation: int) -> str:
    """The clause in quotation marks; its own double quotes become single ones inside them, or go when the
    clause cut one of a pair off."""
    body = quote.rstrip(".")
    if body.count("“") == body.count("”"):
        body = body.replace("“", "‘").replace("”", "’")
    else:
        body = body.replace("“", "").replace("”", "")
    return f"“{body}” [{citation}]."


def render(sentence: str, cited) -> str:
    """A verified sentence with its citation markers before its final stop: "It rained [1][2]." """
    marks = "".join(f"[{n}]" for n in cited)
    m = re.match(r"^(.*?)([.!?…]*)$", sentence.strip(), re.S)
    body, end = m.group(1).rstrip(), m.group(2) or "."
    return f"{body} {marks}{end}"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
