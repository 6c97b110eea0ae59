"""The extract stage: documents -> parsed sentences (spaCy) -> persons, organisations and tenures.

The only stage that touches spaCy objects; it hands plain dataclasses (``kb.model``) on to
linking and storage. ``pipeline.Extractor`` is the entry point.
"""
