"""Within-document coreference, only as far as facts need it.

Three kinds of reference are resolved, all language-neutral:

* names: a surname alone ("Rutte") or a shorter form joins the fullest name of the document
  whose last word matches ("Mark Rutte"); so facts about "Rutte" belong to Mark Rutte;
* pronoun subjects ("he previously served as …"): the subject of the sentence so far, else the
  first person named in the nearest earlier sentence (news keeps its topic in subject
  position), skipping names inside quotes (a quoted "I agree with Rutte" is not the speaker);
* role descriptions ("the NATO chief", "the lawmaker"): the person who already holds that role
  (or any role at that organisation) in the document, else the most recent person outside
  quotes.
"""

from __future__ import annotations

import unicodedata
from typing import Callable, Iterable, Optional

from ..model import Mention

PRONOUN_WORDS = {"he", "she", "er", "sie"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map each person surface form to the fullest name of the document it refers to.

    A form joins a longer name when its words are that name's last words ("Rutte", "Peter
    Balkenende" -> "Jan Peter Balkenende") or it is the first+last words. Ambiguous surnames
    (two full names share it) stay on their own.
    """
    # the form itself breaks ties ("Zaha Hadid" / "Zahā Ḥadīd"): set order changes with the
    # process's hash seed, and the canonical name must not (1- and N-worker builds agree)
    forms = sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n))
    out: dict[str, str] = {}
    fulls: list[str] = []
    for form in forms:
        words = _fold(form).split()
        hits = [f for f in fulls if _joins(words, _fold(f).split())]
        if len(hits) == 1:
            out[form] = out.get(hits[0], hits[0])
        elif len({out.get(h, h) for h in hits}) == 1 and hits:
            out[form] = out.get(hits[0], hits[0])
        else:
            out[form] = form
            fulls.append(form)
    return out


def _joins(short: list[str], full: list[str]) -> bool:
    if not short or len(short) >= len(full) and short != full:
        return False
    if short == full:
        return True
    if full[-len(short) :] == short:
        return True
    if len(short) >= 2 and full[: len(short)] == short:
        return True  # "Michael John" in 'Michael John "Mike" Padden
    return len(short) == 2 and short[0] == full[0] and short[-1] == full[-1]


#: The gender a pronoun states (English and German); "sie" is also "they", so it states none.
PRONOUN_GENDER = {"he": "m", "she": "f", "er": "m"}


def antecedent(pos: int, sentence: int, persons: list[Mention], quoted: list[tuple[int, int]],
               max_back: int = 3, pronoun: str = "", subjects: Optional[dict[int, Mention]] = None,
               genders: Optional[dict[str, str]] = None, modifiers: Optional[set[int]] = None) -> Optional[Mention]:
    """The person a pronoun subject at document offset ``pos`` (in ``sentence``) refers to.

    Optional discourse state makes the choice closer to how news text refers:
    ``subjects`` maps a sentence whose subject was itself a pronoun to the person it resolved
    to ("Jane Roe … . She has worked under the Tom Hall administration. She was appointed …":
    the second "she" continues the chain, not the first name of the sentence before);
    ``genders`` (person text -> "m"/"f", from honorifics and earlier pronouns) rules out a
    candidate of the other gender than ``pronoun``; ``modifiers`` holds ids of mentions used as
    a noun modifier ("the Tom Hall administration"), which are never a sentence's subject.
    """
    want = PRONOUN_GENDER.get(pronoun.lower(), "")

    def fits(m: Mention) -> bool:
        if any(a <= m.start < b for a, b in quoted) or (modifiers and id(m) in modifiers):
            return False
        have = gender_of(m, genders) if want and genders else ""
        return not (want and have and have != want)

    same = [m for m in persons if m.sentence == sentence and m.end <= pos and fits(m)]
    if same:
        return same[0]
    for back in range(1, max_back + 1):
        chained = subjects.get(sentence - back) if subjects else None
        if chained is not None and fits(chained):
            return chained
        earlier = [m for m in persons if m.sentence == sentence - back and fits(m)]
        if earlier:
            return earlier[0]
    return None


def gender_of(m: Mention, genders: dict[str, str]) -> str:
    """Known gender of a mention by its text or canonical name (else "")."""
    return genders.get(m.text) or genders.get(m.name or "") or ""


def named_holder(role: str, org: Optional[str], holders: dict[tuple[str, Optional[str]], str],
                 fits: Optional[Callable[[str], bool]] = None) -> Optional[str]:
    """The holder the text named with the post a description names, or None.

    ``holders`` maps (role, org) of tenures found so far to their holder's name. ``fits`` says
    which of the organisation's other posts may be named by this description ("the NATO
    secretary general" for "NATO chief X"; not "the party's chief executive" for its leader).
    """
    if (role, org) in holders:
        return holders[(role, org)]
    if org is not None:
        at_org = {name for (r, o), name in holders.items() if o == org and (fits is None or fits(r))}
        if len(at_org) == 1:
            return at_org.pop()
    by_role = {name for (r, o), name in holders.items() if r == role}
    if len(by_role) == 1 and org is None:
        return by_role.pop()
    return None


def last_mention(pos: int, persons: list[Mention], quoted: list[tuple[int, int]],
                 min_sentence: Optional[int] = None) -> Optional[Mention]:
    """The mention of the person named last before ``pos`` outside quotes, if recent enough (from
    sentence ``min_sentence`` on: the caller sets the window), or None."""
    before = [m for m in persons if m.end <= pos and not any(a <= m.start < b for a, b in quoted)]
    if not before or (min_sentence is not None and before[-1].sentence < min_sentence):
        return None  # only a recently named person is salient enough
    return before[-1]
