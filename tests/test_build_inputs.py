"""Bad input through `kb build`, end to end: every bad item is one failure line (file, line,
what was wrong) in the summary and one row in the failures table; everything else is built.

Ingest-level unit tests live in tests/test_ingest.py; here each case goes through the real CLI
command, the real pipeline and a real kb.db. The fuzz test feeds random bytes in every kind of
input file through the library build.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.build import build
from kb.cli import cli
from helpers.corpus import count, failures, news_text, orphans, write_txt_corpus

pytestmark = pytest.mark.slow

BIG_LIMIT = 20_000_000  # KB_MAX_FILE_BYTES for the test: the 50 MB document is above it


@pytest.fixture
def messy(tmp_path, en_nlp) -> tuple[Path, dict[str, str]]:
    """A corpus folder with good documents and one of every kind of bad input.

    Returns the folder and {source suffix: what its failure reason must mention}.
    """
    root = tmp_path / "messy"
    write_txt_corpus(root, 4)  # 4 good documents
    (root / "latin1-german.txt").write_bytes(
        "Die Präsidentin der Stiftung, Jördis Weiß, trat im März 2021 zurück.".encode("cp1252"))  # good
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\t\n")
    big = root / "huge.txt"
    with open(big, "wb") as fh:
        line = (news_text(1) + "\n").encode("utf-8")
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    lines = [
        (json.dumps({"id": "feed-1", "text": news_text(101)}) + "\n").encode(),  # good
        b'{"id": "feed-2", "text": "unterminated\n',  # malformed JSON
        '{"id": "feed-3", "text": "Gr\u00fc\u00dfe von Anna M\u00fcller, Chefin der Firma."}\n'.encode("cp1252"),  # non-UTF-8 bytes: decoded, good
        b'{"id": "feed-4", "text": "\xff\xfe\x00\x01\x00\x9d\x00\x00 binary \x00"}\n',  # undecodable line
        b'["not", "an", "object"]\n',
        (json.dumps({"id": "feed-6", "text": news_text(106)}) + "\n").encode(),  # good
    ]
    (root / "feed.jsonl").write_bytes(b"".join(lines))
    whole = gzip.compress(b"".join((json.dumps({"id": f"gz-{i}", "text": news_text(200 + i)}) + "\n").encode()
                                   for i in range(40)))
    (root / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])  # truncated mid-stream
    os.mkfifo(root / "pipe.txt")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    expected = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "blank.txt": "",
        "huge.txt": "KB_MAX_FILE_BYTES",
        "feed.jsonl:2": "malformed JSON",
        "feed.jsonl:4": "",
        "feed.jsonl:5": "not an object",
        "cut.jsonl.gz": "truncated",
        "pipe.txt": "FIFO",
        "gone.txt": "dangling symlink",
    }
    if os.geteuid() != 0:  # root reads a chmod 000 file anyway
        locked = root / "locked.txt"
        locked.write_text(news_text(9), encoding="utf-8")
        locked.chmod(0)
        expected["locked.txt"] = "permission denied"
    return root, expected


def _is_source(source: str, root: Path, suffix: str) -> bool:
    """The failure is about ``root/suffix`` (a whole file, or one ``:line`` of it)."""
    path = str(root / suffix)
    return source == path or (":" not in suffix and source.startswith(path + ":"))


def test_every_bad_input_is_one_clear_failure_and_the_rest_is_built(messy, tmp_path):
    root, expected = messy
    db_path = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["build", str(root), "--db", str(db_path), "--lang", "en", "--quiet"],
                                env={"KB_MAX_FILE_BYTES": str(BIG_LIMIT)})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    rows = failures(db_path)
    for suffix, why in expected.items():
        mine = [line for line in lines if _is_source(line.split(": ", 2)[1], root, suffix)]
        assert len(mine) == 1, (suffix, lines)
        assert why in mine[0], (suffix, mine[0])
        assert sum(1 for r in rows if _is_source(r[0], root, suffix)) == 1, (suffix, rows)
    assert len(lines) == len(rows) == len(expected)
    # good: 4 .txt, the cp1252 file, feed lines 1, 3 and 6, and the gz lines before the cut
    gz_built = count(db_path, "documents") - 8
    assert gz_built >= 1
    conn = sqlite3.connect(str(db_path))
    ids = {r[0] for r in conn.execute("SELECT id FROM documents")}
    assert {"feed-1", "feed-3", "feed-6", "latin1-german", "news-00000"} <= ids
    assert ids >= {f"gz-{i}" for i in range(gz_built)}  # every line before the cut, in order
    text = conn.execute("SELECT text FROM documents WHERE id = 'latin1-german'").fetchone()[0]
    assert "Präsidentin" in text and "Weiß" in text  # decoded, not mangled
    assert "Grüße" in conn.execute("SELECT text FROM documents WHERE id = 'feed-3'").fetchone()[0]
    assert f"{len(ids)} built" in result.output and f"{len(expected)} failed" in result.output
    assert not any(orphans(db_path).values())


def test_rerun_over_bad_inputs_adds_nothing(messy, tmp_path):
    root, expected = messy
    db_path = tmp_path / "kb.db"
    env = {"KB_MAX_FILE_BYTES": str(BIG_LIMIT)}
    args = ["build", str(root), "--db", str(db_path), "--lang", "en", "--quiet"]
    CliRunner().invoke(cli, args, env=env)
    rows = failures(db_path)
    again = CliRunner().invoke(cli, args, env=env)
    assert again.exit_code == 0 and " 0 built" in again.output
    assert failures(db_path) == rows


# ------------------------------------------------------------------------------------ fuzz

KINDS = ["a.txt", "b.html", "c.jsonl", "d.jsonl.gz", "e.md.txt"]
_text_like = st.text(alphabet=string.printable + "äöüßé€\u2028\ufffd\x00\x1b", max_size=400)
_payload = st.one_of(
    st.binary(max_size=600),
    _text_like.map(lambda s: s.encode("utf-8")),
    _text_like.map(lambda s: s.encode("utf-16")),
    st.lists(st.one_of(_text_like.map(lambda s: json.dumps({"text": s})), _text_like),
             max_size=5).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(files=st.lists(st.tuples(st.sampled_from(KINDS), _payload, st.booleans()), min_size=1, max_size=4))
def test_fuzz_build_never_stops_and_keeps_the_good_document(tmp_path_factory, en_nlp, files):
    root = tmp_path_factory.mktemp("fuzz")
    db_path = root / "kb.db"
    corpus = root / "in"
    corpus.mkdir()
    good = corpus / "zz-good.txt"
    good.write_text(news_text(5), encoding="utf-8")
    for i, (name, payload, compress) in enumerate(files):
        data = gzip.compress(payload) if name.endswith(".gz") or (compress and name.endswith(".jsonl")) else payload
        if compress and name.endswith(".gz"):
            data = data[: max(1, len(data) // 2)]  # truncated
        (corpus / f"{i}-{name}").write_bytes(data)
    report = build([corpus], db_path, lang="en")
    assert "zz-good" in {r[0] for r in sqlite3.connect(str(db_path)).execute("SELECT id FROM documents")}
    single = sum(1 for name, _, _ in files if not name.endswith((".jsonl", ".gz")))
    assert report.read + report.failed >= 1 + single  # a .txt/.html file is a document or a failure
    assert report.built + report.skipped == report.read
    assert report.failed == len(report.failures)
    stored = [row for row in failures(db_path) if row[1] != "duplicate"]  # skips, noted not counted
    assert len(stored) == len({(f.source, f.reason) for f in report.failures})
    duplicates = [row for row in failures(db_path) if row[1] == "duplicate"]
    assert len(duplicates) <= report.skipped
    assert all(f.reason.strip() and f.source for f in report.failures)
    assert not any(orphans(db_path).values())
