from rag.rewrite import standalone_question


class _SmallModel:
    capable = False
    name = "small"


def test_rewrite_leaves_a_first_question_alone():
    assert standalone_question("Where were the talks?", [], _SmallModel()) == "Where were the talks?"


def test_rewrite_carries_context_into_a_short_follow_up():
    history = [
        {"role": "user", "content": "Where was the second round of talks held?"},
        {"role": "assistant", "content": "In Istanbul [1]."},
    ]
    q = standalone_question("And when was it?", history, _SmallModel())
    assert "second round of talks" in q and q.startswith("And when was it?")


def test_rewrite_keeps_a_self_contained_question():
    history = [{"role": "user", "content": "Where was the second round of talks held?"}]
    q = "How much of the Russian national budget is spent on the military and on security?"
    assert standalone_question(q, history, _SmallModel()) == q
