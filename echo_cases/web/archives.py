"""Export ZIPs: ask for one, watch it being built, download it."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import Invalid
from echo_cases.http.dispatch import build_after_commit
from echo_cases.numbers import whole
from echo_cases.services import archives
from echo_cases.web.auth import current_user
from models import ArchiveKind, ArchiveStatus

bp = Blueprint("archives", __name__)


@bp.post("/hubs/<int:hub_id>/archives")
def request_archive(hub_id: int) -> Response:
    db, user = db_session(), current_user()
    # Outsiders learn nothing from a form error: they are refused before it is read.
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    kind = request.form.get("kind", ArchiveKind.HUB_CASES.value)
    if kind not in ArchiveKind.__members__.values():
        raise Invalid("Choose what to export.", {"kind": "Unknown kind of export."})
    archive = archives.request_archive(db, user, hub_id, ArchiveKind(kind),
                                       session_id=_session_id())
    build_after_commit(db, archive)
    return redirect(url_for("archives.show", archive_id=archive.id), 303)


@bp.get("/archives/<int:archive_id>")
def show(archive_id: int) -> str:
    archive = archives.get_archive(db_session(), current_user(), archive_id)
    return render_template("archives/show.html", archive=archive,
                           pending=archive.status is ArchiveStatus.PENDING)


@bp.get("/archives/<int:archive_id>/download")
def download(archive_id: int) -> Response:
    db, user = db_session(), current_user()
    archive = archives.get_archive(db, user, archive_id)
    response = Response(archives.download(db, user, archive), mimetype="application/zip")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="hub-{archive.hub_id}-{archive.kind}-{archive.id}.zip"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _session_id() -> int | None:
    raw = request.form.get("session_id", "").strip()
    if not raw:
        return None
    session_id = whole(raw, 1)
    if session_id is None:
        raise Invalid("Choose a session of this hub.", {"session_id": "No such session."})
    return session_id
