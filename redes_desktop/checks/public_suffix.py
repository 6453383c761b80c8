"""Top-level domains and public suffixes from the Public Suffix List (PyPI `publicsuffixlist`,
which ships Mozilla's list and is updated with each release), instead of hand-kept subsets.

Only the ICANN section is used: the private section (blogspot.com, github.io…) names hosting
services whose customers are still separate sites, but judging a link by its registrable name
(`ine` in `ine.com.mx`) needs the suffixes a registry sells under. The list (~10,000 rules) is
parsed on first use (~35 ms), never at start-up.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_list = None


def _psl():
    global _list
    if _list is None:
        with _lock:
            if _list is None:
                from publicsuffixlist import PublicSuffixList

                _list = PublicSuffixList(only_icann=True)
    return _list


@lru_cache(maxsize=4096)
def is_top_level_domain(label: str) -> bool:
    """Whether `label` ("mx", "com", "xn--p1ai", "рф") is a delegated top-level domain."""
    label = label.lower()
    if not label or "." in label:
        return False
    return _psl().publicsuffix("x." + label, accept_unknown=False) == label


@lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str]:
    """Registrable name and public suffix: 'www.ine.com.mx' → ('ine', 'com.mx'),
    'ine.mx' → ('ine', 'mx'). An unknown last label counts as the suffix."""
    host = host.lower().strip(".")
    if not host:
        return "", ""
    suffix = _psl().publicsuffix(host) or host.rsplit(".", 1)[-1]
    rest = host[: -len(suffix)].rstrip(".")
    return rest.rsplit(".", 1)[-1] if rest else "", suffix
