"""The RGB protocol on a file written here in RGB's format (the benchmark itself stays in ../shared)."""

import json

import pytest

from rag.errors import InputError
from rag.evaluation.rgb import answer_groups, load_rgb, rgb_correct
from tests.conftest import ROOT

SHARED_RGB = ROOT.parent / "shared" / "rgb" / "en_fact_dev.jsonl"


def _write(tmp_path, rows):
    path = tmp_path / "rgb.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_corpus_is_even_items_positives_and_every_items_negatives(tmp_path):
    rows = [
        {"id": 0, "query": "Where was the 1999 final played?", "answer": "Lyon",
         "positive": ["Mar 3, 1999 ... The final was played in Lyon.", "Lyon hosted it."], "negative": ["A stadium list."]},
        {"id": 1, "query": "Who won the 1998 cup?", "answer": ["Ana", ["Bo", "Bob"]],
         "positive": ["Ana and Bo won."], "negative": ["Unrelated tennis news."]},
    ]
    articles, items = load_rgb(_write(tmp_path, rows))
    ids = sorted(a.id for a in articles)
    assert ids == ["rgb-000-neg-0", "rgb-000-pos-0", "rgb-000-pos-1", "rgb-001-neg-0"]
    assert [i.answerable for i in items] == [True, False]
    assert items[0].gold_articles == ["rgb-000-pos-0", "rgb-000-pos-1"] and items[1].gold_articles == []
    assert items[1].facts == [["Ana"], ["Bo", "Bob"]]
    assert next(a for a in articles if a.id == "rgb-000-pos-0").date.isoformat() == "1999-03-03"


def test_rgb_check_needs_every_item_and_accepts_any_alternative():
    groups = answer_groups(["Ana", ["Bo", "Bob"]])
    assert rgb_correct("ANA and bob [1].", groups)
    assert not rgb_correct("Ana alone [1].", groups)


def test_a_broken_rgb_file_is_a_clear_input_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    with pytest.raises(InputError, match="not an RGB item"):
        load_rgb(bad)
    with pytest.raises(InputError, match="not found"):
        load_rgb(tmp_path / "missing.jsonl")


@pytest.mark.skipif(not SHARED_RGB.is_file(), reason="../shared/rgb is not beside this checkout")
def test_the_shared_dev_half_follows_the_protocol():
    articles, items = load_rgb(SHARED_RGB)
    rows = [json.loads(line) for line in SHARED_RGB.read_text().splitlines() if line.strip()]
    expected = sum(len(r["positive"]) for r in rows if r["id"] % 2 == 0) + sum(len(r["negative"]) for r in rows)
    assert len(articles) == expected and len({a.id for a in articles}) == expected
    assert sum(i.answerable for i in items) == 25 and len(items) == 50
