from rag.evaluation.metrics import fact_recall, is_refusal, normalize, reciprocal_rank, token_f1
from rag.evaluation.score import gate


def test_normalize_keeps_numbers_and_percentages():
    assert normalize("The rate hit 4.5%, per the U.S.!") == "rate hit 4.5% per u s"


def test_fact_recall_needs_every_group():
    assert fact_recall("Talks were in Riyadh and then Istanbul [1].", [["Riyadh"], ["Istanbul"]]) == 1.0
    assert fact_recall("Talks were in Riyadh.", [["Riyadh"], ["Istanbul"]]) == 0.0
    assert fact_recall("spending is 43 percent", [["43%", "43 percent"]]) == 1.0


def test_token_f1_is_symmetric_overlap():
    assert token_f1("Kirill Dmitriev", "Kirill Dmitriev.") == 1.0
    assert token_f1("nothing", "Kirill Dmitriev") == 0.0
    assert 0 < token_f1("Dmitriev leads the fund", "Kirill Dmitriev") < 1


def test_refusal_detection_uses_flag_or_wording():
    assert is_refusal("The articles don't say.", None)
    assert is_refusal("anything", False)
    assert not is_refusal("It was in Istanbul [1].", True)


def test_reciprocal_rank_cuts_at_k():
    assert reciprocal_rank(2) == 0.5 and reciprocal_rank(11) == 0.0 and reciprocal_rank(None) == 0.0


def test_gate_flags_regressions_and_floors():
    baseline = {"tolerance": 0.05, "floors": {"citation_validity": 1.0},
                "metrics": {"hit@5": 0.9, "fact_recall": 0.6, "over_refusal": 0.1}}
    ok = {"hit@5": 0.88, "fact_recall": 0.6, "over_refusal": 0.12, "citation_validity": 1.0}
    assert gate(ok, baseline) == []
    bad = {"hit@5": 0.8, "fact_recall": 0.6, "over_refusal": 0.2, "citation_validity": 0.98}
    failures = gate(bad, baseline)
    assert len(failures) == 3 and any("floor" in f for f in failures)


def test_quote_dump_flags_copied_sentences_and_the_extractive_fallback():
    from rag.evaluation.metrics import is_quote_dump

    evidence = ["Reports indicate Russia's reliance on countries like Kazakhstan and Kyrgyzstan for trading "
                "military technologies and microelectronics, which are pivotal for weapon production."]
    assert not is_quote_dump("Kazakhstan and Kyrgyzstan [1].", evidence, None)
    copied = ("Russia's reliance on countries like Kazakhstan and Kyrgyzstan for trading military technologies "
              "and microelectronics [1].")
    assert is_quote_dump(copied, evidence, None)
    assert is_quote_dump(f"“{evidence[0]}” [1]", evidence, None)
    assert is_quote_dump("Kazakhstan and Kyrgyzstan [1].", evidence, "extractive")


def test_answer_words_leaves_out_citation_marks():
    from rag.evaluation.metrics import answer_words

    assert answer_words("Kazakhstan and Kyrgyzstan [1][2].") == 3


def test_facts_found_lets_each_group_come_from_another_text():
    from rag.evaluation.metrics import facts_found

    assert facts_found(["talks in Riyadh", "then Istanbul"], [["Riyadh"], ["Istanbul"]])
    assert not facts_found(["talks in Riyadh"], [["Riyadh"], ["Istanbul"]])
    assert facts_found(["anything"], [])


def test_gate_treats_confidently_wrong_and_quote_dumps_as_maximums():
    baseline = {"tolerance": {"default": 0.05}, "metrics": {"confidently_wrong": 0.2, "quote_dumps": 0.1, "accuracy": 0.5}}
    assert gate({"confidently_wrong": 0.24, "quote_dumps": 0.0, "accuracy": 0.9}, baseline) == []
    failures = gate({"confidently_wrong": 0.3, "quote_dumps": 0.2, "accuracy": 0.4}, baseline)
    assert len(failures) == 3 and all(("rose" in f) or ("fell" in f) for f in failures)
