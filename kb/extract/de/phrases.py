"""German role phrases: the role word of a sentence with its status, place, ordinal and organisation.

``find_roles_de`` reads a parsed German sentence left to right and returns one ``RoleMatchDe`` per
role word (``lexicons/roles_de.tsv`` through ``de/lexicon.py``): "der frühere NATO-Generalsekretär",
"die Tiroler Landeshauptfrau" (-> Tirol), "Vorsitzende des Vorstands der Rheinwerke AG", "Mitglied
der Landesregierung", "SPÖ-Chefin" (-> party leader of the SPÖ). It grows each phrase to the left
(status adjectives, country and place adjectives, a genitive country, an ordinal) and to the right
(a genitive or "von" organisation, the council a post sits in). Who holds the post is the tenure
rules' business (``de/rules.py``, which imports this module); nothing here looks for persons
beyond skipping the words of their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..lexicon import records, word_map, word_sets
from .lexicon import (DETERMINERS, PREPOSITIONS, adj_stem, compound_body, country_name, country_of_adjective, genitive_compound,
                      is_former_word, match_role_de, match_role_de_compound, match_role_entry)
from .orgs import GROUP_NOUNS, ORG_OPENERS, WORKPLACE_OPENERS, genitive_country, in_person, org_after, town_after
from .parties import party_named
from .places import PARLIAMENT_SEATS, place_named, place_of_adjective

#: A party "chief" is its party leader; a council seat or government post is not held in a party.
PARTY_HEADS = word_sets("role_classes_de.tsv")["party_heads"]
SEAT_CATEGORIES = word_sets("role_classes_de.tsv")["seat_categories"]
SEAT_ROLES = word_sets("role_classes_de.tsv")["seat_roles"]
PARTY_NOUNS = word_sets("role_classes_de.tsv")["party_nouns"]
#: Names that open with a role word ("Premier League", "General Motors"): no title there.
NAME_PHRASES = word_sets("role_classes_de.tsv")["name_phrases"]
#: Party names as written in role compounds ("VP-", "SPÖ-") -> the party's name.
PARTIES = word_map("parties_de.tsv")
#: Posts whose word names their body ("Landtagsabgeordnete" -> Landtag).
ROLE_BODIES = word_map("role_orgs_de.tsv")
#: A seat named by its body alone ("Mitglied der Stadtregierung"): body form -> kb's role name.
MEMBER_BODIES = {form: row["role"] for row in records("member_bodies_de.tsv") for form in (row["body"] or "").split("|")}
MEMBER_CATEGORIES = {row["role"]: row["category"] for row in records("member_bodies_de.tsv")}
MEMBER_WORDS = {"mitglied", "mitglieds", "mitgliedes"}
#: "X gehörte … der Landesregierung an": the verb of a seat, as the copula it stands for.
BELONG_VERBS = {"gehört": "ist", "gehören": "sind", "gehörte": "war", "gehörten": "waren"}
#: Adjective stems (any ending) that mark a former or current holder.
FORMER_STEMS = ("früher", "ehemalig", "einstig", "vormalig", "damalig", "abgesetzt", "gestürzt",
                # session 9, from unseen gnad news: "der verstorbene Apple-CEO", "seines zurückgetretenen
                # Präsidenten". Not "bisherig": "die bisherige Chefin X wird nicht mehr kandidieren" holds
                # the post until the handover (news-tenures: current), as often as a replaced holder
                "verstorben", "zurückgetreten")
CURRENT_STEMS = ("amtierend", "derzeitig", "jetzig", "heutig", "aktuell", "scheidend", "geschäftsführend", "neu")
#: Adjective stems of a holder to be ("der designierte Kanzler"): the tenure has not begun.
FUTURE_STEMS = ("designiert", "künftig", "zukünftig", "angehend", "neugewählt")
#: Other adjectives allowed inside a role phrase (kept in role_text only).
SKIP_STEMS = ("stellvertretend", "kommissarisch", "langjährig", "erst", "zweit", "dritt", "amtsführend", "geschäftsführend",
              "interimistisch")
#: "nicht" before one of these is part of the title, not a negation: Vienna's "nicht amtsführende
#: Stadträtin" holds a seat without a department.
TITLE_NEGATED_STEMS = ("amtsführend",)
#: Words before "Gemeinderat"/"Stadtrat" that make it the body, not a member: "im Gemeinderat".
BODY_PREPOSITIONS = {"im", "ins"}
#: A city's council ("SPÖ-Klubobmann im Gemeinderat": the group leader there).
CITY_COUNCILS = {"gemeinderat", "stadtrat", "stadtsenat"}
#: Bare head words: "Chef der SPÖ", "SPÖ-Vorsitzender", "Obmann der ÖVP" lead the party.
BARE_HEADS = ("chef", "vorsitzend", "obmann", "obfrau", "leiter")
#: Tokens between a verb and the role it gives ("gehörte … der Landesregierung an"; the tenure
#: rules' copulas use the same reach).
MAX_COPULA_GAP = 12


@dataclass
class RoleMatchDe:
    """A German role phrase in a sentence Doc (token indices) with its organisation."""

    start: int  # first token of the phrase (status adjectives, country adjective included)
    end: int  # one past the last token (genitive organisation included)
    core: int  # the role word itself
    role: str
    text: str
    org: Optional[str] = None
    org_span: Optional[tuple[int, int]] = None  # character offsets in the sentence
    org_label: str = ""
    status_cue: Optional[str] = None
    ordinal: Optional[int] = None
    belong: bool = False  # a bare body whose verb is "gehört … an"
    date_from: Optional[int] = None  # first token of a date phrase that opens an apposition ("X, seit 2015 Chef,")
    deputy: bool = False  # "der stellvertretende Klubchef": the deputy of the post
    office: bool = False  # a ministry's portfolio ("das Innenressort"): a post only through a verb of taking it up


def portfolio_office(doc, i: int) -> Optional[tuple[str, None]]:
    """"übernimmt das Innenressort": a portfolio ("Ressort") after "das" is the office of its minister
    when the lexicon has that minister ("Innenminister" -> interior minister); (role, None) or None.
    The tenure rules take it only after a verb of taking up or holding an office (rules.OFFICE_VERBS)."""
    word = doc[i].lower_
    if not word.endswith("ressort") or len(word) < 10 or i == 0 or doc[i - 1].lower_ not in ("das", "ein"):
        return None
    if i + 1 < len(doc) and doc[i + 1].lower_ in ("der", "des", "bei", "beim", "im", "in"):
        return None  # "das Kulturressort der Zeitung": a newsroom's desk
    stem = word.removesuffix("ressort")
    role = match_role_de(stem + "minister") or match_role_de(stem.removesuffix("s") + "minister")
    return (role, None) if role and role.endswith(" minister") else None


def _status_of(word: str) -> Optional[str]:
    stem = adj_stem(word)
    if any(stem.startswith(s) for s in FORMER_STEMS):
        return "former"
    if any(stem.startswith(s) for s in FUTURE_STEMS):
        return "unknown"
    if any(stem == s or stem.startswith(s) and len(stem) - len(s) <= 1 for s in CURRENT_STEMS):
        return "current"
    return None


def _is_skip_adj(word: str) -> bool:
    return any(adj_stem(word).startswith(s) for s in SKIP_STEMS)


def _ent_label(doc, i: int) -> str:
    return doc[i].ent_type_ if doc[i].ent_type_ else ""


def find_roles_de(doc) -> list[RoleMatchDe]:
    """Role phrases in a German sentence Doc, left to right, not inside person names."""
    out: list[RoleMatchDe] = []
    for i, tok in enumerate(doc):
        if out and i < out[-1].end:
            continue  # inside "Mitglied des Gemeinderats": the body is not a councillor
        if not tok.text[:1].isupper() or in_person(doc, i) and not _title_in_name(doc, i):
            continue
        member = _member_of(doc, i)
        if member is not None:
            out.append(member)
            continue
        if i > 0 and doc[i - 1].lower_ in BODY_PREPOSITIONS:
            continue  # "im Gemeinderat": the council, not a councillor
        if i + 1 < len(doc) and f"{tok.lower_} {doc[i + 1].lower_}" in NAME_PHRASES:
            continue  # "die Premier League": a name, not the premier "League"
        found = match_role_de_compound(tok.text) or portfolio_office(doc, i)
        if found is None:
            continue
        role, prefix = found
        m = RoleMatchDe(i, i + 1, i, role, tok.text, office=match_role_de_compound(tok.text) is None)
        if prefix:
            m.org = country_name(prefix) or prefix
            m.org_span = (tok.idx, tok.idx + len(prefix))
            m.org_label = "ORG"
            _party_prefix(tok.text, m)
        elif compound_body(tok.text):  # "Gemeindebundpräsident": the institution is written into the word
            m.org, m.org_label = compound_body(tok.text), "ORG"
            m.org_span = (tok.idx, tok.idx + len(m.org or ""))
        if is_former_word(tok.text):
            m.status_cue = "former"
        _genitive_body(doc, m)
        _duty_editor(doc, m)
        _grow_left(doc, m)
        _grow_right(doc, m)
        party_head(doc, m)
        if m.org is None and m.role in ROLE_BODIES:
            m.org, m.org_label = ROLE_BODIES[m.role], "rule:role_body"
        m.org = party_named(m.org) or m.org if m.org else m.org  # "VP-Klubobmann", "Klubchef der Freiheitlichen": ÖVP, FPÖ
        if m.role in SEAT_ROLES and m.org in PARTIES.values():  # "Abgeordneter der SPÖ": the member's party, not the body
            m.org, m.org_span, m.org_label = ROLE_BODIES.get(m.role), None, "rule:role_body" if m.role in ROLE_BODIES else ""
        if m.deputy and not m.role.startswith(("deputy", "vice")):
            m.role = "deputy " + m.role  # "stellvertretender FPÖ-Landesparteiobmann": deputy state party chairman
        m.text = doc[m.start : m.end].text
        out.append(m)
    return out


def _title_in_name(doc, i: int) -> bool:
    """Token i is a title the NER took into a person's name ("EU-Kommissionspräsident Jean-Claude
    Juncker" tagged as one name): the name's first words are role words and the name goes on after
    token i. Person mentions drop such words (``rules._person_spans``); the title is the rules'."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I" and doc[i + 1].ent_type_ == doc[i].ent_type_ \
        and all(match_role_de_compound(doc[k].text) is not None for k in range(start, i + 1))


def _genitive_body(doc, m: RoleMatchDe) -> None:
    """"Vorsitzende des Vorstands (der Rheinwerke AG)" is a "Vorstandsvorsitzende": a role and
    a genitive body that German also writes as one lexicon word (``genitive_compound``) make
    that role; the organisation may follow the body."""
    i = m.core
    if m.org is not None or i + 2 >= len(doc) or doc[i + 1].lower_ not in ("des", "der"):
        return
    body = doc[i + 2]
    if not body.text[:1].isupper() or body.ent_type_:
        return
    role = genitive_compound(doc[i].text, body.text)
    if role is not None:
        m.role, m.end = role, i + 3


def _duty_editor(doc, m: RoleMatchDe) -> None:
    """"Chef(in) vom Dienst" is the newsroom's duty editor, not a head of "Dienst"."""
    i = m.core
    if m.role == "head" and m.org is None and i + 2 < len(doc) and doc[i + 1].lower_ == "vom" and doc[i + 2].lower_ == "dienst":
        m.role, m.end = "duty editor", i + 3


def party_head(doc, m: RoleMatchDe) -> None:
    """"Vorsitzender der Fortschrittspartei", "Chef der Tiroler SPÖ": the chair or head of a party
    is its party leader. A genitive word ending in "-partei" is a party even when the NER left it
    untagged."""
    deputy = "deputy " if m.role.startswith("deputy ") else ""
    if m.role.removeprefix("deputy ") not in PARTY_HEADS or not doc[m.core].lower_.split("-")[-1].startswith(BARE_HEADS):
        return  # "Kommunikationschef der SPÖ" heads a department, not the party
    if m.org is None and m.end + 1 < len(doc) and doc[m.end].lower_ in ("der", "des"):
        found = _party_noun_phrase(doc, m.end + 1)
        if found is not None:
            k, end = found
            m.org, m.org_label, m.end = doc[k:end].text, "ORG", end
            m.org_span = (doc[k].idx, doc[end - 1].idx + len(doc[end - 1].text))
    if m.org is not None and (party_named(m.org) or m.org.lower().endswith("partei") or m.org.lower().startswith("partei ")
                              or m.org.split()[0].lower() in PARTY_NOUNS):
        m.role = deputy + "party leader"
        m.org = party_named(m.org) or m.org
    elif m.org is not None and m.org.rsplit("-", 1)[-1] in GROUP_NOUNS and party_named(m.org.rsplit("-", 1)[0]):
        m.role = deputy + "parliamentary group leader"  # "Vorsitzende der Grünen-Fraktion", as "Fraktionschefin"


def _party_noun_phrase(doc, k: int) -> Optional[tuple[int, int]]:
    """(first, end) of a party named by its noun after "der/des" and at most two adjectives:
    "der Fortschrittspartei", "der rechtspopulistischen Partei der Unabhängigen Bürger" (the bare
    "Partei" only with the party's name after it in the genitive, taken into the name)."""
    while k < len(doc) and _attribute(doc[k]) and k + 1 < len(doc):
        k += 1
    if k >= len(doc) or not doc[k].text[:1].isupper() or not doc[k].lower_.endswith("partei"):
        return None
    if doc[k].lower_ != "partei":
        return k, k + 1
    if k + 2 < len(doc) and doc[k + 1].lower_ in ("der", "des"):
        name = next((e for e in doc.ents if e.start == k + 2 and e.label_ == "ORG"), None)
        if name is not None:
            return k, name.end
    return None


def _attribute(tok) -> bool:
    """An inflected lower-case adjective inside a genitive noun phrase ("der rechtspopulistischen")."""
    return tok.is_alpha and tok.text[:1].islower() and tok.lower_.endswith(("e", "en", "er", "es", "em")) \
        and tok.lower_ not in DETERMINERS and tok.lower_ not in PREPOSITIONS and len(tok.text) > 3


def _member_of(doc, i: int) -> Optional[RoleMatchDe]:
    """A seat named by its body: "Mitglied der (niederösterreichischen) Landesregierung",
    "Mitglied im Landtag", and the bare body of "gehörte … der Landesregierung an" (the holder
    rule then reads "gehörte" as "war"). A place adjective before the body is its organisation."""
    member = doc[i].lower_ in MEMBER_WORDS
    if member:
        if i + 1 >= len(doc) or doc[i + 1].lower_ not in ("der", "des", "im", "dem"):
            return None
        j = i + 2
        if j < len(doc) and (doc[j].text[:1].islower() or place_of_adjective(doc[j].text)):
            j += 1
    else:
        j = i
    if j >= len(doc) or doc[j].lower_ not in MEMBER_BODIES or not doc[j].text[:1].isupper():
        return None
    adj = j - 1 if j > 0 and (doc[j - 1].text[:1].islower() or place_of_adjective(doc[j - 1].text)) else None
    if not member and not _belongs(doc, j, adj):
        return None
    place = place_of_adjective(doc[adj].text) if adj is not None else None
    org = place.name if place else (country_of_adjective(doc[adj].text) if adj is not None else None)
    role = MEMBER_BODIES[doc[j].lower_]
    m = RoleMatchDe(i, j + 1, i, role, doc[i : j + 1].text, belong=not member)
    if org is not None:
        m.org, m.org_label = org, "LOC"
        m.org_span = (doc[adj].idx, doc[adj].idx + len(doc[adj].text))
    elif role in ROLE_BODIES:
        m.org, m.org_label = ROLE_BODIES[role], "rule:role_body"
    if member:
        _grow_left(doc, m)
        if m.org is None and MEMBER_CATEGORIES.get(role) == "business":
            _grow_right(doc, m)  # "Mitglied des Vorstands der Rheinwerke AG"
    m.text = doc[m.start : m.end].text
    return m


def _belongs(doc, j: int, adj: Optional[int]) -> bool:
    """"… der (niederösterreichischen) Landesregierung an" after "gehört(e)" in the clause."""
    det = (adj if adj is not None else j) - 1
    if det < 0 or doc[det].lower_ not in ("der", "dem") or j + 1 >= len(doc) or doc[j + 1].lower_ != "an":
        return False
    return any(t.lower_ in BELONG_VERBS for t in doc[max(0, det - MAX_COPULA_GAP) : det])


def _category(word: str) -> str:
    entry = match_role_entry(word)
    return entry.category if entry else ""


def _party_prefix(word: str, m: RoleMatchDe) -> None:
    """"SPÖ-Chefin" -> party leader of SPÖ; "KPÖ-Stadträtin", "VP-Finanzlandesrat": the party is
    the holder's, the seat is the city's or state's (filled by de/places.py), so no org here."""
    party = PARTIES.get(m.org or "")
    if party is None:
        return
    deputy = "deputy " if m.role.startswith("deputy ") else ""
    if m.role.removeprefix("deputy ") in PARTY_HEADS:
        rest = word.rsplit("-", 1)[-1]
        body = compound_body(rest)
        if body is not None:  # "SPÖ-Pensionistenverbandschef": the head of the party's association
            m.org = body
        elif _party_level(rest) is not None:
            m.role, m.org = deputy + _party_level(rest), party
    elif _category(word) in SEAT_CATEGORIES or m.role in SEAT_ROLES:
        m.org, m.org_span, m.org_label = None, None, ""


#: Words before a bare head in a party compound and the party post they make: "FPÖ-Bundeschef" leads the
#: party, "FP-Landeschef" and "AfD-Landesvorsitzende" its branch in a state.
PARTY_LEVELS = {"": "party leader", "partei": "party leader", "bundes": "party leader", "bundespartei": "party leader",
                "landes": "state party chairman", "landespartei": "state party chairman"}


def _party_level(rest: str) -> Optional[str]:
    """The party post of the role word after a party prefix when it is a bare head ("Chef",
    "Obfrau", "Landesvorsitzende"); None for other heads ("SPÖ-Kampagnenleiter",
    "ÖVP-Delegationsleiter" head something in the party, not the party)."""
    r = rest.lower().removeprefix("vize")
    for level, post in PARTY_LEVELS.items():
        if r.startswith(level) and r[len(level):].startswith(BARE_HEADS):
            return post
    return None


def _place_adjective(doc, k: int, m: RoleMatchDe) -> Optional[str]:
    """The place an adjective right before a city or state post names: "Grazer", "Tiroler",
    "niederösterreichische" (places_de.tsv), and for a city post any capitalised "-er" adjective
    after an article or preposition ("des Schwarzacher Bürgermeisters" -> Schwarzach)."""
    word = doc[k].text
    cat = _category(doc[m.core].text)
    if cat == "government":
        return _german_state(word)
    if cat not in ("local government", "regional government"):
        return None
    place = place_of_adjective(word)
    if place is not None:
        return place.name
    before = doc[k - 1].lower_ if k > 0 else ""
    if word[:1].isupper() and word.endswith("s") and len(word) >= 5 and word.isalpha() and before not in DETERMINERS \
            and (place_named(word) or cat == "local government") and match_role_de_compound(word) is None:
        return place_named(word).name if place_named(word) else word[:-1]  # "Roms Bürgermeister", "Tirols Landeshauptmann"
    if (cat == "local government" and word[:1].isupper() and word.endswith("er") and len(word) >= 6
            and word.isalpha() and (before in DETERMINERS or before in PREPOSITIONS)
            and match_role_de_compound(word) is None):
        return word[:-2]
    return None


#: Lexicon categories (and roles) whose country adjective tells the holder's nationality, not the
#: post's organisation: "der italienische Kapitän", "der deutsche Konzernchef", "der ungarische
#: Trainer" work for a ship, a company or a club. State posts ("der italienische Innenminister")
#: and a national team's head coach ("der österreichische Teamchef") keep the country.
NATIONALITY_CATEGORIES = {"business", "media", "education", "religion"}
NATIONALITY_ROLES = {"captain", "coach", "assistant coach", "sporting director"}


def _nationality_only(doc, m: RoleMatchDe) -> bool:
    """A country adjective before this role names the holder's nationality (see above)."""
    return m.role in NATIONALITY_ROLES or _category(doc[m.core].text) in NATIONALITY_CATEGORIES


def _german_state(word: str) -> Optional[str]:
    """A German state before a minister: "Niedersachsens Umweltminister", "der hessische
    Innenminister" (German states have their own cabinets; Austrian states have councillors)."""
    place = place_of_adjective(word) if word[:1].islower() else (place_named(word) if word.endswith("s") else None)
    return place.name if place is not None and place.kind == "state" and place.country == "Germany" else None


def _grow_left(doc, m: RoleMatchDe) -> None:
    """Take status adjectives, a country or place adjective and an ordinal ("der 14.") before the role."""
    k = m.core - 1
    while k >= 0:
        word = doc[k].text
        if word[:1].islower() and _status_of(word):
            m.status_cue = m.status_cue or _status_of(word)
        elif word[:1].islower() and country_of_adjective(word) and m.org is None and not _nationality_only(doc, m):
            m.org = country_of_adjective(word)
            m.org_span = (doc[k].idx, doc[k].idx + len(word))
            m.org_label = "LOC"
        elif m.org is None and k == m.core - 1 and genitive_country(word):
            m.org = genitive_country(word)  # "Frankreichs Präsident", "Angolas Ex-Präsident"
            m.org_span = (doc[k].idx, doc[k].idx + len(word))
            m.org_label = "LOC"
        elif m.org is None and k == m.core - 1 and _place_adjective(doc, k, m):
            m.org = _place_adjective(doc, k, m)
            m.org_span = (doc[k].idx, doc[k].idx + len(word))
            m.org_label = "LOC"
        elif word[:1].islower() and _is_skip_adj(word):
            m.deputy = m.deputy or adj_stem(word).startswith("stellvertretend")
        elif word == "nicht" and adj_stem(doc[k + 1].text).startswith(TITLE_NEGATED_STEMS):
            pass  # "designierter nicht amtsführender Vizebürgermeister": a title, not a negation
        elif word[:1].isupper() and place_of_adjective(word) is not None and k > 0 \
                and (doc[k - 1].text[:1].islower() or doc[k - 1].text in (",", "(")):
            pass  # "der designierte Wiener FPÖ-Klubchef", "X, Wiener Klubchef der Y,": part of the phrase
        elif word.endswith(".") and word[:-1].isdigit() and len(word) <= 4:
            m.ordinal = int(word[:-1])
        elif _between_status_and_role(doc, k):
            pass  # "der damalige konservative Innenminister": the status adjective further left counts
        else:
            break
        k -= 1
    m.start = k + 1


def _between_status_and_role(doc, k: int) -> bool:
    """"der damalige freiheitliche Landeshauptmann", "die ehemalige grüne Abgeordnete": token k is a
    plain inflected adjective right after a status adjective, so the phrase goes on to its left."""
    word = doc[k].text
    return k > 0 and word.isalpha() and word[:1].islower() and word.endswith(("e", "en", "er", "es", "em")) \
        and doc[k - 1].text[:1].islower() and _status_of(doc[k - 1].text) is not None


#: Words that join a member to the body of the seat: "Abgeordnete zum/im Landtag", "des Landtags".
SEAT_JOINERS = {"zum", "im", "des", "der"}


def _seat_body(doc, m: RoleMatchDe) -> bool:
    """"Abgeordneter zum Nationalrat", "Mandatarin im Tiroler Landtag", "Abgeordnete des Landtags":
    a member of parliament whose body follows is a member of that body (``member_bodies_de.tsv``),
    which is the organisation (``role_orgs_de.tsv``), as for "Landtagsabgeordnete"."""
    k = m.end
    if m.role not in PARLIAMENT_SEATS or m.org is not None or k + 1 >= len(doc) or doc[k].lower_ not in SEAT_JOINERS:
        return False
    k += 1
    if k + 1 < len(doc) and (doc[k].text[:1].islower() or place_of_adjective(doc[k].text)) and doc[k + 1].text[:1].isupper():
        k += 1  # "zum Tiroler Landtag", "im niederösterreichischen Landtag"
    role = MEMBER_BODIES.get(doc[k].lower_)
    if role is None or MEMBER_CATEGORIES.get(role) != "legislature" or not doc[k].text[:1].isupper():
        return False
    m.role, m.end = role, k + 1
    m.org, m.org_label = ROLE_BODIES.get(role, doc[k].text), "rule:role_body"
    m.org_span = (doc[k].idx, doc[k].idx + len(doc[k].text))
    return True


def _grow_right(doc, m: RoleMatchDe) -> None:
    """Take a genitive / "von" organisation after the role when none was found yet, and a
    body the post sits in ("SPÖ-Klubchef im Gemeinderat") into the phrase."""
    if _seat_body(doc, m):
        return
    if m.org is not None:
        _take_body(doc, m)
        return
    # "als Geschäftsführer bei der …", "Professorin an der Universität …": where one works
    workplace = m.start > 0 and doc[m.start - 1].lower_ == "als" or _category(doc[m.core].text) == "education" \
        or m.role == "duty editor"  # "Chefin vom Dienst im ORF"
    org = org_after(doc, m.end, WORKPLACE_OPENERS if workplace else ORG_OPENERS) or town_after(doc, m.core, m.end)
    if org is None and m.end + 2 < len(doc) and doc[m.end].lower_ in ("des", "der") and match_role_de(doc[m.end + 1].text):
        # "Assistent des Obmanns bei der Gebietskrankenkasse": the post serves another post;
        # the workplace after it is the organisation (never the other post's holder)
        org = org_after(doc, m.end + 2, WORKPLACE_OPENERS[len(ORG_OPENERS):])
    if org is None:
        _take_body(doc, m)
        return
    first, end, name, label = org
    m.org = name
    m.org_span = (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
    m.org_label = label
    m.end = end
    _take_body(doc, m)


def _take_body(doc, m: RoleMatchDe) -> None:
    """"… im Gemeinderat", "… im Landtag" right after the phrase belongs to it. A group leader
    in a city's council leads the party's group there, not in a parliament."""
    if m.end + 1 < len(doc) and doc[m.end].lower_ == "im" and doc[m.end + 1].text[:1].isupper():
        if m.role == "parliamentary group leader" and doc[m.end + 1].lower_ in CITY_COUNCILS:
            m.role = "city council group leader"
        m.end += 2
