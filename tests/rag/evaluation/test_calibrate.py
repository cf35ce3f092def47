"""The operating point is chosen on the calibration half and reported on the other half."""

from rag.evaluation.calibrate import markdown, operating_point


def _row(answerable: bool, score: float, refused: bool, correct: bool) -> dict:
    return {"answerable": answerable, "evidence_score": score, "refused": refused, "correct": correct, "error": None}


def test_calibrate_chooses_the_threshold_worth_most_on_the_calibration_half():
    # Even positions (calibration): two unanswerable items scoring 0.5 that were answered wrongly,
    # and right answers scoring 0.7: a threshold above 0.5 declines the first without losing the second.
    rows = [_row(False, 0.5, False, False), _row(True, 0.9, False, True),
            _row(False, 0.5, False, False), _row(True, 0.9, False, True),
            _row(True, 0.7, False, True), _row(True, 0.9, False, True)]
    results = {"seeds": {"newsrag": {"items": rows}}}
    point = operating_point(results, configured=0.48, sweep=[0.40, 0.48, 0.60, 0.80])
    assert point["chosen"] == 0.60
    assert point["calibration"]["chosen"]["utility"] == 3 and point["calibration"]["configured"]["utility"] == -1
    assert point["report"]["chosen"]["items"] == 3
    assert any("| calibration (chosen) | 0.60 |" in line for line in markdown(point))


def test_calibrate_counts_an_unknown_answer_below_the_run_threshold_as_wrong():
    # Calibration half: the first row twice, declined for its score at 0.48 though marked right.
    rows = [_row(True, 0.45, True, True), _row(False, 0.1, True, True)] * 2
    point = operating_point({"rgb": {"newsrag": {"items": rows}}}, configured=0.48, sweep=[0.40, 0.48])
    # At 0.40 it would be answered, with an answer nobody has seen: counted as wrong, no better than the
    # false decline at 0.48; the tie goes to the configured threshold.
    assert [p["calibration"]["utility"] for p in point["curve"]] == [-2, -2]
    assert point["chosen"] == 0.48


def test_calibrate_needs_both_halves():
    assert operating_point({"seeds": {"newsrag": {"items": [_row(True, 0.9, False, True)]}}}, 0.48) is None
