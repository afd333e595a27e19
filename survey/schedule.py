"""Opening and closing dates: a questionnaire opens and closes by itself.

A draft with an opening date opens at that time; an open questionnaire with a closing
date closes at that time. Each change is one conditional UPDATE in its own short
transaction (so a page that reads never holds the write lock), written to the audit
trail. Requests check at most every ``CHECK_EVERY`` per process; workers check as they
sweep their jobs.
"""

import time

from flask import current_app, request
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import OperationalError

from survey.extensions import db
from survey.models import AuditEntry, Questionnaire, utc_now

#: How often (seconds) a web process looks for a questionnaire due to open or close.
CHECK_EVERY = 15.0
_last_check = {"at": float("-inf")}


def _due(now):
    """Return the conditions of questionnaires due to open, and due to close, at ``now``."""
    closing_passed = and_(Questionnaire.closes_on.is_not(None), Questionnaire.closes_on <= now)
    to_open = and_(Questionnaire.status == "draft", Questionnaire.opens_on.is_not(None),
                   Questionnaire.opens_on <= now, ~closing_passed)
    to_close = and_(closing_passed, or_(
        Questionnaire.status == "open",
        and_(Questionnaire.status == "draft", Questionnaire.opens_on.is_not(None),
             Questionnaire.opens_on <= now)))
    return to_open, to_close


def apply_schedules(now=None):
    """Open and close the questionnaires whose dates say so; return ``[(slug, new status)]``."""
    now = now or utc_now()
    changed = []
    for condition, status in zip(_due(now), ("open", "closed")):
        with db.engine.begin() as connection:
            rows = connection.execute(select(Questionnaire.id, Questionnaire.slug,
                                             Questionnaire.status).where(condition)).all()
            for qid, slug, old in rows:
                done = connection.execute(update(Questionnaire).where(
                    Questionnaire.id == qid, Questionnaire.status == old).values(status=status))
                if done.rowcount:
                    connection.execute(AuditEntry.__table__.insert().values(
                        actor="schedule", questionnaire_id=qid, action="set_status",
                        summary=f"Changed the status from {old} to {status} (scheduled date)",
                        detail={"old": old, "new": status, "scheduled": True}, created_on=now))
                    changed.append((slug, status))
    if changed:
        db.session.expire_all()
    return changed


def check_soon():
    """Make the next request of this process check the dates (after an admin changed them)."""
    _last_check["at"] = float("-inf")


def init_app(app):
    """Check the dates before questionnaire pages, at most every CHECK_EVERY seconds."""

    @app.before_request
    def open_and_close_on_time():
        if not (request.view_args or {}).get("slug"):
            return
        moment = time.monotonic()
        if moment - _last_check["at"] < current_app.config.get("SCHEDULE_CHECK_EVERY", CHECK_EVERY):
            return
        _last_check["at"] = moment
        try:
            apply_schedules()
        except OperationalError:  # the write lock was busy: the next request checks again
            current_app.logger.warning("could not apply questionnaire dates now", exc_info=True)
