"""German epithets: a definite title with its organisation in it and no name of its own, standing for
the one person its sentence names ("Obwohl X einen Antrag stellte, ist der Fall für den FPÖ-Chef nicht
erledigt", "Zufrieden ist der SPÖ-Chef, sagte X").

News names a person once and then varies the reference with the post ("der FPÖ-Chef", "den
Volvo-Chef"). When the sentence names exactly one person, the epithet is that person far more often
than anyone else; when it names two or more the reference is left alone. A resolved "er"/"sie" does
not count as a name ("ließ er den ÖVP-Chef wissen": the pronoun's person speaks to the epithet's).
When the sentence names nobody, only a speaker ("…, sagte der Austria-Coach", also a state post's
one-word title: "sagt der Staatspräsident") or a sentence's opening subject ("Der CSU-Chef hatte
gefordert") is read, and only as the person the story is about (``epithet_spans``). Measured on
derStandard news (news-corpus, session 10): 7 firings, 7 right;
reading the speaker as the one person of the sentence before without the story-person check was
right in 3 of 7 (the UN chief's speech quoted after a sentence about the Austrian president).

Only a title whose organisation is part of the word itself ("FPÖ-Chef", "Volvo-Chefin") counts: "der
Präsident des Landtags" or "der türkische Präsident" are as often another person the sentence does
not name. This module only picks the holder; ``de/rules.py`` makes the claim.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ...model import Mention
from .anaphora import GENDER_ATTR
from .successors import POSTS_ATTR

#: Articles before an epithet: a definite one only ("ein FPÖ-Chef" is any one).
ARTICLES = {"der", "die", "den", "dem", "des"}
#: Tokens right after the title within which a person span makes the name the title's own (an
#: apposition or "der FPÖ-Chef X"): other rules decide there.
NAME_GAP = 3

Span = tuple[int, int, Mention]


def epithet_holder(doc, m, spans: list[Span], mentions: list[Mention]) -> Optional[Mention]:
    """The person a definite "der ORG-ROLE" without a name stands for (see the module docstring), or
    None. ``m`` is a ``phrases.RoleMatchDe``; ``spans`` the sentence's person spans (names, resolved
    pronouns); ``mentions`` the document's mentions so far (for the person's earlier posts)."""
    own = next((p for s_, e, p in spans if (s_, e) == (m.start - 1, m.end) and getattr(p, EPITHET_ATTR, False)), None)
    if own is not None:
        return own
    if not _epithet(doc, m):
        return None
    if any(m.end <= s_ < m.end + NAME_GAP for s_, _e, _p in spans):
        return None
    named = {p.text for _s, _e, p in spans}
    if len(named) != 1:
        return None
    person = spans[0][2]
    if person.label == "pronoun" or _other_post(person, m, mentions) or not _gender_fits(doc[m.core].text, person, mentions):
        return None
    return person


#: State posts whose one-word title names its body by itself ("der Staatspräsident", "die Innenministerin"):
#: the document's country is the organisation (de/places.py), so a speaker's epithet may be one.
STATE_ROLES = {"president", "chancellor", "prime minister", "head of state", "head of government"}
#: Title words too bare to be a state's post: a club's or a company's president as often.
BARE_WORDS = {"präsident", "präsidentin", "minister", "ministerin", "chef", "chefin"}


def _epithet(doc, m, state: bool = False) -> bool:
    """A definite singular title whose organisation is in the word (with ``state``, also a state post's
    one-word title), nothing after it, and not the genitive of another noun ("Berater des
    Krone-Herausgebers": someone else's relation to the holder)."""
    if m.end != m.core + 1:
        return False
    if m.org is None:
        if not (state and (m.role in STATE_ROLES or m.role.endswith(" minister")) and doc[m.core].lower_ not in BARE_WORDS):
            return False
    elif m.org_span is None or not _org_in_word(doc, m):
        return False
    if m.end < len(doc) and doc[m.end].lower_ in ("der", "des"):
        return False  # "der Innenpolitik-Chef der Salzburger Nachrichten": the word's prefix is no organisation
    det = m.start - 1
    if det < 0 or doc[det].lower_ not in ARTICLES or not _singular(doc[det].lower_, doc[m.core].text):
        return False
    return not (doc[det].lower_ == "des" and det > 0 and doc[det - 1].text[:1].isupper())


#: Private attribute on the Mentions ``epithet_spans`` makes.
EPITHET_ATTR = "_kb_de_epithet"
#: Verbs of saying right before an epithet that is the speaker: "sagte der FPÖ-Chef", ", so der Caritas-Direktor".
SAYING = {"sagte", "sagt", "meinte", "meint", "erklärte", "erklärt", "betonte", "betont", "so", "kritisierte",
          "kritisiert", "forderte", "fordert", "warnte", "warnt"}
#: Earlier sentences searched for the person a speaker's epithet refers to.
MAX_BACK = 2


def epithet_spans(sent, doc, roles: list, spans: list[Span], mentions: list[Mention]) -> list[Span]:
    """"…, sagte der Volvo-Chef." in a sentence that names nobody: the speaker (or a sentence's opening
    subject) is the person the story is about, when that person is also the one person of the nearest
    earlier sentence naming anyone. Spans as ``anaphora.role_anaphors`` makes them, marked so that
    ``epithet_holder`` gives the title to them."""
    if spans:
        return []
    out = []
    for m in roles:
        det = m.start - 1
        if not _epithet(doc, m, state=True) or not (det == 0 or doc[det - 1].lower_ in SAYING):
            continue
        person = _last_named(sent.index, mentions)
        if person is None or _story_person(sent.index, mentions) != person.text.split()[-1] \
                or _other_post(person, m, mentions) or not _gender_fits(doc[m.core].text, person, mentions):
            continue
        pm = Mention(person.text, "person", sent.start + doc[det].idx, sent.start + doc[m.core].idx + len(doc[m.core].text),
                     sent.index, label="pronoun")
        setattr(pm, EPITHET_ATTR, True)
        out.append((det, m.end, pm))
    return out


def _last_named(index: int, mentions: list[Mention]) -> Optional[Mention]:
    """The one person of the nearest earlier sentence (at most MAX_BACK back) that names anyone."""
    for back in range(1, MAX_BACK + 1):
        named = [p for p in mentions if p.type == "person" and p.label != "pronoun" and p.sentence == index - back]
        if named:
            return named[0] if len({p.text.split()[-1] for p in named}) == 1 else None
    return None


def _story_person(index: int, mentions: list[Mention]) -> Optional[str]:
    """The surname named most often before this sentence, at least twice and more than any other."""
    counts = Counter(p.text.split()[-1] for p in mentions if p.type == "person" and p.label != "pronoun" and p.sentence < index)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or len(top) > 1 and top[1][1] == top[0][1]:
        return None
    return top[0][0]


def _org_in_word(doc, m) -> bool:
    """The organisation was read from the title word itself ("FPÖ-Chef"), not from words around it."""
    tok = doc[m.core]
    return tok.idx <= m.org_span[0] and m.org_span[1] <= tok.idx + len(tok.text) and "-" in tok.text


def _singular(article: str, word: str) -> bool:
    """"die FPÖ-Chefs" / "den FPÖ-Chefs" are several; "die SPÖ-Chefin" / "die SPÖ-Vorsitzende" one."""
    if article in ("die", "den") and word.endswith("s"):
        return False
    return article != "die" or word.endswith(("in", "e"))


def _gender_fits(word: str, person: Mention, mentions: list[Mention]) -> bool:
    """A feminine title ("Grünen-Chefin") needs a woman: a cue where the person was named ("Frau X",
    "Ministerin X", a "sie" resolved to her); a masculine one must not stand for a known woman."""
    last = person.text.split()[-1]
    cues = {getattr(o, GENDER_ATTR, None) for o in [person, *mentions] if o.type == "person" and o.text.split()[-1] == last}
    return "f" in cues if word.endswith(("in", "innen")) else "f" not in cues


def _other_post(person: Mention, m, mentions: list[Mention]) -> bool:
    """The document already gave this person the same role in another organisation ("SPÖ-Chef X",
    then "X traf den ÖVP-Chef"): the epithet is someone else."""
    last = person.text.split()[-1]
    for other in mentions:
        if other.type != "person" or other.text.split()[-1] != last:
            continue
        for role, org, _text in getattr(other, POSTS_ATTR, ()):
            if org and org != m.org and (role == m.role or role.split()[-1] == m.role.split()[-1]):
                return True
    return False
