"""Golden files for extraction: every text in tests/fixtures/texts is built by the real CLI and
its ``kb export facts`` object is compared with the text's golden JSON.

Why: the extraction rules are being refactored; these files pin what kb extracts today from
short texts that exercise each construction kb handles (titles before names, appositions,
copula and appointment verbs with dates, possessives, former/ex-/then-, ordinals,
resignations, succession, life dates, party membership, employment, pronoun subjects, German
and mixed English/German text) and from texts where kb must stay silent (future or negated
statements, quoted speech, page chrome). Where today's output is wrong, the golden file still
holds today's output and tests/fixtures/texts/KNOWN_ERRORS.md says what would be right, so a
refactor that changes behaviour shows up as a diff and a fix shows up as a change to both.

How: ONE ``python -m kb build`` of all texts (no reference import, so no QIDs) into a temporary
db, with ``--published PUBLISHED`` for all of them ("last year" and "last month" in the texts
are relative to that day), then ``python -m kb export facts``. Each exported document is
compared with ``NAME.json`` after dropping the QID/enwiki keys that are null (a non-null one
stays in and shows up in the diff). Skipped when no English spaCy model is installed.

Rewriting the goldens after an intended change (then read the diff and update
KNOWN_ERRORS.md)::

    KB_UPDATE_GOLDEN=1 python -m pytest -q -p no:cacheprovider tests/test_extract_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import english_model_name

TEXTS = Path(__file__).parent / "fixtures" / "texts"
REPO = Path(__file__).resolve().parent.parent
#: The publication day given to every text (texts with relative dates are written for it).
PUBLISHED = "2025-06-15"
#: Keys that only a reference import or online linking fills; dropped from the goldens when null.
LINK_KEYS = ("qid", "enwiki", "person_qid", "position_qid", "org_qid")
UPDATE = os.environ.get("KB_UPDATE_GOLDEN") == "1"
NAMES = sorted(p.stem for p in TEXTS.glob("*.txt"))


def _kb(*args: str) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess, with this checkout's kb first on the path."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    res = subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, env=env,
                         timeout=300)
    assert res.returncode == 0, f"kb {' '.join(args)} failed:\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, dict]:
    """Document id -> its ``kb export facts`` object, from one build of all texts."""
    if english_model_name() is None:
        pytest.skip("spaCy model en_core_web_sm not installed")
    tmp = tmp_path_factory.mktemp("golden")
    db, out = tmp / "kb.db", tmp / "facts.jsonl"
    _kb("build", *(str(TEXTS / f"{n}.txt") for n in NAMES), "--db", str(db), "--published", PUBLISHED, "--quiet")
    _kb("export", "facts", "--db", str(db), "-o", str(out))
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {d["id"]: d for d in docs}


def _strip_links(value):
    """The value without null QID/enwiki keys (recursively), so goldens read as plain facts."""
    if isinstance(value, dict):
        return {k: _strip_links(v) for k, v in value.items() if not (k in LINK_KEYS and v is None)}
    if isinstance(value, list):
        return [_strip_links(v) for v in value]
    return value


def _dump(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_texts_exist():
    assert 20 <= len(NAMES) <= 30
    goldens = {p.stem for p in TEXTS.glob("*.json")}
    if not UPDATE:
        assert goldens == set(NAMES), "every text needs a golden NAME.json and every golden a NAME.txt"


def test_every_text_is_exported_once(exported):
    assert sorted(exported) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_extract_golden(exported, name):
    golden = TEXTS / f"{name}.json"
    actual = _dump(_strip_links(exported[name]))
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"{golden} missing: run KB_UPDATE_GOLDEN=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"{name}.json (golden)", f"{name} (kb export facts now)"))
        pytest.fail(f"extraction of {name}.txt changed:\n{diff}", pytrace=False)
