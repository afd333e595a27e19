"""Background jobs: the theme analysis and mail batches, run by ``engage worker`` processes
through Redis (RQ) when ``ENGAGE_REDIS_URL`` is set, else in a thread of the process that
queued them.

The database row (:class:`survey.models.Job`) is the truth about a job, whichever runs it:

1. :func:`create` adds a queued job, :func:`start` commits it and hands it to the backend;
2. :func:`perform` claims it (one conditional UPDATE: two workers never both run it),
   beats its heart from a side thread while the kind's handler works, then marks it done
   or failed;
3. :func:`sweep` finds running jobs whose heart stopped (the worker was killed, the
   machine rebooted) and queues them again, or fails them after their last attempt.
   Workers sweep regularly, and so does every page that shows a job.

Handlers must tolerate a second attempt after a crash: the analysis stores its themes in
the transaction that marks the run done, and mail batches claim each message before
sending it (see ``survey/mail/sending.py``).
"""

import importlib
import logging
import threading
from datetime import datetime, timedelta, timezone

from blinker import Namespace
from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from survey.audit import actor_of
from survey.extensions import db
from survey.models import Job


def utc_now():
    """Return the current UTC time to the microsecond (heartbeats are seconds apart)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)

log = logging.getLogger(__name__)

#: kind -> module with ``perform(job, progress)`` and ``abandon(connection, job_id, message)``.
HANDLERS = {"analysis": "survey.themes.runs", "mail": "survey.mail.sending"}

#: Sent with ``job_id`` and ``status`` when a job ends in this process (tests and logs listen).
job_finished = Namespace().signal("job-finished")


class JobLost(RuntimeError):
    """Another worker took this job over (its heart was thought stopped): stop quietly."""


def _handler(kind):
    return importlib.import_module(HANDLERS[kind])


def in_background():
    """Return whether jobs go to a worker or thread (off when testing unless asked for)."""
    return current_app.config.get("JOBS_IN_BACKGROUND", not current_app.testing)


def uses_redis():
    """Return whether jobs go to Redis for ``engage worker`` processes."""
    return bool(current_app.config.get("REDIS_URL"))


def create(kind, arguments, user=None, questionnaire=None, max_attempts=2):
    """Add (not commit) a queued job of ``kind``; return it with its id."""
    if kind not in HANDLERS:
        raise KeyError(kind)
    job = Job(kind=kind, arguments=arguments, status="queued", max_attempts=max_attempts,
              created_by_id=user.id if user is not None else None, actor=actor_of(user),
              questionnaire_id=questionnaire.id if questionnaire is not None else None,
              stage=None)
    db.session.add(job)
    db.session.flush()
    return job


def start(job, background=None):
    """Commit ``job`` and run it: in the background (worker or thread), or here and now."""
    db.session.commit()
    if background is None:
        background = in_background()
    if not background:
        perform(job.id)
        db.session.refresh(job)
        return job
    from survey.jobs import backends

    backends.dispatch(current_app._get_current_object(), job.id, job.attempts)
    return job


def _claim(job_id):
    """Return the attempt number if this process may run job ``job_id`` now, else None."""
    now = utc_now()
    claimed = db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == "queued",
                          Job.attempts < Job.max_attempts)
        .values(status="running", attempts=Job.attempts + 1, started_on=now, heartbeat_on=now,
                error=None))
    db.session.commit()
    if not claimed.rowcount:
        return None
    return db.session.scalar(select(Job.attempts).where(Job.id == job_id))


def _finish(job_id, attempt, status, error=None):
    done = db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == "running", Job.attempts == attempt)
        .values(status=status, error=error, finished_on=utc_now(),
                **({"progress": 100} if status == "done" else {})))
    db.session.commit()
    return bool(done.rowcount)


class _Heart(threading.Thread):
    """Beats a running job's heart from a side thread, so that a long step looks alive."""

    def __init__(self, app, job_id, attempt):
        super().__init__(name=f"job-{job_id}-heart", daemon=True)
        self.app, self.job_id, self.attempt = app, job_id, attempt
        self.stopped, self.lost = threading.Event(), threading.Event()

    def run(self):
        interval = self.app.config["JOB_HEARTBEAT_SECONDS"]
        with self.app.app_context():
            while not self.stopped.wait(interval):
                try:
                    with db.engine.begin() as connection:
                        beat = connection.execute(
                            update(Job).where(Job.id == self.job_id, Job.status == "running",
                                              Job.attempts == self.attempt)
                            .values(heartbeat_on=utc_now()))
                    if not beat.rowcount:
                        self.lost.set()
                        return
                except Exception:  # noqa: BLE001 - a missed beat is retried; the job goes on
                    log.warning("job %s: heartbeat failed", self.job_id, exc_info=True)


def perform(job_id, observer=None):
    """Run job ``job_id`` if it is queued (claiming it first); return its final status.

    ``observer(percent, stage)``, if given, hears of its progress (a command's progress bar).
    """
    from survey.themes.corrections import english_outside_requests

    english_outside_requests()
    attempt = _claim(job_id)
    if attempt is None:
        return None
    job = db.session.get(Job, job_id)
    heart = _Heart(current_app._get_current_object(), job_id, attempt)
    heart.start()

    def progress(percent, stage=None):
        if heart.lost.is_set():
            raise JobLost(job_id)
        db.session.execute(update(Job).where(Job.id == job_id, Job.attempts == attempt).values(
            progress=max(0, min(100, int(percent))), stage=(stage or "")[:200] or None,
            heartbeat_on=utc_now()))
        db.session.commit()
        if observer is not None:
            observer(percent, stage)

    status = "done"
    try:
        _handler(job.kind).perform(job, progress)
        _finish(job_id, attempt, "done")
    except JobLost:
        db.session.rollback()
        status = "lost"
        log.warning("job %s was taken over by another worker", job_id)
    except Exception as error:  # noqa: BLE001 - a job must end failed, never stay running
        db.session.rollback()
        log.exception("job %s (%s) failed", job_id, job.kind)
        status = "failed"
        message = str(error) or type(error).__name__
        if _finish(job_id, attempt, "failed", message[:2000]):
            with db.engine.begin() as connection:
                _handler(job.kind).abandon(connection, job_id, message)
    finally:
        heart.stopped.set()
        heart.join(timeout=30)
    job_finished.send(current_app._get_current_object(), job_id=job_id, status=status)
    return status


def sweep(now=None):
    """Queue again, or fail after their last attempt, running jobs whose worker stopped.

    Works in the caller's session (a request holding SQLite's write lock must not wait for
    itself) and commits only when there is something to change. Return the ids of the
    jobs handed out again.
    """
    from survey.jobs import backends
    from survey.themes.corrections import english_outside_requests

    english_outside_requests()
    now = now or utc_now()
    stale = now - timedelta(seconds=current_app.config["JOB_STALE_SECONDS"])
    session = db.session
    rows = session.execute(select(Job.id, Job.kind, Job.attempts, Job.max_attempts).where(
        Job.status == "running", Job.heartbeat_on < stale)).all()
    # A queued job nobody holds (Redis lost it; the web process that had it in a thread
    # stopped) is handed out again; the claim keeps it from running twice.
    waiting = session.execute(select(Job.id, Job.attempts).where(
        Job.status == "queued", Job.queued_on < stale)).all()
    again = [(job_id, attempts) for job_id, attempts in waiting
             if not backends.is_waiting(current_app, job_id, attempts)]
    if not rows and not again:
        return []
    try:
        # End the caller's read snapshot first: on SQLite a read transaction that then
        # writes fails at once if a worker wrote meanwhile.
        session.commit()
        if again:
            session.execute(update(Job).where(Job.id.in_([j for j, _a in again]),
                                              Job.status == "queued").values(queued_on=now))
        again += _recover(session, rows, stale, now)
    except OperationalError:  # the write lock is busy: a worker or the next page sweeps
        session.rollback()
        log.warning("could not sweep the jobs now", exc_info=True)
        return []
    for job_id, attempts in again:
        backends.dispatch(current_app._get_current_object(), job_id, attempts)
    return [job_id for job_id, _attempts in again]


def _recover(session, rows, stale, now):
    """Queue again or fail the stale running jobs of ``rows``; commit; return those queued."""
    from flask_babel import gettext as _

    again = []
    for job_id, kind, attempts, max_attempts in rows:
        still = (Job.id == job_id, Job.status == "running", Job.attempts == attempts,
                 Job.heartbeat_on < stale)
        if attempts < max_attempts:
            if session.execute(update(Job).where(*still).values(
                    status="queued", stage=None, queued_on=now)).rowcount:
                again.append((job_id, attempts))
            continue
        message = _("The worker stopped while doing this job, %(count)d times: it was given up.",
                    count=attempts)
        if session.execute(update(Job).where(*still).values(
                status="failed", error=message, finished_on=now)).rowcount:
            _handler(kind).abandon(session.connection(), job_id, message)
    session.commit()
    return again


def refresh(job):
    """Sweep, then give ``job`` its stored state; return its status."""
    if job.status in ("queued", "running"):
        sweep()
        db.session.refresh(job)
    return job.status
