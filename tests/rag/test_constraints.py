"""Question constraints read in context (pure functions on hand-written sentences)."""

from rag.constraints import Context, accepts, constraints_of, entity_constraints


def ctx(sentence, passage="", title="", date=None, article=""):
    return Context(sentence, passage or sentence, title, date, article or passage or sentence)


def test_constraints_are_read_from_the_question():
    labels = lambda q: [str(c) for c in constraints_of(q)]  # noqa: E731
    assert labels("Who won the women's singles title in 2018?") == ["year 2018", "gender women's"]
    assert labels("What was the company's revenue in Q1 2021?") == ["year 2021", "quarter Q1"]
    assert labels("When did Season 17 of the show premiere?") == ["numbered season 17"]
    assert labels("Where was the second round of talks held?") == ["ordinal second round"]
    assert labels("Who met the minister on February 15?") == ["date February 15"]
    assert labels("Where were the first and the second rounds held?") == []
    assert labels("Who won the men's and women's finals?") == []
    assert labels("How much did the company pay for the app?") == []
    # A number right after a lower-case noun names one of a series; a number before its noun counts.
    assert labels("when was skyline racer 2 released?") == ["numbered racer 2"]
    assert labels("How many ferries sailed in 2 days?") == []


def test_a_sentence_about_another_year_is_not_evidence():
    [year] = constraints_of("Who won the cup in 2018?")
    assert not accepts([year], ctx("Anna Berg won the cup in 2022, beating the holder."))
    assert accepts([year], ctx("Anna Berg won the cup in 2018."))
    # The sentence is silent; its passage speaks, then the article's date.
    assert accepts([year], ctx("Anna Berg won the cup.", passage="In 2018 the final was close. Anna Berg won the cup."))
    assert accepts([year], ctx("Anna Berg won the cup.", date="2018-07-14"))
    assert not accepts([year], ctx("Anna Berg won the cup.", date="2021-07-14"))
    # Nobody mentions any year: a year the question requires is not met.
    assert not accepts([year], ctx("Anna Berg won the cup."))
    # An undated article is placed in time by the years it speaks of anywhere.
    assert accepts([year], ctx("Anna Berg won the cup.", article="The 2018 season ended. Anna Berg won the cup."))
    assert not accepts([year], ctx("Anna Berg won the cup.", article="The 2016 season ended. Anna Berg won the cup."))
    # Money and counts are not years.
    assert not accepts([year], ctx("The club paid $2018 for 2,018 tickets."))
    assert not accepts([year], ctx("The club sold 2018.5 tonnes and 12,2018,000 tickets."))
    # A comma or a stop after a year ends its clause; the year is still said.
    assert accepts([year], ctx("In 2018, Anna Berg won the cup."))
    assert accepts([year], ctx("Anna Berg won the cup in 2018, beating the holder."))
    # A year reckoned from or to is no time of what the sentence tells: the date of the article decides.
    assert not accepts([year], ctx("Anna Berg won the cup, the first local win since 2018.", date="2022-07-09"))
    assert not accepts([year], ctx("Anna Berg kept the cup until 2018.", date="2022-07-09"))
    assert constraints_of("Who has held the cup since 2018?") == []


def test_the_nearest_scope_that_speaks_decides():
    [year] = constraints_of("Who won the cup in 2018?")
    passage = "Anna Berg won the cup in 2022. The 2018 edition was cancelled."
    assert not accepts([year], ctx("Anna Berg won the cup in 2022.", passage=passage))


def test_constraints_gender_must_be_said_by_a_word_or_the_pronouns():
    constraints = constraints_of("Who won the women's singles final?")
    assert not accepts(constraints, ctx("Tom Reed won the men's singles final."))
    assert accepts(constraints, ctx("Anna Berg won the women's singles final."))
    assert accepts(constraints, ctx("Anna Berg won the ladies' title.", title="Harbour Open results"))
    # No word says which final: the pronouns of the report do, or nothing does and it is not evidence.
    assert accepts(constraints, ctx("Anna Berg won the final in straight sets.",
                                    passage="Anna Berg won the final in straight sets. It was her first title."))
    assert not accepts(constraints, ctx("Tom Reed won the final.", passage="Tom Reed won the final. He cried."))
    assert not accepts(constraints, ctx("Anna Berg won the final in straight sets."))
    # Pronouns of both genders say nothing of whose final it was.
    assert not accepts(constraints, ctx("Berg won the final.", passage="Berg won the final. He said she was calm."))
    # A word beats the pronouns: the men's final, reported by a woman, is still the men's.
    assert not accepts(constraints, ctx("Reed won the men's final, she wrote."))


def test_quarters_ordinals_and_numbered_names_must_match():
    q1 = constraints_of("What was revenue in Q1?")
    assert accepts(q1, ctx("Revenue in the first quarter was $10 billion."))
    assert not accepts(q1, ctx("Q2 revenue was $12 billion."))
    second = constraints_of("Where was the second round of talks held?")
    assert accepts(second, ctx("The meeting is in Istanbul.", passage="They met for the second round of talks. The meeting is in Istanbul."))
    assert not accepts(second, ctx("The first round of talks was held in Riyadh."))
    season = constraints_of("When did Season 11 premiere?")
    assert accepts(season, ctx("Season 11 premiered on August 22."))
    # Shop pages print a trademark sign between the name and its number.
    racer = constraints_of("When was Skyline Racer 2 released?")
    assert accepts(racer, ctx("Skyline Racer™ 2. Release date. May 4, 2031."))
    assert not accepts(season, ctx("Season 10 premiered on October 4."))
    # The same season numbered in words, either way round.
    assert accepts(season, ctx("The eleventh and final season of the show premiered on August 22."))
    assert accepts(season, ctx("Its 11th season premiered on August 22."))
    assert not accepts(season, ctx("The tenth season premiered on October 4."))
    assert accepts(constraints_of("When did the eleventh season premiere?"), ctx("Season 11 premiered on August 22."))
    game = constraints_of("When was Quest Tales 2 released?")
    assert accepts(game, ctx("Quest Tales 2 came out on December 1."))
    assert not accepts(game, ctx("Quest Tales X came out on April 29."))


def test_dates_match_in_either_order_and_with_abbreviations():
    [date] = constraints_of("Who spoke on February 15?")
    assert accepts([date], ctx("On 15 February he spoke in Munich."))
    assert accepts([date], ctx("He spoke on Feb. 15 in Munich."))
    assert not accepts([date], ctx("He spoke on February 16 in Munich."))
    assert accepts([date], ctx("He spoke in Munich.", date="2025-02-15"))


def test_a_follow_up_restates_some_constraints_and_inherits_the_rest():
    from rag.constraints import carried

    own = constraints_of("And in 2019?")
    context = constraints_of("And in 2019? (context: Who won the women's final in 2018?)")
    assert [str(c) for c in carried(own, context)] == ["year 2019", "gender women's"]


def test_a_titles_part_after_its_colon_names_it_too():
    [entity] = entity_constraints(["Skyline Racer: Return of the Falcon"])
    assert accepts([entity], ctx("Return of the Falcon will release on May 4, 2031, the studio said."))
    assert accepts([entity], ctx("Skyline Racer: Return of the Falcon was delayed."))
    assert not accepts([entity], ctx("The falcon will return on May 4, 2031."))
    # A one-word part after the colon is too common to stand for the title.
    [short] = entity_constraints(["Skyline Racer: Origins"])
    assert not accepts([short], ctx("Origins will release on May 4, 2031."))


def test_constraints_a_name_typed_without_its_accents_is_met_by_the_accented_name():
    [typed] = entity_constraints(["Sao Paulo"])
    assert accepts([typed], ctx("In the middle of the day, the sky above São Paulo went dark."))
    [accented] = entity_constraints(["Zürich"])
    assert accepts([accented], ctx("The ferry to Zurich was cancelled."))
    assert not accepts([typed], ctx("In the middle of the day, the sky above Paulínia went dark."))
