"""Phrasal verbs read with their one-word glosses (spaCy's real parse of invented questions)."""

from rag.nlp import parse_question
from rag.phrasal import glosses
from rag.question import analyse


def _glosses_of(question: str, verb: str) -> tuple[str, ...]:
    tokens = parse_question(question).tokens
    return glosses(tokens, next(i for i, t in enumerate(tokens) if t.lower == verb))


def test_phrasal_a_verb_and_its_particle_are_glossed():
    assert _glosses_of("When did the Skyline phone come out?", "come") == ("release", "publish")
    assert _glosses_of("When did the Harbour Awards take place?", "take") == ("hold", "happen")
    assert _glosses_of("Which ferry apps went down on Friday?", "went") == ("fail", "crash")
    assert _glosses_of("What technology does the ferry app rely on?", "rely") == ("use", "depend")
    # The verb without its particle, or with another, is no phrasal verb of the list.
    assert _glosses_of("When did the ferry come to Lakeside?", "come") == ()
    assert _glosses_of("Who took the photo?", "took") == ()


def test_phrasal_the_asked_relation_takes_the_glosses():
    [part] = analyse("When did the Skyline phone come out?")
    assert part.kind == "date" and "releas" in part.relation and "release" in part.relation_words
    [plain] = analyse("When did the ferry come to Lakeside?")
    assert "releas" not in plain.relation


def test_phrasal_a_quote_that_writes_a_phrasal_verb_words_the_relation_it_glosses():
    from rag.paraphrase import RelationWords

    quote = "The Harbour Cup final will take place at Lakeside Arena in Tampa."
    a = quote.index("Lakeside Arena")
    words = RelationWords(None)
    assert words.expressing(quote, a, a + len("Lakeside Arena"), ("hold",), frozenset()) == ["take"]
    assert words.expressing(quote, a, a + len("Lakeside Arena"), ("win",), frozenset()) == []
    assert words.anywhere("The new Skyline phone came out on May 4.", ("release",), frozenset()) == ["came"]



def test_phrasal_a_light_verb_is_glossed_by_its_object_noun():
    assert _glosses_of("Where did the mayors hold a crisis gathering?", "hold") == ("gathering",)
    assert _glosses_of("When did the minister pay a visit to Lakeside?", "pay") == ("visit",)
    # A light verb without an object noun, or a verb that means what it says, is not.
    assert _glosses_of("Who holds the record?", "holds") == ("record",)
    assert _glosses_of("Who won the Harbour Cup?", "won") == ()
    [part] = analyse("Where did the mayors hold a crisis gathering?")
    assert part.relation_words == ("hold", "gathering")



def test_phrasal_play_a_role_is_asked_as_the_role():
    # "What role did X play?": reports write "X's role as host", seldom "played".
    assert _glosses_of("What role did the harbour council play in the talks?", "play") == ("role",)
    [part] = analyse("What role has the harbour council played in the talks?")
    assert part.relation_words == ("play", "role")


def test_phrasal_a_verb_of_regarding_is_glossed_by_what_it_regards_as():
    # "see X as its main rival": the view's content is the rival, which reports word their own way.
    assert _glosses_of("Which port does the council see as its main rival?", "see") == ("main", "rival")
    assert _glosses_of("Which town is regarded as the safest harbour?", "regarded") == ("safe", "harbour")
    assert _glosses_of("Who did the council see at the harbour?", "see") == ()


def test_phrasal_what_a_verb_of_describing_describes_it_as():
    from rag.phrasal import regarded_as

    tokens = parse_question("Who described the ferry talks as an important step?").tokens
    assert regarded_as(tokens, next(i for i, t in enumerate(tokens) if t.lower == "described")) == ("important", "step")
    [part] = analyse("Who described the ferry talks as an important step?")
    assert part.regarded_as == ("important", "step") and part.relation_words == ("describe",)
