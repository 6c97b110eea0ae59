"""Verb rules: "X heads/led/founded ORG", "X works for/joined/writes for ORG", "ORG, led by X"."""

from __future__ import annotations

import re
from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..lexicon import word_map, word_sets, word_tuples
from ..mentions import skip_honorific
from ..roles import RoleMatch, _clean_org, _org_name_span, is_party
from .context import IRREALIS, Quoted, SentCtx, new_claim, person_at, tense_status
from .subjects import fronted_subject, subject_left


VERB_ROLES = word_map("verb_roles_en.tsv")


WORK_VERBS = {"works", "worked", "working", "work"}


#: "she teaches at X", "taught at X", "lectured at X": employment at a school or university.
TEACH_VERBS = {"teaches", "taught", "teach", "teaching", "lectures", "lectured", "lecturing"}


#: "X joined Y": party membership or employment, by what Y is.
JOIN_VERBS = {"joined", "joins", "rejoined", "rejoins", "joining", "join", "defected", "switched"}


#: "X was hired/employed/recruited by ORG": employment, in the passive only (the subject is hired).
HIRE_VERBS = {"hired", "employed", "recruited"}


#: "X writes/wrote for ORG": a writer for a publication.
WRITE_VERBS = {"writes", "wrote", "writing", "write", "written"}


#: Every verb ``verb_roles`` reads, for scanning a sentence's words before touching tokens.
ROLE_VERBS_GATE = set(VERB_ROLES) | WORK_VERBS | TEACH_VERBS | JOIN_VERBS | HIRE_VERBS | WRITE_VERBS


STAFF_NOUNS = {"faculty", "staff"}


#: Organisations one joins without being employed there (alliances, sports leagues, wars, bands).
NOT_EMPLOYER = re.compile(r"(?i)\b(league|alliance|union|coalition|war|cup|championship|band|movement|"
                           r"association|federation|club|team|united|city|fc)\b")


def verb_roles(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """SUBJ heads/led/chairs/founded ORG; SUBJ works for ORG (named organisations only)."""
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if w not in ROLE_VERBS_GATE:
            continue
        tok = doc[i]
        if w in VERB_ROLES and tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            j, role = i + 1, VERB_ROLES[w]
        elif w in WORK_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ in ("for", "at"):
            j, role = i + 2, "employee"
        elif w in TEACH_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ == "at":
            j, role = i + 2, "lecturer"
        elif w in JOIN_VERBS and tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            j, role = _join_object(doc, i)
        elif w in HIRE_VERBS and i > 0 and doc[i - 1].lower_ in ("was", "were", "been", "is", "be") \
                and i + 1 < len(doc) and doc[i + 1].lower_ == "by":
            j, role = i + 2, "employee"
        elif w in WRITE_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ == "for":
            j, role = i + 2, "writer"
        else:
            continue
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        span = _org_name_span(doc, j)
        if span is None or doc[span[0]].ent_type_ in ("PERSON", "DATE", "CARDINAL", "NORP") or person_at(ctx, span[0]):
            continue
        if span[1] < len(doc) and doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower() \
                and doc[span[1]].lower_ not in ORG_KIND_NOUNS:
            continue  # "led NATO troops", "joined EU talks": the name only modifies the object
        subject = subject_left(ctx, i, mentions, quoted) or fronted_subject(ctx, span[1])
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[min(pe, i):i]]
        if any(x in IRREALIS for x in between):
            continue
        start, name = _clean_org(doc, span[0], span[1])
        category = "executive"
        if role in ("employee", "writer") and (span[2] not in ("ORG", "rule:cap") or NOT_EMPLOYER.search(name)):
            continue  # "hired by Texas", "writes for the club": an employer is a named organisation
        if role in ("joined", "party_only"):
            role, category = _joined_role(doc, span, name, party_only=role == "party_only")
            if role is None:
                continue
        for start, end, label, name in [(start, span[1], span[2], name)] + _conjoined_orgs(ctx, span[1]):
            fake = RoleMatch(i, end, i, i + 1, role, category, text=doc[i:end].text, org_name=name,
                             org_start=start, org_end=end, org_label=label)
            claim = new_claim(ctx, fake, person, "verb_role")
            tense_status(claim, between + [w], doc, ps)
            if w in HIRE_VERBS:  # "was hired by X in 2012": an event that starts the employment
                claim.status, claim.status_strength, claim.dated_event = "unknown", 0, True
            if ps > span[1] and doc[0].lower_ in ("after", "before", "having"):
                claim.status, claim.status_strength = ("former", 1) if doc[0].lower_ in ("after", "having") else ("unknown", 0)
            out.append(claim)
    return out


#: Lower-case nouns after a name that say what kind of organisation it is ("the Brothers of
#: Italy party", "the Wagner group"): the name is still the object, not a modifier.
ORG_KIND_NOUNS = word_sets("words_en.tsv")["org_kind_nouns"]


def _conjoined_orgs(ctx: SentCtx, end: int) -> list[tuple[int, int, str, str]]:
    """ "taught at Acme University and the Oslo Art School": further organisations joined to a
    verb's object by "and" / ",". Only names NER calls organisations count, and the list stops
    at a clause ("and Jane Roe said", "and Acme hired …")."""
    doc, out = ctx.doc, []
    while end + 1 < len(doc) and doc[end].lower_ in ("and", ","):
        j = end + 1 + (doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "and")
        j += j < len(doc) and doc[j].lower_ == "the"
        span = _org_name_span(doc, j)
        if span is None or span[2] not in ("ORG", "rule:cap") or person_at(ctx, span[0]):
            break
        if span[2] == "rule:cap" and not (span[1] < len(doc) and doc[span[1]].lower_ in (",", "and")):
            break  # an untagged name counts only inside the list ("Siemens, Philips and Unilever")
        if span[1] < len(doc) and (doc[span[1]].pos_ in ("VERB", "AUX") or doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower()):
            break
        start, name = _clean_org(doc, span[0], span[1])
        out.append((start, span[1], span[2], name))
        end = span[1]
    return out


#: "ORG, led by NAME": the participle names the post the person holds at the organisation.
PASSIVE_ROLES = word_tuples("passive_roles_en.tsv")


def led_by(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "the Freedom Party, led by Jane Roe, …", "Acme (founded by John Doe)": a participle with
    "by" after an organisation's name gives its holder. Only organisations NER or the party
    lexicon names ("the attack, led by …" is no organisation)."""
    doc, out = ctx.doc, []
    for i in range(2, len(doc) - 2):
        role = PASSIVE_ROLES.get(doc[i].lower_)
        passive = doc[i - 1].lower_ in ("is", "was", "are", "were", "been") and doc[i - 1].pos_ == "AUX"
        if role is None or doc[i + 1].lower_ != "by" or not (doc[i - 1].text in (",", "(") or passive):
            continue
        p = person_at(ctx, skip_honorific(doc, i + 2))
        end = i - 1
        while passive and end > 1 and doc[end - 1].lower_ in ("is", "was", "are", "were", "been", "has", "have", "had"):
            end -= 1  # "the Louvre has been directed by X": the organisation ends before the auxiliaries
        ent = next((e for e in doc.ents if e.end == end), None)
        if p is None or ent is None or not (ent.label_ == "ORG" or is_party(ent.text, ent.label_)):
            continue
        start, name = _clean_org(doc, ent.start, ent.end)
        if not name:
            continue
        fake = RoleMatch(i, i + 1, i, i + 1, role[0], role[1], text=doc[i : i + 2].text, org_name=name,
                         org_start=start, org_end=ent.end, org_label=ent.label_)
        claim = new_claim(ctx, fake, p[2], "verb_role")
        if passive:  # "X is chaired by", "X was led by": the tense of the auxiliaries
            tense_status(claim, [t.lower_ for t in doc[end:i]], doc, 0)
        out.append(claim)
    return out


#: "was invited to join", "refused to join": the infinitive states no membership.
_NOT_JOINED_BEFORE = {"invited", "asked", "refused", "declined", "offered", "tried", "attempted", "failed", "hoped",
                      "wanted", "planned", "urged", "pressured", "encouraged"}


def _join_object(doc, i: int) -> tuple[int, str]:
    """ "joined the faculty/staff of ORG" -> the ORG after "of"; "defected/switched to the X
    Party" -> the party; "left X to join Y" -> Y; else the object of "joined"."""
    w = doc[i].lower_
    if w in ("defected", "switched"):
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
            return len(doc), "joined"
        return i + 2, "party_only"
    if w == "join" and (i < 2 or doc[i - 1].lower_ != "to" or doc[i - 2].lower_ in _NOT_JOINED_BEFORE):
        return len(doc), "joined"
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    if j + 1 < len(doc) and doc[j].lower_ in STAFF_NOUNS and doc[j + 1].lower_ in ("of", "at"):
        return j + 2, "lecturer" if doc[j].lower_ == "faculty" else "employee"
    return j, "joined"


def _joined_role(doc, span: tuple[int, int, str], name: str, party_only: bool = False) -> tuple[Optional[str], str]:
    """ "X joined the Labour Party" is membership; "X joined Acme Corp" employment (a named
    organisation only: NER ORG, not a place, a team of people or a war)."""
    if is_party(name, span[2]):
        return "member", "party"
    if span[2] == "ORG" and not party_only and not NOT_EMPLOYER.search(name) and not _sports_team(doc, name):
        return "employee", "employee"
    return None, ""


#: Plural last words of company names ("Singapore Airlines", "General Motors"): no team.
_CORPORATE_PLURALS = word_sets("words_en.tsv")["corporate_plurals"]


#: Words that make a sentence about sport: a team one joins there is no employer in the usual sense.
SPORT_CUES = word_sets("words_en.tsv")["sport_cues"]


def _sports_team(doc, name: str) -> bool:
    """ "joined the Chicago Bears as a free agent": a name ending in a plural (Bears, Vikings,
    Lakers) in a sentence about sport is a team; playing for one is team membership, which
    Wikidata keeps apart from employment."""
    last = name.split()[-1].lower() if name.split() else ""
    if len(name.split()) < 2 or not last.endswith("s") or last in _CORPORATE_PLURALS:
        return False
    return any(t.lower_ in SPORT_CUES for t in doc)


#: "has represented the constituency/seat of X since 1970": the subject is its member of parliament.
REPRESENT_VERBS = {"represents", "represented", "representing", "represent"}
SEAT_NOUNS = {"constituency", "seat", "riding"}


def represents_seat(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """SUBJ represents/has represented the constituency (of) X: a member of parliament, of the
    document's country (``places.document_country``). Keyword-gated on the verb."""
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if w not in REPRESENT_VERBS or doc[i].pos_ not in ("VERB", "AUX"):
            continue
        j = i + 1 + (i + 1 < len(doc) and ctx.lowers[i + 1] in ("the", "his", "her", "a"))
        if j >= len(doc) or ctx.lowers[j] not in SEAT_NOUNS:
            continue
        subject = subject_left(ctx, i, mentions, quoted)
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[pe:i]]
        if any(x in IRREALIS for x in between) or len(between) > 6:
            continue
        fake = RoleMatch(i, j + 1, i, i + 1, "member of parliament", "legislator", text=doc[i:j + 1].text)
        claim = new_claim(ctx, fake, person, "verb_role")
        tense_status(claim, between + [w], doc, ps)
        if claim.status == "unknown" and w in ("represents", "representing"):
            claim.status, claim.status_strength = "current", 1
        out.append(claim)
    return out
