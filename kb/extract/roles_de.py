"""German tenure rules: who holds which role, since when, in German sentences.

Plugs into ``kb.extract.facts`` (sentences with ``lang == "de"``): ``extract_tenures_de``
takes one parsed German sentence and returns the same ``Claim`` records the English rules
produce, so merging, status and storage are shared. Role words come from
``lexicons/roles_de.tsv`` through ``kb.extract.german.match_role_de_compound`` (inflection,
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

The organisation comes from a compound prefix ("NATO-"), a country adjective ("französische"
-> France), or a genitive / "von" phrase after the role ("der NATO", "Norwegens",
"von Berlin"); German country names map to the English names the English rules use
(``lexicons/demonyms_de.tsv``). Status: "frühere/ehemalige/Ex-" -> former, "amtierende/
derzeitige" -> current, then the verb ("ist" current, "war" former, "wurde" an event), then
dates ("seit" -> current; an end date is judged by facts.py against the publication date).
Statements under negation or modality ("soll … werden", "nicht", "Kandidat") are skipped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from ..model import Mention, Sentence, Span
from .german import match_role_de_compound

EXTRACTOR = "kb.roles_de.v1"
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
#: Rule names carry a "de_" prefix so that a tenure's extractor ("kb.roles.v1:de_copula") shows
#: it came from the German rules; confidences match the English rules of the same shape.
CONFIDENCE = {"de_title_before_name": 0.9, "de_apposition": 0.85, "de_copula": 0.8}
#: Roles too generic to mean anything without an organisation ("der Chef", "die Leiterin").
NEEDS_ORG = {"head", "chair", "spokesperson", "director", "founder", "judge",
             "prosecutor", "coach", "rector", "general"}

DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
               "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer"}
#: Adjective stems (any ending) that mark a former or current holder.
FORMER_STEMS = ("früher", "ehemalig", "einstig", "vormalig", "damalig", "abgesetzt", "gestürzt")
CURRENT_STEMS = ("amtierend", "derzeitig", "jetzig", "heutig", "aktuell", "scheidend", "geschäftsführend", "neu")
#: Other adjectives allowed inside a role phrase (kept in role_text only).
SKIP_STEMS = ("stellvertretend", "kommissarisch", "langjährig", "erst", "zweit", "dritt", "designiert")
COPULA_PRESENT = {"ist", "sind", "bleibt", "bleiben", "amtiert", "fungiert", "dient", "gilt"}
COPULA_PAST = {"war", "waren", "blieb", "blieben", "amtierte", "fungierte", "diente", "galt"}
COPULA_EVENT = {"wurde", "wurden", "wird", "werden", "worden"}
#: Cues that the statement is not a fact: modality, negation, candidacy, conditions.
IRREALIS = {"soll", "sollte", "sollen", "könnte", "könnten", "würde", "würden", "möchte", "will", "wollen",
            "nicht", "kein", "keine", "nie", "niemals", "wenn", "falls", "ob", "kandidat", "kandidatin",
            "kandidiert", "designierte", "designierter", "designierten", "voraussichtlich", "angeblich"}
CLAUSE_BREAKS = {";", ":", "\"", "„", "“", "”", "»", "«", "—", "–", "und", "oder", "aber", "dass", "weil"}
MAX_COPULA_GAP = 12  # tokens between the verb and the role


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


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective stem -> name, German country name -> English name) from demonyms_de.tsv."""
    rows = (l for l in (LEXICON_DIR / "demonyms_de.tsv").read_text(encoding="utf-8").splitlines() if not l.startswith("#"))
    adjs: dict[str, str] = {}
    countries: dict[str, str] = {}
    for rec in csv.DictReader(rows, delimiter="\t"):
        (adjs if rec["kind"] == "adj" else countries)[rec["german"] if rec["kind"] != "adj" else rec["german"].lower()] = rec["name"]
    return adjs, countries


def _adj_stem(word: str) -> str:
    """"französischen" -> "französisch": strip an adjective ending."""
    w = word.lower()
    for ending in ("en", "em", "er", "es", "e"):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def country_of_adjective(word: str) -> Optional[str]:
    """English country name for a German country adjective in any form, else None."""
    return _places()[0].get(_adj_stem(word))


def country_name(text: str) -> Optional[str]:
    """English name for a German country name, also in the genitive ("Norwegens")."""
    countries = _places()[1]
    if text in countries:
        return countries[text]
    if text.endswith("s") and text[:-1] in countries:
        return countries[text[:-1]]
    return None


def _status_of(word: str) -> Optional[str]:
    stem = _adj_stem(word)
    if any(stem.startswith(s) for s in FORMER_STEMS):
        return "former"
    if any(stem == s or stem.startswith(s) and len(stem) - len(s) <= 1 for s in CURRENT_STEMS):
        return "current"
    return None


def _is_skip_adj(word: str) -> bool:
    return any(_adj_stem(word).startswith(s) for s in SKIP_STEMS)


def _ent_label(doc, i: int) -> str:
    return doc[i].ent_type_ if doc[i].ent_type_ else ""


def _ent_at(doc, i: int) -> Optional[Any]:
    for ent in doc.ents:
        if ent.start == i:
            return ent
    return None


def _in_person(doc, i: int) -> bool:
    return doc[i].ent_type_ in ("PER", "PERSON")


def _org_after(doc, j: int) -> Optional[tuple[int, int, str, str]]:
    """(start, end, name, label) of a genitive or "von" organisation at token j, else None.

    "der NATO", "des Bundestags", "der Vereinten Nationen", "Norwegens", "von Berlin".
    """
    if j >= len(doc):
        return None
    k = j
    if doc[k].lower_ in ("der", "des", "von", "vom"):
        k += 1
    if k >= len(doc):
        return None
    ent = _ent_at(doc, k)
    if ent is not None and ent.label_ in ("ORG", "LOC", "GPE"):
        name = country_name(ent.text) or ent.text
        return j, ent.end, name, ent.label_
    if ent is not None:
        return None
    # no NER: a single genitive country, or an all-capitals acronym ("der NATO")
    text = doc[k].text
    if country_name(text):
        return j, k + 1, country_name(text) or text, "LOC"
    if k > j and len(text) >= 2 and text.isupper() and text.isalpha():
        return j, k + 1, text, "ORG"
    head = text.split("-")[0]
    if k > j and "-" in text and len(head) >= 2 and head.isupper() and text[-1].isalpha():
        return j, k + 1, text, "ORG"  # "der UN-Generalversammlung", "des EU-Parlaments"
    return None


def find_roles_de(doc) -> list[RoleMatchDe]:
    """Role phrases in a German sentence Doc, left to right, not inside person names."""
    out: list[RoleMatchDe] = []
    for i, tok in enumerate(doc):
        if not tok.text[:1].isupper() or _in_person(doc, i):
            continue
        found = match_role_de_compound(tok.text)
        if found is None:
            continue
        role, prefix = found
        m = RoleMatchDe(i, i + 1, i, role, tok.text)
        if prefix:
            m.org = country_name(prefix) or prefix
            m.org_span = (tok.idx, tok.idx + len(prefix))
            m.org_label = "ORG"
        if tok.text.lower().startswith(("ex-", "alt-")):
            m.status_cue = "former"
        _grow_left(doc, m)
        _grow_right(doc, m)
        m.text = doc[m.start : m.end].text
        out.append(m)
    return out


def _grow_left(doc, m: RoleMatchDe) -> None:
    """Take status adjectives, a country adjective and an ordinal ("der 14.") before the role."""
    k = m.core - 1
    while k >= 0:
        word = doc[k].text
        if word[:1].islower() and _status_of(word):
            m.status_cue = m.status_cue or _status_of(word)
        elif word[:1].islower() and country_of_adjective(word) and m.org is None:
            m.org = country_of_adjective(word)
            m.org_span = (doc[k].idx, doc[k].idx + len(word))
            m.org_label = "LOC"
        elif word[:1].islower() and _is_skip_adj(word):
            pass
        elif word.endswith(".") and word[:-1].isdigit() and len(word) <= 4:
            m.ordinal = int(word[:-1])
        else:
            break
        k -= 1
    m.start = k + 1


def _grow_right(doc, m: RoleMatchDe) -> None:
    """Take a genitive / "von" organisation after the role when none was found yet."""
    if m.org is not None:
        return
    org = _org_after(doc, m.core + 1)
    if org is None:
        return
    start, end, name, label = org
    m.org = name
    first = start + 1 if doc[start].lower_ in ("der", "des", "von", "vom") else start
    m.org_span = (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
    m.org_label = label
    m.end = end


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


def _title_before_name(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str]]:
    """ROLE NAME, or "der ROLE der ORG, NAME"."""
    i = m.end
    if i < len(doc) and doc[i].text == "," and m.start > 0 and doc[m.start - 1].lower_ in DETERMINERS:
        i += 1
    for s, _e, p in spans:
        if s == i:
            return p, "de_title_before_name"
    return None


def _apposition(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str]]:
    """NAME, [der] ROLE …  /  NAME ([ehemaliger] ROLE)."""
    k = m.start - 1
    if k >= 0 and doc[k].lower_ in DETERMINERS:
        k -= 1
    if k < 1 or doc[k].text not in (",", "("):
        return None
    for _s, e, p in spans:
        if e == k:
            return p, "de_apposition"
    return None


def _copula(doc, m: RoleMatchDe, spans) -> Optional[tuple[Mention, str, str]]:
    """SUBJ VERB … ROLE  or  … VERB SUBJ … ROLE (verb second); returns (person, rule, verb)."""
    lo = max(0, m.start - MAX_COPULA_GAP - 4)
    for v in range(m.start - 1, lo - 1, -1):
        w = doc[v].lower_
        if w in CLAUSE_BREAKS or doc[v].text == ",":
            return None
        if w not in COPULA_PRESENT | COPULA_PAST | COPULA_EVENT:
            continue
        between = [t.lower_ for t in doc[v + 1 : m.start]]
        if any(x in IRREALIS for x in between) or len(between) > MAX_COPULA_GAP:
            return None
        subject = next((p for p in spans if p[1] == _skip_apposition(doc, v)), None)  # SUBJ [, …,] VERB
        if subject is None:  # VERB SUBJ … ROLE
            subject = next((p for p in spans if p[0] == v + 1 and p[1] <= m.start), None)
        if subject is None:
            return None
        before = [t.lower_ for t in doc[max(0, subject[0] - 3) : subject[0]]]
        if any(x in IRREALIS for x in before):
            return None
        return subject[2], "de_copula", w
    return None


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
    if rule in ("de_title_before_name", "de_apposition"):
        return "current", 1  # news titles name the holder now
    if verb in COPULA_PRESENT:
        return "current", 1
    if verb in COPULA_PAST:
        return "former", 1
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
    from .facts import apply_date  # lazy: facts imports this module

    apply_date(claim, d)


def _claim(sent: Sentence, doc, m: RoleMatchDe, person: Mention, rule: str, verb: str = ""):
    from .facts import Claim  # lazy: facts imports this module

    s0 = sent.start
    rs = doc[m.start].idx + s0
    re_ = doc[m.core].idx + len(doc[m.core].text) + s0
    org_span = None
    if m.org_span is not None:
        os_, oe = m.org_span
        org_span = Span(os_ + s0, oe + s0, sent.text[os_:oe])
        re_ = max(re_, oe + s0) if m.end > m.core + 1 else re_
    role_span = Span(rs, re_, sent.text[rs - s0 : re_ - s0])
    status, strength = _status(m, rule, verb)
    return Claim(
        person, person.text, m.role, m.org, sent.index, rule, role_span, org_span, m.org_label,
        ordinal=m.ordinal, status=status, status_strength=strength, role_text=m.text,
        confidence=CONFIDENCE.get(rule, 0.5),
    )


def extract_tenures_de(sent: Sentence, doc, persons: list[Mention], dates: list, mentions: list[Mention]) -> list:
    """Claims (facts.Claim) of one German sentence; ``dates`` are find_dates(lang="de") results.

    ``persons`` are the sentence's person mentions (document offsets); ``mentions`` is the
    document's mention list so far (unused: German person names come from NER and the
    pipeline's title rule, so no rule mentions are added here).
    """
    spans = _person_spans(sent, doc, persons)
    if not spans:
        return []
    claims = []
    roles = find_roles_de(doc)
    for n, m in enumerate(roles):
        if m.role in NEEDS_ORG and m.org is None:
            continue
        found = _title_before_name(doc, m, spans) or _apposition(doc, m, spans)
        verb = ""
        if found is None:
            cop = _copula(doc, m, spans)
            if cop is None:
                continue
            found, verb = (cop[0], cop[1]), cop[2]
        person, rule = found
        claim = _claim(sent, doc, m, person, rule, verb)
        s0 = sent.start
        nxt = roles[n + 1].start if n + 1 < len(roles) else len(doc)
        # copula dates sit anywhere in the clause ("Seit 2021 ist X …", "X ist seit 2021 …"):
        # from the previous role on; title/apposition dates follow the role
        prev_end = roles[n - 1].end if n > 0 else 0
        lo = (doc[prev_end].idx if prev_end < len(doc) else len(sent.text)) + s0 if rule == "de_copula" else doc[m.start].idx + s0
        hi = doc[nxt - 1].idx + len(doc[nxt - 1].text) + s0
        _attach_date(claim, dates, lo, hi, event=verb in COPULA_EVENT)
        claims.append(claim)
    return claims
