"""What verification checked, in words: a short answer's span, slot and polarity against its quote, an
answer sentence's names, numbers and dates, and the question's constraints; and the bounds a statement
answer keeps (concise, not a copy of the quotes, not the question said back)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from rag.compose import DEFAULT_MAX_STATEMENT_WORDS, ShortAnswer, copies, words
from rag.deps import agents, children
from rag.describe import naming_subject
from rag.evidence import Evidence
from rag.names import unmentioned
from rag.nlp import Parse, Token, subtree
from rag.paraphrase import communication, same_family
from rag.question import Analysis
from rag.reader import Reading
from rag.text import cached_sentence_spans, content_stems, content_terms, relation_stems, word_stems
from rag.verify import CheckedSentence, compression_problems, span_problems

# Whether quote[a:b] fills the asked slot (Reader.slot_problems): the problems found, if any.
Slots = Callable[[Analysis, str, int, int], list[str]]
# The claim check of a short answer in its quote (Reader.span_problems): part, span, quote, relation, anchors, previous.
Spans = Callable[[Analysis, str, str, frozenset[str], frozenset[str], str], list[str]]


def relation_of(parts: list[Analysis]) -> frozenset[str]:
    """The stems of the asked relation over all parts of the question."""
    return frozenset().union(*(a.relation for a in parts)) if parts else frozenset()


# Pronouns that may stand for a named doer.
_PERSONAL = {"he", "she", "they", "i", "we", "who"}


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


def doers_kept(sentence: CheckedSentence, quotes: list[str], parse: Parse) -> bool:
    """Whether each verb the sentence gives a named doer ("Ushakov remains ...") is done by that doer in a quote
    it cites: a small model splices the words around a name into a sentence whose every word checks out ("Yuri
    Ushakov, an aide to Putin, remains challenging to specify a date" from "Yuri Ushakov, an aide to Putin, noted,
    “It remains challenging ...”"). A quote's personal pronoun may stand for the name, not "it". Common-noun
    doers are not checked: a quote refers back to them by other nouns ("This meeting takes place ...")."""
    mine = parse(sentence.text)
    cited = [parse(quotes[n - 1]) for n in sentence.cited if 0 < n <= len(quotes)]
    for i, t in enumerate(mine):
        if t.dep not in ("nsubj", "nsubjpass") or t.pos != "PROPN" or mine[t.head].pos != "VERB":
            continue
        done, doer = _doers_in(cited, mine[t.head]), _phrase_stems(mine, i)
        if done and not any(_may_be(q, d, doer) for q, d in done):
            return False
    # A passive's "by" phrase names its doer outright, common noun or not: "The Amazon has been protected from
    # fires by drought, deforestation and agriculture" from "The humidity of the Amazon has protected it against
    # fires, but drought, deforestation, and agriculture could make fires so common ...".
    kids = children(mine)
    for v, t in enumerate(mine):
        passive = any(mine[c].dep == "auxpass" for c in kids.get(v, []))
        by = [c for c in kids.get(v, []) if mine[c].dep == "agent" or (passive and mine[c].dep == "prep"
                                                                      and mine[c].lower == "by")]
        if t.pos != "VERB" or not by:
            continue
        done = _doers_in(cited, t)
        for i in [g for c in by for g in kids.get(c, []) if mine[g].dep == "pobj"]:
            # Confirmed only where a quote gives the verb that doer: a "by" phrase is the small model's own claim.
            doer = _phrase_stems(mine, i)
            if not any(_may_be(q, d, doer) for q, d in done):
                return False
    return True


def _doers_in(cited: list[tuple[Token, ...]], verb: Token) -> list[tuple[tuple[Token, ...], int]]:
    """(quote, doer) for each doer the parsed quotes give a verb of the same stem."""
    stems = set(relation_stems(verb.lemma))
    return [(q, d) for q in cited for kids in [children(q)] for w, v in enumerate(q)
            if v.pos == "VERB" and stems & set(relation_stems(v.lemma)) for d in agents(q, kids, w)]


def _phrase_stems(tokens: tuple[Token, ...], i: int) -> set[str]:
    return {s for j in subtree(tokens, i) for s in relation_stems(tokens[j].text) if content_terms(tokens[j].text)}


def names_beside_their_verbs(sentence: CheckedSentence, quotes: list[str], parse: Parse) -> bool:
    """Whether each name the sentence gives a verb stands in a sentence of its quotes that says that verb (a word
    of its family, or any verb of saying for one): a small model moves a name from the sentence beside ("demanded
    they stop supplying technology to *Chevron Corp*" from "... to oil and gas companies. Microsoft ... announced a
    deal to sell cloud services to ... Chevron Corp."), and every word still checks out."""
    mine = parse(sentence.text)
    said = [quotes[n - 1][a:b] for n in sentence.cited if 0 < n <= len(quotes)
            for a, b in cached_sentence_spans(quotes[n - 1])]
    for i, t in enumerate(mine):
        if t.pos != "PROPN" or mine[i].dep in ("compound", "flat"):
            continue
        # Only a name that is the verb's own argument (subject, object, a preposition's object on the verb); one
        # inside another noun's phrase ("talks between *Russia* and ...") is named by that noun, as quotes refer
        # back to it ("This meeting takes place ...").
        j = i
        while mine[j].dep == "conj" and mine[j].head != j:
            j = mine[j].head
        v = mine[mine[j].head].head if mine[j].dep == "pobj" and mine[mine[j].head].pos == "ADP" else mine[j].head
        if mine[v].pos != "VERB" or mine[j].dep not in ("nsubj", "nsubjpass", "dobj", "dative", "attr", "pobj"):
            continue
        verb = relation_stems(mine[v].lemma)
        name = {s for j in subtree(mine, i) if content_terms(mine[j].text) and mine[j].pos == "PROPN"
                for s in relation_stems(mine[j].text)}
        if not verb or not name:
            continue
        holding = [q for q in said if name <= set(relation_stems(q))]
        if holding and not any(_says_verb(q, verb[0]) for q in holding):
            return False
    return True


def _says_verb(text: str, verb: str) -> bool:
    stems = set(relation_stems(text))
    return any(same_family(verb, s) for s in stems) or (verb in communication() and bool(stems & communication()))


def _may_be(quote: tuple[Token, ...], d: int, doer: set[str]) -> bool:
    if quote[d].pos == "PRON":
        return quote[d].lower in _PERSONAL
    return bool(doer & {s for j in subtree(quote, d) for s in relation_stems(quote[j].text)})


# Modifiers that say which one no more than "the" does: "a *new* feature" answers no "What feature ...?".
_UNINFORMATIVE = """new other another latest recent main major key big first last next such same certain
various several many few some more most further additional particular specific own current former"""


@cache
def uninformative() -> frozenset[str]:
    return frozenset(content_stems(_UNINFORMATIVE))


def echoes(sentence: str, question: str) -> bool:
    """A sentence that says nothing beyond the question's own words and modifiers that say nothing ("No 1 in
    tennis in 2020", "The new system is changing" for "What is changing in the system?") answers nothing."""
    said = set(word_stems(question)) | uninformative()
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


def small_draft_stands(first: CheckedSentence, quotes: list[str], names: list[str], parts: list[Analysis],
                       question: str, parse: Parse, words_relation: Callable[[str, tuple[str, ...]], bool]) -> bool:
    """A small model's sentence stands only when worded from its quote, naming a name the question names
    (`names`) and saying each part's asked verb, in its own words or others (`words_relation`: "How did
    researchers find X?" is not answered by a true sentence on what the victim removes); and never for "Who is
    X?": what a quote calls X is read there (Reader.description), while the small model splices the words
    around X into a sentence that checks out word for word and says nothing ("Ushakov ... remains challenging
    to specify a date"). Nor for "What is X called?": the name the quote gives is the answer, where the small
    model writes "X called Y" as if it were a sentence."""
    return quote_worded(first, quotes) and len(unmentioned(names, [first.text])) < max(1, len(names)) \
        and not any(a.identity for a in parts) and naming_subject(question) is None \
        and all(words_relation(first.text, a.relation_words) for a in parts if a.verb and a.relation_words) \
        and doers_kept(first, quotes, parse) and names_beside_their_verbs(first, quotes, parse)
