#!/usr/bin/env python
"""Write kb/extract/lexicons/countries_de.tsv: German country names -> kb's English country names.

Usage: python scripts/build_countries_de.py [-o OUT.tsv]

Why: German posts take their country from the text ("Angolas Präsident", "Ministerpräsident X"
in a story about Iceland), so kb must know German country names beyond the few common ones that
``demonyms_de.tsv`` lists by hand. The Unicode CLDR territory names (German and English, read
through the Babel package that kb's environment already has) are that list, learnt from data.

How: every two-letter CLDR territory whose English name is a country of
``lexicons/countries_en.tsv`` (its name or an alias, so the names are the ones the English rules
write) gives a row: German name, kb's name, ISO code. A German name "Republik X" also gives "X"
("Republik Moldau" -> "Moldau"). Territories kb does not list as countries (Guam, the Eurozone)
are left out. Rows are sorted, so a rebuild from the same Babel version is byte-identical.
Licence of the names: Unicode License (CLDR data, through Babel, BSD-3-Clause).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import REPO_ROOT  # noqa: E402

LEXICONS = REPO_ROOT / "kb" / "extract" / "lexicons"
DEFAULT_OUT = LEXICONS / "countries_de.tsv"
HEADER = """# German country names (Unicode CLDR territory names) -> the English names kb's rules use
# (lexicons/countries_en.tsv). GENERATED: do not edit by hand; rebuild with
# python scripts/build_countries_de.py (Babel {version}). Licence: Unicode License (CLDR).
# Hand-made German names and adjectives live in demonyms_de.tsv, which wins where both list a name.
german\tname\tcode
"""


def kb_countries() -> dict[str, str]:
    """Every name and alias of countries_en.tsv -> its kb name."""
    out: dict[str, str] = {}
    lines = [ln for ln in (LEXICONS / "countries_en.tsv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        cols = line.split("\t")
        out[cols[0]] = cols[0]
        for alias in (cols[1].split("|") if len(cols) > 1 and cols[1] else []):
            out[alias] = cols[0]
    return out


def rows() -> list[tuple[str, str, str]]:
    """(German name, kb name, code) for each CLDR territory that is a kb country."""
    from babel import Locale

    de, en, known = Locale("de").territories, Locale("en").territories, kb_countries()
    out: set[tuple[str, str, str]] = set()
    for code, german in de.items():
        name = known.get(en.get(code, ""))
        if len(code) != 2 or not code.isalpha() or name is None:
            continue
        out.add((german, name, code))
        if german.startswith("Republik "):
            out.add((german.removeprefix("Republik "), name, code))
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    import babel

    body = "".join(f"{g}\t{n}\t{c}\n" for g, n, c in rows())
    Path(args.out).write_text(HEADER.format(version=babel.__version__) + body, encoding="utf-8")
    print(f"wrote {body.count(chr(10))} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
