"""German: the NER pipeline kb trains and loads (``ner.py``; its components in ``features.py`` and
``repair.py``, reference names in ``names.py``, training data split in ``germeval.py``, artefact
in ``model/``), the German lexicon (``lexicon.py``) and the German tenure rules (``rules.py``)."""
