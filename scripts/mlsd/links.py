"""`mlsd links`: check external URLs concurrently, politely and honestly.

Politeness: a global and a per-host concurrency limit, HEAD before GET, bodies never read,
`Retry-After` honoured up to a cap, exponential backoff with jitter. Honesty: a URL is called
`broken` only after it failed in two consecutive runs (the history file remembers), bot walls
are `unverifiable` rather than broken, and with no network at all nothing is marked broken.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

OK, REDIRECTED, BROKEN, UNVERIFIABLE, TRANSIENT = (
    "ok", "redirected", "broken", "unverifiable", "transient",
)  # fmt: skip
VERDICTS = (OK, REDIRECTED, BROKEN, UNVERIFIABLE, TRANSIENT)
PERMANENT = {301, 308}
GET_FALLBACK = {403, 405, 501}
BOT_WALL_HEADERS = ("cf-mitigated", "cf-chl-bypass", "x-amzn-waf-action", "x-datadome")
ARCHIVE = "https://web.archive.org/web/*/"
USER_AGENT = "mlsd-links/0.1 (ML System Design Atlas link checker)"
HEADERS = {"user-agent": USER_AGENT, "accept": "*/*"}


@dataclass
class Settings:
    concurrency: int = 32
    per_host: int = 2
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    max_age_days: float = 7.0


@dataclass
class Result:
    url: str
    verdict: str
    status: int | None = None
    detail: str = ""
    chain: list[str] = field(default_factory=list)
    suggestion: str | None = None
    retry_after: float = 0.0
    checked: float = field(default_factory=time.time)


class NetworkDown(Exception):
    """Raised when no URL could even be resolved or connected to."""


def _bot_wall(response: httpx.Response) -> bool:
    if response.status_code == 999:
        return True  # LinkedIn's answer to anything that looks automated
    if response.status_code not in (403, 429, 503):
        return False
    server = response.headers.get("server", "").lower()
    return any(h in response.headers for h in BOT_WALL_HEADERS) or server in {
        "cloudflare",
        "medium",
    }


async def _request(transport: httpx.AsyncHTTPTransport, method: str, url: str) -> httpx.Response:
    """One request, headers only: a GET's body is closed without being read."""
    request = httpx.Request(method, url, headers=HEADERS)
    response = await transport.handle_async_request(request)
    try:
        if method == "HEAD":
            # Empty by definition, but reading it ends the exchange, so the connection goes
            # back to the pool instead of being closed (one TCP handshake per host, not per URL).
            await response.aread()
    finally:
        await response.aclose()
    return response


class Pools:
    """One small connection pool per host, sharing one TLS context.

    Transports, not clients: redirects are followed by hand and nothing needs cookies or auth,
    and a client's per-request bookkeeping was about a sixth of the checker's CPU time, which
    is what bounds it when a thousand local URLs answer within 200 ms. httpcore also scans its
    whole pool for each request it assigns, so one pool sized for the global limit would cost
    time quadratic in that limit; a pool per host stays small and caps each host's connections
    at the socket level too.
    """

    def __init__(self, s: Settings) -> None:
        self.s = s
        self.tls = httpx.create_ssl_context()
        self.transports: dict[str, httpx.AsyncHTTPTransport] = {}

    def __call__(self, url: str) -> httpx.AsyncHTTPTransport:
        host = urlsplit(url).netloc
        if host not in self.transports:
            limits = httpx.Limits(max_connections=self.s.per_host)
            self.transports[host] = httpx.AsyncHTTPTransport(verify=self.tls, limits=limits)
        return self.transports[host]

    async def aclose(self) -> None:
        await asyncio.gather(*(t.aclose() for t in self.transports.values()))


async def _follow(pools: Pools, url: str, s: Settings) -> Result:
    """Follow redirects by hand so the chain is recorded and loops are caught."""
    chain: list[str] = []
    current = url
    permanent = True
    for _ in range(s.max_redirects + 1):
        transport = pools(current)
        response = await _request(transport, "HEAD", current)
        if response.status_code in GET_FALLBACK:
            response = await _request(transport, "GET", current)
        if response.is_redirect:
            target = urljoin(current, response.headers.get("location", ""))
            permanent = permanent and response.status_code in PERMANENT
            chain.append(target)
            if target == url or target in chain[:-1]:
                return Result(url, BROKEN, response.status_code, "redirect loop", chain)
            current = target
            continue
        return _classify(url, response, chain, permanent)
    return Result(url, BROKEN, None, f"more than {s.max_redirects} redirects", chain)


def _classify(url: str, response: httpx.Response, chain: list[str], permanent: bool) -> Result:
    code = response.status_code
    if _bot_wall(response):
        return Result(url, UNVERIFIABLE, code, "bot wall", chain)
    if code < 300:
        if not chain:
            return Result(url, OK, code)
        hint = chain[-1] if permanent else None
        kind = "permanent" if permanent else "temporary"
        return Result(url, REDIRECTED, code, f"{kind} redirect", chain, hint)
    if code in (404, 410):
        return Result(url, BROKEN, code, "gone" if code == 410 else "not found", chain)
    if code == 429 or code >= 500:
        wait = response.headers.get("retry-after", "")
        seconds = float(wait) if wait.replace(".", "", 1).isdigit() else 0.0
        return Result(url, TRANSIENT, code, "server busy or failing", chain, retry_after=seconds)
    return Result(url, BROKEN, code, f"HTTP {code}", chain)


async def check_url(
    pools: Pools,
    url: str,
    s: Settings,
    host_limit: asyncio.Semaphore,
    overall: asyncio.Semaphore,
) -> Result:
    attempt = 0
    while True:
        # The host's slot first: a request waiting on a busy host must not hold a global slot
        # that a request to an idle host could use.
        async with host_limit, overall:
            try:
                async with asyncio.timeout(s.timeout):
                    result = await _follow(pools, url, s)
            except TimeoutError:
                result = Result(url, TRANSIENT, None, f"no answer within {s.timeout:g} s")
            except httpx.ConnectError as exc:
                unknown_host = "name" in str(exc).lower() or "resolve" in str(exc).lower()
                verdict = BROKEN if unknown_host else TRANSIENT
                result = Result(url, verdict, None, "unknown host" if unknown_host else "refused")
            except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                result = Result(url, TRANSIENT, None, type(exc).__name__)
        if result.verdict != TRANSIENT or attempt >= s.retries:
            return result
        attempt += 1
        backoff = s.backoff * 2 ** (attempt - 1) * (0.5 + random.random())  # noqa: S311
        wait = max(min(result.retry_after, s.retry_after_cap), backoff)
        await asyncio.sleep(wait)


async def check_all(
    urls: Iterable[str], s: Settings, progress: Callable[[Result], None] | None = None
) -> list[Result]:
    unique = list(dict.fromkeys(urls))
    hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(s.per_host))
    overall = asyncio.Semaphore(s.concurrency)
    pools = Pools(s)

    async def one(url: str) -> Result:
        result = await check_url(pools, url, s, hosts[urlsplit(url).netloc], overall)
        if progress:
            progress(result)
        return result

    try:
        results = await asyncio.gather(*(one(u) for u in unique))
    finally:
        await pools.aclose()
    unreachable = [r for r in results if r.detail in ("unknown host", "refused")]
    if results and len(unreachable) == len(results) and len(results) >= 3:
        raise NetworkDown
    return list(results)


# --- history and cache -------------------------------------------------------------------


def load_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a file


def fresh_from_cache(urls: list[str], cache: dict[str, Any], s: Settings) -> dict[str, Result]:
    """`ok` results younger than the max age are reused instead of asking again."""
    now = time.time()
    reused = {}
    for url in urls:
        entry = cache.get(url)
        if entry and entry.get("verdict") == OK and now - entry["checked"] < s.max_age_days * 86400:
            reused[url] = Result(**entry)
    return reused


def apply_history(results: list[Result], history: dict[str, Any]) -> list[Result]:
    """Broken twice in a row is broken; broken once is reported as transient until confirmed."""
    out = []
    for r in results:
        streak = history.get(r.url, 0) + 1 if r.verdict == BROKEN else 0
        history[r.url] = streak
        if r.verdict == BROKEN and streak < 2:
            r = Result(
                **{**asdict(r), "verdict": TRANSIENT, "detail": f"{r.detail}; first failure"}
            )
        elif r.verdict == BROKEN:
            r.suggestion = ARCHIVE + r.url
        out.append(r)
    return out


def summary(results: list[Result]) -> dict[str, int]:
    return {v: sum(r.verdict == v for r in results) for v in VERDICTS}


def markdown(results: list[Result]) -> str:
    counts = summary(results)
    lines = ["## Link check", "", "| verdict | count |", "|---|---|"]
    lines += [f"| {v} | {n} |" for v, n in counts.items()]
    problems = [r for r in results if r.verdict in (BROKEN, REDIRECTED, UNVERIFIABLE)]
    if problems:
        lines += ["", "| URL | verdict | status | detail | try |", "|---|---|---|---|---|"]
        for r in sorted(problems, key=lambda r: (r.verdict, r.url)):
            lines.append(
                f"| {r.url} | {r.verdict} | {r.status or ''} | {r.detail} | {r.suggestion or ''} |"
            )
    return "\n".join(lines) + "\n"
