"""A real Redis (database ENGAGE_TEST_REDIS_URL, default 15) and `engage worker` processes."""

import os
import signal
import subprocess
import sys
import uuid

import pytest

from themes.conftest import demo  # noqa: F401 - the demo responses, a fixture here too

REDIS_URL = os.environ.get("ENGAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")



@pytest.fixture
def redis_queue(app):
    """Point the app at Redis with a queue of this test's own; its keys are deleted after."""
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisError as error:
        message = f"Redis is not answering at {REDIS_URL} ({error}): apt-get install redis-server"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    queue = f"engage-test-{uuid.uuid4().hex[:12]}"
    app.config.update(REDIS_URL=REDIS_URL, JOB_QUEUE=queue, JOBS_IN_BACKGROUND=True,
                      JOB_HEARTBEAT_SECONDS=0.5, JOB_STALE_SECONDS=5)
    yield queue
    app.extensions.pop("engage_redis", None)
    for key in connection.scan_iter(match=f"*{queue}*"):
        connection.delete(key)
    connection.close()


class Workers:
    """`engage worker` processes started by a test, stopped at its end."""

    def __init__(self, app, database_url, queue, extra_env):
        self.app, self.database_url, self.queue, self.extra = app, database_url, queue, extra_env
        self.processes = []

    def start(self):
        from helpers import SECRET

        env = {**os.environ, "ENGAGE_ENV": "testing", "ENGAGE_SECRET_KEY": SECRET,
               "ENGAGE_DATABASE_URL": self.database_url, "ENGAGE_REDIS_URL": REDIS_URL,
               "ENGAGE_JOB_QUEUE": self.queue, "ENGAGE_JOB_HEARTBEAT_SECONDS": "0.5",
               "ENGAGE_JOB_STALE_SECONDS": "5", **self.extra}
        process = subprocess.Popen(
            [sys.executable, "-c", "from survey.cli import main; main()", "worker"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(app, migrated, redis_queue):
    """Return a starter of worker processes on the test database and this test's queue."""
    started = Workers(app, migrated, redis_queue, {})
    yield started
    started.stop()
