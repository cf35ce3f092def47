"""`newsrag eval` end to end: real store, real models, every suite, both systems, the gate."""

import json
import os
import subprocess

from tests.conftest import ROOT, SEEDS, VENV_BIN

# Two items in RGB's format, written here: the benchmark itself is read from ../shared, never copied.
RGB_ROWS = [
    {"id": 0, "query": "Where was the 2031 Harbour Cup final played?", "answer": "Lyon",
     "positive": ["Mar 3, 2031 ... The 2031 Harbour Cup final was played in Lyon before 40,000 fans."],
     "negative": ["The 2029 Harbour Cup final was played in Porto.", "Tickets for the Harbour Cup go on sale in May."]},
    {"id": 1, "query": "Who won the 2030 Harbour Cup?", "answer": "Aria Vance",
     "positive": ["Aria Vance won the 2030 Harbour Cup."], "negative": ["The Harbour Cup is held every year."]},
]


def _eval(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_DATA_DIR": str(tmp_path / "data"), "RAG_SEEDS_DIR": str(SEEDS)})
    return subprocess.run(
        [str(VENV_BIN / "newsrag"), "eval", "--questions", str(ROOT / "eval" / "questions.jsonl"),
         "--chat", str(ROOT / "eval" / "chat.jsonl"), "--paraphrases", str(ROOT / "eval" / "paraphrase.jsonl"), *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )


def test_eval_runs_every_suite_for_both_systems_writes_reports_and_gates(tmp_path):
    rgb = tmp_path / "rgb.jsonl"
    rgb.write_text("\n".join(json.dumps(r) for r in RGB_ROWS) + "\n")
    baseline = tmp_path / "baseline.json"
    accepted = {"tolerance": 0.05, "floors": {"citation_validity": 1.0}, "metrics": {"confidently_wrong": 1.0}}
    baseline.write_text(json.dumps({"suites": {"seeds": accepted, "chat": accepted, "rgb": accepted}}))
    out = tmp_path / "results"
    result = _eval(tmp_path, "--suite", "all", "--rgb-file", str(rgb), "--limit", "2", "--compare", "naive",
                   "--out", str(out), "--gate", str(baseline))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "eval gate passed" in result.stdout
    data = json.loads((out / "latest.json").read_text())
    assert set(data["suites"]) == {"seeds", "paraphrase", "rgb", "chat"}
    for suite, systems in data["suites"].items():
        assert set(systems) == {"newsrag", "naive LlamaIndex"}, suite
        agg = systems["newsrag"]["aggregate"]
        assert len(systems["newsrag"]["items"]) == 2
        assert {"confidently_wrong", "quote_dumps", "answer_words_p50", "lost_at"} <= set(agg)
        assert (out / f"{suite}.png").stat().st_size > 1000
        assert "Where answers were lost" in (out / f"{suite}.md").read_text()
    # Retrieval recall is measured on the retriever alone for suites with gold passages.
    assert data["suites"]["paraphrase"]["newsrag"]["retrieval"]["items"] == 2
    assert "Retrieval recall" in (out / "paraphrase.md").read_text()
    rgb_agg = data["suites"]["rgb"]["newsrag"]["aggregate"]
    assert rgb_agg["answerable"] == 1 and rgb_agg["unanswerable"] == 1 and "rgb_accuracy" in rgb_agg
    # Chat items are scored on their last turn, asked with the earlier turns as history.
    chat_row = data["suites"]["chat"]["newsrag"]["items"][0]
    assert chat_row["history"] and chat_row["question"] != chat_row["history"][0]
    # RGB's questions stay out of the markdown (its licence keeps them out of committed reports).
    assert RGB_ROWS[0]["query"] not in (out / "rgb.md").read_text()
    # The user's store was never touched: every suite ran in a temporary one.
    assert not (tmp_path / "data").exists()


def test_eval_skips_a_missing_rgb_file_and_the_gate_fails_on_it_and_on_regressions(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"suites": {
        "seeds": {"tolerance": 0.0, "metrics": {"hit@5": 1.5}},
        "rgb": {"tolerance": 0.0, "metrics": {"rgb_accuracy": 0.5}},
    }}))
    failed = _eval(tmp_path, "--suite", "seeds,rgb", "--rgb-file", str(tmp_path / "missing.jsonl"), "--limit", "1",
                   "--out", str(tmp_path / "results"), "--gate", str(baseline))
    assert failed.returncode == 1
    assert "suite rgb skipped" in failed.stderr and "RGB file not found" in failed.stderr
    assert "seeds: hit@5 fell" in failed.stderr and "rgb: not run" in failed.stderr


def test_eval_rejects_an_unknown_suite_with_a_clear_message(tmp_path):
    result = _eval(tmp_path, "--suite", "nope")
    assert result.returncode == 2 and "unknown suite 'nope'" in result.stderr and "Traceback" not in result.stderr
