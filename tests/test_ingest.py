"""Ingest: every input kind and every kind of bad input, on real files in tmp_path.

Unreadable files: tests run as root, where ``chmod 000`` does not stop reading, so
unreadability is simulated with entries that are really unreadable for anyone (a dangling
symlink, a FIFO); the chmod test runs only when not root.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from kb.errors import DocumentError, InputError
from kb.ingest import (
    collect_inputs,
    content_hash,
    document_stem,
    iter_documents,
    normalise_date,
    read_text_file,
)
from kb.ingest import _strip_tags
from kb.model import Document, IngestFailure
from kb.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

GERMAN = (
    "Die Ministerpräsidentin äußerte sich am Dienstag in Düsseldorf zur Lage der Kommunen. "
    "„Wir müssen jetzt handeln“, sagte sie – und kündigte Hilfen über 50 € pro Kopf an. "
    "Der Bürgermeister von Köln begrüßte die Maßnahme.\n"
)
ENGLISH = (
    "The café owner, a naïve newcomer to politics, said the council’s “plan” would cost "
    "£5 or 6 € per resident – far more than promised.\n"
)


def items(*paths, **kwargs) -> list[Document | IngestFailure]:
    return list(iter_documents([str(p) for p in paths], **kwargs))


def only(*paths, **kwargs):
    result = items(*paths, **kwargs)
    assert len(result) == 1, result
    return result[0]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def jsonl(path: Path, *objects) -> Path:
    lines = [o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects]
    return write(path, "\n".join(lines) + "\n")


# --------------------------------------------------------------------------------------------
# .txt
# --------------------------------------------------------------------------------------------


def test_utf8_text_kept_exactly(tmp_path):
    text = "  Anna Berg became mayor.\t\n\nSecond paragraph, no final newline "
    doc = only(write(tmp_path / "seed-001.txt", text))
    assert isinstance(doc, Document)
    assert doc.id == "seed-001"
    assert doc.text == text
    assert doc.source == str(tmp_path / "seed-001.txt")
    assert doc.content_hash == hashlib.sha256(text.encode()).hexdigest()
    assert doc.meta == {}
    assert doc.published is None and doc.lang is None


def test_crlf_and_cr_become_lf_only(tmp_path):
    doc = only(write(tmp_path / "a.txt", "one\r\ntwo\rthree\n\r\nfour\u2028five"))
    assert doc.text == "one\ntwo\nthree\n\nfour\u2028five"


def test_utf8_bom_is_stripped(tmp_path):
    doc = only(write(tmp_path / "a.txt", codecs.BOM_UTF8 + GERMAN.encode()))
    assert doc.text == GERMAN
    assert doc.meta["encoding"] == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, encoding):
    data = GERMAN.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    doc = only(write(tmp_path / "a.txt", data))
    assert doc.text == GERMAN
    assert doc.meta["encoding"] in ("utf-16", "utf-32")


@pytest.mark.parametrize("text", [GERMAN, ENGLISH, GERMAN + ENGLISH])
def test_cp1252_is_detected(tmp_path, text):
    doc = only(write(tmp_path / "legacy.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.meta["encoding"] == "cp1252"


def test_utf8_with_stray_cp1252_bytes_keeps_utf8_letters(tmp_path):
    data = "Jürgen Müller, Bürgermeister von Gießen, sagte: ".encode() + b"Das kostet 5 \x80 \x96 nicht mehr."
    doc = only(write(tmp_path / "mixed.txt", data))
    assert doc.text == "Jürgen Müller, Bürgermeister von Gießen, sagte: Das kostet 5 € – nicht mehr."
    assert doc.meta["encoding"] == "utf-8+cp1252"


def test_large_legacy_files_are_detected_on_a_sample(tmp_path):
    text = "Der Außenminister traf in München die Präsidentin – Kosten: 5 €.\n" * 40_000  # 2.6 MB
    assert only(write(tmp_path / "a.txt", text.encode("cp1252"))).text == text
    doc = only(write(tmp_path / "b.txt", text.encode("utf-16-le")))  # no BOM
    assert doc.text == text and doc.meta["encoding"] == "utf-16-le"


def test_latin1_german_decodes(tmp_path):
    text = "Der Außenminister traf in München den Präsidenten der Schweiz und Österreichs.\n" * 3
    assert only(write(tmp_path / "a.txt", text.encode("latin-1"))).text == text


def test_read_text_file_returns_encoding(tmp_path):
    assert read_text_file(write(tmp_path / "a.txt", "plain")) == ("plain", "utf-8")
    assert read_text_file(write(tmp_path / "b.txt", GERMAN.encode("cp1252"))) == (GERMAN, "cp1252")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
        bytes(range(256)) * 8,
        b"text with a NUL \x00 in the middle",
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc" * 30,
    ],
)
def test_binary_files_fail_with_reason(tmp_path, data):
    path = write(tmp_path / "image.txt", data)
    failure = only(path)
    assert isinstance(failure, IngestFailure)
    assert failure.source == str(path)
    assert "not a text file" in failure.reason or "encoding could not be detected" in failure.reason
    assert str(path) not in failure.reason  # the source names the file; the reason says why
    with pytest.raises(DocumentError) as err:
        read_text_file(path)
    assert str(err.value).startswith(f"{path}: ")  # raised alone, the message names the file


def test_empty_and_whitespace_files_fail(tmp_path):
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", " \n\t\r\n  ")
    result = items(empty, blank)
    assert [type(r) for r in result] == [IngestFailure, IngestFailure]
    assert result[0].reason.startswith("empty file")
    assert result[1].reason.startswith("only whitespace")


def test_50_mb_text_file_is_read(tmp_path):
    # The default limit (5 MB) fits news; a user who raises it gets big files read whole.
    line = "Anna Berg has been mayor of Springfield since 2019, the council said.\n"
    text = line * (50 * 1024 * 1024 // len(line) + 1)
    path = write(tmp_path / "huge.txt", text)
    assert path.stat().st_size > 50 * 1024 * 1024
    doc = only(path, settings=Settings(max_file_bytes=64 * 1024 * 1024))
    assert isinstance(doc, Document)
    assert len(doc.text) == len(text)
    assert doc.content_hash == hashlib.sha256(text.encode()).hexdigest()


def test_file_above_limit_fails_and_iteration_goes_on(tmp_path):
    big = write(tmp_path / "a-big.txt", "x" * 2000)
    small = write(tmp_path / "b-small.txt", "small")
    result = items(tmp_path, settings=Settings(max_file_bytes=1000))
    assert isinstance(result[0], IngestFailure) and result[0].source == str(big)
    assert "KB_MAX_FILE_BYTES" in result[0].reason and "2,000 bytes" in result[0].reason
    assert isinstance(result[1], Document) and result[1].source == str(small)


# --------------------------------------------------------------------------------------------
# Paths, directories, unreadable entries
# --------------------------------------------------------------------------------------------


def test_missing_paths_raise_before_reading_listing_all(tmp_path):
    good = write(tmp_path / "good.txt", "fine")
    with pytest.raises(InputError) as err:
        iter_documents([good, tmp_path / "nope.txt", tmp_path / "gone"])  # no next(): raised now
    assert "nope.txt" in str(err.value) and "gone" in str(err.value)


def test_directories_walked_sorted_hidden_and_other_kinds_skipped(tmp_path):
    write(tmp_path / "b" / "z.txt", "z")
    write(tmp_path / "b" / "deep" / "y.htm", "<p>y is here</p>")
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "README.md", "# not an article")
    write(tmp_path / "photo.JPG", b"\xff\xd8\xff")
    write(tmp_path / ".hidden.txt", "secret")
    write(tmp_path / ".git" / "x.txt", "git")
    write(tmp_path / "c.TXT", "upper-case suffix")
    jsonl(tmp_path / "b" / "c.jsonl", {"text": "from jsonl"})
    plan = collect_inputs([tmp_path])
    rel = [p.relative_to(tmp_path).as_posix() for p in plan.files]
    assert rel == ["a.txt", "b/c.jsonl", "b/deep/y.htm", "b/z.txt", "c.TXT"]
    assert sorted(p.name for p in plan.skipped) == ["README.md", "photo.JPG"]
    docs = items(tmp_path)
    assert [d.id for d in docs] == ["a", "c-1", "y", "z", "c"]
    assert all(isinstance(d, Document) for d in docs)


def test_named_hidden_file_and_folder_are_read(tmp_path):
    hidden = write(tmp_path / ".draft.txt", "named explicitly")
    write(tmp_path / ".corpus" / "a.txt", "inside a hidden folder named explicitly")
    assert [d.id for d in items(hidden, tmp_path / ".corpus")] == [".draft", "a"]


def test_html_utf16_declaration_on_ascii_bytes_is_read_as_utf8(tmp_path):
    page = '<html><head><meta charset="utf-16"></head><body><p>Anna Berg is mayor.</p></body></html>'
    assert "Anna Berg is mayor." in only(write(tmp_path / "p.html", page)).text


def test_named_file_of_unknown_kind_is_read_as_text(tmp_path):
    note = write(tmp_path / "notes.md", "Anna Berg is mayor.")
    assert only(note).id == "notes"
    assert "not a text file" in only(write(tmp_path / "blob.bin", b"\x00\x01" * 50)).reason


def test_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", "once")
    assert len(items(path, tmp_path, path)) == 1


def test_directory_named_like_a_file_is_walked(tmp_path):
    write(tmp_path / "x.txt" / "inner.txt", "inside a folder called x.txt")
    assert [d.id for d in items(tmp_path)] == ["inner"]


def test_dangling_symlink_is_a_failure_and_iteration_goes_on(tmp_path):
    (tmp_path / "a-dangling.txt").symlink_to(tmp_path / "does-not-exist.txt")
    write(tmp_path / "b-ok.txt", "ok")
    result = items(tmp_path)
    assert isinstance(result[0], IngestFailure)
    assert "a-dangling.txt" in result[0].source and "symlink" in result[0].reason
    assert isinstance(result[1], Document)


def test_fifo_is_a_failure_and_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "a-pipe.txt")
    write(tmp_path / "b-ok.txt", "ok")
    result = items(tmp_path)
    assert isinstance(result[0], IngestFailure) and "FIFO" in result[0].reason
    assert isinstance(result[1], Document)


def test_symlink_loop_between_directories_terminates(tmp_path):
    write(tmp_path / "d" / "a.txt", "a")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert [d.id for d in items(tmp_path)] == ["a"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read chmod 000 files")
def test_permission_denied_is_a_failure(tmp_path):
    path = write(tmp_path / "a.txt", "secret")
    path.chmod(0)
    try:
        failure = only(path)
        assert isinstance(failure, IngestFailure) and "permission denied" in failure.reason
    finally:
        path.chmod(0o644)


def test_document_stem():
    assert document_stem(Path("news.jsonl.gz")) == "news"
    assert document_stem(Path("a.b.TXT")) == "a.b"
    assert document_stem(Path("page.htm")) == "page"
    assert document_stem(Path("notes")) == "notes"


# --------------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------------


def test_same_id_with_different_text_is_a_failure(tmp_path):
    write(tmp_path / "one" / "story.txt", "first version")
    write(tmp_path / "two" / "story.txt", "second version")
    result = items(tmp_path)
    assert isinstance(result[0], Document)
    assert isinstance(result[1], IngestFailure) and "already used" in result[1].reason


def test_same_id_with_same_text_is_kept_for_the_build_to_skip(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"id": "x", "text": "same"}, {"id": "x", "text": "same"})
    result = items(path)
    assert [type(r) for r in result] == [Document, Document]
    assert result[0].content_hash == result[1].content_hash


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def test_jsonl_ids_fields_and_meta(tmp_path):
    path = jsonl(
        tmp_path / "feed.jsonl",
        {"id": "art-7", "text": "Seven.", "title": "T7", "url": "https://x.example/7",
         "published": "2024-10-01T09:00:00Z", "lang": "de-DE", "source_name": "Wire", "tags": ["a", {"b": 1}]},
        {"id": 42, "text": "Forty-two."},
        {"text": "No id."},
        {"id": "", "text": "Empty id."},
    )
    d7, d42, d3, d4 = items(path)
    assert (d7.id, d7.title, d7.url, d7.published, d7.lang) == ("art-7", "T7", "https://x.example/7", "2024-10-01", "de")
    assert d7.meta == {"source_name": "Wire", "tags": ["a", {"b": 1}]}
    assert d7.source == f"{path}:1"
    assert d42.id == "42"
    assert d3.id == "feed-3" and d3.source == f"{path}:3"
    assert d4.id == "feed-4"


def test_jsonl_bad_lines_are_failures_naming_the_line(tmp_path):
    path = jsonl(
        tmp_path / "bad.jsonl",
        {"text": "good one"},
        '{"text": "unterminated',
        {"title": "no text"},
        {"text": ""},
        {"text": "   \n"},
        {"text": 12},
        '["an", "array"]',
        {"text": "x", "id": {"nested": 1}},
        {"text": "good two"},
    )
    result = items(path)
    assert len(result) == 9
    assert isinstance(result[0], Document) and isinstance(result[-1], Document)
    failures = result[1:-1]
    assert all(isinstance(f, IngestFailure) for f in failures)
    assert [f.source for f in failures] == [f"{path}:{n}" for n in range(2, 9)]
    reasons = [f.reason for f in failures]
    assert "malformed JSON" in reasons[0]
    assert '"text" is missing' in reasons[1]
    assert '"text" is empty' in reasons[2] and '"text" is empty' in reasons[3]
    assert "not a string" in reasons[4]
    assert "not an object" in reasons[5]
    assert '"id" must be' in reasons[6]


def test_jsonl_blank_lines_skipped_but_counted(tmp_path):
    path = write(tmp_path / "b.jsonl", '\n{"text": "a"}\n   \n\n{"text": "b"}')
    assert [d.source.rsplit(":", 1)[1] for d in items(path)] == ["2", "5"]


def test_jsonl_crlf_and_bom(tmp_path):
    data = codecs.BOM_UTF8 + b'{"text": "one\\r\\nline"}\r\n{"text": "two"}\r\n'
    result = items(write(tmp_path / "w.jsonl", data))
    assert [d.text for d in result] == ["one\nline", "two"]


def test_jsonl_non_utf8_line_is_detected_or_fails(tmp_path):
    good = json.dumps({"text": "fine"}).encode()
    legacy = json.dumps({"text": GERMAN}, ensure_ascii=False).encode("cp1252")
    garbage = b'{"text": "\xff\xfe\x00\x00\x81\x8d\x00\x9d"}'
    stray = '{"text": "Müller zahlt 5 '.encode() + b'\x80"}'
    path = write(tmp_path / "mixed.jsonl", b"\n".join([good, legacy, garbage, stray]))
    result = items(path)
    assert [type(r) for r in result] == [Document, Document, IngestFailure, Document]
    assert result[3].text == "Müller zahlt 5 €"
    assert result[1].text == GERMAN and result[1].meta["encoding"] == "cp1252"
    assert result[2].source == f"{path}:3" and "UTF-8" in result[2].reason


def test_jsonl_line_spanning_read_chunks(tmp_path):
    text = "Anna Berg. " * 300_000  # 3.3 MB: crosses several 1 MiB read chunks
    path = jsonl(tmp_path / "long.jsonl", {"text": "before"}, {"text": text}, {"text": "after"})
    assert [d.text for d in items(path)] == ["before", text, "after"]


def test_jsonl_line_above_limit_fails_alone(tmp_path):
    path = jsonl(tmp_path / "l.jsonl", {"text": "x" * 5000}, {"text": "short"})
    first, second = items(path, settings=Settings(max_file_bytes=1000))
    assert isinstance(first, IngestFailure) and "KB_MAX_FILE_BYTES" in first.reason
    assert first.source == f"{path}:1"
    assert isinstance(second, Document) and second.source == f"{path}:2"


def _lines(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"n{i}", "text": f"Document number {i}."}).encode() + b"\n" for i in range(n))


@pytest.mark.parametrize("suffix,compress", [(".jsonl.gz", gzip.compress), (".jsonl.bz2", bz2.compress)])
def test_compressed_jsonl(tmp_path, suffix, compress):
    result = items(write(tmp_path / f"c{suffix}", compress(_lines(50))))
    assert [d.id for d in result] == [f"n{i}" for i in range(50)]


@pytest.mark.parametrize("suffix,compress", [(".jsonl.gz", gzip.compress), (".jsonl.bz2", lambda d: bz2.compress(d, 1))])
def test_truncated_compressed_jsonl_keeps_what_was_read(tmp_path, suffix, compress):
    raw = _lines(20_000)  # 0.9 MB: several 100 kB bz2 blocks, so whole blocks precede the cut
    data = compress(raw)
    path = write(tmp_path / f"t{suffix}", data[: len(data) * 2 // 3])
    after = write(tmp_path / "u.txt", "next file")
    result = items(path, after)
    docs = [r for r in result if isinstance(r, Document)]
    failures = [r for r in result if isinstance(r, IngestFailure)]
    assert len(failures) == 1 and "truncated" in failures[0].reason
    assert docs[-1].source == str(after)
    read = docs[:-1]
    assert 0 < len(read) < 20_000
    assert [d.id for d in read] == [f"n{i}" for i in range(len(read))]
    assert failures[0].source == f"{path}:{len(read) + 1}"


def test_not_really_gzip_is_one_failure(tmp_path):
    failure = only(write(tmp_path / "fake.jsonl.gz", _lines(3)))
    assert isinstance(failure, IngestFailure) and "re-create" in failure.reason


def test_jsonl_lone_surrogate_escape_is_replaced_and_storable(tmp_path):
    path = write(tmp_path / "s.jsonl", b'{"text": "bad \\ud800 half", "title": "t\\udfff", "note": "\\udc00"}\n')
    doc = only(path)
    assert doc.text == "bad \ufffd half" and doc.title == "t\ufffd"
    assert doc.meta["repaired"] and doc.meta["note"] == "\ufffd"
    db = sqlite3.connect(tmp_path / "kb.db")
    db.execute("CREATE TABLE d (text TEXT, title TEXT, meta TEXT)")
    db.execute("INSERT INTO d VALUES (?, ?, ?)", (doc.text, doc.title, json.dumps(doc.meta, ensure_ascii=False)))


def test_jsonl_deeply_nested_line_is_a_failure(tmp_path):
    path = write(tmp_path / "n.jsonl", b'{"text": "ok", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n")
    failure = only(path)
    assert isinstance(failure, IngestFailure) and "nested" in failure.reason


# --------------------------------------------------------------------------------------------
# Published date and language precedence
# --------------------------------------------------------------------------------------------


def test_document_date_wins_cli_date_fills_gaps(tmp_path):
    path = jsonl(
        tmp_path / "p.jsonl",
        {"text": "own date", "published": "14.03.2025"},
        {"text": "no date"},
        {"text": "bad date", "published": "last Tuesday"},
        {"text": "number date", "published": 20250314},
    )
    own, none, bad, number = items(path, published="2025-01-02")
    assert own.published == "2025-03-14"
    assert none.published == "2025-01-02"
    assert bad.published == "2025-01-02" and bad.meta["published_raw"] == "last Tuesday"
    assert number.published == "2025-01-02" and number.meta["published_raw"] == 20250314


def test_cli_published_garbage_raises_before_reading(tmp_path):
    path = write(tmp_path / "a.txt", "a")
    with pytest.raises(DocumentError, match="YYYY-MM-DD"):
        iter_documents([path], published="yesterday")
    assert only(path, published="March 14, 2025").published == "2025-03-14"


def test_lang_precedence_and_validation(tmp_path):
    path = jsonl(tmp_path / "l.jsonl", {"text": "a", "lang": "EN"}, {"text": "b"}, {"text": "c", "lang": "fr"})
    en, default, other = items(path, lang="de")
    assert (en.lang, default.lang, other.lang) == ("en", "de", "de")
    assert other.meta["lang_raw"] == "fr"
    assert items(path, lang="auto")[1].lang is None
    with pytest.raises(InputError, match="--lang"):
        iter_documents([path], lang="klingon")


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14T23:30:00-05:00", "2025-03-14"),  # the date as written, no zone shift
        ("2025-03-14 08:00", "2025-03-14"),
        ("2025-03-14Z", "2025-03-14"),
        ("20250314", "2025-03-14"),
        ("2025/3/4", "2025-03-04"),
        ("4.3.2025", "2025-03-04"),
        ("04. 03. 2025", "2025-03-04"),
        ("14 March 2025", "2025-03-14"),
        ("14th Mar. 2025", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("Sept 1 2024", "2024-09-01"),
        ("Fri, 14 Mar 2025 10:00:00 +0000", "2025-03-14"),
        ("Freitag, 14. März 2025", "2025-03-14"),
        ("1. Dezember 2023", "2023-12-01"),
        ("25/12/2024", "2024-12-25"),
        ("12/25/2024", "2024-12-25"),
        ("05/05/2024", "2024-05-05"),
        ("  2024-02-29  ", "2024-02-29"),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalise_date_accepts(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2025", "2025-03", "2023-02-29", "2025-13-01", "03/04/2025", "14 Smarch 2025",
     "Monday", "2025-03-14junk", "32.01.2025"],
)
def test_normalise_date_rejects(value):
    with pytest.raises(DocumentError, match="YYYY-MM-DD"):
        normalise_date(value)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate():
    doc = only(FIXTURES / "boilerplate.html")
    assert doc.id == "boilerplate"
    assert doc.title == "Harbour authority names new chair"
    assert doc.url == "https://ledger.example.org/news/harbour-authority-chair"
    assert doc.published == "2023-06-09"
    paragraphs = doc.text.split("\n")
    assert any(p.startswith("The board of the Westport Harbour Authority") for p in paragraphs)
    assert any(p.startswith("Okafor, a former shipping executive") for p in paragraphs)
    for chrome in ("cookie", "Subscribe", "Weather", "Storm warning", "analytics", "position: fixed"):
        assert chrome not in doc.text
    assert doc.meta == {"html_lang": "en-GB"}
    assert doc.lang is None  # the page's lang attribute is not trusted for the doc language


def test_html_without_date_takes_cli_date_and_ignores_body_dates(tmp_path):
    page = (
        "<html><head><title>Council news</title></head><body><article>"
        "<p>Published on 3 March 2020. The council of Springfield elected Anna Berg as its "
        "mayor on Tuesday after a long debate about the budget of the city.</p>"
        "<p>Berg had been deputy mayor since May 2017 and succeeds Tomas Kell in the office.</p>"
        "</article></body></html>"
    )
    doc = only(write(tmp_path / "council.html", page), published="2020-03-05")
    assert doc.published == "2020-03-05"
    assert "Anna Berg" in doc.text and "\n" in doc.text


def test_html_fragment_falls_back_to_tag_strip(tmp_path):
    doc = only(write(tmp_path / "frag.html", "Anna Berg is  mayor.<br>Tomas Kell is deputy."))
    assert doc.text == "Anna Berg is mayor.\nTomas Kell is deputy."
    assert doc.meta["extractor"] == "tag-strip"


def test_tag_strip_keeps_blocks_as_lines_and_drops_code():
    html = (
        "<html><head><title>T</title><style>p {}</style></head><body><script>var a;</script>"
        "<h1>Head  line</h1><p>First <b>para</b>.</p><!-- note --><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table></body></html>"
    )
    assert _strip_tags(html) == "Head line\nFirst para.\none\ntwo\nab"
    assert _strip_tags("") == ""


def test_html_declared_latin1_is_read_as_cp1252(tmp_path):
    body = "<p>Der Bürgermeister sagte: „Das kostet 5 €.“ Die Stadt Köln prüft den Vorschlag.</p>"
    page = f'<html><head><meta charset="iso-8859-1"><title>Köln</title></head><body>{body}</body></html>'
    doc = only(write(tmp_path / "koeln.html", page.encode("cp1252")))
    assert "„Das kostet 5 €.“" in doc.text and doc.title == "Köln"
    assert doc.meta["encoding"] == "cp1252"


def test_html_without_text_fails(tmp_path):
    page = "<html><head><title>x</title><script>var a = 1;</script></head><body><img src=a.png></body></html>"
    failure = only(write(tmp_path / "empty.html", page))
    assert isinstance(failure, IngestFailure) and "no text" in failure.reason


# --------------------------------------------------------------------------------------------
# Hash, shared data
# --------------------------------------------------------------------------------------------


def test_content_hash_is_sha256_of_utf8():
    assert content_hash("Köln") == hashlib.sha256("Köln".encode()).hexdigest()
    assert content_hash("a") != content_hash("a ")


@pytest.mark.shared
def test_shared_articles_read_byte_for_byte(shared):
    folder = shared("samples/articles")
    docs = items(folder)
    assert [d.id for d in docs] == sorted(p.stem for p in folder.glob("*.txt"))
    for doc in docs:
        raw = Path(doc.source).read_bytes()
        assert doc.text.encode("utf-8") == raw.replace(b"\r\n", b"\n")
        assert doc.content_hash == hashlib.sha256(raw).hexdigest()
