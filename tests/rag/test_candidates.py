"""Ranking of short answer candidates against each other (plain values, no model needed)."""

from rag.candidates import Candidate, FullName, agree, coordinated, full_name, fuller, misspelt, sharpest, spelled
from rag.evidence import Evidence
from rag.nlp import Token


def _candidate(text: str, article: str, score: float, label: str = "PERSON") -> Candidate:
    quote = f"{text} won the Lakeside Open."
    evidence = Evidence(article, "Title", None, f"{article}.txt", quote, 0, len(quote), score, score, 1.0)
    return Candidate(text, label, 0, evidence, 0, len(text), score, 0)


def test_candidates_a_name_several_articles_agree_on_ranks_first():
    ranked = agree([_candidate("Anna Berg", "a1", 0.80), _candidate("Maria Lopez", "a2", 0.78),
                    _candidate("Maria Lopez", "a3", 0.70)])
    assert [c.text for c in ranked][:1] == ["Maria Lopez"]
    assert ranked[0].score > 0.78


def test_candidates_a_surname_counts_for_the_full_name_and_is_answered_by_it():
    found = [_candidate("Lopez", "a1", 0.9), _candidate("Maria Lopez", "a1", 0.6),
             _candidate("Lopez", "a2", 0.5, label="ORG")]
    assert [c.text for c in fuller(found)] == ["Maria Lopez", "Maria Lopez", "Lopez"]


def _name(text: str, article: str) -> FullName:
    quote = f"{text} spoke after the final."
    evidence = Evidence(article, "Title", None, f"{article}.txt", quote, 100, 100 + len(quote), 0.5, 0.5, 1.0)
    return FullName(text, evidence, 100, 100 + len(text))


def test_candidates_a_surname_answer_takes_the_one_full_name_the_best_sentences_give():
    lopez = _candidate("Lopez", "a1", 0.9)
    assert full_name(lopez, [_name("Anna Berg", "a1"), _name("Maria Lopez", "a2")], person=True).text == "Maria Lopez"
    # Its own article decides first; two people sharing the surname there leave it a surname.
    assert full_name(lopez, [_name("Maria Lopez", "a1"), _name("Carla Lopez", "a2")], person=True).text == "Maria Lopez"
    assert full_name(lopez, [_name("Maria Lopez", "a1"), _name("Carla Lopez", "a1")], person=True) is None
    # Not for a longer answer, nor for a one-word organisation when no person is asked for.
    assert full_name(_candidate("Anna Lopez", "a1", 0.9), [_name("Maria Anna Lopez", "a1")], person=True) is None
    assert full_name(_candidate("Lopez", "a1", 0.9, label="ORG"), [_name("Maria Lopez", "a1")], person=False) is None


def test_candidates_a_name_one_article_misspells_is_answered_with_the_spelling_most_articles_give():
    found = [_candidate("Anna Bergmann", "a1", 0.9), _candidate("Anna Bergman", "a2", 0.7)]
    texts = [("a1", "The cup went to Anna Bergmann."), ("a2", "Anna Bergman won the cup."),
             ("a3", "Coach of Anna Bergman said ..."), ("a4", "Anna Bergmanns Trainer")]
    assert [c.text for c in spelled(found, texts)] == ["Anna Bergman", "Anna Bergman"]
    # As many articles each way (whole words only: "Bergmanns" is neither): each keeps its own spelling.
    assert [c.text for c in spelled(found, texts[:2])] == ["Anna Bergmann", "Anna Bergman"]
    # No candidate of the better spelling among the answers: nothing to cite it by, so nothing changes.
    assert [c.text for c in spelled(found[:1], texts)] == ["Anna Bergmann"]


def test_candidates_misspelt_means_one_letter_off_in_a_long_last_word():
    assert misspelt("Justin Kurze", "Justin Kurzel") and misspelt("Rachel Hendriks", "Rachel Hendricks")
    assert misspelt("Moreno", "Moreni") and not misspelt("Mike Walz", "Mike Waltz")  # "Walz": too short to tell
    assert not misspelt("Anna Lopez", "Maria Lopez") and not misspelt("Anna Berg", "Anna Berg")
    assert not misspelt("Maria Ferrara", "Maria Ferraro Cruz") and not misspelt("Paul Hendrik", "Paul Hendricks")


def test_candidates_a_year_alone_gives_way_to_a_full_date_within_it():
    found = [_candidate("2031", "a1", 0.9, "DATE"), _candidate("June 2, 2030", "a2", 0.8, "DATE"),
             _candidate("March 3, 2031", "a3", 0.6, "DATE")]
    assert [c.text for c in sharpest(found)] == ["March 3, 2031", "2031", "June 2, 2030"]
    # A full date in another year does not sharpen it, and a full date first stays first.
    assert [c.text for c in sharpest(found[:2])] == ["2031", "June 2, 2030"]
    assert sharpest(found[2:] + found[:1]) == found[2:] + found[:1]


def test_candidates_two_subjects_of_one_verb_with_and_between_them_are_answered_together():
    # The small parser's reading of "Mayor Berg and Adviser Lund chaired the meeting": two subjects, no "conj".
    quote = "Mayor Berg and Adviser Lund chaired the meeting."
    words = [("Mayor", "compound", 1), ("Berg", "nsubj", 5), ("and", "cc", 1), ("Adviser", "compound", 4),
             ("Lund", "nsubj", 5), ("chaired", "ROOT", 5), ("the", "det", 7), ("meeting", "dobj", 5), (".", "punct", 5)]
    at, tokens = 0, []
    for text, dep, head in words:
        at = quote.index(text, at)
        tokens.append(Token(text, text.lower(), "PROPN", dep, head, at))
    evidence = Evidence("a1", "Title", None, "a1.txt", quote, 0, len(quote), 0.9, 0.9, 1.0)
    berg, lund, meeting = (Candidate(t, "PERSON", 0, evidence, quote.index(t), quote.index(t) + len(t), 0.9, 0)
                           for t in ("Berg", "Lund", "meeting"))
    assert [c.text for c in coordinated(lund, [lund, berg], lambda _: tuple(tokens))] == ["Berg", "Lund"]
    # Another slot of the verb is no conjunct.
    assert [c.text for c in coordinated(lund, [lund, meeting], lambda _: tuple(tokens))] == ["Lund"]


def test_candidates_names_the_quote_calls_the_asked_noun_are_joined_whatever_their_labels():
    from rag.nlp import parse_text
    quote = "The feature only appears to work on the iPhone XS and XS Max with this beta."
    evidence = Evidence("a1", "Title", None, "a1.txt", quote, 0, len(quote), 0.9, 0.9, 1.0)
    xs, mx = (Candidate(t, label, 0, evidence, quote.index(t), quote.index(t) + len(t), 0.9, 0)
              for t, label in (("iPhone XS", "ORG"), ("XS Max", "PERSON")))
    assert [c.text for c in coordinated(xs, [xs, mx], parse_text, any_label=True)] == ["iPhone XS", "XS Max"]
    assert [c.text for c in coordinated(xs, [xs, mx], parse_text)] == ["iPhone XS"]


def test_candidates_two_amounts_of_one_unit_are_two_answers_not_one_fuller_than_the_other():
    from rag.candidates import key
    assert key("0.9 hectares") != key("37 hectares") and key("8,668") != key("668")
    quote = "With just 0.9 hectares of vines, the estate sells out; the valley has 37 hectares."
    evidence = Evidence("a1", "Title", None, "a1.txt", quote, 0, len(quote), 0.9, 0.9, 1.0)
    small, large = (Candidate(t, "CARDINAL", 0, evidence, quote.index(t), quote.index(t) + len(t), score, None)
                    for t, score in (("0.9 hectares", 1.0), ("37 hectares", 0.8)))
    assert [c.text for c in fuller([small, large])] == ["0.9 hectares", "37 hectares"]
