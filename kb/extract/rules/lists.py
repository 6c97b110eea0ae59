"""One role for a list of persons: "The ten former directors are A, B and C", "two other
directors, A and B,", "the three Acme directors in question - A, B and C", "Presidents A, B and C".

A plural role noun ("directors", "chairmen", "vice presidents") names the post of every person
in the list that it introduces: after a copula or "include", after a comma or a dash (with at
most a short verbless stretch before the dash), or right after a capitalised plural title. The
organisation is the noun phrase's premodifier ("Acme directors") or "of ORG"; a directorship with
no organisation is left to the document's main organisation (``orgs.document_org``) and dropped
when there is none. "former"/"ex" in the noun phrase makes every tenure former.
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..lexicon import lexicon
from ..mentions import skip_honorific
from ..roles import FORMER_CUES, NOT_NAME_WORDS, ROLE_MODIFIERS, RoleMatch, _clean_org, _is_cap, _org_name_span
from .context import EXIT_WORDS, Quoted, SentCtx, add_rule_person, new_claim, person_at, tense_status

#: Words that open the list right after the plural noun.
_LIST_OPENERS = {"are", "were", "include", "included", "including", "namely", ",", "-", "–", "—", ":"}
#: Dashes that may open the list after a short verbless stretch ("directors in question - A, B").
_DASHES = {"-", "–", "—", ":"}
#: Words inside the noun phrase before the plural noun that neither stop it nor name an org.
_NP_WORDS = {"the", "its", "their", "other", "outside", "independent", "non", "-", "both", "all", "two", "three",
             "four", "five", "six", "seven", "eight", "nine", "ten", "several", "remaining", "fellow"}


def _singular(w: str) -> Optional[str]:
    """ "directors" -> "director", "chairmen" -> "chairman"; None for a word that is no plural."""
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return None


def _plural_role(ctx: SentCtx, i: int):
    """(core start, role entry) of a plural role noun ending at token i, else None."""
    sing = _singular(ctx.lowers[i])
    if sing is None:
        return None
    roles = lexicon().roles
    if i > 0 and (ctx.lowers[i - 1], sing) in roles:
        return i - 1, roles[(ctx.lowers[i - 1], sing)]
    entry = roles.get((sing,))
    return (i, entry) if entry is not None else None


def _list_start(ctx: SentCtx, i: int) -> Optional[int]:
    """Index where the list of persons starts after the plural noun at i (None if none)."""
    doc = ctx.doc
    j = i + 1
    if j >= len(doc):
        return None
    if ctx.lowers[j] in _LIST_OPENERS:
        return j + 1
    if person_at(ctx, skip_honorific(doc, j)) is not None:
        return j  # "Presidents A, B and C", "former Acme directors A and B": a plural title before the names
    for k in range(j, min(len(doc), j + 15)):
        if ctx.lowers[k] in _DASHES:
            return k + 1
        if doc[k].pos_ in ("VERB", "AUX") or person_at(ctx, k) is not None or doc[k].text in (";", "(", ")"):
            return None
    return None


def _untagged_name(ctx: SentCtx, j: int) -> Optional[tuple[int, int]]:
    """ "Reveta Bowers, Stanley Gold and …": two or three capitalised words NER left untagged,
    followed by "," or "and" (a list item); the caller keeps it only when a tagged person follows."""
    doc, k = ctx.doc, j
    while k < len(doc) and k - j < 3 and doc[k].is_alpha and doc[k].text[:1].isupper() and not doc[k].ent_type_ \
            and doc[k].pos_ == "PROPN" and ctx.lowers[k] not in NOT_NAME_WORDS:
        k += 1
    if k - j < 2 or k >= len(doc) or ctx.lowers[k] not in (",", "and"):
        return None
    return j, k


def _persons(ctx: SentCtx, j: int, mentions: list[Mention]) -> list[tuple[int, int, Mention]]:
    """The persons listed from token j: names joined by commas and "and". An untagged name
    inside the list becomes a person when a tagged person follows it in the same list."""
    doc, out = ctx.doc, []
    pending: list[tuple[int, int]] = []
    while j < len(doc):
        if ctx.lowers[j : j + 3] == ["the", "estate", "of"] and pending == []:
            j += 3  # "A, B and the estate of C": the late C held the post too
        p = person_at(ctx, skip_honorific(doc, j))
        if p is None:
            span = _untagged_name(ctx, skip_honorific(doc, j))
            if span is None:
                break
            pending.append(span)
            p = (span[0], span[1], None)
        elif pending:
            for span in pending:
                person = add_rule_person(ctx, span, "list_name", mentions)
                out = [person if q[2] is None and q[0] == span[0] else q for q in out]
            pending = []
        out.append(p)
        nxt = p[1]
        if nxt < len(doc) and doc[nxt].text == ",":
            nxt += 1
        if nxt < len(doc) and ctx.lowers[nxt] == "and":
            nxt += 1
        if nxt == p[1]:
            break
        j = nxt
    return [q for q in out if q[2] is not None]


def _noun_phrase(ctx: SentCtx, cs: int, m: RoleMatch) -> None:
    """Walk left over the noun phrase: modifiers go into the role, "former" into the status, a
    capitalised premodifier ("Acme directors") is the organisation."""
    doc, k = ctx.doc, cs - 1
    org_end = None
    prefix: list[str] = []
    while k >= 0:
        w = ctx.lowers[k]
        if w in ROLE_MODIFIERS and org_end is None:
            prefix.insert(0, w)
        elif w in FORMER_CUES:
            m.status_cue = "former"
        elif _is_cap(doc[k]) and doc[k].is_alpha and w not in NOT_NAME_WORDS and doc[k].ent_type_ not in ("CARDINAL", "PERSON") \
                and w not in _NP_WORDS and (org_end is None or org_end == k + 1 or doc[k + 1].ent_iob_ == "I"):
            org_end = org_end or k + 1
            m.org_start = k
        elif w in _NP_WORDS or doc[k].like_num:
            if org_end is not None:
                break
        else:
            break
        k -= 1
    m.start = k + 1
    if prefix:
        m.role = " ".join(prefix + [m.role])
    if org_end is not None and not (m.org_start == 0 and org_end == 1):
        start, name = _clean_org(doc, m.org_start, org_end)
        if name:
            m.org_name, m.org_start, m.org_end, m.org_label = name, start, org_end, "rule:cap"


def _org_of(ctx: SentCtx, i: int, m: RoleMatch) -> int:
    """ "directors of Acme are …": the organisation after "of"; returns the index after it."""
    doc = ctx.doc
    if i + 1 < len(doc) and ctx.lowers[i] == "of":
        j = i + 1 + (ctx.lowers[i + 1] == "the")
        span = _org_name_span(doc, j)
        if span is not None and doc[span[0]].ent_type_ != "PERSON":
            start, name = _clean_org(doc, span[0], span[1])
            m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]
            return span[1]
    return i


#: Words between a list and its verb ("- have all since left").
_VERB_GAP = {"-", "–", "—", ",", "have", "has", "had", "all", "both", "since", "now", "already", "each", "subsequently",
             "later", "then"}


def _left_after(ctx: SentCtx, j: int) -> bool:
    """ "… A, B and C - have all since left the company": a verb of leaving after the list."""
    for k in range(j, min(len(ctx.doc), j + 8)):
        w = ctx.lowers[k]
        if w in EXIT_WORDS:
            return True
        if w not in _VERB_GAP:
            return False
    return False


#: Verb-group words between a list of subjects and a plural role ("A and B were both appointed").
_SUBJECT_LINK = {"are", "were", "became", "become", "remain", "remained", "have", "had", "been", "both", "all", "also",
                 "appointed", "named", "elected", "made", "jointly", "now", "as", "serve", "served", "the", "joint"}


def _persons_before(ctx: SentCtx, start: int) -> tuple[list[tuple[int, int, Mention]], list[str]]:
    """ "A, B and C were appointed directors", "A and B served as co-chairmen": the persons joined
    by commas and "and" that are the subject of a verb group ending right before the plural role
    noun phrase at ``start``; the group must hold a copula or an appointment verb. Returns the
    persons and the verb group's words (their tense is the tenures' status)."""
    k, words = start, []
    while k > 0 and ctx.lowers[k - 1] in _SUBJECT_LINK:
        k -= 1
        words.append(ctx.lowers[k])
    if not set(words) & (_SUBJECT_LINK - {"both", "all", "also", "jointly", "now", "the", "joint"}):
        return [], []
    out: list[tuple[int, int, Mention]] = []
    p = next((q for q in ctx.persons if q[1] == k), None)
    while p is not None:
        out.insert(0, p)
        j = p[0]
        if j > 0 and ctx.lowers[j - 1] == "and":
            j -= 1
        if j > 0 and ctx.lowers[j - 1] == ",":
            j -= 1
        if j == p[0]:
            break
        p = next((q for q in ctx.persons if q[1] == j), None)
    return out, words


def _lone_title(ctx: SentCtx, m: RoleMatch, i: int, p: tuple[int, int, Mention]) -> bool:
    """ "fellow former Disney directors Roy Disney": a plural title right before one name (the
    rest of the list left out) is still that person's title, when the noun phrase names the
    organisation or says "former"/"fellow" and no verb follows the name (not "the directors Roy
    Disney appointed", where the name starts a relative clause)."""
    doc = ctx.doc
    if skip_honorific(doc, i + 1) != p[0] or not (m.org_name or m.status_cue or "fellow" in ctx.lowers[m.start:i]):
        return False
    return p[1] >= len(doc) or doc[p[1]].pos_ not in ("VERB", "AUX")


def role_list(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """Each person of a list introduced by a plural role noun holds that role (module docstring).
    Keyword-gated: only words ending in "s"/"men" whose singular is a lexicon role are looked at."""
    if not ctx.persons:
        return []
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if not (w.endswith("s") or w.endswith("men")) or doc[i].pos_ not in ("NOUN", "PROPN"):
            continue
        found = _plural_role(ctx, i)
        if found is None:
            continue
        cs, entry = found
        m = RoleMatch(start=cs, end=i + 1, core_start=cs, core_end=i + 1, role=entry.role, category=entry.category,
                      capitalised=doc[cs].text[:1].isupper())
        _noun_phrase(ctx, cs, m)
        after = _org_of(ctx, i + 1, m) if m.org_name is None else i + 1
        start = _list_start(ctx, after - 1)
        persons = _persons(ctx, start, mentions) if start is not None else []
        verb_group: list[str] = []
        if len(persons) == 1 and not _lone_title(ctx, m, i, persons[0]):
            persons = []
        if not persons:
            persons, verb_group = _persons_before(ctx, m.start)
            if len(persons) < 2:
                continue
        singular = doc[i].text[:-3] + "man" if w.endswith("men") else doc[i].text[:-1]
        m.text = " ".join([t.text for t in doc[cs:i]] + [singular])  # "President": the title as one holder's
        m.end = max(m.end, m.org_end)
        left = _left_after(ctx, persons[-1][1])
        for p in persons:
            claim = new_claim(ctx, m, p[2], "role_list")
            if verb_group:
                tense_status(claim, verb_group, doc, p[0])
            if left:
                claim.status, claim.status_strength = "former", 2
            out.append(claim)
    return out
