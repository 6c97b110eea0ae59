"""One error hierarchy for kb.

``KbError`` and its subclasses carry a message that says what went wrong *and how to fix it*;
the CLI turns them into one clean line (see ``kb.cli``). Tracebacks are for bugs only.

Per-item problems (one bad document, one malformed dump line) are not raised through a build:
they become ``IngestFailure`` records, are counted and stored in the ``failures`` table.
"""

from __future__ import annotations


class KbError(Exception):
    """Base class: a problem the user can fix. ``str(err)`` is the message to show."""

    exit_code = 1


class InputError(KbError):
    """An input path or file cannot be used at all (missing, unreadable, unknown kind)."""


class DocumentError(KbError):
    """One document cannot be read or decoded. Caught per item by the build, never fatal."""


class ModelError(KbError):
    """A spaCy pipeline cannot be loaded."""


class DatabaseError(KbError):
    """kb.db is missing, not a kb database, or from a newer kb."""


class DatabaseBusyError(DatabaseError):
    """Another process kept kb.db's write lock for longer than the lock timeout."""


class ReferenceError_(KbError):
    """Reference (Wikidata dump) data cannot be imported."""


class LinkError(KbError):
    """The linker or the online Wikidata/Wikipedia client failed."""


class WikidataUnreachable(LinkError):
    """The Wikidata API did not answer after every retry (no network, or the service is down)."""


class EvaluationError(KbError):
    """A gold or prediction file is malformed."""


class ExportError(KbError):
    """An export cannot be written (bad filter, unwritable path)."""
