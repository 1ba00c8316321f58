"""engines/archive.py: ZIPs are opened member by member, and every refusal has a code."""

from __future__ import annotations

from mensenwerk.engines import archive
from tests.files import zip_file

LIMITS = {"max_bytes": 1000, "max_total": 1500, "max_files": 3}


def _codes(out: archive.Unpacked) -> dict[str, str]:
    return {r.name: r.code for r in out.errors}


def test_plain_files_keep_their_base_name_only() -> None:
    out = archive.unpack([("../../etc/cv.pdf", b"%PDF")], **LIMITS)
    assert out.files == [("cv.pdf", b"%PDF")]


def test_members_of_a_zip_come_out_under_their_base_name() -> None:
    out = archive.unpack([("batch.zip", zip_file({"cvs/anna.txt": b"Anna"}))], **LIMITS)
    assert out.files == [("anna.txt", b"Anna")]


def test_unsafe_paths_are_refused_and_the_rest_goes_on() -> None:
    data = zip_file({"../evil.txt": b"x", "C:/evil.txt": b"x", "/abs.txt": b"x", "ok.txt": b"ok"})
    out = archive.unpack([("batch.zip", data)], max_bytes=1000, max_total=1500, max_files=9)
    assert _codes(out) == {"../evil.txt": "unsafe_path", "C:/evil.txt": "unsafe_path"} | {
        "/abs.txt": "unsafe_path"
    }
    assert out.files == [("ok.txt", b"ok")]


def test_a_zip_inside_a_zip_is_not_opened() -> None:
    out = archive.unpack([("a.zip", zip_file({"b.zip": zip_file({"c.txt": b"c"})}))], **LIMITS)
    assert _codes(out) == {"b.zip": "nested_zip"}


def test_a_member_over_the_size_limit_is_refused_even_when_compressed() -> None:
    out = archive.unpack([("a.zip", zip_file({"big.txt": b"0" * 5000}))], **LIMITS)
    assert _codes(out) == {"big.txt": "too_large"}


def test_the_running_total_is_capped() -> None:
    data = zip_file({"a.txt": b"a" * 900, "b.txt": b"b" * 900})
    out = archive.unpack([("a.zip", data)], **LIMITS)
    assert [name for name, _ in out.files] == ["a.txt"]
    assert _codes(out) == {"b.txt": "too_large"}


def test_too_many_members_refuse_the_whole_zip_with_the_limit() -> None:
    data = zip_file({f"{n}.txt": b"x" for n in range(4)})
    out = archive.unpack([("a.zip", data)], **LIMITS)
    assert out.files == []
    assert out.errors == [archive.Refused("a.zip", "too_many_files", {"n": 3})]


def test_a_corrupt_zip_is_refused_whole() -> None:
    out = archive.unpack([("a.zip", b"PK\x03\x04 not really")], **LIMITS)
    assert _codes(out) == {"a.zip": "not_zip"}


def test_a_lying_header_is_caught_by_the_capped_read() -> None:
    data = bytearray(zip_file({"a.txt": b"y" * 2000}))
    # shrink the declared size in the central directory: the read is capped all the same
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    out = archive.unpack([("a.zip", bytes(data))], **LIMITS)
    assert out.files == []
    assert _codes(out)["a.txt"] in {"too_large", "unreadable"}
