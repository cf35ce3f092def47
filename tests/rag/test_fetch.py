"""URLs and feeds through a real local http.server: fetch limits, SSRF refusal, idempotent re-ingest, feeds."""

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from rag.errors import InputError, TooLargeError, UnsupportedTypeError
from rag.fetch import Fetcher, HTML_TYPES
from tests.conftest import free_port

PAGES = Path(__file__).resolve().parents[3] / "shared" / "html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files from a folder, plus /loop (a redirect to itself) and /moved (a redirect to a page)."""

    def do_GET(self):
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/theverge.com.ios13.html")
            self.end_headers()
            return
        super().do_GET()

    def guess_type(self, path):
        return "application/rss+xml" if str(path).endswith(".rss") else super().guess_type(path)

    def log_message(self, *args):
        pass


@pytest.fixture()
def site(tmp_path):
    """The shared pages served from a copy (so a test may change one), with a feed listing them."""
    root = tmp_path / "site"
    shutil.copytree(PAGES, root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    items = "".join(f"<item><title>{p.stem}</title><link>{base}/{p.name}</link></item>"
                    for p in sorted(root.glob("*.html")))
    items += f"<item><title>gone</title><link>{base}/gone.html</link></item>"
    (root / "feed.rss").write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>")
    yield base, root
    server.shutdown()


def test_a_url_on_a_private_address_is_refused_unless_allowed(library_factory, site):
    base, _ = site
    library = library_factory()
    with pytest.raises(InputError, match="RAG_ALLOW_PRIVATE_URLS"):
        library.add_url(f"{base}/vice.com.amazon.html")
    assert library.documents() == []
    doc, status = library_factory(allow_private_urls=True).add_url(f"{base}/vice.com.amazon.html")
    assert status == "added" and doc.site == "Vice"


@pytest.mark.parametrize("path,error,reason", [
    ("/README.md", UnsupportedTypeError, "content type"),
    ("/gone.html", InputError, "HTTP 404"),
    ("/loop", InputError, "redirects"),
    ("/vice.com.amazon.html", TooLargeError, "byte limit"),
])
def test_bad_urls_are_refused_with_a_reason(site, path, error, reason):
    base, _ = site
    fetcher = Fetcher(max_bytes=100_000 if path != "/vice.com.amazon.html" else 10_000, allow_private=True)
    with pytest.raises(error, match=reason):
        fetcher.get(base + path, HTML_TYPES)


def test_an_unreachable_url_and_a_non_http_url_are_refused():
    fetcher = Fetcher(max_bytes=100_000, allow_private=True, timeout_s=2)
    with pytest.raises(InputError, match="cannot fetch"):
        fetcher.get(f"http://127.0.0.1:{free_port()}/story.html", HTML_TYPES)
    with pytest.raises(InputError, match="not an http"):
        fetcher.get("file:///etc/passwd", HTML_TYPES)


def test_url_reingest_is_idempotent_and_a_changed_page_replaces_its_version(library_factory, site):
    base, root = site
    library = library_factory(allow_private_urls=True)
    first, status = library.add_url(f"{base}/moved")  # a redirect to the Verge page
    assert status == "added" and first.site == "The Verge" and first.source.endswith("/theverge.com.ios13.html")
    assert library.add_url(f"{base}/theverge.com.ios13.html")[1] == "unchanged"
    page = root / "theverge.com.ios13.html"
    page.write_text(page.read_text().replace("The feature should arrive in the public-facing beta next week.",
                                             "The feature arrived in the public beta a week later."))
    second, status = library.add_url(f"{base}/theverge.com.ios13.html")
    assert status == "updated" and second.id == first.id
    assert "arrived in the public beta a week later" in library.document(first.id).text
    assert len(library.documents()) == 1


def test_a_feed_ingests_each_entry_once_and_reports_the_ones_it_could_not(library_factory, site):
    base, _ = site
    library = library_factory(allow_private_urls=True)
    report, failed = library.add_feed(f"{base}/feed.rss")
    assert len(report.added) == 8 and list(failed) == [f"{base}/gone.html"]
    assert {d.site for d in library.documents()} >= {"Vice", "The Verge", "Threatpost", "Vancouver Sun"}
    again, _ = library.add_feed(f"{base}/feed.rss")
    assert len(again.unchanged) == 8 and not again.added


def test_the_same_wire_story_on_another_site_is_stored_once_and_lists_that_site(library_factory, site):
    base, root = site
    page = (root / "vancouversun.com.microsoft.html").read_text()
    copy = page.replace("vancouversun.com", "ottawacitizen.com").replace("Vancouver Sun", "Ottawa Citizen")
    copy = copy.replace("Microsoft Corp said on Thursday", "Microsoft Corp. said on Thursday")  # a copy editor's touch
    (root / "ottawacitizen.com.microsoft.html").write_text(copy)
    library = library_factory(allow_private_urls=True)
    kept, status = library.add_url(f"{base}/vancouversun.com.microsoft.html")
    assert status == "added"
    same, status = library.add_url(f"{base}/ottawacitizen.com.microsoft.html")
    assert status == "duplicate" and same.id == kept.id
    assert [s for s, _ in same.also_published_by] == ["Ottawa Citizen"]
    assert same.also_published_by[0][1].startswith("https://ottawacitizen.com/technology/microsoft-moves")
    # Again: still one copy stored, the other site listed once; a different story is stored as usual.
    assert library.add_url(f"{base}/ottawacitizen.com.microsoft.html")[1] == "duplicate"
    assert len(library.document(kept.id).also_published_by) == 1
    assert library.add_url(f"{base}/vice.com.amazon.html")[1] == "added"
    assert len(library.documents()) == 2
