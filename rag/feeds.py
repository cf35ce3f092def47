"""RSS, Atom and JSON feeds: the only module that imports feedparser. A feed names the pages to fetch."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from rag.errors import InputError

# A news feed lists its latest few dozen stories; more is an archive, better ingested on purpose.
DEFAULT_MAX_FEED_ENTRIES = 100


def entry_links(body: bytes, feed_url: str, limit: int = DEFAULT_MAX_FEED_ENTRIES) -> list[str]:
    """The feed's entry links (absolute http(s) URLs, each once, in feed order, at most `limit`)."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{feed_url[:200]}: not a readable RSS or Atom feed ({str(parsed.get('bozo_exception'))[:120]})")
    links: list[str] = []
    for entry in parsed.entries:
        link = urljoin(feed_url, entry.get("link") or "")
        if urlsplit(link).scheme in ("http", "https") and link not in links:
            links.append(link)
        if len(links) >= limit:
            break
    if not links:
        raise InputError(f"{feed_url[:200]}: the feed lists no entry links")
    return links
