"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

import gc

from echo_cases import create_app

app = create_app()
# What start-up loaded (the de-identifier's model above all) lives as long as the process.
# Frozen, it is no longer walked by the collector's full passes, which otherwise stopped
# whichever request set one off for a quarter of a second (benchmarks/new_pages.py).
gc.collect()
gc.freeze()
