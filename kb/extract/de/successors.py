"""German successors named by the noun "Nachfolger": "Ihr Nachfolger ist X", "X wird sein
Nachfolger", "Nachfolger soll X werden", "sein Nachfolger X": X takes the post of the person the
possessive points to (or, for a bare "Nachfolger" opening its clause, of the person named last).

News announces a change of post in two sentences ("Die Grazer SPÖ-Chefin Y tritt zurück. Ihr
Nachfolger ist Z.") or names the predecessor's post in the same sentence ("Finanzminister Y ließ die
Frist verstreichen, sein Nachfolger Z hat …"). The predecessor is the nearest person named before
"sein/ihr Nachfolger" whom the German rules gave a post (``POSTS_ATTR``, set by ``de/rules.py`` on
each claim's person mention); the successor takes that person's first post. This module only finds
the construction and the post; ``de/rules.py`` makes the claim. Nothing here touches claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ...model import Mention

#: Attribute of a person Mention: the (role, organisation, role text) posts the German rules gave it, in order.
POSTS_ATTR = "_kb_de_posts"
SUCCESSOR_NOUNS = {"nachfolger", "nachfolgerin"}
POSSESSIVES = {"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer"}
#: Tokens after which a bare "Nachfolger" opens its clause.
OPENERS = {",", ";", ":", "–"}
#: The copula after "Nachfolger" and the status it gives: "ist" now, "wird"/"wurde" an event.
COPULAS = {"ist": "ist", "wird": "future", "wurde": "wurde", "war": "war"}
MAX_GAP = 6  # tokens between the copula and the successor's name ("ist der 38-jährige Zahntechniker X")

Span = tuple[int, int, object]  # (first token, end token, person Mention) as rules.py keeps them


@dataclass
class Succession:
    """A successor, the post they take (role, organisation, the predecessor's role text), the
    copula it stands for, the token of "Nachfolger" and the predecessor."""

    person: Mention
    role: str
    org: Optional[str]
    role_text: str
    verb: str
    noun: int
    predecessor: Mention


def remember_post(person: Mention, role: str, org: Optional[str], role_text: str) -> None:
    """Record a post the rules gave this person (latest last)."""
    setattr(person, POSTS_ATTR, getattr(person, POSTS_ATTR, ()) + ((role, org, role_text),))


def successions(doc, sent_start: int, spans: list[Span], mentions: list[Mention], after_age: Callable) -> list[Succession]:
    """The "sein/ihr Nachfolger" constructions of a sentence with a successor and a known post."""
    out = []
    for k, tok in enumerate(doc):
        if tok.lower_ not in SUCCESSOR_NOUNS or not (k == 0 or doc[k - 1].lower_ in POSSESSIVES or doc[k - 1].text in OPENERS):
            continue  # "sein Nachfolger", or "Nachfolger" opening its clause ("…, Nachfolger soll X werden")
        found = _successor(doc, k, spans, after_age)
        if found is None:
            continue
        person, verb = found
        named_here = frozenset(_surname(t.text) for t in doc[:k] if t.text[:1].isupper() and t.is_alpha)
        found_post = _predecessor_post(doc[max(0, k - 1)].idx + sent_start, mentions, person, named_here)
        if found_post is not None:
            predecessor, (role, org, role_text) = found_post
            out.append(Succession(person, role, org, role_text, verb, k, predecessor))
    return out


def _successor(doc, k: int, spans: list[Span], after_age: Callable) -> Optional[tuple[Mention, str]]:
    """(successor, verb) around "Nachfolger" at token k: "sein Nachfolger X" (current), "Nachfolger
    ist/wird [der …] X", "Nachfolger soll X werden" (a post to come), "X wird/ist sein Nachfolger"."""
    after = next((p for p in spans if p[0] == k + 1), None)
    if after is None and k + 3 < len(doc) and doc[k + 1].lower_ == "und" and doc[k + 2].is_alpha \
            and doc[k + 2].text[:1].isupper() and not doc[k + 2].ent_type_:
        after = next((p for p in spans if p[0] == k + 3), None)  # "ihr Nachfolger und Parteikollege X"
    if after is not None:
        return after[2], "ist"
    nxt = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    if nxt in COPULAS:
        p = next((p for p in spans if k + 2 <= p[0] <= k + 2 + MAX_GAP), None)
        if p is None or any(t.is_punct and t.text != "-" for t in doc[k + 2 : p[0]]):
            return None  # "Nachfolger ist der 38-jährige Zahntechniker X": no clause break before the name
        return p[2], COPULAS[nxt]
    if nxt == "soll" and k + 2 < len(doc):
        p = next((p for p in spans if p[0] == k + 2), None)
        if p is not None and p[1] < len(doc) and doc[p[1]].lower_ == "werden":
            return p[2], "future"
        return None
    v = k - 2
    if v >= 1 and doc[v].lower_ in COPULAS:
        p = next((p for p in spans if after_age(doc, p[1]) == v), None)
        if p is not None:
            return p[2], COPULAS[doc[v].lower_]
    return None


def _predecessor_post(before: int, mentions: list[Mention], successor: Mention,
                      named_here: frozenset = frozenset()) -> Optional[tuple[Mention, tuple]]:
    """(person, first post) of the nearest person named before offset ``before`` who has a post
    (never the successor); a person whose surname the sentence writes before "Nachfolger"
    (``named_here``: "in Fekters Amtszeit …, unter ihrem Nachfolger X", a genitive the NER often
    leaves untagged) comes first. The first post: news names the post that changes hands in its
    lead ("Die Grazer SPÖ-Chefin X tritt zurück") and other posts of the person later."""
    earlier = [m for m in mentions if m.type == "person" and m.end <= before and getattr(m, POSTS_ATTR, ())
               and m.text != successor.text and m.label != "pronoun"]
    here = [m for m in earlier if _surname(m.text) in named_here]
    if here:  # "in Fekters Amtszeit …, unter ihrem Nachfolger X": the holder this clause names, by surname
        nearest = max(here, key=lambda m: m.start)
        return nearest, getattr(nearest, POSTS_ATTR)[0]
    if not earlier:
        return None
    nearest = max(earlier, key=lambda m: m.start)
    return nearest, getattr(nearest, POSTS_ATTR)[0]


def _surname(text: str) -> str:
    """The last word of a name, a genitive -s dropped: "Fekters" and "Maria Fekter" are one person."""
    last = text.split()[-1] if text.split() else text
    return last[:-1] if last.endswith("s") and len(last) > 3 and not last.endswith("ss") else last
