"""kb: an entity knowledge-base builder.

The library face; the CLI (``kb.cli``) only wraps these. Importing kb does not load spaCy.

    >>> import kb
    >>> report = kb.build(["articles/"], db="kb.db")      # doctest: +SKIP
    >>> db = kb.open_db("kb.db")                          # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import build
from .errors import KbError
from .store import open_db

__all__ = ["build", "open_db", "KbError", "__version__"]
