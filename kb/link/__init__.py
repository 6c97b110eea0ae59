"""The offline-first linker: persons, organisations and positions -> Wikidata QIDs.

``Linker.from_db`` opens nothing heavy: it reads the (small) judgements table and checks that
reference data exists. Every lookup afterwards is an indexed SQL query on normalised names,
cached per Linker, so a build pays milliseconds to start and a dict lookup for repeated names.
Online mode (Wikidata API) is only asked when the offline reference has no candidate.

Speed (see ``scripts/bench_link.py``): a name seen for the first time costs about two queries
(its exact and same-skeleton names with their entity rows in one join; the P39 holdings of the
best candidates in one ``IN`` query). What does not depend on the document (name similarity,
prior, birth date, jurisdictions of the positions held) is cached per (type, name, surface
forms) in a bounded LRU; only the document-dependent evidence is recomputed per mention, and
feature dicts are built only for the stored candidates. A mention without candidates returns
NIL before any context is built.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Optional

import sqlite_utils

from ..model import RULED_OUT, Entity, Extraction, Link, LinkCandidate, LinkedExtraction
from ..settings import Settings, get_settings
from ..store import name_key
from .candidates import LRU, MAX_CACHED_KEYS, Cand, FullNames, ReferenceIndex, org_candidates, person_candidates
from .disambiguate import Context, Prepared, entity_context, score_ranked
from .judgements import NameJudgements, judge, load_judgements
from .positions import link_position
from .kinds import country_code, org_class
from .rules import (
    MAX_VOTING_CANDIDATES, Evidence, conflicts, consensus_country, document_countries, entity_evidence, sport_namesake,
    unsupported, unsupported_org,
)
from .reference import ImportReport, has_reference, import_reference
from .reference_orgs import orgs_from_reference
from .reference_status import statuses_from_reference
from .types import retype_by_reference

__all__ = ["Linker", "judge", "import_reference", "ImportReport"]

_MAX_STORED_CANDIDATES = 10
_MAX_SCORED = 25
#: Rounds of rule checks as ruled-out candidates make room for the next ones (bounded work).
_MAX_RULE_ROUNDS = 8
#: A country named in the text counts as context only for a name at most this many reference
#: entries share. A country is weak evidence: for a common surname ("Johnson", "Dean") several
#: of its politicians share the name and the person meant is usually not in the reference at
#: all, so the one candidate whose posts the reference happens to date to that country would
#: win by accident (GUM train/dev: 7 such false links with no limit, none with 3).
MAX_PLACE_CANDIDATES = 3


class Linker:
    """Links one Extraction at a time; keep one Linker per process (caches are per instance)."""

    def __init__(self, db: sqlite_utils.Database, settings: Settings, online: bool = False,
                 client: Optional[object] = None) -> None:
        self.db = db
        self.settings = settings
        self.threshold = settings.link_threshold
        self.index = ReferenceIndex(db.conn)
        self.has_reference = has_reference(db)
        self.judgements: dict[tuple[str, str], NameJudgements] = load_judgements(db)
        self.online = online
        self._client = client
        self._online_tried: set[str] = set()
        #: (type, name, surface forms) -> candidates with their context-free facts, best-named
        #: and best-known first (bounded LRU: names recur across a build's documents).
        self._cand_cache = LRU(MAX_CACHED_KEYS)
        #: country name -> its reference QID (None: not in the reference)
        self._place_cache: dict[str, Optional[str]] = {}
        #: (type, QID) -> the ISO codes it ties a document to (``_candidate_countries``)
        self._country_cache = LRU(MAX_CACHED_KEYS)

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, settings: Settings | None = None,
                online: bool = False) -> "Linker":
        """A linker over kb.db's reference tables (cheap: no data is loaded up front).

        An import killed mid-way leaves the reference indexes dropped; they are restored here
        (a no-op when present) so that linking never silently falls back to table scans.
        """
        import sqlite3

        from .reference import ensure_reference_indexes

        try:
            ensure_reference_indexes(db)
        except sqlite3.OperationalError:  # a read-only connection: nothing to restore here
            pass
        return cls(db, settings or get_settings(), online=online)

    # -- public ---------------------------------------------------------------------------

    def link(self, extraction: Extraction) -> LinkedExtraction:
        """Fill entity links (organisations first, as context for persons), then positions."""
        if self.has_reference:
            retype_by_reference(self.db.conn, extraction)  # exact reference names settle types
        linked = LinkedExtraction(extraction=extraction)
        published = extraction.document.published
        orgs = [e for e in extraction.entities if e.type == "organization"]
        persons = [e for e in extraction.entities if e.type == "person"]
        co_mentioned: set[str] = set()
        org_qids: dict[str, Optional[str]] = {}
        # the countries the text names, and those its posts belong to (a "home secretary" the
        # extract stage placed in the United Kingdom makes it British news for the parties)
        lang = extraction.document.lang
        countries = document_countries([*extraction.places, *(t.org for t in extraction.tenures if t.org)], lang)
        votes: dict[str, frozenset[str]] = {}
        consensus, party_country = self._consensus_country(orgs, persons, votes) if self.has_reference else (None, None)
        if consensus:
            countries = countries | {consensus}
        for ent in orgs:
            hinted = frozenset().union(*(v for name, v in votes.items() if name != ent.name))
            evidence = entity_evidence(ent, extraction, countries, org_qids, party_country, hinted)
            link = self._link_entity(ent, Context(published=published), evidence)
            linked.entity_links[(ent.type, ent.name)] = link
            org_qids[ent.name] = link.qid
            if link.qid:
                co_mentioned.add(link.qid)
        full_names = FullNames([e.name for e in persons])
        # countries the text names are context for persons only: an organisation's score
        # must not rise because it is itself a country named somewhere in the text
        places = self._place_qids(extraction.places) if persons else set()
        for ent in persons:
            ctx = entity_context(ent, extraction.tenures, published, co_mentioned, org_qids)
            ctx.places = places
            evidence = entity_evidence(ent, extraction, countries, org_qids)
            linked.entity_links[(ent.type, ent.name)] = self._link_entity(ent, ctx, evidence, full_names)
        if self.has_reference:
            orgs_from_reference(self.index, linked)  # countries of posts the text leaves open, from P39
            org_qids = linked.org_qids()
        self._link_positions(linked, org_qids)
        if self.has_reference:
            statuses_from_reference(self.index, linked)  # statuses the text leaves open, from P39 dates
        return linked

    # -- entities -------------------------------------------------------------------------

    def _consensus_country(self, orgs: list[Entity], persons: list[Entity],
                           by_name: Optional[dict[str, frozenset[str]]] = None) -> tuple[Optional[str], Optional[str]]:
        """The country the document's names agree on (``rules.consensus_country``): parties and
        government bodies by their country, persons by the countries of their candidates' posts;
        and the country its parties alone agree on (the text is about that country's parties).
        ``by_name`` receives each voting name's countries (the hints a text naming no country
        gives: ``Evidence.hinted_countries``)."""
        votes: list[frozenset[str]] = []
        party_votes: list[frozenset[str]] = []
        for ent in [*orgs, *persons]:
            forms = [*ent.aliases, *(m.text for m in ent.mentions)]
            prepared = self._candidates(ent.type, ent.name, forms)
            # an organisation's candidates tied to no country cast no vote, so only the others
            # count towards the cap ("SPD": four parties among eleven candidates, the rest police
            # departments and a drugstore); a person's namesakes all count (many are a weak name)
            tied = [c for c in (self._candidate_countries(ent.type, p.qid) for p in prepared) if c]
            if not tied or len(tied if ent.type == "organization" else prepared) > MAX_VOTING_CANDIDATES:
                continue
            vote = frozenset().union(*tied)
            votes.append(vote)
            if by_name is not None:
                by_name[ent.name] = by_name.get(ent.name, frozenset()) | vote
            if ent.type == "organization":
                parties = frozenset().union(*(self.index.profile(p.qid).countries for p in prepared
                                              if org_class(self.index.profile(p.qid).kinds) == "party"))
                if parties:
                    party_votes.append(parties)
        return consensus_country(votes), consensus_country(party_votes)

    def _candidate_countries(self, etype: str, qid: str) -> frozenset[str]:
        """ISO codes a candidate ties the document to: a party's or government body's country,
        a politician's countries (catalogues) and those of the posts held (cached per QID)."""
        key = (etype, qid)
        value = self._country_cache.get(key)
        if value is None:
            if etype == "person":
                codes = set(self.index.profile(qid).countries)  # the catalogues listing the politician
                for juris in self.index.held_jurisdictions(qid):
                    ref = self.index.entity(juris)
                    code = country_code(ref.label) if ref and ref.label else None
                    if code:
                        codes.add(code)
                value = frozenset(codes)
            else:
                prof = self.index.profile(qid)
                value = prof.countries if org_class(prof.kinds) in ("party", "government") else frozenset()
            self._country_cache[key] = value
        return value

    def _place_qids(self, places: list[str]) -> set[str]:
        """Reference QIDs of the countries a document names (cached per name): a candidate
        whose positions belong to one of them gets the context feature."""
        if not places or not self.has_reference:
            return set()
        out = set()
        for name in places:
            if name not in self._place_cache:
                self._place_cache[name] = self.index.state_qid(name)
            qid = self._place_cache[name]
            if qid:
                out.add(qid)
        return out

    def _link_entity(self, ent: Entity, ctx: Context, evidence: Evidence,
                     full_names: Optional[FullNames] = None) -> Link:
        verdicts = self.judgements.get((ent.type, name_key(ent.name))) if self.judgements else None
        if verdicts and verdicts.confirmed:
            return self._judged(verdicts.confirmed)
        if not self.has_reference and not self.online:
            return Link(qid=None)
        name = ent.name
        if ent.type == "person" and full_names:
            name = full_names.expand(ent.name) or ent.name
        # a peer is found by the styled name ("Lord Campbell"), never by the bare surname
        forms = [*ent.aliases, *(m.text for m in ent.mentions), *evidence.peer_forms]
        prepared = self._candidates(ent.type, name, forms)
        if not prepared and self.online:
            prepared = self._prepare(ent.type, self._online_candidates(ent.type, name, forms))
        if not prepared:  # nothing to score: NIL without building a context
            return Link(qid=None, score=0.0, method="nil", candidates=[])
        if verdicts:
            prepared = [p for p in prepared if p.qid not in verdicts.rejected]
        if name != ent.name:  # surname resolved via the doc's full name
            prepared = [p._replace(method=f"{p.method}+document") for p in prepared]
        n_named = len(prepared)  # how many reference entries share the name, before the rules
        ruled_out = self._ruled_out(prepared, evidence)
        if ruled_out:
            prepared = [p for p in prepared if p.qid not in ruled_out]
        if ctx.places and n_named <= MAX_PLACE_CANDIDATES:
            ctx = replace(ctx, co_mentioned=ctx.co_mentioned | ctx.places)
        link = self._decide(ent.type, prepared[:_MAX_SCORED], ctx, evidence.countries)
        if link.qid and (unsupported_org(self.index.entity(link.qid), link.method, self.index.profile(link.qid),
                                         evidence) or self._left_standing(link, ruled_out, evidence)
                         or sport_namesake(ent.type, self.index.entity(link.qid), link.candidates[0].features, evidence)):
            link.candidates[0].features["unsupported"] = 1.0
            link = Link(qid=None, score=link.score, method="nil", candidates=link.candidates)
        if ruled_out:
            link.candidates.extend(LinkCandidate(q, self._label(q), 0.0, f"{RULED_OUT}{rule}", {rule: -1.0})
                                   for q, rule in list(ruled_out.items())[:_MAX_STORED_CANDIDATES])
        return link

    def _left_standing(self, link: Link, ruled_out: dict[str, str], evidence: Evidence) -> bool:
        """An organisation found by an alias only, after the rules removed other entries of that
        name, and of no country the text names: the rules said what the name is not, not what
        it is ("Bhs" in British news: the Brooklyn archive of that short name ruled out, an
        Australian hospital also called so is no better). A company of a ruled-out brand's own
        country stays: it is that brand's company."""
        if evidence.etype != "organization" or not ruled_out or not link.method.endswith("alias"):
            return False
        prof = self.index.profile(link.qid)
        own = prof.countries
        if not evidence.countries or not own or own & evidence.countries:
            return False
        if any(k.startswith(("international organisation", "state")) for k in prof.kinds):
            return False  # the UN's country is only its seat
        # a company of a ruled-out brand's own country is that brand's company (Volkswagen Group)
        return not any(own & self.index.profile(q).countries for q in ruled_out)

    def _ruled_out(self, prepared: list[Prepared], evidence: Evidence) -> dict[str, str]:
        """The rules' verdicts on the candidates that will be scored.

        Only the first ``_MAX_SCORED`` candidates are scored; when the rules drop some of
        them, the next ones move up into that window and must be judged too (else "US"
        would be scored against the universities whose initials are U.S. that moved up).
        """
        ruled_out: dict[str, str] = {}
        for _ in range(_MAX_RULE_ROUNDS):
            window = [p for p in prepared if p.qid not in ruled_out][:_MAX_SCORED]
            new = {q: r for q, r in conflicts(self.index, window, evidence).items() if q not in ruled_out}
            if not new:
                break
            ruled_out.update(new)
        return ruled_out

    def _label(self, qid: str) -> str:
        ref = self.index.entity(qid)
        return (ref.label if ref else None) or qid

    def _candidates(self, etype: str, name: str, forms: list[str]) -> list[Prepared]:
        """Candidate generation, cached per (type, name, surface forms): names repeat across a
        build; scoring (which depends on each document's context) is redone per mention."""
        key = (etype, name, tuple(sorted(set(forms))))
        cached = self._cand_cache.get(key)
        if cached is None:
            finder = person_candidates if etype == "person" else org_candidates
            cached = self._prepare(etype, finder(self.index, name, forms))
            self._cand_cache[key] = cached
        return cached

    def _prepare(self, etype: str, cands: dict[str, Cand]) -> list[Prepared]:
        """Context-free facts per candidate, best-named and best-known first: common surnames
        have hundreds of candidates and only the first ``_MAX_SCORED`` are scored."""
        index = self.index
        index.prefetch(cands)
        out = []
        for c in cands.values():
            ref = index.entity(c.qid)
            out.append(Prepared(c.qid, c.label, c.sim, c.method, ref.prior if ref else 0.0,
                                ref.birth if ref else None, None, ref))
        out.sort(key=lambda p: (-p.sim, -p.prior))
        if etype == "person":
            top = out[:_MAX_SCORED]
            index.prefetch_holdings(p.qid for p in top)
            index.prefetch_jurisdictions(h.position for p in top for h in index.holdings(p.qid))
            out[:_MAX_SCORED] = [p._replace(held=index.held_jurisdictions(p.qid)) for p in top]
        return out

    def _decide(self, etype: str, prepared: list[Prepared], ctx: Context,
                countries: frozenset[str] = frozenset()) -> Link:
        ranked = score_ranked(self.index, etype, prepared, ctx, _MAX_STORED_CANDIDATES)
        stored = [LinkCandidate(qid, label, score, method, features)
                  for score, qid, label, method, features in ranked]
        if not ranked or ranked[0][0] < self.threshold:
            return Link(qid=None, score=ranked[0][0] if ranked else 0.0, method="nil", candidates=stored)
        best = stored[0]
        ref = next(p.ref for p in prepared if p.qid == best.qid)
        own = self.index.profile(best.qid).countries
        country_fit = bool(countries and own & countries)
        foreign = bool(countries and own and not own & countries)
        if best.features.get("ambiguous") or unsupported(etype, ref, best.method, best.features, country_fit,
                                                           best.label, foreign):
            # the reference cannot tell the namesakes apart, or the name alone is a weak clue
            best.features.setdefault("unsupported", 1.0)
            return Link(qid=None, score=best.score, method="nil", candidates=stored)
        return Link(qid=best.qid, score=best.score, method=best.method, label=ref.label if ref else None,
                    enwiki=ref.enwiki if ref else None, description=ref.description if ref else None,
                    candidates=stored)

    def _link_for(self, qid: str, score: float, method: str, stored: list[LinkCandidate]) -> Link:
        ref = self.index.entity(qid)
        return Link(qid=qid, score=score, method=method, label=ref.label if ref else None,
                    enwiki=ref.enwiki if ref else None, description=ref.description if ref else None,
                    candidates=stored)

    def _judged(self, qid: str) -> Link:
        ref = self.index.entity(qid)
        label = ref.label if ref else qid
        return self._link_for(qid, 1.0, "judgement", [LinkCandidate(qid, label or qid, 1.0, "judgement")])

    # -- positions ------------------------------------------------------------------------

    def _link_positions(self, linked: LinkedExtraction, org_qids: dict[str, Optional[str]]) -> None:
        if not self.has_reference:
            return
        for ten in linked.extraction.tenures:
            key = (ten.role, ten.org)
            holder = linked.link_for("person", ten.person).qid
            current = linked.position_links.get(key)
            if current is not None and current.qid:
                continue
            link = link_position(self.index, ten.role, ten.org, org_qids.get(ten.org or ""), holder,
                                 self.threshold)
            if current is None or link.qid:
                linked.position_links[key] = link

    # -- online ---------------------------------------------------------------------------

    def _online_candidates(self, etype: str, name: str, forms: list[str]) -> dict[str, Cand]:
        """Ask the Wikidata API once per name; fetched entities join the reference tables."""
        key = f"{etype}:{name_key(name)}"
        if key in self._online_tried:
            return {}
        self._online_tried.add(key)
        from .wikidata import WikidataClient

        if self._client is None:
            self._client = WikidataClient(self.db, self.settings)
        fetched = self._client.fetch_into_reference(name)
        if fetched:
            self.has_reference = True
            self.index = ReferenceIndex(self.db.conn)  # drop caches that missed these names
            self._cand_cache.clear()
            self._place_cache.clear()
            self._country_cache.clear()
        finder = person_candidates if etype == "person" else org_candidates
        cands = finder(self.index, name, forms)
        for c in cands.values():
            if c.qid in fetched:
                c.method = f"online+{c.method}"
        return cands


def timed_from_db(db: sqlite_utils.Database) -> tuple[Linker, float]:
    """(Linker, seconds it took to build): for the cold-start benchmark."""
    started = time.perf_counter()
    linker = Linker.from_db(db)
    return linker, time.perf_counter() - started
