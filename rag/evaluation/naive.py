"""What a user would build first with LlamaIndex: VectorStoreIndex over the same Chroma chunks,
the same embedder and the same LLM, default as_query_engine() (top-k dense, no evidence selection,
no verification). Citations are its source nodes."""

from __future__ import annotations

import time
from typing import Any

from llama_index.core import VectorStoreIndex
from llama_index.core.base.llms.types import ChatMessage, CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.chat_engine import CondenseQuestionChatEngine
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.llms.custom import CustomLLM
from pydantic import PrivateAttr

from rag.embeddings import Embedder
from rag.errors import RagError
from rag.evaluation.systems import DEFAULT_RETRIEVAL_DEPTH, Reply
from rag.library import Library
from rag.llm import LLM, Message
from rag.retrieval import Passage
from rag.settings import DEFAULT_LLM_CONTEXT_TOKENS, DEFAULT_LLM_MAX_TOKENS


class SameEmbedder(BaseEmbedding):
    """Our embedder behind LlamaIndex's embedding interface."""

    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.signature.model, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class SameLLM(CustomLLM):
    """Our LLM behind LlamaIndex's LLM interface (one user message per prompt)."""

    _llm: Any = PrivateAttr()

    def __init__(self, llm: LLM, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._llm = llm

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=DEFAULT_LLM_CONTEXT_TOKENS, num_output=DEFAULT_LLM_MAX_TOKENS, model_name=self._llm.name)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._llm.complete([{"role": "user", "content": prompt}]))

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = ""
        for delta in self._llm.stream([{"role": "user", "content": prompt}]):
            text += delta
            yield CompletionResponse(text=text, delta=delta)


class NaiveLlamaIndex:
    name = "naive LlamaIndex"

    def __init__(self, library: Library, llm: LLM) -> None:
        self.library = library
        index = VectorStoreIndex.from_vector_store(
            library.store.llama_vector_store(), embed_model=SameEmbedder(library.embedder)
        )
        self._llm = SameLLM(llm)
        self._engine = index.as_query_engine(llm=self._llm)
        self._retriever = index.as_retriever(similarity_top_k=DEFAULT_RETRIEVAL_DEPTH)

    def article_text(self, article_id: str) -> str | None:
        found = self.library.store.get_article(article_id)
        return found.text if found else None

    def _chat(self, question: str, history: list[Message]) -> tuple[Any, str]:
        """LlamaIndex's condense-question chat engine: what a user adds first for follow-ups."""
        engine = CondenseQuestionChatEngine.from_defaults(query_engine=self._engine, llm=self._llm)
        past = [ChatMessage(role=m["role"], content=m["content"]) for m in history]
        response = engine.chat(question, chat_history=past)
        condensed = next((s.raw_input.get("query") for s in response.sources if isinstance(s.raw_input, dict)), None)
        return response, str(condensed or question)

    def ask(self, question: str, history: list[Message] | None = None) -> Reply:
        t0 = time.perf_counter()
        try:
            if history:
                response, query = self._chat(question, history)
            else:
                response, query = self._engine.query(question), question
        except RagError as exc:
            return Reply.failed(str(exc), t0)
        total = (time.perf_counter() - t0) * 1000
        citations = []
        for n, source in enumerate(response.source_nodes, start=1):
            p = Passage.from_chunk(self.library.store.chunk_from_node(source.node))
            citations.append({"number": n, "article_id": p.article_id, "quote": p.text, "start": p.start, "end": p.end})
        ranked = [self.library.store.chunk_from_node(n.node) for n in self._retriever.retrieve(str(query))]
        shown = [c["quote"] for c in citations]
        return Reply(
            answer=str(response.response or ""),
            grounded=None,
            citations=citations,
            passages=[{"article_id": c.article_id, "text": c.text} for c in ranked],
            timings={"total_ms": total},
            context=shown,
            evidence=shown,
        )
