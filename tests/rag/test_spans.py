import pytest

from rag.question import analyse
from rag.spans import dated_year, fits, is_dateline, mere_window, sharpens, town_after_in, trim, unit_after, with_region


def test_spans_a_name_the_question_gives_with_a_web_ending_is_the_questions_own():
    # "Which chain adds to Harbourmart's footprint?" is not answered by "Harbourmart.com Inc.".
    assert trim("Harbourmart.com Inc.", {"harbourmart", "footprint"}) == ""
    assert trim("Harbourmart.com Inc.", {"footprint"}) == "Harbourmart.com Inc."


def test_spans_a_count_answer_takes_the_asked_unit_written_after_it():
    assert unit_after(" hectares of vines", "hectare") == len(" hectares")
    assert unit_after(" bottles a year", "bottle") == len(" bottles")
    assert unit_after(" of the vines", "hectare") == 0


def test_spans_one_capitalised_word_after_in_closing_its_phrase_is_a_town():
    text = "The Lund family bakery, situated opposite the old harbour in Skarvik, sells out early."
    a = text.index("Skarvik")
    assert town_after_in(text, a, a + len("Skarvik"))
    # An acronym, a name of several words, or one that goes on is not read so.
    nato = "The ferry deal was discussed in NATO, officials said."
    assert not town_after_in(nato, nato.index("NATO"), nato.index("NATO") + 4)
    firm = "A bug in Harbourline software stopped the ferries."
    assert not town_after_in(firm, firm.index("Harbourline"), firm.index("Harbourline") + len("Harbourline"))


def test_spans_a_leading_article_is_no_word_the_question_cut_a_name_to():
    # "the 1980s" is one word after its article; "the Rocket League" for a question on Rocket Pass is still a
    # name the question's words leave one word of.
    assert trim("the 1980s", {"the", "wine", "revolut"}) == "1980s"
    assert trim("the Rocket League", {"the", "rocket", "pass"}) == ""


def test_spans_the_last_n_years_is_a_window_unless_something_lasts_for_it():
    assert mere_window("levels are below average compared to ", "the last 15 years")
    assert mere_window("the highest in ", "the past decade")
    assert not mere_window("has carried commuters for ", "the past 40 years")
    assert not mere_window("the talks lasted ", "nearly two years")


def test_spans_trim_possessive_names_the_owner():
    assert trim("Maria Lopez's", set()) == "Maria Lopez"


def test_spans_trim_stops_before_a_bracket_the_span_leaves_open():
    assert trim("Anna Berg (Harbour Cycling", set()) == "Anna Berg"
    assert trim("Anna Berg (Harbour)", set()) == "Anna Berg (Harbour)"
    assert trim("“Harbour Lights", set()) == ""


def test_spans_trim_drops_a_leading_word_the_question_says_but_not_the_name():
    assert trim("Harbour Anna Berg", {"harbour"}) == "Anna Berg"
    assert trim("Anna Berg", {"berg"}) == ""


def test_spans_trim_one_word_left_of_the_questions_own_name_is_no_answer():
    asked = {"harbour", "open", "singl"}
    assert trim("The Harbour Open Singles Championship", asked) == ""
    assert trim("Harbour League", asked) == ""
    # A person's surname after words the question says is a name of its own.
    assert trim("Harbour Open Envoy Kellogg", {"harbour", "open", "envoy"}, keep_last=True) == "Kellogg"


def test_spans_a_snippets_opening_date_is_a_dateline_a_reported_one_is_not():
    opening = "Mar 3, 2031 ... The ferry line reopened on April 9."
    assert is_dateline(opening, 0, len("Mar 3, 2031"))
    at = opening.index("April 9")
    assert not is_dateline(opening, at, at + len("April 9"))


def test_spans_a_year_after_a_name_dates_it():
    assert dated_year(" in 1998, before the merger") == "1998"
    assert dated_year(" and her sister") is None


def test_spans_a_date_answer_is_not_relative_nor_a_length_of_time():
    part = analyse("When did the ferry line reopen?")[0]
    assert part.kind == "date"
    assert fits(part, "April 9, 2031", "")
    assert not fits(part, "last year", "")
    assert not fits(part, "three days", "")


def test_spans_a_part_of_a_named_month_or_year_is_a_date_not_a_relative_one():
    part = analyse("When does the ferry season peak?")[0]
    for text in ("mid-September", "late November", "early 2031", "the end of"):
        assert fits(part, text, "") == (text != "the end of")
    assert not fits(part, "late last year", "") and not fits(part, "early this month", "")


def test_spans_a_name_ending_in_a_phrase_of_its_own_is_not_the_questions_entity():
    asked = {"analysi", "war", "rubio"}
    assert trim("the Institute for the Study of War", asked) == "Institute for the Study of War"
    assert trim("Marco Rubio", asked) == ""


def test_spans_a_venue_is_answered_with_its_town():
    text = "The final takes place at Lakeside Arena in Tampa, Florida, on May 4."
    a, b = text.index("Lakeside Arena"), text.index("Lakeside Arena") + len("Lakeside Arena")
    tampa, florida = text.index("Tampa"), text.index("Florida")
    entities = [(a, b, "FAC"), (tampa, tampa + 5, "GPE"), (florida, florida + 7, "GPE")]
    assert text[a : with_region(text, b, entities, "FAC")] == "Lakeside Arena in Tampa, Florida"
    # A town is not "in" another town's clause that way: only the region written after its comma.
    assert text[tampa : with_region(text, tampa + 5, entities)] == "Tampa, Florida"


def test_spans_a_weekday_question_is_answered_by_a_day_of_the_week():
    [part] = analyse("On which weekday did the ferry union meet?")
    assert not fits(part, "March 3", "")
    assert fits(part, "Tuesday, March 3", "")
    [day] = analyse("On which day did the ferry union meet?")
    assert fits(day, "March 3", "")


@pytest.mark.parametrize("question", ["At what time did the ferry sink?", "What time does the ferry leave?"])
def test_spans_what_time_asks_a_time_of_day(question):
    [part] = analyse(question)
    assert not fits(part, "Monday", "") and not fits(part, "March 3", "")
    assert fits(part, "3:15 PM", "") and fits(part, "10 a.m. on Monday", "") and fits(part, "noon", "")


def test_spans_what_time_of_year_asks_no_clock():
    [part] = analyse("What time of year does the ferry stop?")
    assert part.kind != "date" or fits(part, "March", "")


def test_spans_a_duration_may_be_given_in_a_finer_unit_that_makes_at_least_one_asked_unit():
    [part] = analyse("For how many decades has the ferry line run?")
    assert part.kind == "duration" and part.unit == "decade"
    assert fits(part, "four decades", "")
    assert fits(part, "the past 75 years", "")  # as news writes it: 7.5 decades
    assert not fits(part, "five years", "")  # less than one decade: another length, not this one in years
    [weeks] = analyse("How many weeks did the ferry strike last?")
    assert fits(weeks, "ten days", "")
    assert not fits(weeks, "three days", "")
    # A coarser unit is not taken for a count of the asked one: "how many days" is not answered "two years".
    [days] = analyse("How many days did the ferry strike last?")
    assert not fits(days, "two years", "")
    assert fits(days, "twelve days", "")


def test_spans_a_full_date_sharpens_a_year_or_a_month_alone_within_it():
    assert sharpens("2031", "March 3, 2031") and sharpens("March 2031", "3 March 2031")
    assert sharpens("early 2031", "Mar. 3, 2031")
    assert not sharpens("April 2031", "March 3, 2031")  # another month
    assert not sharpens("2031", "March 3, 2030")  # another year
    assert not sharpens("2031", "March 2031")  # no more exact than a month
    assert not sharpens("March 3, 2031", "March 4, 2031")  # already exact


def test_spans_which_day_is_not_answered_by_a_time_of_day_alone():
    [part] = analyse("On which day did the ferry strike begin?")
    assert not fits(part, "shortly before 10 a.m.", "")
    assert fits(part, "Friday", "") and fits(part, "May 3", "")


def test_spans_a_country_answers_no_question_about_a_valley_or_a_city():
    [valley] = analyse("Which valley is the grape grown in?")
    assert valley.kind == "place"
    assert not fits(valley, "Germany", "") and fits(valley, "Ahr Valley", "")


def test_spans_a_member_of_a_family_the_question_names_is_an_answer():
    from rag.spans import families
    from rag.text import relation_stems

    question = "Who took over the Lopez family bakery?"
    asked = set(relation_stems(question))
    assert families(question) == frozenset({"lopez"})
    assert trim("Alexander Lopez", asked, keep_last=True, families=families(question)) == "Alexander Lopez"
    # A person the question names is still its own entity, not an answer.
    asked = set(relation_stems("Whom did Maria Lopez meet?"))
    assert trim("Maria Lopez", asked, keep_last=True, families=families("Whom did Maria Lopez meet?")) == ""
