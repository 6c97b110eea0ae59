"""Players' surnames in a sports report's line-up ("Sturm: Esser – Kayhan, Avlonitis, M. Stankovic –
Edomwonyi Ersatz: Gratzei – Potzmann, Klem"): each a person.

derStandard's match previews and reports end with the teams' line-ups as APA writes them: the team,
a colon, the goalkeeper, then defence, midfield and attack, the parts joined by dashes and the
players by commas (alternatives by a slash, substitutes in brackets: "Schaub (88. Alar)"), then
"Ersatz:" and "Es fehlen: Maak (Meniskuseinriss), …". The German models, trained on running text,
tag few of these bare surnames. A list is read as a line-up only when it opens after a colon, holds
at least ``MIN_PLAYERS`` names and joins its parts by a dash at least once (the line of positions),
or is a list of absentees each with the reason in brackets; a name where no entity lies is added, an
entity that is exactly a player's name becomes a person ("Kayhan" read as a place).
Nothing here touches spaCy: words and spans only.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

#: A line-up holds a goalkeeper and at least three more players (a result list "A – B, C" is shorter).
MIN_PLAYERS = 4
#: Separators between players (comma, slash for alternatives) and between the lines of positions (dashes).
PLAYER_SEPARATORS = {",", "/", ";"}
LINE_SEPARATORS = {"–", "-", "—"}
#: "Es fehlen: Maak (Meniskuseinriss), Kienast (Hüftprobleme)": absentees, each with the reason in brackets.
ABSENT_WORDS = {"fehlen", "fehlt", "Gesperrt", "Verletzt"}
#: An initial before a surname: "T. Kainz", "M. Stankovic".
INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
#: Shortest surname: "Ch." (an initial the sentence splitter cut off its full stop) is none.
MIN_SURNAME = 3
#: Longest bracket after a player: "(88. Alar)", "(fünfte Gelbe Karte)".
MAX_BRACKET = 8

Span = tuple[int, int, str]


def _player(words: list[str], i: int, name_word: Callable[[str], bool]) -> Optional[tuple[int, int]]:
    """The player named at ``i``: an optional initial and one surname, as (start, end)."""
    j = i + 1 if i < len(words) and INITIAL.match(words[i]) else i
    if j < len(words) and name_word(words[j]) and len(words[j]) >= MIN_SURNAME and not INITIAL.match(words[j]):
        return i, j + 1
    return None


def _bracket(words: list[str], i: int) -> tuple[int, Optional[tuple[int, int]]]:
    """Skip a bracket at ``i``: (index after it, the substitute it names: "(88. Alar)" -> "Alar")."""
    if i >= len(words) or words[i] != "(":
        return i, None
    for k in range(i + 1, min(len(words), i + MAX_BRACKET + 2)):
        if words[k] == ")":
            inner = words[i + 1 : k]
            sub = (i + 2, i + 3) if len(inner) == 2 and inner[0].rstrip(".").isdigit() else None
            return k + 1, sub
    return i, None


def _read_list(words: list[str], i: int, name_word: Callable[[str], bool]) -> tuple[list[tuple[int, int]], int, int]:
    """Players from ``i`` on: (their spans, dashes between them, players followed by a bracket)."""
    players: list[tuple[int, int]] = []
    dashes = bracketed = 0
    while True:
        found = _player(words, i, name_word)
        if found is None:
            break
        players.append(found)
        i, sub = _bracket(words, found[1])
        if i > found[1]:
            bracketed += 1
        if sub is not None:
            players.append(sub)
        if i >= len(words) or words[i] not in PLAYER_SEPARATORS | LINE_SEPARATORS:
            break
        dashes += words[i] in LINE_SEPARATORS
        i += 1
    return players, dashes, bracketed


def lineup_names(words: list[str], spans: set[Span], name_word: Callable[[str], bool]) -> set[Span]:
    """``spans`` with the line-ups' players added as PER where no entity lies (see the module docstring)."""
    out = set(spans)
    taken = {k for a, b, _ in spans for k in range(a, b)}
    for colon, word in enumerate(words):
        if word != ":" or colon == 0 or not words[colon - 1][:1].isupper() and words[colon - 1] not in ABSENT_WORDS:
            continue
        players, dashes, bracketed = _read_list(words, colon + 1, name_word)
        lineup = len(players) >= MIN_PLAYERS and dashes > 0
        absent = words[colon - 1] in ABSENT_WORDS and players and bracketed == len(players)
        if not (lineup or absent):
            continue
        for a, b in players:
            same = {s for s in out if s[0] == a and s[1] == b}
            if same:  # "Kayhan" tagged a place, "Lovric" an organisation: in a line-up a player
                out = (out - same) | {(a, b, "PER")}
            elif taken.isdisjoint(range(a, b)):
                out.add((a, b, "PER"))
                taken.update(range(a, b))
    return out
