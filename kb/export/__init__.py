"""Exports of kb.db, one module per format (networkx ``readwrite/`` style).

* ``facts``: per-document facts as JSON Lines (GOLD-FORMAT.md), what ``kb evaluate`` scores;
* ``quickstatements``: tenures the reference lacks, as QuickStatements V1 for Wikidata editors;
* ``gexf``, ``graphml``, ``csv``: graph writers for Gephi, fed by ``kb.graph.build_graph``;
* ``attributes``: the value check every graph writer runs first.

The facts and QuickStatements functions stay importable from ``kb.export`` itself.
"""

from __future__ import annotations

from .facts import document_facts, facts_to_file, iter_facts, write_facts
from .quickstatements import iter_needs_position, iter_quickstatements, qs_string, qs_time, quickstatements_to_file

__all__ = ["document_facts", "facts_to_file", "iter_facts", "write_facts", "iter_quickstatements", "iter_needs_position",
           "qs_string", "qs_time", "quickstatements_to_file"]
