"""The reading step: typed answer candidates in sentences that meet the question's constraints.

For a question that asks for a person, a place, a date, a number ... the answer is a named-entity
span of that type inside an accepted evidence sentence, not part of the question, standing near the
words of the asked relation ("won", "released"), and not denied there. The best-ranked such span per
part of the question is the short answer; when no part has one, the articles do not answer the question.
Entities come from ingest (stored with each chunk); a chunk stored before that is annotated once
(rag/entities.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rag.arguments import argument
from rag.asserted import asks_unknown, hedged
from rag.candidates import (Candidate, coordinated, full_name, fuller, key as key_of, not_people, sharpest, spelled,
                            with_day, with_range)
from rag.compress import compress
from rag.contrast import question_places
from rag.describe import description
from rag.differ import DIFFER_KINDS, differing
from rag.doers import common_doers
from rag.evidence import Accept, Evidence, continuations
from rag.finder import Finder, Rivals, qualified_of
from rag.question import LOOSE_KINDS, Analysis, as_named
from rag.retrieval import Passage
from rag.said import asked_word, says, topical
from rag.spans import sharpens, specific_date, years_in
from rag.text import content_stems, relation_stems
from rag.titles import asked_origins

# Sentences this far below the best one are too weakly related to hold the answer.
DEFAULT_READER_MARGIN = 0.30
# How many of the best accepted sentences are searched for candidates.
DEFAULT_READER_SENTENCES = 20
# A which-phrase as the object before an auxiliary: "Which (online) services did ..." -> "What did ...".
_WHICH_OBJECT = re.compile(r"^\s*which\s+(?:[\w'’-]+\s+){1,3}?(?=(?:did|does|do|will|would|could|can|has|have|had)\b)", re.I)
# "Which officials ...": at most this many names, all from the best answer's sentence.
DEFAULT_PLURAL_ANSWERS = 3


@dataclass
class Reading:
    parts: list[Analysis]
    answers: list[Candidate] = field(default_factory=list)
    # Parts no candidate was found for (a typed question with none of them answered is declined).
    missing: list[Analysis] = field(default_factory=list)
    # Why candidates were turned down, for the response's list of checks.
    rejected: list[str] = field(default_factory=list)
    # Stems of what the question names: where a short answer must stand when its quote words the relation otherwise.
    anchors: frozenset[str] = frozenset()
    # Statement parts whose asked verb no best evidence sentence says, in its own words or others.
    unsaid: list[Analysis] = field(default_factory=list)
    # Every best sentence only says what is not known ("It is unclear whether ..."): nothing there answers an
    # untyped question ("Was X at the talks?"), whatever it names.
    unknown: bool = False
    # For a statement part asked about something ("What did X say about NATO?"), by index: the best sentence
    # that names it, said by the part's doer, which its answer is read from.
    topical: dict[int, Evidence] = field(default_factory=dict)
    # The articles state the asked quantity differently: the answers are each report's (rag/differ.py).
    differ: bool = False

    @property
    def typed(self) -> bool:
        return bool(self.parts) and all(p.typed for p in self.parts)

    @property
    def answerable(self) -> bool:
        # "What did X and Y sign at their summit?" when no sentence says they signed anything: declined.
        if self.parts and len(self.unsaid) == len(self.parts):
            return False
        if self.unknown:
            return False
        return not self.typed or bool(self.answers)


class Reader(Finder):
    """Reads the best evidence sentences for each part of a question: the best-ranked checked candidate per typed
    part (rag/finder.py finds and checks them), and what answers or declines the untyped ones."""

    def read(self, parts: list[Analysis], ranked: list[tuple[Evidence, Passage]], question_text: str,
             tight: Accept | None = None, rivals: Rivals | None = None,
             per_part: list[tuple[Accept | None, Rivals | None]] | None = None,
             articles: dict[str, str] | None = None) -> Reading:
        """`tight` says whether a sentence meets the question's years, dates and qualifiers close by (its
        neighbours, the title, the date): a short answer must, not merely somewhere in its passage.
        `rivals` says what the clause around a span says against them ("the first quarter" for Q2).
        `per_part`: the two of each part's own, for parts with constraints the whole question lacks ("the first
        and the second rounds" asks of each round apart). `articles`: the retrieved articles' texts, by id."""
        reading = Reading(parts)
        if not ranked:
            reading.missing = [p for p in parts if p.typed]
            return reading
        best = ranked[0][0].score
        pool = [(e, p) for e, p in ranked[:DEFAULT_READER_SENTENCES] if e.score >= best - DEFAULT_READER_MARGIN]
        pool = [(e, p) for e, p in continuations(pool, ranked) if tight is None or tight(e, p)]
        asked = set(relation_stems(question_text))
        years = years_in(question_text)
        # What the question names (its content words), for quotes that word the relation differently.
        anchors = reading.anchors = frozenset(content_stems(question_text))
        # The question's places: a span's clause must not name another place in their stead.
        places = question_places(question_text, self.annotate)
        reading.unsaid = [p for p in parts if not says(p, pool, anchors, self.reworded, self.parse)]
        reading.rejected += [f"no sentence among the best says '{asked_word(p, self.parse)}' or its like" for p in reading.unsaid]
        reading.topical, off_topic, problems = topical(parts, reading.unsaid, ranked, self.parse, articles)
        reading.unsaid += off_topic
        reading.rejected += problems
        taken: set[str] = set()
        # Each retrieved passage once, for counting which articles write a name which way.
        written = {(p.article_id, p.text) for _, p in ranked}
        reading.parts = list(parts)
        for i, part in enumerate(parts):
            # "Which platform ...?": a proper name if the sentences give one that fills the asked slot, else
            # the part is read as the statement it was analysed as.
            named = as_named(part)
            if not part.typed and named is None:
                continue
            part = named or part
            origins = asked_origins(part.text, part.type_noun, self.parse, self.annotate) \
                if part.kind in LOOSE_KINDS else frozenset()
            own_tight, own_rivals = per_part[i] if per_part else (None, rivals)
            own_pool = [(e, p) for e, p in pool if own_tight is None or own_tight(e, p)]
            found = self.candidates(i, part, own_pool, asked, anchors, years, reading.rejected, own_rivals, places,
                                    origins, qualified_of(part))
            if part.kind == "organisation":
                found = not_people(found, self.spans.person_names(ranked), reading.rejected)
            if not found:
                # "Researchers urged ...": no name does the asked verb, a kind of person does.
                found = common_doers(part, i, own_pool, self.parse)
            chosen: list[Candidate] = []
            found = fuller(spelled(found, written))
            if part.kind == "date":
                found = sharpest(with_range(with_day(found)))
            for c in found:
                key = key_of(c.text)
                if key in taken or any(key in t or t in key for t in taken):
                    continue
                if part.plural and chosen and (c.evidence.start, c.evidence.article_id, c.label) != \
                        (chosen[0].evidence.start, chosen[0].evidence.article_id, chosen[0].label):
                    continue  # others of its kind that one sentence names beside the best, not the next best anywhere
                chosen.append(c)
                taken.add(key)
                if len(chosen) == (DEFAULT_PLURAL_ANSWERS if part.plural else part.count):
                    break
            if len(chosen) == 1 and not part.plural and part.count == 1:
                chosen = coordinated(chosen[0], found, self.parse, part.kind == "named")
            if len(parts) == 1 and len(chosen) == 1 and part.kind in DIFFER_KINDS and \
                    (rival := differing(chosen[0], found)) is not None:
                # "nearly two years" in one article, "more than three years" in another: both, said to differ.
                chosen.append(rival)
                reading.differ = True
            if chosen:
                names = self.spans.people(ranked[:DEFAULT_READER_SENTENCES], chosen[0].evidence.article_id)
                reading.answers.extend(replace(c, full=full_name(c, names, part.kind == "person")) for c in chosen)
                reading.parts[i] = part
            elif named is None:
                reading.missing.append(part)
        return reading

    def vague_dates(self, reading: Reading) -> bool:
        """Whether a date answer gives a year or a month alone ("2020")."""
        return any(reading.parts[c.part].kind == "date" and not specific_date(c.text) for c in reading.answers)

    def sharpen(self, reading: Reading, ranked: list[tuple[Evidence, Passage]], question_text: str, best: float,
                tight: Accept | None = None, rivals: Rivals | None = None) -> Reading:
        """Each date answer that gives a year or a month alone replaced by a full date within it ("May 29, 2020"
        for "2020") that the further sentences `ranked` give (from passages retrieval ranked below those read),
        found and checked as read() finds and checks candidates; `best` is the score of the best sentence read."""
        pool = [(e, p) for e, p in ranked[:DEFAULT_READER_SENTENCES] if e.score >= best - DEFAULT_READER_MARGIN
                and (tight is None or tight(e, p))]
        asked, anchors = set(relation_stems(question_text)), frozenset(content_stems(question_text))
        places = question_places(question_text, self.annotate)
        for j, c in enumerate(reading.answers):
            part = reading.parts[c.part]
            if part.kind != "date" or specific_date(c.text) or not pool:
                continue
            found = self.candidates(c.part, part, pool, asked, anchors, years_in(question_text), [], rivals, places,
                                    qualified=qualified_of(part))
            better = next((o for o in found if sharpens(c.text, o.text)), None)
            if better is not None:
                reading.answers[j] = better
        return reading

    def settle(self, reading: Reading, quotes: list[str], question_text: str) -> Reading:
        """Whether the sentences an untyped answer would be read from (`quotes`, the evidence shown) say more
        than that something is not known: if none does, the reading declines (`unknown`)."""
        if quotes and not any(p.typed or p.identity for p in reading.parts) \
                and all(self.hedged(q) for q in quotes) and not asks_unknown(self.parse(question_text)):
            reading.unknown = True
            reading.rejected.append("the evidence only says it is not known (\"it is unclear whether ...\")")
        return reading

    def hedged(self, quote: str) -> bool:
        """The quote's main clause only says something is not known (rag/asserted.py)."""
        return hedged(self.parse(quote))

    def shorten(self, part: Analysis, quote: str, a: int, b: int, words: str) -> list[tuple[int, int]]:
        """quote[a:b] shortened to what it asserts (rag/compress.py): the ranges of the quote to keep, [] when
        nothing is left out. The question's words (`words`, the part's own) say whom it is about."""
        return compress(quote, self.parse(quote), a, b, content_stems(words) | content_stems(part.text))

    def description(self, part: Analysis, quotes: list[tuple[int, str]]) -> tuple[int, int, int, str] | None:
        """For "Who is X?": the first of the numbered quotes that says what X is (rag/describe.py), its number,
        the description's offsets and how it is written ("appositive", "title")."""
        for n, quote in quotes:
            found = description(self.parse(quote), quote, part.identity) if part.identity else None
            if found is not None:
                return (n, *found)
        return None

    def argument(self, part: Analysis, quotes: list[tuple[int, str]]) -> tuple[int, int, int, str] | None:
        """For a statement question that asks for a verb's object ("What would X release?"): the first of the
        numbered quotes that says that verb of the question's subject, its number, the object's offsets and
        the verb."""
        question = self.parse(part.text.rstrip("?") + "?")
        for n, quote in quotes:
            found = argument(self.parse(quote), question)
            if found is not None:
                return (n, *found)
        # "Which services did the outage disrupt?": the small tagger often takes the last verb for a noun after a
        # which-phrase; asked as "What did the outage disrupt?", the object is what it asks for.
        what = _WHICH_OBJECT.sub("What ", part.text, count=1) if part.type_noun else part.text
        if what != part.text:
            return self.argument(replace(part, text=what, type_noun=None), quotes)
        return None
