from collections import Counter

from rag.articles import load_folder
from rag.evaluation.dataset import TYPES, load_items, problems
from tests.conftest import ROOT, SEEDS

QUESTIONS = ROOT / "eval" / "questions.jsonl"


def test_question_set_is_valid_against_the_seed_articles():
    items = load_items(QUESTIONS)
    texts = {a.id: a.text for a in load_folder(SEEDS)}
    assert problems(items, texts) == []


def test_question_set_has_the_planned_size_and_mix():
    items = load_items(QUESTIONS)
    assert len(items) >= 60
    counts = Counter(i.type for i in items)
    assert set(counts) <= set(TYPES)
    n = len(items)
    assert counts["single"] / n >= 0.25
    assert counts["multi"] / n >= 0.18 and all(len(i.gold_articles) >= 2 for i in items if i.type == "multi")
    assert (counts["numeric"] + counts["date"]) / n >= 0.18
    assert counts["conflict"] / n >= 0.08
    assert counts["unanswerable"] / n >= 0.18


def test_problems_reports_a_quote_missing_from_its_article():
    items = load_items(QUESTIONS)[:1]
    texts = {aid: "nothing relevant here" for aid in items[0].gold_articles}
    assert any("not found verbatim" in p for p in problems(items, texts))


def test_chat_conversations_are_valid_against_the_seed_articles():
    from rag.evaluation.dataset import CHAT_TYPES, load_chat_items

    items = load_chat_items(ROOT / "eval" / "chat.jsonl")
    texts = {a.id: a.text for a in load_folder(SEEDS)}
    assert problems(items, texts, CHAT_TYPES) == []
    assert len(items) >= 15 and all(1 <= len(i.history) <= 2 for i in items)
    assert set(Counter(i.type for i in items)) == set(CHAT_TYPES)


def test_a_conversation_without_turns_is_refused(tmp_path):
    import pytest

    from rag.errors import InputError
    from rag.evaluation.dataset import load_chat_items

    path = tmp_path / "chat.jsonl"
    path.write_text('{"id": "h", "type": "pronoun", "turns": ["only one"], "answerable": true, "reference": "", '
                    '"facts": [], "gold_articles": [], "gold_quotes": []}\n')
    with pytest.raises(InputError, match="two or more"):
        load_chat_items(path)


PARAPHRASES = ROOT / "eval" / "paraphrase.jsonl"


def test_paraphrase_set_is_valid_and_does_not_reuse_the_articles_wording():
    items = load_items(PARAPHRASES)
    texts = {a.id: a.text for a in load_folder(SEEDS)}
    assert len(items) >= 30 and problems(items, texts) == []
    for item in items:
        # No run of three words of the gold quote in the question: the wording is the asker's own.
        words = [w.strip("“”\"',.?").lower() for w in item.question.split()]
        runs = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
        quote = " ".join(w.strip("“”\"',.?").lower() for w in " ".join(item.gold_quotes).split())
        assert not any(run in quote for run in runs), item.id
