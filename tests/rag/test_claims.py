"""The bounds a statement answer keeps, on invented sentences."""

from rag.claims import quote_worded
from rag.verify import CheckedSentence


def _sentence(text: str, cited: list[int]) -> CheckedSentence:
    return CheckedSentence(text=text, cited=cited, supported=True, problems=[])


def test_claims_a_small_models_sentence_may_only_use_its_quotes_words():
    quotes = ["Ana Ruiz, the 2030 Harbour Open champion, opened the new courts on Monday."]
    assert quote_worded(_sentence("Ana Ruiz opened the new courts [1].", [1]), quotes)
    # "year-end No. 1" and "tennis" are nobody's words: the model made the claim.
    assert not quote_worded(_sentence("The year-end No. 1 in tennis in 2031 was Ana Ruiz [1].", [1]), quotes)
    # A word from another, uncited quote does not count.
    assert not quote_worded(_sentence("Ana Ruiz opened the stadium [1].", [1]), quotes + ["The stadium is new."])


def test_claims_a_small_models_sentence_keeps_who_does_each_verb():
    from rag.claims import doers_kept
    from rag.nlp import parse_text
    from rag.verify import CheckedSentence

    def kept(text: str, quote: str) -> bool:
        return doers_kept(CheckedSentence(text, (1,), True, 0, ()), [quote], parse_text)

    quote = "Maria Lopez, an aide to the mayor, noted, “It remains hard to set a date for the vote.”"
    assert not kept("Maria Lopez, an aide to the mayor, remains hard to set a date for the vote.", quote)
    assert kept("Maria Lopez noted that a date for the vote remains hard to set.", quote)
    port = "Harbor Media said on Monday that it would lower its fees."
    assert kept("The company will lower its fees.", port)  # a common noun is not checked
    assert not kept("Maria Lopez said it would lower its fees.", port)
    # A passive's "by" phrase names its doer outright, common noun or not, and only a quote that gives the verb
    # that doer confirms it.
    wall = "The old sea wall has, for a century, protected the harbour against storms, but rising seas could break it."
    assert not kept("The harbour has been protected against storms by rising seas.", wall)
    assert kept("The harbour has been protected against storms by the old sea wall.",
                "The harbour has been protected against storms by the old sea wall for a century.")


def test_claims_a_small_models_sentence_keeps_each_name_beside_its_verb():
    from rag.claims import names_beside_their_verbs
    from rag.nlp import parse_text
    from rag.verify import CheckedSentence

    def kept(text: str, quote: str) -> bool:
        return names_beside_their_verbs(CheckedSentence(text, (1,), True, 0, ()), [quote], parse_text)

    quote = ("Riders have demanded that the operator stop selling tickets to tour groups. "
             "Northwind in 2030 signed a deal to carry freight for Harbor Media.")
    # The name comes from the sentence beside, which says nothing of selling.
    assert not kept("Riders demanded that the operator stop selling tickets to Harbor Media.", quote)
    assert kept("Northwind signed a deal to carry freight for Harbor Media.", quote)
    # A name inside another noun's phrase is that noun's, which a quote refers back to in other words.
    assert kept("The talks between Northwind and Harbor Media took place in Oslo.",
                "On May 3, Northwind and Harbor Media convened for talks. This meeting takes place in Oslo.")
    # Any verb of saying stands for another.
    assert kept("Anna Berg said the pier would close.", "Anna Berg told reporters the pier would close.")


def test_claims_a_small_models_sentence_must_say_the_asked_verb():
    from rag.claims import small_draft_stands
    from rag.nlp import parse_text
    from rag.paraphrase import RelationWords
    from rag.question import analyse

    words = RelationWords(None)  # derived forms only: no embedder in this unit test

    def stands(text: str) -> bool:
        return small_draft_stands(CheckedSentence(text, (1,), True, 0, ()), [quote], [], analyse(question), question,
                                  parse_text, lambda said, asked: bool(words.anywhere(said, asked, frozenset())))

    quote = "Inspectors found the leak with a diver in May. If the pier closes, the ferry cannot dock."
    question = "How did inspectors find the leak?"
    # A true sentence of the quotes that says nothing of finding does not answer.
    assert not stands("If the pier closes, the ferry cannot dock.")
    assert stands("Inspectors found the leak with a diver in May.")


def test_claims_a_sentence_that_only_says_the_question_back_answers_nothing():
    from rag.claims import echoes

    question = "What is changing in the ferry timetable?"
    assert echoes("The ferry timetable is changing.", question)
    # A modifier that says which one no more than "the" does adds nothing.
    assert echoes("The new ferry timetable is changing.", question)
    assert not echoes("The ferry timetable drops the night crossings.", question)
