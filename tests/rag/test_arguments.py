"""The asked argument of a statement question, with spaCy's real parse, on invented sentences."""

import pytest

from rag.arguments import argument, asked_verbs
from rag.nlp import parse_question, parse_text


def _argument(question: str, sentence: str) -> str | None:
    found = argument(parse_text(sentence), parse_question(question).tokens)
    return sentence[found[0]:found[1]] if found else None


def test_arguments_object_of_the_asked_verb_said_of_the_asked_subject():
    sentence = "Under the plan, the council would rebuild the old harbour wall in exchange for new port fees."
    assert _argument("What would the council rebuild under the plan?", sentence) == "the old harbour wall"


def test_arguments_a_carrier_verb_asks_for_the_inner_verbs_object():
    question = parse_question("What did she say the club had changed in March?").tokens
    assert [question[i].text for i in asked_verbs(question)] == ["changed", "say"]
    sentence = "Coach Maria Lopez said in March that the club had changed its approach to training."
    assert _argument("What did she say the club had changed in March?", sentence) == "its approach to training"


def test_arguments_a_word_a_modal_supports_is_the_verb_the_tagger_took_for_a_noun():
    question = "What will the new committee tackle?"
    assert [parse_question(question).tokens[i].text for i in asked_verbs(parse_question(question).tokens)] == ["tackle"]
    # A quotation mark that closes inside the answer keeps the one that opens it.
    sentence = "The towns agreed to establish “a new committee” to tackle “delays” affecting the ferry crossings."
    assert _argument(question, sentence) == "“delays” affecting the ferry crossings"


def test_arguments_what_someone_is_asked_to_say_must_be_given_as_theirs():
    question = "What does the council say the new pier requires?"
    own = "Any new pier will require dredging of the harbour mouth."
    assert _argument(question, own) is None  # the article's own words, not the council's
    assert _argument(question, "The council said the new pier would require dredging of the harbour mouth.") == \
        "dredging of the harbour mouth"
    assert _argument(question, "According to the council, any new pier will require dredging of the harbour mouth.") == \
        "dredging of the harbour mouth"
    assert _argument(question, "Any new pier will require dredging of the harbour mouth, the mayor said.") is None
    # Without a subject of its own the inner verb is the carrier's doer's: nothing else to attribute.
    assert _argument("What does the council want to build?", "The council will build a new pier.") == "a new pier"


def test_arguments_what_was_said_is_the_complement_clause_without_that():
    sentence = "The mayor said that the bridge would reopen in May."
    assert _argument("What did the mayor say?", sentence) == "the bridge would reopen in May"


@pytest.mark.parametrize(
    "sentence",
    [
        "The council did not rebuild the old harbour wall.",  # denied
        "A rival town would rebuild the old harbour wall.",  # someone else's act
        "The council would repair the roads near the old harbour wall.",  # another verb
    ],
)
def test_arguments_none_when_the_quote_does_not_say_it_of_the_subject(sentence):
    assert _argument("What would the council rebuild?", sentence) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor said the ruling was a victory for the harbour towns.", "the ruling was a victory for the harbour towns"),
        ("The mayor said the new budget would be published in May.", None),  # not about the ruling
        ("The governor said the ruling was a disgrace.", None),  # someone else's words
    ],
)
def test_arguments_how_someone_reacted_is_what_they_said_about_it(sentence, expected):
    assert _argument("How did the mayor react to the ruling?", sentence) == expected


def test_arguments_what_one_says_tells_how_one_reacted_not_how_one_did_something_else():
    sentence = "“The ruling is a victory for the harbour towns,” said the mayor after the hearing."
    assert _argument("How did the mayor react to the ruling?", sentence) == \
        "The ruling is a victory for the harbour towns"
    assert _argument("How did the mayor obtain the ruling?", sentence) is None


def test_arguments_how_many_is_not_a_question_of_manner():
    assert _argument("How many people attended the rally?", "Organisers said the rally drew 5,000 people.") is None


def test_arguments_end_before_examples_and_asides():
    sentence = "The council would rebuild the old harbour wall, including the two stone piers, by 2031."
    assert _argument("What would the council rebuild?", sentence) == "the old harbour wall"


def test_arguments_an_as_phrase_after_the_object_is_part_of_it():
    # The parser hangs "as" on the verb (or higher), not on the object it says something of.
    sentence = "Anna Berg confirmed the port's status as a free harbour on Monday."
    assert _argument("What did Anna Berg confirm about the port?", sentence) == "the port's status as a free harbour"
    sentence = "After the storm, Tom Fischer kept stressing the bridge's value as a lifeline for the island."
    assert _argument("What did Tom Fischer stress about the bridge?", sentence) == \
        "the bridge's value as a lifeline for the island"
    # "as" opening a clause of its own is no part of the object.
    assert _argument("What did the mayor approve?", "The mayor approved the budget as the council had asked.") == \
        "the budget"


def test_arguments_what_was_said_about_a_topic_must_speak_of_it():
    question = "What did the mayor say about the bridge?"
    assert _argument(question, "The mayor said that the ferry would run twice a day.") is None
    assert _argument(question, "The mayor said that the bridge would reopen in May.") == "the bridge would reopen in May"


def test_arguments_a_verb_the_tagger_took_for_a_noun_after_does_still_takes_its_object():
    # The small tagger makes "use" a noun in "What does X use to ...?"; the inner verb has an object of its own.
    question = "What does the ferry app use to track a boat?"
    assert _argument(question, "How the app works: it simply uses radio beacons to draw a map of the harbour.") == \
        "radio beacons"


def test_arguments_a_relative_clause_after_a_comma_is_no_part_of_the_object():
    question = "What does the ferry app use to track a boat?"
    sentence = "The app uses radio beacons, which sit on each pier."
    assert _argument(question, sentence) == "radio beacons"


def test_arguments_a_preposition_left_at_the_end_asks_for_its_object():
    sentence = "The ferry strike went into its third day, with stranded riders turning to private water taxis."
    assert _argument("What did riders turn to during the strike?", sentence) == "private water taxis"
    assert _argument("What did the council vote for?", "The council voted for a new harbour wall on Monday.") == \
        "a new harbour wall"
    # "Which <noun> ... on?" asks for the object of "on" too.
    sentence = "The new fare app, which was tested in Bergen, only appears to be working on the north ferry line."
    assert _argument("Which routes does the app work on?", sentence) == "the north ferry line"
    # Another preposition of the verb is not the asked one.
    assert _argument("What did riders turn to?", "Riders turned from the ferry in their thousands.") is None


def test_arguments_a_preposition_left_after_the_verbs_object_asks_for_its_own_object():
    # The parser makes the wh-word a second object of the verb; the question's own object is no answer.
    sentence = "The mayor's speech accusing ferry operators of raising fares angered the council."
    assert _argument("What did the mayor accuse ferry operators of?", sentence) == "raising fares"
    sentence = "Riders expressed concern over rising fares on the north line, the council said."
    assert _argument("What did riders express concern over?", sentence) == "rising fares on the north line"
    sentence = "While Northwind maintains ticket desks for some harbour and island routes, it runs no app."
    assert _argument("What does Northwind maintain ticket desks for?", sentence) == "some harbour and island routes"


def test_arguments_the_asked_verbs_noun_owned_by_the_asked_subject_takes_its_object():
    question = "What did Anna Berg review?"
    assert _argument(question, "Anna Berg defended her review of the harbour rules on Monday.") == "the harbour rules"
    assert _argument("What did the council criticise?", "The council's criticism of the harbour plan was sharp.") == \
        "the harbour plan"
    # Another's review, or one nobody is said to own, is not what the asked one reviewed.
    assert _argument(question, "Tom Reyes defended his review of the harbour rules on Monday.") is None
    assert _argument(question, "Anna Berg welcomed the review of the harbour rules on Monday.") is None
    assert _argument("What did the council criticise?", "The mayor's criticism of the harbour plan was sharp.") is None


def test_arguments_the_asked_verbs_noun_takes_its_preposition_or_its_infinitive():
    # A defining clause stays with its noun, with the denial it holds.
    assert _argument("What did Tom Reyes disapprove of?", "Tom Reyes voiced his disapproval of the harbour talks that "
                     "do not include Bergen.") == "the harbour talks that do not include Bergen"
    assert _argument("What did Anna Berg return to?", "Anna Berg's return to office surprised the board.") == "office"
    sentence = "Anna Berg announced her plan to sell the old port to a shipping firm."
    assert _argument("What did Anna Berg plan?", sentence) == "to sell the old port to a shipping firm"
    assert _argument("What did Anna Berg plan?", sentence.replace("Anna Berg announced her", "Tom Reyes announced his")) \
        is None


def test_arguments_a_quotation_mark_that_opens_inside_the_answer_keeps_the_one_that_closes_it():
    sentence = 'Critic Tom Reyes won praise for his sharp review of the myth of the idle "harbour town," which spread.'
    assert _argument("What did Tom Reyes review?", sentence) == 'the myth of the idle "harbour town,"'


def test_arguments_a_noun_of_relation_given_the_subject_takes_its_prepositions_object():
    question = "What is Harbour Ferries a subsidiary of?"
    assert _argument(question, "Harbour Ferries, a subsidiary of Nordwind Group, runs the night crossing.") == \
        "Nordwind Group"
    assert _argument("What is Tom Reyes a member of?", "Tom Reyes is a member of the harbour board.") == "the harbour board"
    # Another's membership is not the asked one's.
    assert _argument("What is Tom Reyes a member of?", "Anna Berg, a member of the harbour board, met Tom Reyes.") is None


def test_arguments_a_bare_pronoun_is_no_answer():
    sentence = "The council charged the fee on ferries, but will expand it to cover all harbour traffic."
    assert _argument("What will the council expand to cover all harbour traffic?", sentence) is None
    assert _argument("What will the council expand?",
                     "The council will expand the ferry fee to cover all harbour traffic.") == "the ferry fee"


def test_arguments_an_object_the_question_gives_is_not_what_it_asks():
    # "What did the mayor call 2031?": 2031 is the question's own; what it was called is the complement.
    sentence = 'The mayor has called 2031 the "Year of the Harbour".'
    assert _argument("What did the mayor call 2031?", sentence) == 'the "Year of the Harbour"'


def test_arguments_a_question_asking_the_subject_is_not_answered_by_the_object():
    # The small parser hangs "Which" apart from "Android malware", which it makes the subject.
    sentence = "Ferry kiosks face threats: a new breed of Android malware, dubbed “Harbour Eye,” has infected 400 " \
               "ticket machines in order to steal fares."
    assert _argument("Which Android malware infected the ticket machines?", sentence) is None
    assert _argument("What has the new Android malware infected?", sentence) == "400 ticket machines"
