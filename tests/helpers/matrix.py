"""The construction-matrix harness: a case is a sentence of our own plus the facts it must (or must not) give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union
import pytest
from kb.model import Document


PUBLISHED = "2025-03-14"


ANY = "*"  # any organisation (or none)


@dataclass
class F:
    """An expected tenure. ``org`` may be a tuple of acceptable names, ``ANY`` or None."""

    person: str
    role: Union[str, tuple]
    org: Union[str, tuple, None] = ANY
    start: Optional[str] = None
    end: Optional[str] = None
    status: Optional[str] = None
    ordinal: Optional[int] = None


@dataclass
class No:
    """A tenure that must not be extracted: every field given must match for a violation."""

    person: Optional[str] = None
    role: Optional[str] = None
    org: Optional[str] = None


@dataclass
class Born:
    person: str
    value: str


@dataclass
class Case:
    id: str
    text: str
    expect: list = field(default_factory=list)
    published: str = PUBLISHED


def _check(extraction, case: Case) -> list[str]:
    """Problems with an extraction against a case's expectations (empty when it passes)."""
    tenures = extraction.tenures
    shown = [(t.person, t.role, t.org, t.start and t.start.value, t.end and t.end.value, t.status, t.ordinal)
             for t in tenures]
    problems = []
    for e in case.expect:
        if isinstance(e, F):
            hits = [t for t in tenures if t.person == e.person and _org_ok(e.role, t.role) and _org_ok(e.org, t.org)]
            if not hits:
                problems.append(f"missing {e.person!r} {e.role!r} {e.org!r}; got {shown}")
                continue
            t = hits[0]
            for name in ("start", "end"):
                want = getattr(e, name)
                have = getattr(t, name)
                if want is not None and (have is None or (have.value, have.precision) != (want, _precision(want))):
                    problems.append(f"{e.person} {e.role}: {name} {have and (have.value, have.precision)} != {want}")
            if e.status is not None and t.status != e.status:
                problems.append(f"{e.person} {e.role}: status {t.status} != {e.status}")
            if e.ordinal is not None and t.ordinal != e.ordinal:
                problems.append(f"{e.person} {e.role}: ordinal {t.ordinal} != {e.ordinal}")
        elif isinstance(e, No):
            bad = [t for t in tenures if (e.person is None or t.person == e.person)
                   and (e.role is None or t.role == e.role) and (e.org is None or t.org == e.org)]
            if bad:
                problems.append(f"invented {[(t.person, t.role, t.org) for t in bad]}")
        elif isinstance(e, IsOrg):
            if any(x.type == "person" and x.name == e.name for x in extraction.entities):
                problems.append(f"{e.name} made a person")
        elif isinstance(e, Born):
            ent = next((x for x in extraction.entities if x.type == "person" and x.name == e.person), None)
            have = ent and ent.birth_date
            if have is None or (have.value, have.precision) != (e.value, _precision(e.value)):
                problems.append(f"{e.person} born {have and have.value} != {e.value}")
    return problems


@pytest.fixture(scope="module")
def extractor(en_nlp):
    from kb.extract.pipeline import Extractor

    return Extractor(lang="en")  # the installed English model, as ``kb build`` loads it


def extract(extractor, text: str, published: str = PUBLISHED):
    (extraction,) = list(extractor.extract([Document(id="m", text=text, published=published)]))
    return extraction


@dataclass
class IsOrg:
    """A name that must stay an organisation (no rule may make a person of it)."""

    name: str


def _org_ok(want, have) -> bool:
    """``have`` is the wanted value, one of a tuple of them, or anything for ``ANY``."""
    if want == ANY:
        return True
    if isinstance(want, tuple):
        return have in want
    return want == have


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]
