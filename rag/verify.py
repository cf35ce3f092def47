"""Check an answer against the quotes it cites: every name, number and date must be in them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.text import (BRACKETED_ASIDE, CLAUSE_PUNCTUATION, balanced, content_terms, fragment_at, relation_stems,
                      sentence_at, sentence_spans, stopwords)

_CITATION = re.compile(r"\[(\d{1,3})\]")
_NUMBER = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?")
_NAME = re.compile(r"\b(?:[A-Z][\w’'\-]*(?:\.[A-Z])*\.?|[A-Z]{2,})")
# Capitalised words that carry no claim of their own.
_NEUTRAL = {"the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "this", "that", "there", "yes", "no",
            "according", "both", "after", "before", "however", "but", "and", "also", "its", "their", "his", "her", "i"}
# Share of an answer sentence's content words that must appear in its quotes.
DEFAULT_MIN_CONTENT_SUPPORT = 0.6
_NEGATIONS = {"not", "no", "never", "none", "neither", "nor", "without", "cannot", "nobody", "nothing"}
# A contrast's second half, right before the span: "A, not B", "A rather than B", "A instead of B".
_SET_ASIDE = re.compile(r"(?:,\s*(?:but\s+)?not|\brather than|\binstead of)\s+(?:the\s+)?$", re.I)
# "China, not Russia, is the main rival": a contrast set off by commas is an aside, no clause of its own.
_CONTRAST_ASIDE = re.compile(r",\s*(?:but\s+)?not\s+[^,;.]{1,40},", re.I)
# "Ushakov, Putin's foreign policy adviser, said ...", "Dmitriev, a former banker, stated ...": a noun phrase renaming
# the name before it, between commas, is no clause of its own either (its words still count as near).
_APPOSITION = re.compile(r"(?:^|(?<=\w)),\s+(?:(?:a|an|the)\s+|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+)[^,;:.“”\"()]{1,50}?,(?=\s)")
# The commas of a list of names ("Facebook, Instagram, and Messenger") part no clauses.
_LIST_COMMA = re.compile(r"(?<=\w),(?=\s+(?:(?:and|or)\s+[A-Z]|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
                         r"(?:,|\s+(?:and|or)\s)))")
# Words between a negation and what it denies ("did not *sign*", "has never *been* ..."): skipped.
_NEGATION_GAP = {"only", "any", "yet", "even", "ever", "at", "all", "a", "an", "the", "to", "be", "been", "being"}
# How far after a negation the denied word may stand.
DEFAULT_NEGATION_REACH = 4
# A short answer fills the asked slot when it stands within this many words of the asked relation's
# words (about one clause of news prose: "X, who won the 2019 title, ..." keeps X within reach of "won").
DEFAULT_ROLE_WINDOW = 12
# Crossing a clause boundary puts a word this much further away from the span.
DEFAULT_CLAUSE_COST = 4
# Words between a span and a word that says the relation otherwise for that word alone to place it
# ("16,000 deaths", "the winner, Anna Berg"): the span's own phrase, no clause between.
DEFAULT_BESIDE = 2
# A sentence that opens by pointing back ("This meeting", "It", "They") continues the one before it.
_ANAPHOR = re.compile(r"^\W*(this|that|these|those|it|they|he|she|there|the (meeting|talks|event|deal|visit))\b", re.I)
_FRAME_BEFORE = re.compile(r"^\W*(?:on|in|at|by|since|as of|from)?\s*$", re.I)
_CLAUSE_MARK = re.compile(CLAUSE_PUNCTUATION)


@dataclass
class CheckedSentence:
    text: str
    cited: list[int]
    supported: bool
    repaired: bool = False
    problems: list[str] = field(default_factory=list)


def _norm(s: str) -> str:
    return re.sub(r"[\s.,’'\-]", "", s.lower())


def key_tokens(sentence: str) -> set[str]:
    """Numbers, dates and proper names that a quote must contain for the sentence to stand.

    The first word of a sentence is capitalised anyway, so it counts only as an acronym;
    a name there is still checked as one of the sentence's content words.
    """
    sentence = _CITATION.sub("", sentence)
    keys = {m.group().rstrip(".,").lstrip("$").replace(",", "") for m in _NUMBER.finditer(sentence)}
    for m in _NAME.finditer(sentence):
        token = m.group().strip(".’'")
        first = sentence[: m.start()].strip(" \"“'") == ""
        if token.lower() in _NEUTRAL or (first and not token.isupper()):
            continue
        keys.add(token)
    return {k for k in keys if k}


def negated_words(text: str) -> list[str]:
    """The words that negations deny: the first content word after each "not", "no", "n't" ..."""
    words = re.findall(r"[\w'-]+", text.lower().replace("’", "'"))
    out = []
    for i, w in enumerate(words):
        if w not in _NEGATIONS and not w.endswith("n't"):
            continue
        if w == "not" and i + 1 < len(words) and words[i + 1] == "only":
            continue  # "not only ... but" affirms
        for nxt in words[i + 1 : i + 1 + DEFAULT_NEGATION_REACH]:
            if nxt in _NEGATION_GAP or nxt in _NEGATIONS:
                continue
            if content_terms(nxt):
                out.append(nxt)
                break
    return out


def negated_terms(text: str) -> set[str]:
    """Stems of the words that negations deny."""
    return {content_terms(w)[0] for w in negated_words(text)}


def polarity_problems(sentence: str, quotes: list[str]) -> list[str]:
    """A negation the quotes lack, or a word the quotes deny that the answer asserts, turns the claim around."""
    said, quoted = negated_terms(sentence), negated_terms(" ".join(quotes))
    problems = [f"the answer denies '{t}', the cited quotes do not" for t in sorted(said - quoted)]
    asserted = set(content_terms(_CITATION.sub("", sentence))) - said
    problems += [f"the cited quotes deny '{t}', the answer asserts it" for t in sorted(quoted & asserted)]
    return problems


def supports(sentence: str, quotes: list[str]) -> tuple[bool, list[str]]:
    """Whether the quotes together contain the sentence's key tokens and most of its content words, said the same way."""
    joined = " ".join(quotes)
    haystack = _norm(joined)
    problems = [f"'{k}' is not in the cited quotes" for k in sorted(key_tokens(sentence)) if _norm(k) not in haystack]
    terms = set(content_terms(_CITATION.sub("", sentence)))
    if terms:
        share = len(terms & set(content_terms(joined))) / len(terms)
        if share < DEFAULT_MIN_CONTENT_SUPPORT:
            problems.append(f"only {share:.0%} of its words are in the cited quotes")
    problems += polarity_problems(sentence, quotes)
    return not problems, problems


def split_answer(text: str) -> list[tuple[str, list[int]]]:
    """Answer sentences without their citation markers, each with the numbers it cites."""
    text = text.strip()
    out: list[tuple[str, list[int]]] = []
    for a, b in sentence_spans(text):
        piece = text[a:b]
        lead = re.match(r"^(\s*\[\d{1,3}\])+", piece)
        if lead and out:
            # "… 21%. [1] Next sentence": a marker right after a full stop belongs to the sentence before.
            out[-1][1].extend(int(n) for n in _CITATION.findall(lead.group()))
            piece = piece[lead.end() :]
        cited = [int(n) for n in _CITATION.findall(piece)]
        clean = re.sub(r"\s+([.,;:!?])", r"\1", _CITATION.sub("", piece)).strip()
        if re.fullmatch(r"[\W_]*", clean):
            # A bare "[2]." after the sentence belongs to the sentence before it.
            if out and cited:
                out[-1][1].extend(cited)
            continue
        out.append((clean, cited))
    return out


def check_answer(text: str, quotes: list[str], repair: bool) -> list[CheckedSentence]:
    """Check each answer sentence; with repair, attach an uncited or miscited one to the quote(s) that support it."""
    checked = []
    parts = split_answer(text)
    if parts and _cut_off(parts[-1][0]):
        # Generation stopped mid-phrase (max tokens): a fragment can look supported and still mislead.
        checked_tail = CheckedSentence(parts[-1][0], [], False, problems=["cut off mid-sentence"])
        parts = parts[:-1]
    else:
        checked_tail = None
    for sentence, cited in parts:
        valid = sorted({n for n in cited if 1 <= n <= len(quotes)})
        problems = [f"citation [{n}] does not exist" for n in cited if not 1 <= n <= len(quotes)]
        ok, why = supports(sentence, [quotes[n - 1] for n in valid]) if valid else (False, ["no citation"])
        if ok and len(valid) > 1:
            # Keep only the citations the claim needs, so cited-article precision stays honest.
            valid = _find_support(sentence, [quotes[n - 1] for n in valid], among=valid) or valid
        result = CheckedSentence(sentence, valid, ok, problems=problems + ([] if ok else why))
        if not ok and repair:
            found = _find_support(sentence, quotes)
            if found:
                result = CheckedSentence(sentence, found, True, repaired=True, problems=result.problems)
        checked.append(result)
    if checked_tail:
        checked.append(checked_tail)
    return checked


def _cut_off(sentence: str) -> bool:
    stripped = sentence.rstrip()
    if stripped.endswith((".", "!", "?", "…", "”", '"', ")")):
        return False
    last = stripped.split()[-1].lower() if stripped.split() else ""
    return last in stopwords() or stripped.endswith((",", ";", ":", "-"))


def _find_support(sentence: str, quotes: list[str], among: list[int] | None = None) -> list[int] | None:
    """Numbers of the single quote, else the pair of quotes, that supports the sentence."""
    numbers = among or list(range(1, len(quotes) + 1))
    for i, qi in enumerate(quotes):
        if supports(sentence, [qi])[0]:
            return [numbers[i]]
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if supports(sentence, [quotes[i], quotes[j]])[0]:
                return [numbers[i], numbers[j]]
    return None


def _uncomma(m: re.Match) -> str:
    """An apposition without the commas that set it off: its words stay near, its edges cost no clause."""
    return " " + m.group(0).strip().strip(",").strip() + " "


def relation_distance(quote: str, a: int, b: int, relation: frozenset[str]) -> int | None:
    """Words between quote[a:b] and the nearest relation word of the quote (None: none within reach).

    Each clause boundary (comma, semicolon, dash, bracket) crossed counts as DEFAULT_CLAUSE_COST words:
    in "inflation is nearing 10%, and interest rates have hit 21%" the rates are 21%, not 10%.
    """
    def stems(text: str, backwards: bool) -> list[str]:
        out: list[str] = []
        text = _LIST_COMMA.sub("", _APPOSITION.sub(_uncomma, _CONTRAST_ASIDE.sub(" ", text)))
        parts = _CLAUSE_MARK.split(BRACKETED_ASIDE.sub("", text))
        for i, piece in enumerate(reversed(parts) if backwards else parts):
            if i:
                out += ["<clause>"] * DEFAULT_CLAUSE_COST
            words = relation_stems(piece)
            out += list(reversed(words)) if backwards else words
        return out

    # The relation must be said in the span's own sentence: in "... the war in Ukraine. The meeting, hosted in
    # Saudi Arabia, ..." Ukraine is six words from "hosted" but did not host it. Nor across an ellipsis: in
    # "With Djokovic's disqualification, ... Osaka, the U.S. Open champion" words were left out between them.
    x, y = fragment_at(quote, a)
    gaps = [i for i, w in enumerate(stems(quote[x:a], True)) if w in relation]
    gaps += [i for i, w in enumerate(stems(quote[b:max(b, y)], False)) if w in relation]
    near = [g for g in gaps if g < DEFAULT_ROLE_WINDOW]
    return min(near) if near else None


def span_problems(span: str, quote: str, relation: frozenset[str], anchors: frozenset[str] = frozenset(),
                  previous: str = "", reworded: Callable[[int, int], int | None] | None = None,
                  asked_denied: frozenset[str] = frozenset()) -> list[str]:
    """Claim check of a short answer: it is in the quote, fills the asked slot there, and is not denied.

    The slot is found by the asked relation's words ("won", "released"); a quote that words the relation
    differently (none of them in it) must at least hold the span next to what the question names (anchors),
    or continue the sentence before it that states the relation ("... the second round of talks. This
    meeting takes place at X"). Next to what the question names is not enough when `reworded` is given:
    it gives the distance in words from quote[a:b] to the nearest word that words the relation otherwise
    (rag/paraphrase.py), None when there is none. Such a word right beside the span is enough alone:
    "Russian losses near 40,000, including over 16,000 deaths" counts deaths by 16,000, though "Russian"
    is a clause away from it. A relation word the question itself denies (`asked_denied`: "Who called the
    talks *not bad*?") is no denial where the quote denies it too.
    """
    a = quote.find(span)
    if a < 0:
        return [f"'{span}' is not in the cited quote"]
    problems = []
    # "China, not Russia, is the main rival": what a contrast sets aside is what the quote says the answer is not.
    aside = _SET_ASIDE.search(quote[max(0, a - 24) : a])
    if aside and not asked_denied:
        return [f"'{span}' is what the quote sets aside ('{aside.group(0).strip(' ,')} {span}')"]
    start, end = sentence_at(quote, a)
    lead, opening = previous + " " + quote[:start], quote[start:]
    # The anaphor stands for what the sentence before says: the span must be as near it as to a relation word.
    continues = bool(_ANAPHOR.match(opening)) and bool(set(relation_stems(lead)) & relation) \
        and len(quote[start:a].split()) <= DEFAULT_ROLE_WINDOW
    # "On February 27, 2025, officials ... convened for the second round": an opening adverbial of time
    # or place frames the whole sentence, however far its verb stands.
    frames = bool(_FRAME_BEFORE.match(quote[start:a])) and quote[a + len(span) :].lstrip().startswith(",") \
        and bool(set(relation_stems(quote[start:end])) & relation)
    if relation and relation_distance(quote, a, a + len(span), relation) is None and not continues and not frames:
        other = reworded(a, a + len(span)) if reworded is not None else None
        if set(relation_stems(quote)) & relation:
            # The relation's own word far off, and another word for it next to the span: "The casualties
            # reported on both sides ..., with the agency noting ... 16,000 deaths".
            if other is None:
                problems.append(f"'{span}' is not within {DEFAULT_ROLE_WINDOW} words of the asked relation "
                                f"({', '.join(sorted(relation))})")
        elif relation_distance(quote, a, a + len(span), anchors) is None:
            if other is None or other > DEFAULT_BESIDE:
                problems.append(f"'{span}' stands near neither the asked relation nor what the question names")
        elif reworded is not None and other is None:
            problems.append(f"no word near '{span}' says the asked relation ({', '.join(sorted(relation))}) "
                            "in other words")
    denied = set(relation_stems(" ".join(negated_words(quote)))) & relation - asked_denied
    if denied:
        problems.append(f"the quote denies '{sorted(denied)[0]}'")
    return problems


# Words whose loss from a shortened quote could turn what it says around: a negation, or a condition.
_SCOPE_WORDS = _NEGATIONS | {"n't", "if", "unless", "whether", "deny", "denied", "denies"}


def compression_problems(quote: str, kept: list[tuple[int, int]]) -> list[str]:
    """Claim check of a statement shortened from a quote (rag/compress.py): its pieces are the quote's, in
    order, and nothing left out of the quote's sentence negates or conditions what is kept."""
    if not kept or any(not (0 <= a < b <= len(quote)) for a, b in kept) or \
            any(kept[i][1] > kept[i + 1][0] for i in range(len(kept) - 1)):
        return ["the shortened statement is not the cited quote's words in order"]
    # A piece ends or starts inside a written word ("Android/Filecoder.|C," cut where the tokenizer split it):
    # what is left is a word the quote does not write.
    if any((b < len(quote) and quote[b].isalnum() and not quote[b - 1].isspace()) or
           (a > 0 and quote[a - 1].isalnum() and quote[a].isalnum()) for a, b in kept):
        return ["the shortened statement cuts a word of the quote in two"]
    # An aside cut through ("not to my liking (Dominus| main)"): a mark left without its pair.
    dropped_parts = [quote[kept[i][1]:kept[i + 1][0]] for i in range(len(kept) - 1)]
    if any(not balanced(part) for part in dropped_parts):
        return ["the shortened statement cuts an aside of the quote in two"]
    start, end = sentence_at(quote, kept[0][0])
    bounds = [start] + [x for a, b in kept for x in (a, b)] + [max(end, kept[-1][1])]
    dropped = " ".join(quote[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2))
    found = sorted({w for w in re.findall(r"[a-z']+", dropped.lower().replace("’", "'"))
                    if w in _SCOPE_WORDS or w.endswith("n't")})
    if found:
        return [f"what the shortened statement leaves out of quote says '{found[0]}'"]
    return []
