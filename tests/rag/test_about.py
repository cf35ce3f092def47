"""What a statement question is asked about and who does it, and whether a quote speaks of it (spaCy's real
parse of invented questions)."""

from rag.about import asked_about, speaks_of
from rag.nlp import parse_question


def test_about_the_topic_and_doer_of_a_question_and_who_speaks_of_it():
    about = asked_about(parse_question("What did the mayor say about the old bridge?").tokens)
    assert about is not None and {"bridg"} <= about.topic and "mayor" in about.speaker
    assert asked_about(parse_question("What did the mayor say on Monday?").tokens) is None
    assert speaks_of("The mayor said the bridge would reopen.", "", about)
    assert not speaks_of("The governor said the bridge would reopen.", "The governor spoke.", about)
    assert speaks_of("She said the bridge would reopen.", "The mayor spoke first. She said the bridge would reopen.", about)
    assert not speaks_of("The mayor said the ferry would run.", "", about)


def test_about_only_a_pronoun_subject_stands_for_the_doer_and_only_the_doers_head_names_them():
    about = asked_about(parse_question("What did the city's transport office say about the bridge?").tokens)
    assert about is not None and about.speaker == {"transport", "offic"}
    before = "The transport office met the press on Monday."
    assert speaks_of("However, it said the bridge would reopen.", before, about) is False  # "it" is not a person's
    assert speaks_of("However, they said the bridge would reopen.", before, about)
    assert not speaks_of("The mayor gave his view that the bridge would reopen.", before, about)
    # Another city's office shares only what qualifies the doer.
    assert not speaks_of("The city's police said the bridge would reopen.", "", about)
