"""German tenure rules: who holds which role, since when, in German sentences.

Plugs into ``kb.extract.facts`` (sentences with ``lang == "de"``): ``extract_tenures_de``
takes one parsed German sentence and returns the same ``Claim`` records the English rules
produce, so merging, status and storage are shared. Role phrases (the role word with its status,
place and organisation) come from ``de/phrases.py`` (``find_roles_de``), role words from
``lexicons/roles_de.tsv`` through ``kb.extract.de.lexicon.match_role_de_compound`` (inflection,
feminine forms, "NATO-Generalsekretär"), dates from ``kb.extract.dates.find_dates(lang="de")``.

Rules (German word order differs from English, so they are German rules, not translations):

* ``title_before_name``  "Bundeskanzler Friedrich Merz", "der frühere NATO-Generalsekretär
                         Jens Stoltenberg", "der französische Präsident Emmanuel Macron",
                         and with a comma after a determiner: "der Generalsekretär der NATO,
                         Mark Rutte, sagte"
* ``apposition``         "Mark Rutte, der Generalsekretär der NATO, sagte",
                         "Jens Stoltenberg (ehemaliger NATO-Generalsekretär)"
* ``copula``             "X ist seit dem 6. Mai 2025 Regierungschef", "X war von 2005 bis 2013
                         Ministerpräsident Norwegens", "X wurde 2021 Bundeskanzler", and the
                         verb-second order "Seit 2021 ist X Vorsitzende der SPD"
* seats named by their body (``_member_of``, ``lexicons/member_bodies_de.tsv``): "X ist seit
                         1992 Mitglied der Stadtregierung", "X gehörte von 2003 bis 2011 der
                         niederösterreichischen Landesregierung an" (read as "war")
* offices reached through a verb (``OFFICE_VERBS``): "X bekleidet das Amt des Innenministers"
                         ("ist"), "X übernahm den Posten der Bürgermeisterin" ("wurde"), read by
                         the copula rule
* ``als``                "X arbeitet seit 2019 als Trainerin beim SK Y", "Als Bürgermeister eröffnete
                         X …": "als ROLE" after any verb gives the post to the clause's one subject;
                         the verb's tense sets the status (``_clause_tense``)
* a plural title before a list of names gives each listed name the post ("die Exbankchefs A, B und C",
  ``de/lists.py``); a title after "zur/zum/vom" takes a name between commas ("bis hin zur Vorsitzenden
  der Grünen-Fraktion im Europäischen Parlament, X, …")
* a genitive noun phrase between commas is the organisation ("Die Direktorin des Stadtmuseums in
  Talheim, X," / "X, Vorsitzender des Dachverbands der Imker,": ``_genitive_np_holder``)
* nouns of leaving before a title ("nach dem Abtritt von Bürgermeister X 2003": former, ended)
  and verbs of leaving after the name ("Minister X ist zurückgetreten": former)
* ``epithet``           "für den FPÖ-Chef" / "sagte der Volvo-Chef" without a name of its own: the one
                         person its sentence names (``de/epithets.py``; no dates)
* subjects not written as a name come from ``de/anaphora.py``: "er"/"sie", "der 52-Jährige",
  a sentence-initial "Diese", a bare "der Ministerpräsident" given that role before, and a
  known surname that is also a noun ("Schaden", "Vogel") right before a copula

The organisation (read by ``de/phrases.py``) comes from a compound prefix ("NATO-"), a country adjective ("französische"
-> France), a genitive country before the role ("Frankreichs Präsident"), or a genitive / "von"
phrase after the role ("der NATO", "Norwegens", "von Berlin", "der Rheinwerke AG"; read by
``de/orgs.py``); German country names map to the English names the English rules use
(``lexicons/demonyms_de.tsv``, ``countries_de.tsv``). "ROLE des BODY" is the one-word role German
also writes ("Vorsitzende des Vorstands" = "Vorstandsvorsitzende"). Posts stated by a verb
("leitet", "trat … als … zurück", "hat X zur … ernannt") come from ``de/verbs.py``. Status: "frühere/ehemalige/Ex-" -> former, "amtierende/
derzeitige" -> current, then the verb ("ist" current, "war" former, "wurde" an event), then
dates ("seit" -> current; an end date is judged by facts.py against the publication date).
Statements under negation or modality ("nicht", "Kandidat", "sollte", hearsay "soll … sein") are
skipped; a post announced with "soll/dürfte/wird … werden" has status unknown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Optional

from ...model import Mention, Sentence, Span
from ..claims import Claim, apply_date
from .lexicon import DETERMINERS, PREPOSITIONS, adj_stem, match_role_de_compound
from . import lists, successors, verbs
from .doc_orgs import title_kind
from .epithets import epithet_holder, epithet_spans
from .anaphora import ROLES_ATTR, pronoun_spans, promote_known_names, role_anaphors
from .parties import is_party_post, party_named
from .org_forms import strip_kind
from .orgs import in_person, nominative_name, org_after, story_org, subject_org
from .phrases import (BELONG_VERBS, MAX_COPULA_GAP, MEMBER_BODIES, MEMBER_CATEGORIES, PARTIES, ROLE_BODIES, RoleMatchDe,
                      find_roles_de, party_head)
from ..lexicon import word_sets

#: Rule names carry a "de_" prefix so that a tenure's extractor ("kb.roles.v1:de_copula") shows
#: it came from the German rules; confidences match the English rules of the same shape.
CONFIDENCE = {"de_title_before_name": 0.9, "de_apposition": 0.85, "de_copula": 0.8, "de_verb_final": 0.8,
              "de_ellipsis": 0.6, "de_als": 0.7, "de_leads": 0.75, "de_exit": 0.75, "de_appoint": 0.8, "de_succeed": 0.75, "de_epithet": 0.6}
#: Roles too generic to mean anything without an organisation ("der Chef", "die Leiterin").
NEEDS_ORG = word_sets("role_classes_de.tsv")["needs_org"]
#: Generic posts that take the organisation the story is about when their sentence names none.
STORY_ORG_ROLES = word_sets("role_classes_de.tsv")["story_org_roles"]
#: Team posts that stay posts as a title before a name when kb finds no team ("Trainer X").
TITLED_WITHOUT_ORG = word_sets("role_classes_de.tsv")["titled_without_org"]
#: Nouns that point to an organisation without naming it ("des Unternehmens", "der Partei"): no org.
GENERIC_ORG_NOUNS = word_sets("role_classes_de.tsv")["generic_org_nouns"]
#: Bodies whose seat a move into or out of them states ("aus dem Landtag", "in den Nationalrat"):
#: the elected ones of member_bodies_de.tsv, never a company's board.
SEAT_BODIES = {form: role for form, role in MEMBER_BODIES.items() if MEMBER_CATEGORIES.get(role) != "business"}
#: A company's or foundation's boards, whose seat sitting on them states ("sitzt im Aufsichtsrat der Y").
BOARD_BODIES = {form: role for form, role in MEMBER_BODIES.items() if MEMBER_CATEGORIES.get(role) == "business"}
#: "X bekleidet das Amt des Innenministers", "X übernahm den Posten der Bürgermeisterin": verbs of
#: an office named by "Amt/Posten/Funktion des ROLE", as the copula each stands for (holding: ist/war;
#: taking up: wurde, an event whose date is the start).
OFFICE_VERBS = {"bekleidet": "ist", "bekleiden": "sind", "bekleidete": "war", "bekleideten": "waren",
                "übernimmt": "wurde", "übernahm": "wurde", "übernehmen": "wurden", "übernahmen": "wurden",
                "erhält": "wurde", "erhielt": "wurde", "tritt": "wurde", "trat": "wurde"}
OFFICE_NOUNS = {"amt", "posten", "funktion", "position", "job"}

COPULA_PRESENT = {"ist", "sind", "bleibt", "bleiben", "amtiert", "fungiert", "dient", "gilt"}
COPULA_PAST = {"war", "waren", "blieb", "blieben", "amtierte", "fungierte", "diente", "galt"}
COPULA_EVENT = {"wurde", "wurden", "wird", "werden", "worden"}
#: Cues that the statement is not a fact: modality, negation, candidacy, conditions.
IRREALIS = {"soll", "sollte", "sollten", "sollen", "könnte", "könnten", "würde", "würden", "möchte", "will", "wollen",
            "nicht", "kein", "keine", "nie", "niemals", "wenn", "falls", "ob", "kandidat", "kandidatin",
            "kandidiert", "designierte", "designierter", "designierten", "voraussichtlich", "angeblich",
            "möglicher", "mögliche", "möglichen", "potenzieller", "potenzielle", "potenziellen"}  # "als möglicher Kanzler"
#: Words right after a role that make it talk, not fact: "war als Finanzminister im Gespräch".
IRREALIS_AFTER = {"gespräch", "gehandelt", "nachgesagt", "gehandelte", "vorgeschlagen"}
#: Verbs of a post to come, with the infinitive "werden" after the role: "X dürfte Bürgermeisterin
#: werden", "X wird … Vorsitzender werden", "X soll im Herbst Ministerin werden". The tenure's status
#: is unknown. "soll … werden" is the German "is to become": news announces appointments with it
#: (news-tenures' gold counts "soll … angelobt werden" as a post to come). Hearsay "soll" is "soll X
#: gewesen sein / sein" (no "werden"), which stays irrealis (IRREALIS).
FUTURE_MODALS = {"dürfte", "dürften", "wird", "werden", "soll", "sollen"}
#: Infinitives after an office named by "das Amt des ROLE" that make it a post to come with a
#: modal: "X soll das Amt der Innenministerin übernehmen".
FUTURE_OFFICE_INFINITIVES = {"übernehmen", "antreten"}
#: Participles of an appointment before the finite verb: "…, die zur Bürgermeisterin gewählt wurde".
APPOINTED = {"gewählt", "ernannt", "bestellt", "berufen", "angelobt", "vereidigt", "nominiert", "befördert"}
CLAUSE_BREAKS = {";", ":", "\"", "„", "“", "”", "»", "«", "—", "–", "und", "oder", "aber", "dass", "weil"}
#: Conjunctions opening a verb-final clause: "während sie … Ministerin war", "als er … wurde".
SUBORDINATORS = {"während", "als", "seit", "seitdem", "nachdem", "bevor", "weil", "da", "dass", "daß", "obwohl",
                 "wo", "sobald", "solange", "wenngleich", "nachdem"}
#: Relative pronouns that are the subject of their clause: "Rutte, der … Premierminister war".
RELATIVE_SUBJECTS = {"der", "die", "welcher", "welche"}
#: Participles between the role and the finite verb: "… Ministerin gewesen war".
PARTICIPLES = {"gewesen", "geworden", "geblieben"}
#: Plural copulas: "sie waren Minister" is "they", not "she".
PLURAL_VERBS = {"sind", "waren", "wurden", "werden", "bleiben", "blieben", "seien", "wären"}
#: Participles after a holder's name that end the post: "X ist zurückgetreten", "hat Trainer X entlassen".
LEFT_WORDS = {"zurückgetreten", "entlassen", "abgesetzt", "abgewählt", "gefeuert", "geschasst", "abberufen", "gestürzt"}
#: Nouns of leaving a post ("nach dem Abtritt von Bürgermeister X").
EXIT_NOUNS = {"abtritt", "rücktritt", "abgang", "ausscheiden", "abschied", "abwahl", "entlassung", "absetzung",
              "sturz", "rückzug", "ablöse", "ablösung", "tod"}
#: Words right before "als" that make it a comparison, not a capacity: "mehr als Minister".
AS_COMPARATIVES = {"mehr", "weniger", "früher", "später", "eher", "besser", "schlechter", "anders", "lieber", "sowohl",
                   "ebenso", "genauso", "so", "nichts", "niemand", "größer", "länger", "wichtiger", "auch"}
#: Subordinators that are also prepositions or adverbs ("seit 2019", "während der Krise", "da"):
#: they do not open the clause an "als ROLE" sits in.
PREPOSITION_SUBORDINATORS = {"seit", "während", "als", "da"}
#: Past verbs of holding a post: "X arbeitete als Trainer" is over; other past verbs ("eröffnete
#: als Bürgermeister") narrate an event and leave the status open.
HOLD_PAST = {"arbeitete", "arbeiteten", "wirkte", "wirkten", "diente", "dienten", "lehrte", "spielte", "spielten"}
#: Verbs by which a subject gives someone else a post "als ROLE": "X bestellte Y als Minister".
APPOINTING_VERBS = {"bestellte", "bestellt", "ernannte", "ernennt", "machte", "macht", "holte", "holt", "berief", "beruft",
                    "wählte", "wählt", "nominierte", "nominiert", "engagierte", "verpflichtete", "verpflichtet",
                    "setzte", "setzt", "präsentierte", "präsentiert", "empfahl", "empfiehlt", "schickte", "schickt"}
#: Verbs that name or judge someone "als ROLE" without giving them the post.
NAMING_VERBS = {"bezeichnet", "bezeichnete", "bezeichneten", "nennt", "nannte", "nannten", "sieht", "sah", "sahen",
                "betrachtet", "betrachtete", "kritisiert", "kritisierte", "lobt", "lobte", "wertet", "bewertet",
                "gilt", "galt", "vorgeschlagen", "vorgestellt", "gehandelt", "verkleidet", "ausgegeben", "ausgab", "gibt"}


# ------------------------------------------------------------------------------------------
# holder rules
# ------------------------------------------------------------------------------------------


def _person_spans(sent: Sentence, doc, persons: Iterable[Mention]) -> list[tuple[int, int, Mention]]:
    """Token spans of the person mentions, without role words glued to their front.

    A mention may arrive as "NATO-Generalsekretär Mark Rutte" (a name extended to the left
    over capitalised words, which in German include every noun); the role word is the
    rules' business, so the span starts after it.
    """
    out = []
    for p in persons:
        span = doc.char_span(p.start - sent.start, p.end - sent.start, alignment_mode="expand")
        if span is None:
            continue
        start = span.start
        while start < span.end - 1 and match_role_de_compound(doc[start].text) is not None:
            start += 1
        out.append((start, span.end, p))
    return sorted(out, key=lambda x: x[0])


def _titled_name(m: RoleMatchDe, spans) -> bool:
    """ "Trainer Udo Pichl": a team's post written as the title right before its holder's name is
    a post even where kb cannot tell the team (the club tagged as a place, named only as "die
    Knights"): the holder and the post are right, the organisation stays open. Not a captain: "der
    italienische Kapitän X" may command a ship (a rank, no post)."""
    return m.role.removeprefix("deputy ") in TITLED_WITHOUT_ORG and any(start == m.end for start, _, _ in spans)


def _title_before_name(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str]]:
    """ROLE NAME, or "der ROLE der ORG, NAME"."""
    i = m.end
    if i + 2 < len(doc) and doc[i].lower_ in ("in", "im") and doc[i + 1].text[:1].isupper() and doc[i + 2].text == ",":
        i += 2  # "die Direktorin des Museums in Berlin, NAME"
    elif m.org is not None and _place_phrase_end(doc, i, m) is not None:
        i = _place_phrase_end(doc, i, m)  # "der Grünen-Fraktion im Europäischen Parlament, NAME"
    if m.org is not None and i + 3 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 3].text == ",":
        i += 3  # "der Generaldirektor der Talwerk Holding AG (THA), NAME": the organisation's short name
    complement = _complement_end(doc, i) if _determiner_before(doc, m.start) else None
    j = complement if complement is not None else i
    enclosed = False  # "bis hin zur Vorsitzenden der X, NAME, …": the name between commas
    if j < len(doc) and doc[j].text == "," and _determiner_before(doc, m.start):
        j += 1
    elif j < len(doc) and doc[j].text == "," and m.org is not None and m.start > 0 \
            and doc[m.start - 1].lower_ in CONTRACTED_ARTICLES:
        j, enclosed = j + 1, True
    for s, e, p in spans:
        if s == j and enclosed and not (_after_age(doc, e) < len(doc) and doc[_after_age(doc, e)].text == ","):
            return None
        if s == j:
            if complement is not None and m.org is None and doc[i].lower_ in ("von", "vom"):
                m.org, m.org_label = doc[i + 1 : complement].text, "ORG"  # "der Geschäftsführer von Köln-Tourismus, X"
                m.org_span = (doc[i + 1].idx, doc[complement - 1].idx + len(doc[complement - 1].text))
            return p, "de_title_before_name"
    return None


#: Prepositions with an article in them before a title: "zur Vorsitzenden der X, NAME,".
CONTRACTED_ARTICLES = {"zur", "zum", "vom", "beim"}
#: Capitalised words of a place phrase after a title's organisation: "im Europäischen Parlament".
MAX_PLACE_WORDS = 3


def _place_phrase_end(doc, i: int, m: RoleMatchDe) -> Optional[int]:
    """Where "im Europäischen Parlament" / "in der Stadt Graz" (up to three capitalised words, no
    person) ends when a comma follows it, else None. The role's phrase may already hold its start."""
    if i < len(doc) and doc[i].lower_ in ("in", "im"):
        k = i + 1 + (i + 1 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].lower_ in ("der", "dem"))
    elif any(t.lower_ in ("in", "im") for t in doc[m.core + 1 : m.end]):
        k = i  # "Vorsitzenden der X im Europäischen" read as the phrase, "Parlament" after it
    else:
        return None
    first = k
    while k < len(doc) and k - first < MAX_PLACE_WORDS and doc[k].text[:1].isupper() and doc[k].is_alpha \
            and not in_person(doc, k):
        k += 1
    return k if k > first and k < len(doc) and doc[k].text == "," else None


#: Prepositions of a complement between a title and its comma: "der Hochkommissar für Flüchtlinge, X".
COMPLEMENT_PREPOSITIONS = {"für", "von", "vom"}


def _complement_end(doc, i: int) -> Optional[int]:
    """Where "für Flüchtlinge", "vom DLR", "von Köln-Tourismus" (a preposition and one to three
    capitalised words, no person) ends when a comma follows it: the title's portfolio or body
    stands between the title and the comma before its holder ("der Staatssekretär für EU-Fragen,
    X"); else None."""
    if i >= len(doc) or doc[i].lower_ not in COMPLEMENT_PREPOSITIONS:
        return None
    k = i + 1
    while k < len(doc) and k - i <= 3 and doc[k].text[:1].isupper() and doc[k].text.replace("-", "").isalnum() \
            and not in_person(doc, k):
        k += 1
    return k if i + 1 < k < len(doc) and doc[k].text == "," else None


def _determiner_before(doc, start: int) -> bool:
    """An article opens the phrase, maybe before a participle or a year: "der 1972 geborene …"."""
    for k in range(start - 1, max(-1, start - 4), -1):
        if doc[k].lower_ in DETERMINERS:
            return True
        if not (doc[k].text[:1].islower() or doc[k].like_num):
            return False
    return False


def _after_age(doc, e: int) -> int:
    """Where a name's phrase ends: after "(41)", the age news puts after a name, after life
    years "(1931–2010)", "(1931 - 2010)", or after the holder's party "(ÖVP)", "(SPÖ, 41)"; else e."""
    for _ in range(2):  # "Eva Berg (41) (ÖVP)"
        if e + 2 >= len(doc) or doc[e].text != "(":
            return e
        close = next((c for c in range(e + 2, min(len(doc), e + 6)) if doc[c].text == ")"), None)
        if close is None or not all(_age_or_party(t) for t in doc[e + 1 : close]):
            return e
        e = close + 1
    return e


def _age_or_party(tok) -> bool:
    """A token of the brackets after a name: an age, life years or a party ("ÖVP", "Grüne")."""
    text = tok.text
    return (tok.like_num or text.replace("–", "").replace("-", "").isdigit() or text in ("–", "-", ",")
            or text in PARTIES or (text.isupper() and 2 <= len(text) <= 5 and text.isalpha()))


def _apposition(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str]]:
    """NAME, [der] ROLE …  /  NAME ([ehemaliger] ROLE)  /  NAME (41), ROLE …  /  NAME, der
    rechtspopulistische ROLE, … (adjectives after the article)."""
    k = m.start - 1
    adjectives = 0
    while k >= 1 and adjectives < 2 and _adjective(doc[k]) and (doc[k - 1].lower_ in DETERMINERS or _adjective(doc[k - 1])
                                                                 or doc[k - 1].text == "," and _bare_adjective(doc[k])):
        k, adjectives = k - 1, adjectives + 1
    if k >= 0 and doc[k].lower_ in DETERMINERS:
        k -= 1
    k = _skip_occupation(doc, k)
    adverb = doc[k].lower_ if k >= 1 and doc[k].lower_ in APPOSITION_ADVERBS and doc[k - 1].text == "," else None
    k = k - 1 if adverb else k
    since = _since_phrase(doc, k) if not adverb else None
    k = since - 1 if since is not None else k
    if k < 1 or doc[k].text not in (",", "("):
        return None
    for _s, e, p in spans:
        if e == k or _after_age(doc, e) == k:
            if adverb and m.status_cue is None:
                m.status_cue = APPOSITION_ADVERBS[adverb]
            m.date_from = since
            return p, "de_apposition"
    return None


#: Adverbs that open an apposition ("X, zugleich Chef der Partei Y,", "X, zuvor Ministerin,"): the
#: holder's status they give ("former" for a post held before; None leaves it to the rule).
APPOSITION_ADVERBS = {"zuvor": "former", "einst": "former", "damals": "former", "früher": "former",
                      "ehemals": "former", "vormals": "former", "seinerzeit": "former",
                      "zugleich": "current", "gleichzeitig": "current", "derzeit": "current", "inzwischen": "current",
                      "mittlerweile": "current", "nun": "current", "jetzt": "current", "heute": "current",
                      "auch": None, "selbst": None, "ebenfalls": None}

#: Endings of adjective stems ("technisch", "wissenschaftlich", "amtierend", "zuständig"): an
#: adjective with one may open an apposition without an article ("X, technischer Leiter der Y,");
#: a verb after a comma ("…, sagte Minister Y") has none.
ADJECTIVE_STEM_ENDS = ("isch", "lich", "ig", "end", "bar", "iv", "ell", "al", "los", "haft", "sam")


def _bare_adjective(tok) -> bool:
    """"technischer", "wissenschaftliche": an adjective that can open an apposition right after
    its comma, without an article."""
    return _adjective(tok) and tok.lower_.endswith(("er", "e")) and adj_stem(tok.text).endswith(ADJECTIVE_STEM_ENDS)


def _skip_occupation(doc, k: int) -> int:
    """"X, Anwalt und Präsident des Vereins Y": an occupation joined by "und" before the post
    (one capitalised noun that is no role, name or entity, right after the comma) is part of the
    apposition; the token before it is where the apposition opens. Else k unchanged."""
    if k < 2 or doc[k].lower_ != "und" or doc[k - 2].text != ",":
        return k
    noun = doc[k - 1]
    if not (noun.is_alpha and noun.text[:1].isupper() and not noun.ent_type_) or match_role_de_compound(noun.text) is not None:
        return k  # a second post is the rules' coordination (``_coordinated``), an entity is no occupation
    return k - 2


def _since_phrase(doc, k: int) -> Optional[int]:
    """The first token of "seit [dem] [Dezember] 2015" ending at token k right after a comma
    ("X, seit Dezember 2015 Firmenchef, …"), else None."""
    for j in range(k, max(0, k - 5), -1):
        if doc[j].lower_ == "seit":
            return j if j >= 1 and doc[j - 1].text == "," and any(t.like_num for t in doc[j + 1 : k + 1]) else None
        if not (doc[j].like_num or doc[j].text[:1].isupper() or doc[j].lower_ in ("dem", "anfang", "ende", "mitte")
                or doc[j].text == "."):
            return None
    return None


def _adjective(tok) -> bool:
    """A lower-case inflected adjective inside a noun phrase: "rechtspopulistische", "neuen"."""
    return tok.is_alpha and tok.text[:1].islower() and tok.lower_.endswith(("e", "en", "er", "es", "em")) \
        and tok.lower_ not in DETERMINERS and tok.lower_ not in PREPOSITIONS and tok.lower_ not in IRREALIS \
        and tok.lower_ not in CLAUSE_BREAKS and len(tok.text) > 3


def _copula(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str]]:
    """SUBJ VERB … ROLE  or  … VERB SUBJ … ROLE (verb second); returns (person, rule, verb)."""
    lo = max(0, m.start - MAX_COPULA_GAP - 4)
    if any(t.lower_ in IRREALIS_AFTER for t in doc[m.core + 1 : m.end + 3]):
        return None  # "war als Finanzminister im Gespräch"
    if _oblique(doc, m):
        return None  # "X gilt als Kritiker … des Chefs der Partei Y": the post is someone else's
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    future = nxt in ("werden", "bleiben") or nxt in FUTURE_OFFICE_INFINITIVES and _office_noun_before(doc, m)
    for v in range(m.start - 1, lo - 1, -1):
        w = doc[v].lower_
        if w == "und" and not any(v < s < m.start for s, _e, _p in spans):
            continue  # "ist seit 1992 Stadtrat und seit 1999 Bürgermeister": one subject, two posts
        if w in CLAUSE_BREAKS or doc[v].text == ",":
            return None
        if future and w in FUTURE_MODALS:
            w = "future"
        elif m.belong and w in BELONG_VERBS:
            w = BELONG_VERBS[w]
        elif w in OFFICE_VERBS and _office_noun_before(doc, m) and (w not in ("tritt", "trat") or _particle_an(doc, m)):
            w = OFFICE_VERBS[w]  # "tritt … an" takes up the office; "trat … zurück" leaves it
        elif w not in COPULA_PRESENT | COPULA_PAST | COPULA_EVENT or m.office:
            continue  # a portfolio ("das Innenressort") is an office only through its verb
        between = [t.lower_ for t in doc[v + 1 : m.start]]
        no_longer = _no_longer(between)
        if no_longer:  # "X ist nicht mehr Bürgermeister": held before, not now
            if w not in COPULA_PRESENT | COPULA_PAST or w in PLURAL_VERBS:
                return None  # "wird nicht mehr …" denies a post to come; "sind nicht mehr …" may be "they"
            between, w = [x for k, x in enumerate(between) if k not in no_longer], NO_LONGER
        if any(x in IRREALIS for x in between) or len(between) > MAX_COPULA_GAP:
            return None
        if w in ("wird", "werden") and "weiterhin" in between:
            w = "ist"  # "wird weiterhin als Vorsitzender tätig sein": the post goes on
        subject = next((p for p in spans if _after_age(doc, p[1]) == _skip_apposition(doc, v)  # SUBJ [, …,] VERB
                        and not (p[0] > 0 and doc[p[0] - 1].lower_ in PREPOSITIONS)), None)  # "Für sie übernimmt X": no subject
        if subject is None:  # VERB [TITLE] SUBJ … ROLE: "übernimmt Finanzlandesrat X das Innenressort"
            first = v + 2 if v + 2 < m.start and match_role_de_compound(doc[v + 1].text) is not None else v + 1
            subject = next((p for p in spans if p[0] in (v + 1, first) and p[1] <= m.start), None)
        if subject is None:  # SUBJ VERB … und VERB … ROLE
            subject = _shared_subject(doc, v, spans)
        if subject is None:
            return None
        before = [t.lower_ for t in doc[max(0, subject[0] - 3) : subject[0]]]
        if any(x in IRREALIS and not (w == "future" and x in FUTURE_MODALS) for x in before):
            return None
        return subject[2], "de_copula", w
    return None


#: The verb a copula with "nicht mehr" stands for: the post ended; its "seit" dates the end, so
#: the claim takes no date.
NO_LONGER = "nicht mehr"


def _no_longer(words: list[str]) -> tuple[int, ...]:
    """Positions of "nicht mehr" among the words between a copula and its role, else (): the
    negation says the post ended ("ist nicht mehr Trainer"), it does not deny it."""
    return next(((k, k + 1) for k in range(len(words) - 1) if words[k] == "nicht" and words[k + 1] == "mehr"), ())


#: Articles of the genitive and dative: a role after one is no predicate noun (a copula's
#: predicate is in the nominative: "X ist der Chef", never "X ist des Chefs").
OBLIQUE_ARTICLES = {"des", "dem", "den", "eines", "einem", "einen"}


def _oblique(doc, m: RoleMatchDe) -> bool:
    """The role phrase is in the genitive or dative ("… des Chefs der Partei", "diente dem
    Präsidenten"), so it names another person's post, unless an office noun governs it ("bekleidet
    das Amt des Innenministers") or the verb is "gehört … an" (a body in the dative)."""
    return m.start > 0 and doc[m.start - 1].lower_ in OBLIQUE_ARTICLES and not m.belong and not _office_noun_before(doc, m)


def _shared_subject(doc, v: int, spans) -> Optional[tuple[int, int, Mention]]:
    """The subject of two verbs joined by "und": "X wechselt nach Linz und wird dort Landesrätin".
    Only when "und" is right before the verb, X is the one person before it and no clause break or
    comma lies between X and the "und" (then no other subject can start in between)."""
    if v < 1 or doc[v - 1].lower_ != "und":
        return None
    before = [p for p in spans if p[1] <= v - 1]
    if len(before) != 1:
        return None
    k = _after_age(doc, before[0][1])
    if k + 2 < v and doc[k].text == "(" and doc[k + 2].text == ")":
        k += 3  # "Eva Berg (ÖVP) wechselt …": the party in brackets
    gap = doc[k : v - 1]
    if len(gap) == 0 or any(t.lower_ in CLAUSE_BREAKS or t.text in (",", "(") or t.lower_ in SUBORDINATORS for t in gap):
        return None
    return before[0]


def _office_noun_before(doc, m: RoleMatchDe) -> bool:
    """"das Amt des Innenministers", "den Posten der Bürgermeisterin": the role names an office
    that a verb of holding or taking up ("bekleidet", "übernimmt") gives its subject."""
    return m.office or m.start >= 2 and doc[m.start - 1].lower_ in ("des", "der") and doc[m.start - 2].lower_ in OFFICE_NOUNS


def _particle_an(doc, m: RoleMatchDe) -> bool:
    """"trat 2010 das Amt der Bürgermeisterin an": the particle right after the role phrase."""
    return m.end < len(doc) and doc[m.end].lower_ == "an"


def _skip_apposition(doc, v: int) -> int:
    """Where the subject must end for verb v: v itself, or before ", … ," right before v.

    "Annalena Baerbock, die frühere Außenministerin, wurde …": the subject ends at the first
    comma. The clause may hold at most 8 tokens and no other verb of ours.
    """
    if v < 2 or doc[v - 1].text != ",":
        return v
    for k in range(v - 2, max(0, v - 10), -1):
        if doc[k].text == ",":
            return k
        if doc[k].lower_ in COPULA_PRESENT | COPULA_PAST | COPULA_EVENT:
            break
    return v


def _status(m: RoleMatchDe, rule: str, verb: str = "") -> tuple[str, int]:
    if m.status_cue:
        return m.status_cue, 2
    if rule in ("de_title_before_name", "de_apposition", "de_epithet"):
        return "current", 1  # news titles name the holder now
    if verb in COPULA_PRESENT:
        return "current", 1
    if verb in COPULA_PAST:
        return "former", 1
    if verb == NO_LONGER:
        return "former", 2
    if verb == "future":
        return "unknown", 1  # "soll … werden": a post to come
    return "unknown", 0


def _attach_date(claim: Any, dates: list, lo: int, hi: int, event: bool) -> None:
    """The first tenure-date phrase inside [lo, hi) (document offsets) sets start/end."""
    kinds = ("since", "from_to", "between", "until", "point")
    inside = [d for d in dates if getattr(d, "kind", "") in kinds and lo <= d.start_char and d.end_char <= hi]
    if not inside:
        return
    d = inside[0]
    if d.kind == "point" and not event:
        return  # "war 2010 Minister" does not say when the tenure began
    apply_date(claim, d)


def _claim(sent: Sentence, doc, m: RoleMatchDe, person: Mention, rule: str, verb: str = ""):
    s0 = sent.start
    rs = doc[m.start].idx + s0
    re_ = doc[m.core].idx + len(doc[m.core].text) + s0
    org_span, org = None, m.org
    if m.org_span is not None:
        os_, oe = m.org_span
        org, drop = strip_kind(m.org, m.org_label, sent.text[os_:oe])  # "der Zeitung X": the body is X
        os_ += drop
        org_span = Span(os_ + s0, oe + s0, sent.text[os_:oe])
        re_ = max(re_, oe + s0) if m.end > m.core + 1 else re_
    role_span = Span(rs, re_, sent.text[rs - s0 : re_ - s0])
    status, strength = _status(m, rule, verb)
    return Claim(
        person, person.text, m.role, org, sent.index, rule, role_span, org_span, m.org_label,
        ordinal=m.ordinal, status=status, status_strength=strength, role_text=m.text,
        confidence=CONFIDENCE.get(rule, 0.5),
    )


def extract_tenures_de(sent: Sentence, doc, persons: list[Mention], dates: list, mentions: list[Mention]) -> list[Claim]:
    """Claims (``claims.Claim``, as the English rules return) of one German sentence; ``dates``
    are find_dates(lang="de") results. ``Claim.person`` may be the surface form (the driver
    canonicalises names afterwards); status, strength and dates are set as the English rules do.

    ``persons`` are the sentence's person mentions (document offsets); ``mentions`` is the
    document's mention list so far. Two things read it: a place/organisation entity that is a
    name of a person named in the document ("Rutte" tagged LOC after "Mark Rutte") is turned
    into that person, and "er"/"sie" subjects resolve to a person named before (``coref``).
    """
    persons = list(persons) + promote_known_names(sent, doc, mentions, persons, COPULA_PRESENT | COPULA_PAST | COPULA_EVENT | set(BELONG_VERBS))
    spans = _person_spans(sent, doc, persons)
    roles = find_roles_de(doc)
    spans = spans + pronoun_spans(sent, doc, mentions, spans)
    spans = sorted(spans + role_anaphors(sent, doc, mentions, roles, spans), key=lambda x: x[0])
    spans = sorted(spans + epithet_spans(sent, doc, roles, spans, mentions), key=lambda x: x[0])
    if not spans:
        return []
    claims = []
    held: dict[int, tuple[Mention, str, str]] = {}  # role index -> (holder, rule, verb)
    for n, m in enumerate(roles):
        found = _genitive_np_holder(doc, m, spans) if m.org is None else None
        if (m.role.removeprefix("deputy ") in NEEDS_ORG or m.role.endswith(" spokesperson")) and m.org is None:
            _implied_org(doc, m, spans)  # "deren Sozialsprecher X", "Bildungssprecherin X (SPÖ)"
        if m.org is None and is_party_post(m.role):
            _possessor_party(doc, m)  # "Die ÖVP hatte ihren Klubobmann X dazugebeten"
        if m.role.removeprefix("deputy ") in STORY_ORG_ROLES and m.org is None:
            _story_org(sent, m, mentions)  # "Trainer X" in a story about one club
        kind_only = m.role.removeprefix("deputy ") in NEEDS_ORG and m.org is None and not _titled_name(m, spans)
        if kind_only and title_kind(m.role, m.text, by_category=False) is None:
            continue  # "Firmensprecher X", "Vereinschef X" wait for the story's organisation of their kind (de/doc_orgs.py)
        found = found or _holder(doc, m, spans)
        if found is None and (held_by := epithet_holder(doc, m, spans, mentions)) is not None:
            found = (held_by, "de_epithet", "", 0)  # "für den FPÖ-Chef" in a sentence naming only X
        if found is None:
            continue
        person, rule, verb, clause = found
        claim = _claim(sent, doc, m, person, rule, verb)
        claim.needs_doc_org = kind_only
        s0 = sent.start
        nxt = roles[n + 1].start if n + 1 < len(roles) else len(doc)
        # copula dates sit anywhere in the clause ("Seit 2021 ist X …", "X ist seit 2021 …"):
        # from the previous role (or the clause's conjunction) on; title/apposition dates follow the role
        prev_end = max(roles[n - 1].end if n > 0 else 0, clause)
        lo_tok = prev_end if rule in ("de_copula", "de_verb_final", "de_als") else m.start
        lo_tok = m.date_from if rule == "de_apposition" and m.date_from is not None else lo_tok
        conj = [u for u in range(lo_tok, m.start) if doc[u].lower_ == "und"]
        lo_tok = conj[-1] + 1 if conj and rule == "de_copula" else lo_tok  # "… und seit 1999 Bürgermeister"
        lo = (doc[lo_tok].idx if lo_tok < len(doc) else len(sent.text)) + s0
        if rule in ("de_title_before_name", "de_apposition"):
            nxt = min(nxt, _date_reach(doc, m, rule, spans))
        hi = doc[nxt - 1].idx + len(doc[nxt - 1].text) + s0
        if rule == "de_title_before_name" and _exit_noun_before(doc, m):
            _exited(sent, doc, m, claim, spans, dates)
        else:
            if rule == "de_title_before_name" and (_left_after_name(doc, m, spans) or _past_era(doc, m, spans)):
                claim.status, claim.status_strength = "former", 2
            if verb != NO_LONGER and rule != "de_epithet":  # "ist seit 2015 nicht mehr Trainer": 2015 ends the post
                _attach_date(claim, dates, lo, hi, event=verb in COPULA_EVENT or verb == "future")
        claims.append(claim)
        held[n] = (person, rule, verb)
        if rule == "de_title_before_name" and lists.plural_title(doc, m.start, m.core):
            claims.extend(_listed_claims(sent, doc, m, claim, spans))  # "die Exbankchefs A, B und C"
    claims.extend(_coordinated(sent, doc, roles, held))
    claims.extend(_verb_claims(sent, doc, roles, held, spans, dates))
    _remember(claims)
    later = []
    for found in successors.successions(doc, sent.start, spans, mentions, _after_age):
        if found.person.label != "pronoun" and not any(c.mention is found.person and c.role == found.role for c in claims):
            later.extend(_successor_claims(sent, doc, found))
    _remember(later)
    return claims + later


def _listed_claims(sent: Sentence, doc, m: RoleMatchDe, first: Claim, spans) -> list[Claim]:
    """The further holders of a plural title ("die Exbankchefs A, B und C"): each gets the first
    holder's post and status (no dates: a date after the list dates its last name only)."""
    first_end = next((e for s_, e, p in spans if p is first.mention), None)
    out = []
    for person in lists.listed_after(doc, first_end, spans, _after_age) if first_end is not None else []:
        claim = _claim(sent, doc, m, person, "de_title_before_name")
        claim.status, claim.status_strength, claim.needs_doc_org = first.status, first.status_strength, first.needs_doc_org
        out.append(claim)
    return out


def _remember(claims: list[Claim]) -> None:
    """Remember each claim's post on its person for later sentences: "der Ministerpräsident"
    (anaphora.role_anaphors) and "sein Nachfolger" (successors)."""
    for c in claims:
        if c.mention.label != "pronoun":
            setattr(c.mention, ROLES_ATTR, getattr(c.mention, ROLES_ATTR, frozenset()) | {c.role})
            successors.remember_post(c.mention, c.role, c.org, c.role_text)


def _successor_claims(sent: Sentence, doc, found: successors.Succession) -> list[Claim]:
    """"Ihr Nachfolger ist X": X's claim of the predecessor's post (its role text kept, so that the
    document's place fills the organisation as it does the predecessor's). A predecessor named in
    the same sentence of a succession that has happened ("ist", "wurde") held the post before: a
    former claim of theirs, stronger than the title's "current"."""
    start = found.noun - 1 if found.noun > 0 and doc[found.noun - 1].lower_ in successors.POSSESSIVES else found.noun
    m = RoleMatchDe(start, found.noun + 1, found.noun, found.role, found.role_text, found.org,
                    org_label="rule:predecessor" if found.org else "")
    out = [_claim(sent, doc, m, found.person, "de_succeed", found.verb)]
    if found.verb in ("ist", "wurde") and found.predecessor.sentence == sent.index:
        before = _claim(sent, doc, m, found.predecessor, "de_exit", "war")
        before.status, before.status_strength = "former", 2
        out.append(before)
    return out


#: Tokens after a title's name (or an apposition's role) in which a date still dates the post:
#: "Innenministerin X (ÖVP), seit 2011 im Amt," / "X, Bürgermeisterin seit 2015,". A date further on
#: belongs to the rest of the sentence ("Ministerin X schließt bis 2018 drei Botschaften", "begrüßte
#: den millionsten Besucher seit 2005").
DATE_REACH = 6


def _date_reach(doc, m: RoleMatchDe, rule: str, spans) -> int:
    """One past the last token whose dates may date a title or apposition claim."""
    anchor = m.end
    if rule == "de_title_before_name":
        anchor = next((_after_age(doc, e) for s_, e, _p in spans if s_ >= m.end), m.end)
    reach = min(len(doc), anchor + DATE_REACH)
    # "ZTE-Chef X: Bis 2020 wird …": a colon or quote after the name opens what the holder says
    return next((k for k in range(anchor, reach) if doc[k].text in QUOTE_OPENERS), reach)


#: Tokens that open a holder's quoted words after a title or apposition.
QUOTE_OPENERS = {":", "„", "“", "\"", "»", "«"}


def _exit_noun_before(doc, m: RoleMatchDe) -> bool:
    """"nach dem Abtritt von Bürgermeister X", "der Rücktritt des Ministers X": a noun of
    leaving governs the title and name, so the holder has left the post. Not "Rückzug des
    Bürgermeisters X aus dem Landtag" (he left the seat named after "aus", not the title's post)."""
    k = m.start - 1
    if k < 1 or doc[k].lower_ not in ("von", "des", "der"):
        return False
    noun = doc[k - 1].lower_
    if noun not in EXIT_NOUNS and not (noun.endswith("s") and noun[:-1] in EXIT_NOUNS):
        return False
    return not any(t.lower_ == "aus" for t in doc[m.end : m.end + 6])


#: Posts of a sports team: "der FC Köln von Trainer X" names the team before the title.
TEAM_ROLES = {"coach", "head coach", "assistant coach", "captain", "sporting director"}


def _implied_org(doc, m: RoleMatchDe, spans) -> None:
    """The organisation of a generic post ("Chef", "Sprecher") that the phrase does not name:
    "Tesla: Dessen Chef X" (the organisation named last before "dessen/deren" in the sentence)
    and "Sozialsprecher X (SPÖ)" (the holder's party in brackets right after the title's name:
    a party's spokesperson, as news writes the parliamentary party's)."""
    if m.start > 0 and doc[m.start - 1].lower_ in ("dessen", "deren"):
        ents = [e for e in doc.ents if e.end <= m.start - 1 and e.label_ == "ORG"]
        if ents:
            e = ents[-1]
            m.org, m.org_label, m.org_span = e.text, "ORG", (e.start_char, e.end_char)
        return
    if m.role in TEAM_ROLES and m.start >= 2 and doc[m.start - 1].lower_ in ("von", "mit", "unter"):
        team = next((e for e in doc.ents if e.end == m.start - 1 and e.label_ == "ORG"), None)
        if team is not None:  # "der FC Köln von Trainer X", "Ingolstadt mit Coach Y": the team before
            m.org, m.org_label, m.org_span = team.text, "ORG", (team.start_char, team.end_char)
            return
    end = next((e for s_, e, _p in spans if s_ == m.end), None)
    if end is None or end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return
    party = party_named(doc[end + 1].text)
    if party is not None and m.role.endswith("spokesperson"):
        m.org, m.org_label = party, "ORG"
        m.org_span = (doc[end + 1].idx, doc[end + 1].idx + len(doc[end + 1].text))


def _possessor_party(doc, m: RoleMatchDe) -> None:
    """A party post after "sein/ihr" is held in the party the sentence named last before it: "Die
    ÖVP hatte ihren Klubobmann X dazugebeten", "FPÖ-Chef Y kam mit seinem Klubobmann X" (the
    possessor's party; a party's post is in the party, whoever the possessor)."""
    if m.start == 0 or doc[m.start - 1].lower_ not in successors.POSSESSIVES:
        return
    for k in range(m.start - 2, -1, -1):
        if doc[k].text in (";", ":") or doc[k].lower_ in ("dass", "weil", "aber", "sondern"):
            return
        word = doc[k].text
        party = party_named(word) or (party_named(word.split("-")[0]) if "-" in word else None)
        if in_person(doc, k) and not (k >= 1 and in_person(doc, k - 1)):
            if party_named(doc[k - 1].text.split("-")[0]) if k >= 1 else None:  # "FPÖ-Chef X kam mit seinem …"
                continue
            return  # a person between: the party before them is another's ("der Grüne X und Y mit seinem …")
        if party is not None:
            m.org, m.org_label = party, "ORG"
            m.org_span = (doc[k].idx, doc[k].idx + len(word.split("-")[0]))
            return


def _story_org(sent: Sentence, m: RoleMatchDe, mentions: list[Mention]) -> None:
    """A generic post's organisation from the story (``orgs.story_org``): "Trainer X" in a report
    about one club, "Sprecher X" in one about one company."""
    found = story_org(mentions, sent.index)
    if found is not None:
        m.org, m.org_label = found.text, "rule:story_org"


#: Tokens that close an apposition after its genitive organisation: "X, Leiter des Wifo, sagte" and,
#: as often in quotes, at the sentence's end: "…, sagt X, Leiter des Wifo."
APPOSITION_ENDS = (",", ".", "–")


def _genitive_np_holder(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str, int]]:
    """"Die Direktorin des Ägyptischen Museums in Berlin, Anna X, sagte" and "Anna X, Vorsitzender
    des Dachverbands der Elternvereine, sagte": a role, a genitive noun phrase the NER did not tag
    and a name joined by commas. The commas make the holder certain, so the noun phrase is taken
    as the organisation here (elsewhere a bare genitive noun is too often no organisation, see
    ``orgs._descriptor``). Sets the phrase's organisation and end when a holder is found."""
    np = _genitive_np(doc, m.end)
    if np is None:
        return None
    first, end = np
    tail = end
    while tail < len(doc) and tail - end < 4 and doc[tail].text not in APPOSITION_ENDS and not doc[tail].lower_ in CLAUSE_BREAKS \
            and not any(s_ == tail for s_, _e, _p in spans):
        tail += 1  # "… in Uganda", "… im Hypo-U-Ausschuss" before the comma (or the sentence's end)
    holder = None
    if tail < len(doc) and doc[tail].text == "," and _determiner_before(doc, m.start):
        holder = next((p for s_, _e, p in spans if s_ == tail + 1), None)
        rule = "de_title_before_name"
    if holder is None and tail < len(doc) and (doc[tail].text in APPOSITION_ENDS or doc[tail].lower_ == "und"):
        found = _apposition(doc, m, spans)
        holder, rule = (found[0], found[1]) if found else (None, "")
    if holder is None:
        return None
    m.end = end
    m.text = doc[m.start : m.end].text
    if end - first == 1 and doc[first].lower_ in GENERIC_ORG_NOUNS:
        return holder, rule, "", 0  # "der Vorstandschef des Unternehmens, X": no name (the story's company)
    m.org, m.org_label = _nominative(doc, first, end), "ORG"
    m.org = party_named(m.org) or m.org  # "Klubchef der Freiheitlichen, X": the FPÖ
    m.org_span = (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
    party_head(doc, m)
    return holder, rule, "", 0


def _nominative(doc, first: int, end: int) -> str:
    """The noun phrase's text in the nominative (``orgs.nominative_name``): "des Vereins Neustart"
    -> "Verein Neustart", "des Krisenstabes" -> "Krisenstab", "der Europäischen Union" ->
    "Europäische Union". Names after lower-case adjectives keep their adjectives out."""
    article = next((doc[k].lower_ for k in range(first - 1, max(-1, first - 5), -1) if not doc[k].text[:1].islower()
                    or doc[k].lower_ in ("des", "der")), "")
    words = nominative_name(article, [t.text for t in doc[first:end]])
    if all(t.whitespace_ for t in doc[first : end - 1]):
        return " ".join(words)
    return doc[first:end].text if words == [t.text for t in doc[first:end]] else " ".join(words)


def _genitive_np(doc, j: int) -> Optional[tuple[int, int]]:
    """(first, end) of the nouns of "der/des [adjectives] Noun [Noun …]" at token j: "des
    Ägyptischen Museums", "der Umwelt- und Entwicklungsorganisation Germanwatch"; None when no
    capitalised noun follows or a person or role word is in it."""
    if j >= len(doc) or doc[j].lower_ not in ("der", "des"):
        return None
    k = j + 1
    while k < len(doc) and k - j <= 3 and doc[k].is_alpha and doc[k].text[:1].islower() and doc[k].lower_ not in DETERMINERS \
            and doc[k].lower_ not in PREPOSITIONS and doc[k].lower_ not in CLAUSE_BREAKS:
        k += 1
    first, end = k, k
    while end < len(doc) and end - first < 5 and doc[end].text[:1].isupper() and not in_person(doc, end) \
            and match_role_de_compound(doc[end].text) is None and doc[end].text.replace("-", "").replace("&", "").isalnum():
        end += 1
    if end < len(doc) and doc[end].lower_ in ("der", "des") and end > first:
        nested = _genitive_np(doc, end)  # "des Dachverbands der Elternvereine"
        end = nested[1] if nested else end
    return (first, end) if end > first else None


def _left_after_name(doc, m: RoleMatchDe, spans) -> bool:
    """"Verteidigungsminister X ist zurückgetreten", "X trat am Freitag zurück", "Real hat Trainer
    X entlassen": the clause after the title and name says the post ended. Not under negation or
    a modal ("ist nicht zurückgetreten", "will X entlassen"), not "tritt zurück" (announced: the
    post lasts until the handover), not when "als" names another post."""
    name_end = next((e for s_, e, _p in spans if s_ == m.end), None)
    if name_end is None:
        return False
    past = False
    for k in range(_after_age(doc, name_end), min(len(doc), name_end + MAX_COPULA_GAP)):
        w = doc[k].lower_
        if doc[k].text in (",", ";", ":") or w in CLAUSE_BREAKS or w in IRREALIS or w == "als":
            return False
        past = past or w in ("trat", "traten")
        if w in LEFT_WORDS or (w == "zurück" and past):
            return True
    return False


#: Past finite verbs of a clause: "Unter Finanzminister X vereinbarten …", "… hatte …", "… wurde …".
PAST_FINITE = {"hatte", "hatten", "war", "waren", "wurde", "wurden"}
#: Words ending like a weak past verb ("-te", "-ten") that are none.
NOT_PAST = {"heute", "letzte", "letzten", "erste", "ersten", "zweite", "zweiten", "dritte", "dritten", "rechte",
            "rechten", "meisten", "weiten", "seite", "seiten", "mitte", "konnte", "konnten"}


def _past_era(doc, m: RoleMatchDe, spans) -> bool:
    """"Unter Innenminister X (ÖVP) hatte Y …", "In der Ära von Landeshauptmann X wurden …": a
    title after "unter" or "Ära (von)" dates the clause to the holder's time in office, and a
    past tense there says that time is over. Not without a past verb ("Auch unter Parteichef X."),
    nor after a noun ("die Grünen unter Stadträtin X rechneten …" names the group she leads)."""
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    if before == "unter" and m.start > 2 and doc[m.start - 2].text[:1].isupper():  # a capital opening the sentence is none
        return False  # "die Grünen unter Stadträtin X rechneten …": a group under its head, not a time
    if before != "unter" and not (before in ("ära", "von") and (before == "ära" or m.start > 1 and doc[m.start - 2].lower_ == "ära")):
        return False
    name_end = next((e for s_, e, _p in spans if s_ == m.end), None)
    if name_end is None:
        return False
    for k in range(_after_age(doc, name_end), min(len(doc), name_end + MAX_COPULA_GAP)):
        w = doc[k].lower_
        if doc[k].text in (",", ";", ":") or w in CLAUSE_BREAKS:
            return False
        if w in PAST_FINITE or (doc[k].is_alpha and doc[k].text.islower() and w.endswith(("te", "ten")) and len(w) > 5
                                 and w not in NOT_PAST):
            return True
    return False


def _exited(sent: Sentence, doc, m: RoleMatchDe, claim: Claim, spans, dates: list) -> None:
    """Former, ended by a year or date right after the name: "Abtritt von Bürgermeister X 2003"."""
    claim.status, claim.status_strength = "former", 2
    name_end = next((e for s_, e, _p in spans if s_ == m.end), m.end)
    after = doc[name_end].idx + sent.start if name_end < len(doc) else sent.start + len(sent.text)
    close = [d for d in dates if getattr(d, "kind", "") == "point" and 0 <= d.start_char - after <= 4]
    if close:
        claim.end = close[0].end or close[0].start
        claim.date_span = Span(close[0].start_char, close[0].end_char, close[0].text)


def _verb_claims(sent: Sentence, doc, roles: list[RoleMatchDe], held: dict, spans, dates: list) -> list[Claim]:
    """Claims of the verb constructions (``de/verbs.py``): leading, leaving, being appointed."""
    out = []
    words = {t.lower_ for t in doc}  # each construction needs its cue word: skip sentences without
    leads = verbs.leads(doc, spans, org_after, _after_age, IRREALIS) if words & verbs.LEAD_VERBS.keys() else []
    seats = verbs.seats(doc, spans, SEAT_BODIES, IRREALIS) if words & SEAT_BODIES.keys() and words & {"aus", "in", "im"} else []
    boards = verbs.boards(doc, spans, BOARD_BODIES, IRREALIS, org_after) \
        if words & BOARD_BODIES.keys() and words & (verbs.SITS | verbs.SAT) else []
    moves = (verbs.exits(doc, roles, spans, _after_age, IRREALIS) if "zurück" in words and roles else []) + (
        verbs.appoints(doc, roles, spans, subject_org, IRREALIS) if words & verbs.APPOINT_PARTICIPLES and roles else []) + (
        verbs.successions(doc, roles, spans, _after_age, IRREALIS) if words & verbs.SUCCESSION_VERBS.keys() and roles else [])
    for post in leads:
        first, end, name, label = post.org
        m = RoleMatchDe(post.verb, post.verb + 1, post.verb, "head", doc[post.verb].text, name,
                        (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)), label)
        out.append(_dated(sent, doc, m, post, dates))
    for post in seats:
        role = post.role_name
        org = ROLE_BODIES.get(role)
        if any(h[0] is post.person and ROLE_BODIES.get(roles[n].role) == org for n, h in held.items()):
            continue  # "Die Gemeinderätin X sitzt seit 2010 im Gemeinderat": the title's seat already
        m = RoleMatchDe(post.verb - 2, post.verb + 1, post.verb, role, doc[post.verb].text, org,
                        None, "rule:role_body" if org else "")
        out.append(_dated(sent, doc, m, post, dates))
    for post in boards:
        first, end, name, label = post.org
        m = RoleMatchDe(post.verb, post.verb + 1, post.verb, post.role_name, doc[post.verb].text, name,
                        (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)), label)
        out.append(_dated(sent, doc, m, post, dates))
    for post in moves:
        m = roles[post.role]
        if post.role in held or (m.role.removeprefix("deputy ") in NEEDS_ORG and m.org is None and post.org is None):
            continue
        if post.org is not None and m.org is None:
            first, end, name, label = post.org
            m = replace(m, org=name, org_label=label, org_span=(doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)))
        out.append(_dated(sent, doc, m, post, dates))
    return out


def _dated(sent: Sentence, doc, m: RoleMatchDe, post, dates: list) -> Claim:
    """The claim of a verb construction with the first date of its clause part: a point date
    starts a post taken up or led, and ends a post left."""
    claim = _claim(sent, doc, m, post.person, post.rule, post.verb_as)
    lo = doc[post.lo].idx + sent.start
    hi = doc[post.hi - 1].idx + len(doc[post.hi - 1].text) + sent.start
    if post.rule == "de_exit":
        claim.status, claim.status_strength = "former", 2
        inside = [d for d in dates if lo <= d.start_char and d.end_char <= hi and getattr(d, "kind", "") in ("point", "until")]
        if inside:
            claim.end = inside[0].end or inside[0].start
            claim.date_span = Span(inside[0].start_char, inside[0].end_char, inside[0].text)
        return claim
    _attach_date(claim, dates, lo, hi, event=post.verb_as == "wurde")
    return claim


def _coordinated(sent: Sentence, doc, roles: list[RoleMatchDe], held: dict) -> list[Claim]:
    """Posts joined by "und" share their holder: "Landesparteiobmann und Klubobmann Walter X"
    (the name follows the second), "Walter X, Leiter des Bauhofs und Parteivorsitzender der
    SPÖ" and "X ist Betriebsratsvorsitzender und Klubobmann" (the holder comes with the first)."""
    out = []
    for n, m in enumerate(roles):
        if n in held or (m.role.removeprefix("deputy ") in NEEDS_ORG and m.org is None):
            continue
        nxt = roles[n + 1] if n + 1 < len(roles) else None
        prev = roles[n - 1] if n > 0 else None
        source = None
        if nxt is not None and n + 1 in held and held[n + 1][1] == "de_title_before_name" \
                and m.end < len(doc) and doc[m.end].lower_ == "und" and nxt.start == m.end + 1:
            source = held[n + 1]
        elif prev is not None and n - 1 in held and held[n - 1][1] in ("de_apposition", "de_copula") \
                and m.start > 0 and doc[m.start - 1].lower_ == "und" and _only_modifiers(doc, prev.end, m.start - 1):
            source = held[n - 1]
        if source is not None:
            out.append(_claim(sent, doc, m, source[0], source[1], source[2]))
    return out


def _only_modifiers(doc, lo: int, hi: int) -> bool:
    """Tokens lo..hi hold no verb, comma or person: "Leiter des Bauhofs im Magistrat"."""
    return hi - lo <= 5 and not any(t.text in (",", ";") or t.lower_ in COPULA_PRESENT | COPULA_PAST | COPULA_EVENT
                                    or in_person(doc, t.i) for t in doc[lo:hi])


def _holder(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str, int]]:
    """(person, rule, verb, first token of the clause) of the first holder rule that fires."""
    found = _title_before_name(doc, m, spans) or _apposition(doc, m, spans)
    if found is not None:
        return found[0], found[1], "", 0
    final = _verb_final(doc, m, spans)
    if final is not None:
        return final
    cop = _copula(doc, m, spans)
    if cop is not None:
        if _plural_pronoun(cop[0], cop[2]):
            return None
        return cop[0], cop[1], cop[2], 0
    return _as_role(doc, m, spans) or _ellipsis(doc, m, spans)


def _as_role(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str, int]]:
    """"X arbeitet seit 2019 als Trainer bei Y", "X wird weiterhin als Vorsitzender der Partei
    tätig sein", "Als Bürgermeister eröffnete X …": "als ROLE" after any verb gives the post to
    the clause's one subject (the copula rule reads "ist/war … als"). The verb's tense decides the
    status (``_clause_tense``). Left to other rules: leaving ("trat … als … zurück", de/verbs.py),
    comparisons ("mehr als"), naming someone else ("bezeichnete Y als …": more than one person)."""
    a = m.start - 1
    if a < 0 or doc[a].lower_ != "als" or (a > 0 and doc[a - 1].lower_ in AS_COMPARATIVES):
        return None
    if any(t.lower_ in ("zurück", "zurückgetreten") or t.lower_ in IRREALIS_AFTER for t in doc[m.core + 1 :]):
        return None
    c0 = a
    while c0 > 0 and doc[c0 - 1].text not in (",", ";", ":") and doc[c0 - 1].lower_ not in CLAUSE_BREAKS \
            and (doc[c0 - 1].lower_ not in SUBORDINATORS or doc[c0 - 1].lower_ in PREPOSITION_SUBORDINATORS):
        c0 -= 1
    if c0 == a:  # "Als Trainer von Real gewann X …": the subject follows the verb after the phrase
        if m.end + 1 >= len(doc) or not doc[m.end].text[:1].islower():
            return None
        subject = next((p for p in spans if p[0] == m.end + 1), None)
        clause = doc[m.end : min(len(doc), m.end + MAX_COPULA_GAP)]
    else:
        inside = [p for p in spans if c0 <= p[0] and p[1] <= a and not (p[0] > 0 and doc[p[0] - 1].lower_ in PREPOSITIONS)]
        if len(inside) != 1 or any(p[0] < a < p[1] for p in spans) or any(a < p[0] < m.end for p in spans):
            return None
        subject = inside[0]
        clause = doc[c0 : min(len(doc), m.end + 4)]
    words = {t.lower_ for t in clause}
    if subject is None or words & (IRREALIS | NAMING_VERBS | APPOINTING_VERBS) or not any(
            t.text[:1].islower() and t.is_alpha and t.lower_ not in DETERMINERS for t in clause):
        return None
    verb = _clause_tense(words)
    if _plural_pronoun(subject[2], verb) or words & (PLURAL_VERBS | {"hatten", "haben", "konnten", "können"}):
        return None  # "Sie als Bürgermeister hatten …": the polite "you", or several people
    return subject[2], "de_als", verb, c0


def _clause_tense(words: set[str]) -> str:
    """The copula a clause's verbs stand for: "war" (past: the post is over), "wurde" (an
    appointment), "future" ("wird … als Y antreten"), "" (perfect: open), else "ist"."""
    if words & {"war", "waren"}:
        return "war"
    if words & {"wurde", "wurden"}:
        return "wurde"
    if words & {"wird", "soll"} and "weiterhin" not in words:
        return "future"
    if words & {"hat", "ist"} and any(w.startswith("ge") and w.endswith(("t", "en")) and len(w) > 5 for w in words):
        return ""
    if words & HOLD_PAST:
        return "war"
    if any(w.endswith("te") and len(w) > 5 and w not in ("heute", "letzte", "erste", "zweite", "dritte", "rechte", "linke") for w in words):
        return ""  # "eröffnete als Bürgermeister": an event then, the post's status now is open
    return "ist"


# ------------------------------------------------------------------------------------------
# verb-final clauses and "während ROLE"
# ------------------------------------------------------------------------------------------


def _plural_pronoun(person: Mention, verb: str) -> bool:
    """A "sie" subject with a plural verb is "they": no single holder."""
    return person.label == "pronoun" and verb in PLURAL_VERBS


def _verb_final(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str, int]]:
    """"…, während sie (von 2018 bis 2021) Ministerin war" / "Rutte, der … Premierminister war, …".

    German subordinate and relative clauses put the verb last, after the role; the subject
    follows the conjunction, or is the relative pronoun whose antecedent is the name before
    the comma. "gewesen"/"geworden" before the finite verb are read as past/event.
    """
    v = m.end
    participle = ""
    while v < len(doc) and doc[v].lower_ in PARTICIPLES | APPOINTED | {"worden"}:
        if participle not in APPOINTED:  # "gewählt worden war": an appointment
            participle = doc[v].lower_
        v += 1
    if v >= len(doc) or doc[v].lower_ not in COPULA_PRESENT | COPULA_PAST | COPULA_EVENT:
        return None
    if participle in APPOINTED and (m.start == 0 or doc[m.start - 1].lower_ not in ("zum", "zur", "als")):
        return None  # "…, die Ministerin ernannt wurde" is no appointment of the subject
    verb = "wurde" if participle in APPOINTED else {"gewesen": "war", "geworden": "wurde"}.get(participle, doc[v].lower_)
    if doc[v].lower_ == "werden" and v + 1 < len(doc):  # "…, der als Stadtrat angelobt werden soll"
        if doc[v + 1].lower_ not in FUTURE_MODALS:
            return None  # "… gewählt werden könnte": modal, not a fact
        verb = "future"
    for c in range(m.start - 1, max(-1, m.start - MAX_COPULA_GAP - 2), -1):
        w = doc[c].lower_
        if w in IRREALIS:
            return None
        if w in SUBORDINATORS:
            subject = next((p for p in spans if p[0] == c + 1 and p[1] <= m.start), None)
            if subject is not None:
                return None if _plural_pronoun(subject[2], doc[v].lower_) else (subject[2], "de_verb_final", verb, c)
            continue  # "seit 2019", "während der Krise": a preposition, the clause starts further left
        if w in RELATIVE_SUBJECTS and c >= 1 and doc[c - 1].text == ",":
            if any(c < s < m.start and doc[s - 1].lower_ not in PREPOSITIONS for s, _e, _p in spans):
                return None  # another person inside the clause: the pronoun may be an object
            subject = next((p for p in spans if p[1] == c - 1), None)
            return (subject[2], "de_verb_final", verb, c) if subject else None
        if doc[c].text == "," or w in CLAUSE_BREAKS:
            return None
    return None


def _ellipsis(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str, int]]:
    """"…, während Premierminister der Niederlande." (English "while prime minister"): the
    holder is the subject of the clause before: the nearest person or resolved pronoun to the
    left that no preposition governs ("mit Putin" is an object). A past post: former."""
    if m.start == 0 or doc[m.start - 1].lower_ != "während":
        return None
    if m.end < len(doc) and not doc[m.end].is_punct:
        return None  # "während Minister X sprach": a title, not an ellipsis
    left = [p for p in spans if p[1] <= m.start - 1 and not (p[0] > 0 and doc[p[0] - 1].lower_ in PREPOSITIONS)]
    if not left:
        return None
    return left[-1][2], "de_ellipsis", "war", 0
