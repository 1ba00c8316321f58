"""Safe unpacking of uploaded files, with ZIP archives opened member by member.

    unpack(files, max_bytes=..., max_total=..., max_files=...) -> Unpacked(files, errors)

``files`` are (name, bytes) pairs as uploaded. Plain files pass through under their base name
(never a path). A ZIP is opened in memory; each member is refused on its own, with an error
code, when its path is unsafe (absolute, ``..``, a drive letter), it is itself a ZIP, it
unpacks to more than ``max_bytes``, the archive's running total passes ``max_total``, or it
cannot be read. A ZIP with more than ``max_files`` members, or one that is no ZIP, is refused
whole. Sizes in a ZIP's header can lie, so every member is read capped at ``max_bytes + 1``.

Error codes (the app words them): ``not_zip``, ``too_many_files`` (param ``n``),
``unsafe_path``, ``nested_zip``, ``too_large``, ``unreadable``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ENGINE = "archive"
VERSION = "1"


@dataclass(frozen=True)
class Refused:
    name: str
    code: str
    params: dict[str, int] = field(default_factory=dict)


@dataclass
class Unpacked:
    files: list[tuple[str, bytes]] = field(default_factory=list)
    errors: list[Refused] = field(default_factory=list)


def unpack(
    files: list[tuple[str, bytes]], *, max_bytes: int, max_total: int, max_files: int
) -> Unpacked:
    out = Unpacked()
    for name, data in files:
        if not name.lower().endswith(".zip"):
            out.files.append((Path(name).name, data))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError):
            out.errors.append(Refused(name, "not_zip"))
            continue
        if len(members) > max_files:
            out.errors.append(Refused(name, "too_many_files", {"n": max_files}))
            continue
        total = 0
        for member in members:
            content, code = _member(archive, member, max_bytes, max_total - total)
            if code:
                out.errors.append(Refused(member.filename, code))
                continue
            total += len(content)
            out.files.append((PurePosixPath(member.filename.replace("\\", "/")).name, content))
    return out


def _member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, max_bytes: int, room: int
) -> tuple[bytes, str]:
    """One member's bytes, or an error code."""
    name = member.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or ":" in name:
        return b"", "unsafe_path"
    if name.lower().endswith(".zip"):
        return b"", "nested_zip"
    if member.file_size > max_bytes or member.file_size > room:
        return b"", "too_large"
    try:
        with archive.open(member) as handle:
            content = handle.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return b"", "unreadable"
    if len(content) > max_bytes:
        return b"", "too_large"
    return content, ""
