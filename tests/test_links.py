"""`mlsd links` against a real local HTTP server that misbehaves in every way the web does."""

from __future__ import annotations

import asyncio
import http.server
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import pytest

from mlsd import links as lk

MLSD = Path(sys.executable).parent / "mlsd"
SETTINGS = lk.Settings(timeout=1.0, retries=2, backoff=0.05, retry_after_cap=2.0)


class Misbehaving(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    sent_bytes: ClassVar[Counter[str]] = Counter()
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def reply(self, code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.route()

    def do_GET(self) -> None:
        self.route()

    def route(self) -> None:
        path = self.path.split("?")[0]
        self.hits[path] += 1
        n = self.hits[path]
        if path == "/ok":
            self.reply(200)
        elif path in ("/r1", "/r2"):
            self.reply(301, {"Location": "/r2" if path == "/r1" else "/ok"})
        elif path == "/temp":
            self.reply(302, {"Location": "/ok"})
        elif path == "/missing":
            self.reply(404)
        elif path == "/gone":
            self.reply(410)
        elif path == "/busy":
            self.reply(429, {"Retry-After": "1"}) if n == 1 else self.reply(200)
        elif path == "/flaky":
            self.reply(503) if n == 1 else self.reply(200)
        elif path == "/nohead":
            self.reply(405) if self.command == "HEAD" else self.reply(200)
        elif path == "/linkedin":
            self.reply(999)
        elif path == "/wall":
            self.reply(403, {"cf-mitigated": "challenge", "Server": "cloudflare"})
        elif path == "/slow":
            time.sleep(3)
            self.reply(200)
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif path in ("/loop1", "/loop2"):
            self.reply(301, {"Location": "/loop2" if path == "/loop1" else "/loop1"})
        elif path == "/huge":
            if self.command == "HEAD":
                self.reply(405)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 2**30))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(16384):  # up to 1 GiB, stopped when the client hangs up
                    self.wfile.write(chunk)
                    self.sent_bytes[path] += len(chunk)
            except OSError:
                pass
        else:
            self.reply(500)


@pytest.fixture
def origin() -> Iterator[str]:
    Misbehaving.hits.clear()
    Misbehaving.sent_bytes.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run_checks(urls: list[str], settings: lk.Settings = SETTINGS) -> list[lk.Result]:
    """asyncio.run in a thread of its own: the browser tests keep a loop in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, lk.check_all(urls, settings)).result()


def check(url: str) -> lk.Result:
    return run_checks([url])[0]


@pytest.mark.parametrize(
    ("path", "verdict", "status"),
    [
        ("/ok", lk.OK, 200),
        ("/missing", lk.BROKEN, 404),
        ("/gone", lk.BROKEN, 410),
        ("/linkedin", lk.UNVERIFIABLE, 999),
        ("/wall", lk.UNVERIFIABLE, 403),
        ("/nohead", lk.OK, 200),
        ("/flaky", lk.OK, 200),
    ],
)
def test_verdicts(origin: str, path: str, verdict: str, status: int) -> None:
    result = check(origin + path)
    assert (result.verdict, result.status) == (verdict, status), result


def test_permanent_redirect_chain_suggests_the_new_url(origin: str) -> None:
    result = check(origin + "/r1")
    assert result.verdict == lk.REDIRECTED
    assert result.chain == [origin + "/r2", origin + "/ok"]
    assert result.suggestion == origin + "/ok"


def test_temporary_redirect_suggests_nothing(origin: str) -> None:
    result = check(origin + "/temp")
    assert result.verdict == lk.REDIRECTED
    assert result.suggestion is None


def test_retry_after_is_honoured(origin: str) -> None:
    start = time.monotonic()
    result = check(origin + "/busy")
    assert result.verdict == lk.OK
    assert time.monotonic() - start >= 1.0
    assert Misbehaving.hits["/busy"] == 2


def test_503_then_200_is_retried(origin: str) -> None:
    assert check(origin + "/flaky").verdict == lk.OK
    assert Misbehaving.hits["/flaky"] == 2


def test_slow_response_hits_the_deadline(origin: str) -> None:
    settings = lk.Settings(timeout=0.5, retries=0)
    start = time.monotonic()
    result = run_checks([origin + "/slow"], settings)[0]
    assert result.verdict == lk.TRANSIENT
    assert time.monotonic() - start < 2.0


def test_reset_connection_is_transient(origin: str) -> None:
    result = check(origin + "/reset")
    assert result.verdict == lk.TRANSIENT
    assert Misbehaving.hits["/reset"] == SETTINGS.retries + 1


def test_redirect_loop_is_broken(origin: str) -> None:
    result = check(origin + "/loop1")
    assert result.verdict == lk.BROKEN
    assert "loop" in result.detail


def test_huge_body_is_never_downloaded(origin: str) -> None:
    result = check(origin + "/huge")
    assert result.verdict == lk.OK
    time.sleep(0.2)
    assert Misbehaving.sent_bytes["/huge"] < 64 * 2**20


def test_unknown_host_is_broken() -> None:
    assert check("http://nonexistent.invalid/").verdict == lk.BROKEN


def test_per_host_limit_is_respected(origin: str) -> None:
    settings = lk.Settings(timeout=5, per_host=2, concurrency=16, retries=0)
    start = time.monotonic()
    run_checks([f"{origin}/slow?{i}" for i in range(4)], settings)
    # four 3-second answers, two at a time: two rounds, not one
    assert time.monotonic() - start >= 5.5


def test_broken_only_after_two_consecutive_runs(origin: str) -> None:
    history: dict[str, int] = {}
    first = lk.apply_history(run_checks([origin + "/missing"]), history)
    second = lk.apply_history(run_checks([origin + "/missing"]), history)
    assert first[0].verdict == lk.TRANSIENT
    assert second[0].verdict == lk.BROKEN
    assert second[0].suggestion == lk.ARCHIVE + origin + "/missing"


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MLSD), "links", "--state-dir", str(tmp_path), "--timeout", "1", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_reports_and_caches(origin: str, tmp_path: Path) -> None:
    urls = [origin + p for p in ("/ok", "/missing", "/r1")]
    first = run_cli(tmp_path, "--format", "markdown", *urls)
    assert first.returncode == 0, first.stdout + first.stderr  # broken once is not broken yet
    assert "| redirected | 1 |" in first.stdout
    second = run_cli(tmp_path, *urls)
    assert second.returncode == 1
    assert "web.archive.org" in second.stdout
    # /ok: direct and at the end of /r1 in run one; in run two only via /r1 (the rest is cached)
    assert Misbehaving.hits["/ok"] == 3


def test_cli_offline_says_so_and_marks_nothing(tmp_path: Path) -> None:
    urls = [f"http://host{i}.invalid/" for i in range(3)]
    result = run_cli(tmp_path, *urls)
    assert result.returncode == 3
    assert "network unavailable" in result.stderr
    assert not (tmp_path / "links-history.json").exists()


def test_cli_bad_flag_is_clear(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--per-host", "zero")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
