"""Whose post it is, from the reference: where the text names no organisation for a post, the
linked holder's P39 positions of that role say which country it belongs to.

Foreign news names several countries and then writes "Präsident Xi Jinping", "Premier Robert
Fico", "President Putin": the extract stage fills such posts from the document (its one country,
the dateline's, the one named clearly most) and leaves them open when the document names several
countries none of which dominates. The reference knows the holder: Fico's P39 holdings of
"prime minister" are all Slovakia's, so his post is Slovakia's. The rule runs after entity
linking and before position linking, reads only the reference, and sets ``Tenure.org`` and
nothing else the text states.

Which tenures: those with no organisation whose holder is linked. Which holdings: the holder's
P39 statements of a position whose names the role names (``role_similarity`` at least
``MIN_ROLE_SIMILARITY``: "president" ~ "president of russia"), not begun after the text's present
(``text_present``: a 2024 post does not fit a 2005 text) and overlapping a date the text gives.
Whose: the position's jurisdiction (P1001/P17) when it is one state, else the state its name
ends with ("prime minister of slovakia"); none for a post of a legislature or council ("speaker
of the house of commons") or of a place below the state ("mayor of london"). Every such holding
must give the same one state, else the post stays open (a holding of no known state, or of two
states in one career).

The state becomes an organisation of the document: the document's own organisation for it when
it has one ("US", "Russland": linked to the state if it was not linked), else a new one under
the state's canonical English name (CLDR, as the extract stage names countries), linked with
method ``reference P39``. The tenure's ``extractor`` says so ("…; org from reference P39
Q45369"), so a user sees why, and a relink (``kb link confirm|reject``) undoes it
(``text_org``) before deciding again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..model import Entity, Link, LinkedExtraction, Tenure
from ..prefixdate import before
from .candidates import Holding, ReferenceIndex
from .kinds import country_code, country_name
from .reference_status import matching_holdings, text_present

#: The note appended to ``Tenure.extractor`` where the rule set the organisation.
NOTE = "; org from reference P39 {positions}"
_NOTE_RE = re.compile(r"; org from reference P39 [^;]*")
#: The method of a state's link when this rule added or linked it.
METHOD = "reference P39"


def text_org(ten: Tenure) -> Tenure:
    """The tenure as the text gave it: an organisation this rule set is undone (from its note)."""
    found = _NOTE_RE.search(ten.extractor)
    if not found:
        return ten
    return replace(ten, org=None, extractor=ten.extractor[:found.start()] + ten.extractor[found.end():])


def _state_name(index: ReferenceIndex, qid: str) -> Optional[str]:
    """The canonical English name of a state item ("Q148" -> "China"), else None."""
    if "state" not in index.profile(qid).kinds:
        return None
    for name in index.names(qid):
        code = country_code(name)
        if code and country_name(code):
            return country_name(code)
    return None


def _name_state(index: ReferenceIndex, names: list[str]) -> Optional[tuple[str, str]]:
    """(QID, canonical name) of the one state a position's names end with ("prime minister of
    slovakia"), else None."""
    found: set[tuple[str, str]] = set()
    for name in names:
        if " of " not in name:
            continue
        tail = name.rsplit(" of ", 1)[1].removeprefix("the ")
        for qid, _label, _ in index.exact(tail):
            state = _state_name(index, qid)
            if state:
                found.add((qid, state))
    return found.pop() if len(found) == 1 else None


#: Words of a legislature or council in a position's name: its speakers, presidents and members
#: hold a post of that body ("speaker of the house of commons"), not of the state it sits in.
_BODY = re.compile(r"\b(?:house|parliament|assembly|senate|congress|chamber|council|duma|bundestag|bundesrat|"
                   r"landtag|nationalrat|diet|senat)\b")


def holding_state(index: ReferenceIndex, h: Holding) -> Optional[tuple[str, str]]:
    """(QID, canonical name) of the one state a held position belongs to, or None: None too for
    a post of a body (``_BODY``) or of a place below the state ("mayor of london": its
    jurisdictions are London and the United Kingdom)."""
    names = index.names(h.position)
    if any(_BODY.search(name) for name in names):
        return None
    jurisdictions = index.jurisdictions(h.position)
    states = {(q, s) for q in jurisdictions if (s := _state_name(index, q))}
    if len(states) == 1 and len(jurisdictions) == 1:
        return states.pop()
    if jurisdictions:
        return None
    return _name_state(index, names)


def post_state(index: ReferenceIndex, holder: str, ten: Tenure,
               present: Optional[tuple[str, str]]) -> Optional[tuple[str, str, list[str]]]:
    """(state QID, name, positions) when every holding of the tenure's role (see the module
    docstring) belongs to one state; None otherwise. The holdings are those the status rule
    reads for the same post (``matching_holdings``: the role's positions, overlapping a date the
    text gives), less those begun after the text's present."""
    states: set[tuple[str, str]] = set()
    positions: set[str] = set()
    for position, holdings in matching_holdings(index, holder, ten, None, None).items():
        for h in holdings:
            if present is not None and h.start and before(present[1], h.start):
                continue  # began after the text was written
            state = holding_state(index, h)
            if state is None:
                return None  # a holding of no known state: the reference cannot tell
            states.add(state)
            positions.add(position)
    if len(states) != 1:
        return None
    qid, name = states.pop()
    return qid, name, sorted(positions)


def orgs_from_reference(index: ReferenceIndex, linked: LinkedExtraction) -> int:
    """Give the document's open posts the state their holders' P39 holdings agree on (see the
    module docstring); returns how many tenures got one."""
    ext = linked.extraction
    ext.tenures = [text_org(t) for t in ext.tenures]
    present = text_present(ext.document.published, ext.document.text)
    changed = 0
    for i, ten in enumerate(ext.tenures):
        holder = linked.link_for("person", ten.person).qid if ten.org is None and ten.person else None
        found = post_state(index, holder, ten, present) if holder else None
        name = _document_name(linked, found[0], found[1]) if found else None
        if found is None or name is None:
            continue
        ext.tenures[i] = replace(ten, org=name, extractor=ten.extractor + NOTE.format(positions=" ".join(found[2])))
        changed += 1
    _drop_unused(linked)
    return changed


def _document_name(linked: LinkedExtraction, qid: str, name: str) -> Optional[str]:
    """The name of the document's organisation for this state (linked to ``qid``, or a name of
    the state such as "US" or "Russland", then linked to it if it was not); else ``name``, added
    as an organisation of the document linked to the state. None when the document's
    organisation of that name is linked elsewhere ("Georgia" the US state)."""
    code = country_code(name)
    for ent in [e for e in linked.extraction.entities if e.type == "organization"]:
        link = linked.link_for("organization", ent.name)
        if link.qid != qid and (code is None or code not in (country_code(ent.name), country_code(ent.name, "de"))):
            continue
        if link.qid not in (None, qid):
            return None
        if link.qid is None:
            linked.entity_links[("organization", ent.name)] = Link(qid=qid, score=1.0, method=METHOD, label=name)
        return ent.name
    linked.extraction.entities.append(Entity(name=name, type="organization"))
    linked.entity_links[("organization", name)] = Link(qid=qid, score=1.0, method=METHOD, label=name)
    return name


def _drop_unused(linked: LinkedExtraction) -> None:
    """Forget the states this rule added that no tenure names any more (a relink undid them): the
    document never mentioned them, so they are no organisation of it."""
    ext = linked.extraction
    used = {t.org for t in ext.tenures}
    for ent in [e for e in ext.entities if e.type == "organization" and not e.mentions and e.name not in used]:
        if linked.link_for("organization", ent.name).method == METHOD:
            ext.entities.remove(ent)
            del linked.entity_links[("organization", ent.name)]
