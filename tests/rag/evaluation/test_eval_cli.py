"""`newsrag eval` end to end on a few questions: real store, real models, both systems."""

import json
import os
import subprocess

from tests.conftest import ROOT, SEEDS, VENV_BIN


def test_eval_writes_reports_compares_naive_and_gates(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_DATA_DIR": str(tmp_path / "data"), "RAG_SEEDS_DIR": str(SEEDS)})
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"tolerance": 0.05, "floors": {"citation_validity": 1.0}, "metrics": {"hit@5": 0.5}}))
    out = tmp_path / "results"
    result = subprocess.run(
        [str(VENV_BIN / "newsrag"), "eval", "--questions", str(ROOT / "eval" / "questions.jsonl"), "--limit", "3",
         "--compare", "naive", "--out", str(out), "--gate", str(baseline)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "eval gate passed" in result.stdout
    data = json.loads((out / "latest.json").read_text())
    assert set(data["systems"]) == {"newsrag", "naive LlamaIndex"}
    assert len(data["systems"]["newsrag"]["items"]) == 3
    assert (out / "latest.png").stat().st_size > 1000 and "| metric |" in (out / "latest.md").read_text()

    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps({"tolerance": 0.0, "floors": {"citation_validity": 1.0}, "metrics": {"hit@5": 1.5}}))
    failed = subprocess.run(
        [str(VENV_BIN / "newsrag"), "eval", "--questions", str(ROOT / "eval" / "questions.jsonl"), "--limit", "1",
         "--out", str(out), "--gate", str(strict)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert failed.returncode == 1 and "eval gate" in failed.stderr
