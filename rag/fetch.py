"""Fetching web pages and feeds for ingest: the only module of the library that reaches the network for them.

Every fetch is bounded: a timeout per connection and per read, a size limit counted while reading, at
most DEFAULT_MAX_REDIRECTS redirects, a content-type check and a named user agent. Each hop's host is
resolved and refused when any of its addresses is private, loopback, link-local or otherwise not on
the public internet, unless private addresses are allowed (the CLI's own operator, or
RAG_ALLOW_PRIVATE_URLS=true for the HTTP endpoint). A name that resolves differently between the
check and the connection (DNS rebinding) is not caught here; a deployment that must rule it out
puts an egress proxy in front.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from rag.errors import InputError, TooLargeError, UnsupportedTypeError

# A slow news site answers within seconds; a minute-long wait is a stuck request, not a page.
DEFAULT_FETCH_TIMEOUT_S = 15.0
# Canonical redirects (http -> https, trailing slash, www) take one or two hops; more is a loop.
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "newsrag/0.1 (news question answering; ingest of pages its users add)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json", "application/json")


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str

    def text(self) -> str:
        """The body decoded with the charset the server named, else UTF-8 (bad bytes replaced)."""
        charset = "utf-8"
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def check_url(url: str) -> str:
    """An absolute http(s) URL with a host, or InputError."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url[:200]!r} is not an http(s) URL")
    return url


def _public_host(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(f"{host} resolves to {address}, a private, loopback or link-local address; "
                             "set RAG_ALLOW_PRIVATE_URLS=true to ingest from such addresses")


class Fetcher:
    """GETs one URL within the limits above; raises InputError (or its kinds) with a reason a user can act on."""

    def __init__(self, max_bytes: int, allow_private: bool, timeout_s: float = DEFAULT_FETCH_TIMEOUT_S,
                 max_redirects: int = DEFAULT_MAX_REDIRECTS) -> None:
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.timeout_s = timeout_s
        self.max_redirects = max_redirects

    def get(self, url: str, accept: tuple[str, ...]) -> Fetched:
        url = check_url(url)
        with httpx.Client(timeout=self.timeout_s, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as http:
            for _ in range(self.max_redirects + 1):
                parts = urlsplit(url)
                if not self.allow_private:
                    _public_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
                try:
                    with http.stream("GET", url) as response:
                        if response.is_redirect:
                            url = check_url(urljoin(url, response.headers.get("location", "")))
                            continue
                        return self._read(url, response, accept)
                except httpx.TimeoutException:
                    raise InputError(f"{url[:200]}: no answer within {self.timeout_s:g} s") from None
                except httpx.HTTPError as exc:
                    raise InputError(f"{url[:200]}: cannot fetch ({type(exc).__name__}: {str(exc)[:120]})") from None
        raise InputError(f"{url[:200]}: more than {self.max_redirects} redirects")

    def _read(self, url: str, response: httpx.Response, accept: tuple[str, ...]) -> Fetched:
        if response.status_code >= 400:
            raise InputError(f"{url[:200]}: the server answered HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() not in accept:
            raise UnsupportedTypeError(f"{url[:200]}: content type {content_type or '(none)'!r} is not one of "
                                       f"{', '.join(accept)}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLargeError(f"{url[:200]}: {declared} bytes is over the {self.max_bytes}-byte limit")
        body = bytearray()
        for piece in response.iter_bytes():
            body += piece
            if len(body) > self.max_bytes:
                raise TooLargeError(f"{url[:200]}: more than the {self.max_bytes}-byte limit")
        return Fetched(str(url), bytes(body), content_type)
