"""German name lists after a plural title: "die Exbankchefs A, B (…) und C", "die Ministerinnen
A und B" give every listed person the title, not only the first.

News lists the holders of one post in one phrase (the accused former bank chiefs of a trial, the
ministers at a press conference). The title rule (``de/rules.py``) joins the title with the name
right after it; this module finds the further names of the list, and only when the title is
written in the plural, because after a singular title the next names are other people
("Kanzler A und B" does not make B a chancellor). Nothing here makes claims.
"""

from __future__ import annotations

from typing import Callable

from .lexicon import DETERMINERS, match_role_de_compound

#: The determiner of a plural noun phrase before a masculine role word: "die Minister" ("den
#: Präsidenten" is also an accusative singular, so "den" is not one).
PLURAL_DETERMINERS = {"die"}
#: Words that join the names of a list.
LIST_JOINERS = {",", "und", "sowie"}
#: Brackets after a listed name that say something about that person: "A (Untreue), B (ÖVP)".
MAX_BRACKET = 8

Span = tuple[int, int, object]  # (first token, end token, person Mention) as rules.py keeps them


def plural_title(doc, start: int, core: int) -> bool:
    """The title at token ``core`` (its phrase opening at ``start``) is plural: a feminine plural
    ("Ministerinnen"), a plural -s ("Exbankchefs", "Teamchefs"), or a masculine form after a
    plural determiner ("die Minister", "die früheren Vorsitzenden"; "die Vorsitzende" and "die
    Ministerin" are feminine singulars)."""
    word = doc[core].text
    low = word.lower()
    if low.endswith("innen"):
        return True
    det = _determiner(doc, start)
    if det == "des":
        return False  # "des Bankchefs": a genitive singular
    if low.endswith("s") and not low.endswith("ss") and match_role_de_compound(word[:-1]) is not None \
            and match_role_de_compound(word[:-1])[0] == match_role_de_compound(word)[0]:
        return det is not None or core == start
    return det in PLURAL_DETERMINERS and not low.endswith(("in", "e"))


def _determiner(doc, start: int):
    """The article opening the title's phrase (up to three words to its left), else None."""
    for k in range(start - 1, max(-1, start - 4), -1):
        if doc[k].lower_ in DETERMINERS:
            return doc[k].lower_
        if not doc[k].text[:1].islower():
            return None
    return None


def listed_after(doc, first_end: int, spans: list[Span], after_age: Callable) -> list:
    """The persons listed after the one whose name ends at token ``first_end``: each after a
    comma, "und" or "sowie", each maybe followed by brackets ("(Untreue)", "(ÖVP, 41)")."""
    starts = {s: (e, p) for s, e, p in spans}
    out = []
    e = first_end
    while True:
        e = _skip_bracket(doc, after_age(doc, e))
        k = e
        while k < len(doc) and doc[k].lower_ in LIST_JOINERS:
            k += 1
        if k == e or k not in starts:
            return out
        e, person = starts[k]
        out.append(person)


def _skip_bracket(doc, e: int) -> int:
    """Past a short bracket right after a name ("(Untreue und Bilanzfälschung)"), else e."""
    if e >= len(doc) or doc[e].text != "(":
        return e
    close = next((c for c in range(e + 1, min(len(doc), e + MAX_BRACKET + 2)) if doc[c].text == ")"), None)
    return close + 1 if close is not None else e
