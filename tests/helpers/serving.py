"""A kb.db of fictional entities written by kb's store, and a real Datasette process serving it.

Shared by the serve, browser and page tests: the database comes from ``kb.model`` dataclasses
(sentences written for these tests) through ``kb.store.save_extraction``; ``running_datasette``
starts ``datasette`` with ``kb.serve.datasette_args`` on a free loopback port.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from kb import serve as kb_serve
from kb.link.names import norm
from kb.model import DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure
from kb.settings import REPO_ROOT
from kb.store import open_db, refresh_all_comparisons, save_extraction


PERSONS = {
    "Anna Berg": Link(qid="Q9000001", score=1.0, method="exact", label="Anna Berg", enwiki="Anna Berg"),
    "Piet Jansen": Link(qid="Q9000002", score=0.9, method="alias", label="Piet Jansen", enwiki="Piet Jansen (politician)"),
    "Lena Fischer": Link(qid="Q9000003", score=1.0, method="exact", label="Lena Fischer", enwiki="Lena Fischer"),
    "Karl Weber": Link(qid=None),
    "Mara Holm": Link(qid=None),
}


ORGS = {
    "Northern Alliance": Link(qid="Q9100001", score=1.0, method="exact", label="Northern Alliance"),
    "Nordallianz": Link(qid="Q9100001", score=0.9, method="alias", label="Northern Alliance"),
    "Veldonia": Link(qid="Q9100002", score=1.0, method="exact", label="Veldonia", enwiki="Veldonia"),
    "Veldonia Central Bank": Link(qid=None),
}


POSITIONS = {
    ("secretary general", "Northern Alliance"): Link(qid="Q9200001", label="secretary general of the Northern Alliance"),
    ("secretary general", "Nordallianz"): Link(qid="Q9200001", label="secretary general of the Northern Alliance"),
    ("prime minister", "Veldonia"): Link(qid="Q9200002", label="prime minister of Veldonia"),
}


def date(value: str) -> DateValue:
    return DateValue(value=value, precision={4: "year", 7: "month", 10: "day"}[len(value)])


def _spans(text: str, surface: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word-bounded occurrences of ``surface`` not inside an already assigned mention."""
    found = []
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return found


def make_doc(doc_id: str, published: str, lang: str, sentences: list[str],
             entities: dict[str, tuple[str, list[str]]], tenures: list[dict]) -> LinkedExtraction:
    """A LinkedExtraction with offsets computed from the text (sentences joined by spaces)."""
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, start=pos, end=pos + len(s), text=s, lang=lang))
        pos += len(s) + 1

    def sent_of(offset: int) -> int:
        return next(s.index for s in sents if s.start <= offset < s.end)

    taken: list[tuple[int, int]] = []
    ents = []
    for name, (etype, surfaces) in entities.items():
        mentions = [
            Mention(text=text[s:e], type=etype, start=s, end=e, sentence=sent_of(s), name=name,
                    label="PERSON" if etype == "person" else "ORG")
            for surface in sorted(surfaces, key=len, reverse=True)
            for s, e in _spans(text, surface, taken)
        ]
        ents.append(Entity(name=name, type=etype, mentions=mentions,
                           aliases=[x for x in surfaces if x != name]))
    tens = []
    for t in tenures:
        sentence = sents[t["sentence"]]
        role_at = text.index(t["role_text"], sentence.start)
        person_at = text.index(t["person_text"], sentence.start)
        tens.append(Tenure(
            person=t["person"], role=t["role"], org=t.get("org"),
            start=date(t["start"]) if t.get("start") else None,
            end=date(t["end"]) if t.get("end") else None,
            status=t["status"], sentence=sentence.index,
            person_span=Span(person_at, person_at + len(t["person_text"]), t["person_text"]),
            role_span=Span(role_at, role_at + len(t["role_text"]), t["role_text"]),
            extractor="test:handmade", confidence=t.get("confidence", 0.8), role_text=t["role_text"],
        ))
    doc = Document(id=doc_id, text=text, source=f"{doc_id}.txt", title=f"Story {doc_id}",
                   url=f"https://news.example.org/{doc_id}", published=published, lang=lang,
                   content_hash=f"hash-{doc_id}")
    ext = Extraction(document=doc, sentences=sents, entities=ents, tenures=tens, lang=lang, pipeline="test")
    links = {("person", n): PERSONS[n] for n, (t, _) in entities.items() if t == "person"}
    links.update({("organization", n): ORGS[n] for n, (t, _) in entities.items() if t == "organization"})
    pos_links = {(t.role, t.org): POSITIONS[(t.role, t.org)] for t in tens if (t.role, t.org) in POSITIONS}
    return LinkedExtraction(extraction=ext, entity_links=links, position_links=pos_links)


def fixture_documents() -> list[LinkedExtraction]:
    return [
        make_doc(
            "d1", "2024-10-02", "en",
            ["Anna Berg became secretary general of the Northern Alliance on 1 October 2024.",
             "Her predecessor Piet Jansen praised her.",
             "Jansen had led the alliance since 2014 and stepped down in October 2024."],
            {"Anna Berg": ("person", ["Anna Berg"]), "Piet Jansen": ("person", ["Piet Jansen", "Jansen"]),
             "Northern Alliance": ("organization", ["Northern Alliance"])},
            [dict(person="Anna Berg", person_text="Anna Berg", role="secretary general", role_text="secretary general",
                  org="Northern Alliance", start="2024-10-01", status="current", sentence=0),
             dict(person="Piet Jansen", person_text="Jansen", role="secretary general", role_text="led the alliance",
                  org="Northern Alliance", start="2014", end="2024-10", status="former", sentence=2)],
        ),
        make_doc(
            "d2", "2015-01-05", "en",
            ["Piet Jansen has been secretary general of the Northern Alliance since 2014.",
             "Prime Minister Karl Weber of Veldonia met him on Monday."],
            {"Piet Jansen": ("person", ["Piet Jansen"]), "Karl Weber": ("person", ["Karl Weber"]),
             "Northern Alliance": ("organization", ["Northern Alliance"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Piet Jansen", person_text="Piet Jansen", role="secretary general", role_text="secretary general",
                  org="Northern Alliance", start="2014", status="current", sentence=0),
             dict(person="Karl Weber", person_text="Karl Weber", role="prime minister", role_text="Prime Minister",
                  org="Veldonia", status="current", sentence=1)],
        ),
        make_doc(
            "d3", "2025-02-01", "en",
            ["Lena Fischer served as prime minister of Veldonia from 2010 to 2024."],
            {"Lena Fischer": ("person", ["Lena Fischer"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Lena Fischer", person_text="Lena Fischer", role="prime minister", role_text="prime minister",
                  org="Veldonia", start="2010", end="2024", status="former", sentence=0)],
        ),
        make_doc(
            "d4", "2025-03-01", "en",
            ["Former prime minister Lena Fischer of Veldonia recalled that she took office in 2011."],
            {"Lena Fischer": ("person", ["Lena Fischer"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Lena Fischer", person_text="Lena Fischer", role="prime minister", role_text="prime minister",
                  org="Veldonia", start="2011", status="former", sentence=0)],
        ),
        make_doc(
            "d5", "2024-11-15", "de",
            ["Anna Berg ist seit Oktober 2024 Generalsekretärin der Nordallianz."],
            {"Anna Berg": ("person", ["Anna Berg"]), "Nordallianz": ("organization", ["Nordallianz"])},
            [dict(person="Anna Berg", person_text="Anna Berg", role="secretary general", role_text="Generalsekretärin",
                  org="Nordallianz", start="2024-10", status="current", sentence=0)],
        ),
        make_doc(
            "d6", "2024-11-01", "en",
            ["Mara Holm has chaired the Veldonia Central Bank since October 2024."],
            {"Mara Holm": ("person", ["Mara Holm"]), "Veldonia Central Bank": ("organization", ["Veldonia Central Bank"])},
            [dict(person="Mara Holm", person_text="Mara Holm", role="chair", role_text="chaired",
                  org="Veldonia Central Bank", start="2024-10", status="current", sentence=0)],
        ),
    ]


#: Reference P39 rows: Jansen open since 2014-10-01 (news: ended 2024-10), Fischer 2010-2024.
REF_CLAIMS = [
    {"qid": "Q9000002", "property": "P39", "value": "Q9200001", "start": "2014-10-01", "start_precision": "day"},
    {"qid": "Q9000003", "property": "P39", "value": "Q9200002", "start": "2010", "start_precision": "year",
     "end": "2024", "end_precision": "year"},
]


def build_fixture_db(path: Path) -> Path:
    """kb.db with the fixture documents, reference claims, views and search indexes."""
    db = open_db(path)
    for linked in fixture_documents():
        save_extraction(db, linked)
    with db.conn:
        db["ref_claims"].insert_all(REF_CLAIMS)
    refresh_all_comparisons(db)  # what a reference import does after loading its rows
    db.close()
    kb_serve.prepare(path)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@contextmanager
def running_datasette(db_path: Path, startup_seconds: float = 60) -> Iterator[str]:
    """Start datasette on a free loopback port, wait (bounded) until it answers, stop it after."""
    port = free_port()
    log_path = db_path.with_name(f"datasette-{port}.log")
    log = open(log_path, "w", encoding="utf-8")  # a file, not a pipe: a full pipe blocks the server
    proc = subprocess.Popen(kb_serve.datasette_args(db_path, port=port), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"datasette exited early: {log_path.read_text()}")
            try:
                if http_get(base + "/-/versions.json", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("datasette did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        kb_serve.stop_datasette(proc)
        log.close()


def get_json(base: str, path: str, **params: str):
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    status, body = http_get(f"{base}{path}.json?{query}")
    assert status == 200, body
    return json.loads(body)


def canned(base: str, name: str, **params: str) -> list[dict]:
    return get_json(base, f"/kb/{name}", **params)


def load_metadata() -> dict:
    return yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))


#: Extra fictional facts: an organisation named like the start of another one ("Orchard" and
#: "Orchard Inc."), a hyphenated role, and a reference alias of the Northern Alliance.
EXTRA_PERSONS = {"Tomas Varga": Link(qid=None), "Sofia Lind": Link(qid=None), "Ines Dahl": Link(qid=None)}


EXTRA_ORGS = {"Orchard Inc.": Link(qid="Q9100003", score=1.0, method="exact", label="Orchard Inc."),
              "Orchard": Link(qid=None)}
ALIAS = "Northern Treaty Organisation"
DESCRIPTION = "fictional diplomat of the test fixture"


def extra_documents():
    return [
        make_doc(
            "d7", "2023-06-01", "en",
            ["Orchard Inc. named Tomas Varga its chief executive in March 2023."],
            {"Tomas Varga": ("person", ["Tomas Varga"]), "Orchard Inc.": ("organization", ["Orchard Inc."])},
            [dict(person="Tomas Varga", person_text="Tomas Varga", role="chief executive", role_text="chief executive",
                  org="Orchard Inc.", start="2023-03", status="current", sentence=0)],
        ),
        make_doc(
            "d8", "2023-07-01", "en",
            ["Sofia Lind has chaired the Orchard growers' cooperative since 2021."],
            {"Sofia Lind": ("person", ["Sofia Lind"]), "Orchard": ("organization", ["Orchard"])},
            [dict(person="Sofia Lind", person_text="Sofia Lind", role="chair", role_text="chaired",
                  org="Orchard", start="2021", status="current", sentence=0)],
        ),
        make_doc(
            "d9", "2024-02-01", "en",
            ["Ines Dahl has been commander-in-chief of Veldonia since 2019."],
            {"Ines Dahl": ("person", ["Ines Dahl"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Ines Dahl", person_text="Ines Dahl", role="commander-in-chief", role_text="commander-in-chief",
                  org="Veldonia", start="2019", status="current", sentence=0)],
        ),
    ]


def build_pages_db(path: Path) -> Path:
    """The serve fixture database, the extra documents and one reference alias."""
    build_fixture_db(path)
    with pytest.MonkeyPatch.context() as mp:
        for name, link in EXTRA_PERSONS.items():
            mp.setitem(PERSONS, name, link)
        for name, link in EXTRA_ORGS.items():
            mp.setitem(ORGS, name, link)
        docs = extra_documents()
    db = open_db(path, create=False)
    for linked in docs:
        save_extraction(db, linked)
    with db.conn:
        db["ref_names"].insert({"qid": "Q9100001", "name": ALIAS, "norm": norm(ALIAS), "lang": "en", "is_label": 0})
        db.execute("UPDATE persons SET description = ? WHERE id = 'Q9000001'", [DESCRIPTION])
    db.close()
    kb_serve.prepare(path)
    return path
