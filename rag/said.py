"""Whether the best evidence says what a statement question asks, before any clause of it is quoted.

"What did Trump and Putin sign at their summit?" is not answered by sentences about a summit that signed
nothing, and "What is the year-end No 1 in tennis?" not by a sentence about another title. The asked verb
(or, with no verb, the relation's nouns) must be said by the best sentence, in its own words or others
(rag/paraphrase.py), or as a verb by one of the few best.
"""

from __future__ import annotations

import re

from rag.about import About, asked_about, asked_speaker, speaks_of
from rag.describe import given_name, naming_subject
from rag.evidence import Evidence
from rag.nlp import Parse, Token, subtree
from rag.paraphrase import RelationWords, communication, same_family
from rag.phrasal import LIGHT_VERBS
from rag.question import Analysis
from rag.retrieval import Passage
from rag.text import relation_stems

_DATE_PREPOSITIONS = {"on", "in", "at", "last", "this", "early", "late"}
_MANNER = re.compile(r"\b(how|why)\b", re.I)
_WORDS = re.compile(r"[\w'’-]+")
# A statement question's verb must be said by the best sentence (its answer's clause is read there), in its own
# words or others, or as a verb by one of this many best sentences (the local model's evidence count).
DEFAULT_STATEMENT_SENTENCES = 3
# How deep in the ranked sentences a statement part's topic is looked for: the depth a part of a multi-part
# question looks for a sentence of its own (rag/evidence.py DEFAULT_PART_SENTENCES), as a pronoun's sentence
# ("He believes China ...") ranks below those that name the speaker.
DEFAULT_TOPIC_SENTENCES = 20
# How far back a pronoun's sentence looks for the one it stands for: two or three news sentences.
DEFAULT_ANTECEDENT_CHARS = 400


def says(part: Analysis, pool: list[tuple[Evidence, Passage]], anchors: frozenset[str], reworded: RelationWords,
         parse: Parse) -> bool:
    """Whether a statement part's asked relation is said by the best of these sentences (True for other parts).
    `anchors`: the question's content words, which do not count as saying it otherwise."""
    if naming_subject(part.text.rstrip("?") + "?") is not None:
        return True  # the sentence that gives the name is looked for among more (topical)
    nouns = _asked_nouns(part, parse)
    if nouns is not None:
        return any(reworded.anywhere(e.quote, nouns, anchors) for e, _ in pool[:1])
    if part.kind != "statement" or not part.verb or not part.relation_words or part.verb in communication():
        return True  # what someone said is often reported without a verb of saying beside it
    if _MANNER.search(part.text):
        return True  # "How did X rate Y?" is answered by how it stands ("at a three"), not by the verb
    if any(reworded.anywhere(e.quote, part.relation_words, anchors) for e, _ in pool[:1]):
        return True
    # Another of the best sentences may say it, as a verb (where the asked verb's argument is read).
    asked = {x for w in part.relation_words for x in relation_stems(w)}
    return any(t.pos == "VERB" and any(same_family(x, y) for x in asked for y in relation_stems(t.lemma))
               for e, _ in pool[:DEFAULT_STATEMENT_SENTENCES] for t in parse(e.quote))


def about_sentence(part: Analysis, ranked: list[tuple[Evidence, Passage]], parse: Parse,
                   articles: dict[str, str] | None = None) -> tuple[About | None, Evidence | None]:
    """What a statement part's verb is asked about ("What did X say about NATO?"), and the sentence that names
    most of it, said by the part's doer; (None, None) for parts with no such topic. What X said of a peace
    plan does not answer it, nor what someone else said of NATO. `articles`: texts by id, where a pronoun's
    sentence looks back for whom it stands for (else the retrieved passages)."""
    about = asked_about(parse(part.text)) if part.kind == "statement" else None
    if about is None and part.kind == "statement" and part.verb in communication():
        # "What do security experts tell users ...?" is answered by what they say, not by the best sentence when
        # that names no such speaker (nor a pronoun after them) and one near it does.
        about = asked_speaker(parse(part.text), communication())
        if about is None or not ranked or speaks_of(ranked[0][0].quote, _before(ranked[0][0], ranked, articles or {}),
                                                    about):
            return None, None
    if about is None:
        return None, None
    # The sentence that names most of the topic ("US aid" over "US"), the best-ranked among equals.
    found = [(-len(about.topic & set(relation_stems(e.quote))), n, e)
             for n, (e, _) in enumerate(ranked[:DEFAULT_TOPIC_SENTENCES])
             if speaks_of(e.quote, _before(e, ranked, articles or {}), about)]
    return about, min(found, key=lambda f: f[:2])[2] if found else None


def topical(parts: list[Analysis], unsaid: list[Analysis], ranked: list[tuple[Evidence, Passage]], parse: Parse,
            articles: dict[str, str] | None) -> tuple[dict[int, Evidence], list[Analysis], list[str]]:
    """For each statement part asked about something (and not already unsaid), by index, the sentence its answer
    is read from (about_sentence); the parts no sentence speaks of, and what was looked for, to say so."""
    found: dict[int, Evidence] = {}
    missing: list[Analysis] = []
    problems: list[str] = []
    for i, part in enumerate(parts):
        if part in unsaid:
            continue
        named = naming_subject(part.text.rstrip("?") + "?")
        if named is not None:
            # "What is the ransomware called?" is said by "the ransomware, dubbed X": verbs of naming word each other,
            # and the noun "name" ("What is the name of the ransomware?"); a pattern this exact may rank low.
            hit = next((e for e, _ in ranked[:DEFAULT_TOPIC_SENTENCES] if given_name(e.quote, named)), None)
            if hit is not None:
                found[i] = hit
            else:
                missing.append(part)
                problems.append(f"no sentence among the best gives {named} a name")
            continue
        about, hit = about_sentence(part, ranked, parse, articles)
        if hit is not None:
            found[i] = hit
        elif about is not None:
            missing.append(part)
            problems.append(f"no sentence among the best speaks of {', '.join(sorted(about.topic))}, "
                            f"said by {', '.join(sorted(about.speaker)) or 'its subject'}")
    return found, missing, problems


def _before(e: Evidence, ranked: list[tuple[Evidence, Passage]], articles: dict[str, str]) -> str:
    """The text of the article just before the sentence, where the one a pronoun stands for was last named: from
    the article, else whichever retrieved passage reaches furthest back (the sentence may open its own)."""
    if articles.get(e.article_id):
        return articles[e.article_id][max(0, e.start - DEFAULT_ANTECEDENT_CHARS):e.start]
    out = ""
    for _, p in ranked:
        if p.article_id == e.article_id and p.start < e.start <= p.end:
            text = p.text[max(0, e.start - p.start - DEFAULT_ANTECEDENT_CHARS):e.start - p.start]
            out = text if len(text) > len(out) else out
    return out


def asked_word(part: Analysis, parse: Parse) -> str:
    """The word the check looked for, to say so."""
    return part.relation_words[0] if part.relation_words else next(iter(_asked_nouns(part, parse) or ()), "")


def _asked_nouns(part: Analysis, parse: Parse) -> tuple[str, ...] | None:
    """For a statement question of "be" alone, the nouns the best sentence must say; None for other questions.
    "What is the year-end No 1 in tennis?": with no verb, the relation's nouns must be said; the subject noun
    when it has one ("What was the weather like during the talks?" asks of the weather, and a sentence about
    the talks does not say it)."""
    tokens = parse(part.text) if part.kind == "statement" and not part.verb and part.relation else ()
    if not tokens or not _copular(tokens):
        return None
    subject = _subject_noun(tokens)
    return (subject,) if subject else _relation_nouns(part)


def _relation_nouns(part: Analysis) -> tuple[str, ...]:
    """The question's words that carry the relation, as written."""
    return tuple(w for w in _WORDS.findall(part.text) if set(relation_stems(w)) & part.relation)


def _subject_noun(tokens: tuple[Token, ...]) -> str | None:
    """The copula's subject noun, as written: what "What was the X like?" asks of, though it types the answer
    rather than naming a relation ("fare" of "the ferry fare": a sentence of the ferry alone does not say it);
    None when the subject is no common noun."""
    return next((t.text for t in tokens if t.dep == "nsubj" and t.pos == "NOUN" and tokens[t.head].lemma == "be"
                 and tokens[t.head].head == t.head), None)


def _copular(tokens: tuple[Token, ...]) -> bool:
    """A question of "be" alone ("What is X's Y?"); with "do" it has a verb the parser may have missed."""
    lemmas = {t.lemma for t in tokens}
    return "be" in lemmas and "do" not in lemmas


def _dated(tokens: tuple[Token, ...], inside: list[int], a: int, b: int) -> tuple[int, int] | None:
    """The head token of the date at quote[a:b] (its tokens `inside`), and the word it is the time of: its head,
    past a preposition ("on August 28" -> "begin")."""
    root = next((i for i in inside if not a <= tokens[tokens[i].head].start < b), None)
    if root is None:
        return None
    head = tokens[root].head
    if tokens[head].pos == "ADP" and tokens[root].dep == "pobj":
        head = tokens[head].head
    return root, head


# Verbs that say only that their subject happened: "the talks *happened* on Monday" says no more than "the talks".
# ("take place" is glossed as "hold", a light verb: rag/phrasal.py.)
_OCCURRING = frozenset({"happen", "occur"})


def dates_other(tokens: tuple[Token, ...], a: int, b: int, part: Analysis, reworded: RelationWords) -> str | None:
    """The verb of the clause a date at quote[a:b] is the time of, when that clause says nothing of the asked
    verb: "When did Meta fix the outage?" is not answered by when "the outage disrupted access". The clause
    must hold a word of the asked verb's family, or a verb for it (or a light verb's object noun: "held a call");
    an asked light verb ("When were the talks *held*?") says no more than its event noun, so that noun is enough.
    None when it does, or when the date hangs on no verb or stands beside a verb of saying (when_said reads those)."""
    if not part.verb or not part.relation_words:
        return None
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    found = _dated(tokens, inside, a, b)
    head = found[1] if found is not None else None
    while head is not None and tokens[head].pos == "ADP" and tokens[head].head != head:
        head = tokens[head].head  # "detected *as of* Monday"
    if head is None or tokens[head].pos != "VERB":
        return None
    if any(0 <= i < len(tokens) and set(relation_stems(tokens[i].lemma)) & communication()
           for i in (head, inside[0] - 1, inside[0] - 2, inside[-1] + 1)):
        return None
    # The verbs above it are the clause's too: an infinitive or gerund's ("Reports *began* emerging on Friday"), and
    # the one the parser hung a date on a clause below instead ("aims to *remove* more carbon than it emits by 2030").
    above, j = [], head
    while tokens[j].head != j:
        j = tokens[j].head
        if tokens[j].pos in ("VERB", "AUX"):
            above.append(j)
    clause = sorted(subtree(tokens, head) - set(inside)) + above
    # Verbs of occurring say no more than their event noun, as light verbs do ("When did the talks happen?").
    light = bool(set(part.relation_words) & (LIGHT_VERBS | _OCCURRING))
    for i in clause:
        stems = relation_stems(tokens[i].lemma) + relation_stems(tokens[i].text)
        # The object of a light verb in the quote says what happened: "held a telephone *conversation*" spoke.
        eventive = tokens[i].pos == "VERB" or (tokens[i].dep == "dobj" and tokens[tokens[i].head].lemma in LIGHT_VERBS)
        if any(same_family(part.verb, s) for s in stems) or (light and set(stems) & part.topic) or \
                (eventive and reworded.words(tokens[i].text, part.relation_words)):
            return None
    return tokens[head].text


def when_said(tokens: tuple[Token, ...], a: int, b: int, verb: str | None) -> str | None:
    """The verb of saying that a date at quote[a:b] is the time of ("Microsoft said *on Thursday* it aims to
    remove more carbon by 2030": Thursday is when it said so), or None. News dates its reports this way in
    nearly every story; that date answers "when did X say" but not "when does X plan to ..."."""
    if verb is not None and verb in communication():
        return None
    inside = [i for i, t in enumerate(tokens) if a <= t.start < b]
    found = _dated(tokens, inside, a, b)
    if found is None:
        return None
    head = found[1]
    # Beside the verb of saying, whatever the parser hangs the date on (it often takes the next verb):
    # "said on Thursday it aims ...", "Microsoft on Thursday reiterated ...".
    before = inside[0] - 1 - (inside[0] > 0 and tokens[inside[0] - 1].lower in _DATE_PREPOSITIONS)
    after = inside[-1] + 1
    for i in (head, before, after):
        if 0 <= i < len(tokens) and i not in inside and tokens[i].pos == "VERB" \
                and set(relation_stems(tokens[i].lemma)) & communication():
            return tokens[i].text
    return None


def when_another(tokens: tuple[Token, ...], a: int, b: int, verb: str | None,
                 otherwise: frozenset[str] = frozenset()) -> str | None:
    """The quote's other verb that a date at quote[a:b] is the time of, when the quote says the asked verb
    elsewhere: in "Rocket Pass 4 will begin on August 28 and ends on December 4" August 28 is when it
    begins, not when it ends. None when the date is the asked verb's, or the quote does not say that verb.
    `otherwise`: the quote's words that say the asked verb in other words ("ends" for "expire")."""
    found = _dated(tokens, [i for i, t in enumerate(tokens) if a <= t.start < b], a, b) if verb is not None else None
    if found is None:
        return None
    root, head = found

    def asked(i: int) -> bool:
        return tokens[i].lower in otherwise or any(same_family(verb, s) for s in relation_stems(tokens[i].lemma))

    if tokens[head].pos != "VERB" or asked(head) or set(relation_stems(tokens[head].lemma)) & communication():
        return None
    said = [w for w, t in enumerate(tokens) if t.pos == "VERB" and asked(w)]
    return tokens[head].text if said and not any(root in subtree(tokens, w) for w in said) else None
