"""German: the NER pipeline kb trains and loads (``ner.py``, artefact in ``model/``), the German
lexicon (``lexicon.py``) and the German tenure rules (``rules.py``)."""
