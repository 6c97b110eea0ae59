"""Claims -> tenures: the ``Claim`` every language's rules return, and merging them into ``Tenure``s.

A claim is one statement of a post in one sentence. The English rules (``rules/``) and the
German ones (``de/rules.py``) both return ``Claim`` objects; ``merge_claims`` then makes one
tenure per (person, role, org) and term (claims whose dates cannot be one stretch in office are
two terms), keeping the best dates and evidence; a generic "chief"/"head" at an organisation
folds into the person's specific post there. Status as of publication: an end in the past ends a
tenure (OpenSanctions); with no end, the tense or "since" decides, and a post reported taken up
("was appointed … in 2019") is still held unless a later post replaced it or the holder died.
Dates are compared as ISO prefixes (``kb.prefixdate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional

from ..model import DateValue, Mention, Span, Tenure
from ..prefixdate import before
from .lexicon import role_categories, word_sets


#: Stored as ``Tenure.extractor``: ``kb.roles.v<version>:<rule>`` (version and rule of the best claim).
EXTRACTOR_PREFIX = "kb.roles"


FOLDABLE = word_sets("role_classes_en.tsv")["foldable"]


@dataclass
class Claim:
    """One statement of a tenure in one sentence (before merging)."""

    mention: Mention  # the person as mentioned (a pronoun or description is resolved below)
    person: str
    role: str
    org: Optional[str]
    sentence: int
    rule: str
    role_span: Span
    org_span: Optional[Span] = None
    org_label: str = ""
    start: Optional[DateValue] = None
    end: Optional[DateValue] = None
    date_span: Optional[Span] = None
    ordinal: Optional[int] = None
    status: str = "unknown"
    status_strength: int = 0  # 3 dates, 2 explicit cue, 1 tense
    role_text: str = ""
    confidence: float = 0.5
    version: int = 1  # the rule's version (see rules.RULES)
    dated_event: bool = False  # stated through an event ("taking office as"): a point date starts it
    needs_doc_org: bool = False  # a company post named with no org ("former director X"): kept only if the document has a main org
    company_word: bool = False  # "company president X": whatever the post, it is the company's the story is about
    exit_event: bool = False  # "stepped down as", "resigned as": a point date ends it
    took_up: Optional[bool] = None  # True: taking up the post ("was appointed", "became"); False: no status can follow ("the youngest MP")


def apply_date(claim, mention) -> None:
    """Put a date mention on a claim: a point or "since" starts it, "until" ends it, an
    interval gives both; "since" also makes a claim without a stronger status cue current.
    Callers decide beforehand whether a point date dates the tenure at all."""
    if mention.kind == "point":
        claim.start = mention.start
    elif mention.kind == "until":
        claim.end = mention.end or mention.start
    else:
        claim.start, claim.end = mention.start, mention.end
    claim.date_span = Span(mention.start_char, mention.end_char, mention.text)
    if mention.kind == "since" and claim.status_strength < 2:
        claim.status, claim.status_strength = "current", 1


def _anchor(published: Optional[str]) -> Optional[str]:
    return published[:10] if published else None


def _date_status(c: Claim, anchor: Optional[str]) -> None:
    """OpenSanctions: an end in the past ends a tenure, a future end keeps it current."""
    if c.end is None:
        return
    today = anchor or date.today().isoformat()
    if before(c.end.value, today) or anchor is None:
        c.status, c.status_strength = "former", 3
    elif c.status == "former" and c.status_strength >= 1 and not before(today, c.end.value):
        c.status_strength = 3  # "war von 2021 bis 2025 Kanzler" in 2025: the past tense says it ended
    else:
        c.status, c.status_strength = "current", 3


def merge_claims(claims: list[Claim], published: Optional[str], deaths: dict, mentions: list[Mention],
                 died: Iterable[str] = ()) -> list[Tenure]:
    """One tenure per (person, role, org) with its status (see the module docstring). A person
    with a death date (``deaths``: id(mention) -> date) or named in ``died`` (a death the text
    states without a date) holds no post any more."""
    anchor = _anchor(published)
    for c in claims:
        _date_status(c, anchor)
    _superseded(claims, anchor)
    _still_held(claims, anchor)
    _fold_generic(claims)
    groups: dict[tuple[str, str, Optional[str]], list[Claim]] = {}
    for c in claims:
        groups.setdefault((c.person, c.role, c.org), []).append(c)
    _fold_open_org(groups)
    dead = {m.name for m in mentions if id(m) in deaths} | set(died)
    return [_tenure(key, term, key[0] in dead) for key, group in groups.items() if group for term in _terms(group)]


def _ended_before(a: Claim, b: Claim) -> bool:
    """a's post ended before b's began ("MP for X from 1983 to 1992" … "MP for Y since 1997")."""
    return a.end is not None and b.start is not None and before(a.end.value, b.start.value)


def _terms(group: list[Claim]) -> list[list[Claim]]:
    """The separate tenures among one person's claims of one post: claims whose dates cannot
    be one stretch in office (one ended before the other began) are two terms, as two seats
    of an MP are; an undated claim joins the latest term. Most groups are one term."""
    dated = sorted((c for c in group if c.start or c.end), key=lambda c: (c.start or c.end).value, reverse=True)
    terms: list[list[Claim]] = []
    for c in dated + [c for c in group if not (c.start or c.end)]:
        term = next((t for t in terms if not any(_ended_before(c, d) or _ended_before(d, c) for d in t)), None)
        if term is None:
            terms.append([c])
        else:
            term.append(c)
    return terms


POLITICAL_CATEGORIES = word_sets("role_classes_en.tsv")["political_categories"]


LEADER_BODY_ROLES = word_sets("role_classes_en.tsv")["leader_body_roles"]


def _political(c: Claim) -> bool:
    return c.role in LEADER_BODY_ROLES or role_categories().get(c.role) in POLITICAL_CATEGORIES


#: Company posts that are one's job (one at a time), unlike board seats ("director",
#: "chairman", "non-executive director"), which are held beside other posts.
FULL_TIME_ROLES = {"employee", "managing director", "finance director", "head"}


def _full_time(c: Claim) -> bool:
    """A job at a company (see ``FULL_TIME_ROLES``; "chief … officer" posts too)."""
    return c.role in FULL_TIME_ROLES or c.role.startswith("chief ") or role_categories().get(c.role) == "employee"


def _replaces(c: Claim, d: Claim) -> bool:
    """Whether d, a later post of the same person, ends c: another political office, another
    post at the same organisation, or another job (``_full_time``)."""
    return d.role != c.role and (_political(c) and _political(d) or bool(c.org) and d.org == c.org
                                 or _full_time(c) and _full_time(d) and d.org != c.org)


def _superseded(claims: list[Claim], anchor: Optional[str]) -> None:
    """ "X entered politics in 2002 as a member of Y's cabinet … became prime minister in 2010":
    an appointment stated as a past event (no tense cue, a start in the past) is over when the
    same person later took another political post elsewhere: politicians move on from office to
    office. For other posts a later post at the same organisation ("joined Acme in 2001 as an
    analyst … became its chief executive in 2010") or a later job elsewhere ("joined Siemens in
    2005 … became chief executive of Bosch in 2013"); a board seat is held beside other posts."""
    today = anchor or date.today().isoformat()
    for c in claims:
        if c.status_strength or c.start is None or not before(c.start.value, today):
            continue
        year = c.start.value[:4]
        if any(d.person == c.person and _replaces(c, d) and d.start is not None and before(year, d.start.value)
               for d in claims):
            c.status, c.status_strength = "former", 1


def _still_held(claims: list[Claim], anchor: Optional[str]) -> None:
    """ "Sir John was made permanent secretary in April 2001", "X took the helm in 2003": a post
    the text reports being taken up in the past, with no end, no later post that replaced it
    (``_superseded``) and no cue of its own, is held as of publication (weakly: any tense or
    "former" cue of another statement of it wins). An event with a start date counts as taking
    it up; a superlative ("first elected in 1983 as the youngest MP") says nothing of now."""
    today = anchor or date.today().isoformat()
    for c in claims:
        if c.status_strength or c.end is not None or c.took_up is False or not (c.took_up or c.start is not None):
            continue
        if c.start is None or before(c.start.value, today):
            c.status, c.status_strength = "current", 1


#: A membership or a job is no head's post: "its leader" never folds into "member" of a party.
NOT_FOLD_TARGETS = word_sets("role_classes_en.tsv")["not_fold_targets"]


def _fold_generic(claims: list[Claim]) -> None:
    """"NATO chief" folds into the same person's specific post at NATO."""
    for c in claims:
        if c.role not in FOLDABLE or c.org is None:
            continue
        specific = [d for d in claims if d.person == c.person and d.org == c.org and d.role not in FOLDABLE
                    and d.role not in NOT_FOLD_TARGETS]
        roles = {d.role for d in specific}
        if len(roles) == 1:
            c.role = specific[0].role
    _fold_employment(claims)


def _fold_employment(claims: list[Claim]) -> None:
    """ "She worked for Acme" beside "the former head of Acme's fund arm": the job at Acme is
    that post, not a second tenure, so a bare "employee" claim folds into the same person's one
    other post at the same organisation (a membership or a founding is no job there)."""
    for c in claims:
        if c.role != "employee" or c.org is None:
            continue
        roles = {d.role for d in claims if d.person == c.person and d.org == c.org and d.role != "employee"
                 and d.role not in NOT_FOLD_TARGETS}
        if len(roles) == 1:
            c.role = roles.pop()


def _fold_open_org(groups: dict) -> None:
    """A claim with no org joins the same person's same role at one known org."""
    for key in [k for k in groups if k[2] is None]:
        targets = [k for k in groups if k[0] == key[0] and k[1] == key[1] and k[2] is not None]
        if len(targets) == 1:
            groups[targets[0]].extend(groups[key])
            groups[key] = []


def _evidence_score(c: Claim) -> tuple:
    return (c.start is not None or c.end is not None, c.ordinal is not None, c.confidence, -c.sentence)


def _tenure(key, group: list[Claim], dead: bool) -> Tenure:
    best = max(group, key=_evidence_score)
    start = best.start or next((c.start for c in group if c.start), None)
    end = best.end or next((c.end for c in group if c.end), None)
    status_claim = max(group, key=lambda c: (c.status_strength, c.status == "former"))
    status = status_claim.status if status_claim.status_strength > 0 else "unknown"
    if dead:
        status = "former"
    org_claim = next((c for c in [best] + group if c.org_span is not None), None)
    return Tenure(
        person=key[0], role=key[1], org=key[2], start=start, end=end, status=status,
        ordinal=best.ordinal or next((c.ordinal for c in group if c.ordinal), None),
        sentence=best.sentence,
        person_span=Span(best.mention.start, best.mention.end, best.mention.text if best.mention.label != "pronoun" else ""),
        role_span=best.role_span, org_span=org_claim.org_span if org_claim else None, date_span=best.date_span,
        extractor=f"{EXTRACTOR_PREFIX}.v{best.version}:{best.rule}", confidence=max(c.confidence for c in group), role_text=best.role_text,
    )
