"""A scripted fake of two LLM servers' real HTTP APIs on 127.0.0.1, in a thread of its own.

It speaks OpenAI's `/v1/chat/completions` (a JSON completion, or Server-Sent Events `data:`
chunks ending in `data: [DONE]` when the request streams) and Ollama's `/api/chat` (one JSON
object, or NDJSON lines when streaming), so llama-index's real clients make real HTTP calls.
Each request takes the next scripted `Reply` (or a function of the request's last message that
returns one, so a reply can cite the numbers the prompt gave); every request body is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "fake-model"


@dataclass(frozen=True)
class Reply:
    """What the fake answers to one request."""

    text: str = ""
    status: int = 200
    raw: bytes | None = None  # sent as the body instead of a well-formed reply
    delay_s: float = 0.0  # before anything is sent
    chunk_delay_s: float = 0.0  # between streamed chunks
    chunks: tuple[str, ...] | None = None  # streamed pieces; default: the text word by word

    def pieces(self) -> list[str]:
        """The text cut into the chunks a stream sends."""
        if self.chunks is not None:
            return list(self.chunks)
        words = self.text.split(" ")
        return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


Scripted = Reply | str | Callable[[str], "Reply | str"]


@dataclass
class FakeLLM:
    """The fake server; `script(...)` queues replies, `requests` holds what was asked."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    _replies: deque[Scripted] = field(default_factory=deque)
    _server: ThreadingHTTPServer | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)

    def script(self, *replies: Scripted) -> FakeLLM:
        """Queue the replies to the next requests (a str is a plain 200 reply)."""
        self._replies.extend(replies)
        return self

    def start(self) -> FakeLLM:
        """Listen on a free port of 127.0.0.1."""
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening and release any request still waiting."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def openai_url(self) -> str:
        """LLM_BASE_URL for the OpenAI-compatible API."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def ollama_url(self) -> str:
        """OLLAMA_BASE_URL for the Ollama API."""
        return f"http://127.0.0.1:{self.port}"

    def prompts(self) -> list[str]:
        """The user message of every request, in order."""
        return [r["body"]["messages"][-1]["content"] for r in self.requests]

    def next_reply(self, body: dict[str, Any]) -> Reply:
        if not self._replies:
            return Reply(status=500, raw=b'{"error": {"message": "no reply scripted"}}')
        reply = self._replies.popleft()
        if callable(reply):
            reply = reply(body["messages"][-1]["content"])
        return Reply(reply) if isinstance(reply, str) else reply

    def wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    owner: FakeLLM

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.owner.requests.append({"path": self.path, "body": body})
        reply = self.owner.next_reply(body)
        if reply.delay_s:
            self.owner.wait(reply.delay_s)
        try:
            if self.path == "/v1/chat/completions":
                self._openai(body, reply)
            elif self.path == "/api/chat":
                self._ollama(body, reply)
            else:
                self._send(404, b'{"error": "not found"}', "application/json")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream_start(self, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _write(self, data: str, reply: Reply) -> None:
        self.wfile.write(data.encode())
        self.wfile.flush()
        if reply.chunk_delay_s:
            self.owner.wait(reply.chunk_delay_s)

    def _openai(self, body: dict[str, Any], reply: Reply) -> None:
        if reply.raw is not None or reply.status != 200:
            self._send(reply.status, reply.raw or b"{}", "application/json")
            return
        created = int(time.time())
        if not body.get("stream"):
            message = {"role": "assistant", "content": reply.text}
            data = {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": created,
                "model": MODEL,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }
            self._send(200, json.dumps(data).encode(), "application/json")
            return
        self._stream_start("text/event-stream")
        for i, piece in enumerate(["", *reply.pieces()]):
            delta = {"role": "assistant", "content": ""} if i == 0 else {"content": piece}
            self._write(_sse(created, delta, None), reply)
        self._write(_sse(created, {}, "stop"), reply)
        self._write("data: [DONE]\n\n", reply)

    def _ollama(self, body: dict[str, Any], reply: Reply) -> None:
        if reply.raw is not None or reply.status != 200:
            self._send(reply.status, reply.raw or b"{}", "application/json")
            return
        now = "2025-09-04T12:00:00.000000Z"
        if not body.get("stream", True):
            data = {
                "model": MODEL,
                "created_at": now,
                "message": {"role": "assistant", "content": reply.text},
                "done": True,
                "done_reason": "stop",
            }
            self._send(200, json.dumps(data).encode(), "application/json")
            return
        self._stream_start("application/x-ndjson")
        for piece in reply.pieces():
            line = {
                "model": MODEL,
                "created_at": now,
                "message": {"role": "assistant", "content": piece},
                "done": False,
            }
            self._write(json.dumps(line) + "\n", reply)
        last = {
            "model": MODEL,
            "created_at": now,
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
            "eval_count": 10,
            "prompt_eval_count": 10,
        }
        self._write(json.dumps(last) + "\n", reply)


def _sse(created: int, delta: dict[str, Any], finish: str | None) -> str:
    chunk = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(chunk)}\n\n"
