"""What a span's own clause and title say against the question, on entities from spaCy's real pipeline."""

from rag.contrast import place_rivals, qualified_nouns, qualifier_rivals, question_places
from rag.nlp import entity_spans, parse_question, parse_text


def test_contrast_place_rival_only_where_the_sentence_contrasts_it_with_the_questions_place():
    question = "How far were the troops near Arden from Bellport?"
    places = question_places(question, entity_spans)
    quote = ("Officials say troops operating near Arden are about 30 kilometers from Bellport, and that troops in "
             "Corvale are about 12 kilometers from Bellport.")
    [entities] = entity_spans([quote])
    twelve, thirty = quote.index("about 12 kilometers"), quote.index("about 30 kilometers")
    assert place_rivals(places, quote, entities, twelve, twelve + len("about 12 kilometers"))
    assert place_rivals(places, quote, entities, thirty, thirty + len("about 30 kilometers")) == []
    alone = "Troops in Corvale are about 12 kilometers from Bellport."  # no contrast with Arden: not judged here
    [own] = entity_spans([alone])
    a = alone.index("about 12")
    assert place_rivals(places, alone, own, a, a + len("about 12 kilometers")) == []


def test_contrast_a_noun_the_quote_gives_only_another_nationality_is_not_the_asked_one():
    question = "Who led the Danish delegation in Oslo?"
    asked = qualified_nouns(parse_question(question), None)
    assert asked == {"delegation": "Danish"}

    def rivals(quote: str) -> list[str]:
        return qualifier_rivals(asked, quote, parse_text, entity_spans([quote])[0])

    assert rivals("Minister Anna Berg said a Swedish delegation had also arrived in Oslo.") == \
        ["the quote speaks of the Swedish delegation, not the Danish one"]
    # The asked nationality, a country for it, or a mention without one may be the asked delegation.
    assert rivals("Denmark's delegation was led by Anna Berg.") == []
    assert rivals("The delegation was led by Anna Berg, while a Swedish delegation waited.") == []
    # The asked noun itself ("Which Danish minister ...") is asked_origins' to judge, not this.
    assert qualified_nouns(parse_question("Which Danish minister met Anna Berg?"), "minister") == {}


def test_contrast_a_clause_about_another_company_does_not_answer_for_the_asked_one():
    from rag.contrast import asked_subject, subject_rival
    from rag.nlp import entity_spans, parse_question, parse_text

    asked = asked_subject(parse_question("By what year does Northwind plan to be carbon neutral?"))
    assert asked == frozenset({"northwind"})
    other = "Harbor Media Inc., the largest publisher in town, pledged last year to be carbon neutral by 2040."
    at = other.index("2040")
    assert subject_rival(asked, parse_text(other), other, entity_spans([other])[0], at, at + 4)
    # A sentence that names the asked company, or whose subject is a pronoun or a place, is left alone.
    own = "Northwind plans to be carbon neutral a decade before Harbor Media Inc., by 2030."
    at = own.index("2030")
    assert subject_rival(asked, parse_text(own), own, entity_spans([own])[0], at, at + 4) == []
    pronoun = "It pledged to be carbon neutral by 2030."
    assert subject_rival(asked, parse_text(pronoun), pronoun, entity_spans([pronoun])[0], 33, 37) == []


def test_contrast_a_pronoun_subject_speaks_of_the_company_the_sentence_before_does():
    from rag.contrast import asked_subject, subject_rival

    asked = asked_subject(parse_question("How much carbon did Northwind emit in 2030?"))
    quote = "Including its suppliers, it emitted 12 million tons of carbon in 2030."
    at = quote.index("12 million tons")

    def rival(before: str) -> list[str]:
        return subject_rival(asked, parse_text(quote), quote, entity_spans([quote])[0], at, at + 15,
                             (before, parse_text(before), entity_spans([before])[0]))

    assert rival("Harbor Media Inc. runs a bigger printing business than Northwind.")
    # "It" is the asked company, or the sentence before names no company as its subject.
    assert rival("Northwind runs a bigger printing business than Harbor Media Inc.") == []
    assert rival("The figures were published on Monday.") == []


def test_contrast_reader_takes_no_figure_a_pronoun_gives_another_company():
    from rag.evidence import Evidence
    from rag.question import analyse
    from rag.reader import Reader
    from rag.retrieval import Passage

    before = "Harbor Media Inc. runs a bigger printing business than Northwind. "
    text = before + "Including its suppliers, it emitted 12 million tons of carbon in 2030."

    def read(question: str) -> list[str]:
        passage = Passage("c1", "a1", "Title", None, "a1.txt", 0, text, 0, len(text))
        evidence = Evidence("a1", "Title", None, "a1.txt", text[len(before):], len(before), len(text), 0.9, 0.9, 1.0)
        return [c.text for c in Reader(entity_spans, parse_text).read(analyse(question), [(evidence, passage)],
                                                                       question).answers]

    assert read("How many tons of carbon did Northwind emit in 2030?") == []
    assert read("How many tons of carbon did Harbor Media emit in 2030?") == ["12 million tons"]


def test_contrast_a_clause_in_another_place_where_the_sentence_names_not_the_questions():
    places = question_places("How many floods were recorded in Corvale?", entity_spans)
    assert places == [("Corvale", "GPE", "in")]
    quote = "According to the agency, 312 floods have been recorded in Arden as of Monday."
    [entities] = entity_spans([quote])
    a = quote.index("312")
    assert place_rivals(places, quote, entities, a, a + 3)
    # A country may hold the other place: "in Norway" says nothing against "in Corvale".
    country = "According to the agency, 312 floods have been recorded in Norway as of Monday."
    assert place_rivals(places, country, entity_spans([country])[0], a, a + 3) == []
