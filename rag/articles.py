"""Load articles from a folder: text, title, publication date and content hash."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rag.errors import InputError, UnsupportedTypeError

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
# A first line longer than this is body text, not a headline.
DEFAULT_HEADLINE_MAX_WORDS = 20
DEFAULT_TITLE_MAX_CHARS = 120
# Enough bytes to tell a binary file from text by its NUL bytes.
_SNIFF_BYTES = 8192

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    # February 18, 2025 / Feb. 18, 2025
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    # 18 February 2025
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I), "dmy"),
    # 2025-02-18
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    # 2/18/25 or 2/18/2025 (US order)
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b"), "us"),
]


@dataclass(frozen=True)
class Article:
    """One news article as stored: its exact text and what we know about it."""

    id: str
    title: str
    date: date | None
    source: str
    text: str
    hash: str
    # What a web page states about itself (rag/extract.py); plain text files have none of these.
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None
    language: str | None = None
    # MinHash of a web article's text (rag/dedup.py), set at ingest to find the same story on other sites.
    minhash: str | None = None


def date_number(d: date | None) -> int:
    """A date as the number YYYYMMDD (0 for undated): how every store compares dates in its filters."""
    return d.year * 10000 + d.month * 100 + d.day if d else 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_date(text: str) -> date | None:
    """First full calendar date (with a year) stated in the text."""
    best: tuple[int, date] | None = None
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parsed = _to_date(m.groups(), kind)
            if parsed:
                if best is None or m.start() < best[0]:
                    best = (m.start(), parsed)
                break
    return best[1] if best else None


def _to_date(groups: tuple[str, ...], kind: str) -> date | None:
    try:
        if kind == "mdy":
            y, mo, d = int(groups[2]), _MONTHS[groups[0].lower()], int(groups[1])
        elif kind == "dmy":
            y, mo, d = int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0])
        elif kind == "iso":
            y, mo, d = int(groups[0]), int(groups[1]), int(groups[2])
        else:
            y = int(groups[2])
            y = y + 2000 if y < 100 else y
            mo, d = int(groups[0]), int(groups[1])
        return date(y, mo, d)
    except (ValueError, KeyError):
        return None


def make_title(text: str) -> str:
    """First line when it reads as a headline, else the first sentence, trimmed."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    first = first.lstrip("#").strip()
    words = first.split()
    if words and len(words) <= DEFAULT_HEADLINE_MAX_WORDS and not first.endswith("."):
        candidate = first
    else:
        m = re.search(r"(.+?[.!?])(\s|$)", first)
        candidate = m.group(1) if m else first
    if len(candidate) > DEFAULT_TITLE_MAX_CHARS:
        cut = candidate[:DEFAULT_TITLE_MAX_CHARS].rsplit(" ", 1)[0]
        candidate = cut.rstrip(",;:") + "…"
    return candidate


def decode_document(raw: bytes, name: str) -> str:
    """Text of a supported file's bytes; InputError when empty, binary or not UTF-8."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(f"{name}: unsupported file type {suffix or '(none)'}; use .txt, .md or .html")
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise InputError(f"{name}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return text


def parse_article(raw: bytes, name: str) -> Article:
    """Build an Article from a file's name and bytes."""
    text = decode_document(raw, name)
    if Path(name).suffix.lower() in (".html", ".htm"):
        return article_from_html(text, name)
    return Article(
        id=article_id_for(name),
        title=make_title(text),
        date=find_date(text),
        source=Path(name).name,
        text=text,
        hash=content_hash(text),
    )


def article_from_html(html: str, name: str, fetched_from: str | None = None) -> Article:
    """A web page's main text and the metadata it states (title, authors, site, date, canonical URL, language).

    An uploaded file keeps the id of its name; a fetched page (`fetched_from`, its URL after redirects) is
    named by its canonical URL, so the same story fetched from anywhere is one article."""
    from rag.extract import extract_page

    try:
        page = extract_page(html, fetched_from)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    # Metadata is hashed with the text: a corrected byline or date replaces the stored version too.
    stated = "\0".join([page.title or "", "; ".join(page.authors), page.site or "", str(page.date or ""), page.url or ""])
    canonical = page.url or fetched_from
    return Article(
        id=url_article_id(canonical) if fetched_from else article_id_for(name),
        title=page.title or make_title(page.text),
        date=page.date or find_date(page.text),
        source=fetched_from or Path(name).name,
        text=page.text,
        hash=content_hash(page.text + "\0" + stated),
        authors=page.authors,
        site=page.site,
        url=canonical,
        language=page.language,
    )


def url_article_id(url: str) -> str:
    """Stable id of a web article: its host and last path words, made unique by a digest of the whole URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "web").removeprefix("www.")
    words = [w for w in re.split(r"[^A-Za-z0-9]+", parts.path) if w]
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{host}-{'-'.join(words)}")[:100].strip("-.") + f"-{digest}"


def article_id_for(name: str) -> str:
    """Stable id: the file stem, reduced to characters safe in ids and URLs."""
    stem = Path(name).stem
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    if not safe:
        raise InputError(f"{name}: file name gives no usable id")
    return safe[:128]


def load_folder(folder: Path) -> list[Article]:
    """Every readable article in a folder (not recursive); bad files are skipped with a warning."""
    if not folder.exists():
        raise InputError(f"folder not found: {folder}")
    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    articles: dict[str, Article] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            article = parse_article(path.read_bytes(), path.name)
        except InputError as exc:
            log.warning("skipped %s", exc)
            continue
        if article.id in articles:
            log.warning("skipped %s: id %s already used by %s", path.name, article.id, articles[article.id].source)
            continue
        articles[article.id] = article
    return list(articles.values())
