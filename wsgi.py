"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

from echo_cases import create_app

app = create_app()
