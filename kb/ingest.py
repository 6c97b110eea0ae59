"""Ingest: any mix of files and directories in, ``Document`` or ``IngestFailure`` out.

The build must go on past bad documents, so everything that is wrong with *one* input (a binary
file, a malformed JSONL line, an undecodable line, a truncated ``.gz``, an unreadable file) is
yielded as an ``IngestFailure`` naming the file (and ``:line`` for JSONL) and saying how to fix
it. Only usage errors stop the run before anything is read: a path the user named that does not
exist (``InputError``), a ``--published`` value that is not a date (``DocumentError``) and a
``--lang`` that kb does not know (``InputError``).

Choices (also in the README section of the final report):

* **Directories** are walked recursively in sorted order; hidden files and directories (names
  starting with ``.``) are skipped; files of other kinds (``README.md``, images...) are skipped
  silently, because a corpus folder often holds such files, but ``collect_inputs`` returns them
  so the CLI can say how many were skipped. A *file the user named* is always read: an unknown
  extension is read as plain text (a binary file then fails with a clear reason).
* **Published date**: the document's own date (JSONL ``published``, HTML metadata) wins; the
  ``published`` argument (``--published``) is the default for documents without one. A
  document's date that cannot be read becomes ``None`` and the raw value is kept in
  ``meta["published_raw"]``. **Language** follows the same rule (JSONL ``lang`` over ``--lang``).
* **JSONL**: one document per non-blank line; blank lines are skipped (they hold nothing). The
  size limit ``max_file_bytes`` applies per line (a JSONL file itself may be of any size and is
  streamed), and per file for ``.txt`` and ``.html``.
* **Duplicate ids** within one run: the same id with the same text is yielded again (the build
  skips it as a duplicate); the same id with *different* text is a failure, since the second
  document would silently replace the first in kb.db.
* **Encodings**: BOM, then strict UTF-8, then UTF-8 with a few stray Windows-1252 bytes (kept
  as UTF-8, the strays read as cp1252), then charset-normalizer with a preference for cp1252
  over its Latin neighbours (kb reads English and German). ``meta["encoding"]`` is set when not
  plain UTF-8. Unpaired surrogates from JSON escapes become U+FFFD (SQLite cannot store them).
* **HTML** ``lang`` attributes go to ``meta["html_lang"]``, not ``Document.lang``: sites keep
  them on machine-translated pages, so per-sentence detection is the better judge.
* **Unreadable files**: tests run as root, where ``chmod 000`` does not stop reading, so the
  tests use real unreadable entries instead (a dangling symlink, a FIFO); permission errors are
  handled by the same code path (``OSError`` -> failure) and tested when not running as root.
"""

from __future__ import annotations

import bz2
import codecs
import datetime as _dt
import functools
import gzip
import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

from .errors import DocumentError, InputError
from .model import Document, IngestFailure
from .prefixdate import MONTHS_LOWER
from .settings import Settings, get_settings

log = logging.getLogger(__name__)

Item = Union[Document, IngestFailure]

#: Suffix (lower case) -> kind. Compound suffixes are checked before single ones.
SUFFIX_KINDS: dict[str, str] = {
    ".jsonl.gz": "jsonl",
    ".jsonl.bz2": "jsonl",
    ".jsonl": "jsonl",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED = ", ".join(SUFFIX_KINDS)

#: Bytes read at a time from a JSONL stream (lines are cut out of these chunks).
_CHUNK = 1 << 20
#: Share of control characters (other than tab/newline/CR/FF) above which text is binary.
_MAX_CONTROL_SHARE = 0.01
#: Mostly-UTF-8 inputs may hold at most this many stray (Windows-1252) bytes.
_MAX_STRAY_BYTES = 10_000
_ASCII_BYTES = bytes(range(128))
_WINDOW = 4096
#: Inputs above this many bytes are encoding-detected on a sample of this size.
_DETECT_SAMPLE = 1 << 20
#: Single-byte Latin code pages a detector may confuse with Windows-1252 on short texts.
_LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_latin2", "cp850", "cp858", "cp437",
}
_LANGS = {"en", "de"}


# --------------------------------------------------------------------------------------------
# Small public helpers
# --------------------------------------------------------------------------------------------


def content_hash(text: str) -> str:
    """sha256 hex of the UTF-8 text: the key for dedup and incremental builds.

    ``surrogatepass`` so that the hash never raises, even on text that ingest has not cleaned.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_kind(path: Path) -> Optional[str]:
    """``txt``, ``html`` or ``jsonl`` from the file name (case-insensitive), else None."""
    name = path.name.lower()
    for suffix, kind in SUFFIX_KINDS.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


def document_stem(path: Path) -> str:
    """File name without its kind suffix (``news.jsonl.gz`` -> ``news``, ``a.b.txt`` -> ``a.b``)."""
    name = path.name
    for suffix in SUFFIX_KINDS:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem or name


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "mo", "di", "mi", "do", "fr", "sa", "so",
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[t ]\d.*|z)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY_DOTS = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|\.)?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?:[\s,t].*)?$")
_MONTH_D_Y = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,t].*)?$")
_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?$")
_DATE_HINT = "write it as YYYY-MM-DD, e.g. 2025-03-14"


def _strip_weekday(value: str) -> str:
    """'Fri, 14 Mar 2025' -> '14 Mar 2025': weekday names carry nothing the date lacks."""
    match = re.match(r"^([^\W\d_]+)\.?,?\s+", value)
    if match and match.group(1) in _WEEKDAYS:
        return value[match.end():]
    return value


def _ymd_from_text(value: str) -> Optional[tuple[int, int, int]]:
    """(year, month, day) from the formats news metadata uses, None when none matches."""
    for pattern in (_ISO, _COMPACT, _YMD):
        match = pattern.match(value)
        if match:
            return int(match[1]), int(match[2]), int(match[3])
    match = _DMY_DOTS.match(value)
    if match:
        return int(match[3]), int(match[2]), int(match[1])
    match = _AMBIGUOUS.match(value)
    if match:
        return _resolve_ambiguous(value, int(match[1]), int(match[2]), int(match[3]))
    value = _strip_weekday(value)
    match = _D_MONTH_Y.match(value)
    if match and match[2] in MONTHS_LOWER:
        return int(match[3]), MONTHS_LOWER[match[2]], int(match[1])
    match = _MONTH_D_Y.match(value)
    if match and match[1] in MONTHS_LOWER:
        return int(match[3]), MONTHS_LOWER[match[1]], int(match[2])
    return None


def _resolve_ambiguous(value: str, first: int, second: int, year: int) -> tuple[int, int, int]:
    """``a/b/yyyy`` is day-first in Europe and month-first in the US: decide only when the
    numbers do, rather than guess and store a wrong date with confidence."""
    if first > 12 >= second:
        return year, second, first
    if second > 12 >= first:
        return year, first, second
    if first == second:
        return year, first, first
    raise DocumentError(f"published date {value!r} is ambiguous (day/month or month/day?): {_DATE_HINT}")


def normalise_date(value: str | None) -> str | None:
    """A published date as ``YYYY-MM-DD``; None for None or an empty value.

    Accepts ISO dates and datetimes (the date as written, no time-zone shift), ``YYYYMMDD``,
    ``YYYY/MM/DD``, German ``14.03.2025``, ``14 March 2025``, ``March 14, 2025``, German month
    names and RFC 2822 (``Fri, 14 Mar 2025 10:00:00 +0000``). Raises ``DocumentError`` on
    anything else, including a bare year or month: ``Document.published`` is a day, and a month
    is never widened to a day. Callers reading document metadata catch the error.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError(f"published date {value!r} is not text: {_DATE_HINT}")
    text = " ".join(value.strip().lower().split())
    if not text:
        return None
    if _PARTIAL.match(text):
        raise DocumentError(f"published date {value!r} is not a full date (a day is needed): {_DATE_HINT}")
    ymd = _ymd_from_text(text)
    if ymd is None:
        raise DocumentError(f"published date {value!r} not understood: {_DATE_HINT}")
    try:
        return _dt.date(*ymd).isoformat()
    except ValueError:
        raise DocumentError(f"published date {value!r} is not a calendar date: {_DATE_HINT}") from None


def _metadata_date(value: Any, meta: dict[str, Any]) -> Optional[str]:
    """A document's own date, or None (raw value kept in meta) when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return normalise_date(value)
    except DocumentError:
        meta["published_raw"] = value
        return None


def _normalise_lang(value: Any) -> Optional[str]:
    """'en' / 'de' from 'EN', 'de-DE', 'de_AT'; None for auto, mixed, other languages."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if primary in _LANGS else None


def _check_lang_arg(lang: Optional[str]) -> Optional[str]:
    """Validate the ``lang`` argument (``--lang``) before anything is read."""
    if lang is None or lang.strip().lower() in ("", "auto"):
        return None
    if lang.strip().lower() not in _LANGS:
        raise InputError(f"language {lang!r} is not supported: use --lang en, --lang de or --lang auto")
    return lang.strip().lower()


# --------------------------------------------------------------------------------------------
# Text decoding
# --------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec_name(name: str) -> str:
    """Canonical codec name ('utf_16' -> 'utf-16', 'windows-1252' -> 'cp1252')."""
    return codecs.lookup(name).name


def _detect(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding) by charset-normalizer, or None when nothing fits.

    On short texts the detector often names a neighbouring Latin code page (cp1250 for
    Windows-1252 English/German). kb reads English and German, whose legacy encoding is
    Windows-1252, so when the guess is any single-byte Latin page and the bytes are valid
    Windows-1252, Windows-1252 is used (German letters sit at the same bytes in cp1250/latin-1).
    Large inputs are detected on a sample (detecting 50 MB takes many seconds) and then decoded
    whole and strictly; if the sample misled, the whole input is detected after all.
    """
    if len(data) > _DETECT_SAMPLE:
        encoding = _detect_encoding(_sample(data))
        if encoding is not None:
            try:
                return data.decode(encoding), _codec_name(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    if best.encoding in _LATIN_SINGLE_BYTE and _is_cp1252(data):
        return data.decode("cp1252"), "cp1252"
    return str(best), _codec_name(best.encoding)


def _is_cp1252(data: bytes) -> bool:
    """True when every byte is defined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D are not)."""
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _detect_encoding(data: bytes) -> Optional[str]:
    """The encoding charset-normalizer names for ``data`` (with the cp1252 preference)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    if best.encoding in _LATIN_SINGLE_BYTE and _is_cp1252(data):
        return "cp1252"
    return best.encoding


def _sample(data: bytes) -> bytes:
    """Head, middle and tail of a large input, cut at offsets divisible by 4 so that UTF-16/32
    code units stay aligned (single-byte encodings do not care; a cut multi-byte character
    costs the detector one character)."""
    part = _DETECT_SAMPLE // 3 // 4 * 4
    middle = len(data) // 2 // 4 * 4
    tail = (len(data) - part) // 4 * 4
    return data[:part] + data[middle : middle + part] + data[tail : tail + part]


def _binary_reason(text: str) -> Optional[str]:
    """Why decoded text looks like binary data, or None when it looks like text."""
    if "\x00" in text:
        return "it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)"
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"{controls} of its first {len(sample)} characters are control characters (binary data?)"
    return None


def _decode_bytes(data: bytes, declared: Optional[str] = None) -> tuple[str, str]:
    """(text, encoding): BOM, then a declared charset, then strict UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if declared:
        try:
            return data.decode(declared), _codec_name(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    found = _utf8_or_detected(data)
    if found is None:
        raise DocumentError("its encoding could not be detected (binary data?): re-save it as UTF-8 text")
    return found


def _utf8_or_detected(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding): strict UTF-8, else UTF-8 with stray cp1252 bytes, else detection."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _utf8_with_cp1252(data) or _detect(data)


def _utf8_with_cp1252(data: bytes) -> Optional[tuple[str, str]]:
    """UTF-8 text with a few stray Windows-1252 bytes (a '€' or '–' pasted in from another
    source), decoded as such; None when the input is not mostly UTF-8.

    Without this, a detector calls the whole file cp1252 and every 'ü' of the UTF-8 part turns
    into 'Ã¼', which breaks names. Mostly UTF-8 means: more valid multi-byte UTF-8 characters
    than stray bytes. Stray bytes undefined in cp1252 become U+FFFD (one for one).
    """
    view, pos, parts, stray = memoryview(data), 0, [], 0
    while pos < len(data):
        end = pos + _WINDOW  # small windows: each UnicodeDecodeError copies its whole input
        try:
            text, used = codecs.utf_8_decode(view[pos:end], "strict", end >= len(data))
            parts.append(text)
            pos += used
            if used == 0:  # an incomplete sequence at a window end that cannot complete
                raise UnicodeDecodeError("utf-8", bytes(view[pos : pos + 1]), 0, 1, "incomplete")
        except UnicodeDecodeError as err:
            parts.append(codecs.utf_8_decode(view[pos : pos + err.start], "strict", True)[0])
            bad = bytes(view[pos + err.start : pos + err.end])
            parts.append(bad.decode("cp1252", "replace"))
            stray, pos = stray + len(bad), pos + err.end
            if stray > _MAX_STRAY_BYTES:
                return None
    valid_high_bytes = len(data.translate(None, _ASCII_BYTES)) - stray
    if valid_high_bytes < 2 * stray or not stray:
        return None
    return "".join(parts), "utf-8+cp1252"


def _normalise_newlines(text: str) -> str:
    """CRLF and CR -> LF: the only change made to decoded text (offsets point into it)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean_str(text: str) -> tuple[str, bool]:
    """Replace unpaired surrogates (from JSON ``\\ud800`` escapes) by U+FFFD, one for one.

    They cannot be stored in SQLite (no UTF-8 form); one-for-one keeps every offset valid.
    """
    try:
        text.encode("utf-8")
        return text, False
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text), True


def _clean_value(value: Any) -> Any:
    """``_clean_str`` applied through JSON values (meta is stored as JSON text in SQLite)."""
    if isinstance(value, str):
        return _clean_str(value)[0]
    if isinstance(value, list):
        return [_clean_value(item) for item in value]
    if isinstance(value, dict):
        return {_clean_str(str(k))[0]: _clean_value(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------


def _open_checked(path: Path) -> os.stat_result:
    """stat() a path about to be opened; refuse what cannot be read as a file.

    A FIFO is refused *before* opening it: opening one blocks until a writer appears.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise DocumentError(
                f"{path}: dangling symlink to {os.readlink(path)!r}, which does not exist: fix or remove the link"
            ) from None
        raise DocumentError(f"{path}: disappeared while kb was reading: check the input folder") from None
    except OSError as err:
        raise DocumentError(f"{path}: cannot read it ({err.strerror or err}): check the path and its permissions") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise DocumentError(f"{path}: {kind}, not a regular file: give kb files or folders of files")
    return st


def _size_error(path: Path, size: int, limit: int) -> DocumentError:
    """The over-limit message: names the setting, since raising it is one way out."""
    return DocumentError(
        f"{path} is {size:,} bytes, above the limit of {limit:,} bytes: split it into smaller "
        f"files, or raise the limit with KB_MAX_FILE_BYTES={size + 1}"
    )


def _os_error(path: Path, err: OSError) -> DocumentError:
    """A how-to-fix message for an OSError raised while reading ``path``."""
    if isinstance(err, PermissionError):
        return DocumentError(f"{path}: permission denied: make it readable (chmod a+r {path}) or run kb as its owner")
    return DocumentError(f"{path}: cannot read it ({err.strerror or err}): check the file and the disk")


def _read_bytes(path: Path, limit: int) -> bytes:
    """The whole file, refusing files above ``limit`` bytes (checked before and while reading)."""
    st = _open_checked(path)
    if st.st_size > limit:
        raise _size_error(path, st.st_size, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise _os_error(path, err) from None
    if len(data) > limit:
        raise _size_error(path, len(data), limit)
    return data


def _text_from_bytes(path: Path, data: bytes, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode, refuse binary/empty content, normalise newlines; DocumentError names the file."""
    if not data:
        raise DocumentError(f"{path}: empty file: remove it or fill it with the article text")
    try:
        text, encoding = _decode_bytes(data, declared)
    except DocumentError as err:
        raise DocumentError(f"{path}: {err}") from None
    reason = _binary_reason(text)
    if reason:
        raise DocumentError(f"{path}: not a text file: {reason}; give kb .txt, .html or .jsonl text files")
    if not text.strip():
        raise DocumentError(f"{path}: only whitespace: remove it or fill it with the article text")
    return _normalise_newlines(text), encoding


def read_text_file(path: Path, *, max_bytes: Optional[int] = None) -> tuple[str, str]:
    """(text, encoding used) of a plain-text file, newlines normalised to LF.

    UTF-8 first (a BOM is honoured, UTF-16/32 by BOM), else the encoding charset-normalizer
    detects. Raises ``DocumentError`` with a how-to-fix message for files above ``max_bytes``
    (default: ``KB_MAX_FILE_BYTES``), unreadable, binary, empty or whitespace-only files.
    """
    path = Path(path)
    limit = get_settings().max_file_bytes if max_bytes is None else max_bytes
    return _text_from_bytes(path, _read_bytes(path, limit))


# --------------------------------------------------------------------------------------------
# Collecting input files
# --------------------------------------------------------------------------------------------


@dataclass
class InputPlan:
    """The files to read, in order, and the files skipped inside directories (other kinds)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _walk(directory: Path, plan: InputPlan, seen_dirs: set[str]) -> None:
    """Add a directory's files, recursively, sorted by name; skip hidden entries.

    Symlinked directories are followed once (by real path), so a link loop cannot hang kb.
    Entries that cannot be stat'ed (dangling symlinks) are kept when their name has a known
    kind, so that they become a reported failure rather than vanish.
    """
    real = os.path.realpath(directory)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as err:
        plan.files.append(directory)  # becomes a failure naming the folder when read
        log.debug("cannot list %s: %s", directory, err)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if _is_dir(entry):
            _walk(path, plan, seen_dirs)
        elif file_kind(path) is not None:
            plan.files.append(path)
        else:
            plan.skipped.append(path)


def _is_dir(entry: os.DirEntry) -> bool:
    """``is_dir`` that treats an entry which cannot be stat'ed as a file (reported later)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def collect_inputs(paths: Iterable[str | Path]) -> InputPlan:
    """Expand user paths into the files to read, in the order given (directories sorted).

    Raises ``InputError`` listing *all* missing paths at once, before anything is read. A file
    reached twice (named and inside a named folder) is read once.
    """
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(
            f"input path{'s' if len(missing) > 1 else ''} not found: {', '.join(missing)}: "
            "check the spelling, or give existing .txt/.html/.jsonl files or folders"
        )
    plan = InputPlan()
    seen_dirs: set[str] = set()
    for path in paths:
        if path.is_dir():
            _walk(path, plan, seen_dirs)
        else:
            plan.files.append(path)
    plan.files = _unique(plan.files)
    return plan


def _unique(files: list[Path]) -> list[Path]:
    """Drop files already listed (by real path), keeping the first occurrence's order."""
    seen: set[str] = set()
    out = []
    for path in files:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


# --------------------------------------------------------------------------------------------
# Per-kind readers
# --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What every reader needs: CLI defaults and settings."""

    published: Optional[str]
    lang: Optional[str]
    settings: Settings


def _make_document(doc_id: str, text: str, source: str, ctx: _Context, *, title: Any = None,
                   url: Any = None, published: Optional[str] = None, lang: Optional[str] = None,
                   meta: Optional[dict[str, Any]] = None) -> Document:
    """A Document with the CLI defaults applied and every string made storable."""
    meta = _clean_value(meta or {})
    text, repaired = _clean_str(text)
    if repaired:
        meta["repaired"] = "unpaired surrogates replaced by U+FFFD"
    return Document(
        id=_clean_str(doc_id)[0],
        text=text,
        source=source,
        title=_clean_str(title)[0] if isinstance(title, str) and title.strip() else None,
        url=_clean_str(url)[0] if isinstance(url, str) and url.strip() else None,
        published=published or ctx.published,
        lang=lang or ctx.lang,
        content_hash=content_hash(text),
        meta=meta,
    )


def _read_txt(path: Path, ctx: _Context) -> Item:
    """A plain-text file: one Document with id = file name without extension."""
    text, encoding = read_text_file(path, max_bytes=ctx.settings.max_file_bytes)
    meta = {} if encoding == "utf-8" else {"encoding": encoding}
    return _make_document(document_stem(path), text, str(path), ctx, meta=meta)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(rb"""<html[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z_-]+)""", re.I)
#: Per the WHATWG encoding standard, these labels mean Windows-1252 in HTML.
_HTML_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "figcaption", "hr",
}


def _declared_charset(data: bytes) -> Optional[str]:
    """The ``<meta charset>`` of an HTML page, with HTML's latin-1 -> cp1252 rule."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label.startswith(("utf-16", "utf16")):  # WHATWG: a UTF-16 declaration in bytes read
        return "utf-8"  # as ASCII-compatible is a lie (a BOM decides real UTF-16)
    return "cp1252" if label in _HTML_AS_CP1252 else label


def _strip_tags(html: str) -> str:
    """Plain text of an HTML page when trafilatura finds no main text: block tags -> lines."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", "head", etree.Comment, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


@functools.lru_cache(maxsize=1)
def _load_trafilatura() -> Optional[Any]:
    """The trafilatura module, or None when it (or a library it needs) cannot load.

    An install can lack a piece of trafilatura's chain (justext needs ``lxml_html_clean``,
    split out of lxml 5.2): HTML pages are then read by stripping tags, which loses the
    main-text choice and the page's metadata but never the page. Said once per run, as one
    line that says how to fix it; cached, so the import is tried once.
    """
    try:
        import trafilatura
    except Exception as err:  # ImportError, or a dependency failing at import time
        log.warning("HTML main-text extraction is unavailable (%s: %s): HTML pages are read by stripping "
                    "tags; reinstall kb (pip install .) to get trafilatura and lxml[html_clean]",
                    type(err).__name__, err)
        return None
    return trafilatura


def _trafilatura(html: str) -> dict[str, Any]:
    """Main text and metadata; ``{}`` when trafilatura fails or cannot load (the tag strip
    takes over).

    Dates come from the page's markup only (``extensive_search`` off): a date found somewhere
    in the article body is not the publication date. ``filedate`` (today) is never used.
    """
    trafilatura = _load_trafilatura()
    if trafilatura is None:
        return {}
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises assorted errors on broken markup
        log.debug("trafilatura failed: %s", err)
        return {}
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()


def _read_html(path: Path, ctx: _Context) -> Item:
    """An HTML page: main text by trafilatura (tag strip as fallback), title/url/date from
    its metadata. The page's ``lang`` attribute goes to meta only: sites often keep it on
    translated pages, so it is no better than per-sentence detection."""
    data = _read_bytes(path, ctx.settings.max_file_bytes)
    html, encoding = _text_from_bytes(path, data, _declared_charset(data))
    extracted = _trafilatura(html)
    text = _normalise_newlines(extracted.get("text") or "").strip()
    meta: dict[str, Any] = {} if encoding == "utf-8" else {"encoding": encoding}
    if not text.strip():
        text = _strip_tags(html)
        meta["extractor"] = "tag-strip"
    if not text.strip():
        raise DocumentError(f"{path}: no text found in the HTML page: check that it is an article page")
    match = _HTML_LANG.search(data[:8192])
    if match:
        meta["html_lang"] = match.group(1).decode("ascii")
    published = _metadata_date(extracted.get("date"), meta)
    return _make_document(document_stem(path), text, str(path), ctx, title=extracted.get("title"),
                          url=extracted.get("url"), published=published, meta=meta)


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


@dataclass
class _RawLine:
    """One line cut from a JSONL stream, or what went wrong while cutting it."""

    number: int
    data: bytes = b""
    too_long: int = 0  # bytes in the line when above the limit (data is then empty)
    error: str = ""  # stream error (truncated or corrupt compressed file)


def _open_stream(path: Path) -> BinaryIO:
    """Binary stream of a .jsonl, .jsonl.gz or .jsonl.bz2 file (decompressed lazily)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _stream_error(err: BaseException) -> str:
    """Why a stream stopped, and how to fix it (what was read before stays read)."""
    if isinstance(err, EOFError):
        return "the compressed file is truncated (it ends before its end marker): re-download or re-compress it"
    return f"the file is unreadable, corrupt or not in its format ({type(err).__name__}: {err}): re-create it"


def _raw_lines(stream: BinaryIO, limit: int) -> Iterator[_RawLine]:
    """Lines of a stream, cut at ``\\n`` only, in chunks so memory stays bounded by ``limit``.

    A line longer than ``limit`` is dropped (its size reported). A read error ends the stream
    with one ``_RawLine`` carrying the error; a partial line before it belongs to that error.
    """
    number, pending, dropped = 1, bytearray(), 0
    read = getattr(stream, "read1", stream.read)  # read1: a truncated stream still gives what it has
    while True:
        try:
            chunk = read(_CHUNK)
        except Exception as err:  # EOFError, OSError, BadGzipFile, zlib.error...
            yield _RawLine(number, error=_stream_error(err))
            return
        if not chunk:
            break
        parts = chunk.split(b"\n")
        for part in parts[:-1]:
            pending, dropped = _append(pending, dropped, part, limit)
            yield _RawLine(number, bytes(pending)) if not dropped else _RawLine(number, too_long=dropped)
            number, pending, dropped = number + 1, bytearray(), 0
        pending, dropped = _append(pending, dropped, parts[-1], limit)
    if pending or dropped:
        yield _RawLine(number, bytes(pending)) if not dropped else _RawLine(number, too_long=dropped)


def _append(pending: bytearray, dropped: int, part: bytes, limit: int) -> tuple[bytearray, int]:
    """Add bytes to the current line, switching to counting-only once it exceeds ``limit``."""
    if dropped:
        return pending, dropped + len(part)
    if len(pending) + len(part) > limit:
        return bytearray(), len(pending) + len(part)
    pending += part
    return pending, 0


def _decode_line(data: bytes) -> tuple[str, str]:
    """A JSONL line as text: UTF-8 (JSON's encoding), else the detected encoding."""
    found = _utf8_or_detected(data)
    if found is None:
        raise DocumentError("the line is not UTF-8 and its encoding could not be detected: re-save the file as UTF-8")
    text, encoding = found
    if "\x00" in text:
        raise DocumentError(f"the line is not UTF-8 (best guess {encoding} yields NUL characters): re-save the file as UTF-8")
    return text, encoding


def _json_object(text: str) -> dict[str, Any]:
    """The line's JSON object, or DocumentError saying what is wrong with it."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(f"malformed JSON ({err.msg} at column {err.colno}): fix the line, one JSON object per line") from None
    except RecursionError:
        raise DocumentError("JSON nested too deeply to read: fix the line, one flat JSON object per line") from None
    if not isinstance(value, dict):
        raise DocumentError(f"the line is a JSON {type(value).__name__}, not an object: write one {{\"text\": ...}} object per line")
    return value


def _jsonl_id(value: Any, fallback: str) -> str:
    """The JSONL ``id`` as a string; the fallback when absent or empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return repr(value)
    raise DocumentError(f"\"id\" must be a string or a number, not {type(value).__name__}: fix it or leave it out")


def _jsonl_document(obj: dict[str, Any], fallback_id: str, source: str, ctx: _Context, encoding: str) -> Document:
    """A Document from one JSONL object (``text`` required; other keys go to meta)."""
    text = obj.get("text")
    if not isinstance(text, str):
        what = "missing" if "text" not in obj else f"a {type(text).__name__}, not a string"
        raise DocumentError(f"\"text\" is {what}: every line needs {{\"text\": \"...\"}}")
    if not text.strip():
        raise DocumentError("\"text\" is empty: remove the line or give the article text")
    meta = {k: v for k, v in obj.items() if k not in ("text", "id", "title", "url", "published", "lang")}
    for key in ("title", "url"):  # wrong types are kept, not lost
        if obj.get(key) is not None and not isinstance(obj[key], str):
            meta[key] = obj[key]
    if obj.get("lang") is not None and _normalise_lang(obj["lang"]) is None:
        meta["lang_raw"] = obj["lang"]
    if encoding != "utf-8":
        meta["encoding"] = encoding
    published = _metadata_date(obj.get("published"), meta)
    return _make_document(_jsonl_id(obj.get("id"), fallback_id), _normalise_newlines(text), source, ctx,
                          title=obj.get("title"), url=obj.get("url"), published=published,
                          lang=_normalise_lang(obj.get("lang")), meta=meta)


def _jsonl_line(raw: _RawLine, path: Path, stem: str, ctx: _Context) -> Optional[Item]:
    """One Document or IngestFailure for a non-blank line; None for a blank line."""
    source = f"{path}:{raw.number}"
    if raw.error:
        return IngestFailure(source, f"reading stopped at this line: {raw.error}")
    if raw.too_long:
        return IngestFailure(source, (
            f"the line is {raw.too_long:,} bytes, above the limit of {ctx.settings.max_file_bytes:,} "
            f"bytes per document: shorten the text, or raise the limit with KB_MAX_FILE_BYTES={raw.too_long + 1}"))
    data = raw.data[3:] if raw.number == 1 and raw.data.startswith(codecs.BOM_UTF8) else raw.data
    if not data.strip():
        return None
    try:
        text, encoding = _decode_line(data.rstrip(b"\r"))
        return _jsonl_document(_json_object(text), f"{stem}-{raw.number}", source, ctx, encoding)
    except DocumentError as err:
        return IngestFailure(source, str(err))
    except Exception as err:  # a bug must not end the build; the reason says to report it
        return IngestFailure(source, f"unexpected error (a kb bug, please report it): {type(err).__name__}: {err}")


def _read_jsonl(path: Path, ctx: _Context) -> Iterator[Item]:
    """Stream a JSONL file line by line; never loads the whole file."""
    _open_checked(path)
    stem = document_stem(path)
    try:
        stream = _open_stream(path)
    except OSError as err:
        raise _os_error(path, err) from None
    try:
        with stream:
            for raw in _raw_lines(stream, ctx.settings.max_file_bytes):
                item = _jsonl_line(raw, path, stem, ctx)
                if item is not None:
                    yield item
    except OSError as err:  # opening happens lazily at the first read for plain files
        yield _file_failure(path, _os_error(path, err))


# --------------------------------------------------------------------------------------------
# The iterator
# --------------------------------------------------------------------------------------------


def _file_failure(path: Path, err: DocumentError) -> IngestFailure:
    """A failure for a whole file; the reason drops the ``path: `` the message starts with,
    since ``IngestFailure.source`` names the file already."""
    reason, prefix = str(err), f"{path}: "
    return IngestFailure(str(path), reason[len(prefix):] if reason.startswith(prefix) else reason)


def _read_file(path: Path, ctx: _Context) -> Iterator[Item]:
    """Items of one file; per-file problems become one IngestFailure naming the file."""
    kind = file_kind(path) or "txt"  # a file the user named is read as text whatever its name
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, ctx)
        elif kind == "html":
            yield _read_html(path, ctx)
        else:
            yield _read_txt(path, ctx)
    except DocumentError as err:
        yield _file_failure(path, err)
    except Exception as err:  # a bug must not end the build; the reason says to report it
        log.exception("unexpected error reading %s", path)
        yield IngestFailure(str(path), f"unexpected error (a kb bug, please report it): {type(err).__name__}: {err}")


def _check_duplicate(item: Item, seen: dict[str, tuple[str, str]]) -> Item:
    """Turn a second document with an already used id and *different* text into a failure."""
    if not isinstance(item, Document):
        return item
    first = seen.get(item.id)
    if first is None:
        seen[item.id] = (item.content_hash, item.source)
        return item
    if first[0] == item.content_hash:
        return item
    return IngestFailure(
        item.source,
        f"document id {item.id!r} is already used by {first[1]} with different text: "
        "give each document a unique id (JSONL \"id\", or rename the file)",
    )


def _iterate(files: list[Path], ctx: _Context) -> Iterator[Item]:
    """The lazy part of ``iter_documents``: one file at a time, ids checked across files."""
    seen: dict[str, tuple[str, str]] = {}
    for path in files:
        for item in _read_file(path, ctx):
            yield _check_duplicate(item, seen)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Document | IngestFailure]:
    """Documents (or failures) from files and folders, in order; never stops on a bad input.

    Usage errors are raised *now*, before anything is read: ``InputError`` for missing paths
    (all listed) or an unknown ``lang``, ``DocumentError`` for a ``published`` value that is not
    a date. ``published`` and ``lang`` are defaults for documents that do not carry their own.
    """
    ctx = _Context(
        published=normalise_date(published),
        lang=_check_lang_arg(lang),
        settings=settings or get_settings(),
    )
    plan = collect_inputs(paths)
    if plan.skipped:
        log.info("skipped %d file(s) of other kinds, e.g. %s", len(plan.skipped), plan.skipped[0])
    return _iterate(plan.files, ctx)
