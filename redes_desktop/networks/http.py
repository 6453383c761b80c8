"""One HTTP client for every network: timeouts, retries with backoff, the networks' rate-limit
headers, and a refresh of the access token on the first 401.

Only requests that cannot post twice are repeated here (reads, and writes whose refusal is
certain: a 429 was not accepted). A write that timed out or met a 5xx may have reached the
network: it is raised as `ambiguous` and the publishing queue looks for it before sending it
again."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from redes_desktop.clock import Clock
from redes_desktop.networks.errors import (
    AuthorizationExpired,
    NetworkError,
    NetworkRefused,
    RateLimited,
    TransientNetworkError,
)

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

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}/{path.lstrip('/')}"

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
        renewed = False
        attempt = 0
        while True:
            attempt += 1
            sent_headers = dict(headers or {})
            if self.tokens is not None:
                sent_headers["Authorization"] = f"Bearer {self.tokens.access_token()}"
            try:
                response = self.http.request(
                    method, self.url(path), params=params, json=json, data=data, files=files,
                    headers=sent_headers, timeout=self.timeout,
                )
            except requests.ConnectionError as error:
                # Refused before anything was sent is safe to repeat; a broken connection
                # after sending is not.
                sent = not isinstance(error, requests.ConnectTimeout) and _maybe_sent(error)
                if (repeatable or not sent) and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, "sin conexión", ambiguous=sent and not repeatable
                ) from error
            except requests.Timeout as error:
                if repeatable and attempt < self.policy.attempts:
                    self._back_off(attempt)
                    continue
                raise TransientNetworkError(
                    self.network, "tiempo de espera agotado", ambiguous=not repeatable
                ) from error
            status = response.status_code
            if 200 <= status < 300:
                return response
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
            raise NetworkRefused(self.network, status, _detail(response))

    def _back_off(self, attempt: int) -> None:
        base = self.policy.first_backoff * (2 ** (attempt - 1))
        self.sleep(base * (0.5 + random.random() / 2))


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
