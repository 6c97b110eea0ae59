"""Person and organisation mentions: spaCy NER plus kb's own name rules.

Language-neutral: English labels (PERSON, ORG, GPE, NORP) and German ones (PER, ORG, LOC)
map onto kb's two types. NER output is cleaned the way news text needs: a title glued to a
name ("President Donald Trump" tagged as one PERSON) is cut off, possessives ("Trump's") are
dropped, and sentences that are page chrome ("Subscribe to … channel", "Your comment:") give no
mentions at all. ``name_forward``/``name_backward`` find a capitalised name next to a role word
when NER is absent (blank pipeline) or missed it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..model import Mention, Sentence
from .de.institutions import institution_spans
from .de.known_orgs import NATIONAL_BODIES_DE, is_body_noun_de, is_seated_body_de, media_word_spans, prefix_org_spans
from .de.lexicon import country_of_adjective, match_role_de
from ..roletitles import grammar
from .lexicon import lexicon, party_name, rows, surface_key, word_sets
from .org_spans_en import (NATIONAL_BODIES, chamber_spans, chambers, ministry_spans, national_body_end,
                           sunday_paper_start)
from .name_bounds import (HONORIFICS, NAME_PARTICLES, PERSON_TITLES, TITLE_WORDS, cut_dash, is_honour,
                          not_name_word, person_bounds)
from .roles import CHAMBER_WORDS, NOT_NAME_WORDS, after_describing_words

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC", "NORP"}

#: Page chrome: share/subscribe lines, comment forms, cookie notices. Matched at sentence start
#: or as the whole sentence, so an article sentence mentioning "subscribers" is kept.
_CHROME = re.compile(
    r"""^\s*(subscribe\b|follow\s+us\b|sign\s+up\b|share\s+(this|on)\b|click\s+here\b|read\s+more\b|
    your\s+(comment|name|e-?mail)\s*:|error\s+page\s+url\s*:|text\s+containing\s+error\s*:|
    all\s+rights\s+reserved|copyright\b|©|we\s+use\s+cookies|advertisement\b|related\s*:|tags\s*:|
    download\s+(our|the)\s+app|join\s+our\b|newsletter\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_CHROME_ANYWHERE = re.compile(r"(telegram|whatsapp)\s+channel|facebook,\s*(rss|twitter|x)\b|\brss!", re.I)

_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def is_chrome(text: str) -> bool:
    """True for page chrome that must not produce entities or facts."""
    return bool(_CHROME.match(text) or _CHROME_ANYWHERE.search(text))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, per line (news reopens quotes each paragraph).

    A straight quote's direction is read from its neighbours where they tell ("said "We ...":
    opens; "... now". The": closes), not only by counting: news reopens a quote at each
    paragraph of a long quotation without closing it, and where paragraphs are joined into one
    line (BBC texts) plain counting pairs every later quote of the line the wrong way round and
    reads the narration after it as quoted ("... to "reflect on issues" before voting. Anne
    Roe, chief executive of X, asked: ...")."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        open_at: Optional[int] = None
        for k, ch in enumerate(line):
            if ch in "“«„" and open_at is None:
                open_at = k
            elif ch in "”»" and open_at is not None:
                out.append((pos + open_at, pos + k + 1))
                open_at = None
            elif ch == '"':
                opens, closes = _quote_shape(line, k)
                if open_at is None:
                    if not closes or opens:
                        open_at = k
                elif opens and not closes:  # a new paragraph's quote: the one before ran to here
                    out.append((pos + open_at, pos + k))
                    open_at = k
                else:
                    out.append((pos + open_at, pos + k + 1))
                    open_at = None
        if open_at is not None:
            out.append((pos + open_at, pos + len(line)))
        pos += len(line) + 1
    return out


def _quote_shape(line: str, k: int) -> tuple[bool, bool]:
    """Whether the straight quote at ``k`` looks like an opening one (space or line start
    before, a word after) and whether it looks like a closing one (a word or punctuation
    before, space, punctuation or line end after); both or neither when its neighbours do not tell."""
    before = line[k - 1] if k > 0 else " "
    after = line[k + 1] if k + 1 < len(line) else " "
    opens = (before.isspace() or before in "([{—–-/") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}'’—–-/")
    return opens, closes


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _party_prefix(doc, start: int, end: int) -> int:
    """Length of a party-member word opening tokens start:end ("Lib Dem", "Tory"), else 0."""
    members = lexicon().party_members
    for n in (2, 1):
        if start + n < end and tuple(t.text for t in doc[start : start + n]) in members:
            return n
    return 0


def _not_a_name_left(doc, start: int, end: int) -> bool:
    """What is left of a PERSON span after a party word is a role noun ("MPs") or a portfolio
    of the title grammar ("Home Affairs", "Treasury" before "spokesman")."""
    if end - start == 1 and (doc[start].lower_.rstrip("s"),) in lexicon().roles:
        return True
    return " ".join(t.lower_ for t in doc[start:end]) in grammar().domains


def _trim_person(ent) -> Optional[tuple[int, int]]:
    """Token span of a PERSON entity without leading titles/roles and trailing possessive."""
    doc = ent.doc
    lex = lexicon()
    start, end = ent.start, ent.end
    while start < end:
        w = doc[start].lower_
        n, entry = lex.lookup([t.lower_ for t in doc[start:end]], 0)
        if entry is not None and n < end - start:
            start += n
        elif w in TITLE_WORDS or w in ("former", "ex", "-", "the", "der", "die", "ehemalige", "ehemaliger"):
            start += 1
        elif doc.lang_ == "en" and _party_prefix(doc, start, end):
            start += _party_prefix(doc, start, end)  # "[Lib Dem Norman Baker]PERSON": the party is no part of the name
        elif w.rstrip(".") in PERSON_TITLES and end - start > 1 and doc[start + 1].text[:1].isupper():
            start += 1  # "Comptroller Alan Hevesi", "Admiral X": the title is no part of the name
        elif end - start > 1 and label_lang(ent) == "de" and _german_role(doc[start].text):
            start += 1  # "Präsident Donald Trump" from German NER
        elif doc.lang_ == "en" and end - start > 1 and doc[start].is_alpha and doc[start].text.islower() \
                and w not in NAME_PARTICLES and doc[start + 1].text[:1].isupper():
            start += 1  # "he [rang Lucy]PERSON", "her [stepson Tom]PERSON": English names open capitalised
        else:
            break
    while start == ent.start and start > 0 and doc.lang_ == "en" and _name_token(doc[start - 1]) and not doc[start - 1].ent_type_ \
            and not not_name_word(doc[start - 1]):
        start -= 1  # NER cut a first name off ("Jan [Peter Balkenende]")
    k = end
    while k < len(doc) and (doc[k].lower_ in NAME_PARTICLES or doc[k].text == "-"):
        k += 1
    if k > end and k < len(doc) and doc.lang_ == "en" and _name_token(doc[k]) and (
            not doc[k].ent_type_ or doc[k].ent_iob_ == "B" and doc[k].ent_type_ in _SURNAME_MISTAGS):
        end = k + 1  # NER stopped at a particle: "[Carl von der] Esch", "[Walter van] der [Vijver]PERSON"
    elif end - start > 1 and doc[end - 1].lower_ in NAME_PARTICLES and end < len(doc) and doc.lang_ == "en" \
            and _name_token(doc[end]) and doc[end].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
        end += 1  # a name never ends on a particle: "[Ursula von der] [Leyen]GPE"
    elif doc.lang_ == "en" and _trailing_surname(doc, start, end):
        end += 1  # NER dropped the last of three names: "[Espen Barth] Eide"
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’", "-", ","):
        end -= 1
    if end <= start or not any(t.is_alpha and t.text[0].isupper() for t in doc[start:end]):
        return None
    if start > ent.start and _not_a_name_left(doc, start, end):
        return None  # "[Lib Dem MPs]PERSON", "[Lib Dem Home Affairs]PERSON spokesman": no name is left
    if end - start == 1 and doc[start].lower_ in PEERAGE_TITLES and end < len(doc) and doc[end].lower_ == "of":
        return None  # "the [Duke]PERSON of Kent": a peerage named by its place, no personal name
    return person_bounds(doc, start, end) if doc.lang_ == "en" else (start, end)


#: Peerages named "TITLE of PLACE" ("Duke of Kent", "Earl of Wessex"): the title alone is no name.
PEERAGE_TITLES = {"duke", "duchess", "earl", "countess", "marquess", "marchioness", "viscount", "viscountess",
                  "baron", "baroness"}


#: NER labels of a surname after a particle that NER cut off as an entity of its own
#: ("[Walter van] der [Vijver]PERSON", "… der [Vijver]PRODUCT"): the name continues over it.
_SURNAME_MISTAGS = {"PERSON", "PER", "PRODUCT", "ORG", "NORP", "WORK_OF_ART", "GPE"}


#: Head words of organisation names: a capitalised word like these after a name starts or
#: continues an organisation ("Jane Roe Foundation"), it is no surname.
ORG_HEAD_WORDS = {
    "bank", "group", "party", "council", "union", "association", "agency", "ministry", "office", "committee",
    "university", "institute", "foundation", "corporation", "corp", "inc", "ltd", "plc", "company", "co",
    "holdings", "fund", "authority", "administration", "commission", "federation", "league", "club", "solutions",
    "energy", "airlines", "airways", "motors", "partners", "capital", "systems", "technologies", "media", "news",
    "times", "post", "press", "services", "church", "school", "college", "hospital", "court", "department",
    "army", "forces", "police", "assembly", "parliament", "congress", "senate", "government", "board", "trust",
    "society", "network", "gruppen", "hydro", "power", "electric", "insurance", "international", "industries",
    "directorate", "organisation", "organization", "centre", "center", "museum", "orchestra", "theatre",
    "academy", "alliance", "front", "movement", "cabinet", "coalition", "unit", "service", "review", "journal",
    "gas", "oil", "petroleum", "telecom", "airport", "station", "square", "street", "city", "county", "state",
    "republic", "kingdom", "province", "region", "island", "islands", "river", "lake", "valley", "house", "hall",
}


def _trailing_surname(doc, start: int, end: int) -> bool:
    """One more capitalised, untagged proper noun right after a person span of two names
    ("Espen Barth" + "Eide"): the small model often drops the last of three names. Not an
    organisation head word ("Jane Roe Foundation"), not the start of a longer capitalised run."""
    if end - start != 2 or end >= len(doc):
        return False
    tok = doc[end]
    if tok.ent_type_ or tok.tag_ != "NNP" or not _name_token(tok) or tok.lower_ in ORG_HEAD_WORDS:
        return False
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    return nxt is None or not (nxt.text[:1].isupper() and nxt.is_alpha) and nxt.lower_ not in ("'s", "’s")


def label_lang(ent) -> str:
    """Language of a Doc by its pipeline ("de" for German pipelines)."""
    return ent.doc.lang_


def _german_role(word: str) -> bool:
    return match_role_de(word) is not None


def ner_mentions(sent: Sentence, doc) -> list[Mention]:
    """Person and organisation mentions from NER, cleaned; places get type organization
    with their label kept, so facts.py can keep them only where they hold a post."""
    out: list[Mention] = []
    taken: set[int] = set()  # tokens a person span grew over (an entity NER cut off the name)
    for ent, label in _joined_orgs(doc):
        party = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        if label in PERSON_LABELS and doc.lang_ == "en" and party_name(party.text) is not None:
            out.append(_mention(sent, party, "organization", "NORP"))  # "[the Lib Dem]PERSON plans", "[Labour]PERSON"
            continue
        if label in PERSON_LABELS:
            if ent.start in taken:
                continue  # the surname a name before it grew over ("Walter van der [Vijver]")
            span = _trim_person(ent)
            if span is None:
                continue
            toks = doc[span[0] : span[1]]
            if len(toks) == 1 and toks[0].lower_ in NOT_NAME_WORDS:
                continue
            if doc.lang_ == "en" and _in_programme_title(doc, span[0], span[1]):
                continue
            taken.update(range(ent.end, span[1]))
            out.append(_mention(sent, toks, "person", label))
        elif ent.start in taken:
            continue
        elif label in ORG_LABELS or label in PLACE_LABELS:
            toks = _trim_org(ent)
            if toks is None:
                continue
            person = _honoured_person(toks) if doc.lang_ == "en" and is_honour(toks[-1]) else None
            if person is not None:  # "[Jane Roe OBE]ORG" is a person
                out.append(_mention(sent, doc[person[0] : person[1]], "person", "rule:postnominal"))
                continue
            if doc.lang_ == "en" and len(toks) == 1 and is_honour(toks[0]):
                continue  # "[OBE]ORG": letters after a name, no organisation
            if label in ORG_LABELS and doc.lang_ == "en" and not any(c.isupper() for c in toks.text):
                continue  # "the [health department]ORG", "[grey jeans]ORG", "[420bn yuan]ORG": no capital, no name
            if label in ORG_LABELS and doc.lang_ == "en" and (_demonym(toks.text) or _generic(toks)):
                continue  # "the [Welsh]ORG want", "the [Budget]ORG": a people's adjective, a common noun
            if label in ORG_LABELS and toks[0].lower_.rstrip(".") in HONORIFICS and len(toks) > 1:
                person = _trim_person(toks)  # "Ms Bowers" tagged ORG is a person
                if person is not None:
                    out.append(_mention(sent, doc[person[0] : person[1]], "person", "rule:honorific"))
                continue
            if label in ORG_LABELS and doc.lang_ == "en" and in_role_title(doc, toks.start, toks.end):
                continue
            grown = _whole_party_word(doc, toks)
            if grown.start < toks.start:  # "[Liberal]ORG [Democrat]NORP": the first word is no party of its own
                out = [m for m in out if not (m.type == "organization" and grown.start_char + sent.start <= m.start
                                              and m.end <= toks.start_char + sent.start)]
            chamber = chambers().get(grown.text) if doc.lang_ == "en" else None
            out.append(_mention(sent, grown, "organization", "ORG" if chamber else label))
            if chamber:
                out[-1].name = chamber  # "[Commons]ORG" ("[Commons]NORP"): the chamber, under its full name
    if doc.lang_ == "en":
        out += _chamber_mentions(sent, doc, out)
    out = institution_mentions_de(sent, doc, seated_bodies_de(sent, doc, out))
    out += body_mentions_de(sent, doc, out)
    return out + prefix_org_mentions_de(sent, doc, out)


_WORDS = word_sets("words_en.tsv")
#: Common nouns written with a capital that NER tags ORG ("the State", "General Election").
_GENERIC = _WORDS["generic_capitals"]
#: Common nouns that are also brands: generic only after a lower-case word ("his Budget").
_GENERIC_AFTER_WORD = _WORDS["generic_after_word"]
#: Nouns before a name that say it is an organisation ("the rental firm Budget").
_ORG_KIND_WORDS = _WORDS["org_kind_nouns"]


def _generic(toks) -> bool:
    """An ORG span that is a common noun written with a capital ("the State", "his Budget"); a
    word that is also a brand only after a lower-case word that is no kind noun ("Budget said",
    "the rental firm Budget" are the company)."""
    key = toks.text.lower()
    if key in _GENERIC:
        return True
    if key not in _GENERIC_AFTER_WORD or toks.start == 0:
        return False
    before = toks.doc[toks.start - 1]
    return (before.text[:1].islower() or before.lower_ in ("'s", "’s", "'", "’")) and before.lower_ not in _ORG_KIND_WORDS


def _demonym(text: str) -> bool:
    """A people's adjective of the demonym lexicon written as a word ("Welsh", "South African");
    not its abbreviations ("UK", "EU", "UN": bodies and states NER rightly tags)."""
    return text in lexicon().demonyms and text[:1].isupper() and not text.isupper() and "." not in text


_PROGRAMME_WORDS = {"programme", "program", "show", "series"}


def _in_programme_title(doc, start: int, end: int) -> bool:
    """The name closes the title of a broadcast: "told BBC One's Breakfast with Frost",
    "on the Lunch with Roe programme". The presenter is a name inside a programme's name, the
    same in every story quoting an interview there, and never the person the story is about."""
    if start < 2 or doc[start - 1].lower_ != "with":
        return False
    k = start - 2
    while k >= 0 and doc[k].text[:1].isupper() and not doc[k].is_sent_start:
        k -= 1  # the title's capitalised words before "with"
    if k == start - 2:
        return False  # "talks with Roe": no title before "with"
    possessed = k >= 0 and doc[k].lower_ in ("'s", "’s")  # "BBC One's Breakfast with X"
    return possessed or (end < len(doc) and doc[end].lower_ in _PROGRAMME_WORDS)


def _honoured_person(toks) -> Optional[tuple[int, int]]:
    """The person's name of an organisation span that ends in an honour or a professional rank
    ("[Jane Roe OBE]ORG", "[John Doe QC]ORG"): no organisation is written so."""
    if len(toks) < 3:
        return None
    span = person_bounds(toks.doc, toks.start, toks.end)
    return span if span is not None and span[1] - span[0] >= 2 else None


def _whole_party_word(doc, toks):
    """The span grown by the word before it when both together name a party's member
    ("Liberal [Democrat] leader": NER tags the second word alone, which names another party)."""
    if toks.start == 0 or doc.lang_ != "en":
        return toks
    grown = doc[toks.start - 1 : toks.end]
    return grown if tuple(grown.text.split()) in lexicon().party_members else toks


@lru_cache(maxsize=1)
def _portfolios() -> frozenset[str]:
    return frozenset(surface for surface, _ in rows("portfolios_en.tsv"))


def in_role_title(doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` (an ORG span) are a word of a role title, not an
    organisation: NER tags the portfolio or body word of "Defence Secretary", "Cabinet
    minister", "Secretary of Health", "Secretary of State for Constitutional Affairs"; the
    role rules read the post from the whole title."""
    lex = lexicon()
    words = [t.lower_ for t in doc]
    for i in range(max(0, start - 4), start + 1):
        n, entry = lex.lookup(words, i)
        if entry is not None and i + n >= end:
            return True
    if start >= 2 and words[start - 1] in ("of", "for") and words[start - 2] in ("secretary", "minister"):
        name = " ".join(words[start:end])
        return name in _portfolios() or name.startswith("state for ")
    return False


def _body_start_de(doc, i: int) -> Optional[int]:
    """Where the body named by token ``i`` starts: at the noun after an article ("der Landtag"), at
    a country adjective between them ("das türkische Parlament"; only in the "-e" form of the
    nominative the name has, not "der türkischen Armee", whose name would be a second entity);
    None when it is no body there."""
    word, adj = doc[i].text, doc[i - 1].text if i else ""
    if i >= 2 and doc[i - 2].lower_ in _BODY_DETERMINERS and adj.islower() and adj.endswith("e") \
            and (is_body_noun_de(word) or word in NATIONAL_BODIES_DE) and country_of_adjective(adj):
        return i - 1
    if i >= 1 and is_body_noun_de(word) and doc[i - 1].lower_ in _BODY_DETERMINERS:
        return i
    return None


#: Words right before a body noun that make it the body, not a person's title ("Gemeinderat
#: Müller"): an article or a preposition fused with one.
_BODY_DETERMINERS = {"der", "die", "das", "den", "dem", "des", "im", "ins", "vom", "zum", "zur", "beim", "am"}


def body_mentions_de(sent: Sentence, doc, taken: list[Mention]) -> list[Mention]:
    """Organisation mentions for German public bodies named by their noun after an article
    ("der Gemeinderat wählt", "in den Landtag", "das türkische Parlament"), where NER tags nothing;
    a person's title ("Gemeinderat Hans Muster") and a plural ("die Gemeinderäte") are not bodies."""
    if doc.lang_ != "de":
        return []
    spans = [(m.start, m.end) for m in taken]
    person_starts = {m.start for m in taken if m.type == "person"}
    out = []
    for tok in doc:
        first = _body_start_de(doc, tok.i)
        if first is None:
            continue
        start = sent.start + doc[first].idx
        if tok.i + 1 < len(doc) and sent.start + doc[tok.i + 1].idx in person_starts:
            continue  # "der Gemeinderat Hans Muster": a title before a name
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "für" and doc[tok.i + 2].text[:1].isupper():
            continue  # "die Ärztekammer für Wien": the name goes on; the noun alone is no name of it
        if any(s < sent.start + tok.idx + len(tok.text) and start < e for s, e in spans):
            continue
        out.append(_mention(sent, doc[first : tok.i + 1], "organization", "rule:body"))
    return out


def seated_bodies_de(sent: Sentence, doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a place that follows a court, prosecutor or chamber grown into that body:
    "Landesgericht [Linz]LOC", "Staatsanwaltschaft [Graz]LOC" name one organisation, which NER
    leaves untagged while it tags the seat; kb keeps the place only where it holds a post."""
    if doc.lang_ != "de":
        return mentions
    covered = {(m.start, m.end) for m in mentions}
    out = []
    for m in mentions:
        span = doc.char_span(m.start - sent.start, m.end - sent.start) if m.label in PLACE_LABELS else None
        head = doc[span.start - 1] if span is not None and span.start > 0 else None
        begin = sent.start + head.idx if head is not None else 0
        if head is None or not is_seated_body_de(head.text) or any(s < begin + len(head.text) and begin < e
                                                                    for s, e in covered):
            out.append(m)
            continue
        out.append(Mention(sent.text[head.idx : m.end - sent.start], "organization", begin, m.end, sent.index,
                           label="rule:seat"))
    return out


def institution_mentions_de(sent: Sentence, doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with German institution names read from their head noun (``institutions.
    institution_spans``: "Institut für Höhere Studien", "des Justizministeriums"): the name replaces
    the organisations and places inside it ("[Syrische Beobachtungsstelle]ORG für Menschenrechte"),
    and carries its nominative ("Justizministerium") as the mention's name; none where a mention
    crosses its edge or a person is inside."""
    if doc.lang_ != "de":
        return mentions
    out = list(mentions)
    for a, b, name in institution_spans(doc):
        lo, hi = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        start, end = sent.start + lo, sent.start + hi
        inside = [m for m in out if start <= m.start and m.end <= end]
        if any(m.type == "organization" and (m.start, m.end) == (start, end) for m in inside) and name == sent.text[lo:hi]:
            continue  # read already ("Landesgericht [Linz]" by seated_bodies_de)
        if any(m.type == "person" for m in inside) or any(m.start < end and start < m.end for m in out if m not in inside):
            continue
        if b - a == 1 and any(m.type == "person" and 0 < m.start - end <= 1 for m in out):
            continue  # "der türkischstämmige Bundesrat Efgani Dönmez": a title before a name
        text = sent.text[lo:hi]
        out = [m for m in out if m not in inside]
        out.append(Mention(text, "organization", start, end, sent.index, name="" if name == text else name,
                           label="rule:institution"))
    return out


def prefix_org_mentions_de(sent: Sentence, doc, taken: list[Mention]) -> list[Mention]:
    """Organisation mentions for well-known organisations and parties named as the first part of
    a German compound ("die Nato-Staaten", "ÖVP-Kontrahentin"; ``known_orgs.prefix_org_spans``) and
    for media whose name is also a word, where the context leaves only the medium ("Falter-
    Journalistin", "der Kurier"; ``known_orgs.media_word_spans``), where no other mention already
    covers the word."""
    if doc.lang_ != "de":
        return []
    spans = [(m.start, m.end) for m in taken]
    out = []
    found = [(a, b, "rule:prefix") for a, b in prefix_org_spans(sent.text)]
    for a, b, label in found + [(a, b, "rule:media") for a, b in media_word_spans(sent.text)]:
        start, end = sent.start + a, sent.start + b
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
            out.append(Mention(sent.text[a:b], "organization", start, end, sent.index, label=label))
    return out


#: Small words an acronym skips ("Securities and Exchange Commission" is the SEC).
ACRONYM_SKIP = {"and", "of", "for", "the", "&", "on", "in"}


def acronym_of(words: list[str]) -> str:
    """ "Child Support Agency" -> "CSA"; "" when a word is not capitalised (no acronym)."""
    out = []
    for w in words:
        if w.lower() in ACRONYM_SKIP:
            continue
        if not w[:1].isupper():
            return ""
        out.append(w[0])
    return "".join(out)


def _acronym_after(doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` are followed by their acronym in brackets ("World Travel and Tourism
    Council (WTTC)"): the text itself says the words are one name."""
    if end + 1 >= len(doc) or doc[end].text != "(":
        return False
    letters = acronym_of([t.text for t in doc[start:end]])
    return len(letters) >= 3 and doc[end + 1].text == letters


def _joined_orgs(doc) -> list[tuple]:
    """(span, NER label) of ``doc.ents``, with "[Royal Bank] of [Scotland]" joined into one ORG
    span: NER often stops an organisation at "of" when its head word ("bank", "university")
    wants a complement; and "[World Travel] and [Tourism Council] (WTTC)" joined where the
    acronym in brackets after both says they are one name (NER cuts a name at "and"/"&")."""
    ents = list(doc.ents)
    out = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if (ent.label_ in ORG_LABELS and nxt is not None and nxt.start == ent.end + 1 and doc[ent.end].lower_ == "of"
                and nxt.label_ in ORG_LABELS | PLACE_LABELS and doc[ent.end - 1].lower_ in ORG_HEAD_WORDS
                and doc.lang_ == "en"):
            out.append((doc[ent.start : nxt.end], ent.label_))
            k += 2
            continue
        if (ent.label_ in ORG_LABELS and nxt is not None and nxt.start == ent.end + 1 and doc.lang_ == "en"
                and doc[ent.end].lower_ in ("and", "&") and nxt.label_ in ORG_LABELS
                and _acronym_after(doc, ent.start, nxt.end)):
            out.append((doc[ent.start : nxt.end], ent.label_))
            k += 2
            continue
        out.append((ent, ent.label_))
        k += 1
    if doc.lang_ == "en":
        out = [_national_body(doc, *_sunday_paper(doc, e, lab)) for e, lab in _with_ministries(doc, out)]
    return out


def _national_body(doc, ent, label: str) -> tuple:
    """(span, label) of a nation's body NER tagged by its adjective alone ("the [Scottish]NORP
    Executive"): the whole name, an ORG (``org_spans_en.national_body_end``)."""
    if label not in PLACE_LABELS:
        return ent, label
    end = national_body_end(doc, ent)
    return (doc[ent.start : end], "ORG") if end > ent.end else (ent, label)


def _sunday_paper(doc, ent, label: str) -> tuple:
    """(span, label) of a one-word organisation or person NER gave without the "Sunday" before
    it ("the Sunday [Telegraph]ORG said", "the Sunday [Telegraph]PERSON report"): the newspaper, an ORG."""
    if len(ent) != 1 or label not in ORG_LABELS | PERSON_LABELS:
        return ent, label
    start = sunday_paper_start(doc, ent.start)
    return (doc[start : ent.end], "ORG") if start < ent.start else (ent, label)


def _with_ministries(doc, ents: list[tuple]) -> list[tuple]:
    """``ents`` with each ministry named after a portfolio of the title grammar as one ORG span
    (``org_spans_en.ministry_spans``: "[Department for Education] and [Skills]" -> one name), in
    place of the entities it overlaps; NER's span is kept where it is that name already."""
    for a, b in ministry_spans(doc):
        if any(e.start <= a and e.end >= b for e, _ in ents):
            continue  # NER has the name (or a longer one)
        start = min([e.start for e, _ in ents if e.start < a < e.end] + [a])  # "[The US Department for] ..."
        ents = [(e, lab) for e, lab in ents if e.end <= start or e.start >= b] + [(doc[start:b], "ORG")]
    return sorted(ents, key=lambda pair: pair[0].start)


def _chamber_mentions(sent: Sentence, doc, taken: list[Mention]) -> list[Mention]:
    """A chamber's short form NER left untagged ("In the Commons, ..."), under its full name."""
    out = []
    for a, b, name in chamber_spans(doc):
        m = _mention(sent, doc[a:b], "organization", "rule:chamber")
        if not any(t.start < m.end and m.start < t.end for t in taken):
            m.name = name
            out.append(m)
    return out


#: Words NER takes into an organisation span from the phrase it starts ("a Supreme Court",
#: "Veteran Labour MP", "Senior Tory figures"): they describe a member, not the organisation.
_ORG_LEADING_WORDS = ("the", "a", "an", "former", "veteran", "senior", "rebel")


def _trim_org(ent):
    """An organisation or place span without what is no part of its name: a leading article
    or "ex-" ("a Supreme Court", "Ex-Downing Street"), a trailing possessive ("General Motors'")
    or honorific ("the Sunday Times Mr [Campbell]"), what follows a dash that ends the name ("European
    Union - the"); None when nothing named is left."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end - start > 1 and (doc[start].lower_ in ("ex", "-") or doc[start].lower_ in _ORG_LEADING_WORDS
                               and doc[start].whitespace_ or doc.lang_ == "de" and doc[start].text == "Causa"):
        start += 1  # "Ex-Downing Street", "a Supreme Court"; "A-Levels" keeps its "A"; German "Causa X": the X affair
    end = _before_open_bracket(doc, start, end)  # "[International Monetary Fund (IMF]ORG)"
    if doc.lang_ == "en":
        end = cut_dash(doc, start, end)  # "[European Union - the]ORG bloc's"
        start, end = _before_spaced_dash(doc, start, end)  # "[Whitehall - Labour]ORG"
        end = _without_common_nouns(doc, start, end)  # "[House of Lords reform]ORG"
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’")
                           or doc[end - 1].lower_.rstrip(".") in HONORIFICS and end - start > 1):
        end -= 1
    if doc.lang_ == "en":
        end = _with_cut_title(doc, start, end)  # "[the Office for the Deputy]ORG Prime Minister"
        start, end = _org_without_title(doc, start, end)
        end = _without_chamber(doc, start, end)
    toks = doc[start:end]
    if len(toks) == 0 or not any(c.isalpha() for c in toks.text):
        return None
    return toks


def _before_open_bracket(doc, start: int, end: int) -> int:
    """End of an organisation span before a bracket it opens and never closes ("[International
    Monetary Fund (IMF]ORG)"): the name and its acronym are two forms, never one name."""
    for k in range(start + 1, end):
        if doc[k].text == "(" and not any(t.text == ")" for t in doc[k:end]):
            return k
    return end


#: Sentences of a tokenised corpus ("Jean - Pierre", "the group 's"): a spaced hyphen there can
#: be a hyphen inside a name.
_TOKENISED = re.compile(r"\w ,|\w 's\b|\w \.$| - \w+ - ")


def _before_spaced_dash(doc, start: int, end: int) -> tuple[int, int]:
    """An organisation span cut at a hyphen written with spaces on both sides, which in running
    text is a dash between clauses ("civil servants at [Whitehall - Labour]ORG by 80,000"): the
    part before it, or the part after it when no capitalised word is before it ("a winemaking
    [arm - Diageo Wines]ORG"); left alone in tokenised text, where "Rolls - Royce" is one name."""
    if _TOKENISED.search(doc.text):
        return start, end
    for k in range(start + 1, end - 1):
        if doc[k].text in ("-", "–") and doc[k - 1].whitespace_ and doc[k].whitespace_:
            if not any(t.is_alpha and t.text[:1].isupper() for t in doc[start:k]):
                return k + 1, end
            return start, k
    return start, end


#: Lower-case words that end an organisation's name ("Tate & Lyle plc", "the Catholic church").
_LOWER_NAME_ENDS = {"plc", "inc", "ltd", "llc", "co", "church", "party", "group", "bank", "union"}


def _without_common_nouns(doc, start: int, end: int) -> int:
    """End of an organisation span without the lower-case common nouns NER ran into after the
    name ("the [House of Lords reform]ORG", "[Labour Party plans]ORG"): a name ends in a
    capitalised word (or a legal form: "plc"); a noun after a joiner stays ("Society of the
    deaf" is rare, but then the whole name is lower-case after "of")."""
    k = end
    while k - start > 1 and doc[k - 1].is_alpha and doc[k - 1].text.islower() and doc[k - 1].tag_ in ("NN", "NNS") \
            and doc[k - 1].lower_ not in _LOWER_NAME_ENDS:
        k -= 1
    if k == end or doc[k - 1].lower_ in _ORG_JOINERS or not doc[k - 1].text[:1].isupper() or _demonym(doc[k - 1].text):
        return end  # "New European commission": the adjective is no name
    if doc[end - 1].lower_ in ORG_HEAD_WORDS and doc[k - 1].lower_ not in ORG_HEAD_WORDS:
        return end  # "the Commons home affairs committee" is a body; "Associated Press news agency" is not
    return k


def _without_chamber(doc, start: int, end: int) -> int:
    """ "[SNP Holyrood]ORG leader": the chamber a party's post is held in is no part of the
    party's name, when a post follows ("the Palace of Westminster" keeps its last word)."""
    if end - start > 1 and doc[end - 1].text in CHAMBER_WORDS and doc[end - 2].lower_ != "of" \
            and end < len(doc) and doc[end].lower_ in lexicon().role_words:
        return end - 1
    return end


#: Words that join the parts of one organisation's name ("Bank of England", "Save the Children").
_ORG_JOINERS = {"of", "for", "the", "and", "&", "on", "to", "in", "at", "-"}
#: Words before a title that make another post of it ("Deputy Prime Minister").
_TITLE_MODIFIERS = {"deputy", "vice", "assistant", "first", "second", "junior", "shadow"}
#: Prefixes of a title written with a hyphen ("Co-Chairman", "Vice-President").
_TITLE_PREFIXES = {"co", "vice", "deputy", "acting", "joint", "interim"}


def _with_cut_title(doc, start: int, end: int) -> int:
    """End of an organisation span NER stopped inside a title after a joiner ("[the Office for
    the Deputy]ORG Prime Minister"): the span grows over the whole title the modifier opens."""
    if end - start < 3 or end >= len(doc) or doc[end - 1].lower_ not in _TITLE_MODIFIERS \
            or doc[end - 2].lower_ not in _ORG_JOINERS:
        return end
    n, entry = lexicon().lookup([t.lower_ for t in doc], end - 1)
    return end - 1 + n if entry is not None and end - 1 + n > end else end


def _org_without_title(doc, start: int, end: int) -> tuple[int, int]:
    """An English organisation span without the title of a member that NER ran into it: a
    role title at its end ("[Harbour Party Vice-Chairman]ORG said", "[Labour MP]ORG Ann
    Roe": the body is the words before it; "Office of the Prime Minister", where a joiner comes
    before the title, keeps it), and then lower-case describing words before the name
    ("[pro-reform Labour]": the name starts after them). Without the first cut a body's name
    would carry its member's title into kb.db ("Harbour Party Vice-Chairman" as an org)."""
    lex = lexicon()
    for i in range(start + 1, end):
        key = surface_key(doc[i:end].text)
        if key and key[0] in _TITLE_PREFIXES:
            key = key[1:]  # "Co-Chairman", "Vice-President"
        if doc[i].text == "-" or not key or lex.roles.get(key) is None:
            continue
        if i == end - 1 and doc[i].lower_ in NATIONAL_BODIES and doc[i - 1].ent_type_ in PLACE_LABELS:
            break  # "[Scottish]NORP Executive": a nation's body (org_spans_en.national_body_end), no member's title
        if doc[i - 1].lower_ in _TITLE_MODIFIERS and i - 2 > start and doc[i - 2].lower_ in _ORG_JOINERS:
            break  # "Office for the Deputy Prime Minister": a modified title after a joiner stays whole
        if doc[i - 1].lower_ not in _ORG_JOINERS:  # the longest title wins: "of the Prime Minister" stays whole
            end = i
            start = after_describing_words(doc, start, end)
        break
    return start, end


def _mention(sent: Sentence, span, type_: str, label: str) -> Mention:
    start = sent.start + span.start_char
    text = span.text.split("\n", 1)[0].rstrip()  # a name never spans a line break (headline, then text)
    return Mention(text, type_, start, start + len(text), sent.index, label=label)


def _name_token(tok) -> bool:
    text = tok.text
    if not text or not text[0].isupper() or tok.lower_ in NOT_NAME_WORDS or tok.lower_.rstrip(".") in TITLE_WORDS:
        return False
    if tok.lower_ in lexicon().role_words:
        return False
    return bool(re.fullmatch(r"[^\W\d_][\w'’.\-]*", text)) and not text.isupper() or bool(re.fullmatch(r"[A-Z]\.", text))


def name_forward(doc, i: int, max_len: int = 4) -> Optional[tuple[int, int]]:
    """A capitalised personal name starting at token i (1–4 tokens), or None."""
    end = i
    while end < len(doc) and end - i < max_len and _name_token(doc[end]):
        end += 1
    if end == i:
        return None
    return i, end


def name_backward(doc, j: int, max_len: int = 4) -> Optional[tuple[int, int]]:
    """A capitalised name ending just before token j, or None."""
    start = j
    while start > 0 and j - start < max_len + 1:
        if _name_token(doc[start - 1]) or _surname_after_particle(doc, start - 1):
            start -= 1
        elif (start >= 3 and start < j and doc[start - 1].text in _QUOTES and doc[start - 3].text in _QUOTES
              and _name_token(doc[start - 2]) and _name_token(doc[start - 4] if start >= 4 else doc[start - 2])):
            start -= 3  # a nickname in quotes inside the name: Michael "Mike" Padden
        elif (doc[start - 1].lower_ in NAME_PARTICLES or doc[start - 1].text == "-") and start - 1 > 0 and start < j and (
            _name_token(doc[start - 2]) or doc[start - 2].lower_ in NAME_PARTICLES
        ):
            start -= 1  # "Naomi van As", "Carl von der Esch", "Louise Faure - Favier"
        else:
            break
    if start == j:
        return None
    if start == 0 and j - start == 1:
        return None  # one sentence-initial capitalised word is too weak
    return start, j


def _surname_after_particle(doc, k: int) -> bool:
    """ "Naomi van As", "Jan de Man": a capitalised common word right after a name particle
    that follows a given name is the surname, not the word "as"/"man"."""
    tok = doc[k]
    return (k >= 2 and tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper
            and doc[k - 1].text in NAME_PARTICLES and _name_token(doc[k - 2]))


def skip_honorific(doc, i: int) -> int:
    """Index after honorifics at i ("Dr.", "Mr", "Sir"): titles are not part of the name."""
    while i < len(doc) and doc[i].lower_.rstrip(".") in TITLE_WORDS:
        i += 1
        if i < len(doc) and doc[i].text == ".":
            i += 1
    return i


def rule_span(doc, span: tuple[int, int]) -> tuple[int, int]:
    """The name inside a span a kb rule read as a person's ("Colonel Jane Roe" after a title,
    "Jane Roe QC"): ``person_bounds`` on English text; the rule's span where that finds none
    (the rule's context already says a person is named there)."""
    return (person_bounds(doc, *span) or span) if doc.lang_ == "en" else span


def rule_mention(sent: Sentence, doc, span: tuple[int, int], rule: str) -> Mention:
    """A person mention found by a kb rule (label ``rule:<name>``)."""
    return _mention(sent, doc[span[0] : span[1]], "person", f"rule:{rule}")
