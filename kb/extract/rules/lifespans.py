"""Birth and death dates: "X (born …)", "X (1920 – 1992)", "X, born …,", "X was born in … on DATE".
"""

from __future__ import annotations

import re
from typing import Optional

from ...model import DateValue, Mention
from ..mentions import _name_token, name_backward, name_forward, skip_honorific
from ..roles import ordinal_value
from .context import SentCtx, add_rule_person, person_at, person_ending, token_spans
from .subjects import subject_left


def life_dates(ctx: SentCtx, births: dict, deaths: dict, mentions: list[Mention]) -> None:
    """"X (born 14 February 1967)", "X (1920–1992)", "X (born Y on 3 June 1977 in Z)".

    The dates belong to the name right before the parenthesis; a name there that NER called an
    organisation is a person (organisations are not born), and without NER the capitalised
    words before the parenthesis are taken.
    """
    doc = ctx.doc
    for d in _paren_life_points(ctx):
        mention = _life_owner(ctx, d[0], mentions)
        if mention is not None:
            births.setdefault(id(mention), d[1].start)
            deaths.setdefault(id(mention), d[2].start)
    _paren_birth_years(ctx, births, mentions)
    for d in ctx.dates:
        paren = _open_paren_before(ctx, d.start_char)
        if paren is None:
            _born_after_comma(ctx, d, births, mentions)
            continue
        lead = ctx.sent.text[doc[paren].idx + 1 : max(doc[paren].idx + 1, d.start_char - ctx.sent.start)]
        born_word = paren + 1 < len(doc) and doc[paren + 1].lower_ in ("born", "b.", "née", "nee") \
            or bool(_BORN_NAME_RE.search(lead))  # "(Greek: …; born Nikolaos Aliagas on 13 May 1969)"
        kind = "lifespan" if _bare_life_range(ctx, d, paren) else d.kind
        if kind not in ("born", "died", "lifespan") and not (kind == "point" and born_word):
            continue
        mention = _life_owner(ctx, paren, mentions, single_ok=born_word or d.kind == "born")
        if mention is None:
            continue
        if kind in ("born", "lifespan", "point") and d.start is not None:
            births.setdefault(id(mention), d.start)
        if d.kind == "died" and (d.start or d.end) is not None:
            deaths.setdefault(id(mention), d.start or d.end)
        if kind == "lifespan" and d.end is not None:
            deaths.setdefault(id(mention), d.end)


_DASHES = ("–", "—", " - ", "-")


#: "born" opening a clause inside the parenthesis, with a birth name before the date.
_BORN_NAME_RE = re.compile(r"(?:^|;)\s*born\s+[^\W\d][^;()]*\s(?:on|in)?\s*$")


#: "(1944– )", "(born 1944 - )": a life still going on; "(c.1680 – 1764)", "(about 1780 – 1834)":
#: an approximate birth year the date module leaves out (an "about" number is no date there).
_OPEN_LIFE_RE = re.compile(r"\((?:\s*[;,])?\s*(?:born\s+)?(?P<y>1[0-9]\d\d|20[0-2]\d)\s*[–—-]\s*\)")


_APPROX_LIFE_RE = re.compile(r"\((?:\s*[;,])?\s*(?:c\.|ca\.|circa|about|around|approx\.|approximately)\s*"
                             r"(?P<y>1[0-9]\d\d|20[0-2]\d)\s*[–—-]\s*(?:[^()]{0,20}?)(?:1[0-9]\d\d|20[0-2]\d)\s*\)", re.I)


def _paren_birth_years(ctx: SentCtx, births: dict, mentions: list[Mention]) -> None:
    """Birth years of the name before an open or approximate life range (see the patterns);
    "(5 June 1950 – )": a full date before an open dash is a birth date too."""
    rel: Optional[dict[int, int]] = None  # token index by character offset, made on first need
    for d in ctx.dates:
        if d.kind != "point" or d.start is None:
            continue
        after = ctx.sent.text[d.end_char - ctx.sent.start : d.end_char - ctx.sent.start + 6]
        paren = _open_paren_before(ctx, d.start_char)
        if paren is None or not re.match(r"\s*[–—-]\s*\)", after):
            continue
        inner = ctx.sent.text[ctx.doc[paren].idx + 1 : d.start_char - ctx.sent.start]
        mention = _life_owner(ctx, paren, mentions) if not inner.strip(" ;,") or inner.rstrip().endswith(";") else None
        if mention is not None:
            births.setdefault(id(mention), d.start)
    for rx in (_OPEN_LIFE_RE, _APPROX_LIFE_RE):
        for mt in rx.finditer(ctx.sent.text):
            if rel is None:
                rel = {t.idx: t.i for t in ctx.doc}
            paren = rel.get(mt.start())
            if paren is None:
                continue
            mention = _life_owner(ctx, paren, mentions)
            if mention is None:
                continue
            a, b = ctx.sent.start + mt.start("y"), ctx.sent.start + mt.end("y")
            births.setdefault(id(mention), DateValue(mt.group("y"), "year", mt.group(0), a, b))


def _paren_life_points(ctx: SentCtx) -> list[tuple[int, object, object]]:
    """"(5 April 1815 in Paris – 21 March 1851, Paris)": two dates split by a dash, with places
    between, inside one parenthesis: birth and death. Returns (paren token, first, last)."""
    out = []
    by_paren: dict[int, list] = {}
    for d in ctx.dates:
        if d.kind == "point" and d.start is not None:
            paren = _open_paren_before(ctx, d.start_char)
            if paren is not None:
                by_paren.setdefault(paren, []).append(d)
    for paren, ds in by_paren.items():
        if len(ds) != 2:
            continue
        gap = ctx.sent.text[ds[0].end_char - ctx.sent.start : ds[1].start_char - ctx.sent.start]
        if any(x in gap for x in _DASHES) and ")" not in gap and ds[0].start.value < ds[1].start.value:
            out.append((paren, ds[0], ds[1]))
    return out


def _born_after_comma(ctx: SentCtx, d, births: dict, mentions: list[Mention]) -> None:
    """"NAME, born 5 January 1938, is …" / "NAME (…); born …": the sentence's first name."""
    if d.start is None:
        return
    if d.kind == "point":  # "NAME, born in Malmo in 1950, is …": "born" and a place before the date
        lead = ctx.sent.text[: d.start_char - ctx.sent.start]
        born = re.search(r",\s*born\s+(?:in|at|near)\s+[^,;()]{1,40}?(?:\s(?:on|in))?\s*$", lead)
        if born is None:
            return
        lead = lead[: born.start() + 1]
    elif d.kind != "born":
        return
    else:
        lead = ctx.sent.text[: d.start_char - ctx.sent.start].rstrip()
    if not ctx.persons or ctx.persons[0][0] != 0:
        span = name_forward(ctx.doc, 0, max_len=6)
        if span is None or span[1] - span[0] < 2 or span[1] >= len(ctx.doc) or ctx.doc[span[1]].text != ",":
            return
        add_rule_person(ctx, span, "born", mentions)
    first = ctx.persons[0]
    if first[0] == 0 and lead.endswith((",", ";")) and not any(p[0] > 0 and p[2].end <= d.start_char for p in ctx.persons[1:]):
        births.setdefault(id(first[2]), d.start)


def _bare_life_range(ctx: SentCtx, d, paren: int) -> bool:
    """"Name (; 22 June 1940 – 4 July 2016)", "Name (c. 1680 – 1764)": a range of 15+ years
    alone in a parenthesis (an approximate start still gives the birth year)."""
    if d.kind != "from_to" or d.start is None or d.end is None:
        return False
    if int(d.end.value[:4]) - int(d.start.value[:4]) < 15:
        return False
    lead = ctx.sent.text[ctx.doc[paren].idx + 1 : d.start_char - ctx.sent.start]
    if lead.rstrip().endswith(";") and ")" not in lead and "(" not in lead:
        return True  # "(born Michael Lieb; 1844 – 1900)", "(Russian: Иван Петров; 1820 – 1888)"
    if lead.rstrip().endswith(",") and re.match(r"\s*(?:also|né|née|nee|born)\b", lead) and not re.search(r"\d|[()]", lead):
        return True  # "(also Jonas Eek, 1950 – 2010)": an alias, then the life range
    return lead.strip(" ;,").lower() in ("", "c.", "c", "ca.", "circa")  # "(c. 1680 – 1764)": an approximate birth year


def _open_paren_before(ctx: SentCtx, char: int) -> Optional[int]:
    """Token index of the "(" that encloses document offset ``char`` (None if not inside one)."""
    doc, rel = ctx.doc, char - ctx.sent.start
    k = next((t.i for t in doc if t.idx >= rel), len(doc)) - 1
    while k >= 0:
        if ")" in doc[k].text:
            return None
        if doc[k].text.startswith("("):  # "(" or "(;" (tokenised together)
            return k
        k -= 1
    return None


_BETWEEN_OK = {",", "or", "also", "known", "as", "née", "nee", "(", ")", ";", "-"}


def _skip_to_name(doc, paren: int) -> int:
    """From an opening parenthesis go left over ", ", "( … )" asides and post-nominals ("OBE",
    "1st Baronet") to the token just after the name the parenthesis is about."""
    k, depth, steps, asides = paren, 0, 0, 0
    while k > 0 and steps < 25:
        tok = doc[k - 1]
        if ")" in tok.text:
            depth += 1
        elif tok.text.startswith("(") and depth:
            depth -= 1
        elif depth == 0 and not (tok.text in _BETWEEN_OK or tok.text.isupper() or tok.like_num
                                 or ordinal_value(tok.lower_) is not None or tok.lower_ in ("baronet", "kbe", "cbe", "mbe")):
            aside = _title_aside(doc, k) if asides < 2 else None
            if aside is None:
                break
            asides += 1
            steps += k - aside
            k = aside
            continue
        k -= 1
        steps += 1
    return k


#: Lower-case words inside a title aside ("Count of Lund", "comte de Martigny").
_ASIDE_CONNECTORS = {"of", "the", "de", "du", "des", "la", "le", "von", "van", "and", "d'", "di", "da", "y"}


def _title_aside(doc, k: int) -> Optional[int]:
    """ "NAME, Count of Lund (1678 – 1733)", "NAME, Commendatore OSSI, (born …)": a title or
    honour after a comma after the name; returns the index of the comma that opens it (the
    aside ends at token k - 1, before a comma or the parenthesis). No person's name inside."""
    if k >= len(doc):
        return None
    j = k - 1
    while j >= 0 and k - j <= 6 and doc[j].text != ",":
        t = doc[j]
        if t.ent_type_ in ("PERSON", "PER") or not (t.text[:1].isupper() or t.lower_ in _ASIDE_CONNECTORS or t.text == "."):
            return None
        j -= 1
    if j < 1 or doc[j].text != "," or j == k - 1 or not doc[j + 1].text[:1].isupper():
        return None
    if doc[k].text.startswith("(") and not any(t.lower_ in _ASIDE_CONNECTORS for t in doc[j + 1 : k]):
        return None  # right before the parenthesis only a title "of" a place, not any name
    return j


def _life_owner(ctx: SentCtx, paren: int, mentions: list[Mention], single_ok: bool = False) -> Optional[Mention]:
    """The person named right before token ``paren`` (asides and post-nominals skipped); with
    ``single_ok`` (the parenthesis says "born") one sentence-initial word will do ("Ronaldo")."""
    end = _skip_to_name(ctx.doc, paren)
    for j in {paren, end}:
        p = person_ending(ctx, j)
        if p is not None:
            return p[2]
    for j in {paren, end}:
        span = name_backward(ctx.doc, j, max_len=6)
        if span is not None and span[1] - span[0] >= 3 and any(t.text in ('"', "“") for t in ctx.doc[span[0]:span[1]]):
            return add_rule_person(ctx, span, "lifespan", mentions)[2]  # Michael "Mike" Padden
    rel = ctx.doc[end - 1].idx + len(ctx.doc[end - 1].text) + ctx.sent.start if end > 0 else -99
    for m in mentions:
        if m.sentence == ctx.sent.index and m.type == "organization" and m.label == "ORG" and m.end == rel:
            m.type, m.label = "person", "rule:lifespan"
            ctx.persons = token_spans(ctx, [x for x in mentions if x.sentence == ctx.sent.index and x.type == "person"])
            return m
    span = name_backward(ctx.doc, end)
    if span is not None and span[1] - span[0] >= 2:
        return add_rule_person(ctx, span, "lifespan", mentions)[2]
    if single_ok and end == 1 and _name_token(ctx.doc[0]) and ctx.doc[0].ent_type_ in ("", "PERSON", "PER"):
        return add_rule_person(ctx, (0, 1), "lifespan", mentions)[2]  # "Ronaldinho (born 21 March 1980) is …"
    return None


def born_clause(ctx: SentCtx, births: dict, mentions: list[Mention], quoted) -> None:
    """"X was born in Y on 26 January 1907" / "she was born on 5 June 1950 in Z" / "X, who was
    born in 1960, …" / "Born in 1950 in Oslo, X studied law": the subject's birth date. The date
    module reads "born on/in DATE" as one born-date phrase starting at "born"."""
    doc = ctx.doc
    for i, w in enumerate(ctx.lowers):
        if w != "born":
            continue
        fronted = i == 0
        reduced = not fronted and doc[i - 1].pos_ == "NOUN" and doc[i - 1].text.islower()  # "a painter born in 1950"
        if not fronted and not reduced and doc[i - 1].lower_ not in ("was", "were", "is", "been"):
            continue
        rel_end = doc[i].idx + ctx.sent.start
        date = next((d for d in ctx.dates if d.start is not None and (
            d.kind == "point" and d.start_char > rel_end or d.kind == "born" and d.start_char >= rel_end)
            and not any(t.text in (";",) or t.lower_ == "died" for t in doc if rel_end < t.idx + ctx.sent.start < d.start_char)), None)
        if date is None:
            continue
        if fronted:
            _fronted_born(ctx, date, births)
            continue
        subject = subject_left(ctx, i - 1, mentions, quoted)
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        if not (_predicate_noun(doc, pe, i) if reduced else _born_subject(doc, pe, i - 1)):
            continue
        if person.label == "pronoun":
            person = next((m for m in mentions if m.type == "person" and m.text == person.text), None)
            if person is None:
                continue
        births.setdefault(id(person), date.start)


def _predicate_noun(doc, pe: int, born: int) -> bool:
    """ "Jane Roe is a Swedish painter born in 1950": the noun before "born" is the subject's
    own predicate (a copula, then only determiners, adjectives and nouns), never a noun in a
    phrase of its own ("the son of a farmer born in 1920")."""
    words = doc[pe:born]
    if not words or words[0].lower_ not in ("is", "was", "are", "were"):
        return False
    return all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADV") or t.lower_ in ("-",) for t in words[1:])


def _born_subject(doc, pe: int, aux: int) -> bool:
    """The name or pronoun ending at ``pe`` is the subject of "was born" at ``aux``: only a
    comma aside, "who" and adverbs between ("Jane Roe, who was born …"), never "Jane Roe's son
    was born …" or "Jane Roe said her daughter was born …"."""
    depth = 0
    for t in doc[pe:aux]:
        if t.text == ",":
            depth = 1 - depth
        elif depth == 0 and not (t.lower_ in ("who", "also", "reportedly", "probably", "actually") or t.pos_ == "ADV"):
            return False
    return True


def _fronted_born(ctx: SentCtx, date, births: dict) -> None:
    """ "Born in 1950 in Oslo, Jane Roe studied law": the name right after the participle
    clause's comma is the one born (no other person may come before it)."""
    doc = ctx.doc
    comma = next((t.i for t in doc if t.text == "," and t.idx + ctx.sent.start >= date.end_char), None)
    if comma is None:
        return
    p = person_at(ctx, skip_honorific(doc, comma + 1))
    if p is not None and not any(q[0] < comma for q in ctx.persons):
        births.setdefault(id(p[2]), date.start)
