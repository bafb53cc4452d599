"""Bytes in and out: size limits and text decoding on import, safe writes on export."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from incidents.errors import ExportError, MalformedFile

__all__ = [
    "MAX_IMPORT_BYTES",
    "check_size",
    "check_target",
    "decode_text",
    "refuse_binary",
    "write_atomically",
]

#: The default largest file accepted (``INCIDENTS_IMPORT_MAX_MB`` changes it).
MAX_IMPORT_BYTES = 256_000_000


def check_size(name: str, size: int, max_bytes: int = MAX_IMPORT_BYTES) -> None:
    """A :class:`MalformedFile` error when a file of ``size`` bytes is over the limit."""
    if size > max_bytes:
        raise MalformedFile(
            f"{name}: {size:,} bytes is over the {max_bytes:,}-byte import limit; "
            "set INCIDENTS_IMPORT_MAX_MB to allow larger files, or split the file."
        )


def refuse_binary(head: bytes, name: str) -> None:
    """A :class:`MalformedFile` error when a file's first 8 KB hold a NUL byte."""
    if b"\x00" in head[:8192]:
        raise MalformedFile(f"{name}: this is a binary file, not CSV or GeoJSON.")


def decode_text(raw: bytes, name: str) -> str:
    """The file as text, or a :class:`MalformedFile` error saying why it is not UTF-8 text."""
    refuse_binary(raw, name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(
            f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
        ) from exc


def check_target(out: Path) -> Path:
    """``out`` if a file may be written there, else an :class:`ExportError` saying why.

    The folder must exist, and ``out`` must be a regular file or nothing yet:
    never a folder, and never a device such as ``/dev/full``.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.is_dir():
        raise ExportError(f"Cannot write {out}: it is a folder; give a file name.")
    if out.exists() and not out.is_file():
        raise ExportError(f"Cannot write {out}: it is not a regular file.")
    return out


def write_atomically(out: Path, write: Callable[[Path], object]) -> Path:
    """Write ``out`` through a temporary file beside it, then put it in place.

    A failure (a full disk, a killed process) leaves any previous ``out``
    untouched and no partial file behind.
    """
    out = check_target(out)
    # The suffix stays last: writers such as GDAL choose the format by it.
    partial = out.with_name(f".{out.stem}.{os.getpid()}.partial{out.suffix}")
    try:
        write(partial)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out
