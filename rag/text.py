"""Shared text analysis: content terms (stemmed, stop words removed) and sentence spans."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

_WORD = re.compile(r"(?u)\b\w\w+\b")
# Marks that end a clause inside a sentence: commas (not a thousands separator, "40,000"), semicolons,
# colons, brackets and dashes.
CLAUSE_PUNCTUATION = r"(?<!\d),|,(?!\d)|[;:()\[\]—–]|\s-\s"
# A bracketed aside says something of the word before it ("Tadej Pogačar (UAE Team Emirates) took ..."): it
# neither ends that word's clause nor parts it from its verb.
BRACKETED_ASIDE = re.compile(r"\([^()]{0,80}\)")
_LIST_MARKER = re.compile(r"^\W*(\d{1,3}|[ivx]{1,4}|[a-z])?[.)]?\W*$", re.I)


def _nltk_dir() -> Path:
    import llama_index.core

    return Path(llama_index.core.__file__).parent / "_static" / "nltk_cache"


@cache
def stopwords() -> frozenset[str]:
    """NLTK's English list (the copy llama-index-core ships); it also drops 'did', 'where', 'how'."""
    path = _nltk_dir() / "corpora" / "stopwords" / "english"
    return frozenset(w.strip() for w in path.read_text().splitlines() if w.strip())


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words of two or more characters, without stop words, in order."""
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stopwords()]
    return _stemmer().stemWords(words)


def word_stems(text: str) -> list[str]:
    """Every word of two or more characters, lower-cased and stemmed, stop words kept, in order."""
    return _stemmer().stemWords(_WORD.findall(text.lower().replace("’", "'")))


# English irregular verbs (base past participle...): "met" and "meet" name the same relation.
_IRREGULAR = """arise arose arisen|be was were been|bear bore borne born|beat beaten|become became|begin began begun
|bend bent|bet|bid|bind bound|bite bit bitten|bleed bled|blow blew blown|break broke broken|bring brought|build built
|burn burnt|buy bought|catch caught|choose chose chosen|come came|cost|cut|deal dealt|dig dug|do did done|draw drew
drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found
|flee fled|fly flew flown|forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen
|get got gotten|give gave given|go went gone|grow grew grown|hang hung|have had has|hear heard|hide hid hidden|hit
|hold held|hurt|keep kept|know knew known|lay laid|lead led|leave left|lend lent|let|lie lay lain|lose lost|make
made|mean meant|meet met|pay paid|put|quit|read|ride rode ridden|ring rang rung|rise rose risen|run ran|say said
|see saw seen|seek sought|sell sold|send sent|set|shake shook shaken|shoot shot|show showed shown|shut|sing sang sung
|sink sank sunk|sit sat|sleep slept|speak spoke spoken|spend spent|split|spread|stand stood|steal stole stolen|stick
stuck|strike struck|swear swore sworn|sweep swept|swim swam swum|take took taken|teach taught|tear tore torn|tell
told|think thought|throw threw thrown|understand understood|undertake undertook undertaken|wake woke woken|wear wore
worn|win won|withdraw withdrew withdrawn|write wrote written|overtake overtook overtaken|oversee oversaw overseen
|uphold upheld|withhold withheld|foresee foresaw foreseen|mislead misled|outrun outran|overcome overcame"""
_BASE = {form: line.split()[0] for line in _IRREGULAR.replace("\n", " ").split("|") for form in line.split()}


def relation_stems(text: str) -> list[str]:
    """Word stems with irregular verb forms taken back to their base ("met" -> "meet", "won" -> "win")."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return _stemmer().stemWords([_BASE.get(w, w) for w in words])


def content_stems(text: str) -> set[str]:
    """Stems of the text's non-stop words, in relation_stems' spelling."""
    return set(relation_stems(" ".join(w for w in text.split() if content_terms(w))))


_AGENT_SUFFIXES = ("er", "or")


def agent_verb(noun: str) -> str | None:
    """The stem of the verb an agent noun is made from ("winner" -> "win", "director" -> "direct"), None
    for other nouns; a stem that is no verb ("officer" -> "offic") only matches no verb of a quote."""
    word = noun.lower()
    for suffix in _AGENT_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            base = base[:-1] if base[-1] == base[-2] and base[-1] not in "aeiouls" else base
            stems = relation_stems(base)
            return stems[0] if stems else None
    return None


@cache
def _punkt():
    import nltk

    if str(_nltk_dir()) not in nltk.data.path:
        nltk.data.path.append(str(_nltk_dir()))
    from nltk.tokenize import PunktTokenizer

    return PunktTokenizer("english")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; lines are split first (headlines, list items), then Punkt."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for a, b in _punkt().span_tokenize(line.group()):
            piece = line.group()[a:b]
            stripped = piece.strip()
            if not stripped or _LIST_MARKER.match(stripped):
                continue
            lead = len(piece) - len(piece.lstrip())
            spans.append((base + a + lead, base + a + lead + len(stripped)))
    return spans


# Texts whose sentence spans are kept: a request splits its few passages and quotes many times over.
DEFAULT_SPAN_CACHE = 1024


@lru_cache(maxsize=DEFAULT_SPAN_CACHE)
def cached_sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """sentence_spans, kept for texts that are split again and again (passages, evidence quotes)."""
    return tuple(sentence_spans(text))


def sentence_at(text: str, a: int) -> tuple[int, int]:
    """(start, end) of the sentence of text that holds offset a (the whole text when none does)."""
    return next(((x, y) for x, y in cached_sentence_spans(text) if x <= a < y), (0, len(text)))


# An ellipsis between words marks text left out (search-result snippets, trimmed quotes): the words on
# either side were not written together, so neither side says anything of the other.
_ELISION = re.compile(r"\s(?:\.\s?\.\s?\.|…)\s")


# A field label of a scraped page ("Release date. December 1, 2017", "Developer. Monolith Soft"): one to three
# content words, the first capitalised and the others not, before a value of at most this many words.
_LABEL = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,2}[.:]$")
DEFAULT_LABEL_VALUE_WORDS = 6


def fragment_at(text: str, a: int) -> tuple[int, int]:
    """(start, end) of the stretch of text[a]'s sentence that no ellipsis interrupts; a short value takes in
    the field label before it, which the sentence splitter cut off as a sentence of its own."""
    x, y = sentence_at(text, a)
    for m in _ELISION.finditer(text, x, y):
        if m.end() <= a:
            x = m.end()
        elif m.start() >= a:
            y = m.start()
            break
    if x and len(text[x:y].split()) <= DEFAULT_LABEL_VALUE_WORDS:
        lx, _ = sentence_at(text, x - 1)
        lx = max([lx] + [m.end() for m in _ELISION.finditer(text, lx, x)])
        label = text[lx:x].strip()
        if _LABEL.match(label) and all(content_terms(w) for w in label.rstrip(".:").split()):
            return lx, y
    return x, y


def part_terms(parts: list[str]) -> list[tuple[set[str], set[str]]]:
    """For each part of a question, its content terms and its own ones (those the other parts lack: "A" in
    "What did X say about A", "… about B")."""
    terms = [set(content_terms(part)) for part in parts]
    return [(words, words - set().union(*(t for j, t in enumerate(terms) if j != i))) for i, words in enumerate(terms)]


def balanced(text: str) -> bool:
    """Whether every bracket and quotation mark the text opens it closes."""
    return text.count("(") == text.count(")") and text.count("[") == text.count("]") and \
        text.count("“") == text.count("”") and text.count('"') % 2 == 0
