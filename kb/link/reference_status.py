"""Tenure status from the reference: where the text leaves a post's status open, the P39 dates
of the linked holder say whether the post was held at the text's present.

"He has served under Presidents A, B and C" names three presidents and says nothing of which
one is in office; the reference knows (A: 2001-2009, B: 1993-2001), so in a text of 2004 A is
the current president and B a former one. The rule runs after entity and position linking and
only reads the reference; it changes ``Tenure.status`` and nothing else: the reference's dates
never become the tenure's start or end (a tenure records what the text says).

Which tenures: those whose status the text leaves open (``open_status``): "unknown" from
extraction, in a sentence that announces nothing ("is to become", "will succeed": extraction's
"unknown" of an announced post is stated, not open). A status the text states ("former",
"ex-", "since", an end date, a tense) is never touched; nor is the "current" extraction gives a
bare title before a name ("President B said"): news-tenures' gold follows the tense there, and
on the BBC corpus every such title the rule turned "former" was wrong (17 of 17 with the latest
year as the present, 1 of 1 with ``past_years``: an undated text's present is too uncertain to
overrule the text).

Which holdings: the linked holder's P39 statements of the tenure's linked position and of every
position whose names the role names (``role_similarity``); the position's jurisdiction must fit
the tenure's organisation (a party's: be the party). A text date on the tenure keeps only the
holdings it overlaps.

Verdict (``holding_verdict``) at the text's present (``text_present``): the publication date;
for an undated text (the news sets have none) the latest year it states as past ("in 2002",
"June 2004"; not a plan or forecast: "by 2010", "will open in 2012") up to two years later. Held
throughout -> current, ended before -> former; began after, or too coarse a date to tell -> no
verdict. Several holdings must agree (``combine``): one holding of a position covering the
present makes it current unless only an open-ended one does while another ended (an open end
may be a missing end); different positions with different verdicts leave the status as it is.
A holder the reference gives a death before the present holds nothing then.

Where it fired the tenure's ``extractor`` says so ("…; status from reference P39 Q11696 (text:
unknown)"), so a user sees why, and a relink (``kb link confirm|reject``) can restore the
text's status before deciding again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Optional

from ..model import LinkedExtraction, Tenure
from ..prefixdate import before, overlaps
from .candidates import Holding, ReferenceIndex
from .disambiguate import best_role_similarity
from .kinds import org_class
from .names import norm
from .positions import jurisdiction_fit, org_keys

#: A position the role names, besides the linked one, at this role similarity or above
#: ("president" ~ "president of the united states": 0.9; a suffix "... secretary": 0.85).
MIN_ROLE_SIMILARITY = 0.85
#: The note appended to ``Tenure.extractor`` where the rule set the status.
NOTE = "; status from reference P39 {positions} (text: {text})"
_NOTE_RE = re.compile(r"; status from reference P39 [^(]*\(text: (current|former|unknown)\)$")

CURRENT, FORMER = "current", "former"


#: A year the text places in the past or present: after a preposition or month name that
#: dates an event ("in 2002", "since 1997", "June 2004", "im Jahr 2015"), not one that points
#: ahead ("by 2010", "until 2008", "bis 2020"); English and German.
_STATED_YEAR = re.compile(
    r"\b(?:in|since|during|early|late|mid|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|seit|im|jahr|januar|jänner|februar|märz|juni|juli|oktober|dezember)"
    r"\s+(?:\d{1,2}\.?\s+)?(1[89]\d\d|20\d\d)\b(?![\d%])", re.IGNORECASE)
#: Words of a plan, forecast or announcement: a sentence with one states no past of its years,
#: and leaves no post's status open (English, German).
_AHEAD = re.compile(
    r"\b(?:will|would|could|should|might|shall|\w+'ll|expect\w*|forecast\w*|predict\w*|project\w*|"
    r"plan\w*|target\w*|aim\w*|intend\w*|hope\w*|estimate\w*|schedul\w*|due|set to|is to|are to|"
    r"to become|to succeed|to replace|to take over|designate|incoming|designiert\w*|"
    r"wird|werden|soll|sollen|würde\w*|könnte\w*|geplant|erwart\w*|prognos\w*|voraussichtlich)\b",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
#: An undated text's present is taken to lie within this many years after the latest year it
#: states as past (news reports recent events): a verdict must hold across that span. The BBC
#: corpus (articles of 2004-2005) puts that year at 2003-2005 in 201 of the 339 texts that
#: state one, earlier in 129 (a "current" verdict is then the riskier one), later in 9.
UNDATED_SLACK_YEARS = 2


def past_years(text: str) -> list[int]:
    """Years the text states as past or present (``_STATED_YEAR``), from sentences that state
    no plan or forecast (``_AHEAD``): "by 2010", "will open in 2012" are not the text's past."""
    years = []
    for sentence in _SENTENCE_END.split(text):
        if _AHEAD.search(sentence):
            continue
        years.extend(int(y) for y in _STATED_YEAR.findall(sentence))
    return years


def text_present(published: Optional[str], text: str) -> Optional[tuple[str, str]]:
    """The span of dates the text speaks from, (earliest, latest): its publication date; for
    an undated text, from the latest year it states as past (``past_years``; never after this
    year) to ``UNDATED_SLACK_YEARS`` later. None when the text gives neither: no verdict."""
    if published:
        return published[:10], published[:10]
    this_year = date.today().year
    years = [y for y in past_years(text) if y <= this_year]
    if not years:
        return None
    latest = max(years)
    return str(latest), str(latest + UNDATED_SLACK_YEARS)


def holding_verdict(h: Holding, present: tuple[str, str], death: Optional[int] = None) -> Optional[str]:
    """ "current" when the holding certainly covers the whole ``present`` span, "former" when it
    certainly ended before it (or the holder died before it), None otherwise (began after it,
    no dates, or dates too coarse to tell: "2004" against a present of "2004")."""
    earliest, latest = present
    if h.end and before(h.end, earliest):
        return FORMER
    if h.start is None or not before(h.start, earliest):
        return None
    if death is not None and before(str(death), earliest):
        return FORMER
    if h.end is None or before(latest, h.end):
        return CURRENT
    return None


def position_verdict(holdings: list[Holding], present: tuple[str, str], death: Optional[int]) -> Optional[str]:
    """One position's verdict from its holdings (terms): current when one covers the present,
    former when all ended before it; an open-ended holding alone against an ended one is no
    verdict (an open end may be an end the reference lacks)."""
    verdicts = [(holding_verdict(h, present, death), h) for h in holdings]
    covering = [h for v, h in verdicts if v == CURRENT]
    if covering:
        ended = any(v == FORMER for v, _ in verdicts)
        return CURRENT if any(h.end for h in covering) or not ended else None
    if verdicts and all(v == FORMER for v, _ in verdicts):
        return FORMER
    return None


def combine(by_position: dict[str, list[Holding]], present: tuple[str, str], death: Optional[int]) -> Optional[str]:
    """The status every matched position agrees on, or None."""
    verdicts = {position_verdict(hs, present, death) for hs in by_position.values()}
    return verdicts.pop() if len(verdicts) == 1 else None


def open_status(ten: Tenure, sentence: str) -> bool:
    """Does the text leave this tenure's status open? "unknown" from extraction, in a
    sentence (``sentence``: its text) that announces or plans nothing."""
    return ten.status == "unknown" and not _AHEAD.search(sentence)


def matching_holdings(index: ReferenceIndex, holder: str, ten: Tenure, position: Optional[str],
                      org_qid: Optional[str]) -> dict[str, list[Holding]]:
    """The holder's P39 holdings of the tenure's post, by position: the linked position and
    every other the role names as well (a "minister" linked to one of two ministries the holder
    held must not hide the other). The position must not belong to another organisation than
    the tenure's, and a post at a party must be the party's own ("Labour's X", a member of
    the party, is no term in parliament the reference dates). A date the text gives keeps only
    the holdings it overlaps."""
    start = ten.start.value if ten.start else None
    end = ten.end.value if ten.end else None
    keys = org_keys(index, ten.org, org_qid)
    min_fit = 1.0 if org_qid and org_class(index.profile(org_qid).kinds) == "party" else 0.5
    role = norm(ten.role)
    out: dict[str, list[Holding]] = {}
    for h in index.holdings(holder):
        names = index.names(h.position)
        if h.position != position and best_role_similarity(role, names) < MIN_ROLE_SIMILARITY:
            continue
        if jurisdiction_fit(index, h.position, names, keys, org_qid) < min_fit:
            continue
        if (start or end) and not overlaps(start, end, h.start, h.end):
            continue
        out.setdefault(h.position, []).append(h)
    return out


def text_status(ten: Tenure) -> Tenure:
    """The tenure as the text gave it: a status this rule set is undone (from its note)."""
    found = _NOTE_RE.search(ten.extractor)
    if not found:
        return ten
    return replace(ten, status=found.group(1), extractor=ten.extractor[:found.start()])


def statuses_from_reference(index: ReferenceIndex, linked: LinkedExtraction) -> int:
    """Set the status of the document's open tenures from their holders' P39 dates (see the
    module docstring); returns how many tenures changed status."""
    ext = linked.extraction
    ext.tenures = [text_status(t) for t in ext.tenures]
    present = text_present(ext.document.published, ext.document.text)
    if present is None:
        return 0
    org_qids = linked.org_qids()
    sentences = {s.index: s.text for s in ext.sentences}
    changed = 0
    for i, ten in enumerate(ext.tenures):
        holder = linked.link_for("person", ten.person).qid if ten.person else None
        if not holder or not open_status(ten, sentences.get(ten.sentence, "")):
            continue
        plink = linked.position_links.get((ten.role, ten.org))
        by_position = matching_holdings(index, holder, ten, plink.qid if plink else None,
                                        org_qids.get(ten.org or ""))
        status = combine(by_position, present, index.profile(holder).death) if by_position else None
        if status is None or status == ten.status:
            continue
        note = NOTE.format(positions=" ".join(sorted(by_position)), text=ten.status)
        ext.tenures[i] = replace(ten, status=status, extractor=ten.extractor + note)
        changed += 1
    return changed
