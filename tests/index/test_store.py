"""The Chroma store as llama-index sees it: chunks and sentences are both findable."""

from __future__ import annotations

import os

from index.text.nlp_data import static_dir


def test_chunks_are_found_with_their_sentence_range(real_story_engine):
    """A chunk hit knows which sentences it covers; the UAV question lands on sentence 18."""
    engine = real_story_engine
    vector = engine.embedder.embed_query("unmanned aerial vehicles for Ecuador's Navy")
    hits = engine.store.query_chunks(vector, 3)
    assert hits and all(h.first <= h.last for h in hits)
    assert any(h.first <= 18 <= h.last for h in hits)


def test_sentences_are_found_one_by_one(real_story_engine):
    """Sentence search returns single sentences with their article and number."""
    engine = real_story_engine
    vector = engine.embedder.embed_query("Los Lobos and Los Choneros designations")
    hits = engine.store.query_sentences(vector, 4)
    assert {(h.article_id, h.n) for h in hits} & {
        ("000_b4c534ddc7fcb3f0", 15),
        ("001_39477fe5179230ce", 15),
    }


def test_a_llama_index_user_can_open_the_chunk_collection(real_story_engine, monkeypatch):
    """VectorStoreIndex.from_vector_store over our chunk collection retrieves cited context."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(static_dir() / "tiktoken_cache"))
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    engine = real_story_engine
    store = ChromaVectorStore(chroma_collection=engine.store.chunks)
    index = VectorStoreIndex.from_vector_store(store, embed_model=engine.embedder.as_llama_index())
    nodes = index.as_retriever(similarity_top_k=2).retrieve("How much aid did Rubio announce?")
    assert any("13.5 million" in n.node.get_content() for n in nodes)
    assert all({"article_id", "first", "last"} <= set(n.node.metadata) for n in nodes)
    assert "OPENAI_API_KEY" not in os.environ
