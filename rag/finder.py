"""Typed answer candidates and the checks each passes: a named-entity span of the asked type inside an
accepted evidence sentence, not part of the question, standing near the words of the asked relation and
filling the asked slot there, ranked by its sentence's score, its closeness to the relation and what the
sentence says of it. The reading step (rag/reader.py) picks the best per part of the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.amounts import with_amounts, with_frequencies
from rag.asserted import asks_possible, supposed_event, unasserted
from rag.candidates import Candidate, agree, own_sentence_coverage
from rag.contrast import asked_subject, place_rivals, qualified_nouns, qualifier_rivals, subject_rival
from rag.entities import EntitySpans
from rag.evidence import context_of
from rag.naming import WORKING, called, employs, named_as, names_the_noun, noun_problems, qualifies
from rag.nlp import Annotate, Parse, parse_question
from rag.paraphrase import RelationWords, same_family
from rag.question import KIND_LABELS, LOOSE_KINDS, NAME_LABELS, Analysis
from rag.reported import reported_words
from rag.roles import slot_problems
from rag.said import dates_other, when_another, when_said
from rag.spans import (bearing, counts_unit, dated_year, families, fits, is_dateline, located, mere_window,
                       specific_date, town_after_in, trim, unit_after, with_region)
from rag.text import content_stems, relation_stems
from rag.titles import Origins, does_the_title, origin_problems, title_origins, titled_before
from rag.verify import DEFAULT_ROLE_WINDOW, negated_words, relation_distance, span_problems

# Ranking: sentence score, plus closeness to the relation, plus independent articles agreeing (rag/candidates.py).
DEFAULT_PROXIMITY_WEIGHT = 0.30
DEFAULT_PREFERRED_LABEL_BONUS = 0.05
# A proper name under a label of another kind (the small model's usual mistake) ranks this much lower.
DEFAULT_LOOSE_LABEL_PENALTY = 0.10

# A number of the asked unit ("how many hours" -> "4.5 hours") ranks above other numbers: as much as the whole
# closeness weight, since the noun a number counts says what it is more surely than the words near it.
DEFAULT_UNIT_BONUS = 0.30
# Within a quote of two sentences (one continues the other), a span whose own sentence holds more of the
# question's words ranks higher ("over the course of a typical year" beside "500-600 metric tons", not the
# next sentence's "In 2019 so far ... 200 metric tons"): more than proximity gives three words.
DEFAULT_OWN_SENTENCE_WEIGHT = 0.2
# A complete date (day and year) ranks above a month or a year alone.
DEFAULT_SPECIFIC_DATE_BONUS = 0.05

# "Whose analysis ...?": the answer is a name the sentence makes the owner of that noun or of one that words it
# otherwise ("the analysis by X", "X's analysis", "the assessment of X"); a name merely near the noun is not.
_WHOSE = re.compile(r"^\W*whose\s+([a-z-]+)", re.I)

# A name whose title gives the asked nationality, or that the sentence calls the asked noun ("A, a former
# banker" for "which banker"), is described as the question asks: a third of the closeness weight.
DEFAULT_DESCRIBED_BONUS = 0.10

# The digits of a number, words of the span in their own right ("0.9" holds no word of two letters).
_DIGITS = re.compile(r"\d+")

# What the clause around quote[a:b] says against the question's quarters, ordinals, qualifiers ... (problems).
Rivals = Callable[[str, int, int], list[str]]


class Finder:
    """Finds and checks the candidates of one part of a question in the sentences read."""

    def __init__(self, annotate: Annotate, parse: Parse, reworded: RelationWords | None = None) -> None:
        self.annotate = annotate
        self.parse = parse
        # Says whether a quote words the asked relation otherwise (derived forms only when not given).
        self.reworded = reworded or RelationWords(None)
        self.spans = EntitySpans(annotate)

    def candidates(self, index: int, part: Analysis, pool, asked: set[str], anchors: frozenset[str],
                   years: set[str], rejected: list[str], rivals: Rivals | None = None,
                   places: list[tuple[str, str, str]] = (), origins: Origins = frozenset(),
                   qualified: dict[str, str] | None = None) -> list[Candidate]:
        """The checked candidates of `part` (number `index`) in the (evidence, passage) `pool`, best first; why
        others were turned down is added to `rejected`. `asked`/`anchors`: the question's relation and content
        stems; `years`, `places`, `origins` and `qualified` (nouns given a nationality) are its constraints."""
        labels = KIND_LABELS[part.kind]
        # The small recogniser files some places under other labels ("Amazonas" as a person): a place question
        # with a noun ("which state") takes any name the quote calls that noun (checked below).
        named_place = part.kind == "place" and part.type_noun is not None
        allowed = set(labels) | (set(NAME_LABELS) if part.kind in LOOSE_KINDS or named_place else set())
        # "For how many years ...": the asked unit is part of the answer ("75 years"), not the question's own words.
        said = asked - set(relation_stems(part.unit)) if part.unit else asked
        # "Which fund ...?" is answered by a name that ends in the asked noun ("Direct Investment Fund", "Mexico
        # City"): that word is the kind asked for, not the question's own entity. A person is still named
        # without the title the question says ("Ambassador X" for "which ambassador").
        kind_word = said - set(relation_stems(part.type_noun)) if part.type_noun else said
        out: list[Candidate] = []
        # "Whose analysis ...?": the answer is the one the analysis is by or of.
        subject = asked_subject(parse_question(part.text.rstrip("?") + "?"))
        # "the Stodden family winery": a family, whose members are named in full where the family is named.
        named_families = families(part.text)
        m = _WHOSE.match(part.text)
        whose = (relation_stems(m.group(1)) or [None])[0] if m else None
        # "Who told the writer about X?": what the question says its verb is done to, for quotes without the verb.
        done_to = part.relation - {part.verb} if part.role == "subject" and part.verb else frozenset()
        for e, p in pool:
            previous = None
            said_stems = set(relation_stems(e.quote)) if done_to else set()
            undone = bool(done_to) and not done_to & said_stems and \
                not any(same_family(part.verb, x) for x in said_stems)
            entities = self.spans.of(p)
            if part.kind == "number":
                entities = with_amounts(p.text, entities)
            if part.kind == "frequency":
                entities = with_frequencies(p.text, entities)
            for a, b, label in entities:
                start, end = p.start + a, p.start + b
                if part.kind == "place" and label == "ORG" and town_after_in(p.text, a, b):
                    label = "GPE"  # "situated ... in Dernau": the small recogniser takes a small town for a firm
                if label not in allowed or not (e.start <= start and end <= e.end):
                    continue
                if part.kind == "date" and p.start == 0 and is_dateline(p.text, a, b):
                    continue
                dated = dated_year(p.text[b : b + 30])
                if years and part.kind != "date" and dated and dated not in years:
                    continue  # the question's year is another one
                if part.kind == "place":
                    b = with_region(p.text, b, entities, label)
                text = trim(p.text[a:b], said if label == "PERSON" else kind_word, keep_last=label == "PERSON",
                            families=named_families)
                if not text or not fits(part, text, p.text[b : b + 24]):
                    continue
                if part.kind == "duration" and mere_window(p.text[max(0, a - 12) : a], p.text[a:b]):
                    continue
                if part.kind == "number" and part.unit and text == p.text[a:b]:
                    b += unit_after(p.text[b : b + 24], part.unit)
                    text = p.text[a:b]
                if previous is None:
                    previous = context_of(e, p)[0]
                # "Who runs the Kreuzberg family winery?": "Alexander Stodden has taken over the family winery";
                # nor is its "in operation since 1900" when the Kreuzberg winery was founded. A person must be
                # named with the family; what is said of the business may follow the sentence that names it.
                if named_families and not named_families & set(relation_stems(
                        e.quote if label == "PERSON" else f"{previous} {e.quote}")):
                    rejected.append(f"'{text}' is in a quote that does not name the asked family")
                    continue
                # "talks concerning Ukraine" does not say where the talks were; "seen from where?" is not answered by
                # "smoke in Brazil", which says where the smoke is.
                if part.kind == "place" and (part.locative or part.stranded) and \
                        not located(p.text[max(0, a - 40) : a], part.stranded, p.text[b : b + 60], part.topic):
                    continue
                if set(relation_stems(text)) | set(_DIGITS.findall(text)) <= said:
                    continue  # the question's own words are not its answer ("0.9" has no word of two letters)
                if part.kind == "place" and (towards := bearing(p.text[max(0, a - 40) : a])):
                    text, a = towards + text, a - len(towards)  # "just south of Bonn", not "Bonn"
                offset = p.text.find(text, a, b)
                start, end = p.start + offset, p.start + offset + len(text)
                problems = self.span_problems(part, text, e.quote, part.relation, anchors, previous) or \
                    self.slot_problems(part, e.quote, start - e.start, end - e.start) or \
                    (rivals(e.quote, start - e.start, end - e.start) if rivals else [])
                in_quote = [(p.start + x - e.start, p.start + y - e.start, lab) for x, y, lab in entities] \
                    if places or origins or qualified or subject else []
                problems = problems or place_rivals(places, e.quote, in_quote, start - e.start, end - e.start) or \
                    qualifier_rivals(qualified or {}, e.quote, self.parse, in_quote) or \
                    subject_rival(subject, self.parse(e.quote), e.quote, in_quote, start - e.start, end - e.start,
                                  self._before(e, p, previous, entities) if subject else None)
                # "Which Chinese diplomat ...?": a name titled by another nationality is not one; one titled by
                # the asked nationality is described as the question asks.
                found_origins = title_origins(self.parse(e.quote), e.quote, in_quote, start - e.start,
                                              end - e.start) if origins else frozenset()
                problems = problems or origin_problems(origins, found_origins, text) or \
                    self.title_problems(part, e.quote, start - e.start, end - e.start, anchors, text)
                if problems:
                    rejected.extend(problems)
                    continue
                distance = relation_distance(e.quote, start - e.start, end - e.start, part.relation) \
                    if part.relation else None
                if part.relation_words and distance != 0:
                    # Closeness to the word that says the relation otherwise ("16,000 deaths" for "died"), when
                    # that is nearer than any of the question's words ("a telephone conversation on May 3" for
                    # "talk on the phone", though "Russian" stands nearer another date).
                    reworded = self._rewording(part, e.quote, start - e.start, end - e.start, anchors)[1]
                    distance = reworded if distance is None or (reworded is not None and reworded < distance) \
                        else distance
                closeness = 0.0 if distance is None else 1 - distance / (DEFAULT_ROLE_WINDOW + 1)
                described = any(slot == "owner" for slot, _ in found_origins) or (
                    (part.kind in LOOSE_KINDS or named_place) and part.type_noun is not None
                    and names_the_noun(self.parse(e.quote), start - e.start, end - e.start, part.type_noun))
                if named_place and label not in labels and not described:
                    rejected.append(f"'{text}' is not a place's name, and the quote does not call it the asked "
                                    f"{part.type_noun}")
                    continue
                if label == "PERSON" and "PERSON" not in labels and part.type_noun and not described:
                    rejected.append(f"'{text}' is a person's name, and the quote does not call it the asked "
                                    f"{part.type_noun}")
                    continue
                if undone:
                    # "Who told the writer about X?": "Kreuzberg says of his fellow winemakers" words "tell" otherwise
                    # and names nothing the question says it is done to; a name near it is no one who told.
                    asked_verb = part.relation_words[0] if part.relation_words else part.verb
                    rejected.append(f"'{text}' is in a quote that neither says '{asked_verb}' nor names what the "
                                    f"question says it is done to")
                    continue
                if part.kind == "named" and not called(self.parse(e.quote), start - e.start, end - e.start,
                                                       part.type_noun):
                    # "Which platform ...?" asks for a name the quote gives a platform, not any name near the verb.
                    rejected.append(f"the quote does not call '{text}' the asked {part.type_noun}")
                    continue
                if part.kind == "named" and part.relation_words and \
                        not self.reworded.anywhere(e.quote, part.relation_words, anchors):
                    # Nearness stands in for no verb here: any name of a service near "outage" is not one affected.
                    rejected.append(f"the quote that calls '{text}' a {part.type_noun} does not say "
                                    f"'{part.relation_words[0]}' or its like")
                    continue
                problems = noun_problems(self.parse(e.quote), start - e.start, end - e.start, part, text,
                                         m.group(1) if whose else None, self.reworded.words)
                if problems:
                    rejected.extend(problems)
                    continue
                score = e.score + DEFAULT_PROXIMITY_WEIGHT * closeness
                score += DEFAULT_PREFERRED_LABEL_BONUS * (label == labels[0])
                score += DEFAULT_DESCRIBED_BONUS * described
                score -= DEFAULT_LOOSE_LABEL_PENALTY * (label not in labels)
                score += DEFAULT_SPECIFIC_DATE_BONUS * (part.kind == "date" and specific_date(text))
                score += DEFAULT_UNIT_BONUS * (part.kind == "number" and counts_unit(part, text, p.text[b : b + 24]))
                score += DEFAULT_OWN_SENTENCE_WEIGHT * own_sentence_coverage(e.quote, start - e.start, anchors)
                out.append(Candidate(text, label, index, e, start, end, score, distance, previous))
        return agree(out)

    def _before(self, e, p, previous: str, entities) -> tuple[str, tuple, list[tuple[int, int, str]]]:
        """The sentence before the evidence in its passage, with its parse and its entities in its own offsets."""
        at = p.text.rfind(previous, 0, max(0, e.start - p.start)) if previous else -1
        if at < 0:
            return "", (), []
        return previous, self.parse(previous), [(x - at, y - at, lab) for x, y, lab in entities
                                                if at <= x and y <= at + len(previous)]

    def span_problems(self, part: Analysis, span: str, quote: str, relation: frozenset[str], anchors: frozenset[str],
                      previous: str = "") -> list[str]:
        """The claim check of a short answer in its quote (rag/verify.py), with this reader's judge of
        whether the quote words the asked relation otherwise."""
        def reworded(a: int, b: int) -> int | None:
            if named_as(self.parse(quote), a, b, part, anchors, same_family) or (
                    part.relation & WORKING and employs(self.parse(quote), a, b, part.topic)) or (
                    part.kind == "frequency" and qualifies(self.parse(quote), a, b, anchors)):
                return 0
            other, distance = self._rewording(part, quote, a, b, anchors)
            if not other:
                return None
            return DEFAULT_ROLE_WINDOW if distance is None else distance

        # A question without a content verb ("How far were the troops from X?") names its relation by
        # nouns that are its topic as much as its relation; nearness to them stays enough.
        problems = span_problems(span, quote, relation, anchors, previous, reworded if part.relation_words else None,
                                 frozenset(relation_stems(" ".join(negated_words(part.text)))))
        if problems or part.verb or not part.relation_words:
            return problems
        # ... unless it says an adjective of its subject ("will X be carbon negative?"): that word, or one for it,
        # must stand near the answer, as a verb must ("carbon ... by 2050" says nothing of negative).
        a = quote.find(span)
        said = frozenset(x for w in part.relation_words for x in relation_stems(w))
        if relation_distance(quote, a, a + len(span), said) is None and reworded(a, a + len(span)) is None:
            return [f"no word near '{span}' says '{part.relation_words[0]}' or its like"]
        return []

    def title_problems(self, part: Analysis, quote: str, a: int, b: int, anchors: frozenset[str],
                       text: str) -> list[str]:
        """"Who is Russia's foreign minister?" is not answered by "Yermak" in "Yermak and Ukrainian Foreign Minister
        Andriy Sibikha met ...", however near the title's words he stands: the quote must give him the title."""
        tokens = self.parse(quote)
        # Only the title itself counts: "the world's largest online retailer" is no company of the question's
        # kind for all the words it shares with "the world's largest software company".
        if not part.asks_title or named_as(tokens, a, b, replace(part, relation_words=(part.type_noun,)), anchors,
                                           same_family) or \
                titled_before(quote, a, [part.type_noun, *part.relation_words]) or \
                does_the_title(tokens, a, b, part.type_noun, same_family):
            return []
        return [f"the quote does not give '{text}' the title '{part.type_noun}'"]

    def _rewording(self, part: Analysis, quote: str, a: int, b: int,
                   anchors: frozenset[str]) -> tuple[list[str], int | None]:
        """The words near quote[a:b] that say the asked relation otherwise, and the span's relation
        distance to the nearest of them (None: none within the relation's window)."""
        other = self.reworded.expressing(quote, a, b, part.relation_words, anchors)
        if not other:
            return other, None
        return other, relation_distance(quote, a, b, frozenset(x for w in other for x in relation_stems(w)))

    def slot_problems(self, part: Analysis, quote: str, a: int, b: int) -> list[str]:
        """Whether quote[a:b] fills the asked slot (the subject for "who won"), by the quote's parse; a quote
        without the asked verb is read by the verb that says it otherwise ("proposed" for "put forward")."""
        tokens = self.parse(quote)
        opener = unasserted(tokens, quote, a, b) or (None if asks_possible(part.text) else supposed_event(tokens, a, b))
        if opener is not None:
            return [f"'{quote[a:b]}' stands in what the quote only asks or supposes ('{opener}'), not in what it says"]
        sayer = when_said(tokens, a, b, part.verb) if part.kind == "date" else None
        if sayer is not None:
            return [f"'{quote[a:b]}' is when it was {sayer}, not when what was said happens"]
        other = self.reworded.expressing(quote, a, b, part.relation_words, frozenset(content_stems(part.text))) \
            if part.relation_words else []
        verb = when_another(tokens, a, b, part.verb, frozenset(w.lower() for w in other)) if part.kind == "date" else None
        if verb is not None:
            return [f"'{quote[a:b]}' is when the quote's '{verb}' happens, not what the question asks"]
        other_clause = dates_other(tokens, a, b, part, self.reworded) if part.kind == "date" else None
        if other_clause is not None:
            return [f"'{quote[a:b]}' is the time of '{other_clause}', which says neither '{part.relation_words[0]}' "
                    "nor the like"]
        if part.regarded_as and not self.reworded.anywhere(quote, part.regarded_as, frozenset()):
            return [f"the quote does not call it '{' '.join(part.regarded_as)}' or the like"]
        reported = reported_words(part.text) if part.kind == "agent" else ()
        if reported and not self.reworded.anywhere(quote, reported, frozenset()):
            return [f"the quote does not say what the question says was said ('{' '.join(reported)}')"]
        return slot_problems(tokens, a, b, part, frozenset(other))


def qualified_of(part: Analysis) -> dict[str, str]:
    """The nouns the part gives a nationality, from the parse its analysis made (cached)."""
    return qualified_nouns(parse_question(part.text.rstrip("?") + "?"), part.type_noun)
