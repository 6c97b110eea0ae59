"""Company names the German NER models miss, found by their context: a legal form after the name
("Prax Petroleum GmbH", "Nordwind AG") or a company noun before it ("der Konzern Halvorsen").

Why: on SmartData's news (tuning part) about 70 % of the missed organisations are company and
brand names no NER member proposes at all: names seen once, in no training sentence and no word
list, so no better chooser among the members' spans can find them. Their context can: German
business news names a company with its legal form or introduces it with a noun saying what it is.
Only tokens no entity covers are tagged, so the models' own spans always win.
"""

from __future__ import annotations

import re

from ...prefixdate import MONTHS_DE
from ..date_words import DE_WEEKDAYS
from .stts import common_noun

#: Legal forms that end a company name (German, Austrian, Swiss, English, Nordic, Benelux, French).
LEGAL_FORMS = frozenset({
    "GmbH", "AG", "SE", "KG", "KGaA", "OHG", "mbH", "eG", "plc", "Plc", "Oyj", "Inc.", "Inc", "Ltd.", "Ltd",
    "Corp.", "Corporation", "LLC", "N.V.", "B.V.", "S.A.", "SA", "ASA", "AB",
})

#: Nouns that introduce a company by what it is ("das Unternehmen X", "die Fluggesellschaft X").
COMPANY_NOUNS = frozenset({
    "Unternehmen", "Unternehmens", "Konzern", "Konzerns", "Firma", "Anbieter", "Anbieters", "Hersteller",
    "Herstellers", "Händler", "Händlers", "Versandhändler", "Softwarehersteller", "Tochterfirma",
    "Tochtergesellschaft", "Fluggesellschaft", "Airline", "Start-up", "Startup",
})

#: Endings of compound nouns that introduce a company the same way ("der Glücksspielkonzern X", "die
#: Baumarktkette X", "der Softwareriese X", "die Beratungsgesellschaft X"). Not "-händler", "-tochter"
#: or "-produzent": "der Kunsthändler X", "die Bauerntochter X", "der Filmproduzent X" are persons.
COMPANY_NOUN_ENDINGS = (
    "konzern", "konzerns", "unternehmen", "unternehmens", "hersteller", "herstellers", "anbieter", "anbieters",
    "gesellschaft", "versicherer", "versicherers", "dienstleister", "dienstleisters", "zulieferer", "zulieferers",
    "betreiber", "betreibers", "verarbeiter", "verarbeiters", "kette", "riese", "riesen", "bank",
)

#: Function words and punctuation that never belong to a company name.
_STOP = frozenset(
    "der die das des dem den ein eine einer eines einem und oder von vom bei beim mit für in im an am auf aus "
    "zu zur zum nach über unter sich ist sind hat haben wird werden war & , . : ; ( ) \" „ “ ” ' - –".split()
)

_CAMEL = re.compile(r"[a-z][A-Z]")

#: Endings of German common nouns that follow a company noun in a verb-final clause ("dass der
#: Konzern Förderungen bekommt", "das Unternehmen Rücksicht nehmen müsse"): never a company's name.
_COMMON_NOUN_END = re.compile(
    r"(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|nis|nisse|tät|täten|ismus|sicht|"
    r"bedenken|abend|morgen|mittag|nacht|woche|jahr|jahres|monat|monats)$"
)

#: Time words that follow a company noun ("der Konzern Montag mitteilte", "das Unternehmen Ende März"):
#: the date finder's weekdays and months, and the words that place a time within them.
_TIME_WORDS = frozenset(DE_WEEKDAYS) | frozenset(MONTHS_DE) | frozenset(
    "Anfang Ende Mitte Jahr Jahre Jahren Woche Wochen Tag Tage Tagen".split())

#: Longest name the rule tags (words before a legal form, after a company noun).
MAX_NAME_WORDS = 4


def _name_word(word: str) -> bool:
    """Capitalised, camel-case ("touriDat") or all-capitals, and not a function word (in any case:
    "Die" opens sentences) or legal form."""
    return (word.lower() not in _STOP and word not in LEGAL_FORMS and word[:1].isalnum()
            and (word[:1].isupper() or bool(_CAMEL.search(word))))


def _common_noun(word: str) -> bool:
    """A word after a company noun that is a common noun or a time word, not the company's name."""
    return word in _TIME_WORDS or bool(_COMMON_NOUN_END.search(word))


def company_noun(word: str) -> bool:
    """A noun that introduces a company: one of ``COMPANY_NOUNS`` or a compound ending in one of
    ``COMPANY_NOUN_ENDINGS`` (at least three letters before the ending: "Bank" alone is no compound)."""
    if word in COMPANY_NOUNS:
        return True
    low = word.lower()
    return word[:1].isupper() and any(low.endswith(end) and len(low) >= len(end) + 3 for end in COMPANY_NOUN_ENDINGS)


def _name_after_noun(name: list[str]) -> bool:
    """A one-word name after a company noun must be no German common noun by HanTa's lexicon
    ("dass der Internetkonzern Kunden verliert": a verb-final clause's object)."""
    return len(name) > 1 or not common_noun(name[0])


def company_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the company names the context shows: up to ``MAX_NAME_WORDS`` name words
    ending in a legal form (the form included), or up to three name words after a company noun."""
    out = []
    for i, word in enumerate(words):
        if word in LEGAL_FORMS:
            j = i
            while j > 0 and i - j < MAX_NAME_WORDS and _name_word(words[j - 1]):
                j -= 1
            if j < i:
                out.append((j, i + 1))
        elif company_noun(word) and i + 1 < len(words) and not _common_noun(words[i + 1]):
            k = i + 1
            while k < len(words) and k - i <= 3 and _name_word(words[k]):
                k += 1
            if k > i + 1 and _name_after_noun(words[i + 1:k]):
                out.append((i + 1, k))
    return out


def company_names(words: list[str], spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """``spans`` plus an ORG for every company name (``company_spans``) whose tokens no span covers."""
    out = set(spans)
    taken = {i for a, b, _ in spans for i in range(a, b)}
    for start, end in company_spans(words):
        if not taken.intersection(range(start, end)):
            out.add((start, end, "ORG"))
            taken.update(range(start, end))
    return out
