"""German subjects not written as a name: pronouns, age nouns, definite roles, names the NER mistyped.

The tenure rules (``de/rules.py``) attach a role to a person span of the sentence. This module
supplies the spans that stand for a person named before: "er"/"sie", the news writer's "der
52-Jährige", a sentence-initial "Diese", a bare definite role ("Der Ministerpräsident ...") that an
earlier sentence gave someone, and names the NER tagged as a place or left untagged. Each such
span carries a Mention whose text is the resolved name. Nothing here builds claims.
"""

from __future__ import annotations

import re
from typing import Optional

from ...model import Mention, Sentence
from ..coref import antecedent
from ..mentions import in_ranges, quoted_ranges
from .lexicon import DETERMINERS, country_name, match_role_de_compound

#: "52-Jährige", "41-jähriger": the age noun German news uses for the person it is about.
AGE_NOUN = re.compile(r"^\d{1,3}-[Jj]ährige[rn]?$")
#: Labels a German NER gives places and organisations; a surname of the document's person
#: tagged with one of them ("Rutte" as LOC) is that person.
_NON_PERSON_LABELS = {"LOC", "ORG", "GPE", "OTH"}




def promote_known_names(sent: Sentence, doc, mentions: list[Mention], persons: list[Mention], copulas: set[str]) -> list[Mention]:
    """Person mentions for entities tagged LOC/ORG that are a name or surname of the document's persons.

    NER decides per sentence and small models flip labels ("Rutte" LOC right after "Mark
    Rutte" PER). A document names a person in full first and by surname later, so an entity
    equal to a known person's name or last word is that person, unless it is a country name.
    The document's own mention is retyped in place (no duplicate place mention remains).
    """
    known = {m.text for m in mentions if m.type == "person" and m.label != "pronoun"}
    surnames = {n.split()[-1] for n in known if len(n.split()) > 1}
    taken = {(p.start, p.end) for p in persons}
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _NON_PERSON_LABELS or (ent.text not in known and ent.text not in surnames):
            continue
        if country_name(ent.text) is not None:
            continue
        start, end = sent.start + ent.start_char, sent.start + ent.end_char
        if (start, end) in taken:
            continue
        same = next((x for x in mentions if (x.start, x.end) == (start, end)), None)
        if same is None:
            same = Mention(ent.text, "person", start, end, sent.index, label="rule:same_name")
            mentions.append(same)
        same.type, same.label = "person", "rule:same_name"
        out.append(same)
    return out + _surname_subjects(sent, doc, mentions, surnames, taken, copulas) + _untagged_names(sent, doc, mentions, known, taken)


def _untagged_names(sent: Sentence, doc, mentions: list[Mention], known: set[str], taken: set) -> list[Mention]:
    """A name of the document's persons that NER left untagged here, where it cannot be a common
    noun: the full name ("Johanna Mikl-Leitner") or a hyphenated surname ("Mikl-Leitner"). Pronouns
    of later sentences then find their antecedent."""
    names = {n for n in known if len(n.split()) > 1} | {n.split()[-1] for n in known if "-" in n.split()[-1] and len(n.split()) > 1}
    out: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        at = sent.text.find(name)
        while at >= 0:
            end = at + len(name)
            span = doc.char_span(at, end)
            boundary = (at == 0 or not sent.text[at - 1].isalnum()) and (end == len(sent.text) or not sent.text[end].isalnum())
            free = (sent.start + at, sent.start + end) not in taken and not any(
                at < m.end - sent.start and m.start - sent.start < end for m in mentions + out if m.sentence == sent.index)
            if span is not None and boundary and free and not any(t.ent_type_ for t in span):
                m = Mention(name, "person", sent.start + at, sent.start + end, sent.index, label="rule:same_name")
                mentions.append(m)
                out.append(m)
            at = sent.text.find(name, end)
    return out


#: Words right before an inverted subject: a reflexive after its verb ("erinnerte sich X daran",
#: "zeigte sich X zufrieden") and the verbs and "so" of attributing a quote ("sagte X", ", so X").
SUBJECT_CUES = {"sich", "so", "sagte", "sagt", "meinte", "meint", "erklärte", "erklärt", "betonte", "betont",
                "kritisierte", "kritisiert", "forderte", "fordert"}


def _surname_subjects(sent: Sentence, doc, mentions: list[Mention], surnames: set[str], taken: set, copulas: set[str]) -> list[Mention]:
    """A known surname that NER left untagged (often because it is also a noun: "Schaden",
    "Vogel") where only a subject stands: right before a copula ("Schaden ist seit 1992 …") or
    right after a reflexive or a verb of saying that puts the subject after the verb ("erinnerte
    sich Rutte daran", "sagte Vogel"). Only there: elsewhere the word may be the noun."""
    out: list[Mention] = []
    for i, tok in enumerate(doc[:-1]):
        if tok.text not in surnames or tok.ent_type_:
            continue
        if doc[i + 1].lower_ not in copulas and not (i > 0 and doc[i - 1].lower_ in SUBJECT_CUES):
            continue
        if i > 0 and doc[i - 1].lower_ in DETERMINERS:
            continue  # "der Schaden ist groß": the noun
        start, end = sent.start + tok.idx, sent.start + tok.idx + len(tok.text)
        if (start, end) in taken:
            continue
        m = Mention(tok.text, "person", start, end, sent.index, label="rule:same_name")
        mentions.append(m)
        out.append(m)
    return out


def _gender_cue(doc, start: int) -> Optional[str]:
    """"f"/"m" from the words right before a name: "Frau", "Herr", "Ministerin X", "der Präsident X"."""
    if start == 0:
        return None
    before = doc[start - 1].text
    if before in ("Frau", "Fr."):
        return "f"
    if before in ("Herr", "Herrn", "Hr."):
        return "m"
    found = match_role_de_compound(before)
    if found is None:
        return None
    if before.lower().endswith(("in", "innen")) and not found[0].endswith("in"):
        return "f"  # "Ministerin", "Kanzlerin": feminine forms of the lexicon's roles
    article = doc[start - 2].lower_ if start >= 2 else ""
    return "m" if article in ("der", "dem", "den", "des", "ein", "einem", "einen", "eines") else None


#: Private attribute on a person Mention holding a gender cue ("f"/"m") seen where it was named.
GENDER_ATTR = "_kb_de_gender"


def _gender_of(m: Mention, genders: dict[str, str]) -> Optional[str]:
    """The cue of this mention, else of another mention with its text or of a longer name
    ending in it ("Frau Anna Muster" … "Muster")."""
    if getattr(m, GENDER_ATTR, None):
        return getattr(m, GENDER_ATTR)
    if m.text in genders:
        return genders[m.text]
    ends = {g for text, g in genders.items() if text.split()[-1] == m.text.split()[-1]}
    return ends.pop() if len(ends) == 1 else None


def pronoun_spans(sent: Sentence, doc, mentions: list[Mention], spans) -> list[tuple[int, int, Mention]]:
    """Token spans for "er"/"sie" subjects, resolved to a person named before (coref.antecedent).

    Like the English coreference: the person named first in the pronoun's sentence before it,
    else the first person of the nearest earlier sentence (news keeps its topic in subject
    position). German additions: "er" skips a person known to be a woman and "sie" one known
    to be a man (cues where the person was named in a German sentence: "Frau X", "Ministerin
    X", "der Präsident X"); mid-sentence
    "Sie" is the polite "you"; pronouns inside quotes are the speaker's and are left alone.
    A plural "sie" is rejected where its verb is read (``rules._plural_pronoun``).
    """
    quoted = [(a + sent.start, b + sent.start) for a, b in quoted_ranges(sent.text)]
    for s, _e, p in spans:
        cue = _gender_cue(doc, s)
        if cue:
            setattr(p, GENDER_ATTR, cue)  # remembered for pronouns in later sentences
    people = sorted((m for m in mentions if m.type == "person" and m.label != "pronoun"), key=lambda m: m.start)
    genders = {m.text: getattr(m, GENDER_ATTR) for m in people if getattr(m, GENDER_ATTR, None)}
    out = []
    for i, tok in enumerate(doc):
        gender = _anaphor_gender(doc, i)
        if gender is None or (tok.text == "Sie" and i > 0 and doc[i - 1].is_alpha):
            continue
        pos = sent.start + tok.idx
        if in_ranges(pos, quoted):
            continue
        wrong = "f" if gender == "m" else "m"
        ante = antecedent(pos, sent.index, [m for m in people if _gender_of(m, genders) != wrong], quoted)
        if ante is None:
            continue
        pm = Mention(tok.text, "person", pos, pos + len(tok.text), sent.index, label="pronoun")
        pm.text = ante.text  # resolved to the name through facts' name map; offsets stay the pronoun's
        out.append((i, i + 1, pm))
    return out


def _anaphor_gender(doc, i: int) -> Optional[str]:
    """"m"/"f" when token i refers back to a person: "er"/"sie", the news writer's "der
    52-Jährige"/"die 52-Jährige" after its article, and a sentence-initial "Dieser"/"Diese"
    before a verb ("Diese zog sich … zurück"; "Diese Frage" is a determiner)."""
    low = doc[i].lower_
    if low in ("er", "sie"):
        return "m" if low == "er" else "f"
    if AGE_NOUN.match(doc[i].text) and i > 0 and doc[i - 1].lower_ in ("der", "die"):
        return "m" if doc[i - 1].lower_ == "der" else "f"
    if i == 0 and low in ("dieser", "diese") and len(doc) > 1 and doc[1].text[:1].islower() and doc[1].is_alpha \
            and doc[1].lower_ not in DETERMINERS:
        return "m" if low == "dieser" else "f"
    return None


#: Private attribute on a person Mention: the roles the German rules gave it so far in its document.
ROLES_ATTR = "_kb_de_roles"


def role_anaphors(sent: Sentence, doc, mentions: list[Mention], roles: list, spans) -> list:
    """"Der Ministerpräsident ist nicht zurückgetreten und wird weiterhin als Vorsitzender der
    Partei tätig sein": a bare definite role as a clause's subject ("der/die ROLE" opening the
    clause, a verb right after it, no name, no organisation) is the person an earlier sentence of
    the document gave that role, the most recent one when several had it. Its span then serves
    the holder rules as a subject for the other posts of the clause, as a pronoun does."""
    out = []
    for m in roles:
        det = m.start - 1
        if det < 0 or m.org is not None or m.end != m.core + 1 or doc[det].lower_ not in ("der", "die") \
                or not (det == 0 or doc[det - 1].text in (",", "–", ":") or doc[det - 1].lower_ == "und"):
            continue
        if m.end >= len(doc) or not doc[m.end].text[:1].islower() or any(s_ <= m.end < e for s_, e, _p in spans):
            continue
        earlier = [p for p in mentions if p.type == "person" and p.sentence < sent.index and m.role in getattr(p, ROLES_ATTR, ())]
        if not earlier:
            continue
        ante = max(earlier, key=lambda p: p.start)
        pos = sent.start + doc[det].idx
        pm = Mention(ante.text, "person", pos, sent.start + doc[m.core].idx + len(doc[m.core].text), sent.index, label="pronoun")
        out.append((det, m.end, pm))
    return out
