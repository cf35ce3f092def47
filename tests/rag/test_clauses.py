"""What the clause around a span says against the question's constraints (pure functions and spaCy's real parse, invented
sentences)."""

from rag.clauses import asked_parts, clause_rivals, own_years, part_rivals, restated
from rag.constraints import constraints_of
from rag.nlp import parse_text
from rag.question import analyse


def test_clauses_the_clause_around_a_span_may_speak_against_the_question():
    asked = constraints_of("What was Harbor Media's revenue in Q2 2031?")
    text = "Harbor Media Q2 2031 results. Analysts expected first-quarter revenue of $3 billion, and more later."
    a = text.index("$3 billion")
    assert clause_rivals(asked, text, a, a + len("$3 billion")) == [
        "the clause around '$3 billion' speaks of Q1, not quarter Q2"]
    ok = "Second-quarter revenue was $4 billion, after $3 billion in the first quarter."
    a = ok.index("$4 billion")
    assert clause_rivals(asked, ok, a, a + len("$4 billion")) == []
    dated = "Lopez became the first local winner since Anna Berg in 1998."
    assert clause_rivals(constraints_of("Who won in 2031?"), dated, 0, 5) == []  # years: not this rule's
    # A thousands separator does not end the clause.
    split = "Harbor Media Q2 2031 results. First-quarter revenue was $3,400 million, analysts said."
    b = split.index("400 million")
    assert clause_rivals(asked, split, b, b + 11) == ["the clause around '400 million' speaks of Q1, not quarter Q2"]


def test_clauses_a_part_won_is_not_the_whole_asked_about():
    def problems(question, sentence, span):
        a = sentence.index(span)
        return part_rivals(asked_parts(question), sentence, a, a + len(span))

    assert problems("Who won the Lakeside Rally?", "Anna Berg wins stage 13 of the Lakeside Rally.", "Anna Berg")
    # A bracketed aside does not end the clause.
    assert problems("Who won the Lakeside Rally?", "Tom Reed (Team Harbour) took the final stage of the rally.",
                    "Tom Reed")
    # Another clause may speak of a part; and a question about a part is answered by that part.
    assert problems("Who won the Lakeside Rally?",
                    "After 21 stages, Anna Berg stood atop the podium as the rally's champion.", "Anna Berg") == []
    assert problems("Who won the final stage of the rally?", "Tom Reed took the final stage of the rally.",
                    "Tom Reed") == []
    assert problems("Who won the Lakeside Rally?", "Anna Berg won the Lakeside Rally.", "Anna Berg") == []
    # A clause after a colon is about the label before it.
    schedule = "Harbour Tales season 3 schedule · Season 3, Chapter 9: Airs Friday, May 4, 2031 · Finale"
    assert problems("When did Harbour Tales season 3 begin?", schedule, "Friday, May 4, 2031")
    assert problems("When did Harbour Tales season 3 begin?", "Season 3: Airs Friday, May 4, 2031", "Friday, May 4, 2031") == []


def test_clauses_a_span_that_only_restates_the_questions_dates_is_no_answer():
    asked = constraints_of("When was the Harbor Media Q3 2031 revenue reported?")

    def problems(sentence, span):
        a = sentence.index(span)
        return restated(asked, sentence, a, a + len(span))

    sentence = "Harbor Media reported its third quarter of 2031 results on October 23, 2031."
    assert problems(sentence, "third quarter of 2031") and problems(sentence, "2031")
    assert problems(sentence, "October 23, 2031") == []
    assert problems("Results came in May 2031.", "May 2031") == []
    assert restated([], "In 2031.", 3, 7) == []


def test_clauses_a_year_a_later_part_gives_its_own_noun_is_that_parts_alone():
    def kept(question: str) -> list[str]:
        return [str(c) for c in own_years(constraints_of(question), analyse(question), parse_text)]

    assert kept("How many ferries sailed from Northport, and what was the 2016 record?") == []
    # A year in the first part, or one dating a verb, is every part's.
    assert kept("Who won the 2019 harbour race, and who came second?") == ["year 2019"]
    assert kept("How many ferries sailed from Northport, and how many sailed in 2016?") == ["year 2016"]
