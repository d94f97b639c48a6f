"""Labelled synthetic training text for the statistical de-identification NER.

``generate.generate`` yields documents of many genres with character spans of the six identifier
kinds; templates and name sources are split into ``train`` and ``heldout`` in the package data.
"""
