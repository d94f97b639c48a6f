"""Response headers that keep pages in their place: no framing, no sniffing, no caching."""

from __future__ import annotations

from flask import Flask
from werkzeug.wrappers import Response

# Same-origin everything; no inline script or style, so an injected tag cannot run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def init_app(app: Flask, *, hsts: bool) -> None:
    def secure(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # Same-origin, not no-referrer: over HTTPS, CSRF protection checks that a form post
        # comes from our own pages by its Referer, so our pages must send one to us. Other
        # sites get nothing (our URLs carry ids only, but that is still theirs to not know).
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # Case pages are private: no shared or browser cache keeps them (static files may).
        if not response.headers.get("Cache-Control") and response.mimetype != "text/css":
            headers["Cache-Control"] = "no-store"
        if hsts:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response

    app.after_request(secure)
