"""Export archives: a coordinator asks, a worker builds the ZIP, the coordinator downloads.

A hub's full export can take longer than a request should, so it is built by a task and
kept, for a week, as a row any web process can serve. Building is idempotent: a ZIP that
is ready is not built again, and a retry after a failure starts from scratch.
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import timedelta

from sqlmodel import Session, col, delete, select

from echo_cases.access import ORGANISERS, require_hub_role
from echo_cases.errors import Invalid, NotFound, Refused
from echo_cases.services import audit, exports
from models import (
    ArchiveKind,
    ArchiveStatus,
    EchoSession,
    ExportArchive,
    User,
    as_utc,
    id_of,
    utcnow,
)

KEPT_FOR = timedelta(days=7)
# Built in a temporary file that stays in memory up to this size, then moves to disk.
_SPOOL_BYTES = 8 * 1024 * 1024
_README = """\
Export of hub {hub_id}, made {made} UTC for user {user_id}.

cases.csv   one row per submitted case: its state, the time of each milestone, the
            session it was presented in, and every transition (no case text).
cases.json  the same rows as JSON, with the transitions as a list.

Cells that a spreadsheet would run as a formula start with a ' in the CSV.
"""


def request_archive(db: Session, user: User, hub_id: int, kind: ArchiveKind, *,
                    session_id: int | None = None) -> ExportArchive:
    """Record the request; the caller hands its id to the ``build_export_archive`` task."""
    require_hub_role(db, user, hub_id, ORGANISERS)
    if kind is ArchiveKind.SESSION_LETTERS:
        session = db.get(EchoSession, session_id) if session_id else None
        if session is None or session.hub_id != hub_id:
            raise Invalid("Choose a session of this hub.", {"session_id": "No such session."})
    elif session_id is not None:
        raise Invalid("Only a session's letters are exported per session.",
                      {"session_id": "Leave it out for the hub's cases."})
    archive = ExportArchive(hub_id=hub_id, requested_by_id=id_of(user), kind=kind,
                            session_id=session_id, expires_at=utcnow() + KEPT_FOR)
    db.add(archive)
    db.flush()
    audit.record(db, "export_requested", actor_id=user.id, hub_id=hub_id,
                 subject=f"archive:{archive.id}", export=kind.value)
    return archive


def get_archive(db: Session, user: User, archive_id: int) -> ExportArchive:
    """An archive of a hub the user organises, or NotFound (also once it has expired)."""
    archive = db.get(ExportArchive, archive_id)
    if archive is None:
        raise NotFound("No such export.")
    require_hub_role(db, user, archive.hub_id, ORGANISERS)
    if as_utc(archive.expires_at) <= utcnow():
        raise NotFound("That export has expired: ask for a new one.")
    return archive


def recent_archives(db: Session, user: User, hub_id: int, limit: int = 10) -> list[ExportArchive]:
    require_hub_role(db, user, hub_id, ORGANISERS)
    return list(db.exec(
        select(ExportArchive).where(ExportArchive.hub_id == hub_id,
                                    col(ExportArchive.expires_at) > utcnow())
        .order_by(col(ExportArchive.id).desc()).limit(limit)))


def download(db: Session, user: User, archive: ExportArchive) -> bytes:
    """The ZIP, once ready; every download is on the audit trail."""
    if archive.status is not ArchiveStatus.READY or archive.content is None:
        raise Refused("not_ready",
                      "That export is not ready yet: download it once its status is ready.")
    exports.note_export(db, user.id, archive.hub_id, f"archive:{archive.id}:{archive.kind}")
    return archive.content


def build(db: Session, archive: ExportArchive) -> None:
    """Build the ZIP and store it (nothing to do if it is ready already)."""
    if archive.status is ArchiveStatus.READY:
        return
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            if archive.kind is ArchiveKind.HUB_CASES:
                _hub_cases(db, archive, zf)
            else:
                _session_letters(db, archive, zf)
        spool.seek(0)
        archive.content = spool.read()
    archive.size_bytes = len(archive.content)
    archive.status, archive.error, archive.finished_at = ArchiveStatus.READY, "", utcnow()
    db.add(archive)
    db.flush()


def mark_failed(db: Session, archive_id: int, exc: BaseException) -> None:
    archive = db.get(ExportArchive, archive_id)
    if archive is not None and archive.status is not ArchiveStatus.READY:
        archive.status, archive.error = ArchiveStatus.FAILED, type(exc).__name__[:200]
        db.add(archive)


def purge_expired(db: Session) -> int:
    """Delete archives past their time (run with the retention job)."""
    expired = db.exec(select(ExportArchive.id).where(
        col(ExportArchive.expires_at) <= utcnow())).all()
    if expired:
        db.exec(delete(ExportArchive).where(col(ExportArchive.id).in_(expired)))
    return len(expired)


def _hub_cases(db: Session, archive: ExportArchive, zf: zipfile.ZipFile) -> None:
    # Each file is written as it is read, in batches, so a large hub never sits in memory.
    with zf.open("cases.csv", "w") as out:
        for line in exports.csv_lines(exports.case_rows(db, archive.hub_id)):
            out.write(line.encode())
    with zf.open("cases.json", "w") as out:
        for chunk in exports.json_chunks(exports.case_rows(db, archive.hub_id)):
            out.write(chunk.encode())
    zf.writestr("README.txt", _README.format(
        hub_id=archive.hub_id, made=utcnow().strftime("%Y-%m-%d %H:%M"),
        user_id=archive.requested_by_id))


def _session_letters(db: Session, archive: ExportArchive, zf: zipfile.ZipFile) -> None:
    session = db.get(EchoSession, archive.session_id) if archive.session_id else None
    if session is None:
        raise NotFound("The export names no session of this hub.")
    exports.write_session_letters(db, session, zf)
