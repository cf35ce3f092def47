from datetime import date

import pytest

from rag.errors import InputError
from rag.retrieval import Filters, rrf_fuse
from tests.rag.retrieval_questions import RETRIEVAL_CASES


def test_rrf_fuse_rewards_agreement():
    fused = rrf_fuse([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert [i for i, _ in fused] == ["b", "a", "c"]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


@pytest.mark.parametrize("question,gold", RETRIEVAL_CASES, ids=[q[:40] for q, _ in RETRIEVAL_CASES])
def test_retrieval_finds_the_answering_article_in_top_3(seeded, question, gold):
    passages = seeded.search(question, 5).passages
    assert any(p.article_id in gold for p in passages[:3]), [p.article_id for p in passages]


def test_retrieval_passages_carry_offsets_ranks_and_metadata(seeded):
    passages = seeded.search("Istanbul consulate talks", 5).passages
    assert len(passages) == 5
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    for p in passages:
        article = seeded.store.get_article(p.article_id)
        assert article.text[p.start : p.end] == p.text
        assert p.title == article.title and p.source == article.source
        assert p.dense_rank is not None or p.bm25_rank is not None


def test_retrieval_respects_article_filter(seeded):
    f = Filters(article_ids=("000_543b3317419460aa",))
    passages = seeded.search("Where did the talks take place?", 5, f).passages
    assert passages and {p.article_id for p in passages} == {"000_543b3317419460aa"}


def test_retrieval_respects_date_range(seeded):
    f = Filters(date_from=date(2025, 2, 20), date_to=date(2025, 2, 28))
    passages = seeded.search("talks between the United States and Russia", 5, f).passages
    assert passages and {p.article_id for p in passages} == {"004_d06bf04a0b8af4c5"}


def test_filters_reject_a_reversed_date_range():
    with pytest.raises(InputError, match="after"):
        Filters(date_from=date(2025, 3, 1), date_to=date(2025, 2, 1))


def test_retrieval_rejects_empty_questions(seeded):
    with pytest.raises(InputError):
        seeded.search("   ", 5)


def test_retrieval_on_an_empty_store_returns_nothing(library_factory):
    assert library_factory().search("anything at all", 5).passages == []


def _passage(text: str, title: str = "t", date: str | None = None):
    from rag.retrieval import Passage

    return Passage("c" + text[:8], "a" + text[:8], title, date, "s", 0, text, 0, len(text))


def test_constraints_first_moves_passages_that_break_the_question_behind_the_rest():
    from rag.retrieval import constraints_first

    wrong_year = _passage("Revenue in Q1 2022 was $18.8 billion.")
    undated = _passage("The company reported its results for the quarter.")
    right = _passage("Revenue in Q1 2021 was $10.4 billion.")
    ordered = constraints_first([wrong_year, undated, right], "What was the revenue in Q1 2021?")
    # Neither the other year nor a passage that never names the year meets "in Q1 2021"; their order stays.
    assert ordered == [right, wrong_year, undated]
    # A question without hard constraints keeps the fused order.
    assert constraints_first([wrong_year, right], "What was the revenue?") == [wrong_year, right]


def test_retrieval_shows_one_copy_of_a_passage_stored_twice(library_factory, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    story = "Harbour ferry fares\n\nThe harbour ferry will raise its fares by ten percent in March, the council said.\n"
    (folder / "wire_site_one.txt").write_text(story)
    (folder / "wire_site_two.txt").write_text(story)
    (folder / "other.txt").write_text("Ferry council\n\nThe ferry council met on Tuesday to discuss the harbour fares.\n")
    library = library_factory()
    library.ingest_folder(folder)
    passages = library.search("When will the harbour ferry raise its fares?", 2).passages
    assert len(passages) == 2
    assert len({" ".join(p.text.split()) for p in passages}) == 2


def test_retrieval_keeps_the_one_passage_holding_a_rare_name_of_the_question(library_factory, tmp_path):
    # The real news pages of ../shared/html: one names a scientist once, in a paragraph about fire statistics that
    # the question's vectors place far below the pages' many other passages about people.
    import shutil
    from pathlib import Path

    folder = tmp_path / "pages"
    shutil.copytree(Path(__file__).resolve().parents[3] / "shared" / "html", folder)
    (folder / "README.md").unlink()
    library = library_factory()
    library.ingest_folder(folder)
    passages = library.search("Who is Mark Parrington?", 5).passages
    assert len(passages) == 5 and any("Parrington" in p.text for p in passages)
