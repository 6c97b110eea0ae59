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
* ``de_succeed``  "X folgt Y als Cheftrainer des VSV nach", "X löste Y als Vorsitzende ab", "X beerbt Y
                  als Bürgermeister": the subject took the post over (present: holds it now), the
                  object held it before (former).
* ``de_seat``     a seat in a body by moving into or out of it: "der Rückzug von X aus dem Landtag"
                  (former), "ob X sich aus dem Landtag zurückzieht" (a member now: leaving presupposes
                  the seat, whatever the modality), "X zog 2013 in den Nationalrat ein" (current), or by
                  sitting in it: "X sitzt seit 2008 im Nationalrat" (current), "X saß im Gemeinderat" (former);
                  who moves up into a seat left: "Nach dem Rückzug von Y aus dem Landtag ist X nachgerückt".
* ``de_board``    a seat on a company's or foundation's board by sitting on it: "X sitzt im Aufsichtsrat der
                  Talwerk AG" (current), "die Y-Stiftung, in deren Vorstand X saß" (former): the board's
                  organisation is the genitive after it or the relative pronoun's antecedent.

This module only finds the constructions (token positions, plain tuples); ``de/rules.py`` turns
them into claims with its role phrases, so the two modules share no code and import in one
direction (rules -> verbs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .orgs import named_compound

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
    role_name: str = ""  # the role of a seat (de_seat), named by its body


def _clause_free(doc, lo: int, hi: int) -> bool:
    """No clause break between tokens lo and hi, except an aside between dashes ("zog sich – wie
    berichtet – am Montag … zurück")."""
    inside = _outside_asides(doc, lo, hi)
    return not any(doc[k].lower_ in CLAUSE_BREAKS for k in inside)


def _outside_asides(doc, lo: int, hi: int) -> list[int]:
    """Token indices in [lo, hi) that are not inside a dash-enclosed aside of at most 5 words."""
    out, k = [], lo
    while k < hi:
        if doc[k].text in ("–", "—"):
            close = next((j for j in range(k + 1, min(hi, k + 7)) if doc[j].text == doc[k].text), None)
            if close is not None:
                k = close + 1
                continue
        out.append(k)
        k += 1
    return out


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
        v = next((j for j in range(m.start - 2, max(-1, m.start - 2 - MAX_GAP - 6), -1) if doc[j].lower_ in EXIT_VERBS), None)
        if v is None or len(_outside_asides(doc, v, m.start)) > MAX_GAP + 1 or not _clause_free(doc, v, m.start) \
                or any(t.lower_ in irrealis for t in doc[v : m.start]):
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


#: Verbs of succeeding someone "als ROLE" -> (the particle the verb needs, the copula the successor's
#: post stands for): present "folgt … nach" holds the post now, past "folgte … nach" took it up.
SUCCESSION_VERBS = {"folgt": ("nach", "ist"), "folgte": ("nach", "wurde"), "löst": ("ab", "ist"), "löste": ("ab", "wurde"),
                    "beerbt": ("", "ist"), "beerbte": ("", "wurde"), "ersetzt": ("", "ist"), "ersetzte": ("", "wurde")}


def successions(doc, roles: list, spans: list[Span], after_age: Callable, irrealis: set[str]) -> list[VerbPost]:
    """"X folgt (dem entlassenen) Y als ROLE nach": two posts, the successor's (rule de_succeed) and
    the predecessor's (de_exit, former), both of the role phrase after "als". The successor is the
    verb's subject (before it, or right after it in verb-second order), the predecessor the person
    between the verb and "als"; the particle ("nach", "ab") must follow the role phrase."""
    out = []
    for n, m in enumerate(roles):
        a = m.start - 1
        if a < 2 or doc[a].lower_ != "als":
            continue
        v = next((k for k in range(a - 1, max(-1, a - 1 - MAX_GAP), -1) if doc[k].lower_ in SUCCESSION_VERBS), None)
        if v is None or not _clause_free(doc, v, a) or any(t.lower_ in irrealis for t in doc[max(0, v - 3) : m.end]):
            continue
        particle, verb_as = SUCCESSION_VERBS[doc[v].lower_]
        if particle and not any(t.lower_ == particle for t in doc[m.end : m.end + 3]):
            continue
        successor = _subject(doc, v, spans, after_age)
        before = [p for p in spans if v < p[0] and p[1] <= a and p is not successor]
        if successor is None or len(before) != 1:
            continue
        lo, hi = _clause_start(doc, min(v, successor[0])), min(len(doc), m.end + 3)  # "Im Mai 2019 löste X …"
        out.append(VerbPost(successor[2], "de_succeed", v, verb_as, lo, hi, role=n))
        out.append(VerbPost(before[0][2], "de_exit", v, "war", lo, hi, role=n))
    return out


#: Words of leaving a body ("aus dem Landtag"): past ones end the seat; present ones presuppose it,
#: whatever the modality ("ob X sich aus dem Landtag zurückzieht", "X will … ausscheiden").
LEFT = {"zurückgezogen", "ausgeschieden", "rückzug", "abgang", "schied", "schieden"}
LEAVING = {"zurückzieht", "zurückziehen", "scheidet", "verlässt"}
#: Words of entering a body ("in den Landtag"): done moves give a seat, announced ones a seat to come.
ENTERED = {"eingezogen", "nachgerückt", "einzug", "wechselte", "wechselten", "gewechselt"}
TO_ENTER = {"sprung", "einziehen", "nachrücken", "wechseln"}
FUTURE_MODALS = {"dürfte", "dürften", "wird", "werden", "soll", "sollen"}
#: Verbs of sitting in a body ("im Landtag"): present holds the seat, past held it.
SITS = {"sitzt", "sitzen"}
SAT = {"saß", "saßen"}


def seats(doc, spans: list[Span], bodies: dict[str, str], irrealis: set[str]) -> list[VerbPost]:
    """Seats stated by sitting in ("sitzt im Landtag"), moving out of ("aus dem Landtag") or into ("in den Landtag") a body of
    ``bodies`` (body form -> kb's role name): the holder is the nearest person named before, in
    the same clause, not after a preposition; a pronoun is never taken (it may point forward)."""
    out = []
    for b in range(2, len(doc)):
        pair = (doc[b - 2].lower_, doc[b - 1].lower_)
        if doc[b].lower_ in bodies and doc[b - 1].lower_ == "im":
            pair = ("im", "")  # "X sitzt seit 2008 im Nationalrat"
        elif doc[b].lower_ not in bodies or pair not in (("aus", "dem"), ("in", "den")):
            continue
        lo = b - 2
        while lo > 0 and b - lo < 16 and doc[lo - 1].lower_ not in CLAUSE_BREAKS - {",", "(", ")"} and doc[lo - 1].text not in (";", ":"):
            lo -= 1
        hi = b + 1
        while hi < len(doc) and hi - b < 6 and doc[hi].lower_ not in CLAUSE_BREAKS and not doc[hi].is_punct:
            hi += 1
        words = {t.lower_ for t in doc[lo:hi]}
        status = _seat_status(pair[0], words, irrealis)
        if status is None:
            continue
        holder = [s for s in spans if lo <= s[0] and s[1] <= b - 1 - (pair[0] != "im") and getattr(s[2], "label", "") != "pronoun"
                  and not (s[0] > 0 and doc[s[0] - 1].lower_ in ("mit", "für", "gegen", "ohne", "über", "bei"))]
        holder = holder or _named_after_colon(doc, lo, b, spans)
        if not holder:
            continue
        post = VerbPost(holder[-1][2], "de_seat", b, status, lo, hi, org=(b, b + 1, doc[b].text, "ORG"))
        post.role_name = bodies[doc[b].lower_]
        out.append(post)
        if pair[0] == "aus":
            out.extend(_moved_up(doc, b, spans, holder[-1], post.role_name, irrealis))
    return out


#: Relative pronouns of a board's owner: "die Stiftung, in deren Vorstand X saß".
OWNER_RELATIVES = {"deren", "dessen"}


def boards(doc, spans: list[Span], bodies: dict[str, str], irrealis: set[str], org_after: Callable) -> list[VerbPost]:
    """Board seats stated by sitting on a board of ``bodies`` (body form -> kb's role name) with its
    organisation named: "X sitzt im Aufsichtsrat der Y" (holder before "im", organisation after the
    board) or "Y, in deren Vorstand X saß" (holder after the board, the organisation before the comma)."""
    out = []
    for b in range(2, len(doc) - 1):
        if doc[b].lower_ not in bodies:
            continue
        if doc[b - 1].lower_ == "im":
            post = _sits_on(doc, b, spans, irrealis, org_after)
        elif doc[b - 1].lower_ in OWNER_RELATIVES and doc[b - 2].lower_ == "in":
            post = _owner_board(doc, b, spans, irrealis)
        else:
            continue
        if post is not None:
            post.role_name = bodies[doc[b].lower_]
            out.append(post)
    return out


def _sits_on(doc, b: int, spans: list[Span], irrealis: set[str], org_after: Callable) -> Optional[VerbPost]:
    """"X sitzt (seit 2019) im Aufsichtsrat der Y": the nearest person before "im" in the clause."""
    org = org_after(doc, b + 1)
    if org is None or org[3] != "ORG":
        return None
    lo = b - 1
    while lo > 0 and b - lo < 12 and doc[lo - 1].lower_ not in CLAUSE_BREAKS:
        lo -= 1
    words = {t.lower_ for t in doc[lo:b]}
    verb_as = "ist" if words & SITS else "war" if words & SAT else None
    holder = [s for s in spans if lo <= s[0] and s[1] <= b - 1 and getattr(s[2], "label", "") != "pronoun"]
    if verb_as is None or words & irrealis or not holder:
        return None
    verb = next(k for k in range(lo, b) if doc[k].lower_ in SITS | SAT)
    return VerbPost(holder[-1][2], "de_board", verb, verb_as, lo, org[1], org=org)


def _owner_board(doc, b: int, spans: list[Span], irrealis: set[str]) -> Optional[VerbPost]:
    """"die Flick-Privatstiftung, in deren Vorstand X saß": the organisation entity right before the
    comma, the person after the board, the verb after the person."""
    if b < 4 or doc[b - 3].text != "," or not (doc[b - 4].ent_type_ == "ORG" or named_compound(doc[b - 4].text)):
        return None
    first = b - 4
    while first > 0 and doc[first - 1].ent_type_ == "ORG" and doc[first].ent_iob_ == "I":
        first -= 1
    holder = next((s for s in spans if s[0] == b + 1 and getattr(s[2], "label", "") != "pronoun"), None)
    if holder is None or holder[1] >= len(doc):
        return None
    w = doc[holder[1]].lower_
    verb_as = "ist" if w in SITS else "war" if w in SAT else None
    if verb_as is None or any(t.lower_ in irrealis for t in doc[b:holder[1] + 2]):
        return None
    org = (first, b - 3, doc[first:b - 3].text, "ORG")
    return VerbPost(holder[2], "de_board", holder[1], verb_as, b - 2, holder[1] + 1, org=org)


def _named_after_colon(doc, lo: int, b: int, spans: list[Span]) -> list[Span]:
    """A pronoun subject that the sentence names after a colon: "… dürfte er den Sprung in den Landtag
    schaffen: X, 28 Jahre alt, …" (news opens with the pronoun and names the person after it)."""
    if not any(doc[k].lower_ in ("er", "sie") for k in range(lo, b)):
        return []
    colon = next((k for k in range(b + 1, min(len(doc), b + 6)) if doc[k].text == ":"), None)
    return [s for s in spans if colon is not None and s[0] == colon + 1 and getattr(s[2], "label", "") != "pronoun"]


#: Words of moving up into a seat someone left: "Nach dem Rückzug von Y aus dem Landtag ist X nachgerückt".
#: The perfect ("ist nachgerückt") has the successor in the seat now; present and past narrate the move.
MOVED_UP = {"nachgerückt": "ist", "nachrückt": "wurde", "rückt": "wurde", "rückte": "wurde", "nachrücken": "future"}


def _moved_up(doc, b: int, spans: list[Span], left: Span, role: str, irrealis: set[str]) -> list[VerbPost]:
    """The person who moves up into the seat the sentence has someone leave ("aus dem Landtag"):
    "… ist X nachgerückt", "… rückt X nach", "… soll X nachrücken" (a seat to come). The successor is
    the last person named between the body and the verb, never a pronoun or the one who left."""
    for v in range(b + 1, len(doc)):
        w = doc[v].lower_
        if w not in MOVED_UP or w in ("rückt", "rückte") and not any(t.lower_ == "nach" for t in doc[v + 1 : v + 6]):
            continue
        words = {t.lower_ for t in doc[b:v + 1]}
        verb_as = "future" if MOVED_UP[w] == "future" and words & FUTURE_MODALS else MOVED_UP[w]
        if words & (irrealis - FUTURE_MODALS) or verb_as == "future" and not words & FUTURE_MODALS:
            return []
        after = v + 6 if w in ("rückt", "rückte") else v
        between = [s for s in spans if b < s[0] and s[1] <= after and s is not left and getattr(s[2], "label", "") != "pronoun"]
        if not between:
            return []
        # dates count from the successor's name on: "der 1972 geborene Bürgermeister X" is no date of the seat
        post = VerbPost(between[-1][2], "de_seat", v, verb_as, between[-1][0], min(len(doc), v + 1), org=(b, b + 1, doc[b].text, "ORG"))
        post.role_name = role
        return [post]
    return []


def _seat_status(direction: str, words: set[str], irrealis: set[str]) -> Optional[str]:
    """The copula a move stands for: "war" (left), "ist" (leaving now: a member), "wurde" (moved
    in), "future" (to move in), None when the clause holds no move or denies one."""
    if direction == "im":  # sitting in a body is holding its seat; other verbs there ("sprach im Landtag") are not
        if words & irrealis:
            return None
        return "ist" if words & SITS else "war" if words & SAT else None
    if direction == "aus":
        if words & LEFT or words & {"zog", "zogen"} and "zurück" in words:
            return "war"
        if words & LEAVING or words & {"zieht", "ziehen"} and "zurück" in words:
            return "ist"
        return None
    if words & (irrealis - FUTURE_MODALS):
        return None
    if words & FUTURE_MODALS:
        return "future" if words & TO_ENTER or "ein" in words else None
    if words & ENTERED or words & {"zog", "zogen"} and "ein" in words or words & {"rückte", "rückten"} and "nach" in words:
        return "wurde"
    return None
