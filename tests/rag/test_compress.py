"""Shortening quoted clauses by the real spaCy parse, on invented sentences."""

from rag.compress import compress, joined
from rag.nlp import parse_text
from rag.text import content_stems


def _short(question: str, quote: str) -> str | None:
    kept = compress(quote, parse_text(quote), 0, len(quote), content_stems(question))
    return joined(quote, kept) if kept else None


def test_compress_drops_the_frame_of_a_speaker_the_question_names_and_adjuncts_of_time():
    quote = "Lindqvist said on Tuesday that the port would lower its fees during the winter and repair the pier"
    assert _short("What did Lindqvist promise?", quote) == "The port would lower its fees and repair the pier"


def test_compress_keeps_the_frame_of_a_speaker_the_question_does_not_name():
    quote = "Analysts said on Tuesday that the port would lower its fees and repair the northern pier"
    assert _short("What will the port do?", quote) == "Analysts said that the port would lower its fees and repair the northern pier"


def test_compress_drops_an_apposition_and_a_leading_connective():
    quote = "However, Berg, a former harbour pilot, has repaired the northern pier and the old lighthouse"
    assert _short("What has been repaired?", quote) == "Berg has repaired the northern pier and the old lighthouse"


def test_compress_leaves_whatever_stands_under_a_negation():
    # "not ... in the winter" says less than "not ... at all": the time stays where a negation scopes over it.
    quote = "Lindqvist said that the port would not lower its fees in the winter, citing costs"
    short = _short("What did Lindqvist say about fees?", quote)
    assert short is None or "in the winter" in short


def test_compress_never_leaves_out_a_negated_frame():
    quote = "Lindqvist did not say on Tuesday that the port would lower its fees and repair the pier"
    short = _short("What did Lindqvist say?", quote)
    assert short is None or short.startswith("Lindqvist did not say")


def test_compress_gives_nothing_when_nothing_can_go():
    assert _short("What did the port do?", "The port lowered its mooring fees") is None


def test_compress_drops_a_participle_aside_and_an_attribution_after_a_comma():
    quote = "The port will lower its mooring fees by a tenth, citing falling traffic, according to the harbour board"
    assert _short("What will the port do with its fees?", quote) == "The port will lower its mooring fees by a tenth"


def test_compress_drops_what_only_frames_an_act_by_what_it_belongs_to_or_aims_at():
    quote = "The new ferry timetable was announced as part of the council's plan to cut harbour traffic"
    assert _short("Which timetable changes were reported?", quote) == "The new ferry timetable was announced"
    quote = "The port lowered its fees in an effort to win back the northern ferry lines"
    assert _short("What did the port change?", quote) == "The port lowered its fees"
    # Unless the phrase holds what the question asks about.
    assert _short("What did the council plan about harbour traffic?",
                  "The new ferry timetable was announced as part of the council's plan to cut harbour traffic") is None


def test_compress_leaves_no_conjunction_waiting_at_the_end_for_what_was_dropped():
    # The clause read ends where a comma cut it: "... and that by 2030" loses its time and must not keep "and that".
    quote = "Lindqvist said the port aims to lower its fees by 2026 and that by 2030"
    short = _short("What did Lindqvist say about the fees?", quote)
    assert short == "The port aims to lower its fees"


def test_compress_keeps_a_rival_set_aside_by_a_negation():
    quote = "Lindqvist believes fees, not tolls, are the port's main worry and argues that traffic will fall"
    short = _short("What did Lindqvist say about fees?", quote)
    assert short is None or "not tolls" in short
