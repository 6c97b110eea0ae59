"""German tenures that a verb states: leading, leaving and appointing (the verb rules' one job).

The noun rules (``de/rules.py``) attach a role word to a person by its position (title, apposition,
copula). Three common news constructions name the post through a verb instead:

* ``de_leads``    "X leitet seit 2022 das Institut für Küstenforschung", "Seit 2019 leitete X die
                  Stadtwerke": the subject heads the organisation that is the object (role "head").
* ``de_exit``     "X trat 1998 als Vorsitzender des Heimatvereins zurück", "X zog sich am Montag als
                  SPÖ-Chefin zurück": the subject held the post and left it; the date ends it. Only
                  the past tense: "tritt … zurück" announces a resignation whose handover is open.
* ``de_appoint``  "Die Stadtwerke Lindau haben X 2019 zur Geschäftsführerin ernannt", "Der Vorstand
                  hat X zum Sprecher bestellt": the object took up the post; the subject, when it is
                  an organisation, is the post's organisation, the date starts it.

This module only finds the constructions (token positions, plain tuples); ``de/rules.py`` turns
them into claims with its role phrases, so the two modules share no code and import in one
direction (rules -> verbs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

#: "leitet" (present: current) / "leitete" (past: former): the subject heads the object.
LEAD_VERBS = {"leitet": "ist", "leiten": "sind", "leitete": "war", "leiteten": "waren"}
#: Articles that open the led organisation ("das Institut", "die Stadtwerke", "den Verein").
OBJECT_ARTICLES = ("das", "die", "den")
#: Past-tense verbs of leaving a post with the particle "zurück": "trat … zurück", "zog sich … zurück".
EXIT_VERBS = {"trat", "traten", "zog", "zogen"}
#: Participles of appointing, with the perfect's auxiliary before them: "hat X zur Y ernannt".
APPOINT_PARTICIPLES = {"ernannt", "gewählt", "bestellt", "berufen", "nominiert", "befördert"}
APPOINT_AUX = {"hat", "haben", "hatte", "hatten"}
#: Tokens that end the clause a verb construction lives in.
CLAUSE_BREAKS = {",", ";", ":", "und", "oder", "aber", "dass", "weil", "während", "nachdem", "(", ")", "–", "—"}
MAX_GAP = 10  # tokens between the verb and the object or role

Span = tuple[int, int, object]  # (first token, end token, person Mention) as rules.py keeps them


@dataclass
class VerbPost:
    """A post a verb states: the holder, the verb's token, the tokens the claim's dates may
    lie in, and the verb read as the copula it stands for ("ist", "war", "wurde")."""

    person: object  # the holder's Mention
    rule: str
    verb: int  # token index of the verb
    verb_as: str
    lo: int  # first token of the clause part whose dates count
    hi: int  # one past its last token
    role: Optional[int] = None  # index into the sentence's role phrases (exit, appoint)
    org: Optional[tuple[int, int, str, str]] = None  # (first token, end, name, label): the led or appointing body


def _clause_free(doc, lo: int, hi: int) -> bool:
    """No clause break between tokens lo and hi."""
    return not any(t.lower_ in CLAUSE_BREAKS for t in doc[lo:hi])


def _clause_start(doc, i: int) -> int:
    """The first token of the clause token i is in: "Seit 2019 leitet X …" dates the verb too."""
    while i > 0 and doc[i - 1].lower_ not in CLAUSE_BREAKS:
        i -= 1
    return i


def _subject(doc, v: int, spans: list[Span], after_age: Callable[[object, int], int]) -> Optional[Span]:
    """The person subject of the verb at v: right before it ("X leitet", "X (41) leitet") or right
    after it in verb-second order ("Seit 2019 leitet X …")."""
    before = next((s for s in spans if after_age(doc, s[1]) == v), None)
    if before is not None:
        return before
    return next((s for s in spans if s[0] == v + 1), None)


def leads(doc, spans: list[Span], org_at: Callable, after_age: Callable, irrealis: set[str]) -> list[VerbPost]:
    """"X leitet (seit 2022) das/die ORG": the subject heads the object organisation."""
    out = []
    for v, tok in enumerate(doc):
        if tok.lower_ not in LEAD_VERBS:
            continue
        subj = _subject(doc, v, spans, after_age)
        if subj is None or any(t.lower_ in irrealis for t in doc[max(0, subj[0] - 3) : v + 1]):
            continue
        k = subj[1] if subj[0] == v + 1 else v + 1
        obj = next((j for j in range(k, min(len(doc), k + MAX_GAP)) if doc[j].lower_ in OBJECT_ARTICLES), None)
        if obj is None or not _clause_free(doc, k, obj) or any(t.lower_ in irrealis for t in doc[k:obj]):
            continue
        org = org_at(doc, obj, OBJECT_ARTICLES)
        if org is None:
            continue
        out.append(VerbPost(subj[2], "de_leads", v, LEAD_VERBS[tok.lower_], _clause_start(doc, min(v, subj[0])), org[1], org=org))
    return out


def exits(doc, roles: list, spans: list[Span], after_age: Callable, irrealis: set[str]) -> list[VerbPost]:
    """"X trat (1998) als ROLE (des ORG) zurück": a post held and left."""
    out = []
    for n, m in enumerate(roles):
        if m.start == 0 or doc[m.start - 1].lower_ != "als":
            continue
        back = next((j for j in range(m.end, min(len(doc), m.end + 3)) if doc[j].lower_ == "zurück"), None)
        if back is None:
            continue
        v = next((j for j in range(m.start - 2, max(-1, m.start - 2 - MAX_GAP), -1) if doc[j].lower_ in EXIT_VERBS), None)
        if v is None or not _clause_free(doc, v, m.start) or any(t.lower_ in irrealis for t in doc[v : m.start]):
            continue
        subj = _subject(doc, v, spans, after_age)
        if subj is None:
            continue
        out.append(VerbPost(subj[2], "de_exit", v, "war", min(v, subj[0]), back + 1, role=n))
    return out


def appoints(doc, roles: list, spans: list[Span], org_entity: Callable, irrealis: set[str]) -> list[VerbPost]:
    """"ORG hat/haben X (2019) zum/zur ROLE ernannt": the object took up the post."""
    out = []
    for n, m in enumerate(roles):
        if m.start == 0 or doc[m.start - 1].lower_ not in ("zum", "zur") or m.end >= len(doc) \
                or doc[m.end].lower_ not in APPOINT_PARTICIPLES:
            continue
        aux = next((j for j in range(m.start - 2, max(-1, m.start - 2 - MAX_GAP), -1) if doc[j].lower_ in APPOINT_AUX), None)
        if aux is None or not _clause_free(doc, aux, m.start) or any(t.lower_ in irrealis for t in doc[: m.end]):
            continue
        obj = next((s for s in spans if aux < s[0] and s[1] <= m.start - 1), None)
        if obj is None:
            continue
        body = org_entity(doc, aux)  # the subject before the auxiliary, when it is an organisation
        out.append(VerbPost(obj[2], "de_appoint", aux, "wurde", aux, m.end, role=n, org=body))
    return out
