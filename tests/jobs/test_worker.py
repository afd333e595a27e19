"""Jobs through a real Redis, run by `engage worker` processes started here."""

import signal
import time

from sqlalchemy import select

from conftest import PASSWORD
from helpers import csrf_token, log_in
from survey.extensions import db
from survey.models import AnalysisRun, Job, Message
from themes.conftest import QUESTION



def poll(check, timeout=120):
    """Return ``check()`` once it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)  # polling a condition with a deadline, not timing the code


def test_a_run_queued_by_the_web_app_waits_for_a_worker_and_is_done_by_it(
        app, demo, make_user, client, workers):
    log_in(client, make_user("reviewer").email, PASSWORD)
    url = f"/review/{demo.slug}/themes"
    token = csrf_token(client.get(url + "/").get_data(as_text=True))
    posted = client.post(url + "/runs/", data={"csrf_token": token, "question": QUESTION,
                                               "include_demo": "1", "embedding": "tfidf"})
    run_id = int(posted.headers["Location"].rstrip("/").split("/")[-1])
    db.session.rollback()
    # No worker yet: the job waits in Redis (it would outlive a restart of the web server).
    job = db.session.get(AnalysisRun, run_id).job
    assert job.status == "queued"
    assert client.get(f"{url}/runs/{run_id}/status").get_json()["status"] == "running"
    workers.start()
    status = poll(lambda: (s := client.get(f"{url}/runs/{run_id}/status").get_json())
                  ["status"] != "running" and s)
    assert status["status"] == "done", status
    assert db.session.get(Job, job.id).status == "done"


def test_a_worker_killed_mid_batch_leaves_the_batch_retried_and_nobody_mailed_twice(
        mail_app, inbox, imported, mail_questionnaire, workers, runner):
    import threading

    from survey.cli import cli

    workers.extra.update({"ENGAGE_SMTP_HOST": "127.0.0.1", "ENGAGE_SMTP_PORT": str(inbox.port),
                          "ENGAGE_MAIL_FROM": "IEWSC <iewsc@example.org>",
                          "ENGAGE_MAIL_PER_MINUTE": "0", "ENGAGE_SMTP_RETRY_DELAY": "0",
                          "ENGAGE_BASE_URL": "https://engage.example.org"})
    inbox.hold = threading.Event()  # the server keeps the first message waiting at DATA
    result = runner.invoke(cli, ["mail", "invite", "test-q"])
    assert result.exit_code == 0 and "Queued as job" in result.output, result.output
    first = workers.start()
    assert inbox.holding.wait(120), "the worker never reached the mail server"
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    inbox.hold.set()  # (the server drops the message of the dead connection)
    job = db.session.scalars(select(Job)).one()
    workers.start()
    poll(lambda: db.session.get(Job, job.id).status in ("done", "failed"))
    job = db.session.get(Job, job.id)
    assert job.status == "done" and job.attempts == 2
    messages = db.session.scalars(select(Message).order_by(Message.id)).all()
    assert [m.status for m in messages] == ["uncertain", "sent", "sent"]
    # The message cut off mid-send was not sent again; the others went out once each.
    recipients = sorted(m["To"].split("<")[-1].rstrip(">") for m in inbox.wait_for(2))
    assert recipients == sorted(m.contact.email for m in messages[1:])
