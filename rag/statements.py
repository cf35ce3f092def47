"""The short answers of a reading (their sentences are cited first), and statement answers: what the asked
verb takes in a quote, else the clause of the evidence sentence that carries the asked relation
(rag/compose.py words them)."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.asserted import unasserted
from rag.claims import relation_of, uninformative
from rag.compose import ShortAnswer, clause, copies, sentence_for_each, statement_text, typed_text
from rag.compress import joined
from rag.describe import given_name, naming_subject
from rag.evidence import Evidence
from rag.nlp import Token, parse_question, subtree
from rag.paraphrase import same_family
from rag.phrases import noun_phrase
from rag.polarity import yes_or_no
from rag.parts import speaker_terms, unanswered
from rag.question import Analysis
from rag.reader import Reader, Reading
from rag.text import content_stems, relation_stems, word_stems
from rag.titles import same_origin


def short_answers(reading: Reading, evidence: list[Evidence]) -> list[ShortAnswer]:
    """The reader's typed answers, each with the number of the evidence sentence that holds it."""
    def number(article_id: str, start: int, end: int) -> int:
        return next(i for i, e in enumerate(evidence, 1) if e.article_id == article_id and e.start <= start and end <= e.end)

    out = []
    for c in reading.answers:
        n = number(c.evidence.article_id, c.start, c.end)
        if c.full is None:
            out.append(ShortAnswer(c.text, n, c.evidence.article_id, c.start, c.end))
            continue
        named = number(c.full.evidence.article_id, c.full.start, c.full.end)
        out.append(ShortAnswer(c.full.text, n, c.evidence.article_id, c.start, c.end, named_by=named))
    return out


def statement_answers(reader: Reader, parts: list[Analysis], question: str, evidence: list[Evidence],
                      topical: dict[int, Evidence] | None = None, unsaid: list[Analysis] | None = None,
                      typed: dict[int, list[ShortAnswer]] | None = None
                      ) -> tuple[list[ShortAnswer], list[str], list[str], int]:
    """For each part, what the asked verb takes in a quote ("What would X release?": its object there), else
    the clause of the sentence that speaks most of that part, carrying its relation, shortened to what it
    asserts (rag/compress.py); with the answer's pieces of text, the checks the verbs' arguments passed and
    how many pieces quote their sentence at length. `topical`: by part index, the sentence that names what the
    part asks about (Reading.topical), which that part is read from; `unsaid`: parts no best sentence says
    (Reading.unsaid), which are said to be unanswered instead when another part is answered; `typed`: by part
    index, the short answers the reader found for a typed part beside untyped ones ("How many X, and what was
    Y?"), which answer that part as they would alone."""
    quotes = [e.quote for e in evidence]
    # A sentence that only says something is not known ("It remains unclear who ...") answers nothing it
    # leaves open: the best sentence that says something is read instead, when there is one.
    first = next((n for n, q in enumerate(quotes, 1) if not reader.hedged(q)), 1)
    plan = [(n, a.relation, a.text) for n, a in zip(sentence_for_each([a.text for a in parts], quotes), parts)] \
        if len(parts) > 1 else [(first, relation_of(parts), question)]
    for i, e in (topical or {}).items():
        n = next((n for n, o in enumerate(evidence, 1) if _same_sentence(o, e)), None)
        if n is not None and i < len(plan):
            plan[i] = (n, *plan[i][1:])
    shorts: list[ShortAnswer] = []
    pieces: list[str] = []
    argued: list[str] = []
    quoted = 0
    for i, ((n, relation, words), part) in enumerate(zip(plan, parts)):
        if (typed or {}).get(i):
            shorts.extend(typed[i])
            pieces.append(typed_text(typed[i], []))
            continue
        # A typed part the reader found no answer for ("..., and when will services return?") is unanswered: a
        # clause of a sentence with no date in it does not answer it.
        if len(parts) > 1 and (part in (unsaid or []) or part.typed):
            pieces.append(unanswered(part.text))
            continue
        # One part among several is read only in the sentence planned for it, which speaks of that part.
        among = list(enumerate(quotes, 1)) if len(parts) == 1 else [(n, quotes[n - 1])]
        described = reader.description(part, among) if part.identity else None
        if described is not None:
            n, a, b, how = described
            e = evidence[n - 1]
            shorts.append(ShortAnswer(e.quote[a:b], n, e.article_id, e.start + a, e.start + b))
            pieces.append(f"{part.identity}: {e.quote[a:b]} [{n}].")
            argued.append(f"'{e.quote[a:b]}' is what quote [{n}] calls {part.identity} (the {how} of the name)")
            continue
        if part.identity:
            # "Who is X?": a sentence that only names X, or says what X did, does not say who X is.
            if len(parts) > 1:
                pieces.append(unanswered(part.text))
            continue
        subject = naming_subject(part.text + "?")
        given = next(((n, *g) for n, q in among if (g := given_name(q, subject))), None) if subject else None
        if given is not None:
            n, a, b = given
            e = evidence[n - 1]
            shorts.append(ShortAnswer(e.quote[a:b], n, e.article_id, e.start + a, e.start + b))
            pieces.append(f"{e.quote[a:b]} [{n}].")
            argued.append(f"'{e.quote[a:b]}' is the name quote [{n}] gives {subject}")
            continue
        found = reader.argument(replace(part, text=words), among) if part.kind == "statement" else None
        took = "is what '{}' takes in quote [{}], said of the question's subject and not denied there"
        if found is None:
            found = asked_noun_phrase(reader, part, among)
            took = "is the phrase of '{}' in quote [{}], the asked " + f"{part.type_noun}, not denied there"
        if found is not None:
            n, a, b, verb = found
        elif _of_another(reader, part, quotes[n - 1]):
            continue  # the sentence says the asked verb of something else than the asked noun
        else:
            a, b = clause(quotes[n - 1], relation, set(word_stems(words)) - speaker_terms(words))
            if part.kind == "yesno" and not _names_subject(part, quotes[n - 1][a:b]):
                continue  # "Did Ukraine take part ...?": a clause that never names Ukraine answers nothing of it
        e = evidence[n - 1]
        if any((o.citation, o.start) == (n, e.start + a) for o in shorts):
            continue
        # "Did the talks yield details?": "No" when the clause plainly denies the asked verb of what the question
        # names, "Yes" when it plainly says it; nothing when it words either otherwise (rag/polarity.py).
        polar = yes_or_no(reader.parse(e.quote), e.quote, a, b, part, parse_question(part.text.rstrip("?") + "?").tokens)
        lead = f"{polar}: " if polar else ""
        if polar:
            argued.append(f"'{polar}': quote [{n}] {'denies' if polar == 'No' else 'says'} the asked verb of what "
                          f"the question names, unhedged")
        kept = reader.shorten(part, e.quote, a, b, words) if found is None else []
        if len(kept) == 1:
            a, b = kept[0]
        # Words of the quote in its order, with what only framed them left out: said, not quoted.
        text = joined(e.quote, kept) if len(kept) > 1 else e.quote[a:b]
        if found is None and not polar and _restates(text, words):
            continue  # (a clause that says the yes/no question back plainly answers it)
        if len(kept) > 1:
            shorts.append(ShortAnswer(text, n, e.article_id, e.start + kept[0][0], e.start + kept[-1][1],
                                      tuple((e.start + x, e.start + y) for x, y in kept)))
            pieces.append(f"{lead}{text} [{n}].")
            quoted += copies(text, quotes)
            continue
        shorts.append(ShortAnswer(text, n, e.article_id, e.start + a, e.start + b))
        if found is None:
            pieces.append(lead + statement_text(text, n))
            quoted += 1
            continue
        pieces.append(f"{text} [{n}].")
        argued.append(f"'{text}' " + took.format(verb, n))
    return shorts, pieces, argued, quoted


def asked_noun_phrase(reader: Reader, part: Analysis, quotes: list[tuple[int, str]]) -> tuple[int, int, int, str] | None:
    """For "Which celebration ...?", "What part ...?" when nothing types the noun: the first of the numbered quotes
    with a noun phrase headed by the asked noun, or by a word the embedder places near it ("parade", "role"), that
    says more than the question; its number, offsets and head noun."""
    if part.kind != "statement" or not part.type_noun:
        return None
    asked = content_stems(part.text)
    # "Which Android developer forum ...?" asks of a forum so described: "online forums" is another.
    described = _modifiers(parse_question(part.text.rstrip("?") + "?").tokens, part.type_noun)
    found_first = None
    for n, quote in quotes:
        tokens = reader.parse(quote)
        for i, t in enumerate(tokens):
            if t.pos != "NOUN" or not (t.lemma == part.type_noun or reader.reworded.words(t.text, (part.type_noun,))):
                continue
            if _verb_elsewhere(tokens, i, part.verb):
                continue
            # "a new feature" says nothing the question does not; "a new feature that makes it look like ..." does.
            for found in (noun_phrase(tokens, i), noun_phrase(tokens, i, with_clause=True)):
                if found is None or unasserted(tokens, quote, *found) is not None:
                    continue
                said = set(content_stems(quote[found[0] : found[1]]))
                if not described <= said:
                    continue
                if said - asked - uninformative():
                    if _names(tokens, *found):
                        return n, found[0], found[1], t.text
                    if part.verb and found[1] <= tokens[i].start + len(tokens[i].text) and \
                            not reader.reworded.anywhere(quote, part.relation_words, frozenset()):
                        # "restore normal service" names a kind of service and says nothing of which were affected.
                        continue
                    found_first = found_first or (n, found[0], found[1], t.text)
    return found_first


def _modifiers(tokens: tuple[Token, ...], noun: str) -> set[str]:
    """Stems of the words the question puts before its asked noun to say which kind ("Android developer")."""
    heads = [i for i, t in enumerate(tokens) if t.lemma == noun and t.pos in ("NOUN", "PROPN")]
    return {s for i in heads[:1] for t in tokens if t.head == i and t.dep in ("compound", "amod")
            for s in content_stems(t.text)}


def _names(tokens: tuple[Token, ...], a: int, b: int) -> bool:
    """Whether the phrase at quote[a:b] names which one it is (a proper noun, a number, a quoted name): "online
    forums" says only what kind, "a forum for Android developers" which one, and a later phrase that names is
    read before an earlier one that does not."""
    return any(a <= t.start < b and (t.pos in ("PROPN", "NUM") or t.text in _QUOTE_MARKS) for t in tokens)


_QUOTE_MARKS = frozenset('"“”')


def _names_subject(part: Analysis, quote: str) -> bool:
    """Whether the quote names the yes/no question's subject, where that is a proper name ("Did *Ukraine* take
    part ...?"): by one of its words, or by the nationality made from it ("Ukrainian")."""
    tokens = parse_question(part.text.rstrip("?") + "?").tokens
    subject = next((i for i, t in enumerate(tokens) if t.dep in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return True
    names = [tokens[i].text for i in sorted(subtree(tokens, subject)) if tokens[i].pos == "PROPN"]
    if not names:
        return True
    words = re.findall(r"[\w’'-]+", quote)
    return any(same_origin(name, word) for name in names for word in words)


def _of_another(reader: Reader, part: Analysis, quote: str) -> bool:
    """Whether the quote names the asked noun and says the asked verb, but never of it: "with affected users
    turning to alternative platforms" does not say which platforms were affected."""
    if not part.type_noun:
        return False
    tokens = reader.parse(quote)
    nouns = [i for i, t in enumerate(tokens) if t.pos == "NOUN" and t.lemma == part.type_noun]
    return bool(nouns) and all(_verb_elsewhere(tokens, i, part.verb) for i in nouns)


def _verb_elsewhere(tokens: tuple[Token, ...], i: int, verb: str | None) -> bool:
    """Whether the quote says the asked verb only of something else than the noun at i: in "affected users
    turning to alternative platforms" the users are affected, not the platforms ("Which platforms were
    affected?"). False when the quote does not say it (a noun phrase may answer without the verb)."""
    if not verb:
        return False
    said = [j for j, t in enumerate(tokens) if t.pos in ("VERB", "ADJ", "NOUN") and j != i
            and any(same_family(verb, s) for s in relation_stems(t.lemma))]
    while tokens[i].dep == "conj" and tokens[i].head != i:
        i = tokens[i].head  # "Facebook, Instagram and Messenger": the coordination's first noun
    head = tokens[i].head
    # The noun is the verb's own argument ("affected three platforms"), in its phrase ("by the outage"), or the
    # verb qualifies it ("platforms affected by ...", "affected platforms"); not a noun deeper in another.
    own = {head, tokens[head].head if tokens[i].dep == "pobj" else head}
    return bool(said) and not any(j in own or tokens[j].head == i for j in said)


def _restates(statement: str, question: str) -> bool:
    """A statement that says at most one word the question does not ("The sixteenth EU sanctions package was
    announced" for "What did the sixteenth EU sanctions package target?"): the question back, not its answer."""
    return len(set(content_stems(statement)) - set(content_stems(question)) - uninformative()) < DEFAULT_NEW_WORDS


# Content words a statement answer must add to the question's: one is a verb at most ("was announced").
DEFAULT_NEW_WORDS = 2


def with_topical(evidence: list[Evidence], reading: Reading) -> list[Evidence]:
    """The evidence, and each sentence a statement part is read from for its topic (Reading.topical) that it
    lacks."""
    out = list(evidence)
    for e in reading.topical.values():
        if not any(_same_sentence(o, e) for o in out):
            out.append(e)
    return out


def _same_sentence(a: Evidence, b: Evidence) -> bool:
    return (a.article_id, a.start) == (b.article_id, b.start)


def cited_first(evidence: list[Evidence], reading: Reading, k: int) -> list[Evidence]:
    """The sentences holding the short answers come first (they are cited), then the best others."""
    out: list[Evidence] = []
    named = [c.full.evidence for c in reading.answers if c.full is not None]
    for e in [c.evidence for c in reading.answers] + named + evidence:
        if any(o.article_id == e.article_id and o.start <= e.start < o.end for o in out):
            continue
        out.append(e)
    return out[: max(k, len(reading.answers) + len(named))]
