"""The German lexicon: role words (``lexicons/roles_de.tsv``) in any inflected or compound
form, and German country adjectives and names (``lexicons/demonyms_de.tsv``, ``countries_de.tsv``)
-> English names.

Shared by the German NER's repair and features (``de/ner.py``), the German tenure rules
(``de/rules.py``) and the mention filter (``mentions.py``); the files are read by
``kb.extract.lexicon``. Nothing here touches spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..lexicon import records, word_map, word_sets

#: Inflection endings stripped (longest first) to reach the lexicon's base form: feminine
#: -in/-innen, genitive -s/-es, weak-noun and adjectival-noun -en/-n/-e/-r, plural -e/-n/-ern.
_ENDINGS = ("innen", "in", "ern", "en", "es", "er", "s", "e", "n", "r")
#: Words that reduce to a role by the rules above but are not roles.
_NOT_ROLES = frozenset({"premiere", "premieren", "generalen", "generale"})
#: Words that end in a role word but name no post ("Schiedsrichter" is a referee, not a judge):
#: any compound or inflection ending in one is no role (``role_classes_de.tsv``, not_role_tails).
_NOT_ROLE_TAILS = tuple(sorted(word_sets("role_classes_de.tsv")["not_role_tails"]))
#: Closed prefixes that mark a former holder: "Expräsident", "Altkanzler", "Altbürgermeister".
_FORMER_CLOSED = ("ex", "alt")
#: First parts of hyphenated compounds that modify the role rather than name an organisation.
_MODIFIER_PREFIXES = frozenset({"ex", "alt", "vize", "ko", "co", "interims", "noch", "amts", "neo", "bundes"})
#: A closed compound ("Bundesaußenminister") is matched by its longest lexicon suffix; the
#: suffix and the rest must both be at least this long, so "Meister" is not "Bürgermeister".
_MIN_SUFFIX = 4
_MIN_REST = 3

#: Articles and possessives that open a German noun phrase.
DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
               "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer"}
#: Prepositions: a name right after one is an object ("mit Putin"), not a clause's subject.
PREPOSITIONS = {"mit", "von", "vom", "zu", "zum", "zur", "bei", "beim", "gegen", "für", "über", "an", "am", "auf",
                "nach", "ohne", "um", "durch", "aus", "unter", "neben", "zwischen", "vor", "hinter", "trotz", "wegen",
                "statt", "anstelle"}


@dataclass(frozen=True)
class RoleEntry:
    """One lexicon row: the German base form, kb's English role name and its category."""

    german: str
    role: str
    category: str


@lru_cache(maxsize=1)
def role_lexicon() -> dict[str, RoleEntry]:
    """Lower-cased German base form -> entry, read once from ``lexicons/roles_de.tsv``."""
    out: dict[str, RoleEntry] = {}
    for rec in records("roles_de.tsv"):
        out[rec["german"].lower()] = RoleEntry(rec["german"], rec["role"], rec["category"])
    return out


#: Feminine forms umlaut the stem's last vowel ("Stadträtin", "Landesrätin"); the lexicon holds
#: the masculine form, so the vowel is folded back after a feminine ending is stripped.
_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u"}


def _base_forms(word: str) -> Iterable[str]:
    """The word itself, then the word with each inflection ending stripped."""
    yield word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_SUFFIX - 1:
            stem = word[: -len(ending)]
            yield stem
            if ending in ("in", "innen"):
                yield _fold_last_umlaut(stem)


def _fold_last_umlaut(stem: str) -> str:
    """"stadträt" -> "stadtrat": the last umlaut of a stem back to its plain vowel."""
    for i in range(len(stem) - 1, -1, -1):
        if stem[i] in _UMLAUTS:
            return stem[:i] + _UMLAUTS[stem[i]] + stem[i + 1 :]
    return stem


def _lookup(word: str) -> Optional[RoleEntry]:
    """Exact lexicon entry for an (inflected) single word, no compound splitting."""
    lex = role_lexicon()
    for form in _base_forms(word):
        if form in lex:
            return lex[form]
    return None


#: Council posts that take a portfolio as a closed compound: "Finanzlandesrat", "Wohnungsstadträtin" (and
#: "sprecher": a party's "Bildungssprecherin").
_COUNCILLOR_HEADS = frozenset({"landesrat", "stadtrat"})


def _lookup_closed_compound(word: str) -> Optional[RoleEntry]:
    """Longest lexicon entry that ends the word ("bundesaußenministerin" -> außenminister).

    A councillor with a portfolio ("Finanzlandesrat") is named like the minister of that
    portfolio: the rest + "minister" is a lexicon minister ("Finanzminister" -> "finance
    minister"), so the post is "finance councillor"."""
    lex = role_lexicon()
    best: Optional[RoleEntry] = None
    best_len = 0
    for form in _base_forms(word):
        for i in range(_MIN_REST, len(form) - _MIN_SUFFIX + 1):
            tail = form[i:]
            if tail in lex and len(tail) > best_len:
                best, best_len = lex[tail], len(tail)
                if tail in _COUNCILLOR_HEADS or tail == "sprecher":
                    best = _portfolio_councillor(form[:i], best)
                break  # later i give shorter tails
    return best


def _portfolio_councillor(portfolio: str, entry: RoleEntry) -> RoleEntry:
    """"finanz" + Landesrat -> "finance councillor" when "finanzminister" is a lexicon row; a party's
    spokesperson for a portfolio likewise: "Justizsprecher" -> "justice spokesperson"."""
    minister = role_lexicon().get(portfolio + "minister") or role_lexicon().get(portfolio.removesuffix("s") + "minister")
    if minister is None or not minister.role.endswith(" minister"):
        return entry
    head = " spokesperson" if entry.role == "spokesperson" else " councillor"
    return RoleEntry(entry.german, minister.role.removesuffix(" minister") + head, entry.category)


@lru_cache(maxsize=200_000)
def match_role_entry(word: str) -> Optional[RoleEntry]:
    """Lexicon entry for one German word, inflected or compounded; None when not a role."""
    w = word.strip().lower().replace("\u00ad", "")
    if len(w) < 3 or w in _NOT_ROLES or not _word_shape(w) or _not_role_tail(w):
        return None
    if "-" in w.strip("-"):
        found = _compound_entry(w)
        return found[0] if found else None
    return _lookup(w) or _former_closed(w) or _vice_closed(w) or _lookup_closed_compound(w)


def _deputy(entry: RoleEntry) -> RoleEntry:
    """The deputy of a post: "Vize-Klubchef" is no group leader but his deputy."""
    if entry.role.startswith(("deputy ", "vice ")) or entry.role == "deputy":
        return entry
    return RoleEntry(entry.german, "deputy " + entry.role, entry.category)


def _vice_closed(w: str) -> Optional[RoleEntry]:
    """"Vizeparteichef", "Vizeklubobfrau": "Vize" written closed before a lexicon role that has no
    "Vize-" row of its own (Vizekanzler, Vizebürgermeister have): the post's deputy."""
    if w.startswith("vize") and len(w) > 7:
        found = _lookup(w[4:])
        if found is not None:
            return _deputy(found)
    return None


def _not_role_tail(w: str) -> bool:
    """"Schiedsrichter", "Sambo-Schiedsrichtern": the word ends in a listed non-post."""
    return any(form.endswith(_NOT_ROLE_TAILS) for form in _base_forms(w.split("-")[-1]))


def _former_closed(w: str) -> Optional[RoleEntry]:
    """"Expräsident", "Exkanzlerin", "Altkanzler", "Altparteichef": "Ex-"/"Alt-" written closed
    before a lexicon role (a former holder; ``is_former_word`` tells the rules). Lexicon roles
    only, never a compound ("Altstadtführer" is no role)."""
    for prefix in _FORMER_CLOSED:
        if w.startswith(prefix) and len(w) > len(prefix) + 3:
            found = _lookup(w[len(prefix):])
            if found is not None:
                return found
    return None


def is_former_word(word: str) -> bool:
    """"Ex-Kanzler", "Alt-Bürgermeister", "Expräsident", "Altkanzler": the word itself marks a
    former holder."""
    w = word.lower()
    return w.startswith(("ex-", "alt-")) or (_former_closed(w) is not None and _lookup(w) is None)


def _word_shape(w: str) -> bool:
    """A role word is letters; a hyphenated one may start with a name that has dots, digits or
    "&" ("E.ON-Chef", "H&M-Chefin"), as long as its last part is letters."""
    if w.replace("-", "").isalpha():
        return True
    parts = [p for p in w.split("-") if p]
    return len(parts) > 1 and parts[-1].isalpha() and all(
        any(ch.isalpha() for ch in p) and p.replace(".", "").replace("&", "").isalnum() for p in parts[:-1])


def _compound_entry(text: str) -> Optional[tuple[RoleEntry, Optional[str]]]:
    """(entry, organisation prefix as written) for a hyphenated word, else None."""
    parts = [p for p in text.split("-") if p]
    if not parts or _not_role_tail(parts[-1].lower()):
        return None
    head = parts[-1].lower()
    deputy = _deputy_parts(parts)
    if deputy is not None:
        return deputy
    if parts[0].lower() in _MODIFIER_PREFIXES:
        joined = "".join(parts).lower()
        entry = _lookup(joined) or _lookup(head) or _lookup_closed_compound(head)
        return (entry, None) if entry else None
    split = _joined_tail(parts)
    if split is not None:  # "SPD-Fraktions-Chef": "Fraktionschef" written in two parts
        entry, i = split
        prefix = "-".join(p for p in parts[:i] if p.lower() not in _MODIFIER_PREFIXES)
        return entry, prefix or None
    entry = _lookup(head) or _lookup_closed_compound(head) or _party_candidate(parts)
    if entry is None:
        return None
    prefix = "-".join(p for p in parts[:-1] if p.lower() not in _MODIFIER_PREFIXES)
    return entry, prefix or None


#: "Kandidat" in any form: a candidate for office only after a party's name ("ÖVP-Kandidat").
_CANDIDATE_FORMS = frozenset({"kandidat", "kandidaten", "kandidatin", "kandidatinnen"})
_PARTY_NAMES = frozenset(name.lower() for name in word_map("parties_de.tsv"))


def _party_candidate(parts: list[str]) -> Optional[RoleEntry]:
    """"ÖVP-Kandidat", "SPÖ-Kandidatin": a party's candidate for office. "Kandidat" alone is no
    lexicon role (favourites and contenders: "Wunschkandidat", "Rauswurf-Kandidaten")."""
    if len(parts) == 2 and parts[-1].lower() in _CANDIDATE_FORMS and parts[0].lower() in _PARTY_NAMES:
        return RoleEntry("Kandidat", "candidate", "party")
    return None


#: Last parts that make the deputy of the role before them: "Klubobmann-Stellvertreter".
_DEPUTY_TAILS = ("stellvertreter", "stellvertreterin", "stellvertreterinnen", "stellvertretern", "stellvertreters")


def _deputy_parts(parts: list[str]) -> Optional[tuple[RoleEntry, Optional[str]]]:
    """(deputy entry, organisation prefix) of "[ORG-]Vize-ROLE" and "[ORG-]ROLE-Stellvertreter"
    ("FPÖ-Vize-Klubchef", "Klubobmann-Stellvertreterin"); None for other words and for the
    deputies the lexicon lists as one word ("Landeshauptmann-Stellvertreter")."""
    lower = [p.lower() for p in parts]
    if _lookup("".join(lower)) is not None or _joined_tail(parts) is not None and lower[-1] not in _DEPUTY_TAILS:
        return None
    if len(parts) >= 2 and lower[-1] in _DEPUTY_TAILS:
        role_at = len(parts) - 2
    elif len(parts) >= 2 and lower[-2] == "vize":
        role_at = len(parts) - 1
    else:
        return None
    word = lower[role_at]
    entry = _lookup(word) or _lookup_closed_compound(word)
    if entry is None or _lookup("vize" + word) is not None or _lookup(word + "stellvertreter") is not None:
        return None  # "Vize-Kanzler" is the lexicon's Vizekanzler
    prefix = "-".join(p for p in parts[:role_at] if p.lower() not in _MODIFIER_PREFIXES)
    return _deputy(entry), prefix or None


#: Parts that, after a name, are that organisation's own name ("Vatikan-Bank", "Hypo-Bank"), so a role
#: row that starts with them ("Bankchef") is not read across the hyphen.
_NAMED_BODY_PARTS = frozenset({"bank"})


def _joined_tail(parts: list[str]) -> Optional[tuple[RoleEntry, int]]:
    """(entry, first part) of the longest run of two or more final parts that, written as one
    word, is a lexicon role: "Landeshauptmann-Stellvertreterin", "Fraktions-Chef". A hyphen
    inside a role word is a spelling; the parts before it are the organisation."""
    for i in range(len(parts) - 1):
        if i > 0 and parts[i].lower() in _NAMED_BODY_PARTS:
            continue  # "Vatikan-Bank-Chef": the head of the Vatikan-Bank, not a "Bankchef" of the Vatikan
        entry = _lookup("".join(parts[i:]).lower())
        if entry is not None:
            return entry, i
    return None


_BODY_HEADS = tuple(sorted(word_sets("role_classes_de.tsv")["body_heads"]))
_STANDALONE_BODIES = word_sets("role_classes_de.tsv")["standalone_bodies"]


@lru_cache(maxsize=50_000)
def compound_body(word: str) -> Optional[str]:
    """The organisation a closed role compound names in front of its role word, as written:
    "Gemeindebundpräsident" -> "Gemeindebund", "Innenministeriumssprecher" -> "Innenministerium"
    (the linking -s dropped), "Polizeisprecherin" -> "Polizei"; None when the word is a lexicon
    row itself ("Landtagspräsident"), hyphenated (the prefix is read elsewhere) or its rest is no
    institution ("Bildungssprecher": a portfolio; "Bankchef": a bare head noun)."""
    w = word.strip()
    lower = w.lower()
    if "-" in lower or not lower.isalpha() or _lookup(lower) is not None or _former_closed(lower) is not None:
        return None
    if lower.startswith("ex") and len(lower) > 5 and _lookup_closed_compound(lower[2:]) is not None:
        w, lower = w[2:], lower[2:]  # "Exbankchef": the bank chief before, not a bank called "Exbank"
    lex = role_lexicon()
    for form in _base_forms(lower):
        for i in range(_MIN_REST, len(form) - _MIN_SUFFIX + 1):
            if form[i:] not in lex:
                continue
            rest = w[:i]
            if rest.lower().endswith("s") and rest.lower()[:-1].endswith(_BODY_HEADS):
                rest = rest[:-1]
            r = rest.lower()
            if r.endswith(_BODY_HEADS) and (r not in _BODY_HEADS or r in _STANDALONE_BODIES):
                return rest[:1].upper() + rest[1:]
            return None
    return None


def genitive_compound(role_word: str, body: str) -> Optional[str]:
    """kb's role name for "ROLE des/der BODY" when German also writes it as one word that the
    lexicon lists: "Vorsitzender des Vorstands" = "Vorstandsvorsitzender", "Präsident des
    Landtags" = "Landtagspräsident"; None when no such word is a lexicon row (then the body is
    the organisation, as in "Leiter des Bauhofs")."""
    role, b = role_word.lower(), body.lower()
    bare = _lookup(role)
    if not b.isalpha() or (bare is None and not role.startswith("mitglied")):
        return None  # "Mitglied des Vorstands" = "Vorstandsmitglied"; other non-roles never
    head = role.removesuffix("es").removesuffix("s") if bare is None else role.removeprefix("bundes")
    for form in (b, b + "s", b.removesuffix("es") + "s", b.removesuffix("s"), b.removesuffix("en")):
        entry = _lookup(form + head)  # "Bundesminister der Finanzen" = "Finanzminister"
        if entry is not None and (bare is None or entry.role != bare.role):
            return entry.role
    return None


def match_role_de(word: str) -> Optional[str]:
    """kb's English role name for a German role word in any inflected form, else None.

    "Generalsekretärs", "Ministerin", "Präsidenten", "Vorsitzender", "NATO-Generalsekretär"
    and "Bundesaußenministerin" all resolve; "Premiere" or "Berlin" do not.
    """
    entry = match_role_entry(word)
    return entry.role if entry else None


def match_role_de_compound(token_text: str) -> Optional[tuple[str, Optional[str]]]:
    """(role, organisation prefix) for a hyphenated role compound, else None.

    "NATO-Generalsekretär" -> ("secretary general", "NATO"); "SPD-Fraktionschefin" ->
    ("parliamentary group leader", "SPD"); "Ex-Kanzler" -> ("chancellor", None) because "Ex"
    modifies the role; "Vize-Kanzler" -> ("vice chancellor", None). Words without a hyphen
    return (role, None) when they are roles.
    """
    text = token_text.strip()
    if "-" not in text.strip("-"):
        role = match_role_de(text)
        return (role, None) if role else None
    if text.lower() in _NOT_ROLES or not _word_shape(text.lower()):
        return None
    found = _compound_entry(text)
    return (found[0].role, found[1]) if found else None


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective stem -> name, German country name -> English name) from demonyms_de.tsv and the
    CLDR country names of countries_de.tsv (the hand-made rows win)."""
    adjs: dict[str, str] = {}
    countries: dict[str, str] = {rec["german"] or "": rec["name"] or "" for rec in records("countries_de.tsv")}
    for rec in records("demonyms_de.tsv"):
        (adjs if rec["kind"] == "adj" else countries)[rec["german"] if rec["kind"] != "adj" else rec["german"].lower()] = rec["name"]
    return adjs, countries


def adj_stem(word: str) -> str:
    """"französischen" -> "französisch": strip an adjective ending."""
    w = word.lower()
    for ending in ("en", "em", "er", "es", "e"):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def country_of_adjective(word: str) -> Optional[str]:
    """English country name for a German country adjective in any form, else None."""
    return _places()[0].get(adj_stem(word))


def country_name(text: str) -> Optional[str]:
    """English name for a German country name, also in the genitive ("Norwegens")."""
    countries = _places()[1]
    if text in countries:
        return countries[text]
    if text.endswith("s") and text[:-1] in countries:
        return countries[text[:-1]]
    return None
