"""Reference dump lines in Wikidata's layout for tests: items with labels, enwiki/dewiki
sitelinks and the claims kb's linker reads (P31 human, P570 death, P1001 jurisdiction, P39
terms with P580/P582 qualifiers)."""

from __future__ import annotations

import json
from typing import Optional


def time_value(value: str) -> dict:
    year, month, day = (value.split("-") + ["00", "00"])[:3]
    precision = 9 if month == "00" else (10 if day == "00" else 11)
    return {"time": f"+{year}-{month}-{day}T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
            "precision": precision, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}


def snak(prop: str, value: dict, vtype: str) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": {"value": value, "type": vtype}}


def item(qid: str, label: str, terms: tuple[tuple[str, Optional[str], Optional[str]], ...] = (),
         person: bool = False, died: Optional[str] = None, country: Optional[str] = None) -> str:
    """A dump line; ``terms``: (position, start, end) P39 statements with P580/P582 qualifiers."""
    claims: dict = {}
    if person:
        claims["P31"] = [{"mainsnak": snak("P31", {"id": "Q5"}, "wikibase-entityid"), "rank": "normal"}]
    if died:
        claims["P570"] = [{"mainsnak": snak("P570", time_value(died), "time"), "rank": "normal"}]
    if country:
        claims["P1001"] = [{"mainsnak": snak("P1001", {"id": country}, "wikibase-entityid"), "rank": "normal"}]
    statements = []
    for position, start, end in terms:
        qualifiers = {}
        if start:
            qualifiers["P580"] = [snak("P580", time_value(start), "time")]
        if end:
            qualifiers["P582"] = [snak("P582", time_value(end), "time")]
        statements.append({"mainsnak": snak("P39", {"id": position}, "wikibase-entityid"), "rank": "normal",
                           "qualifiers": qualifiers})
    if statements:
        claims["P39"] = statements
    return json.dumps({"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}},
                       "aliases": {}, "claims": claims,
                       "sitelinks": {site: {"site": site, "title": label} for site in ("enwiki", "dewiki")}})


def run_cli(*args) -> str:
    """Run kb's CLI in-process (click's runner) with the arguments as strings; fail on a non-zero exit."""
    from click.testing import CliRunner

    from kb.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def write_reference(folder, lines: list[str], kinds: dict[str, str]) -> list:
    """Write dump ``lines`` and an index file giving ``kinds`` (QID -> kind) into ``folder``;
    returns the two paths, ready for ``kb reference import`` or ``import_reference``."""
    dump = folder / "ref.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = folder / "ref-index.tsv"
    index.write_text("qid\tkinds\tcatalogues\tcountry_iso2\n" + "".join(f"{q}\t{k}\t\t\n" for q, k in kinds.items()),
                     encoding="utf-8")
    return [dump, index]
