from rag.rewrite import analyse_follow_up, standalone_question


class _SmallModel:
    capable = False
    name = "small"


def test_rewrite_leaves_a_first_question_alone():
    assert standalone_question("Where were the talks?", [], _SmallModel()) == "Where were the talks?"


def test_rewrite_carries_context_into_a_short_follow_up():
    history = [
        {"role": "user", "content": "Where was the second round of talks held?"},
        {"role": "assistant", "content": "In Istanbul [1]."},
    ]
    q = standalone_question("And when was it?", history, _SmallModel())
    assert "second round of talks" in q and q.startswith("And when was it?")


def test_rewrite_keeps_a_self_contained_question():
    history = [{"role": "user", "content": "Where was the second round of talks held?"}]
    q = "How much of the Russian national budget is spent on the military and on security?"
    assert standalone_question(q, history, _SmallModel()) == q


def _after(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_rewrite_puts_the_named_answer_in_place_of_a_pronoun():
    history = _after("Who chairs the Harbor Authority?", "Maria Lopez [1].")
    assert standalone_question("Where was she educated?", history, _SmallModel()) == "Where was Maria Lopez educated?"
    assert standalone_question("Who is its chair?", _after("Which agency runs the port?", "Harbor Authority [2]."),
                               _SmallModel()) == "Who is Harbor Authority's chair?"


def test_rewrite_their_takes_the_people_of_the_question_and_the_answer():
    history = _after("Which minister did Anna Berg meet in Oslo?", "Maria Lopez [1].")
    assert standalone_question("How long did their meeting last?", history, _SmallModel()) == \
        "How long did Anna Berg and Maria Lopez's meeting last?"


def test_rewrite_does_not_point_back_to_a_decline_or_a_statement():
    declined = _after("Who chairs the Harbor Authority?", "The articles don't say. None of the stored articles …")
    assert "(context: Who chairs the Harbor Authority?)" in standalone_question("Where was she educated?", declined,
                                                                                 _SmallModel())
    stated = _after("What did the report find?", "“The port handled record cargo in a year of strikes and delays” [1].")
    assert "(context: " in standalone_question("Who wrote it?", stated, _SmallModel())


def test_rewrite_elliptical_follow_up_asks_what_the_previous_question_asked():
    [part] = analyse_follow_up("And the second one?", "Where was the first match played?")
    assert part.kind == "place" and part.locative
    [own] = analyse_follow_up("And on what date?", "Where was the first match played?")
    assert own.kind == "date"


def test_rewrite_elliptical_follow_up_after_an_untyped_question_keeps_its_own_nouns_kind():
    [part] = analyse_follow_up("And port fees?", "What did the mayor say about the harbour?")
    assert part.kind == "money" and not part.plural  # fees are one amount, not several answers


def test_rewrite_elliptical_follow_up_is_about_what_it_names_with_the_previous_verb():
    [part] = analyse_follow_up("And export sales?", "What did the company's revenue reach in 2030?")
    assert part.kind == "money" and part.relation == {"export", "reach"} and part.topic == {"export"}


def test_rewrite_a_follow_up_to_a_follow_up_keeps_what_the_conversation_named():
    history = [{"role": "user", "content": "When will Harbour Pass 4 begin?"}, {"role": "assistant", "content": "May 2 [1]."},
               {"role": "user", "content": "And when does it end?"}, {"role": "assistant", "content": "June 9 [1]."}]
    q = standalone_question("How much does it cost?", history, _SmallModel())
    assert "Harbour Pass 4" in q and "And when does it end?" in q
