"""Where a job runs: an ``engage worker`` process reached through Redis (RQ), or a thread
of this process when no Redis is configured."""

import threading

from survey.database import writing
from survey.extensions import db



def redis_connection(app):
    """Return the app's Redis connection (one per process)."""
    from redis import Redis

    connection = app.extensions.get("engage_redis")
    if connection is None:
        connection = app.extensions["engage_redis"] = Redis.from_url(app.config["REDIS_URL"])
    return connection


def rq_job_id(app, job_id, attempts):
    """Return the id RQ knows job ``job_id`` by for its next attempt."""
    return f"{app.config['JOB_QUEUE']}-{job_id}-{attempts}"


def dispatch(app, job_id, attempts):
    """Hand job ``job_id`` to a worker through Redis, or to a new thread of this process."""
    if app.config.get("REDIS_URL"):
        from rq import Queue

        Queue(app.config["JOB_QUEUE"], connection=redis_connection(app)).enqueue(
            "survey.jobs.worker.run", job_id, job_id=rq_job_id(app, job_id, attempts),
            # The database row says how the job went; RQ's copies need not linger.
            job_timeout=-1, result_ttl=3600, failure_ttl=7 * 86400,
            description=f"Engage job {job_id}")
        return
    thread = threading.Thread(target=run_in_thread, args=(app, job_id),
                              name=f"engage-job-{job_id}", daemon=True)
    thread.start()


def is_waiting(app, job_id, attempts):
    """Return whether job ``job_id`` is held by a backend: waiting in Redis (threads: never known)."""
    if not app.config.get("REDIS_URL"):
        return False
    from rq.job import Job as RQJob

    connection, rq_id = redis_connection(app), rq_job_id(app, job_id, attempts)
    if not RQJob.exists(rq_id, connection=connection):
        return False
    status = RQJob.fetch(rq_id, connection=connection).get_status(refresh=True)
    return status in ("queued", "started", "deferred", "scheduled")


def run_in_thread(app, job_id):
    """Run job ``job_id`` in this thread with its own app context and session."""
    from survey.jobs import perform

    with app.app_context(), writing():
        try:
            perform(job_id)
        finally:
            db.session.remove()
