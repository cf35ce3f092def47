"""A news page's main text and metadata: the only module that imports trafilatura.

trafilatura finds the article body and the page's metadata (title, author, site name, date,
canonical URL). A few generic rules of news pages sit on top:
- a date or author the page labels in its visible text ("Date 10.06.2013", "Author Jane Doe") is
  the page's own statement and wins over one found elsewhere in its markup (a teaser's date, a
  publisher's name in a meta tag);
- a full date in the page title's trailing parts ("Headline | Site | 10.06.2013") comes next;
- the title loses trailing parts that name the site or a date;
- a closing list of headlines under a heading ("Editors' recommendations:") is furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rag.articles import find_date
from rag.errors import InputError

# favor_precision drops share bars and comment forms; fast (no readability/jusText fallback) keeps the
# teasers of other posts out, which the fallbacks take for body text on blog-style pages.
_EXTRACT_OPTIONS = {"favor_precision": True, "fast": True, "include_comments": False, "include_tables": True,
                    "with_metadata": True}
_LABELS = {"author": {"author", "authors", "by", "written by", "reporter"},
           "date": {"date", "published", "published on", "posted", "posted on"}}
# A label's value longer than this is a sentence, not a name or a date.
DEFAULT_MAX_LABEL_VALUE_CHARS = 80
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—]\s+|\s+-\s+")
_LIST_ITEM = re.compile(r"^\s*[-•*]\s+\S")


@dataclass(frozen=True)
class Page:
    """What a news page says about itself, and its main text (one paragraph per line)."""

    text: str
    title: str | None
    authors: tuple[str, ...]
    site: str | None
    date: date | None
    url: str | None
    language: str | None


def extract_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page; InputError when it holds no article text."""
    from trafilatura import bare_extraction

    found = bare_extraction(html, url=url, **_EXTRACT_OPTIONS)
    text = _clean_text(found.text if found is not None else "")
    if not text:
        raise InputError("no article text found in the HTML")
    labelled = _labelled(html)
    site = _clean(found.sitename)
    raw_title = _clean(found.title)
    page_date = (_parse_date(labelled.get("date")) or _title_date(raw_title)
                 or (date.fromisoformat(found.date[:10]) if found.date else None))
    author = labelled.get("author") or _clean(found.author)
    authors = tuple(a.strip() for a in re.split(r"\s*(?:;|,|\band\b)\s*", author or "") if a.strip())
    return Page(text=text, title=_trim_title(raw_title, site, found.hostname), authors=authors, site=site,
                date=page_date, url=_clean(found.url) or url, language=_language(html))


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip()
    return value or None


def _clean_text(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    # A closing copyright line belongs to the page, not the story.
    while lines and re.match(r"^(©|\(c\)|copyright\b)", lines[-1], re.I):
        lines.pop()
    # A closing list of headlines under a heading line ("Editors' recommendations:") links elsewhere.
    end = len(lines)
    while end > 0 and _LIST_ITEM.match(lines[end - 1]) and not lines[end - 1].rstrip().endswith("."):
        end -= 1
    if end < len(lines) and end > 0 and lines[end - 1].endswith(":") and len(lines[end - 1].split()) <= 5:
        lines = lines[: end - 1]
    return "\n".join(lines)


def _labelled(html: str) -> dict[str, str]:
    """Values the page labels in its visible text: <strong>Author</strong> Jane Doe, <dt>Date</dt><dd>…</dd>."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return {}
    out: dict[str, str] = {}
    for el in tree.iter("strong", "b", "dt", "th", "label", "span"):
        label = (el.text_content() or "").strip().rstrip(":").strip().lower()
        kind = next((k for k, names in _LABELS.items() if label in names), None)
        if kind is None or kind in out:
            continue
        nxt = el.getnext()
        value = _clean(el.tail) or (_clean(nxt.text_content()) if nxt is not None else None)
        if value and len(value) <= DEFAULT_MAX_LABEL_VALUE_CHARS:
            out[kind] = value
    return out


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    m = _DOTTED_DATE.search(value)
    if m:  # dotted dates are written day first
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return find_date(value)


def _title_date(title: str | None) -> date | None:
    parts = _TITLE_SEPARATORS.split(title or "")
    return next((d for d in (_parse_date(p) for p in reversed(parts[1:])) if d), None)


def _trim_title(title: str | None, site: str | None, hostname: str | None) -> str | None:
    """The headline without trailing parts that name the site or a date ("Headline | Site | 10.06.2013")."""
    if not title:
        return None
    names = {n.lower().removeprefix("www.") for n in (site, hostname) if n}
    names |= {n.split(".")[0] for n in names if "." in n}
    while True:
        cuts = list(_TITLE_SEPARATORS.finditer(title))
        if not cuts:
            return title
        tail = title[cuts[-1].end():].strip()
        if not (tail.lower() in names or any(tail.lower() in n for n in names) or _parse_date(tail)):
            return title
        title = title[: cuts[-1].start()].strip()


def _language(html: str) -> str | None:
    m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", html, re.I)
    return m.group(1).lower() if m else None
