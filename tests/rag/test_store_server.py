"""The same ingest and retrieval against a real `chroma run` server."""

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.server


def test_chroma_server_ingest_search_and_reingest(library_factory, chroma_server):
    library = library_factory(chroma_url=chroma_server)
    report = library.ingest_folder(SEEDS)
    assert len(report.added) == 5
    passages = library.search("Which Turkish city hosted the second round?", 3).passages
    assert any(p.article_id == "004_d06bf04a0b8af4c5" for p in passages)
    again = library_factory(chroma_url=chroma_server)
    assert len(again.ingest_folder(SEEDS).unchanged) == 5
    assert again.store.count() == report.chunks
