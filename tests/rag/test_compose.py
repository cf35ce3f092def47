"""Answer composition: short answers first, statements bounded, copies detected."""

from rag.compose import ShortAnswer, clause, contains, copies, sentence_for_each, statement_text, typed_text, words


def test_compose_typed_text_shares_one_marker_per_quote():
    same = [ShortAnswer("Oslo", 1, "a", 0, 4), ShortAnswer("Bergen", 1, "a", 9, 15)]
    assert typed_text(same, []) == "Oslo and Bergen [1]."
    apart = [ShortAnswer("Oslo", 1, "a", 0, 4), ShortAnswer("Bergen", 2, "b", 0, 6)]
    assert typed_text(apart, ["When did it open?"]) == "Oslo [1] and Bergen [2]. The articles don't say when did it open."


def test_compose_full_name_cites_the_quote_that_gives_it_too():
    surname = ShortAnswer("Maria Gonzalez", 1, "a1", 50, 58, named_by=2)
    assert typed_text([surname], []) == "Maria Gonzalez [1][2]."
    both = [surname, ShortAnswer("Tom Fischer", 3, "a2", 10, 21)]
    assert typed_text(both, []) == "Maria Gonzalez [1][2] and Tom Fischer [3]."


def test_compose_contains_every_short_answer_word_for_word():
    shorts = [ShortAnswer("Jane Doe", 1, "a", 0, 8)]
    assert contains("The prize went to Jane Doe [1].", shorts)
    assert not contains("The prize went to Jane Smith [1].", shorts)


def test_compose_copies_flags_a_long_verbatim_run_only():
    quote = "The city council voted on Tuesday to close the old harbour bridge to all heavy traffic from May."
    assert copies("The city council voted on Tuesday to close the old harbour bridge to all heavy traffic [1].", [quote])
    assert not copies("The council closed the bridge to heavy traffic [1].", [quote])


def test_compose_clause_keeps_the_relation_within_the_statement_bound():
    quote = ("After a long debate that ran late into the night and drew protests from several residents' groups, "
             "the council voted to close the bridge, officials said on Tuesday.")
    a, b = clause(quote, frozenset({"vote", "close"}), {"bridg"})
    assert "voted to close the bridge" in quote[a:b] and words(quote[a:b]) <= 30


def test_compose_clause_stops_at_a_sentence_end_and_drops_the_quotes_own_marks():
    # Two sentences of one quoted speech: the clause is the one that speaks of the asked words, whole,
    # without the quotation marks the answer adds itself.
    quote = ("The ministry said: “talks were held on ways to resume trade, including grain, timber and other "
             "goods of mutual interest.” “The sides also agreed to keep talking on many other international "
             "issues, taking into account their long history,” it said.")
    a, b = clause(quote, frozenset({"trade"}), {"good", "trade"})
    assert quote[a:b].endswith("including grain, timber and other goods of mutual interest.")
    assert statement_text(quote[a:b], 1) == ("“The ministry said: talks were held on ways to resume trade, including "
                                             "grain, timber and other goods of mutual interest” [1].")
    assert statement_text("He called it “common sense” to talk.", 2) == "“He called it ‘common sense’ to talk” [2]."


def test_compose_each_part_takes_the_quote_sharing_most_of_its_words():
    quotes = ["The mayor praised the budget.", "The mayor said the bridge opens in May.", "Rain fell."]
    assert sentence_for_each(["What did the mayor say about the bridge", "What did the mayor say about the budget"],
                             quotes) == [2, 1]
    assert sentence_for_each(["budget", "budget"], quotes) == [1, 2]  # a different one while others are left


def test_compose_a_parts_own_words_outweigh_the_words_all_parts_share():
    quotes = ["The harbour council met on Monday and the harbour council decided many things at length.",
              "The council agreed to reopen the ferry."]
    parts = ["What did the harbour council decide about the ferry", "What did the harbour council decide about taxes"]
    assert sentence_for_each(parts, quotes)[0] == 2


def test_compose_clause_stops_at_a_sentence_ending_in_a_number():
    quote = ("The mayor has opposed the ferry subsidy, voting against a $6 million package in 2031. He believes the "
             "bridge, not the ferry, is the town's future and argues that the harbour gains from it.")
    a, b = clause(quote, frozenset({"vote", "packag"}), {"subsidi", "packag"})
    assert quote[a:b].endswith("in 2031.") and "believes" not in quote[a:b]


def test_compose_clause_of_a_long_sentence_ends_before_an_adjunct_and_prefers_the_chosen_sentence():
    quote = ("The harbour master and the ferry union held a long telephone conversation on Monday with the main goal "
             "of setting up a channel of communication for future talks on the fares of the ferry. The mayor said "
             "that this was a continuation of the recent conversation between the council and the ferry owners.")
    a, b = clause(quote, frozenset({"speak", "phone"}), {"speak", "phone"})
    assert quote[a:b] == ("The harbour master and the ferry union held a long telephone conversation on Monday")


def test_compose_clause_does_not_open_on_a_word_its_comma_cut_off():
    quote = ("The mayor urged every town of the northern region to take part in the long talks on the harbour, stating, "
             "“Other towns have raised their fees, "
             "and the port will need to be heard eventually, as it pays fees too.”")
    a, b = clause(quote, frozenset({"need"}), {"port", "fee"})
    assert not quote[a:b].startswith("stating")
