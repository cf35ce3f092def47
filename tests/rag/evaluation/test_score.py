"""Per-item scoring and failure attribution, on hand-made replies (pure functions, no models)."""

from rag.evaluation.dataset import EvalItem
from rag.evaluation.score import aggregate, lost_at, score_item
from rag.evaluation.systems import Reply

ITEM = EvalItem("x1", "single", "Which two countries?", True, "Kazakhstan and Kyrgyzstan.",
                [["Kazakhstan"], ["Kyrgyzstan"]], ["a"], ["Kazakhstan and Kyrgyzstan"])
UNANSWERABLE = EvalItem("u1", "unanswerable", "Which hotel?", False, "", [], [], [])
GOLD = "Russia relies on Kazakhstan and Kyrgyzstan for trade."
OTHER = "Russia plans to make millions of munitions."


def reply(answer, context, evidence, grounded=True, fallback=None):
    return Reply(answer, grounded, [], [{"article_id": "a", "text": t} for t in context], {}, None, context, evidence, fallback)


def test_lost_at_names_the_earliest_stage_that_lost_the_answer():
    assert lost_at(ITEM, False, False, reply("Belarus [1].", [OTHER], [OTHER])) == "retrieval"
    assert lost_at(ITEM, False, False, reply("Belarus [1].", [GOLD, OTHER], [OTHER])) == "evidence"
    assert lost_at(ITEM, False, True, reply("The articles don't say.", [GOLD], [GOLD], grounded=False)) == "answerability"
    assert lost_at(ITEM, False, False, reply("Russia does not rely on any country [1].", [GOLD], [GOLD])) == "generation"
    assert lost_at(ITEM, True, False, reply("Kazakhstan and Kyrgyzstan [1].", [GOLD], [GOLD])) is None
    assert lost_at(UNANSWERABLE, False, False, reply("The Ritz [1].", [OTHER], [OTHER])) == "answerability"


def test_a_negated_wrong_answer_is_confidently_wrong_and_a_decline_is_not():
    wrong = score_item(ITEM, reply("Russia does not rely on any specific countries [1].", [GOLD], [GOLD]), lambda _: None)
    declined = score_item(ITEM, reply("The articles don't say.", [GOLD], [GOLD], grounded=False), lambda _: None)
    right = score_item(ITEM, reply("Kazakhstan and Kyrgyzstan [1].", [GOLD], [GOLD]), lambda _: None)
    answered_unanswerable = score_item(UNANSWERABLE, reply("The Ritz [1].", [OTHER], [OTHER]), lambda _: None)
    assert wrong["confidently_wrong"] and not wrong["correct"]
    assert not declined["confidently_wrong"] and declined["lost_at"] == "answerability"
    assert right["correct"] and not right["quote_dump"] and right["answer_words"] == 3
    assert answered_unanswerable["confidently_wrong"]
    dumped = score_item(ITEM, reply(f"“{GOLD}” [1]", [GOLD], [GOLD], fallback="extractive"), lambda _: None)
    assert dumped["quote_dump"] and not dumped["correct"] and not dumped["confidently_wrong"]
    assert dumped["fact_recall"] == 1.0 and dumped["lost_at"] == "generation"
    agg = aggregate([wrong, declined, right, answered_unanswerable])
    assert agg["confidently_wrong"] == 0.5 and agg["accuracy"] == 0.25
    assert agg["lost_at"] == {"retrieval": 0, "evidence": 0, "answerability": 2, "generation": 1}


def test_verified_precision_is_the_share_of_verified_answers_that_are_not_wrong():
    def scored(item, answer, verified, grounded=True):
        r = reply(answer, [GOLD], [GOLD], grounded=grounded)
        r.verified = verified
        return score_item(item, r, lambda _: None)

    rows = [scored(ITEM, "Kazakhstan and Kyrgyzstan [1].", True), scored(ITEM, "Belarus [1].", True),
            scored(UNANSWERABLE, "The Ritz [1].", False), scored(ITEM, "The articles don't say.", False, grounded=False)]
    agg = aggregate(rows)
    assert agg["verified_precision"] == 0.5  # one of the two verified answers is wrong
    assert round(agg["verified_share"], 3) == 0.667  # the decline is not an answer
    assert rows[3]["verified"] is None
    unmarked = aggregate([score_item(ITEM, reply("Belarus [1].", [GOLD], [GOLD]), lambda _: None)])
    assert unmarked["verified_share"] is None and unmarked["verified_precision"] is None


def test_rgb_scoring_uses_lowercase_containment_and_counts_leaked_answers():
    item = EvalItem("rgb-001", "unanswerable", "Q?", False, "Norway", [["Norway"]], [], [])
    row = score_item(item, reply("The articles don't say.", ["norway won"], ["norway won"], grounded=False),
                     lambda _: None, rgb=True)
    assert row["rgb_correct"] and row["answer_in_context"]
    answerable = EvalItem("rgb-002", "answerable", "Q?", True, "$10.4 billion", [["$10.4 billion"]], ["d"], [])
    ok = score_item(answerable, reply("Revenue was $10.4 Billion [1].", ["x"], ["x"]), lambda _: None, rgb=True)
    assert ok["rgb_correct"]
    agg = aggregate([row, ok])
    assert agg["rgb_accuracy"] == 1.0 and agg["rgb_rejection_rate"] == 1.0 and agg["unanswerable_with_answer_in_context"] == 1


def test_tradeoff_sweeps_false_declines_against_rejections():
    from rag.evaluation.score import tradeoff

    rows = [
        {"answerable": True, "evidence_score": 0.6, "error": None, "refused": False},
        {"answerable": True, "evidence_score": 0.4, "error": None, "refused": True},
        {"answerable": False, "evidence_score": 0.45, "error": None, "refused": True},
        {"answerable": False, "evidence_score": 0.0, "error": None, "refused": True},
    ]
    curve = {p["threshold"]: p for p in tradeoff(rows, None, [0.3, 0.5, 0.7])}
    assert curve[0.3] == {"threshold": 0.3, "false_declines": 0.0, "rejections": 0.5}
    assert curve[0.5] == {"threshold": 0.5, "false_declines": 0.5, "rejections": 1.0}
    assert curve[0.7]["false_declines"] == 1.0
    assert tradeoff([{**r, "evidence_score": None} for r in rows]) is None


def test_tradeoff_keeps_the_readers_declines_at_every_threshold():
    from rag.evaluation.score import tradeoff

    rows = [
        {"answerable": True, "evidence_score": 0.6, "error": None, "refused": False},
        # Run at 0.48 and declined with a score above it: the reader found no answer.
        {"answerable": False, "evidence_score": 0.7, "error": None, "refused": True},
    ]
    curve = {p["threshold"]: p for p in tradeoff(rows, 0.48, [0.3, 0.5])}
    assert curve[0.3]["rejections"] == 1.0 and curve[0.5]["false_declines"] == 0.0
