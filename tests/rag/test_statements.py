"""Statement answers with the real spaCy pipeline, on invented evidence sentences."""

from rag.evidence import Evidence
from rag.nlp import entity_spans, parse_text
from rag.question import analyse
from rag.reader import Reader
from rag.statements import asked_noun_phrase, statement_answers


def _evidence(texts: list[str]) -> list[Evidence]:
    return [Evidence(f"a{n}", "Title", None, f"a{n}.txt", t, 100, 100 + len(t), 0.9 - n / 10, 0.5, 0.5)
            for n, t in enumerate(texts)]


def test_statements_the_verbs_object_is_the_short_answer_from_whichever_quote_says_it():
    question = "What would the council rebuild under the plan?"
    evidence = _evidence(["The plan was debated for weeks in the town hall.",
                          "Under the plan, the council would rebuild the old harbour wall by 2031."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question, evidence)
    assert [s.text for s in shorts] == ["the old harbour wall"] and pieces == ["the old harbour wall [2]."] and not quoted
    assert shorts[0].start == 100 + evidence[1].quote.index("the old harbour wall")
    assert checks and "'rebuild'" in checks[0]


def test_statements_without_the_verb_each_part_quotes_the_clause_of_its_own_sentence():
    question = "What did the harbour council decide about the ferry and about taxes?"
    evidence = _evidence(["The harbour council voted to reopen the ferry, officials said on Monday.",
                          "Port taxes will fall by a tenth, according to the harbour council."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question, evidence)
    assert [s.citation for s in shorts] == [1, 2] and checks == []
    assert all(p.startswith("“") for p in pieces) and quoted == 2  # quoted clauses, flagged as such by the caller


def test_statements_what_a_named_speaker_said_is_the_answer_without_the_frame_or_its_date():
    question = "What did Mayor Lindqvist promise the fishermen?"
    evidence = _evidence(["Mayor Lindqvist said on Tuesday that the port would lower its mooring fees "
                          "during the winter and repair the northern pier."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question, evidence)
    [short] = shorts
    assert short.text == "The port would lower its mooring fees and repair the northern pier"
    assert pieces == [short.text + " [1]."] and not quoted
    quote = evidence[0].quote
    assert [quote[x - 100 : y - 100] for x, y in short.pieces] == ["the port would lower its mooring fees",
                                                                    "and repair the northern pier"]


def test_statements_a_sentence_that_only_says_something_is_unknown_is_passed_over():
    question = "Why did the harbour council close the ferry?"
    evidence = _evidence(["It remains unclear why the harbour council closed the ferry so suddenly.",
                          "The harbour council closed the ferry because the northern pier was unsafe."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question, evidence)
    assert [s.citation for s in shorts] == [2]


def test_statements_who_is_a_name_is_answered_by_what_a_quote_calls_it():
    question = "Who is Maria Lopez?"
    evidence = _evidence(["Maria Lopez said the ferry line would reopen in May.",
                          "Lopez, head of the Harbour Ferry Company, has run the line since 2029."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question, evidence)
    assert [s.text for s in shorts] == ["head of the Harbour Ferry Company"] and shorts[0].citation == 2
    assert pieces == ["Maria Lopez: head of the Harbour Ferry Company [2]."] and not quoted
    assert checks == ["'head of the Harbour Ferry Company' is what quote [2] calls Maria Lopez (the appositive of the name)"]


def test_statements_which_noun_is_answered_by_the_phrase_of_that_noun_in_the_quote():
    question = "Which bridge will the harbour council rebuild first?"
    evidence = _evidence(["The harbour council will first rebuild the old stone bridge over the Lake river, "
                          "which was closed in 2030."])
    [part] = analyse(question)
    assert part.kind == "statement" and part.type_noun == "bridge"
    reader = Reader(entity_spans, parse_text)
    found = asked_noun_phrase(reader, part, [(1, evidence[0].quote)])
    assert found is not None and evidence[0].quote[found[1]:found[2]] == "the old stone bridge over the Lake river"
    # A conjunct brings its coordination; a denied one is no answer.
    quote = "The plan covers the north pier, the ferry pier and other piers of the port."
    found = asked_noun_phrase(reader, analyse("Which piers does the plan cover?")[0], [(1, quote)])
    assert found is not None and quote[found[1]:found[2]] == "the north pier, the ferry pier and other piers of the port"
    assert asked_noun_phrase(reader, part, [(1, "The council will rebuild no bridge over the Lake river this year.")]) is None


def test_statements_a_phrase_that_names_which_one_is_read_before_one_that_names_only_a_kind():
    # "online forums" says what kind of forum; "a forum for Android developers" says which.
    [part] = analyse("Which forum was used to spread the app?")
    reader = Reader(entity_spans, parse_text)
    quote = "The links were spread mostly on online forums, and later on a forum for Android developers called “XDA Developers”."
    found = asked_noun_phrase(reader, part, [(1, quote)])
    assert found is not None and quote[found[1]:found[2]] == "a forum for Android developers"
    # With none that names, the first phrase that says more than the question still answers, where the quote
    # says the asked verb; where it does not, a kind of forum says nothing of which was used.
    quote = "Online forums were used most to spread the links."
    found = asked_noun_phrase(reader, part, [(1, quote)])
    assert found is not None and quote[found[1]:found[2]] == "Online forums"
    assert asked_noun_phrase(reader, part, [(1, "The links now reach online forums.")]) is None


def test_statements_a_phrase_that_says_only_which_as_the_question_does_takes_its_defining_clause():
    question = "What feature does the ferry app add to tickets?"
    [part] = analyse(question)
    reader = Reader(entity_spans, parse_text)
    quote = ("The ferry app's third update includes a new feature that lets riders share tickets with family members, "
             "even when they travel apart.")
    found = asked_noun_phrase(reader, part, [(1, quote)])
    assert found is not None and quote[found[1]:found[2]] == \
        "a new feature that lets riders share tickets with family members"
    # A phrase that names nothing beyond the question ("The feature") and an aside after a comma are no answer.
    aside = "The feature, which was first seen by a blogger, works on new phones."
    assert asked_noun_phrase(reader, part, [(1, aside)]) is None


def _answers(question: str, texts: list[str]):
    """The short answers and the answer's pieces for a question over invented evidence sentences."""
    shorts, pieces, _, _ = statement_answers(Reader(entity_spans, parse_text), analyse(question), question,
                                             _evidence(texts))
    return shorts, pieces


def test_statements_a_sentence_that_only_says_the_question_back_answers_nothing():
    question = "What did the third harbour toll package target?"
    assert _answers(question, ["The third harbour toll package was announced on Monday."]) == ([], [])
    _, pieces = _answers(question, ["The third harbour toll package targets the ferry lines and their freight revenues."])
    assert pieces and "ferry lines" in pieces[0]


def test_statements_a_sentence_saying_the_asked_verb_of_something_else_answers_nothing():
    question = "Which piers were damaged by the storm?"
    reader = Reader(entity_spans, parse_text)
    elsewhere = _evidence(["During the storm, damaged boats drifted toward the outer piers of the harbour."])
    assert statement_answers(reader, analyse(question), question, elsewhere)[0] == []
    damaged = _evidence(["The storm damaged the northern piers of the old harbour on Monday."])
    assert [s.text for s in statement_answers(reader, analyse(question), question, damaged)[0]] == \
        ["the northern piers of the old harbour"]


def test_statements_what_a_thing_is_called_is_answered_by_its_given_name():
    question = "What is the new ferry app called?"
    evidence = _evidence(["The new ferry app, dubbed Tide/Line.B, has been tested on the north line since May."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question,
                                                       evidence)
    assert [s.text for s in shorts] == ["Tide/Line.B"] and pieces == ["Tide/Line.B [1]."] and not quoted


def test_statements_who_is_a_name_is_not_answered_by_what_they_did():
    question = "Who is Tom Reyes?"
    reader = Reader(entity_spans, parse_text)
    did = _evidence(["On Monday, Tom Reyes explained that the ferry uses a new engine to save fuel."])
    assert statement_answers(reader, analyse(question), question, did)[1] == []
    said = _evidence(["Tom Reyes, a ferry engineer in Bergen, explained the new engine on Monday."])
    assert statement_answers(reader, analyse(question), question, said)[1] == ["Tom Reyes: a ferry engineer in Bergen [1]."]


def test_statements_yes_no_question_leads_with_what_the_clause_plainly_says():
    question = "Did the harbour council reopen the ferry?"
    evidence = _evidence(["The harbour council did not reopen the ferry after the storm, officials said on Monday."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question,
                                                       evidence)
    assert pieces[0].startswith("No: “") and "did not reopen the ferry" in pieces[0]
    assert any(c.startswith("'No'") for c in checks)
    # A clause that says it back plainly is the answer, not a restatement to drop.
    evidence = _evidence(["The harbour council reopened the ferry after the storm."])
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), analyse(question), question,
                                                       evidence)
    assert pieces and pieces[0].startswith("Yes: “")


def test_statements_a_typed_part_with_no_answer_among_untyped_ones_is_said_to_be_unanswered():
    question = "What did the harbour council decide about the ferry, and when will the pier reopen?"
    evidence = _evidence(["The harbour council voted to reopen the ferry, officials said.",
                          "The pier remains closed while engineers inspect its supports."])
    parts = analyse(question)
    assert [p.kind for p in parts] == ["statement", "date"]
    shorts, pieces, checks, quoted = statement_answers(Reader(entity_spans, parse_text), parts, question, evidence,
                                                       typed={})
    assert len(pieces) == 2 and pieces[1] == "The articles don't say when the pier will reopen."
    assert [s.citation for s in shorts] == [1]


def test_statements_which_noun_phrase_must_have_the_kind_the_question_gives_the_noun():
    reader = Reader(entity_spans, parse_text)
    [part] = analyse("Which stone bridge will the council rebuild?")
    quote = "The council will rebuild a stone bridge over the Lake river."
    found = asked_noun_phrase(reader, part, [(1, quote)])
    assert found is not None and quote[found[1]:found[2]] == "a stone bridge over the Lake river"
    # A phrase of the noun without the question's modifier is another one, not the asked.
    assert asked_noun_phrase(reader, part, [(1, "The council will rebuild a wooden bridge first.")]) is None


def test_statements_a_yes_no_clause_that_never_names_the_asked_subject_answers_nothing():
    question = "Did Norway join the harbour talks in Arden?"
    assert _answers(question, ["However, the talks in Arden did not settle the ferry fees, officials from Denmark said."]) \
        == ([], [])
    shorts, _ = _answers(question, ["Norwegian officials joined the harbour talks in Arden on Monday."])
    assert len(shorts) == 1
