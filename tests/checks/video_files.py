"""Small real video containers for tests, built byte by byte (no encoder needed): only the
structure the checks read (MP4/MOV boxes with `mvhd`, WebM/Matroska EBML, AVI `avih`)."""

from __future__ import annotations

import struct
from pathlib import Path


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mvhd(seconds: float, timescale: int = 1000, version: int = 0) -> bytes:
    duration = int(seconds * timescale)
    if version == 1:
        body = b"\x01\0\0\0" + struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        body = b"\0\0\0\0" + struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", body + b"\0" * 80)


def mp4_bytes(seconds: float = 12.0, brand: bytes = b"isom", media: int = 2048,
              version: int = 0) -> bytes:
    return (box(b"ftyp", brand + b"\0\0\0\0" + brand + b"mp41")
            + box(b"moov", mvhd(seconds, version=version))
            + box(b"mdat", b"\0" * media))


def write_mp4(path: Path, seconds: float = 12.0, **kwargs) -> Path:
    path.write_bytes(mp4_bytes(seconds, **kwargs))
    return path


def _ebml_id(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


def _ebml_size(size: int) -> bytes:
    return (0x01 << 56 | size).to_bytes(8, "big")  # 8-byte size


def element(value: int, payload: bytes) -> bytes:
    return _ebml_id(value) + _ebml_size(len(payload)) + payload


def webm_bytes(seconds: float = 30.0, doctype: bytes = b"webm") -> bytes:
    header = element(0x1A45DFA3, element(0x4282, doctype))
    info = element(0x1549A966, element(0x2AD7B1, (1_000_000).to_bytes(3, "big"))
                   + element(0x4489, struct.pack(">d", seconds * 1000)))
    cluster = element(0x1F43B675, b"\0" * 64)
    return header + element(0x18538067, info + cluster)


def avi_bytes(seconds: float = 10.0, fps: int = 25) -> bytes:
    avih = b"avih" + struct.pack("<I", 56) + struct.pack(
        "<5I", 1_000_000 // fps, 0, 0, 0, int(seconds * fps)) + b"\0" * 36
    hdrl = b"LIST" + struct.pack("<I", 4 + len(avih)) + b"hdrl" + avih
    body = b"AVI " + hdrl
    return b"RIFF" + struct.pack("<I", len(body)) + body
