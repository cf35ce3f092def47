"""What a quote calls a named one, for "Who is X?" (spaCy's real parse of invented sentences)."""

import pytest

from rag.describe import description, identity_name, naming_subject
from rag.nlp import parse_question, parse_text
from rag.question import analyse


def _described(sentence: str, name: str) -> tuple[str, str] | None:
    found = description(parse_text(sentence), sentence, name)
    return None if found is None else (sentence[found[0] : found[1]], found[2])


def test_describe_who_is_a_name_asks_its_identity():
    assert identity_name(parse_question("Who is Maria Lopez?")) == "Maria Lopez"
    assert identity_name(parse_question("What is the Harbour Trust?")) == "Harbour Trust"
    assert identity_name(parse_question("Who won the Lakeside Cup?")) is None
    assert identity_name(parse_question("Who is the ferry company's chief?")) is None
    # A name the recogniser misses is still a name: capitalised words alone after "is".
    assert identity_name(parse_question("What is Portcheck?")) == "Portcheck"
    assert identity_name(parse_question("What is the ferry fare?")) is None
    [part] = analyse("Who is Maria Lopez?")
    assert (part.kind, part.identity) == ("statement", "Maria Lopez")
    [other] = analyse("Who won the Lakeside Cup?")
    assert other.kind != "statement" and other.identity is None


def test_describe_an_apposition_or_a_title_says_who_one_is():
    assert _described("Maria Lopez, head of the Harbour Ferry Company, said the line would reopen.",
                      "Maria Lopez") == ("head of the Harbour Ferry Company", "appositive")
    # A later mention by surname is the same one.
    assert _described("Lopez, a former ferry captain, said the line would reopen.",
                      "Maria Lopez") == ("a former ferry captain", "appositive")
    assert _described("Harbour Transport Minister Maria Lopez opened the line.", "Maria Lopez") == \
        ("Harbour Transport Minister", "title")
    # A phrase before a comma that the parser hangs on the name too is no part of the title.
    assert _described("Speaking from a pier at the company's office in Bergen, Norway, Chief Executive Maria Lopez "
                      "said the line would reopen.", "Maria Lopez") == ("Chief Executive", "title")
    # The description first, the name set off after it.
    assert _described("The mayor's special adviser for the harbour, Maria Lopez, said the line would reopen.",
                      "Maria Lopez") == ("The mayor's special adviser for the harbour", "appositive")


def test_describe_what_a_sentence_says_the_name_is():
    assert _described("In fact, the Harbourgold is a cousin of the old Lakeside grape.", "Harbourgold") == \
        ("a cousin of the old Lakeside grape", "predicate")


def test_describe_a_sentence_that_only_names_one_says_nothing_of_who_it_is():
    assert _described("Maria Lopez said the line would reopen.", "Maria Lopez") is None
    assert _described("The line was opened by Tom Reed and Maria Lopez.", "Maria Lopez") is None
    # A noun phrase before a list describes the list; words before a name across a mark are no title.
    assert _described("The board named two captains—Maria Lopez and Tom Reed, a former pilot.", "Maria Lopez") is None
    assert _described("Update July 3rd, 8:05AM ET: Added Maria Lopez's statement.", "Maria Lopez") is None


def test_describe_what_a_thing_is_called_is_the_name_a_quote_gives_it():
    from rag.describe import given_name, naming_subject

    subject = naming_subject("What is the new ferry app called?")
    assert subject == "the new ferry app"
    quote = "The new ferry app, dubbed Tide/Line.B, has been tested since May."
    found = given_name(quote, subject)
    assert found is not None and quote[found[0]:found[1]] == "Tide/Line.B"
    quoted = "The council chose an app called “Harbour Pass” for the ferries."
    found = given_name(quoted, subject)
    assert found is not None and quoted[found[0]:found[1]] == "Harbour Pass"
    assert given_name("The new ferry app has been tested since May.", subject) is None
    before = "However, the new “Harbour Pass” app appears to fix the queues."
    found = given_name(before, subject)
    assert found is not None and before[found[0]:found[1]] == "Harbour Pass"
    # Only a name in quote marks: "the new Harbour app" calls the app nothing.
    assert given_name("However, the new Harbour app appears to fix the queues.", subject) is None
    assert naming_subject("What is the new ferry app?") is None
    # Where or by whom it is so called constrains the quote; it is no part of the thing named.
    assert naming_subject("What is the new ferry app known as in Lisbon?") == "the new ferry app"
    assert naming_subject("What is the new ferry app called by commuters?") == "the new ferry app"



@pytest.mark.parametrize("question", ["What name have researchers given the new ferry app?",
                                      "What name did the council give the new ferry app?",
                                      "What name was given to the new ferry app?", "What name was the new ferry app given?",
                                      "What is the name of the new ferry app?"])
def test_describe_a_question_asking_by_the_noun_name_asks_the_name_given(question):
    assert naming_subject(question) == "the new ferry app"


def test_describe_a_name_asked_of_a_phrase_with_a_clause_is_no_naming_question():
    # "the firm that bought X" has no one head noun a quote names right after it.
    assert naming_subject("What is the name of the firm that bought the ferry line?") is None


def test_describe_what_kind_of_noun_a_name_is_asks_its_identity():
    assert identity_name(parse_question("What kind of company is the Harbour Trust?")) == "Harbour Trust"
    assert identity_name(parse_question("What type of ferry is Portcheck?")) == "Portcheck"
    assert identity_name(parse_question("What kind of deal did the Harbour Trust sign?")) is None
    [part] = analyse("What sort of group is the Harbour Trust?")
    assert (part.kind, part.identity) == ("statement", "Harbour Trust")


def test_describe_the_noun_phrase_a_verb_of_naming_gives_the_name():
    assert _described("The council set up a new watchdog named Harbour Watch last year.", "Harbour Watch") == \
        ("a new watchdog", "naming phrase")
    # The parser hangs "called" on the preposition's object; the phrase is the noun that preposition follows.
    sentence = "Police have also found a remote tracking tool for ferries called Portcheck, using new methods."
    assert _described(sentence, "Portcheck") == ("a remote tracking tool for ferries", "naming phrase")
