"""Role phrases in English sentences: lexicon lookups, modifiers, ordinals and the organisation.

A role phrase is found by looking up token sequences in the role lexicon (``lexicon.py``
reads it from ``lexicons/roles_en.tsv``; ministerial portfolios from ``portfolios_en.tsv``). Lookups are on
lower-case words with hyphens ignored, so "Secretary-General", "secretary general" and
"SECRETARY GENERAL" are one entry. Around the core the phrase grows left over modifiers
("first deputy", "former", "ex-", "then-"), an ordinal ("14th") and an organisation premodifier
("NATO", "Russian" -> Russia, "Norway's"), and right over "of/at ORG" and an "(ACRONYM)".

Everything here works on a bare tokenised Doc (blank pipeline): NER labels and POS tags are
used when present, and capitalisation stands in for them when not. The lexicon is read once
per process (``lexicon.lexicon()`` is cached); matching is dictionary lookups over at most a few
tokens per position, so the per-sentence cost stays small next to spaCy's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..roletitles import grammar
from .lexicon import Lexicon, RoleEntry, lexicon, name_affixes, word_lists, word_sets

#: Modifiers that become part of the role name ("first deputy chairman", "vice chairman").
ROLE_MODIFIERS = {"deputy", "vice", "assistant", "associate", "co", "joint", "senior", "principal", "executive", "shadow"}
#: "first" is a role word only before deputy/vice ("first deputy chairman"); else an ordinal.
FORMER_CUES = {"former", "ex", "then", "late", "previous", "erstwhile", "outgoing", "one-time", "onetime"}
CURRENT_CUES = {"current", "sitting", "incumbent", "serving", "present"}
#: Modifiers skipped over (kept in role_text only).
SKIP_MODIFIERS = {
    "acting", "interim", "new", "newly", "designate", "longtime", "long", "time",
    "longest", "serving", "powerful", "veteran", "influential", "top", "chief", "-", "then", "founding",
}
#: Roles so generic that they need an organisation (or a capitalised title use) to count.
GENERIC_ROLES = word_sets("role_classes_en.tsv")["generic_roles"]
#: Of these, a role is fine with no org when it is used before a name or after a copula.
NEEDS_ORG_ALWAYS = word_sets("role_classes_en.tsv")["needs_org_always"]
#: Roles whose organisation follows "to" ("an adviser to Acme Bank"): one advises or consults *to* a body.
TO_ORG_ROLES = word_sets("role_classes_en.tsv")["to_org_roles"]

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
_ORDINAL_RE = re.compile(r"^(\d{1,3})(st|nd|rd|th)$", re.I)
#: Words that may sit inside an organisation name between capitalised words.
ORG_CONNECTORS = {"of", "for", "on", "and", "&", "the", "de", "du", "des", "la", "le", "'s", "’s", "-"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
PERSON_LABELS = {"PERSON", "PER"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}
#: Capitalised words that start sentences or clauses but never organisations.
NOT_NAME_WORDS = {
    "the", "a", "an", "in", "on", "at", "after", "before", "meanwhile", "however", "but", "and", "or", "as",
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "this", "that", "these",
    "those", "when", "while", "since", "from", "to", "for", "with", "by", "of", "if", "then", "also", "former",
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "said", "says", "today", "yesterday", "earlier",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}


@dataclass
class RoleMatch:
    """A role phrase in one sentence Doc (token indices are into that Doc)."""

    start: int  # first token of the whole phrase (modifiers, org premodifier included)
    end: int  # one past the last token (org after "of" included)
    core_start: int
    core_end: int
    role: str
    category: str
    text: str = ""
    ordinal: Optional[int] = None
    status_cue: Optional[str] = None  # former / current from modifiers
    org_name: Optional[str] = None
    org_start: int = -1  # token span of the org as written
    org_end: int = -1
    org_label: str = ""
    org_possessive: bool = False
    entry_title: bool = False
    capitalised: bool = False
    extras: dict = field(default_factory=dict)


def ordinal_value(word: str) -> Optional[int]:
    """14 for "14th", 1 for "first"; None for other words."""
    m = _ORDINAL_RE.match(word)
    if m:
        return int(m.group(1))
    return ORDINAL_WORDS.get(word.lower())


def _words(doc) -> list[str]:
    return [t.lower_ for t in doc]


def _is_cap(tok) -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and len(text) > 1 and text[-1].isupper()))


def _ent_at(doc, i: int, labels: set[str]):
    """The NER entity covering token i with one of ``labels`` (None without NER)."""
    ent_type = doc[i].ent_type_
    if ent_type not in labels:
        return None
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return ent
    return None


def _has_ner(doc) -> bool:
    return doc.has_annotation("ENT_IOB")


def find_roles(doc, words: Optional[list[str]] = None) -> list[RoleMatch]:
    """All role phrases in a sentence Doc, left to right, not overlapping. ``words``: the Doc's
    lower-case words when the caller has them already (a pass over a Doc makes Token objects)."""
    lex = lexicon()
    words = words if words is not None else _words(doc)
    # Hyphen tokens are skipped for lookups: map positions in a hyphen-free word list back.
    idx = [i for i, w in enumerate(words) if w != "-"]
    flat = [words[i] for i in idx]
    out: list[RoleMatch] = []
    firsts = _party_firsts(lex)
    texts: Optional[list[str]] = None
    j = 0
    while j < len(flat):
        n, entry = lex.lookup(flat, j)
        if entry is None:
            if texts is None:
                texts = [t.text for t in doc]
            if texts[idx[j]] in firsts:  # cheap exit: most tokens start no party-member noun
                party = _party_member(doc, idx[j], lex)
                if party is not None:
                    out.append(party)
            j += 1
            continue
        if idx[j] >= 2 and words[idx[j] - 1] == "-" and len(words[idx[j] - 2]) == 1 and words[idx[j] - 2].isalpha():
            j += n  # "e-commerce minister": "commerce" is part of the word "e-commerce"
            continue
        if n == 1 and flat[j] in ROLE_MODIFIERS and j + 1 < len(flat) and lex.lookup(flat, j + 1)[1] is not None:
            j += 1  # "executive chairman", "non-executive director": a modifier of the next role word
            continue
        match = _grow(doc, idx[j], idx[j + n - 1] + 1, entry, lex)
        if match is not None:
            out.append(match)
        j += n
    _share_org(doc, out)
    return out


#: Role categories whose coordinated nouns share an organisation (company and board posts).
_SHARING_CATEGORIES = {"executive", "chair", "org_head"}


def _share_org(doc, roles: list[RoleMatch]) -> None:
    """ "managing director and chief executive of Acme", "director and vice-chairman of Acme":
    coordinated role nouns share the organisation written after the last one, or the owner
    written before the first ("Metlife's chairman and chief executive"). Company posts
    only: "the Cardinal and Archbishop of Canterbury" are two people, "a Cabinet minister and
    Speaker of the Lords" two bodies."""
    for a, b in zip(roles[::-1][1:], roles[::-1]):  # right to left: "A, B and C of X" passes X along
        if a.org_name is not None or b.org_name is None or b.org_start < b.core_end:
            continue
        if a.category not in _SHARING_CATEGORIES or b.category not in _SHARING_CATEGORIES:
            continue
        if a.end < len(doc) and doc[a.end].lower_ in ("and", "&", ",") and b.start == a.end + 1:
            a.org_name, a.org_start, a.org_end, a.org_label = b.org_name, b.org_start, b.org_end, b.org_label
    for a, b in zip(roles, roles[1:]):  # left to right: "Metlife's chairman and chief executive" passes Metlife on
        if b.org_name is not None or a.org_name is None or not a.org_possessive:
            continue
        if a.category in _SHARING_CATEGORIES and b.category in _SHARING_CATEGORIES and a.end < len(doc) \
                and doc[a.end].lower_ in ("and", "&") and b.start == a.end + 1:
            b.org_name, b.org_start, b.org_end, b.org_label = a.org_name, a.org_start, a.org_end, a.org_label
            b.org_possessive = True


_MEMBER_NEXT = {"politician", "member", "candidate", "nominee", "congressman", "congresswoman", "senator",
                "representative", "lawmaker", "legislator", "mp", "activist", "leader", "chairman", "governor", "mayor"}


_PARTY_FIRSTS: dict[int, frozenset] = {}


def _party_firsts(lex: Lexicon) -> frozenset:
    """First words of the party-member nouns (built once per lexicon)."""
    firsts = _PARTY_FIRSTS.get(id(lex))
    if firsts is None:
        firsts = _PARTY_FIRSTS[id(lex)] = frozenset(key[0] for key in lex.party_members)
    return firsts


def _party_member(doc, i: int, lex: Lexicon) -> Optional[RoleMatch]:
    """ "a Democrat", "fellow Republican Jane Roe", "elected as a Whig", "a Republican member of …".

    The word is a party member noun only when capitalised, not part of a party's own name
    ("Democratic Party") and used as a noun or before a political role word. The caller
    (``find_roles``) calls it only at words that start a member noun (``_party_firsts``).
    """
    if i > 0 and (doc[i - 1].text, doc[i].text) in lex.party_members:
        return None  # "Democrat" of "Liberal Democrat X": the two-word noun names the party
    for n in (2, 1):
        key = tuple(t.text for t in doc[i : i + n])
        party = lex.party_members.get(key)
        if party is None or len(key) < n:
            continue
        end = i + n
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in ("party", "parties", "-", "national", "convention", "primary", "nomination", "caucus", "administration"):
            return None
        if doc[i].ent_type_ in ("ORG",) and not (i > 0 and doc[i - 1].ent_type_ != "ORG" and doc[i].ent_iob_ == "B" and end < len(doc) and doc[end].ent_iob_ != "I"):
            return None
        if nxt in ("'s", "’s", "'", "’"):
            return None  # "Lib Dem's elections chief", "the Liberal Democrats' spokesman": the party owns, no member
        noun_use = nxt in _MEMBER_NEXT or not nxt or not nxt.isalpha() or doc[end].text[:1].isupper() or nxt in ("who", "and", "from", "in", "to")
        if not noun_use:
            return None
        m = RoleMatch(start=i, end=end, core_start=i, core_end=end, role="member", category="party",
                      text=doc[i:end].text, org_name=party, org_start=i, org_end=end, org_label="rule:party_member",
                      capitalised=True, entry_title=True)
        _left_modifiers(doc, m)
        m.role = "member"
        return m
    return None


_ROMAN_RE = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")
#: Titles that precede regnal names ("King Charles III", "Pope Leo XIV").
REGNAL_TITLES = word_sets("role_classes_en.tsv")["regnal_titles"]


def regnal_name(doc, i: int) -> Optional[tuple[int, int]]:
    """ "Charles III", "Philip V", "Constantine I": one or two capitalised words and a Roman
    numeral at token i, a ruler's name even when NER calls it an organisation or misses it."""
    for n in (1, 2):
        j = i + n
        if j >= len(doc) or not all(doc[k].is_alpha and doc[k].text[:1].isupper() and not _ROMAN_RE.match(doc[k].text)
                                    for k in range(i, j)):
            return None
        if _ROMAN_RE.match(doc[j].text.rstrip(".")):
            if j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha:
                return None  # "Edward VII Hospital", "Louis XIV Holdings": a name of something else
            return i, j + 1
    return None


def _inside_person(doc, start: int, end: int) -> bool:
    """True when the core lies inside a person name (Martin Luther King), not at its start;
    a ruler's title before a regnal name ("Bourbon King Philip V" tagged as a person) is a title."""
    if doc[end - 1].lower_ in REGNAL_TITLES and regnal_name(doc, end) is not None:
        return False
    members = lexicon().party_members
    for i in range(start, end):
        ent = _ent_at(doc, i, PERSON_LABELS)
        if ent is not None and ent.start < start and not any(
                tuple(t.text for t in doc[ent.start : ent.start + n]) in members for n in (1, 2)) \
                and not (i == ent.end - 1 and doc[i].text in name_affixes()[1]):  # "[Jane Roe MP]PERSON": letters after the name
            return True  # not "[Lib Dem Home Affairs]PERSON spokesman": NER ran over a party word and a portfolio
    return False


def _grow(doc, cs: int, ce: int, entry: RoleEntry, lex: Lexicon) -> Optional[RoleMatch]:
    """Extend a lexicon hit to the whole role phrase; None when it is not a role use."""
    if _inside_person(doc, cs, ce):
        return None
    last = doc[ce - 1]
    if last.pos_ in ("VERB", "AUX") or (last.tag_ and last.tag_.startswith("VB")):
        return None  # "heads", "judge" used as verbs
    m = RoleMatch(start=cs, end=ce, core_start=cs, core_end=ce, role=entry.role, category=entry.category,
                  entry_title=entry.title, capitalised=_is_cap(doc[cs]))
    _left_modifiers(doc, m)
    _org_after(doc, m, entry)
    if m.org_name is None:
        _domain_after(doc, m)
        if m.end > m.core_end and m.end < len(doc) and doc[m.end].lower_ == "at":
            _org_after(doc, m, entry, m.end)  # "head of equity research at NCB Stockbrokers"
        if m.org_name is None:
            _org_before(doc, m, lex)
            _office_minister(m)
        _status_left(doc, m)
    m.text = doc[m.start : m.end].text
    return m


def _office_minister(m: RoleMatch) -> None:
    """ "Home Office minister X", "Cabinet Office minister X": a British department named "... Office"
    right before "minister" names the post as well as its organisation (a minister of state there,
    not the cabinet's "home secretary"); the role keeps the department's name."""
    if m.role == "minister" and m.org_name and m.org_name.endswith(" Office") and m.org_end == m.core_start \
            and not m.org_possessive and len(m.org_name.split()) <= 3:
        m.role = f"{m.org_name.lower()} minister"


def _left_modifiers(doc, m: RoleMatch) -> None:
    """Walk left over deputy/vice/former/ex-/then-/acting and an ordinal."""
    prefix: list[str] = []
    i = m.core_start - 1
    while i >= 0:
        w = doc[i].lower_
        if w in ROLE_MODIFIERS:
            prefix.insert(0, w)
        elif w == "first" and (prefix or m.role.split()[0]) and (prefix or m.role.split())[0] in ("deputy", "vice"):
            prefix.insert(0, w)
        elif w == "non" and (prefix or m.role.split())[0] == "executive":
            prefix.insert(0, w)  # "non-executive director": not an executive director
        elif w in FORMER_CUES:
            m.status_cue = "former" if w != "outgoing" else "current"
        elif w in CURRENT_CUES:
            m.status_cue = m.status_cue or "current"
        elif w in SKIP_MODIFIERS or (w == "-" and i > 0):
            pass
        elif _noun_premodifier(doc, i, m):
            pass  # "county governor", "club president", "board chairman": kept in role_text
        elif ordinal_value(w) is not None and m.ordinal is None:
            m.ordinal = ordinal_value(w)
        else:
            break
        i -= 1
    m.start = i + 1
    if prefix:
        role = " ".join(prefix) + " " + m.role
        m.role = role.replace("co chair", "co-chair").replace("co founder", "co-founder").replace("non executive", "non-executive")


def _noun_premodifier(doc, i: int, m: RoleMatch) -> bool:
    """A lower-case common noun compounded onto the role ("county governor", "union leader"):
    part of the phrase, so "as county governor" links like "as governor". Needs a parse."""
    tok = doc[i]
    # the word modifies the core or a premodifier already taken ("EU foreign policy chief", "BBC
    # home affairs correspondent": "foreign" -> "policy" -> "chief"), not a body's kind ("Brazil's
    # airport authority chief": the authority is the org, not Brazil)
    on_phrase = m.core_start <= tok.head.i < m.core_end or (
        i < tok.head.i < m.core_start and doc[tok.head.i].lower_ not in _KIND_WORDS | {"authority", "office", "service"})
    if tok.is_alpha and tok.text.islower() and tok.pos_ == "ADJ" and tok.dep_ == "amod" \
            and on_phrase and tok.lower_ not in DETERMINERS and ordinal_value(tok.lower_) is None \
            and not tok.lower_.endswith(("est", "ed", "ing")) and not (i > 0 and doc[i - 1].text == "-"):
        return True  # "BBC political correspondent", "commercial director at X": a describing adjective
    # a compound's noun even when tagged a verb ("[campaigns]VERB director at X": a plural noun)
    return (tok.is_alpha and tok.text.islower() and tok.pos_ in ("NOUN", "VERB") and tok.dep_ == "compound"
            and on_phrase and tok.lower_ not in DETERMINERS)


def _org_name_span(doc, i: int) -> Optional[tuple[int, int, str]]:
    """A name starting at token i: an NER org/place, else a run of capitalised words.

    Returns (start, end, label). Connectors ("of", "on", "for", "and", "the") are taken only
    between capitalised words; a trailing "(VVD)" acronym is included.
    """
    if i >= len(doc):
        return None
    ent = _ent_at(doc, i, ORG_LABELS)
    if ent is not None and (ent.start == i or ent.start == i - 1 and doc[i - 1].lower_ == "the"):
        end, label = ent.end, ent.label_  # NER often starts "the Chicago Bulls" at "the"
        end = next((k for k in range(i, end) if doc[k].text == "(" and ")" not in doc[k:end].text), end)  # "X (PVV"
    elif _is_cap(doc[i]) and doc[i].lower_ not in NOT_NAME_WORDS and doc[i].is_alpha or (
        doc[i].text.isupper() and len(doc[i].text) > 1
    ):
        end, label = i + 1, "rule:cap"
    else:
        return None
    end = _extend_caps(doc, end)
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].text.isupper():
        end += 3
    return i, end, label


def _extend_caps(doc, end: int) -> int:
    """Continue a name over capitalised words and connectors followed by capitalised words."""
    while end < len(doc):
        tok = doc[end]
        if tok.ent_type_ in PERSON_LABELS and (end == 0 or doc[end - 1].ent_type_ not in PERSON_LABELS):
            break  # "Leader of the Opposition Khaleda Zia": the name is not part of the org
        if _is_cap(tok) and tok.lower_ not in NOT_NAME_WORDS - {"the"} and not tok.is_punct:
            end += 1
        elif tok.lower_ in ORG_CONNECTORS and end + 1 < len(doc) and _is_cap(doc[end + 1]) and doc[end + 1].lower_ not in NOT_NAME_WORDS:
            if tok.lower_ in ("and", "&") and doc[end + 1].ent_iob_ == "B":
                break  # "Acme Corp and Siemens": NER starts a second name after "and"
            end += 2
        else:
            break
    return end


def _clean_org(doc, start: int, end: int) -> tuple[int, str]:
    """Drop a leading "the" and a trailing "'s"; returns (start, name)."""
    while doc[start].lower_ in ("the", "a", "an") and end - start > 1:
        start += 1
    span = doc[start:end]
    text = span.text
    acr = re.search(r"\s*\(([A-Z][A-Za-z.]+)\)$", text)
    if acr:
        text = text[: acr.start()]
    return start, re.sub(r"['’]s$", "", text).strip()


def _status_left(doc, m: RoleMatch) -> None:
    """ "former WHO Director-General": a status cue before an org premodifier."""
    i = m.start - 1
    while i >= 0 and doc[i].lower_ in FORMER_CUES | CURRENT_CUES | {"-"}:
        w = doc[i].lower_
        if w in FORMER_CUES:
            m.status_cue = "former" if w != "outgoing" else "current"
        elif w in CURRENT_CUES:
            m.status_cue = m.status_cue or "current"
        m.start = i
        i -= 1


def _org_after(doc, m: RoleMatch, entry: RoleEntry, at: Optional[int] = None) -> None:
    """ "of ORG" / "at ORG" / "for ORG" right after the core (or at ``at``: after a domain)."""
    i = m.core_end if at is None else at
    if i >= len(doc) or doc[i].lower_ not in ("of", "at", "for", "in", "with", "to"):
        return
    if doc[i].lower_ == "to" and m.role.split()[-1] not in TO_ORG_ROLES:
        return
    if doc[i].lower_ == "in" and m.category not in ("head_of_government", "legislator", "diplomat") + tuple(FIELD_CATEGORIES):
        return
    if doc[i].lower_ in ("for", "with") and m.category not in ("executive", "employee", "official", "media", "diplomat", "minister", "party"):
        return
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
        j = _skip_adjectives(doc, j)
    j = _skip_board(doc, j) if doc[i].lower_ == "of" else j
    field_in = doc[i].lower_ == "in" and m.category in FIELD_CATEGORIES  # "lecturer in physics at ORG" only
    described = _kind_described(doc, j) if not field_in else j
    described, j = described != j, described
    span = None if field_in else _body_name(doc, j) or _org_name_span(doc, j)
    after_field = span is None and doc[i].lower_ in ("of", "in") and m.category in FIELD_CATEGORIES
    after_unit = span is None and doc[i].lower_ == "of" and _unit_before_at(doc, j)
    if after_field or after_unit:
        span = _org_after_field(doc, j)  # "professor of physics at Uppsala University"
    if span is None:
        return
    start, end, label = span
    if doc[i].lower_ == "to" and (label == "NORP" or (end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower())):
        return  # "an adviser to the Norwegian central bank": the name only modifies a common noun
    if label == "rule:cap" and end < len(doc) and doc[end].ent_type_ in PERSON_LABELS:
        end = next((e.end for e in doc.ents if e.start == end), end)  # "Jan [Peter Balkenende]"
        end -= doc[end - 1].lower_ in ("'s", "’s")
    if _cabinet_of(doc, m, start, end):
        return  # "member of X's cabinet"
    if any(_ent_at(doc, k, PERSON_LABELS) for k in range(start, end)):
        if not (described and end - start == 1) and not _misread_person(doc, m, i, start, end):
            return  # a person after "of" ("chief of staff of Rutte", "an adviser to Jane Roe")
        m.extras["org_was_person"] = True
    if doc[i].lower_ == "in" and (label == "NORP" or doc[start:end].text in lexicon().demonyms):
        return  # "prime minister in Dutch history"
    if doc[i].lower_ == "for" and label == "NORP" and doc[start:end].text not in lexicon().demonyms:
        return  # "head of strategy for Latin American markets": an adjective, not a body ("for EU" is one)
    if doc[i].lower_ == "of" and label == "rule:cap" and m.category == "employee" and _has_ner(doc) and not after_field:
        at = next((k for k in range(end, min(len(doc), end + 12)) if doc[k].lower_ == "at"), None)
        if at is None:
            return  # "professor of Commercial Law": a field, not an employer
        j = at + 1 + (at + 1 < len(doc) and doc[at + 1].lower_ == "the")
        span = _org_name_span(doc, j)
        if span is None:
            return
        start, end, label = span
    start, end, label = _possessed_org(doc, start, end, label)
    start, name = _clean_org(doc, start, end)
    if not name or (m.category == "party" and not party_or_led_org(m, name, label)):
        return
    if _see(doc, i, m, name, label):
        m.end = end  # "the Archbishop of York": the see is part of the title, no body holds it
        return
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, end, label
    m.end = end


#: A church body named after a bishop's "of" ("Bishop of the Diocese of Leeds"): an organisation, not a see.
_CHURCH_BODY = re.compile(r"(?i)\b(church|diocese|archdiocese|synod|communion|conference|council|mission)\b")


def _see(doc, i: int, m: RoleMatch, name: str, label: str) -> bool:
    """ "Archbishop of Canterbury", "Bishop of Durham": a religious title's "of PLACE" names its
    see, a city, not the church that appoints it, so the place is no organisation of the post."""
    return m.category == "religious" and doc[i].lower_ == "of" and label != "ORG" and not _CHURCH_BODY.search(name)


def _domain_after(doc, m: RoleMatch) -> None:
    """ "chief inspector of schools", "head of operations", "spokesman for sport": a lower-case
    domain of the title grammar after "of" (or "for"/"on" after a ministerial head) is part of
    the title, its name and its phrase."""
    i = m.core_end
    if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "for", "on") or m.end != m.core_end or m.category in FIELD_CATEGORIES:
        return
    g = grammar()
    head = g.heads.get(m.role.split()[-1])
    portfolio_first = head is not None and head.portfolio_first is not None
    if doc[i].lower_ in ("for", "on") and not portfolio_first:
        return  # "for"/"on" take a portfolio only after a ministerial head ("spokesman for sport", "on foreign affairs")
    for n in (3, 2, 1):
        toks = doc[i + 1 : i + 1 + n]
        key = " ".join(t.lower_ for t in toks)
        if len(toks) == n and all(t.text.islower() and t.is_alpha for t in toks) and (
                key in g.domains or _open_domain(doc, m, toks, portfolio_first)):
            if i + 1 + n < len(doc) and doc[i + 1 + n].text.islower() and doc[i + 1 + n].is_alpha \
                    and doc[i + 1 + n].lower_ not in ("at", "for", "in", "and"):
                return  # "head of operations research": the domain is only part of a longer noun
            if portfolio_first:  # "shadow spokesman for sport" -> "shadow sport spokesman", as kb writes titles
                words = m.role.split()
                m.role = " ".join(words[:-1] + [key, words[-1]])
            else:
                m.role = f"{m.role} of {toks.text.lower()}"
            m.end = i + 1 + n
            return


#: Heads of a department that take any lower-case domain before "at ORG" ("head of currency
#: strategy at Bank of America", "director of foreign exchange at Investors Bank").
_DEPARTMENT_HEADS = {"head", "director", "manager", "vice president"}


def _open_domain(doc, m: RoleMatch, toks, portfolio_first: bool) -> bool:
    """A domain the grammar does not list: up to three lower-case nouns (or an adjective and
    nouns) after a department head's "of", followed by "at" and a name: "at ORG" is what shows
    that the words name a department, not a thing headed ("head of state", "director of the
    film"). The domain's last word is a noun."""
    end = toks[-1].i + 1
    if portfolio_first or m.role not in _DEPARTMENT_HEADS or end + 1 >= len(doc) or doc[end].lower_ != "at":
        return False
    if toks[-1].pos_ != "NOUN" or any(t.pos_ not in ("NOUN", "ADJ", "PROPN") and t.dep_ != "amod" for t in toks):
        return False  # "fixed income": a participle may modify the domain noun
    return _is_cap(doc[end + 1]) or (doc[end + 1].lower_ == "the" and end + 2 < len(doc) and _is_cap(doc[end + 2]))


#: Nouns naming a kind of body before its name, after a role's "of/at/for" (role_classes_en.tsv).
ORG_KIND_NOUNS = word_sets("role_classes_en.tsv")["org_kind_nouns"]
#: Nouns that end a body's name written in lower case ("the all-party committee on Lords reform").
BODY_NOUNS = word_sets("role_classes_en.tsv")["body_nouns"]


def _kind_described(doc, j: int) -> int:
    """ "director of civil rights group Liberty", "analyst at research firm X": up to four
    lower-case words (or one name-like word: "Aids charity") ending in a noun of ORG_KIND_NOUNS
    (and "the") before a capitalised name describe it; the index of the name, or j itself when
    no such description is there."""
    k = j
    if j + 1 < len(doc) and _is_cap(doc[j]) and doc[j].is_alpha and doc[j + 1].lower_ in ORG_KIND_NOUNS:
        k += 1  # "at Aids charity the Terrence Higgins Trust": one name-like word of the description
    while k < len(doc) and k - j < 5 and (doc[k].text.islower() and doc[k].is_alpha or doc[k].text == "-"):
        if doc[k].lower_ in ORG_KIND_NOUNS and doc[k].pos_ == "NOUN":
            n = k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
            if n < len(doc) and _is_cap(doc[n]) and doc[n].is_alpha and doc[n].lower_ not in NOT_NAME_WORDS \
                    and not _full_person_at(doc, n):
                return n  # a one-word "person" after "group" is the group NER misread ("rights group Fairplay")
        if doc[k].pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ"):
            break
        k += 1
    return j


def _full_person_at(doc, i: int) -> bool:
    """A person name of two or more words starts at token i ("company Anna Holt said")."""
    ent = _ent_at(doc, i, PERSON_LABELS)
    return ent is not None and ent.end - ent.start > 1


def _body_name(doc, j: int, names: bool = False) -> Optional[tuple[int, int, str]]:
    """ "the all-party committee on Lords reform", "the Commons public accounts committee": a
    body named by a noun phrase that ends in a noun of BODY_NOUNS (a capitalised word and
    lower-case nouns before it: a name or at least two words, at most five), with its "on/for" topic of at most three
    nouns or names. None when no such noun ends the phrase. ``names``: capitalised words
    anywhere ("the Public Accounts Committee"), for finding the bodies a text names."""
    k = j
    while k < len(doc) and k - j < 6 and doc[k].lower_ not in BODY_NOUNS:
        t = doc[k]
        hyphened = k + 1 < len(doc) and doc[k + 1].text == "-"  # "all-party": a compound, whatever its parts' tags
        if not (t.text == "-" or t.is_alpha and (t.text.islower() or (k == j or names) and _is_cap(t))) \
                or t.ent_type_ in PERSON_LABELS or (t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ") and not hyphened):
            return None
        k += 1
    if k >= len(doc) or doc[k].lower_ not in BODY_NOUNS or doc[k].pos_ not in (("NOUN", "PROPN") if names else ("NOUN",)):
        return None
    words = [t for t in doc[j:k] if t.is_alpha]
    if len(words) < 2 and not any(_is_cap(t) for t in words):
        return None  # "the committee", "the select committee" refer back; they name no body
    end = k + 1
    if end + 1 < len(doc) and doc[end].lower_ in ("on", "for"):
        n = end + 1
        while n < len(doc) and n - end <= 3 and doc[n].is_alpha and doc[n].pos_ in ("NOUN", "PROPN") \
                and doc[n].ent_type_ not in PERSON_LABELS:
            n += 1
        if n > end + 1:
            end = n
    return j, end, "rule:body"


def body_names(doc) -> list[tuple[int, int]]:
    """Token spans of the bodies a sentence names after "the" or a possessive ("the Commons
    education select committee", "Westminster's public accounts committee", "the Public
    Accounts Committee"): what a later bare "Committee chairman X" refers to."""
    out = []
    for i, t in enumerate(doc[:-2]):
        if t.lower_ in ("the", "'s", "’s"):
            j = _skip_adjectives(doc, i + 1)
            j = j + 1 if j == i + 1 and doc[j].pos_ == "ADJ" and doc[j].text.islower() and _is_cap(doc[j + 1]) else j
            span = _body_name(doc, j, names=True)
            if span is not None:
                out.append((span[0], span[1]))
    return out


def _skip_adjectives(doc, j: int) -> int:
    """ "head of the troubled Child Support Agency": up to two lower-case adjectives between
    "the" and a capitalised name are no part of it; j itself when no name follows them."""
    k = j
    while k < len(doc) and k - j < 2 and doc[k].pos_ == "ADJ" and doc[k].text.islower() and doc[k].is_alpha:
        k += 1
    return k if k > j and k < len(doc) and _is_cap(doc[k]) and doc[k].is_alpha else j


def _possessed_org(doc, start: int, end: int, label: str) -> tuple[int, int, str]:
    """ "chairman of Spain's most powerful bank, Santander": the organisation is what the
    possessor owns, named right after "'s" or after a short lower-case noun phrase and a comma;
    the possessor stays the organisation when no name follows ("head of Norway's central bank")."""
    inner = next((k for k in range(start + 1, end - 1) if doc[k].lower_ in ("'s", "’s")), None)
    if inner is not None and _is_cap(doc[inner + 1]) and (doc[inner - 1].ent_type_ == "GPE" or doc[start:inner].text in lexicon().countries):
        return inner + 1, end, "rule:cap"  # "of Norway's Statnett" read as one name
    if end + 1 >= len(doc) or doc[end].lower_ not in ("'s", "’s"):
        return start, end, label
    k = end + 1
    span = _org_name_span(doc, k)
    if span is None:
        while k < len(doc) and k - end < 7 and doc[k].text.islower() and doc[k].is_alpha:
            k += 1
        if k > end + 1 and k + 1 < len(doc) and doc[k].text == "," and doc[k - 1].lower_ in _ORG_NOUNS:
            span = _org_name_span(doc, k + 1)  # "Spain's biggest bank, X": X is an org whatever NER says
            return span if span is not None else (start, end, label)
        if k > end + 1 and k < len(doc) and doc[k - 1].lower_ in _ORG_NOUNS | {"union"} and _is_cap(doc[k]) \
                and not _full_person_at(doc, k):
            span = _org_name_span(doc, k)  # "leader of Britain's biggest union Unison": the name follows the kind
    if span is None or any(doc[i].ent_type_ in PERSON_LABELS for i in range(span[0], span[1])):
        return start, end, label
    return span


#: Nouns naming a kind of organisation ("bank", "company", "party"): "Spain's biggest bank, X".
_ORG_NOUNS = set(word_lists("anaphor_nouns_en.tsv"))


#: Roles "of" a field of study or work ("professor of physics", "editor of the sports pages").
FIELD_CATEGORIES = word_sets("role_classes_en.tsv")["field_categories"]


#: "chairman of the board (of directors) of ORG": the company comes after the board.
_BOARD_WORDS = {"board", "supervisory", "executive", "management", "advisory"}
_BOARD_OF = {"directors", "trustees", "governors", "regents", "management"}


def _skip_board(doc, j: int) -> int:
    """Index of the org after "the board [of directors] of" at j (j itself when not there)."""
    k = j
    while k < len(doc) and doc[k].lower_ in _BOARD_WORDS - {"board"}:
        k += 1
    if k >= len(doc) or doc[k].lower_ != "board":
        return j
    k += 1
    if k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].lower_ in _BOARD_OF:
        k += 2
    if k + 1 >= len(doc) or doc[k].lower_ != "of":
        return j
    return k + 1 + (doc[k + 1].lower_ == "the")


#: Nouns ending a lower-case unit inside an organisation ("head of the natural disasters
#: department at Acme Re"): the organisation follows "at".
_UNIT_NOUNS = {"department", "division", "unit", "desk", "section", "team", "arm"}


def _unit_before_at(doc, j: int) -> bool:
    """Whether lower-case words from j end in a unit noun right before "at" ("deputy head of the
    natural disasters department at X")."""
    k = j
    while k < len(doc) and k - j < 6 and doc[k].text.islower() and doc[k].is_alpha and doc[k].lower_ != "at":
        k += 1
    return k > j and k + 1 < len(doc) and doc[k - 1].lower_ in _UNIT_NOUNS and doc[k].lower_ == "at"


def _org_after_field(doc, j: int) -> Optional[tuple[int, int, str]]:
    """ "professor of organic chemistry at the University of Oslo": after a lower-case field of
    up to five words (no verb, no comma) the employer follows "at"."""
    k = j
    while k < len(doc) and k - j < 6 and doc[k].lower_ != "at":
        t = doc[k]
        if not (t.text.islower() and t.is_alpha and t.pos_ not in ("VERB", "AUX", "PRON")):
            return None
        k += 1
    if k == j or k >= len(doc) - 1 or doc[k].lower_ != "at":
        return None
    return _org_name_span(doc, k + 1 + (doc[k + 1].lower_ == "the"))


#: Posts held in an organisation or a place, never "of" a person: a name NER calls a person
#: after "mayor of" / "chief executive of" is a place or company it misread ("mayor of Malmo").
NOT_OF_PERSON_CATEGORIES = word_sets("role_classes_en.tsv")["not_of_person_categories"]


def _misread_person(doc, m: RoleMatch, prep: int, start: int, end: int) -> bool:
    """True when the "person" after "ROLE of" can only be the post's organisation or place."""
    if doc[prep].lower_ != "of" or m.category not in NOT_OF_PERSON_CATEGORIES or m.role in ("chief of staff",):
        return False
    if end < len(doc) and doc[end].lower_ in ("'s", "’s", "'"):
        return False  # "head of Jane Roe's office"
    ent = _ent_at(doc, start, PERSON_LABELS)
    return ent is not None and ent.start == start and ent.end <= end


def _org_before(doc, m: RoleMatch, lex: Lexicon) -> None:
    """Premodifiers: "NATO chief", "Russian Foreign Minister", "Norway's finance minister"."""
    i = m.start - 1
    if i < 0:
        return
    if doc[i].text in CHAMBER_WORDS and i > 0 and doc[i - 1].lower_ in ("'s", "’s", "'"):
        i -= 1  # "the Scottish National Party's Holyrood leader": the party's post in a chamber
    possessive = doc[i].lower_ in ("'s", "’s", "'")
    if possessive:
        i -= 1
    if i < 0:
        return
    end = i + 1
    start = end - 1
    ent = _ent_at(doc, i, ORG_LABELS | PERSON_LABELS)
    if ent is not None and ent.label_ in PERSON_LABELS and _party_words(ent.text, lex):
        ent = None  # "[Lib Dem]PERSON leader", "[Ex-Labour]PERSON leader": NER took the party word for a name
    misread = ent is not None and not possessive and _company_word_before_title(doc, ent, m, lex)
    if misread:
        ent = None  # "said [Yukos]PERSON boss X", "[Investec]NORP economist X": a company NER misread
    if ent is not None:
        if ent.label_ in PERSON_LABELS and _titled_domain(doc, m, ent.start, ent.end, possessive):
            m.start = ent.start  # "The EU's [Humanitarian Aid]PERSON Commissioner": the title's own words
            _org_before(doc, m, lex)
            return
        if ent.label_ in PERSON_LABELS:
            return  # "Rutte's chief of staff": the possessor is a person, not an org
        start = after_describing_words(doc, ent.start, end)  # "[pro-reform Labour] MP": "Labour"
        label = ent.label_
        start, label = _name_of_left(doc, start, label)  # "Royal Bank of [Scotland] chief executive"
    else:
        while start >= 0 and _is_cap(doc[start]) and doc[start].lower_ not in NOT_NAME_WORDS and not doc[start].is_punct:
            start -= 1
        start += 1
        if start >= end:
            return
        if _titled_domain(doc, m, start, end, possessive):
            m.start = start  # "The EU's Humanitarian Aid Commissioner": the capitalised words are the title's
            _org_before(doc, m, lex)
            return
        if start == 0 and end - start == 1 and not (possessive or doc[0].text.isupper() or doc[0].text in lex.demonyms
                                                    or is_party(doc[0].text) or _names_title_holder(doc, m, 0)):
            return  # a lone capitalised sentence-initial word is not evidence of a name
        label = "rule:cap"
    while start < end - 1 and (doc[start].lower_ in _LEADING_NOT_NAME or doc[start].text == "-" and start > 0
                               and doc[start - 1].lower_ == "ex"):
        start += 1  # "Veteran Labour MP" at a sentence start, "[Ex-Labour]ORG leader": no part of the name
    if end - start > 1 and doc[end - 1].text in CHAMBER_WORDS:
        end -= 1  # "[SNP Holyrood]ORG leader": the SNP's leader in the Scottish Parliament
    text = doc[start:end].text
    if not possessive and start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and _scope_country(text, label, lex):
        m.start = start  # "E&Y's UK head of tax": the country is the post's scope, the possessor its org
        _org_before(doc, m, lex)
        return
    if text.lower() in _RANK_NOT_ORG | _MEDIUM_NOT_ORG:
        return  # "State Minister for …", "Junior Minister": a rank; "TV presenter": a medium
    name = lex.demonyms.get(text) or lex.demonyms.get(text.replace("-", " "))
    if name is None and re.fullmatch(r"(?i)ex|former|then", text):
        return
    if name is None:
        s2, name = _clean_org(doc, start, end)
        start = s2
    if name and m.role in LEADER_ROLES and end + possessive == m.core_start and text in lex.countries \
            and lex.countries[text] == name and not _inside_name_left(doc, start):
        m.org_name, m.org_start, m.org_end, m.org_label = name, start, end, "rule:country_leader"
        m.org_possessive, m.start = possessive, start  # "Soviet leader Leonid Brezhnev", "Russia's leader X"
        return
    if not name or (m.category == "party" and not party_or_led_org(m, text, label) and tuple(text.split()) not in lex.party_members):
        return  # "a Norwegian politician" is no party membership ("Lib Dem leader" is)
    two = (doc[start - 1].text, *text.split()) if start > 0 else ()
    party = lex.party_members.get(two) or lex.party_members.get(tuple(text.split()))
    if m.category in STATE_POST_CATEGORIES and (party or _PARTY_PREMODIFIER.fullmatch(text)):
        m.extras["party"] = party or name
        m.start = start  # the premodifier stays part of the phrase ("the Labour MP for X")
        return  # "Labour MP", "Tory education secretary": the party is the holder's, the post the state's
    if party and two in lex.party_members:  # "Liberal Democrat leader" with only "Democrat" tagged
        name, start = party, start - 1
    elif party:
        name = party  # "Tory leader" -> the Conservative Party
    if m.category in FIELD_CATEGORIES and not possessive and not misread \
            and (text in lex.demonyms or label in ("GPE", "NORP", "LOC")):
        m.extras["nationality"] = name
        return  # "an American journalist", "a German chemist": a nationality, not an employer
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, end, label
    m.org_possessive = possessive
    m.start = start


#: Capitalised words before a title that name a kind of body, not one body ("Committee
#: chairman X", "Company spokesman X", "Party leader X" at a sentence start).
_KIND_WORDS = ORG_KIND_NOUNS | BODY_NOUNS | {"board", "council", "party", "government", "ministry", "department",
                                            "opposition", "club", "team", "union", "state", "city", "county"}
#: Endings of nationality words ("Kenyan", "Chinese", "Polish", "Iraqi"): NER's NORP on them is right.
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch", "sh")


def _titled_domain(doc, m: RoleMatch, start: int, end: int, possessive: bool) -> bool:
    """ "The EU's Humanitarian Aid Commissioner", "the UN's Refugee Coordinator": capitalised words
    that NER names no organisation or place with (it may take them for a person), between an owner's "'s" and a capitalised title, are the title's
    domain written in title case; the owner is the organisation."""
    return not possessive and m.capitalised and start >= 2 and doc[start - 1].lower_ in ("'s", "’s", "'") \
        and not any(doc[k].ent_type_ in ORG_LABELS for k in range(start, end)) and end == m.start


def _names_title_holder(doc, m: RoleMatch, k: int, tagged: bool = False) -> bool:
    """ "Gazprom chief Alexei Miller": a lone proper noun right before a title that a full personal
    name follows is the holder's organisation, even at a sentence start (where a capital alone
    proves nothing) or when NER gave it no label; not a kind of body ("Committee chairman X"), not
    before a post of a state ("Euro MP X", "Turkmen President X": a place or a nationality).
    ``tagged``: NER gave the word a (wrong) label, which shows it is a name whatever its tag."""
    tok = doc[k]
    holder = _ent_at(doc, m.end, PERSON_LABELS) if m.end < len(doc) else None
    return (holder is not None and holder.start == m.end and holder.end - holder.start >= 2 and k == m.start - 1
            and m.category not in STATE_POST_CATEGORIES and not tok.lower_.endswith(_DEMONYM_ENDINGS) and tok.is_alpha and (tagged or tok.pos_ == "PROPN") and tok.lower_ not in _KIND_WORDS
            and tok.lower_ not in NOT_NAME_WORDS and (tok.lower_,) not in lexicon().roles)


def _company_word_before_title(doc, ent, m: RoleMatch, lex: Lexicon) -> bool:
    """ "said [Yukos]PERSON boss X", "said [Investec]NORP economist X": one word that NER called a
    person or a nationality, right before a company post or an occupation that a full name
    follows, is the holder's company. A person's post is named with a possessive ("Rutte's chief
    of staff"), and only a post no person has (a company's boss, chairman, economist) counts, so
    "Bush adviser X" stays without an organisation; a real nationality ("Kenyan economist")
    stays one."""
    if ent.end - ent.start != 1 or ent.end != m.start or not _names_title_holder(doc, m, ent.start, tagged=True):
        return False
    word = ent.text
    if ent.label_ in PERSON_LABELS:
        return m.category in NOT_OF_PERSON_CATEGORIES or m.category in FIELD_CATEGORIES
    return ent.label_ == "NORP" and m.category in FIELD_CATEGORIES | {"executive", "org_head", "chair"} \
        and word not in lex.demonyms and word not in lex.countries


def _party_words(text: str, lex: Lexicon) -> bool:
    """Whether a span NER called a person starts with a party word ("Lib Dem", "Lib Dem Home
    Affairs"), also behind "ex-" ("Ex-Labour", "ex-Tory": the party the holder was in)."""
    words = re.sub(r"(?i)^ex\s*-\s*", "", text).split()
    return any(tuple(words[:n]) in lex.party_members for n in (1, 2)) or (len(words) == 1 and words != text.split()
                                                                           and is_party(words[0]))


#: Nicknames of chambers that sit between a party and its post there ("SNP Holyrood leader",
#: "the party's Westminster leader"): the post is the party's, the chamber says where it is held.
CHAMBER_WORDS = {"Holyrood", "Westminster"}


def _scope_country(text: str, label: str, lex: Lexicon) -> bool:
    """A country or nationality word before a title ("UK", "European"): a scope when an owner precedes it."""
    return label in ("GPE", "NORP") or text in lex.countries or text in lex.demonyms


#: Capitalised words before a ministerial title that state its rank, not its organisation.
_RANK_NOT_ORG = {"state", "junior", "cabinet", "government", "assistant", "parliamentary"}
#: Words before a title that name a medium, not a broadcaster: "TV presenter X" states an occupation.
_MEDIUM_NOT_ORG = {"tv", "television", "radio", "film", "internet", "online", "web"}


#: Capitalised modifiers at a sentence start that NER may put into a name ("Veteran Labour").
_LEADING_NOT_NAME = (SKIP_MODIFIERS | FORMER_CUES | CURRENT_CUES) - {"new", "newly", "chief", "long", "time", "-", "top",
                                                                    "late", "present", "then", "founding"}


#: Categories of posts in a state: a party before them ("Labour MP", "Tory education secretary")
#: is the holder's party, not the post's organisation.
STATE_POST_CATEGORIES = {"legislator", "minister", "head_of_government", "head_of_state"}
#: Party names used as premodifiers that the party-member lexicon does not list.
_PARTY_PREMODIFIER = re.compile(r"(?i)labou?r|.*\bparty")


#: Parts of speech of lower-case words that describe a member, not name the body ("pro-war Labour").
_DESCRIBING_POS = {"NOUN", "ADJ", "VERB", "ADV"}


def after_describing_words(doc, start: int, end: int) -> int:
    """Where the name in tokens ``start:end`` begins when NER ran lower-case describing words
    into it from the left ("[pro-reform Labour MP]ORG": "Labour"). Only a span that starts
    with such a word is cut, so names with lower-case words inside keep them ("Bank of
    England", "Médecins sans Frontières"). ``start`` when nothing capitalised follows them."""
    if not (doc[start].is_alpha and doc[start].text.islower() and doc[start].pos_ in _DESCRIBING_POS):
        return start
    lowered = [k for k in range(start, end) if doc[k].is_alpha and doc[k].text.islower() and doc[k].pos_ in _DESCRIBING_POS]
    return lowered[-1] + 1 if lowered[-1] + 1 < end and _is_cap(doc[lowered[-1] + 1]) else start


def _name_of_left(doc, start: int, label: str) -> tuple[int, str]:
    """ "Royal Bank of Scotland chief executive", "Bank of England governor": NER tagged only the
    place after "of"; the organisation's name runs left over "of" and capitalised words."""
    k = start
    if k >= 2 and doc[k - 1].lower_ == "of" and _is_cap(doc[k - 2]) and doc[k - 2].lower_ not in NOT_NAME_WORDS \
            and doc[k - 2].ent_type_ not in PERSON_LABELS:
        k -= 2
        while k > 0 and _is_cap(doc[k - 1]) and doc[k - 1].is_alpha and doc[k - 1].lower_ not in NOT_NAME_WORDS \
                and doc[k - 1].ent_type_ not in PERSON_LABELS:
            k -= 1
        return k, "rule:cap"
    return start, label


def _inside_name_left(doc, start: int) -> bool:
    """ "Russian Orthodox leader", "the North Korean leader": a capitalised word before the
    demonym makes it part of a longer name (a church, a movement), not the country alone;
    "North Korean" itself is one demonym in the lexicon when listed."""
    return start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
        and doc[start - 1].lower_ not in NOT_NAME_WORDS and doc[start - 1].lower_ not in FORMER_CUES


#: "member of X's cabinet": the body is named after its leader.
LEADER_BODIES = word_sets("words_en.tsv")["leader_bodies"]


def _cabinet_of(doc, m: RoleMatch, start: int, end: int) -> bool:
    """ "a member of Jan Peter Balkenende's cabinets" -> role cabinet member, org "Balkenende cabinet"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("'s", "’s") or doc[end + 1].lower_ not in LEADER_BODIES:
        return False
    if m.role not in ("member", "minister"):
        return False
    body = doc[end + 1].lower_.rstrip("s")
    body = "cabinet" if body == "cabinet" else body
    m.role = "cabinet member" if body == "cabinet" else f"{body} member"
    m.org_name = f"{doc[end - 1].text} {body}"
    m.org_start, m.org_end, m.org_label = start, end + 2, "rule:leader_body"
    m.end = end + 2
    return True


_PARTY_RE = re.compile(
    r"\b(party|parti|partei|democrats?|democratic|republicans?|republican|labou?r|conservatives?|liberals?|"
    r"socialists?|communists?|greens?|tory|tories|alliance|front|league|movement|union|congress|fidesz|likud)\b", re.I)


#: Party words that also lead any named organisation ("Hamas leader", "leader of Solidarity").
LEADER_ROLES = {"leader"}


def party_or_led_org(m: RoleMatch, name: str, label: str) -> bool:
    """The org of a party-category role: a party by name, or, for a (deputy) leader, any organisation
    NER names as one (movements, unions, militias are led too, but a place is not: "Soviet
    leader" states no organisation)."""
    return is_party(name, label) or (m.role.split()[-1] in LEADER_ROLES and label == "ORG") or (
        label == "ORG" and m.text.lower().split()[-1:] == ["politician"])  # "a Fianna Fáil politician"


def is_party(name: str, label: str = "") -> bool:
    """A political party by its name ("Labour Party", "Democratic", "Christian Democrats")."""
    return bool(_PARTY_RE.search(name)) and label not in ("GPE", "LOC")
