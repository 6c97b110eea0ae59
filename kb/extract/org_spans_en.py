"""English organisation names NER cuts or misses where kb's data spells the whole name out.

The small English model cuts a ministry named after a portfolio at its "and" or comma
("[Department for Education] and [Skills]", "Department for Culture, [Media] and [Sport]"), misses
a chamber's short form ("In the Commons, ...") and reads "Sunday" of a newspaper's name as a date
("[Sunday]DATE [Telegraph]ORG journalist"), and a nation's body NER tagged by its adjective alone
("the [Scottish]NORP Executive"). Each of those gives a wrong organisation (a fragment
such as "Skills") or none. The names are not guessed from the words around them but read from
data: the portfolios of the title grammar (``kb.roletitles.grammar().domains``: kb's portfolio
lexicon and the portfolios of positions_ref, "education and skills", "work and pensions"), 
``chambers_en.tsv`` (a chamber's short form -> its full name) and the ``national_bodies`` of
``words_en.tsv``. This module only finds token spans;
``mentions.ner_mentions`` turns them into mentions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..roletitles import grammar
from .lexicon import word_map, word_sets

#: Nouns that finish a nation's body after its adjective ("Scottish Executive"): words_en.tsv.
NATIONAL_BODIES = word_sets("words_en.tsv")["national_bodies"]
#: Capitalised head nouns of a ministry named after its portfolio ("Department for X", "Ministry of X").
MINISTRY_HEADS = {"Department", "Ministry"}
#: Longest portfolio tried after the head, in tokens ("Environment , Food and Rural Affairs" is 6).
_MAX_PORTFOLIO_TOKENS = 9
#: Words before "Sunday" that make it the day ("on Sunday Labour said"), not a newspaper's first word.
_DAY_WORDS = {"on", "last", "next", "this", "until", "since", "from", "every", "each", "by", "before", "after"}


@lru_cache(maxsize=1)
def chambers() -> dict[str, str]:
    """Short form of a chamber -> its full name ("Commons" -> "House of Commons")."""
    return word_map("chambers_en.tsv")


def ministry_spans(doc) -> list[tuple[int, int]]:
    """Token spans "Department/Ministry for/of [the] PORTFOLIO" whose portfolio (capitalised words
    joined by "and", "&" or commas) is the longest one the title grammar knows: "Department for
    Education and Skills", "Department for Culture, Media and Sport". A span whose portfolio is
    one word NER already tags whole is found too; the caller keeps what NER has there then."""
    domains = grammar().domains
    out = []
    for i, tok in enumerate(doc):
        if tok.text not in MINISTRY_HEADS or i + 2 >= len(doc) or doc[i + 1].lower_ not in ("for", "of"):
            continue
        k = i + 2 + (doc[i + 2].lower_ == "the")
        end = _portfolio_end(doc, k, domains)
        if end is not None:
            out.append((i, end))
    return out


def _portfolio_end(doc, k: int, domains: dict[str, str]) -> Optional[int]:
    """End of the longest portfolio of ``domains`` written from token ``k`` (capitalised words,
    "and"/"&" and commas between them; the portfolio ends in a capitalised word)."""
    words: list[str] = []
    best = None
    for e in range(k, min(len(doc), k + _MAX_PORTFOLIO_TOKENS)):
        tok = doc[e]
        if tok.text == ",":
            continue
        if tok.lower_ in ("and", "&"):
            words.append("and")
            continue
        if not tok.text[:1].isupper() or not tok.is_alpha:
            break
        words.append(tok.lower_)
        if " ".join(words) in domains:
            best = e + 1
    return best


def chamber_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, full name) of a chamber's short form used as a noun after "the": "In the
    Commons, ...", "the Lords rejected". Not as a modifier ("the Commons education committee":
    the committee is the body), not inside "House of Commons" (NER has the whole name)."""
    table = chambers()
    out = []
    for i, tok in enumerate(doc):
        name = table.get(tok.text)
        if name is None or i == 0 or doc[i - 1].lower_ != "the":
            continue
        if i + 1 < len(doc) and _modifies(doc[i + 1]):
            continue
        out.append((i, i + 1, name))
    return out


def _modifies(nxt) -> bool:
    """The word after a chamber's short form makes it a modifier ("the Commons education
    committee", "the Commons' rules"); a person's name after it does not ("Leader of the Commons
    Jane Roe": the post's title ends before the name)."""
    if nxt.lower_ in ("'s", "’s", "'", "’"):
        return True
    return nxt.pos_ in ("NOUN", "ADJ", "NUM") or nxt.pos_ == "PROPN" and nxt.ent_type_ not in ("PERSON", "PER")


def sunday_paper_start(doc, start: int) -> int:
    """Start of an organisation span grown over the "Sunday" NER left out of a newspaper's name
    ("the [Sunday] [Telegraph]ORG said", "by Sunday Telegraph journalist X"); ``start`` when
    the word before is no "Sunday" or makes it the day ("on Sunday Labour said")."""
    if start == 0 or doc[start - 1].text != "Sunday":
        return start
    before = doc[start - 2].lower_ if start >= 2 else ""
    if before in _DAY_WORDS and not (before == "by" and start + 1 < len(doc) and doc[start + 1].pos_ == "NOUN"):
        return start
    return start - 1


def national_body_end(doc, ent) -> int:
    """End of a nation's body whose adjective or name NER tagged alone and whose capitalised
    body noun it left out ("the [Scottish]NORP Executive said", "the [Northern Ireland]GPE
    Assembly"): the span grows over the noun; ``ent.end`` when no such noun follows, or when
    the noun starts a name of its own NER tagged."""
    k = ent.end
    if k >= len(doc) or doc[k].ent_type_ or doc[k].lower_ not in NATIONAL_BODIES or not doc[k].text[:1].isupper():
        return ent.end
    return k + 1
