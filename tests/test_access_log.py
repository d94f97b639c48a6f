"""Access-log lines keep the shape of a request and lose the token of a link
(gunicorn itself writing them: tests/test_database_gunicorn.py)."""

from __future__ import annotations

import secrets

from flask import Flask

from echo_cases.http.access_log import redact


def test_every_route_opened_by_a_token_has_it_taken_out_of_the_log(app: Flask):
    token = secrets.token_urlsafe(32)
    urls = app.url_map.bind("localhost")
    token_routes = [rule for rule in app.url_map.iter_rules() if "token" in rule.arguments]
    assert token_routes, "the app has links opened by a token"
    for rule in token_routes:
        path = urls.build(rule.endpoint, {"token": token}, force_external=False)
        assert token not in redact(f"GET {path} HTTP/1.1"), rule.rule
        assert "[token]" in redact(path)


def test_the_rest_of_a_line_is_left_as_it_was():
    line = 'POST /hubs/1/invitations/5/resend HTTP/1.1" 302 "/hubs/1/invitations"'
    assert redact(line) == line
