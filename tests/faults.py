"""A misbehaving OpenAI-compatible server on loopback: it hangs, fails or answers garbage on purpose."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# How long a "hang" lasts: far beyond any timeout the tests configure.
HANG_S = 120


class _Handler(BaseHTTPRequestHandler):
    mode = "http500"

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        match self.server.mode:
            case "hang":
                time.sleep(HANG_S)
            case "http500":
                self._send(500, b'{"error": {"message": "boom"}}')
            case "garbage_text":
                self._send(200, b"<html>definitely not JSON</html>", "text/html")
            case "garbage_json":
                self._send(200, b'{"unexpected": [1, 2, 3]}')
            case "garbage_stream":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                self.wfile.write(b"data: {not json at all\n\n")
                self.wfile.flush()
            case "trickle":
                # A valid stream that never ends: one token a second.
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for _ in range(HANG_S):
                    chunk = b'data: {"id":"x","object":"chat.completion.chunk","created":0,"model":"m",' \
                            b'"choices":[{"index":0,"delta":{"content":"la "},"finish_reason":null}]}\n\n'
                    try:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(1)


@contextlib.contextmanager
def faulty_server(mode: str):
    """Yield the base URL (…/v1) of a server that misbehaves in the given way."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.mode = mode
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
