"""Real news pages from ../shared/html: main text kept, page furniture dropped, metadata as each page states it.

Expected values were read off the pages themselves (their bylines, datelines and headlines)."""

from datetime import date
from pathlib import Path

import pytest

from rag.articles import parse_article
from rag.errors import InputError

PAGES = Path(__file__).resolve().parents[3] / "shared" / "html"
# Page furniture seen on these sites: share bars, comment forms, tag lines, newsletter and consent boxes.
FURNITURE = ["Share this article", "Write a comment", "Tagged:", "I consent to receiving", "newsletter",
             "Sign up", "Subscribe", "Editors’ Recommendations", "©"]

EXPECTED = {
    "boingboing.net.millenials.html": dict(
        title="Hating Millennials - the prejudice you're allowed to boast about", authors=("Cory Doctorow",),
        site="Boing Boing", date=date(2013, 7, 19),
        keep=["Cartoonist Matt Bors got a spot on CNN", "(via Geeks Are Sexy)"]),
    "dw.com.uncork.html": dict(
        title="Uncork the mystery of Germany's Frühburgunder", authors=("Julian Tompkin",), site="DW.COM",
        date=date(2013, 6, 10),
        keep=["One of Germany's smallest wine regions with some of the boldest wines",
              "As a sudden storm sets in, I retreat down the slated slopes"]),
    "knowtechie.com.rally.html": dict(
        title="Rocket Pass 4 in Rocket League brings with it a new rally-inspired car", authors=("Josiah Motley",),
        site="KnowTechie", date=date(2019, 8, 21),
        keep=["Rocket League is gearing up for a new season", "Interested in the new Rocket Pass in Rocket League?"]),
    "kulu-media.com.meta-outage.html": dict(
        title="Meta Outage Hits Facebook, Instagram and Messenger", authors=("Kulu Media News Desk",),
        site="Kulu Media", date=date(2026, 6, 12),
        keep=["A major Meta outage disrupted access to Facebook, Instagram, and Messenger on Friday",
              "The incident highlights how a major Meta outage can affect communication"]),
    "theverge.com.ios13.html": dict(
        title="iOS 13 will fix the FaceTime eye contact problem", authors=("Jon Porter",), site="The Verge",
        date=date(2019, 7, 3),
        keep=["iOS 13’s third developer beta includes a new feature", "Added ARKit explanation and tweet."]),
    "threatpost.com.android.html": dict(
        title="Android Ransomware Spreads Via 'Sex Simulation Game' Links on Reddit, SMS",
        authors=("Lindsey O'Donnell",), site="Threatpost", date=date(2019, 7, 30),
        keep=["Researchers are warning of a new Android ransomware", "Researchers urged Android victims to avoid attack"]),
    "vancouversun.com.microsoft.html": dict(
        title="Microsoft moves to erase its carbon footprint from the atmosphere in climate push",
        authors=("Reuters",), site="Vancouver Sun", date=date(2020, 1, 16),
        keep=["Microsoft Corp said on Thursday it aims to remove more carbon",
              "It’s imperative that we enable energy companies to transition"]),
    "vice.com.amazon.html": dict(
        title="The Amazon Is on Fire and the Smoke Can Be Seen from Space", authors=("Madeleine Gregory",),
        site="Vice", date=date(2019, 8, 21),
        keep=["In the middle of the day on Monday, the sky above São Paulo, Brazil went dark.",
              "There is a direct relationship between increased burning and the growth of deforestation"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_extract_page_keeps_the_story_drops_the_furniture_and_reads_the_metadata(name):
    article = parse_article((PAGES / name).read_bytes(), name)
    want = EXPECTED[name]
    assert (article.title, article.authors, article.site, article.date) == \
           (want["title"], want["authors"], want["site"], want["date"])
    assert article.url and article.url.startswith("https://") and name.split(".")[0] in article.url
    for sentence in want["keep"]:
        assert sentence in article.text
    for furniture in FURNITURE:
        assert furniture.lower() not in article.text.lower(), furniture
    # Lines are stripped paragraphs: no blank or whitespace-only lines reach the chunker.
    assert all(line and line == line.strip() for line in article.text.split("\n"))


def test_every_page_gets_a_different_hash_and_its_language_when_stated():
    articles = [parse_article((PAGES / n).read_bytes(), n) for n in sorted(EXPECTED)]
    assert len({a.hash for a in articles}) == len(articles)
    assert {a.language for a in articles} == {"en", None}  # theverge's page states no language


def test_extract_page_without_article_text_is_refused_with_the_file_name():
    with pytest.raises(InputError, match="empty.html"):
        parse_article(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html")
