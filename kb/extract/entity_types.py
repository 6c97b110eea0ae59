"""Which names are persons, which organisations, which neither: the document's own evidence.

NER labels one mention at a time and the small models are wrong often enough to make the
tables unbelievable: companies as persons holding posts ("Santander Central Hispano" as a
chairman), places and things as persons ("Sedgefield", "the Adam Smith Lecture"), one capitalised
word as a person ("Bill" of "the Bill passed"). This module reads the words around every NER
mention of a document (the extract stage is the one that sees tokens) and decides per name:

* ``TYPE_CUES`` is a table of small functions, each looking at one mention in its sentence and
  returning the cue it sees ("org", "person", "honorific", "subject", "place", "constituency",
  "thing") or None: a legal suffix or an organisation head word in the name, "shares in X",
  "X's board", "the bank X", a title before the name, an age after it ("X, 57,"), "X wrote",
  "in X", "MP for X", "X Lecture" ...
* ``correct_types`` sums the cues per name over the document and retypes or drops mentions
  before any role rule runs, so a retyped company never becomes a post's holder.
* one-word person names need support: a title, a person cue, or a fuller person name of the
  document it is part of ("Anil" of "Anil Ambani"); ``complete_first_names`` maps a first name
  to the one full name it starts.

German sentences have their own cue table (``kb.extract.de.types``: "sagte X", "Herr X", "in X",
"X-Chef", common nouns tagged as names), applied first by ``correct_types``.

Reference kinds (a name that is exactly a reference organisation's label) are not used here:
the reference lives in the database, which the extract stage never reads; the link stage
applies them (``kb.link.types``). ``complete_org_names`` (and ``lexicon.party_name``) give one
organisation one name within a document ("Tate" -> "Tate & Lyle", "CSA", "Tory").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..model import Mention, Sentence
from ..names import LEGAL_SUFFIXES
from .de.types import correct_types_de
from .lexicon import lexicon, word_sets
from .mentions import HONORIFICS, ORG_HEAD_WORDS, PERSON_TITLES, acronym_of
from .org_spans_en import NATIONAL_BODIES

#: Nouns that, right before a name ("the British bank Abbey National", "bank, Santander"), say
#: what kind of organisation it is.
ORG_KIND_NOUNS = {
    "bank", "company", "firm", "group", "carrier", "airline", "retailer", "giant", "maker", "insurer", "lender",
    "broadcaster", "newspaper", "supermarket", "chain", "operator", "conglomerate", "manufacturer", "brand",
    "subsidiary", "charity", "club", "producer", "publisher", "rival", "store", "chipmaker", "automaker",
    "carmaker", "telecoms", "outfit", "exchange", "regulator", "watchdog",
}
#: Words right after a name that only an organisation has ("Disney directors", "Tate shares").
ORG_AFTER = {
    "shares", "shareholders", "stock", "directors", "investors", "executives", "bosses", "subsidiary",
    "profits", "profit", "revenue", "revenues", "headquarters", "employees", "workforce", "plc", "inc",
    "ltd", "chairman", "chairwoman", "boss", "ceo",
}
#: Verbs whose subject is a person ("Hitler ordered", "Jacqueline wrote"): support for a one-word
#: name, never a reason to retype an organisation (companies say and announce too).
PERSON_VERBS = {"say", "tell", "bear", "die", "marry", "write", "argue", "reply", "explain", "believe",
                "think", "insist", "recall", "admit", "deny", "feel", "speak", "order", "sing", "paint", "live",
                "grow", "study", "retire", "resign", "visit", "meet", "love", "hope", "want", "decide"}
#: Kinship nouns right before a name: a person ("his father John").
KIN_NOUNS = {"father", "mother", "son", "daughter", "brother", "sister", "wife", "husband", "uncle", "aunt",
             "grandfather", "grandmother", "widow", "cousin", "nephew", "niece"}
#: Words after "X's" that only an organisation has ("Tate's shares", "Santander's board").
ORG_AFTER_POSSESSIVE = {
    "shares", "share", "board", "shareholders", "profits", "profit", "sales", "revenue", "revenues",
    "headquarters", "stake", "takeover", "subsidiary", "stores", "factory", "factories", "products",
    "workforce", "employees", "customers", "listing", "merger", "stock",
}
#: "shares in X", "takeover of X": the words before a name that make it a company.
ORG_BEFORE_PHRASES = {
    ("shares", "in"), ("stake", "in"), ("takeover", "of"), ("bid", "for"), ("acquisition", "of"),
    ("merger", "with"), ("subsidiary", "of"), ("shareholders", "in"), ("stake", "of"), ("shares", "of"),
}
#: Verbs right after a name that a company does ("X, headquartered in", "X acquired").
ORG_VERBS = {"acquired", "headquartered", "listed", "merged"}
#: Words inside a name that make it a thing, never a person ("Adam Smith Lecture", "European
#: Businessman of the Year", "Constitutional Reform Bill").
THING_WORDS = {
    "lecture", "award", "awards", "prize", "medal", "trophy", "cup", "bill", "act", "businessman",
    "businesswoman", "year", "report", "index", "treaty",
}
#: Words inside a name that make it a place, never a person ("Manning Drive").
PLACE_WORDS = {"street", "road", "drive", "avenue", "lane", "constituency", "stadium", "bridge", "square"}
_WORDS = word_sets("words_en.tsv")
#: Time zones ("1230 GMT"): NER tags them ORG.
TIME_ZONES = _WORDS["time_zones"]
#: Kind nouns right before a name that make it a product or a work ("cholesterol drug Crestor").
PRODUCT_NOUNS = _WORDS["product_nouns"]
#: Prepositions before a name that make it a place when nothing says person ("in Sedgefield").
PLACE_PREPOSITIONS = {"in", "at", "near"}
#: "the MP for Sleaford": the two words before a constituency.
CONSTITUENCY_BEFORE = {("mp", "for"), ("member", "for"), ("seat", "of"), ("constituency", "of")}


@dataclass
class MentionView:
    """One NER mention with its tokens: what a cue function reads."""

    mention: Mention
    doc: object  # the sentence's spaCy Doc
    start: int  # token span of the mention in ``doc``
    end: int

    def word(self, i: int) -> str:
        """Lower-case token at ``i`` ("" outside the sentence)."""
        return self.doc[i].lower_ if 0 <= i < len(self.doc) else ""


def _name_words(v: MentionView) -> list[str]:
    return [v.word(i).rstrip(".") for i in range(v.start, v.end)]


def cue_legal_form(v: MentionView) -> Optional[str]:
    """ "Abbey National plc", "Foo Holdings", "Jane Roe Foundation": the name's last word is a
    legal form or an organisation head word."""
    words = _name_words(v)
    return "org" if len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] in ORG_HEAD_WORDS) else None


def cue_kind_noun(v: MentionView) -> Optional[str]:
    """ "the bank Abbey National", "Spain's biggest bank, Santander": a kind noun before it."""
    k = v.start - 1
    if v.word(k) == ",":
        k -= 1
    return "org" if v.word(k) in ORG_KIND_NOUNS else None


def cue_org_after(v: MentionView) -> Optional[str]:
    """ "Disney directors", "Tate's shares", "X, headquartered in", "X acquired"."""
    nxt = v.word(v.end)
    if nxt in ("'s", "’s", "'", "’"):
        return "org" if v.word(v.end + 1) in ORG_AFTER_POSSESSIVE else None
    if nxt == ",":
        return "org" if v.word(v.end + 1) in ORG_VERBS else None  # "X, chairman of …" is a person
    return "org" if nxt in ORG_AFTER or nxt in ORG_VERBS else None


def cue_apposition(v: MentionView) -> Optional[str]:
    """ "Air Shamrock, an airline owned by …" is an organisation; "Charles Elson, chairman of …"
    and "X, a former minister" are persons: what the apposition after the name is."""
    if v.word(v.end) != ",":
        return None
    k = v.end + 1
    article = v.word(k) in ("a", "an", "the")
    if article:
        k += 1
    words = [v.word(i) for i in range(k, min(k + 3, len(v.doc)))]
    possessive = ("'s", "’s", "'", "’")
    if article and any(w in ORG_KIND_NOUNS and (j + 1 >= len(words) or words[j + 1] not in possessive)
                       for j, w in enumerate(words[:2])):
        return "org"  # "X, the bank," is the bank; "X, the bank's chief," is its chief
    roles = lexicon().role_words
    if words and (words[0] in roles or words[0] == "former" and len(words) > 1 and words[1] in roles):
        return "person"
    return "person" if article and _role_after_owner(v, k) else None


def _role_after_owner(v: MentionView, k: int) -> bool:
    """ "X, a Shell director," / "X, the former Yukos spokesman,": a role word after an
    organisation's name (up to three capitalised words, "former" before them), as in the
    apposition of a person, closed after the role word ("X, a Houston court has ruled" is none)."""
    k += v.word(k) == "former"
    j = k
    while j < min(k + 3, len(v.doc)) and v.doc[j].text[:1].isupper():
        j += 1
    closed = v.word(j + 1) in ("", ",", ".", ";", "at", "of", "for")
    return k < j < len(v.doc) and v.word(j) in lexicon().role_words and closed


def cue_org_before(v: MentionView) -> Optional[str]:
    """ "shares in X", "the takeover of X", "based X" ("London-based X")."""
    a, b = v.word(v.start - 2), v.word(v.start - 1)
    if b == "the":
        a, b = v.word(v.start - 3), v.word(v.start - 2)
    return "org" if (a, b) in ORG_BEFORE_PHRASES or b == "based" else None


def cue_thing(v: MentionView) -> Optional[str]:
    """ "the Adam Smith Lecture", "European Businessman of the Year": a thing, no person."""
    words = _name_words(v)
    if any(w in THING_WORDS for w in words[1:]) or words == [w for w in words if w in THING_WORDS]:
        return "thing"
    if v.mention.type == "person" and any(w in PLACE_WORDS for w in words[1:]):
        return "thing"
    if v.word(v.end) == "of" and v.word(v.end + 2) == "year":
        return "thing"
    if words == [w for w in words if w in TIME_ZONES] or v.word(v.start - 1) in PRODUCT_NOUNS:
        return "thing"  # "1230 GMT", "cholesterol drug Crestor", "its product Prozac": no organisation
    return None


def cue_title(v: MentionView) -> Optional[str]:
    """ "Mr Ferguson", "Sir John", "Comptroller Alan Hevesi": a title before (or first in) the name."""
    before = v.word(v.start - 1).rstrip(".")
    if before == "." :
        before = v.word(v.start - 2)
    first = v.word(v.start).rstrip(".")
    if before in HONORIFICS or first in HONORIFICS and v.end - v.start > 1:
        return "honorific"
    return "person" if before in PERSON_TITLES or before in KIN_NOUNS or before in lexicon().role_words or (first in HONORIFICS and v.end - v.start > 1) else None


def cue_age_or_birth(v: MentionView) -> Optional[str]:
    """ "Mr Smith, 57, ...", "X was born", "X, who": only persons have ages and births."""
    if v.word(v.end) == "," and v.word(v.end + 1).isdigit() and v.word(v.end + 2) == ",":
        return "person"
    if v.word(v.end) in ("born", "who") or v.word(v.end + 1) in ("born",) or v.word(v.end) == "," and v.word(v.end + 1) == "who":
        return "person"
    return None


def cue_person_verb(v: MentionView) -> Optional[str]:
    """ "Hitler ordered …", "Jacqueline wrote …": the name is the subject of a person's verb."""
    head = None
    for i in range(v.start, v.end):
        tok = v.doc[i]
        if tok.dep_ in ("nsubj", "nsubjpass") and not (v.start <= tok.head.i < v.end):
            head = tok.head
    return "subject" if head is not None and head.lemma_.lower() in PERSON_VERBS else None


def cue_place(v: MentionView) -> Optional[str]:
    """ "in Sedgefield", "a tour to Wadi Rum": a preposition of place before the name."""
    if v.word(v.start - 1) in PLACE_PREPOSITIONS and v.word(v.end) not in ("'s", "’s"):
        return "place"
    if (v.word(v.start - 2), v.word(v.start - 1)) in CONSTITUENCY_BEFORE:
        return "constituency"
    return None


def cue_lone_the(v: MentionView) -> Optional[str]:
    """ "a consultant to the Tote and ...": "the" before a name that no noun follows is an
    organisation ("the Blair government" is followed by a noun: no cue)."""
    if v.word(v.start - 1) != "the" or v.mention.type != "person":
        return None
    nxt = v.doc[v.end] if v.end < len(v.doc) else None
    return "org" if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "PART") else None


#: The cue table, in no particular order: every cue is counted.
TYPE_CUES: list[tuple[str, Callable[[MentionView], Optional[str]]]] = [
    ("legal_form", cue_legal_form),
    ("kind_noun", cue_kind_noun),
    ("org_after", cue_org_after),
    ("org_before", cue_org_before),
    ("thing", cue_thing),
    ("title", cue_title),
    ("age_or_birth", cue_age_or_birth),
    ("place", cue_place),
    ("lone_the", cue_lone_the),
    ("person_verb", cue_person_verb),
    ("apposition", cue_apposition),
]


@dataclass
class NameEvidence:
    """The cues one name collected over a document."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    labels: set[str] = field(default_factory=set)  # NER labels of its mentions

    def has(self, cue: str) -> bool:
        return self.counts.get(cue, 0) > 0


def _token_span(sent: Sentence, doc, m: Mention) -> Optional[tuple[int, int]]:
    start = end = None
    for tok in doc:
        pos = sent.start + tok.idx
        if start is None and pos >= m.start:
            start = tok.i
        if pos < m.end:
            end = tok.i + 1
    return (start, end) if start is not None and end is not None and end > start else None


def collect_evidence(parsed: list[tuple[Sentence, object, list[Mention]]]) -> dict[str, NameEvidence]:
    """Cues per mention text over the whole document."""
    out: dict[str, NameEvidence] = defaultdict(NameEvidence)
    for sent, doc, mentions in parsed:
        if sent.lang != "en":
            continue  # the cues are English words; German names keep NER's types
        for m in mentions:
            if m.label.startswith("rule:") or m.label in ("GPE", "LOC", "NORP"):
                continue
            span = _token_span(sent, doc, m)
            if span is None:
                continue
            ev = out[m.text]
            ev.labels.add(m.label)
            ev.counts["mentions"] += 1
            view = MentionView(m, doc, *span)
            for name, func in TYPE_CUES:
                cue = func(view)
                if cue:
                    ev.counts[cue] += 1
                    if name == "legal_form":
                        ev.counts["legal_form"] += 1
    return out


def _supported_one_word(name: str, ev: NameEvidence, fuller: set[str]) -> bool:
    """A one-word person name is kept with a title or person cue, or when it is a word of a
    fuller person name of the document ("Anil" / "Anil Ambani", "Smith" / "Doug Smith")."""
    return ev.has("person") or ev.has("honorific") or ev.has("subject") or name in fuller


def decide_type(name: str, ev: NameEvidence, current: str, fuller: set[str],
                places: frozenset[str] | set[str] = frozenset(), surnames: frozenset[str] | set[str] = frozenset()
                ) -> Optional[str]:
    """The type a name gets: "person", "organization", None (neither: drop its mentions) or
    "weak" (a one-word person name without support: kept only if a rule makes it a holder).
    Only an honorific ("Ms Bowers") turns an organisation into a person, also against organisation
    cues when they are fewer and the name is the surname of a person of the document
    (``surnames``); any person cue keeps a person one."""
    if ev.has("honorific") and not ev.has("org"):
        return "person"
    if ev.has("honorific") and name in surnames and ev.counts["honorific"] >= ev.counts["org"]:
        return "person"  # "Mr Roe" and "Jane Roe" outweigh "the Roe and Doe families" read as "the Tote and"
    if ev.has("person") and current == "person" and ev.counts["person"] >= ev.counts.get("org", 0):
        return "person"  # more organisation cues than person ones: the organisation ("Ryanair")
    if (ev.has("thing") or ev.has("constituency")) and (current == "person" or not ev.has("legal_form")):
        return None  # "the Adam Smith Lecture", "the MP for Copeland": neither person nor organisation
    if ev.has("org"):
        return "organization"
    if current == "person":
        if ev.counts.get("place", 0) == ev.counts.get("mentions", 0) > 0 and name not in fuller:
            return None
        if _split_one_word(name, ev, fuller) and name not in places:
            return "organization"
        if len(name.split()) == 1 and not _supported_one_word(name, ev, fuller):
            return "weak"
    return current


def _split_one_word(name: str, ev: NameEvidence, fuller: set[str]) -> bool:
    """A one-word name NER tags both a person and an organisation in one document (and nowhere
    a place: "Kirkcaldy"), that no title, person or place cue and no fuller person name
    supports, is the organisation: a person news
    names by one word was introduced by the full name or a title; a company says and decides
    too ("Yukos said", "Ryanair decided"), so being a verb's subject is no support here."""
    return (len(name.split()) == 1 and "ORG" in ev.labels and "PERSON" in ev.labels and name not in fuller
            and not ev.has("honorific") and not ev.has("person") and not ev.has("place"))


def split_listed_orgs(parsed: list[tuple[Sentence, object, list[Mention]]]) -> None:
    """Split (in place) an English ORG mention "A and B" whose two parts the document names on
    their own elsewhere ("[Gazprom and Rosneft]ORG" where "Gazprom" and "Rosneft" are mentions
    too): two organisations listed, not one name ("Securities and Exchange Commission" has no
    "Securities" of its own)."""
    texts = {m.text for _, _, mentions in parsed for m in mentions}
    for sent, _, mentions in parsed:
        if sent.lang != "en":
            continue
        out = []
        for m in mentions:
            out.extend(_listed_parts(m, texts) or [m])
        mentions[:] = out


_OPENERS = {'"', "'", "“", "‘", "(", "-", "—", "–"}


def _sentence_initial(doc, i: int) -> bool:
    """Token ``i`` opens its sentence (after opening quotes or brackets, if any)."""
    return all(doc[k].text in _OPENERS for k in range(i))


def drop_sentence_capitals(parsed: list[tuple[Sentence, object, list[Mention]]],
                           evidence: dict[str, NameEvidence]) -> None:
    """Drop (in place) English one-word ORG mentions that open a sentence or headline and whose
    word the document writes in lower case elsewhere and never with a capital inside a sentence
    ("House prices rose" ... "house prices", "Visa decision ..." ... "visa applications"): the
    capital is the sentence's, not a name's. A word with an organisation cue stays ("Shell
    profits rose" ... "shell companies"), and so does a state body's noun ("Parliament as a whole
    will vote" of a text that also says "the parliament": ``NATIONAL_BODIES``)."""
    lower: set[str] = set()
    inner: set[str] = set()  # capitalised words the document writes inside a sentence
    for sent, doc, _ in parsed:
        for i, tok in enumerate(doc):
            if tok.is_alpha and tok.text.islower():
                lower.add(tok.text)
            elif tok.is_alpha and not _sentence_initial(doc, i):
                inner.add(tok.text)
    for sent, doc, mentions in parsed:
        if sent.lang != "en":
            continue
        keep = []
        for m in mentions:
            word = m.text
            if m.label == "ORG" and word.isalpha() and word[:1].isupper() and word[1:].islower() \
                    and word.lower() in lower and word not in inner and word.lower() not in NATIONAL_BODIES \
                    and not evidence.get(word, NameEvidence()).has("org"):
                span = _token_span(sent, doc, m)
                if span is not None and span[1] - span[0] == 1 and _sentence_initial(doc, span[0]):
                    continue
            keep.append(m)
        mentions[:] = keep


def _listed_parts(m: Mention, texts: set[str]) -> Optional[list[Mention]]:
    """The two mentions of ``m`` = "A and B" when A and B are mentions of their own, else None;
    after "X of Y" only when B repeats X ("Duchy of Lancaster and Duchy of Cornwall")."""
    if m.label != "ORG" or m.text.count(" and ") != 1:
        return None
    a, b = m.text.split(" and ")
    b_name = b[4:] if b.startswith("The ") else b  # "Independent and The Times"
    if not (a[:1].isupper() and b_name[:1].isupper()) or a not in texts or b_name not in texts and b not in texts:
        return None
    if " of " in a and b.split()[0] != a.split()[0]:
        return None  # "University of the Highlands and Islands": the "and" may be inside the complement
    first = Mention(a, m.type, m.start, m.start + len(a), m.sentence, label=m.label)
    second = Mention(b, m.type, m.end - len(b), m.end, m.sentence, label=m.label)
    return [first, second]


def correct_types(parsed: list[tuple[Sentence, object, list[Mention]]]) -> tuple[set[str], set[str]]:
    """Retype or drop each sentence's NER mentions (in place) by the document's cues; return
    the names with organisation evidence (which must not become persons later on) and the weak
    one-word person names (the caller keeps them only where a rule made them a post's holder:
    "Asprenas, bishop of Naples")."""
    weak, _ = correct_types_de(parsed)  # German sentences: the German cue table (kb.extract.de.types)
    split_listed_orgs(parsed)
    evidence = collect_evidence(parsed)
    drop_sentence_capitals(parsed, evidence)
    person_words = set()
    surnames: set[str] = set()  # last words of the document's full person names
    places: set[str] = set()  # names NER tags a place somewhere in the document
    for _, _, mentions in parsed:
        for m in mentions:
            words = m.text.split()
            if m.type == "person" and len(words) > 1:
                person_words.update(words)
                surnames.add(words[-1])
            elif m.label == "ORG" and len(words) > 1:
                person_words.add(words[-1])  # NER often tags a full name ORG ("[Haruto Sato]ORG ... Sato")
            elif m.label in ("GPE", "LOC"):
                places.add(m.text)
    org_names = {name for name, ev in evidence.items() if ev.has("org") and not ev.has("person")}
    titled = _titled_words(parsed)
    for sent, _, mentions in parsed:
        if sent.lang != "en":
            continue
        keep = []
        for m in mentions:
            if m.label in ("GPE", "LOC", "NORP") or m.label.startswith("rule:"):
                keep.append(m)
                continue
            new = decide_type(m.text, evidence.get(m.text, NameEvidence()), m.type, person_words, places, surnames)
            if new == "organization" and _titled_surname_name(m.text, evidence, titled):
                new = "person"  # "[Vincent Cable]ORG" of a text that calls him "Mr Cable"
            if new is None:
                continue
            if new == "weak":
                weak.add(m.text)
                new = m.type
            if new != m.type:
                m.type, m.label = new, f"rule:type_{new}"
            keep.append(m)
        mentions[:] = keep
    return org_names, weak


#: Honorifics only persons carry ("Sir John Lewis" is also a shop, "Lord" also opens "Lord Chancellor").
_PERSONAL_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr"}


def _titled_words(parsed: list[tuple[Sentence, object, list[Mention]]]) -> set[str]:
    """Capitalised words the document's English sentences write right after an honorific ("Mr
    Cable", "Mrs Roe"), tagged or not: the surnames the text gives persons."""
    out = set()
    for sent, doc, _ in parsed:
        if sent.lang != "en":
            continue
        for i in range(len(doc) - 1):
            if doc[i].lower_.rstrip(".") in _PERSONAL_HONORIFICS and doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper():
                out.add(doc[i + 1].text)
    return out


def _titled_surname_name(name: str, evidence: dict[str, NameEvidence], titled: set[str]) -> bool:
    """An organisation name of two or three capitalised words, no organisation cue and no head
    word, whose last word the document writes after a title ("Mr Cable", ``titled``) and never
    with an organisation cue: NER tagged the person's full name ORG ("[Vincent Cable]ORG"). A span with
    the title inside ("[Analysing Mr Brown]ORG") is no name to keep as a person."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    if any(w.lower() in ORG_HEAD_WORDS or w.lower() in LEGAL_SUFFIXES or w.lower() in HONORIFICS for w in words):
        return False
    ev, last = evidence.get(name, NameEvidence()), evidence.get(words[-1], NameEvidence())
    return not ev.has("org") and words[-1] in titled and not last.has("org")


def fuller_claim_orgs(claims, mentions: list[Mention]) -> None:
    """A claim's organisation that is the tail of a longer organisation named in its sentence
    ("chief executive of [Royal Bank of] Scotland") becomes that organisation (in place)."""
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for m in mentions:
        if m.type == "organization" and m.label == "ORG":
            by_sentence[m.sentence].append(m.text)
    for c in claims:
        if not c.org:
            continue
        roles = lexicon().role_words
        longer = {t for t in by_sentence.get(c.sentence, []) if t.endswith(" of " + c.org)
                  and not any(w.lower() in roles for w in t[: -len(" of " + c.org)].split())}  # not "Bishop of X"
        if len(longer) == 1:
            c.org = longer.pop()


def complete_first_names(names: dict[str, str]) -> dict[str, str]:
    """Map a one-word person form that is the first word of exactly one fuller name of the
    document to that name ("Anil" -> "Anil Ambani"; "John" -> "John Gieve")."""
    fulls = {v for v in names.values() if len(v.split()) > 1}
    out = dict(names)
    for form, name in names.items():
        if len(name.split()) != 1:
            continue
        hits = {f for f in fulls if f.split()[0] == name}
        if len(hits) == 1:
            out[form] = hits.pop()
    return out


def _initials(words: list[str]) -> str:
    """ "Child Support Agency" -> "CSA"; "" when a word is not capitalised (no acronym)."""
    return acronym_of(words)


def _clean_name(name: str) -> bool:
    """A name another form may take: words only ("Party for Freedom (PVV" from a cut NER span
    is no name)."""
    return not any(ch in name for ch in "()[]{}\"“”")


#: Words after an acronym that only say what kind of body it is ("IBM Corp", "HSBC Holdings"):
#: an acronym is short for that name, not for a part of the body ("BBC Radio 4", "BBC News").
_LEGAL_SUFFIXES = {"Group", "plc", "PLC", "Plc", "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "Corporation",
                   "Holdings", "Party", "AG", "SA", "NV", "Co", "Co.", "Company", "LLC", "International"}


def complete_org_names(texts, places: set[str]) -> dict[str, str]:
    """Map an organisation form to the one longer organisation name of the document it
    abbreviates: its first words ("Tate" -> "Tate & Lyle", "Labour" -> "Labour Party") or, for
    one word, its last ("Disney" -> "Walt Disney", "the Party" -> "Conservative Party"), or its
    words after a country ("Federal Reserve" -> "US Federal Reserve"). One
    organisation, one record; an acronym joins the one name it abbreviates ("CSA" -> "Child
    Support Agency") or starts with only a kind word after it ("HSBC Holdings", not "BBC Radio 4",
    ``_LEGAL_SUFFIXES``); a form two longer names share stays on its own, and a place
    (``places``: "UK" is no abbreviation of "UK Independence Party") is never mapped."""
    forms = sorted({t for t in texts if t}, key=lambda t: (-len(t.split()), t))
    out: dict[str, str] = {}
    for form in forms:
        if form in places:
            continue
        words = form.split()
        longer = [f.split() for f in forms if len(f.split()) > len(words) and _clean_name(f)]
        hits = {" ".join(f) for f in longer if f[: len(words)] == words
                and not (form.isupper() and len(form) > 1 and not set(f[len(words):]) <= _LEGAL_SUFFIXES)}
        if not hits and len(words) == 1 and not form.isupper():  # "Salzburger SPÖ" is a branch of the SPÖ
            hits = {" ".join(f) for f in longer if f[-1] == words[0]}
        if not hits and len(words) > 1:  # "Federal Reserve" / "US Federal Reserve": a country before it
            hits = {" ".join(f) for f in longer if f[-len(words):] == words and " ".join(f[: -len(words)]) in places}
        if not hits and len(words) == 1 and form.isupper() and len(form) > 1:
            hits = {" ".join(f) for f in longer if _initials(f) == form}
        if len(hits) == 1:
            out[form] = hits.pop()
    return out
