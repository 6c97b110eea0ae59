"""Fuzz ingest: random bytes and random JSON never raise out of iter_documents, and nothing is
silently lost: each .txt file yields exactly one item, each non-blank JSONL line exactly one.

A failure whose reason says "unexpected error" is a caught bug, so it fails these tests too.
Example counts are modest on purpose (CI time).
"""

from __future__ import annotations

import bz2
import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import DocumentError
from kb.ingest import iter_documents, normalise_date
from kb.model import Document, IngestFailure

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(path: Path) -> list[Document | IngestFailure]:
    result = list(iter_documents([path]))
    for item in result:
        assert isinstance(item, (Document, IngestFailure))
        if isinstance(item, IngestFailure):
            assert "unexpected error" not in item.reason, item.reason
            assert item.reason.strip()
    return result


def _write(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory, Path]:
    tmp = tempfile.TemporaryDirectory()
    path = Path(tmp.name) / name
    path.write_bytes(data)
    return tmp, path


def _non_blank_lines(data: bytes) -> list[int]:
    """1-based numbers of the lines (cut at \\n) that hold more than whitespace (or a BOM)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    numbers = []
    for number, line in enumerate(lines, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line.strip():
            numbers.append(number)
    return numbers


def _line_of(item: Document | IngestFailure) -> int:
    return int(item.source.rsplit(":", 1)[1])


# Random bytes, biased towards line structure and JSON-ish fragments.
_pieces = st.one_of(
    st.binary(max_size=40),
    st.sampled_from([b"\n", b"\r\n", b"\r", b" ", b"{", b"}", b'"text"', b":", b'"', b"\x00", b"\xff", b"\\u", b"[", b"\xef\xbb\xbf"]),
    st.text(max_size=20).map(lambda s: s.encode("utf-8", "surrogatepass")),
)
_fuzz_bytes = st.lists(_pieces, max_size=30).map(b"".join)


@FUZZ
@given(data=_fuzz_bytes, suffix=st.sampled_from([".txt", ".html"]))
def test_random_bytes_as_txt_or_html_yield_exactly_one_item(data, suffix):
    tmp, path = _write(f"doc{suffix}", data)
    with tmp:
        result = _run(path)
        assert len(result) == 1 and result[0].source == str(path)
        if isinstance(result[0], Document):
            assert result[0].text.strip() and "\r" not in result[0].text


@FUZZ
@given(data=_fuzz_bytes)
def test_random_bytes_as_jsonl_one_item_per_non_blank_line(data):
    tmp, path = _write("feed.jsonl", data)
    with tmp:
        result = _run(path)
        assert [_line_of(item) for item in result] == _non_blank_lines(data)


@FUZZ
@given(data=_fuzz_bytes, cut=st.floats(0, 1), kind=st.sampled_from(["gz", "bz2"]))
def test_random_compressed_jsonl_even_truncated_never_raises(data, cut, kind):
    packed = gzip.compress(data) if kind == "gz" else bz2.compress(data)
    truncated = packed[: int(len(packed) * cut)]
    tmp, path = _write(f"feed.jsonl.{kind}", truncated)
    with tmp:
        result = _run(path)
        lines = [_line_of(item) for item in result]
        assert lines == sorted(lines) and len(lines) == len(set(lines))
        if truncated == packed:
            assert lines == _non_blank_lines(data)


_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
_json_value = st.recursive(
    _json_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
_known = st.sampled_from(["text", "id", "title", "url", "published", "lang"])
_json_object = st.dictionaries(st.one_of(_known, st.text(max_size=8)), _json_value, max_size=7)
_json_line_value = st.one_of(_json_object, _json_value)


@FUZZ
@given(values=st.lists(_json_line_value, min_size=1, max_size=8), ascii_only=st.booleans())
def test_random_json_lines_map_one_to_one(values, ascii_only):
    data = b"".join(json.dumps(v, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass") + b"\n" for v in values)
    tmp, path = _write("objs.jsonl", data)
    with tmp:
        result = _run(path)
        assert [_line_of(item) for item in result] == list(range(1, len(values) + 1))
        for value, item in zip(values, result):
            text = value.get("text") if isinstance(value, dict) else None
            if isinstance(item, Document):
                assert isinstance(text, str) and text.strip()
                expected = text.replace("\r\n", "\n").replace("\r", "\n")
                assert item.text == expected
                assert item.published is None or len(item.published) == 10
                assert item.lang in (None, "en", "de")
            elif isinstance(text, str) and text.strip():
                # a document with good text may only fail on its id (or a clashing id)
                assert '"id"' in item.reason or "already used" in item.reason, item.reason


@FUZZ
@given(text=st.text(min_size=1, max_size=200), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_text_round_trips_through_txt(text, encoding):
    """Real text (no control characters) in a supported encoding comes back exactly."""
    text = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    tmp, path = _write("t.txt", data)
    with tmp:
        (item,) = _run(path)
        if not text.strip():
            assert isinstance(item, IngestFailure)
        elif isinstance(item, Document) and encoding in ("utf-8", "utf-8-sig", "utf-16"):
            assert item.text == text
        elif encoding in ("utf-8", "utf-8-sig", "utf-16"):
            raise AssertionError(f"UTF text failed: {item.reason}")


@FUZZ
@given(value=st.one_of(st.text(max_size=40), st.from_regex(r"\A\d{1,2}[./ -]\d{1,2}[./ -]\d{2,4}\Z")))
def test_normalise_date_returns_a_day_or_raises_document_error(value):
    try:
        result = normalise_date(value)
    except DocumentError as err:
        assert "YYYY-MM-DD" in str(err)
        return
    assert result is None or (len(result) == 10 and result[4] == "-" and result[7] == "-")
    assert (result is None) == (not value.strip())
