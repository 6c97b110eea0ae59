"""Online Wikidata client (off unless asked for): wbsearchentities and wbgetentities.

Used only for mentions the offline reference misses. Polite by construction: a descriptive
User-Agent (settings.user_agent), retries with exponential backoff on 429/5xx and connection
errors (honouring Retry-After), and every successful reply kept in kb.db's ``http_cache`` table,
so a re-build asks the network nothing it asked before. Fetched entities are written into the
reference tables in the dump format they arrive in, and from then on link offline.

No network is not a reason to lose documents: when the API stays unreachable after every
retry, the client says so once (one warning line for the whole build) and the build links the
rest offline, as if ``--online`` had not been given.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Optional
from urllib.parse import urlencode

import requests
import sqlite_utils

from ..errors import LinkError, WikidataUnreachable
from ..settings import Settings
from ..store import now_iso, write_transaction

log = logging.getLogger(__name__)

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
_RETRY_STATUS = {429, 500, 502, 503, 504}


class HttpCache:
    """GET replies by URL in kb.db (``http_cache``): the build never repeats a request."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def get(self, url: str) -> Optional[str]:
        row = self.db.execute("SELECT body FROM http_cache WHERE url = ? AND status = 200", [url]).fetchone()
        return row[0] if row else None

    def put(self, url: str, status: int, body: str) -> None:
        with write_transaction(self.db):
            self.db.execute(
                "INSERT OR REPLACE INTO http_cache (url, status, body, fetched_at) VALUES (?, ?, ?, ?)",
                [url, status, body, now_iso()],
            )


class WikidataClient:
    """Small, cached, retrying client for the two Wikidata API actions kb needs."""

    def __init__(self, db: sqlite_utils.Database, settings: Settings, session: Optional[requests.Session] = None,
                 api_url: str = WIKIDATA_API, backoff: float = 1.0, language: str = "en") -> None:
        self.db = db
        self.settings = settings
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.api_url = api_url
        self.backoff = backoff
        self.language = language
        self.cache = HttpCache(db)
        #: Why the API is given up on for this build (None while it answers).
        self.unreachable: Optional[str] = None

    # -- HTTP -------------------------------------------------------------------------------

    def get_json(self, params: dict[str, Any]) -> dict[str, Any]:
        """GET the API with ``params`` (cached); retry transient failures with backoff."""
        url = f"{self.api_url}?{urlencode(sorted(params.items()))}"
        cached = self.cache.get(url)
        if cached is not None:
            return json.loads(cached)
        last_error = ""
        for attempt in range(self.settings.http_retries + 1):
            try:
                resp = self.session.get(url, timeout=self.settings.http_timeout)
            except requests.RequestException as exc:
                last_error = str(exc)
                self._sleep(attempt, None)
                continue
            if resp.status_code in _RETRY_STATUS:
                last_error = f"HTTP {resp.status_code}"
                self._sleep(attempt, resp.headers.get("Retry-After"))
                continue
            if resp.status_code != 200:
                raise LinkError(f"Wikidata API answered HTTP {resp.status_code} for {url}: check the query or run offline")
            try:
                data = resp.json()
            except ValueError as exc:
                raise LinkError(f"Wikidata API sent invalid JSON for {url} ({exc}): retry later or run offline") from exc
            if "error" in data:
                raise LinkError(f"Wikidata API error {data['error'].get('code')}: {data['error'].get('info')}")
            self.cache.put(url, 200, resp.text)
            return data
        raise WikidataUnreachable(
            f"Wikidata API unreachable after {self.settings.http_retries + 1} attempts ({last_error}): "
            "check the network, raise KB_HTTP_RETRIES, or build without --online"
        )

    def _sleep(self, attempt: int, retry_after: Optional[str]) -> None:
        if attempt >= self.settings.http_retries:
            return
        delay = self.backoff * (2 ** attempt)
        if retry_after and retry_after.isdigit():
            delay = max(delay, float(retry_after)) if self.backoff else 0.0
        time.sleep(delay)

    # -- API actions ------------------------------------------------------------------------

    def search(self, name: str, limit: int = 7) -> list[dict[str, Any]]:
        """wbsearchentities: [{"id", "label", "description", ...}] best first."""
        data = self.get_json({"action": "wbsearchentities", "search": name, "language": self.language,
                              "uselang": self.language, "type": "item", "limit": limit, "format": "json"})
        return list(data.get("search", []))

    def get_entities(self, qids: list[str]) -> dict[str, dict[str, Any]]:
        """wbgetentities: QID -> entity JSON in the dump layout (missing ids left out)."""
        if not qids:
            return {}
        data = self.get_json({"action": "wbgetentities", "ids": "|".join(sorted(qids)[:50]),
                              "props": "labels|aliases|descriptions|claims|sitelinks", "format": "json"})
        return {q: e for q, e in data.get("entities", {}).items() if "missing" not in e}

    def fetch_into_reference(self, name: str) -> set[str]:
        """Search a name, fetch the hits, and store them as reference entries; return their QIDs.

        Once the API is unreachable, nothing more is asked in this build: the empty set lets
        the linker go on with the offline reference.
        """
        from .reference import ImportReport, _write_batch, classify_kinds

        if self.unreachable:
            return set()
        try:
            hits = [h["id"] for h in self.search(name) if isinstance(h.get("id"), str)]
            entities = self.get_entities(hits)
        except WikidataUnreachable as err:
            self.unreachable = str(err)
            log.warning("--online: %s; linking offline for the rest of this build (re-run with --online "
                        "later to link what the reference misses)", err)
            return set()
        if not entities:
            return set()
        report = ImportReport()
        with write_transaction(self.db):
            _write_batch(self.db, list(entities.values()), True, report)
            classify_kinds(self.db)
        return set(entities)
