"""What verification checked, in words: a short answer's span, slot and polarity against its quote, an
answer sentence's names, numbers and dates, and the question's constraints; and the bounds a statement
answer keeps (concise, not a copy of the quotes, not the question said back)."""

from __future__ import annotations

from collections.abc import Callable

from rag.compose import DEFAULT_MAX_STATEMENT_WORDS, ShortAnswer, copies, words
from rag.evidence import Evidence
from rag.question import Analysis
from rag.reader import Reading
from rag.text import content_terms, relation_stems, word_stems
from rag.verify import CheckedSentence, compression_problems, span_problems

# Whether quote[a:b] fills the asked slot (Reader.slot_problems): the problems found, if any.
Slots = Callable[[Analysis, str, int, int], list[str]]
# The claim check of a short answer in its quote (Reader.span_problems): part, span, quote, relation, anchors, previous.
Spans = Callable[[Analysis, str, str, frozenset[str], frozenset[str], str], list[str]]


def relation_of(parts: list[Analysis]) -> frozenset[str]:
    """The stems of the asked relation over all parts of the question."""
    return frozenset().union(*(a.relation for a in parts)) if parts else frozenset()


def concise(sentences: list[CheckedSentence], quotes: list[str]) -> bool:
    """At most two sentences, none over the statement bound, none copying the quotes at length."""
    return len(sentences) <= 2 and all(
        words(c.text) <= DEFAULT_MAX_STATEMENT_WORDS and not copies(c.text, quotes) for c in sentences
    )


def quote_worded(sentence: CheckedSentence, quotes: list[str]) -> bool:
    """Whether every content word of the sentence is a word of the quotes it cites. A small model may
    shorten and reorder what a quote says; a word of its own, or of the question, is a claim nobody made:
    "Women's year-end No. 1 in 2020 was Osaka" from "Osaka, the 2018 U.S. Open women's singles champion"."""
    have = {s for n in sentence.cited if 0 < n <= len(quotes) for s in relation_stems(quotes[n - 1])}
    return all(s in have for s in relation_stems(sentence.text) if content_terms(s))


def echoes(sentence: str, question: str) -> bool:
    """A sentence that says nothing beyond the question's own words ("No 1 in tennis in 2020") answers nothing."""
    said = set(word_stems(question))
    return not any(s not in said for s in word_stems(sentence) if content_terms(s))


def claim_checks(reading: Reading, evidence: list[Evidence], constraints: list[str], shorts: list[ShortAnswer],
                 kept: list[CheckedSentence], slots: Slots, spans: Spans) -> list[tuple[str, bool]]:
    """Each check in words, with whether it held: spans, slots and polarity against the cited quotes."""
    out = []
    relation = relation_of(reading.parts)
    for i, s in enumerate(shorts):
        quote = evidence[s.citation - 1].quote
        part = None
        if reading.typed:
            c = reading.answers[i]
            part = reading.parts[c.part]
            problems = spans(part, c.text, quote, relation, reading.anchors, c.previous) or slots(
                part, c.evidence.quote, c.start - c.evidence.start, c.end - c.evidence.start)
            if c.full is not None:
                out.append(_full_name_check(c.text, s.text, evidence[s.named_by - 1].quote, s.named_by))
        elif s.pieces:
            at = evidence[s.citation - 1].start
            problems = compression_problems(quote, [(x - at, y - at) for x, y in s.pieces])
        else:
            problems = span_problems(s.text, quote, frozenset())
        out += [(problem, False) for problem in problems]
        if not problems:
            role = part.role if part and part.verb in relation_stems(quote) else None
            said = "is in" if not s.pieces else "is shortened, in order and with nothing negating it left out, from"
            out.append((f"'{c.text if reading.typed else s.text}' {said} quote [{s.citation}]" + (", next to the asked relation" if
                        reading.typed and relation else "") + (f", its {role} where the quote has the verb" if role
                        else "") + ", not denied there", True))
    for c in kept:
        out.append((f"names, numbers, dates and polarity of “{c.text}” match quote(s) "
                    f"{', '.join(f'[{n}]' for n in c.cited)}", True))
    if constraints:
        out.append((f"the cited sentences meet the question's constraints in context: {', '.join(constraints)}", True))
    return out


def _full_name_check(surname: str, full: str, quote: str, n: int) -> tuple[str, bool]:
    ok = full in quote and full.split()[-1] == surname
    return (f"'{full}' in quote [{n}] is the full name of '{surname}', the only one the best sentences give it", ok)
