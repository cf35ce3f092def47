"""Whether texts name what a question names (pure functions on hand-written texts)."""

from rag.names import unmentioned


def test_names_a_name_is_unmentioned_only_when_no_text_holds_all_its_words():
    texts = ["Russian and Ukrainian envoys met in Riyadh.", "The Munich Security Conference opened on Friday."]
    assert unmentioned(["Russia", "Riyadh", "Munich Security Conference"], texts) == []
    assert unmentioned(["Oslo", "Munich Riyadh"], texts) == ["Oslo", "Munich Riyadh"]


def test_names_a_name_typed_without_its_accents_is_mentioned_by_the_accented_one():
    assert unmentioned(["Sao Paulo", "Malmo"], ["Smoke filled the air in São Paulo.", "Malmö opened a port."]) == []
