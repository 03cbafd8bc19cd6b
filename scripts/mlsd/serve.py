"""A static file server for a built site that behaves as GitHub Pages does: it compresses text
and answers an unknown address with the site's 404 page.

Tests and benchmarks use it so that what they measure matches what readers download.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import socket
import threading
from collections.abc import Iterator
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".csv", ".txt"}


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # a test run is no place for an access log

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file() and (not_found := Path(self.directory, "404.html")).is_file():
            # GitHub Pages answers any unknown address, at any depth, with the site's 404 page.
            path, status = not_found, HTTPStatus.NOT_FOUND
        compress = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if not (compress or status == HTTPStatus.NOT_FOUND):
            return super().send_head()
        body = gzip.compress(path.read_bytes()) if compress else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that leaves a page mid-download resets the connection; that is not news.
        pass


@contextlib.contextmanager
def serving(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on loopback (a free port unless given) for the duration of the block;
    yields the base URL."""
    handler = functools.partial(Handler, directory=str(site))
    httpd = Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    """A port nothing listens on now, for a build that must know its address in advance."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
