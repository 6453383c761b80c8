"""One HTTP client for every network: timeouts, retries with backoff, the networks' rate-limit
headers, and a refresh of the access token on the first 401.

Only requests that cannot post twice are repeated here (reads, and writes whose refusal is
certain: a 429 was not accepted). A write that timed out or met a 5xx may have reached the
network: it is raised as `ambiguous` and the publishing queue looks for it before sending it
again.

What a hostile or broken server cannot do to it: receive the token on another host (no
redirect is followed; an absolute address — YouTube's upload session — must be on the API's
own origin or one the registry trusts), make it read without end (a body larger than
`max_body`, or still arriving after `body_deadline` seconds, is dropped; JSON nested too deep is
refused before anyone parses it), or put a token into an error text (`errors.redact`)."""

from __future__ import annotations

import http.client
import json as json_module
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from redes_desktop.clock import Clock
from redes_desktop.networks.errors import (
    AuthorizationExpired,
    NetworkError,
    NetworkRefused,
    RateLimited,
    TransientNetworkError,
    UntrustedAddress,
    redact,
)

# No answer of any network's API comes near this (a page of 100 posts is under 1 MB).
MAX_BODY = 16 * 1024 * 1024
BODY_DEADLINE = 300.0  # seconds for a whole body, however slowly it trickles in
_CHUNK = 64 * 1024

# A network's own reading of a refusal (duplicate content, media refused…), or None.
Classifier = Callable[[requests.Response], NetworkError | None]


@dataclass
class RetryPolicy:
    attempts: int = 4
    first_backoff: float = 1.0  # seconds, doubled each time, with jitter
    longest_wait: float = 60.0  # a rate-limit wait longer than this goes back to the queue


class TokenSource:
    """What the client needs of the authorisation: a token, and a way to renew it once."""

    def access_token(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def renew(self) -> bool:  # pragma: no cover - interface
        """Refresh after a 401; False when there is nothing to refresh with."""
        raise NotImplementedError


def retry_moment(response: requests.Response, now: datetime) -> datetime:
    """When a 429 says we may try again: X's `x-rate-limit-reset` (epoch seconds), the
    standard `Retry-After` (seconds or an HTTP date), else one minute."""
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.strip().isdigit():
        return datetime.fromtimestamp(int(reset), UTC)
    after = response.headers.get("Retry-After", "").strip()
    if after.isdigit():
        return now + timedelta(seconds=int(after))
    if after:
        try:
            moment = parsedate_to_datetime(after)
        except (TypeError, ValueError):
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return now + timedelta(minutes=1)


class _BadBody(Exception):
    """A body too large, too slow or too deeply nested to be read."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of an address, the port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"https": 443, "http": 80}.get(scheme)


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        network: str,
        tokens: TokenSource | None,
        clock: Clock,
        classify: Classifier | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        policy: RetryPolicy | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
        trusted: Iterable[str] = (),
        max_body: int = MAX_BODY,
        body_deadline: float = BODY_DEADLINE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.network = network
        self.tokens = tokens
        self.clock = clock
        self.classify = classify
        self.http = session or requests.Session()
        self.sleep = sleep
        self.policy = policy or RetryPolicy()
        self.timeout = timeout
        # Where an absolute address may point: the API's origin and those the registry names
        # (YouTube's upload host). The bearer token goes nowhere else.
        self.origins = {origin(self.base_url), *(origin(url) for url in trusted)}
        self.max_body = max_body
        self.body_deadline = body_deadline
        self.monotonic = monotonic

    def url(self, path: str) -> str:
        if not urlsplit(path).scheme:
            return f"{self.base_url}/{path.lstrip('/')}"
        if origin(path) not in self.origins:
            raise UntrustedAddress(self.network, (urlsplit(path).hostname or path)[:100])
        return path

    def call(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool | None = None,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """The response of a successful (2xx) call, or a `NetworkError`."""
        repeatable = method.upper() in ("GET", "HEAD") if idempotent is None else idempotent
        target = self.url(path)
        streams = _Streams(data, files)
        renewed = False
        attempt = 0
        while True:
            attempt += 1
            sent_headers = dict(headers or {})
            token: str | None = None
            if self.tokens is not None:
                token = self.tokens.access_token()
                sent_headers["Authorization"] = f"Bearer {token}"
            streams.rewind()  # a retry sends the whole file again, not what was left of it
            try:
                response = self.http.request(
                    method, target, params=params, json=json, data=data, files=files,
                    headers=sent_headers, timeout=self.timeout, stream=True,
                    allow_redirects=False,
                )
                self._read_body(response)
            except requests.ConnectionError as error:
                # Refused before anything was sent is safe to repeat; a broken connection
                # after sending is not. (`from None`: the library's text names the address,
                # which may carry an upload session or a token.)
                sent = not isinstance(error, requests.ConnectTimeout) and _maybe_sent(error)
                if (repeatable or not sent) and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, "sin conexión", ambiguous=sent and not repeatable
                ) from None
            except requests.Timeout:
                if repeatable and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, "tiempo de espera agotado", ambiguous=not repeatable
                ) from None
            except (requests.RequestException, urllib3.exceptions.HTTPError,
                    http.client.HTTPException, OSError):
                # The answer broke off halfway (or the request could not be built): a write
                # may have been accepted.
                if repeatable and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, "la respuesta llegó incompleta", ambiguous=not repeatable
                ) from None
            except _BadBody as bad:
                raise TransientNetworkError(
                    self.network, bad.detail, ambiguous=not repeatable) from None
            status = response.status_code
            if 200 <= status < 300:
                return response
            if 300 <= status < 400:
                # Never followed: the token would go along (a network's API does not move).
                where = urlsplit(response.headers.get("Location", "")).hostname or "?"
                raise UntrustedAddress(self.network, where[:100])
            if status == 401 and not renewed and self.tokens is not None and self.tokens.renew():
                renewed = True
                continue
            if status == 401:
                raise AuthorizationExpired(self.network)
            if status == 429:
                retry_at = retry_moment(response, self.clock())
                wait = (retry_at - self.clock()).total_seconds()
                if attempt < self.policy.attempts and wait <= self.policy.longest_wait:
                    self.sleep(max(wait, 0.0))
                    continue
                raise RateLimited(self.network, retry_at)
            specific = self.classify(response) if self.classify else None
            if isinstance(specific, AuthorizationExpired) and not renewed \
                    and self.tokens is not None and self.tokens.renew():
                renewed = True  # an API that says «expired» with another status (Graph: 190)
                continue
            if specific is not None:
                raise specific
            if status >= 500:
                if repeatable and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, f"error {status} del servidor", ambiguous=not repeatable
                )
            raise NetworkRefused(self.network, status, redact(_detail(response), token))

    def _read_body(self, response: requests.Response) -> None:
        """Read the body (streamed) within `max_body` bytes and `body_deadline` seconds, and
        refuse JSON nested deeper than the parser can take, before anyone parses it."""
        try:
            declared = int(response.headers.get("Content-Length") or 0)
        except ValueError:
            declared = 0
        if declared > self.max_body:
            response.close()
            raise _BadBody("respuesta demasiado grande")
        deadline = self.monotonic() + self.body_deadline
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                # read1: whatever has arrived, so a body that trickles in meets the deadline.
                chunk = response.raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_body:
                    raise _BadBody("respuesta demasiado grande")
                if self.monotonic() > deadline:
                    raise _BadBody("respuesta demasiado lenta")
                chunks.append(chunk)
        except BaseException:
            response.close()  # the connection is dropped, not handed back half-read
            raise
        content = b"".join(chunks)
        response._content = content
        response._content_consumed = True
        response.close()  # read to the end: the connection goes back to the pool
        if content.lstrip()[:1] in (b"{", b"["):
            try:
                json_module.loads(content)
            except RecursionError:
                raise _BadBody("respuesta ilegible") from None
            except ValueError:
                pass  # not JSON after all: the caller sees it as text

    def _back_off(self, attempt: int) -> None:
        base = self.policy.first_backoff * (2 ** (attempt - 1))
        self.sleep(base * (0.5 + random.random() / 2))


class _Streams:
    """The files of a request, rewound before each attempt: a retry after a 401, a 429 or a
    refused connection must send the whole file, not the empty rest of a consumed one."""

    def __init__(self, data: Any, files: Any) -> None:
        self.positions: list[tuple[Any, int]] = []
        candidates: list[Any] = [data]
        if isinstance(files, Mapping):
            files = list(files.values())
        for entry in files or ():
            if isinstance(entry, tuple):  # ("name", stream, mime) or (field, (name, stream…))
                candidates.extend(entry)
                candidates.extend(e for item in entry if isinstance(item, tuple) for e in item)
            else:
                candidates.append(entry)
        for candidate in candidates:
            seekable = getattr(candidate, "seekable", None)
            if callable(seekable) and seekable():
                self.positions.append((candidate, candidate.tell()))

    def rewind(self) -> None:
        for stream, position in self.positions:
            stream.seek(position)


def _maybe_sent(error: requests.ConnectionError) -> bool:
    """A connection refused or unresolvable never carried the request."""
    text = str(error).lower()
    return not any(word in text for word in ("refused", "name or service", "nodename",
                                              "failed to establish"))


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return (response.text or response.reason or "")[:200]
    if isinstance(body, dict):
        for key in ("detail", "title", "message", "error_description"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value[:200]
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:200]
        if isinstance(error, str):
            return error[:200]
    return str(body)[:200]
