"""Opening the zip containers EPUB and .docx are, without trusting them.

A download can be truncated, and an archive can be built to explode (a zip bomb: a few
kB that inflate to gigabytes).  Declared sizes are checked before anything is read, and
every read is capped, because declared sizes can lie.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from heartline.errors import InputError

MAX_MEMBERS = 10_000
MAX_TOTAL = 400_000_000  # bytes, all members inflated
MAX_MEMBER = 60_000_000  # bytes, one member inflated
MAX_RATIO = 200  # inflated/compressed, for members over 1 MB


def open_zip(data: bytes, source: str, kind: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise InputError(f"{source}: is a damaged {kind} (the zip archive is truncated or corrupt)") from exc
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{source}: {kind} has {len(members)} files inside; refusing (limit {MAX_MEMBERS})")
    total = sum(m.file_size for m in members)
    bomb = any(m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(1, m.compress_size)
               for m in members)
    if total > MAX_TOTAL or bomb or any(m.file_size > MAX_MEMBER for m in members):
        raise InputError(f"{source}: {kind} inflates to {total / 1e6:.0f} MB; refusing it as a "
                         "likely zip bomb")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, source: str, kind: str) -> bytes:
    try:
        with archive.open(name) as fh:
            data = fh.read(MAX_MEMBER + 1)
    except KeyError as exc:
        raise InputError(f"{source}: is a damaged {kind} (it lacks {name})") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"{source}: is a damaged {kind} ({name} cannot be unpacked)") from exc
    if len(data) > MAX_MEMBER:
        raise InputError(f"{source}: {kind} member {name} inflates past "
                         f"{MAX_MEMBER / 1e6:.0f} MB; refusing it as a likely zip bomb")
    return data


def has_member(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True
