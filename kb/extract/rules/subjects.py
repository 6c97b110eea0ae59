"""Who a role phrase is about: the subject left of a verb, pronoun resolution with the document's
discourse state, and names NER missed that a role context shows to be persons.
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..coref import PRONOUN_WORDS, antecedent
from ..lexicon import lexicon, word_map
from ..mentions import NAME_PARTICLES, ORG_HEAD_WORDS, _name_token, in_ranges, name_backward
from ..roles import NOT_NAME_WORDS, RoleMatch, find_roles
from .context import LINK_WORDS, SUCCESSION, SentCtx, follows_succession, add_rule_person, person_at, regnal_person


def org_tagged_person(ctx: SentCtx, i: int) -> Optional[tuple[int, int]]:
    """An NER "organisation" at token i that reads as a person's name: two or three capitalised
    words, subject of the verb right after it ("Rosa Quispe said")."""
    doc = ctx.doc
    if doc[i].ent_type_ != "ORG" or doc[i].ent_iob_ != "B":
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if not 2 <= end - i <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in doc[i:end]):
        return None
    return (i, end) if end < len(doc) and doc[end].pos_ in ("VERB", "AUX") else None


def clause_subject_name(ctx: SentCtx, i: int, mentions: list[Mention]):
    """A name-like span at token i that NER typed ORG or missed, followed by a finite verb:
    the subject of the main clause after a fronted participle clause about a person's post."""
    doc = ctx.doc
    span = next(((a, b) for a, b in _name_candidates(ctx) if a == i), None)
    if span is None or span[1] >= len(doc) or doc[span[1]].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    return regnal_person(ctx, span, mentions, "name_in_role_context")


def subject_left(ctx: SentCtx, k: int, mentions, quoted):
    """Nearest person (or he/she) left of token k; "succeeded Y" skips Y to the subject."""
    doc = ctx.doc
    cands = [p for p in ctx.persons if p[1] <= k]
    if not cands and not doc.has_annotation("ENT_IOB"):
        span = _rule_name_left(doc, k)
        if span is not None:
            cands = [add_rule_person(ctx, span, "subject", mentions)]
    pron = [i for i in range(k) if doc[i].lower_ in PRONOUN_WORDS and doc[i].lower_ not in ("her",)]
    best = cands[-1] if cands else None
    if pron and (best is None or pron[-1] >= best[1]):
        return _pronoun_subject(ctx, pron[-1], mentions, quoted, "copula")
    if best is None:
        return None
    if follows_succession(doc, best[0]):
        earlier = [p for p in cands if p[1] <= best[0] - 1]
        if earlier:
            return earlier[-1], "succession"
        before = [i for i in pron if i < best[0]]
        if before:  # "She took over from Y as ROLE": the pronoun is the successor
            return _pronoun_subject(ctx, before[-1], mentions, quoted, "succession")
        return None
    if best[0] > 0 and doc[best[0] - 1].lower_ in ("'s", "’s"):
        return None
    return best, "copula"


def _pronoun_subject(ctx: SentCtx, i: int, mentions, quoted, rule: str):
    """The he/she/they at token i as a subject: a pronoun mention carrying its antecedent's
    name (the span keeps the pronoun's offsets), with the rule label; None when unresolved."""
    doc = ctx.doc
    ante = resolve_pronoun(ctx, i, mentions, quoted)
    if ante is None:
        return None
    pm = Mention(doc[i].text, "person", ctx.sent.start + doc[i].idx, ctx.sent.start + doc[i].idx + len(doc[i].text),
                 ctx.sent.index, label="pronoun")
    pm.text = ante.text  # resolved below through the name map; span keeps the pronoun offsets
    return (i, i + 1, pm), rule


def resolve_pronoun(ctx: SentCtx, i: int, mentions, quoted) -> Optional[Mention]:
    """The person the he/she at token i refers to, with the document's discourse state."""
    d = ctx.disc
    objects = {id(p[2]) for p in ctx.persons if p[1] <= i and ctx.doc[p[1] - 1].dep_ in _NOT_SUBJECT_DEPS}
    return antecedent(ctx.sent.start + ctx.doc[i].idx, ctx.sent.index,
                      [m for m in mentions if m.type == "person" and id(m) not in objects],
                      quoted, pronoun=ctx.doc[i].lower_, subjects=d.subjects, genders=d.genders, modifiers=d.modifiers)


#: Dependencies of a name that make it no antecedent of a subject pronoun later in its sentence:
#: the object of a preposition ("to serve under Tom Reed, he was given …"). Direct objects and
#: compounds were tried too: they cost a right tenure on the news-tenures held-out half.
_NOT_SUBJECT_DEPS = {"pobj"}


#: Honorifics that state a gender ("Mrs Roe" is a woman): they rule out "he" for her.
HONORIFIC_GENDER = word_map("honorifics_en.tsv")


_PRONOUN_GENDER = {"he": "m", "she": "f"}


#: Words after a name that only a person does as the subject: "took over as", "succeeded Y".
_PERSON_VERBS = {"took", "takes", "served", "serves"} | {"succeeded", "succeeds", "replaced", "replaces"}


_BETWEEN_NAME_AND_ROLE = {",", "a", "an", "the", "has", "have", "had", "been", "is", "was", "became", "becomes",
                          "remains", "remained", "as", "also", "now", "currently", "previously", "formerly", "once",
                          "then", "still", "appointed", "named", "elected", "re", "-", "reelected", "sworn", "in"}


def _name_like(doc, i: int, j: int) -> bool:
    """Two or three capitalised words (particles allowed) that could be a personal name:
    no organisation head word ("Bank", "Group"), no country, demonym or role word."""
    lex = lexicon()
    if not 2 <= j - i <= 4:
        return False
    words = [t for t in doc[i:j] if t.lower_ not in NAME_PARTICLES]
    if len(words) < 2 or len(words) > 3:
        return False
    for t in words:
        if not (t.is_alpha and t.text[:1].isupper() and not t.is_upper) or t.lower_ in ORG_HEAD_WORDS \
                or t.text in lex.countries or t.text in lex.demonyms or t.lower_ in lex.role_words \
                or t.lower_ in NOT_NAME_WORDS:
            return False
    return not doc[i].lower_ in NAME_PARTICLES


def _name_candidates(ctx: SentCtx) -> list[tuple[int, int]]:
    """Spans NER typed ORG that look like names, and untagged name-like runs at the start of
    the sentence or of a clause after a comma (the small model misses many non-English names)."""
    doc, out = ctx.doc, []
    taken = {k for p in ctx.persons for k in range(p[0], p[1])}
    for ent in doc.ents:
        start = ent.start
        if start > 0 and not doc[start - 1].ent_type_ and _name_token(doc[start - 1]) and start - 1 not in taken:
            start -= 1  # "Ana [Costa]ORG": the untagged first name belongs to it
        if ent.label_ == "ORG" and not taken & set(range(start, ent.end)) and _name_like(doc, start, ent.end):
            out.append((start, ent.end))
    for i in range(len(doc)):
        if (i == 0 or doc[i - 1].text == ",") and not doc[i].ent_type_ and i not in taken:
            j = i
            while j < len(doc) and j - i < 3 and not doc[j].ent_type_ and doc[j].text[:1].isupper():
                j += 1
            if _name_like(doc, i, j):
                out.append((i, j))
    return out


def _person_context(ctx: SentCtx, i: int, j: int, roles: list[RoleMatch]) -> bool:
    """The words around a name-like span show a person: a title before it ("Chancellor X"),
    ", who", a role phrase as its apposition or predicate ("X, chairwoman of …", "X is the
    mayor …", "X was appointed …"), or a verb only people do ("took over as", "succeeded")."""
    doc, lex = ctx.doc, lexicon()
    nxt = doc[j].lower_ if j < len(doc) else ""
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ in lex.role_words and doc[i].ent_type_ == "ORG":
        return True  # "Chancellor [Olaf Scholz]ORG"
    if nxt == "," and after == "who":
        return True
    if nxt in ("took", "takes") and (after == "office" or after == "over" and j + 2 < len(doc) and doc[j + 2].lower_ == "as"):
        return True  # "took over as": a company "took over" a rival
    if nxt in ("served", "serves") and after == "as":
        return True
    if nxt in SUCCESSION and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        return True
    for m in roles:
        if j < m.start <= j + 6 and (m.org_name or m.extras.get("nationality")
                                     or m.category not in ("employee", "media", "party", "official")):
            between = doc[j:m.start]
            if all(t.lower_ in _BETWEEN_NAME_AND_ROLE or t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in between):
                return nxt == "," or nxt in LINK_WORDS or nxt in ("has", "had", "have")
    return False


def rescue_names(ctx: SentCtx, mentions: list[Mention]) -> None:
    """Make the name-like spans a role context shows to be people persons of this sentence;
    an organisation mention NER made of one is dropped."""
    cands = _name_candidates(ctx)
    if not cands:
        return
    roles = find_roles(ctx.doc, ctx.lowers)
    for i, j in cands:
        if _person_context(ctx, i, j, roles):
            regnal_person(ctx, (i, j), mentions, "name_in_role_context")


def note_names(ctx: SentCtx) -> None:
    """Record genders stated by honorifics, names used as noun modifiers ("the Tom Hall
    administration", "a Jane Roe song": such a name is no sentence's subject) and names that are
    a clause's subject (the person the next sentence's "the prime minister" may be about)."""
    doc, d = ctx.doc, ctx.disc
    for ps, pe, m in ctx.persons:
        root = doc[ps:pe].root
        while root.dep_ == "conj" and root.head.i < ps:  # "Tom Hale and Ann Roe met": both subjects
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            d.subject_names.add(id(m))
        k = ps - 1 - (ps > 1 and doc[ps - 1].text == ".")
        if k >= 0 and doc[k].lower_.rstrip(".") in HONORIFIC_GENDER:
            d.genders.setdefault(m.text, HONORIFIC_GENDER[doc[k].lower_.rstrip(".")])
        if ps > 0 and doc[ps - 1].lower_ in ("the", "a", "an") and pe < len(doc) and doc[pe].pos_ == "NOUN" \
                and doc[pe].text.islower():
            d.modifiers.add(id(m))
        elif pe + 1 < len(doc) and doc[pe].text == "-" and not doc[pe - 1].whitespace_ and not doc[pe].whitespace_ \
                and doc[pe + 1].text.islower() and doc[pe + 1].is_alpha:
            d.modifiers.add(id(m))  # "Blair-era ministers", "a Bush-appointed judge": part of a word


def note_pronoun_subject(ctx: SentCtx, mentions, quoted) -> None:
    """A sentence whose subject is he/she (no name before it) passes its referent to later
    pronouns, and the pronoun tells that person's gender."""
    doc = ctx.doc
    first_person = ctx.persons[0][0] if ctx.persons else len(doc)
    i = next((k for k in range(min(first_person, len(doc))) if doc[k].lower_ in _PRONOUN_GENDER), None)
    if i is None or in_ranges(ctx.sent.start + doc[i].idx, quoted):
        return
    ante = resolve_pronoun(ctx, i, mentions, quoted)
    if ante is None:
        return
    ctx.disc.subjects[ctx.sent.index] = ante
    ctx.disc.genders.setdefault(ante.text, _PRONOUN_GENDER[doc[i].lower_])


def _rule_name_left(doc, k: int) -> Optional[tuple[int, int]]:
    """Without NER: the nearest run of 2+ capitalised name words left of token k."""
    j = k
    while j > 0:
        span = name_backward(doc, j)
        if span is not None and span[1] - span[0] >= 2 and (
            span[0] == 0 or doc[span[0] - 1].lower_ in (",", "(", "and", '"', "“", "that")
        ):
            return span  # subject position, not an object ("led the Red Cross")
        j -= 1
    return None


def fronted_subject(ctx: SentCtx, j: int):
    """"After … working for Unilever, Rutte entered politics": the main-clause subject."""
    doc = ctx.doc
    if doc[0].lower_ not in ("after", "before", "having", "while"):
        return None
    comma = next((k for k in range(j, len(doc)) if doc[k].text == ","), None)
    if comma is None:
        return None
    p = person_at(ctx, comma + 1)
    return (p, "verb_role") if p else None
