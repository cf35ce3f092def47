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


def test_workers_sharing_a_chroma_server_see_each_others_writes(library_factory, chroma_server):
    """Two worker processes' libraries: what one ingests, the other finds (dense and BM25) without a restart.
    The reader checks the change feed on every search (poll 0), so it sees the write at once."""
    writer = library_factory(chroma_url=chroma_server)
    writer.ingest_folder(SEEDS)
    reader = library_factory(chroma_url=chroma_server, change_poll_s=0)
    assert reader.search("Where were the talks held?", 3).passages

    from rag.articles import parse_article

    quokka = parse_article(b"Quokka summit\nThe quokka summit convened in Perth on March 2, 2025.", "quokka.txt")
    writer.ingestor.ingest([quokka])
    hits = reader.search("quokka summit Perth", 3).passages
    assert hits[0].article_id == "quokka" and hits[0].bm25_rank == 1 and hits[0].dense_rank == 1

    writer.delete_document("quokka")
    assert all(p.article_id != "quokka" for p in reader.search("quokka summit Perth", 3).passages)
