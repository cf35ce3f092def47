"""Whose act a date is, and which sentence speaks of what a statement question asks about (spaCy's real parse of
invented sentences)."""

from rag.evidence import Evidence
from rag.nlp import parse_text
from rag.question import analyse
from rag.retrieval import Passage
from rag.paraphrase import RelationWords
from rag.said import about_sentence, dates_other, says, topical, when_another, when_said


def _when_said(sentence: str, span: str, verb: str | None) -> str | None:
    a = sentence.index(span)
    return when_said(parse_text(sentence), a, a + len(span), verb)


def test_said_the_date_of_a_report_is_when_it_was_said():
    sentence = "Harbor Media said on Thursday it aims to halve its emissions by 2031."
    assert _when_said(sentence, "Thursday", "plan") == "said"
    assert _when_said(sentence, "2031", "plan") is None
    assert _when_said("Harbor Media on Monday announced a new ferry line.", "Monday", "open") == "announced"
    # A question about the saying itself is answered by that date.
    assert _when_said(sentence, "Thursday", "say") is None
    assert _when_said("The ferry line opened on Thursday, the company said.", "Thursday", "open") is None


def test_said_a_pronouns_sentence_that_opens_its_passage_looks_back_in_the_article():
    article = "The harbour master met the press on Monday. He said the pier would close for repairs."
    cut = article.index("He said")
    sentence = article[cut:]
    pier = Evidence("a1", "Title", None, "a1.txt", sentence, cut, len(article), 0.9, 0.9, 1.0)
    ranked = [(pier, Passage("c2", "a1", "Title", None, "a1.txt", 1, sentence, cut, len(article)))]
    [part] = analyse("What did the harbour master say about the pier?")
    assert about_sentence(part, ranked, parse_text)[1] is None  # nothing retrieved says who "he" is
    assert about_sentence(part, ranked, parse_text, {"a1": article})[1] == pier
    other = "The mayor met the press on Monday.".ljust(cut) + sentence  # the same offsets, someone else before
    assert about_sentence(part, ranked, parse_text, {"a1": other})[1] is None


def test_said_a_date_of_another_verb_is_not_when_the_asked_one_happens():
    sentence = "The ferry pass will go on sale on August 28 and expires on December 4."
    def other(span: str, verb: str | None) -> str | None:
        a = sentence.index(span)
        return when_another(parse_text(sentence), a, a + len(span), verb)

    assert other("August 28", "expir") == "go"
    assert other("December 4", "expir") is None
    # Without the asked verb in the quote, nothing says whose date it is.
    assert other("August 28", "close") is None


def test_said_a_date_whose_clause_says_nothing_of_the_asked_verb_is_another_events(embedder):
    words = RelationWords(embedder.embed)

    def other(sentence: str, span: str, question: str) -> str | None:
        [part] = analyse(question)
        a = sentence.index(span)
        return dates_other(parse_text(sentence), a, a + len(span), part, words)

    cut = "A power cut closed the ferry terminal on Friday, leaving passengers stranded."
    assert other(cut, "Friday", "When did the council repair the ferry terminal?") == "closed"
    assert other(cut, "Friday", "When did the power cut close the ferry terminal?") is None
    # The verb an infinitive or gerund completes is the clause's: "began" says when complaints began.
    complaints = "Complaints about the ferry began arriving on Monday morning."
    assert other(complaints, "Monday morning", "When did complaints about the ferry begin?") is None
    assert other(complaints, "Monday morning", "When did the operator explain the delays?") == "arriving"
    # A light verb says no more than its event noun: "held" is answered where the talks are.
    talks = "On March 3, the envoys of both towns convened for the third round of talks."
    assert other(talks, "March 3", "When was the third round of talks held?") is None
    assert other(talks, "March 3", "When did the envoys sign the accord?") == "convened"
    # ... and a light verb in the quote says it by its object: "held a telephone conversation" is speaking.
    call = "On May 5, the two mayors held a telephone conversation about the ferry line."
    assert other(call, "May 5", "When did the two mayors speak?") is None
    assert other(call, "May 5", "When did the two mayors sign the ferry deal?") == "held"
    # The verbs above the one a date hangs on are its clause's too (the parser hangs "by 2031" on "than it emits").
    aims = "Harbor Media said on Monday it aims to remove more carbon than it emits by 2031."
    assert other(aims, "2031", "When will Harbor Media remove more carbon than it emits?") is None
    # A verb of occurring says no more than its event: where the talks are named, "happen" is said.
    met = "On March 3, the third round of talks opened in a harbour hotel."
    assert other(met, "March 3", "When did the third round of talks happen?") is None
    # "as of" is a preposition of two words on the way to the verb.
    sold = "About 4,100 ferry tickets had been sold as of Tuesday."
    assert other(sold, "Tuesday", "When did the operator cancel the tickets?") == "sold"
    # A verb of saying beside the date is when_said's to read.
    assert other("The operator said on Tuesday it would add a ferry.", "Tuesday", "When did the operator add a ferry?") is None


def test_said_a_verb_of_naming_says_what_a_thing_is_called_in_other_words():
    def read(question: str, sentences: list[str]):
        parts = analyse(question)
        found, missing, _ = topical(parts, [], _ranked(sentences), parse_text, None)
        return found.get(0).quote if found else None, bool(missing)

    dubbed = "The new ferry app, dubbed Tide/Line.B, has been tested since May."
    plain = "The new ferry app has been tested since May."
    assert read("What is the ferry app called?", [plain, dubbed]) == (dubbed, False)
    assert read("What is the ferry app known as?", [dubbed]) == (dubbed, False)
    # A sentence that gives it no name does not say what it is called: the part is left unsaid by the look among the
    # twenty best (topical), not by the three best sentences (says), which may all lack the name.
    assert read("What is the ferry app called?", [plain]) == (None, True)
    [called] = analyse("What is the ferry app called?")
    assert says(called, _ranked([plain]), frozenset(), RelationWords(None), parse_text)
    # Asked by the noun "name", which the sentence says by its verb of naming ("a forum for developers called X").
    forum = "The links were spread on a forum for ferry developers called “Harbour Hub” in posts about timetables."
    assert read("What is the name of the forum for ferry developers?", [plain, forum]) == (forum, False)
    assert read("What name have researchers given the new ferry app?", [dubbed]) == (dubbed, False)
    # Another name of a name, given before it.
    other = "The old ferry is a cousin of the beloved Sea Lark, otherwise known as the Harbour Queen."
    assert read("What is another name for the Harbour Queen?", [plain, other]) == (other, False)


def _ranked(sentences: list[str]) -> list[tuple[Evidence, Passage]]:
    text = " ".join(sentences)
    out = []
    for n, s in enumerate(sentences):
        a = text.index(s)
        out.append((Evidence("a1", "Title", None, "a1.txt", s, a, a + len(s), 0.9 - n / 10, 0.9, 1.0),
                    Passage(f"c{n}", "a1", "Title", None, "a1.txt", n, s, a, a + len(s))))
    return out


def test_said_what_a_speaker_tells_is_read_from_a_sentence_that_names_them():
    [part] = analyse("What do safety inspectors tell passengers to do during storms?")
    ranked = _ranked(["Storms can strand passengers on the ferries for hours.",
                      "Safety inspectors often advise passengers not to stand on the open deck during storms."])
    about, hit = about_sentence(part, ranked, parse_text)
    assert about is not None and hit == ranked[1][0]
    # The best sentence names them: it is read as before; no sentence names them: the part is unsaid.
    assert about_sentence(part, ranked[::-1], parse_text) == (None, None)
    assert about_sentence(part, ranked[:1], parse_text)[1] is None
    # One person named by a role may be named by name alone ("Lund said"): the best sentence is read as before.
    [role] = analyse("What did the harbour's chief inspector tell passengers to do during storms?")
    assert about_sentence(role, ranked, parse_text) == (None, None)
    # "Which inspector said ...?" names no speaker: who said it is the answer.
    [which] = analyse("Which safety inspector said passengers should stay inside?")
    assert about_sentence(which, ranked, parse_text) == (None, None)
