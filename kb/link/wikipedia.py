"""English Wikipedia: title/URL from the enwiki sitelink (offline), summaries online (wikipedia-api).

Titles and URLs need no network: the reference's enwiki sitelink is the title. Summaries are
fetched with the ``wikipedia-api`` package only in online mode, with kb's User-Agent, the
package's retries with backoff, and kb.db's ``http_cache`` table so each page is fetched once.
"""

from __future__ import annotations

from typing import Any, Optional

import sqlite_utils

from ..errors import LinkError
from ..settings import Settings
from ..store import wikipedia_url
from .wikidata import HttpCache

__all__ = ["wikipedia_url", "enwiki_title", "WikipediaSummaries"]


def enwiki_title(db: sqlite_utils.Database, qid: str) -> Optional[str]:
    """The English Wikipedia title of a reference QID (None when it has no enwiki sitelink)."""
    row = db.execute("SELECT enwiki FROM ref_entities WHERE qid = ?", [qid]).fetchone()
    return row[0] if row and row[0] else None


class WikipediaSummaries:
    """Page summaries through wikipedia-api, cached in ``http_cache`` under a ``wikipedia:`` key."""

    def __init__(self, db: sqlite_utils.Database, settings: Settings, language: str = "en",
                 **client_kwargs: Any) -> None:
        import wikipediaapi

        self.cache = HttpCache(db)
        self.language = language
        client_kwargs.setdefault("timeout", settings.http_timeout)
        client_kwargs.setdefault("max_retries", settings.http_retries)
        self.wiki = wikipediaapi.Wikipedia(user_agent=settings.user_agent, language=language, **client_kwargs)

    def summary(self, title: str) -> Optional[str]:
        """The lead section as plain text, or None when the page does not exist."""
        key = f"wikipedia:{self.language}:summary:{title}"
        cached = self.cache.get(key)
        if cached is not None:
            return cached or None
        try:
            page = self.wiki.page(title)
            text = page.summary if page.exists() else ""
        except Exception as exc:  # wikipedia-api raises its own hierarchy after its retries
            raise LinkError(f"Wikipedia summary for {title!r} failed ({exc}): check the network or run offline") from exc
        self.cache.put(key, 200, text)
        return text or None
