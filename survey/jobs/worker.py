"""``engage worker``: a process that runs the jobs queued in Redis, on this or any machine."""

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from survey.database import writing
from survey.extensions import db

#: The app of this worker process, made once: jobs share its loaded models and pools.
_APP = None


def run(job_id):
    """Run Engage job ``job_id`` (RQ calls this in the worker)."""
    global _APP
    from survey.jobs import perform

    if _APP is None:
        from survey import create_app

        _APP = create_app()
    with _APP.app_context(), writing():
        try:
            return perform(job_id)
        finally:
            db.session.remove()


def _worker_class():
    from rq import SimpleWorker

    class EngageWorker(SimpleWorker):
        """RQ's in-process worker that also sweeps Engage's jobs whose worker died.

        In-process (not forking): the app, its database pool and the language model stay
        loaded between jobs; Engage's own heartbeat, not RQ's, tells a dead worker.
        """

        @property
        def dequeue_timeout(self):
            return max(1, int(_APP.config["JOB_STALE_SECONDS"] / 2))

        def run_maintenance_tasks(self):
            super().run_maintenance_tasks()
            from survey.jobs import sweep
            from survey.schedule import apply_schedules

            with _APP.app_context():
                try:
                    sweep()
                    apply_schedules()
                finally:
                    db.session.remove()

    return EngageWorker


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for scripts).")
@click.option("--name", default=None, help="The worker's name in Redis (default: random).")
@with_appcontext
def worker_command(burst, name):
    """Run background jobs (theme analyses, mail batches) queued in Redis (ENGAGE_REDIS_URL).

    Start as many as you like, on this machine or others sharing the database and Redis.
    """
    global _APP
    from rq import Queue

    from survey.jobs.backends import redis_connection

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException(
            "ENGAGE_REDIS_URL is not set: without Redis, jobs run inside the web server "
            "and `engage mail` sends at once; no worker is needed.")
    _APP = current_app._get_current_object()
    import analysis  # noqa: F401 - loaded once here, not in the first job's time

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    connection = redis_connection(_APP)
    stale = _APP.config["JOB_STALE_SECONDS"]
    worker = _worker_class()(
        [Queue(_APP.config["JOB_QUEUE"], connection=connection)], connection=connection, name=name,
        maintenance_interval=max(1, int(stale / 2)), worker_ttl=max(30, int(stale) + 15))
    click.echo(f"Engage worker {worker.name} waiting for jobs on {_APP.config['JOB_QUEUE']!r}.")
    worker.work(burst=burst, logging_level="INFO")
