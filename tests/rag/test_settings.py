import pytest

from rag.errors import ConfigError
from rag.settings import load_settings


def test_settings_defaults_are_valid(settings_factory):
    s = settings_factory()
    assert s.embed_backend == "local" and s.chroma_url is None and s.top_k >= 1


@pytest.mark.parametrize(
    "env,name",
    [
        ({"RAG_TOP_K": "0"}, "RAG_TOP_K"),
        ({"RAG_CHUNK_TOKENS": "5000"}, "RAG_CHUNK_TOKENS"),
        ({"RAG_EMBED_BACKEND": "magic"}, "RAG_EMBED_BACKEND"),
        ({"RAG_CHROMA_URL": "localhost:8000"}, "chroma_url"),
        ({"RAG_CHUNK_TOKENS": "64", "RAG_CHUNK_OVERLAP_TOKENS": "64"}, "overlap"),
    ],
)
def test_settings_invalid_values_fail_with_one_line(settings_factory, monkeypatch, env, name):
    settings_factory()  # clears RAG_* and moves away from any .env
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ConfigError) as exc:
        load_settings()
    assert name in str(exc.value) and "\n" not in str(exc.value)


def test_settings_read_a_dotenv_file(settings_factory, tmp_path):
    settings_factory()
    (tmp_path / ".env").write_text("RAG_TOP_K=7\n")
    assert load_settings().top_k == 7
