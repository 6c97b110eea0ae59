"""Import Wikidata dump data into kb's reference tables (``ref_entities``, ``ref_names``, ``ref_claims``).

Reads one entity per line (``.jsonl``/``.json``) or the official ``latest-all.json`` array form
(``[``, ``{...},``, ``]``), plain, ``.gz`` or ``.bz2``, streaming: memory stays flat whatever the
dump size. A malformed line (not JSON, no ``id``, or an id that is not a QID) is counted and
skipped; properties and lexemes (``P…``/``L…`` ids) are skipped without counting, kb keeps items
only. A truncated compressed file keeps what was read; a ``.gz``/``.bz2`` file that is not
compressed data is an error naming the file. A file without a single entity gets a warning
(``ImportReport.warnings``), and an import that found no entity in any file is an error, so a
wrong path never passes as a successful empty import. Re-importing an entity replaces its
rows, so a re-import is idempotent.

Speed: a fresh import runs in bulk mode (``synchronous=OFF``, the reference indexes dropped and
rebuilt once after the rows are in, a sampled ``ANALYZE``); rows are built as each line is
parsed, so only one batch of rows is in memory. A re-import into filled tables keeps the indexes
(its deletes by QID use them). Indexes are restored in every case, also after an error, and any
import first re-creates indexes a killed import left dropped.

Only what linking needs is kept: labels and aliases in every language (with lookup keys, see
``kb.link.names``; a peer's formal label also gives the names news uses, ``names.peer_names``), descriptions, enwiki sitelink, P31, P39 with P580/P582, P569/P570 and the
jurisdiction/membership claims (P17, P1001, P463) that tie positions to countries.
"""

from __future__ import annotations

import bz2
import gc
import gzip
import io
import json
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import sqlite_utils

from ..errors import ReferenceError_
from ..store import migrate, refresh_all_comparisons
from ..store.reference import (
    QID_INDEXES, analyze_reference, bulk_mode, classify_kinds, ensure_reference_indexes, has_reference_rows,
    write_reference_rows,
)
from .kinds import import_index, is_index_file
from .names import acronym, last_token, norm, peer_names, skeleton

try:  # orjson parses dump lines ~3x faster than the standard library; both give the same dicts
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a declared dependency
    _loads = json.loads

#: Item-valued properties kept as claims (value = QID).
ITEM_PROPERTIES = ("P31", "P39", "P17", "P1001", "P463")
#: Time-valued properties kept as claims (value = ISO prefix, precision in ``start_precision``).
TIME_PROPERTIES = ("P569", "P570", "P571", "P576")
#: Wikidata precision codes -> kb precision names (coarser than a year stays a year).
_PRECISION = {11: "day", 10: "month", 9: "year"}
_BATCH = 10_000
_GZIP_MAGIC, _BZ2_MAGIC = b"\x1f\x8b", b"BZh"
#: Wikidata item ids, the only entities kb keeps; properties and lexemes are skipped quietly.
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_OTHER_ENTITY_RE = re.compile(r"^[PL][1-9][0-9]*$")
_MAX_FAILURE_MESSAGES = 50


@dataclass
class ImportReport:
    """What an import did: counts, time, and the first malformed lines (with how to fix)."""

    entities: int = 0
    skipped: int = 0  # malformed lines
    names: int = 0
    claims: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # files without any entity

    @property
    def entities_per_second(self) -> float:
        return self.entities / self.seconds if self.seconds else 0.0


# ------------------------------------------------------------------------------------------
# Reading dump files
# ------------------------------------------------------------------------------------------


def open_dump(path: Path) -> io.BufferedIOBase:
    """Open plain, .gz or .bz2 dump data as bytes (by suffix; magic bytes as a fallback).

    Bytes, not text: the JSON parser takes UTF-8 directly, saving a decode of every line.
    """
    if not path.exists():
        raise ReferenceError_(f"reference file {path} not found: pass the path of a Wikidata dump (.json, .jsonl, .gz, .bz2)")
    with path.open("rb") as fh:
        magic = fh.read(3)
    is_gzip, is_bz2 = magic[:2] == _GZIP_MAGIC, magic == _BZ2_MAGIC
    for suffix, ok, kind in ((".gz", is_gzip, "gzip"), (".bz2", is_bz2, "bzip2")):
        if path.suffix == suffix and magic and not ok:
            raise ReferenceError_(
                f"reference file {path} is named {suffix} but is not {kind} data: if it is plain JSON "
                f"lines, rename it without {suffix}; otherwise download it again")
    if is_gzip:
        return gzip.open(path, "rb")  # small internal reads: a truncated file keeps its lines
    if is_bz2:
        return bz2.open(path, "rb")
    return path.open("rb")


def iter_entities(path: Path, report: ImportReport) -> Iterator[dict[str, Any]]:
    """Yield entity dicts; count malformed lines; stop cleanly at a truncated archive."""
    with open_dump(path) as fh:
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                line = line.strip()
                if not line or line in (b"[", b"]"):
                    continue
                if line.endswith(b","):
                    line = line[:-1]
                try:
                    obj = _loads(line)
                except ValueError as exc:
                    _fail(report, f"{path}:{lineno}: not a JSON entity ({exc}); the line was skipped")
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                    _fail(report, f"{path}:{lineno}: JSON without an entity 'id'; the line was skipped")
                    continue
                if not _QID_RE.match(obj["id"]):
                    if not _OTHER_ENTITY_RE.match(obj["id"]):
                        _fail(report, f"{path}:{lineno}: id {obj['id'][:40]!r} is not a Wikidata QID "
                              "(Q followed by digits); the line was skipped")
                    continue
                yield obj
        except (EOFError, OSError, ValueError) as exc:
            _fail(report, f"{path}: archive ends early after line {lineno} ({exc}); "
                  "what was read is kept, re-download the file to import the rest")


def _fail(report: ImportReport, message: str) -> None:
    report.skipped += 1
    if len(report.failures) < _MAX_FAILURE_MESSAGES:
        report.failures.append(message)


# ------------------------------------------------------------------------------------------
# Entity -> rows
# ------------------------------------------------------------------------------------------


def parse_time(value: Any) -> tuple[Optional[str], Optional[str]]:
    """Wikidata time value -> (ISO prefix cut to its precision, precision name)."""
    if not isinstance(value, dict):
        return None, None
    raw = value.get("time")
    if not isinstance(raw, str):
        return None, None
    return _parse_time(raw, value.get("precision", 9))


@lru_cache(maxsize=65_536)
def _parse_time(raw: str, precision_code: Any) -> tuple[Optional[str], Optional[str]]:
    """Cached: a dump repeats the same dates (terms start on election days) many times."""
    sign = "-" if raw.startswith("-") else ""
    date = raw.lstrip("+-").split("T", 1)[0]
    parts = date.split("-")
    if len(parts) != 3 or not parts[0].isdigit():
        return None, None
    precision = _PRECISION.get(int(precision_code), "year")
    year = sign + (parts[0].lstrip("0") or "0").rjust(4, "0")
    if precision == "day" and parts[1] != "00" and parts[2] != "00":
        return f"{year}-{parts[1]}-{parts[2]}", "day"
    if precision in ("day", "month") and parts[1] != "00":
        return f"{year}-{parts[1]}", "month"
    return year, "year"


def _snak_value(snak: dict[str, Any]) -> Any:
    if snak.get("snaktype") != "value":
        return None
    return (snak.get("datavalue") or {}).get("value")


def _item_id(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            return value["id"]
        if "numeric-id" in value:
            return f"Q{value['numeric-id']}"
    return None


def _qualifier_time(statement: dict[str, Any], prop: str) -> tuple[Optional[str], Optional[str]]:
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        date, precision = parse_time(_snak_value(snak))
        if date:
            return date, precision
    return None, None


def claim_rows(qid: str, claims: dict[str, Any]) -> list[tuple]:
    """(qid, property, value, start, start_precision, end, end_precision) rows to store."""
    rows: list[tuple] = []
    for prop in ITEM_PROPERTIES:
        for st in claims.get(prop, []) or []:
            if st.get("rank") == "deprecated":
                continue
            value = _item_id(_snak_value(st.get("mainsnak") or {}))
            if not value:
                continue
            start, start_p = _qualifier_time(st, "P580") if prop == "P39" else (None, None)
            end, end_p = _qualifier_time(st, "P582") if prop == "P39" else (None, None)
            rows.append((qid, prop, value, start, start_p, end, end_p))
    for prop in TIME_PROPERTIES:
        for st in claims.get(prop, []) or []:
            date, precision = parse_time(_snak_value(st.get("mainsnak") or {}))
            if date:
                rows.append((qid, prop, date, date, precision, None, None))
    return rows


def _first_time(rows: list[tuple], prop: str) -> tuple[Optional[str], Optional[str]]:
    for row in rows:
        if row[1] == prop:
            return row[2], row[4]
    return None, None


def _pick(by_lang: dict[str, Any]) -> Optional[str]:
    """English first, then the language-neutral 'mul', then any language."""
    for lang in ("en", "mul"):
        if lang in by_lang and isinstance(by_lang[lang], dict):
            return by_lang[lang].get("value")
    for value in by_lang.values():
        if isinstance(value, dict) and value.get("value"):
            return value["value"]
    return None


def name_rows(qid: str, entity: dict[str, Any], is_person: bool) -> list[tuple]:
    """(qid, name, norm, lang, is_label, skel, last, acro) rows, one per distinct (name, lang).

    ``last`` is the skeleton of a person's last name word, so that a surname alone finds the
    person even when spelled in another transliteration ("Selenskyj").
    """
    seen: set[tuple[str, str]] = set()
    rows: list[tuple] = []

    def add(value: Any, lang: str, is_label: int) -> None:
        if not isinstance(value, str) or not value.strip() or (value, lang) in seen:
            return
        seen.add((value, lang))
        key = norm(value)
        if not key:
            return
        acro = None if is_person else acronym(key)
        surname = skeleton(last_token(key)) if is_person else None
        rows.append((qid, value, key, lang, is_label, skeleton(key), surname, acro))

    for lang, label in (entity.get("labels") or {}).items():
        add(label.get("value") if isinstance(label, dict) else None, lang, 1)
    for lang, aliases in (entity.get("aliases") or {}).items():
        for alias in aliases or []:
            add(alias.get("value") if isinstance(alias, dict) else None, lang, 0)
    if is_person:
        for lang, label in (entity.get("labels") or {}).items():
            for name in peer_names(label.get("value") if isinstance(label, dict) else None):
                add(name, lang, 0)
    return rows


def entity_rows(entity: dict[str, Any]) -> tuple[tuple, list[tuple], list[tuple]]:
    """One dump entity -> (ref_entities row, ref_names rows, ref_claims rows)."""
    qid = entity["id"]
    claims = entity.get("claims") or {}
    if not isinstance(claims, dict):
        claims = {}
    crows = claim_rows(qid, claims)
    is_person = any(r[1] == "P31" and r[2] == "Q5" for r in crows)
    sitelinks = entity.get("sitelinks") or {}
    enwiki = (sitelinks.get("enwiki") or {}).get("title") if isinstance(sitelinks, dict) else None
    birth, birth_p = _first_time(crows, "P569")
    death, death_p = _first_time(crows, "P570")
    n_statements = sum(len(v) for v in claims.values() if isinstance(v, list))
    erow = (
        qid,
        _pick(entity.get("labels") or {}),
        _pick(entity.get("descriptions") or {}),
        "person" if is_person else None,
        enwiki,
        birth,
        birth_p,
        death,
        death_p,
        len(sitelinks) if isinstance(sitelinks, dict) else 0,
        n_statements,
    )
    return erow, name_rows(qid, entity, is_person), crows


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


class _Rows:
    """Rows of a batch of entities, built as each line is parsed (the dicts are not kept)."""

    __slots__ = ("entities", "names", "claims")

    def __init__(self) -> None:
        self.entities: list[tuple] = []
        self.names: list[tuple] = []
        self.claims: list[tuple] = []

    def add(self, ent: dict[str, Any], report: ImportReport) -> None:
        try:
            erow, nrows, crows = entity_rows(ent)
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            _fail(report, f"entity {ent.get('id')}: unexpected structure ({exc}); skipped")
            return
        self.entities.append(erow)
        self.names.extend(nrows)
        self.claims.extend(crows)


def _write_batch(db, batch: list[dict[str, Any]], replace_old: bool, report: ImportReport) -> None:
    rows = _Rows()
    for ent in batch:
        rows.add(ent, report)
    _write_rows(db, rows, replace_old, report)


def _write_rows(db, rows: _Rows, replace_old: bool, report: ImportReport) -> None:
    write_reference_rows(db, rows.entities, rows.names, rows.claims, replace_old)
    report.entities += len(rows.entities)
    report.names += len(rows.names)
    report.claims += len(rows.claims)


def import_reference(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Stream dump files into the reference tables; return counts and the malformed lines.

    ``progress`` is called with the number of entities written in each batch (for a progress
    bar). Each batch is one transaction: an interrupted import keeps every finished batch.
    """
    paths = list(paths)
    migrate(db)
    report = ImportReport()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # dump entities are acyclic; the cyclic GC only rescans them (2x slower)
    try:
        _import_paths(db, paths, progress, report)
    finally:
        if gc_was_enabled:
            gc.enable()
    dumps = [p for p in paths if not is_index_file(Path(p))]
    if dumps and report.entities == 0:
        raise ReferenceError_(
            f"no entities in {', '.join(map(str, dumps))}"
            + (f" ({report.skipped} malformed lines, first: {report.failures[0]})" if report.failures else "")
            + ": pass a Wikidata dump (one entity JSON object per line, or latest-all.json)")
    return report


def _import_paths(db, paths, progress, report: ImportReport) -> None:
    started = time.perf_counter()
    had_rows = has_reference_rows(db)
    fresh = not had_rows
    paths = [Path(p) for p in paths]
    indexes = [p for p in paths if is_index_file(p)]  # kinds/countries: read after the dumps
    with bulk_mode(db, fresh=fresh):
        for raw in [p for p in paths if not is_index_file(p)]:
            if fresh and had_rows:
                # an earlier file of this call filled the tables: the replacing deletes by QID
                # below need the QID indexes a fresh import dropped (a scan per entity
                # otherwise); the other indexes stay dropped until the end of the call
                ensure_reference_indexes(db, QID_INDEXES)
                fresh = False
            rows = _Rows()
            entities_before = report.entities
            for entity in iter_entities(Path(raw), report):
                rows.add(entity, report)
                if len(rows.entities) >= _BATCH:
                    _flush(db, rows, had_rows, report, progress)
                    rows = _Rows()
            if rows.entities:
                _flush(db, rows, had_rows, report, progress)
            if report.entities == entities_before:
                report.warnings.append(f"no entities in {raw}: the file holds no Wikidata entity line")
            had_rows = had_rows or report.entities > 0
    for path in indexes:
        import_index(db, path)
    classify_kinds(db)
    analyze_reference(db)
    refresh_all_comparisons(db)  # the tenures already built, against the new reference
    report.seconds = time.perf_counter() - started


def _flush(db, rows: _Rows, replace_old: bool, report: ImportReport, progress) -> None:
    before = report.entities
    _write_rows(db, rows, replace_old, report)
    if progress is not None:
        progress(report.entities - before)


def has_reference(db: sqlite_utils.Database) -> bool:
    """True when reference data was imported (the linker returns NIL quickly otherwise)."""
    try:
        return db.execute("SELECT 1 FROM ref_entities LIMIT 1").fetchone() is not None
    except Exception:  # table missing: not a migrated kb database
        return False
