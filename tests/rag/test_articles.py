from datetime import date

import pytest

from rag.articles import find_date, load_folder, make_title, parse_article
from rag.errors import InputError
from tests.conftest import SEEDS


def test_find_date_reads_common_formats():
    assert find_date("Posted February 18, 2025 – talks") == date(2025, 2, 18)
    assert find_date("Russia Matters, 2/18/25\nmore") == date(2025, 2, 18)
    assert find_date("Feb. 27, 2025 in Istanbul") == date(2025, 2, 27)
    assert find_date("on 3 March 2025 they met") == date(2025, 3, 3)
    assert find_date("dated 2025-02-19") == date(2025, 2, 19)


def test_find_date_takes_the_first_stated_and_ignores_yearless_dates():
    assert find_date("On February 16 they spoke. Report of 2/20/25 and February 18, 2025.") == date(2025, 2, 20)
    assert find_date("On February 16 they spoke again.") is None
    assert find_date("an impossible 2/31/25 date") is None


def test_make_title_prefers_a_headline_line():
    assert make_title("US and Russia Hold First Talks\nBody text here.") == "US and Russia Hold First Talks"


def test_make_title_falls_back_to_a_trimmed_first_sentence():
    text = "A long opening sentence that goes on. " + "Second sentence."
    assert make_title(text) == "A long opening sentence that goes on."
    long = "word " * 60 + "end."
    title = make_title(long)
    assert len(title) <= 121 and title.endswith("…")


def test_seed_articles_get_ids_titles_and_dates():
    articles = {a.id: a for a in load_folder(SEEDS)}
    assert len(articles) == 5
    a = articles["004_d06bf04a0b8af4c5"]
    assert a.date == date(2025, 2, 27)
    assert a.source == "004_d06bf04a0b8af4c5.txt"
    assert articles["003_eaa88dfa9da537e2"].title.startswith("US and Russia Hold First Talks in Two Years")
    assert articles["001_0160f51928b5414b"].date == date(2025, 2, 18)
    assert articles["000_543b3317419460aa"].date is None
    assert len({x.hash for x in articles.values()}) == 5


def test_html_is_reduced_to_its_article_text():
    html = (b"<html><head><title>Talks in Istanbul | Example News</title><meta property='og:site_name' "
            b"content='Example News'><script>alert(1)</script></head><body><h1>Talks in Istanbul</h1>"
            b"<article><p>The second round of talks between the two delegations was held in Istanbul on February 27, "
            b"2025, at the residence of the consul general, officials said.</p><p>Both sides described the meeting "
            b"as constructive and agreed to continue the dialogue in the coming weeks.</p></article>"
            b"<style>p{}</style></body></html>")
    article = parse_article(html, "story.html")
    assert (article.title, article.site) == ("Talks in Istanbul", "Example News")
    assert "alert" not in article.text and "p{}" not in article.text
    assert "The second round of talks" in article.text
    assert article.date == date(2025, 2, 27)


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02PNG", "binary"),
        ("latin1.txt", "caf\xe9 talks".encode("latin-1"), "UTF-8"),
        ("data.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_parse_article_rejects_bad_files_with_a_named_reason(name, data, reason):
    with pytest.raises(InputError, match=reason) as exc:
        parse_article(data, name)
    assert name in str(exc.value)


def test_load_folder_skips_bad_files_with_a_warning(tmp_path, caplog):
    (tmp_path / "good.txt").write_text("Headline\nSome text about talks.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.md").write_bytes(b"\x00\xff\x00")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa broken")
    articles = load_folder(tmp_path)
    assert [a.id for a in articles] == ["good"]
    for name in ("empty.txt", "bin.md", "bad.txt"):
        assert name in caplog.text


def test_load_folder_missing_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="folder not found"):
        load_folder(tmp_path / "nope")
