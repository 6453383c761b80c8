"""What inspecting a media file found, remembered per file version (path, modification time,
size): a small thread-safe LRU shared by the image and video checks."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

Result = TypeVar("Result")
FileKey = tuple[str, int, int]


def file_key(resolved: str, st: os.stat_result) -> FileKey:
    """A changed file (new modification time or size) is a new key: never a stale answer."""
    return (resolved, st.st_mtime_ns, st.st_size)


class FileResultCache(Generic[Result]):
    def __init__(self, maxsize: int) -> None:
        self._data: OrderedDict[FileKey, Result] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.Lock()

    def get(self, key: FileKey) -> Result | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: FileKey, value: Result) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
