"""Citation verification on crafted model outputs (no model needed)."""

from rag.verify import check_answer, compression_problems, key_tokens, span_problems, split_answer

QUOTES = [
    "Despite claims that Russia’s economy remains strong, military and security spending now consumes 43% of the national budget, inflation is nearing 10%, and interest rates have hit 21%.",
    "This meeting takes place at the U.S. Consulate General in Istanbul, Turkey.",
]


def test_verify_keeps_a_supported_cited_sentence():
    [c] = check_answer("Military and security spending consumes 43% of the national budget [1].", QUOTES, repair=False)
    assert c.supported and c.cited == [1] and not c.repaired


def test_verify_removes_a_hallucinated_number():
    [c] = check_answer("Military spending consumes 45% of the national budget [1].", QUOTES, repair=True)
    assert not c.supported
    assert any("45%" in p for p in c.problems)


def test_verify_drops_out_of_range_citations():
    [c] = check_answer("The talks take place in Istanbul [7].", QUOTES, repair=False)
    assert not c.supported and "citation [7] does not exist" in c.problems


def test_verify_removes_an_uncited_sentence_without_repair():
    [c] = check_answer("The meeting takes place in Istanbul.", QUOTES, repair=False)
    assert not c.supported and "no citation" in c.problems


def test_verify_repair_attaches_the_supporting_quote():
    [c] = check_answer("The meeting takes place in Istanbul, Turkey [1].", QUOTES, repair=True)
    assert c.supported and c.repaired and c.cited == [2]


def test_verify_rejects_a_name_that_no_quote_contains():
    [c] = check_answer("The meeting takes place at the consulate in Paris [2].", QUOTES, repair=True)
    assert not c.supported and any("Paris" in p for p in c.problems)


def test_verify_trims_citations_the_claim_does_not_need():
    [c] = check_answer("Interest rates have hit 21% [1][2].", QUOTES, repair=False)
    assert c.supported and c.cited == [1]


def test_split_answer_attaches_trailing_citation_markers():
    parts = split_answer("Rates hit 21%. [1] The talks were in Istanbul [2].")
    assert parts == [("Rates hit 21%.", [1]), ("The talks were in Istanbul.", [2])]


def test_key_tokens_cover_numbers_names_and_acronyms():
    keys = key_tokens("Rubio said NATO spent $6 billion on 12 February in Istanbul.")
    assert {"6", "12", "NATO", "February", "Istanbul"} <= keys
    assert "Rubio" not in keys  # the first word is checked as a content word instead


def test_verify_drops_a_sentence_cut_off_by_the_token_limit():
    checked = check_answer("Interest rates have hit 21% [1]. The meeting takes place in the", QUOTES, repair=True)
    assert [c.supported for c in checked] == [True, False]
    assert checked[1].problems == ["cut off mid-sentence"]


RELIANCE = ("Reports indicate Russia's reliance on countries like Kazakhstan and Kyrgyzstan for trading military "
            "technologies and microelectronics, which are pivotal for weapon production.")


def test_verify_rejects_a_negation_the_quote_does_not_make():
    answer = "Russia does not rely on any specific countries to trade military technologies [1]."
    [c] = check_answer(answer, [RELIANCE], repair=True)
    assert not c.supported and any("denies" in p for p in c.problems)
    [ok] = check_answer("Russia relies on Kazakhstan and Kyrgyzstan to trade military technologies [1].", [RELIANCE], repair=False)
    assert ok.supported


def test_verify_rejects_asserting_what_the_quote_denies_and_keeps_shared_negations():
    quote = "Rubio said European officials should take part in the talks, but did not provide further details."
    [flipped] = check_answer("Rubio provided further details about the talks [1].", [quote], repair=False)
    assert not flipped.supported and any("deny 'provid'" in p for p in flipped.problems)
    [same] = check_answer("Rubio did not provide further details about the talks [1].", [quote], repair=False)
    assert same.supported
    [other_clause] = check_answer("Rubio said European officials should take part in the talks [1].", [quote], repair=False)
    assert other_clause.supported


def test_verify_reads_not_only_as_an_affirmation():
    quote = "Lavrov stated that the parties not only listened, but heard each other."
    [c] = check_answer("Lavrov said the parties listened and heard each other [1].", [quote], repair=False)
    assert c.supported


def test_verify_opening_adverbial_frames_the_whole_sentence():
    from rag.verify import span_problems

    quote = ("On March 3, 2031, after a week of delays caused by storms along the coast, officials from both towns "
             "finally convened in the harbour hall for the second round of the talks.")
    assert span_problems("March 3, 2031", quote, frozenset({"talk", "round"})) == []
    # Not at the opening: the usual distance holds.
    late = ("Officials from both towns met for the second round of the talks; the harbour had been closed by storms "
            "for weeks, and the coast road reopened to lorries and buses only on March 3, 2031, as crews worked.")
    assert span_problems("March 3, 2031", late, frozenset({"talk", "round"}))


def test_verify_relation_in_the_next_sentence_does_not_fill_the_slot():
    from rag.verify import relation_distance, span_problems

    quote = ("Ministers of both countries met for the first time in years to discuss the drought in Kenya. "
             "The meeting, hosted in Norway, lasted four hours.")
    host = frozenset({"host"})
    kenya, norway = quote.index("Kenya"), quote.index("Norway")
    assert relation_distance(quote, kenya, kenya + 5, host) is None
    assert relation_distance(quote, norway, norway + 6, host) is not None
    assert span_problems("Kenya", quote, host)
    assert span_problems("Norway", quote, host) == []


def test_verify_relation_across_an_ellipsis_does_not_fill_the_slot():
    from rag.verify import relation_distance

    win = frozenset({"win"})
    quote = "Sep 3, 2031 ... With Tom Berg out of the final ... Ana Ruiz went on to win the title."
    berg, ruiz = quote.index("Tom Berg"), quote.index("Ana Ruiz")
    assert relation_distance(quote, ruiz, ruiz + 8, win) is not None
    # A few words from "win" once the ellipsis is gone, but the words between them were left out.
    assert relation_distance(quote, berg, berg + 8, win) is None
    joined = quote.replace(" ... Ana", " Ana")
    assert relation_distance(joined, berg, berg + 8, win) is not None


def test_verify_a_bracketed_aside_neither_parts_nor_distances_the_span_from_its_relation():
    from rag.verify import relation_distance

    win = frozenset({"winner"})
    quote = "Ana Ruiz (Team Harbour Lakeside Cycling Club) took home the jersey as the overall winner of the rally."
    plain = "Ana Ruiz took home the jersey as the overall winner of the rally."
    ruiz = quote.index("Ana Ruiz")
    assert relation_distance(quote, ruiz, ruiz + 8, win) == relation_distance(plain, ruiz, ruiz + 8, win) is not None


def test_verify_a_thousands_separator_is_not_a_clause_boundary():
    from rag.verify import relation_distance

    deaths = frozenset({"death"})
    quote = "Flood deaths in the valley rose past 3,000 by the end of May."
    comma = relation_distance(quote, quote.index("May"), quote.index("May") + 3, deaths)
    plain = quote.replace("3,000", "3000")
    assert comma is not None and comma == relation_distance(plain, plain.index("May"), plain.index("May") + 3, deaths)
    # A real comma still costs a clause: four words more, beyond the window here.
    clause = quote.replace("3,000", "3000,")
    assert relation_distance(clause, clause.index("May"), clause.index("May") + 3, deaths) is None


def test_verify_a_shortened_statement_must_keep_the_quotes_order_and_every_negation():
    quote = "Lindqvist said on Tuesday that the port would not lower its fees, officials added."
    ok = [(quote.index("the port"), quote.index(", officials"))]
    assert compression_problems(quote, ok) == []
    no_negation = [(quote.index("the port"), quote.index(" not")), (quote.index("lower"), quote.index(", officials"))]
    assert compression_problems(quote, no_negation)
    backwards = list(reversed(no_negation))
    assert compression_problems(quote, backwards)


def test_verify_a_shortened_statement_must_not_cut_a_written_word_in_two():
    # The tokenizer splits "Tidefile.B" and hangs "B" as an apposition; without it the name is another.
    quote = "The app, dubbed Tidefile.B, has spread since May."
    cut = [(0, quote.index("B,")), (quote.index(" has"), len(quote) - 1)]
    assert compression_problems(quote, cut)
    whole = [(0, quote.index(",")), (quote.index(" has"), len(quote) - 1)]
    assert compression_problems(quote, whole) == []


def test_verify_a_shortened_statement_must_not_cut_an_aside_in_two():
    quote = "The new ferry is not to my liking (Tidewater fan) as it looks slow."
    cut = [(0, quote.index(" (")), (quote.index(" fan"), len(quote) - 1)]
    assert compression_problems(quote, cut)
    whole = [(0, quote.index(" (")), (quote.index(" as"), len(quote) - 1)]
    assert compression_problems(quote, whole) == []


def test_verify_a_span_is_not_denied_by_a_negation_the_question_asks_about():
    quote = "After the vote, Anna Berg called the budget not bad, the council said."
    relation = frozenset({"call", "bad", "budget"})
    assert any("denies" in p for p in span_problems("Anna Berg", quote, relation))
    # "Who called the budget not bad?": the quote's "not bad" is what is asked, not a denial of it.
    assert span_problems("Anna Berg", quote, relation, asked_denied=frozenset({"bad"})) == []


def test_verify_what_a_contrast_sets_aside_is_not_the_answer_and_no_clause_apart():
    from rag.verify import relation_distance

    quote = "The council believes Bergen, not Oslo, is the harbour's main rival."
    rival = frozenset({"rival", "main"})
    problems = span_problems("Oslo", quote, rival)
    assert problems and "sets aside" in problems[0]
    bergen = quote.index("Bergen")
    # The aside ", not Oslo," is no clause boundary between Bergen and what it is said to be.
    assert relation_distance(quote, bergen, bergen + 6, rival) == relation_distance(
        "The council believes Bergen is the harbour's main rival.", bergen, bergen + 6, rival)
    assert span_problems("Bergen", quote, rival) == []


def test_verify_an_apposition_between_commas_is_no_clause_boundary():
    from rag.verify import relation_distance

    bad = frozenset({"bad"})
    quote = "After the vote Tom Fischer, Anna Berg's deputy, said the budget was not bad."
    plain = "After the vote Tom Fischer said the budget was not bad."
    tom = quote.index("Tom Fischer")
    assert relation_distance(quote, tom, tom + 11, bad) is not None
    # Its words still count as near: "deputy" stands two words ("Anna Berg's") after the name.
    assert relation_distance(quote, tom, tom + 11, frozenset({"deputi"})) == 2
    assert relation_distance(plain, tom, tom + 11, bad) is not None


def test_verify_a_sentence_continuing_the_one_before_reaches_only_a_clause_past_its_anaphor():
    previous = "The second round of the ferry talks opened on Monday."
    near = "This meeting takes place at the town hall in Bergen."
    assert span_problems("Bergen", near, frozenset({"round", "talk", "hold"}), previous=previous) == []
    far = ("These links were spread on many forums, including posts about boats and trains, or via a forum for "
           "sailors called Dockside.")
    assert span_problems("Dockside", far, frozenset({"round", "talk", "hold"}), previous=previous)


def test_verify_the_commas_of_a_list_of_names_part_no_clauses():
    from rag.verify import relation_distance

    quote = "A ferry strike disrupted trips to Bergen, Oslo, and Stavanger on Friday."
    friday = quote.index("Friday")
    assert relation_distance(quote, friday, friday + 6, frozenset({"strike"})) is not None
    # A comma before a clause of its own still costs one.
    said = "Anna Berg, Tom Fischer said, met the union on Friday."
    assert relation_distance(said, 0, 9, frozenset({"union"})) is None
