"""Reading ZIP entries with a cap that holds while inflating, so a zip bomb costs kilobytes, not gigabytes.

A ZIP's directory states each entry's size, but nothing makes it true: ``ZipFile.read`` inflates whatever is
there. Every entry of an uploaded archive is read through ``read_capped``, which stops as soon as the running
total passes the cap.
"""

from __future__ import annotations

import zipfile
import zlib

_CHUNK = 64 * 1024

#: What a damaged or unreadable entry can raise while inflating: a bad CRC, corrupt deflate data, an
#: unsupported compression method, an encrypted entry, a truncated archive.
ENTRY_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, KeyError)


class EntryTooLarge(Exception):
    """An entry inflated past its cap; reading stopped there."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(f"{name} inflates to more than {limit} bytes")
        self.name = name
        self.limit = limit


def read_capped(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The entry's bytes, or ``EntryTooLarge`` once more than ``limit`` bytes have come out of it."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(name) as entry:
        while chunk := entry.read(min(_CHUNK, limit + 1 - total)):
            total += len(chunk)
            if total > limit:
                raise EntryTooLarge(name, limit)
            chunks.append(chunk)
    return b"".join(chunks)
