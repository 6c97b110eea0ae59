"""kb.model records <-> JSON: how Extractions and LinkedExtractions cross process boundaries.

Dask workers write their records as JSON Lines and the driver reads them back (``kb.distributed``).
The codec sits next to the model because it knows only the model's shapes: dataclasses become
objects, tuples lists, and dicts keyed by tuples (``LinkedExtraction.entity_links``) lists of
``[key, value]`` pairs, because JSON objects take string keys only. Reading back follows the
dataclasses' type hints, so a record decodes to the same dataclass tree that was encoded.
"""

from __future__ import annotations

import json
import typing
from dataclasses import fields, is_dataclass
from typing import Any, Union


def to_json(obj: Any) -> Any:
    """A dataclass tree as JSON values; dicts keyed by tuples become lists of [key, value]."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        if any(isinstance(k, tuple) for k in obj):
            return [[list(k), to_json(v)] for k, v in obj.items()]
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_json(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` (a kb.model dataclass, or a typing form) from JSON."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_json(inner[0], value) if len(inner) == 1 else value
    if is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: from_json(hints[k], v) for k, v in value.items() if k in hints})
    if origin is list:
        (item,) = typing.get_args(tp)
        return [from_json(item, v) for v in value]
    if origin is dict:
        key_tp, val_tp = typing.get_args(tp)
        if typing.get_origin(key_tp) is tuple:
            return {tuple(k): from_json(val_tp, v) for k, v in value}
        return {k: from_json(val_tp, v) for k, v in value.items()}
    return value


def dumps(record: dict[str, Any]) -> str:
    """One JSON Lines record. ``default=str`` matches ``store.save_extraction``'s meta encoding,
    so a document's meta stored after the round trip is byte for byte what a local build stores."""
    return json.dumps(record, ensure_ascii=False, default=str)
