"""Parts of a question and the names it takes for granted, with spaCy's real parse (invented questions)."""

import pytest

from rag.parts import premise_names, speaker_terms, split_parts, without_attribution, without_preamble
from rag.question import analyse


def test_parts_premise_names_are_its_proper_names_without_numbers_or_sources():
    assert premise_names("Why did the talks in Oslo break down?") == ["Oslo"]
    assert premise_names("What was Tesla's revenue in Q3 2019, according to the Financial Times?") == ["Tesla"]
    assert premise_names("How many hours did the negotiators talk?") == []


def test_parts_conversational_lead_in_is_dropped_but_a_topic_stays():
    assert without_preamble("On another subject: how many ships sank?") == "how many ships sank?"
    assert without_preamble("Tesla: what was its revenue?") == "Tesla: what was its revenue?"
    assert without_preamble("When was Saga: The Return released?") == "When was Saga: The Return released?"
    [part] = analyse("Switching topics now: which port did the ferry leave?")
    assert "topic" not in " ".join(part.relation) and part.kind == "place"


def test_parts_a_second_wh_clause_after_and_is_a_part_of_its_own():
    assert split_parts("When did the bridge open, and when did it close?") == ["When did the bridge open",
                                                                              "when did it close"]


def test_parts_the_source_a_question_names_is_not_what_it_asks():
    assert without_attribution("What is the ferry fare nearing, according to the council report?") == \
        "What is the ferry fare nearing?"
    assert without_attribution("According to the mayor, how many ships sank?") == "how many ships sank?"
    assert without_attribution("Who won the 2031 cup?") == "Who won the 2031 cup?"
    assert without_attribution("According to whom?") == "According to whom?"



def test_parts_speaker_is_who_says_what_is_asked():
    # spaCy's real parse: the subject or the "by" agent of a verb of saying, not what they spoke about.
    assert {"lena", "ward"} <= speaker_terms("What did Lena Ward say about the harbour fees?")
    assert "harbour" not in speaker_terms("What did Lena Ward say about the harbour fees?")
    assert {"citi", "council"} <= speaker_terms("Which projects were mentioned by the city council?")
    assert speaker_terms("What does the council want the port to give up?") == frozenset()


def test_parts_a_region_that_describes_a_place_is_no_premise():
    assert premise_names("Which port did the ministers visit in the Texas city?") == []
    assert premise_names("When did the ministers meet in the Texas hotel?") == ["Texas"]


def test_parts_a_question_listing_what_it_asks_about_after_a_colon_asks_each():
    assert split_parts("Which harbour changes are planned: the new ferry pier and the city's oldest bridge?") == [
        "Which harbour changes are planned: the new ferry pier",
        "Which harbour changes are planned: the city's oldest bridge"]
    # A lead-in before a colon is no question of its own.
    assert split_parts("On another subject: how many ships sailed?") == ["how many ships sailed"]


def test_parts_coordinated_ordinals_ask_of_each_apart():
    assert split_parts("In which two cities were the first and the second rounds of the ferry talks held?") == [
        "In which city was the first round of the ferry talks held",
        "In which city was the second round of the ferry talks held"]
    assert split_parts("Who won the 3rd and 4th stages?") == ["Who won the 3rd stage", "Who won the 4th stage"]
    assert split_parts("Who won the first round?") == ["Who won the first round"]


@pytest.mark.parametrize(
    ("part", "said"),
    [
        ("When will the pier reopen?", "when the pier will reopen"),
        ("In which city was the second round held?", "in which city the second round was held"),
        ("How many people does the ferry carry each day?", "how many people the ferry carries each day"),
        ("Where is the harbour office?", "where the harbour office is"),
        ("Why has the ferry stopped?", "why the ferry has stopped"),
        # Already in order, or a shape that would need more than moving words (a past tense for "did").
        ("Who opened the bridge?", "who opened the bridge"),
        ("Which countries are members?", "which countries are members"),
        ("When did the pier reopen?", "when did the pier reopen"),
    ],
)
def test_parts_an_unanswered_part_is_said_as_an_indirect_question(part, said):
    from rag.parts import unanswered

    assert unanswered(part) == f"The articles don't say {said}."
