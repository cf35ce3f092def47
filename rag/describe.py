"""Who or what a named entity is, as a news sentence says it: "Who is Kirill Dmitriev?".

News prose describes a person or an organisation where it first names them, in one of two ways:
- an apposition after the name: "Kirill Dmitriev, head of Russia's Direct Investment Fund, ..." or
  "Dmitriev, a Harvard-educated former banker, said ...", or before it: "The president's special envoy, Steve
  Witkoff, said ...";
- a title before it: "Russian Foreign Minister Sergei Lavrov", "US Secretary of State Marco Rubio";
- or what a sentence says it is: "The Frühburgunder is a first cousin of the Spätburgunder".
The description is those words of the quote, nothing added. A question "Who is X?" is answered by them;
a sentence that only names X says nothing of who X is.
"""

from __future__ import annotations

import re

from rag.nlp import ParsedQuestion, Token, subtree

# A title or apposition longer than this is a clause of its own, not a description ("a close ally of former
# President Donald Trump and his chosen envoy for Middle East diplomacy" is 15 words).
DEFAULT_DESCRIPTION_WORDS = 20
_WH_IDENTITY = {"who", "what"}
_NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_EDGE = " ,;:—–-"
_TITLE_MARKS = {"-", ".", "'", "’", "&"}
_WORD = re.compile(r"\w+")


# Nouns of kind: "What *kind* of company is X?" asks X's identity.
_KINDS = frozenset({"kind", "type", "sort"})


def identity_name(parsed: ParsedQuestion) -> str | None:
    """The name a question asks the identity of: "Who is Kirill Dmitriev?", "What was the Harbour Trust?"
    (the wh-word, a form of "be", then one named entity and nothing more); None for other questions."""
    words = [t for t in parsed.tokens if t.pos != "PUNCT"]
    if len(words) > 4 and words[0].lower == "what" and words[1].lower in _KINDS and words[2].lower == "of":
        # "What kind of company is X?" asks what X is, as "What is X?" does: from the "be" after the kind's noun.
        be = next((i for i, t in enumerate(words) if i > 3 and t.lemma == "be"), None)
        words = [words[0]] + words[be:] if be is not None else []
    if len(words) < 3 or words[0].lower not in _WH_IDENTITY or words[1].lemma != "be":
        return None
    rest = parsed.text[words[2].start :].rstrip(" ?").strip()
    for a, b, label in parsed.entities:
        name = parsed.text[a:b].rstrip(" ?")
        if label in _NAME_LABELS and rest in (name, f"the {name}", f"The {name}"):
            return name
    # A name the recogniser missed ("What is Downdetector?"): capitalised words alone, after "is" where nothing
    # else is capitalised.
    name = rest[4:] if rest.startswith(("the ", "The ")) else rest
    words = name.split()
    if words and len(words) <= DEFAULT_NAME_WORDS and all(w[:1].isupper() and _WORD.fullmatch(w) for w in words):
        return name
    return None


# Verbs that give a thing its name: "the ransomware, dubbed Filecoder", "a group called Harbour Watch".
NAMING_VERBS = frozenset({"dub", "call", "name", "nickname", "title", "brand", "christen"})
# A name missed by the recogniser is read from this many capitalised words at most ("Harbour Ferry Trust").
DEFAULT_NAME_WORDS = 4


def description(tokens: tuple[Token, ...], quote: str, name: str) -> tuple[int, int, str] | None:
    """(start, end, how) of what the quote says the named one is: an apposition after the name ("appositive"),
    a title before it ("title"), the noun phrase a verb of naming gives it ("naming phrase") or what it is
    said to be ("predicate"); None when it says none of them. The name is matched by its last word, so
    "Dmitriev" after "Kirill Dmitriev" is the same one."""
    last = name.split()[-1].lower()
    for i, t in enumerate(tokens):
        if t.lower != last:
            continue
        for j, other in enumerate(tokens):
            if other.dep == "appos" and other.head == i and j > i:
                found = _phrase(tokens, quote, sorted(subtree(tokens, j)))
                if found is not None:
                    return (*found, "appositive")
        listed = any(o.head == i and o.dep in ("conj", "cc") for o in tokens)
        if t.dep == "appos" and t.head < i and not listed:
            # (Not of a list: "two veteran diplomats—Sergei Lavrov and Yuri Ushakov" describes them both.)
            # The description first, the name set off after it: "The president's envoy, Steve Witkoff, said".
            found = _phrase(tokens, quote, sorted(subtree(tokens, t.head) - subtree(tokens, i)
                                                  - {k for k in range(t.head + 1, len(tokens)) if k > i}))
            if found is not None:
                return (*found, "appositive")
        found = _title(tokens, quote, i, name)
        if found is not None:
            return (*found, "title")
        verb = tokens[t.head]
        if t.dep in ("oprd", "dobj", "attr") and verb.dep == "acl" and verb.lemma.lower() in NAMING_VERBS:
            # "a remote access trojan for Android called Monokle": the noun phrase the name is given to (where
            # the parser hangs the naming verb on a preposition's object, the noun that preposition follows).
            noun = verb.head
            while tokens[noun].dep == "pobj" and tokens[tokens[noun].head].dep == "prep" and \
                    tokens[tokens[noun].head].head != tokens[noun].head:
                noun = tokens[tokens[noun].head].head
            found = _phrase(tokens, quote, sorted(subtree(tokens, noun) - subtree(tokens, t.head)))
            if found is not None:
                return (*found, "naming phrase")
        if t.dep == "nsubj" and tokens[t.head].lemma == "be":
            # "The Frühburgunder is a first cousin of the Spätburgunder": what the name is said to be.
            attr = next((j for j, o in enumerate(tokens) if o.head == t.head and o.dep == "attr" and j > i), None)
            found = None if attr is None else _phrase(tokens, quote, sorted(subtree(tokens, attr)))
            if found is not None:
                return (*found, "predicate")
    return None


def _title(tokens: tuple[Token, ...], quote: str, at: int, name: str) -> tuple[int, int] | None:
    """The words before the name that modify it and are not the name: "US Secretary of State" of "US
    Secretary of State Marco Rubio"."""
    first = at
    while first > 0 and tokens[first - 1].lower in {w.lower() for w in name.split()} and \
            tokens[first - 1].head in (at, first):
        first -= 1
    before = [j for j in range(first) if _heads_into(tokens, j, first, at)]
    if not before or before[-1] != first - 1:
        return None
    span = list(range(min(before), first))
    # "... in Redmond, Washington, Chief Executive Satya Nadella said": the parser may hang an earlier phrase on
    # the name too; a title does not run back past a comma.
    commas = [j for j in span if tokens[j].text == ","]
    span = [j for j in span if not commas or j > commas[-1]]
    if not span:
        return None
    if any(tokens[j].dep == "poss" and tokens[j].head == at for j in span) and len(span) < 3:
        return None  # "Russia's Lavrov": an owner, not a title
    # A title is a noun phrase: no clause, date or mark between its words ("Update July 3rd, 8:05AM ET: Added").
    if any(tokens[j].pos in ("VERB", "AUX", "NUM", "PRON") or
           (tokens[j].pos == "PUNCT" and tokens[j].text not in _TITLE_MARKS) for j in span):
        return None
    words = [tokens[j] for j in span if tokens[j].pos not in ("DET", "PUNCT")]
    # One capitalised word before a name is as often a place or another name ("Ukraine Keith Kellogg", as
    # the parser joins "... Envoy for Russia and Ukraine Keith Kellogg") as a title; a common noun is a title.
    if not words or (len(words) == 1 and words[0].pos != "NOUN"):
        return None
    return _phrase(tokens, quote, span)


def _heads_into(tokens: tuple[Token, ...], j: int, first: int, at: int) -> bool:
    """tokens[j] hangs, through tokens before the name, on the name."""
    k, seen = j, set()
    while k not in seen and k < first:
        seen.add(k)
        k = tokens[k].head
    return first <= k <= at


def _phrase(tokens: tuple[Token, ...], quote: str, span: list[int]) -> tuple[int, int] | None:
    """The quote's characters of the (contiguous) tokens, without edge punctuation; None when too long."""
    if not span or span != list(range(span[0], span[-1] + 1)):
        return None
    a = tokens[span[0]].start
    b = tokens[span[-1]].start + len(tokens[span[-1]].text)
    while a < b and quote[a] in _EDGE:
        a += 1
    while b > a and quote[b - 1] in _EDGE:
        b -= 1
    words = _WORD.findall(quote[a:b])
    if not words or len(words) > DEFAULT_DESCRIPTION_WORDS:
        return None
    return a, b


# "What is the new ransomware called?", "What was the ferry app named?": the name a thing is given.
# A phrase after the verb says where or by whom ("known as in Burgundy", "called by researchers"): a constraint
# on the quote, not part of the thing named.
_NAMING_QUESTION = re.compile(r"^\s*what\s+(?:else\s+)?(?:is|was|are|were)\s+(.+?)\s+(?:also\s+|otherwise\s+)?"
                              r"(?:called|named|dubbed|nicknamed|known\s+as)"
                              r"(?:\s+(?:in|by|among|on|at|within)\s+[^?]+)?\s*\??\s*$", re.I)
# The name given after a naming participle: "the ransomware, dubbed Android/Filecoder.C, ...", "a forum called
# “XDA Developers”"; a quoted name whole, else words up to a comma, semicolon or full stop that ends a word.
_GIVEN = (r"(?:,\s*)?(?:also\s+|otherwise\s+)?(?:dubbed|called|named|nicknamed|known\s+as)\s+"
          r"(“[^”]{1,60}”|\"[^\"]{1,60}\"|[^\s,;“\"]+(?:\s+[^\s,;“\"]+){0,4}?)"
          r"(?=[,;]|\.(?:\s|$)|\s+(?:in|on|by|for|has|have|had|is|was|and|which|that)\b)")


# The same asked by the noun "name": "What name have researchers given the new app?", "What name was given to the
# app?", "What name was the app given?", "What is the name of the new app?". A subject with a clause of its own
# ("the name of the firm that bought X") names no one thing whose head noun a quote would name.
_NAME_QUESTIONS = (
    re.compile(r"^\s*what\s+name\s+(?:has|have|had|did|do|does)\s+(?:[\w’'-]+\s+){1,4}?give[ns]?\s+(?:to\s+)?(.+?)"
               r"\s*\??\s*$", re.I),
    re.compile(r"^\s*what\s+name\s+(?:is|was|are|were|has\s+been|have\s+been)\s+given\s+to\s+(.+?)\s*\??\s*$", re.I),
    re.compile(r"^\s*what\s+name\s+(?:is|was|are|were)\s+(.+?)\s+given\s*\??\s*$", re.I),
    re.compile(r"^\s*what\s+(?:is|was)\s+the\s+name\s+of\s+(.+?)\s*\??\s*$", re.I),
    re.compile(r"^\s*what\s+(?:is|was|are|were)\s+(?:another|an\s+other|the\s+other)\s+names?\s+(?:for|of)\s+(.+?)"
               r"\s*\??\s*$", re.I),
)
# A name given the other way round: "the Spätburgunder, otherwise known as Pinot Noir" names Pinot Noir's other
# name before it, when the question asks it of a name ("What is another name for Pinot Noir?").
_GIVEN_BEFORE = r"(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}),?\s+(?:also|otherwise)\s+known\s+as\s+(?:the\s+)?{}\b"
_CLAUSE = re.compile(r"\b(?:that|which|who|whom|whose|where|when)\b", re.I)


def naming_subject(question: str) -> str | None:
    """The phrase a "What is X called?" question asks the name of; None for other questions."""
    m = _NAMING_QUESTION.match(question)
    if m:
        return m.group(1)
    m = next((m for r in _NAME_QUESTIONS if (m := r.match(question))), None)
    return m.group(1) if m and not _CLAUSE.search(m.group(1)) else None


def given_name(quote: str, subject: str) -> tuple[int, int] | None:
    """Offsets of the name the quote gives the subject's head noun right after it ("ransomware, dubbed X"), quote
    marks left out; None when it gives none."""
    m = re.search(rf"\b{re.escape(subject.split()[-1])}\w*\s*{_GIVEN}", quote, re.I)
    name = re.sub(r"^the\s+", "", subject, flags=re.I)
    if m is None and name[:1].isupper():
        m = re.search(_GIVEN_BEFORE.format(re.escape(name)), quote)
    if m is None:
        # "the new “FaceTime Attention Correction” feature": a name in quote marks before the noun it names.
        m = re.search(rf"(“[^”]{{1,60}}”|\"[^\"]{{1,60}}\")\s+{re.escape(subject.split()[-1])}\b", quote, re.I)
    if m is None:
        return None
    a, b = m.span(1)
    return (a + 1, b - 1) if quote[a] in "“\"" else (a, b)
