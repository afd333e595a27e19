"""The job queue without Redis: a dead worker's job is queued again, then failed; never
"running" for ever."""

from datetime import timedelta

from sqlalchemy import select

from helpers import jobs_finishing
from survey import jobs
from survey.extensions import db
from survey.models import AnalysisRun, Job, Message, utc_now
from survey.themes import runs
from themes.conftest import QUESTION



def abandoned(kind, arguments, attempts, max_attempts):
    """Return a job as a worker killed mid-way leaves it: running, its heart stopped."""
    job = jobs.create(kind, arguments, max_attempts=max_attempts)
    job.status, job.attempts = "running", attempts
    job.heartbeat_on = utc_now() - timedelta(minutes=10)
    db.session.commit()
    return job


def test_a_job_whose_worker_died_is_run_again_in_the_background(app, demo):
    app.config["JOBS_IN_BACKGROUND"] = True
    run = runs.start(demo, QUESTION, embedding="tfidf")
    job = abandoned("analysis", {"run_id": run.id}, attempts=1, max_attempts=2)
    run.job_id = job.id
    db.session.commit()
    with jobs_finishing() as finished:
        assert jobs.sweep() == [job.id]
        assert finished(job.id) == "done"
    db.session.rollback()
    assert db.session.get(Job, job.id).attempts == 2
    assert db.session.get(AnalysisRun, run.id).status == "done"


def test_a_job_whose_worker_died_too_often_is_failed_with_its_run(app, demo, make_user, client,
                                                                 login):
    run = runs.start(demo, QUESTION, embedding="tfidf")
    job = abandoned("analysis", {"run_id": run.id}, attempts=2, max_attempts=2)
    run.job_id = job.id
    db.session.commit()
    login(make_user("reviewer"))
    # The page following the run notices, with no worker around to sweep.
    status = client.get(f"/review/{demo.slug}/themes/runs/{run.id}/status").get_json()
    assert status["status"] == "failed" and "worker stopped" in status["error"]
    db.session.rollback()
    assert db.session.get(Job, job.id).status == "failed"
    assert db.session.get(AnalysisRun, run.id).status == "failed"


def test_a_live_job_is_left_alone(app, demo):
    run = runs.start(demo, QUESTION, embedding="tfidf")
    job = abandoned("analysis", {"run_id": run.id}, attempts=1, max_attempts=2)
    job.heartbeat_on = utc_now()
    db.session.commit()
    assert jobs.sweep() == []
    assert jobs.refresh(job) == "running"


def test_a_job_is_run_once_even_if_handed_out_twice(app, demo):
    run = runs.start(demo, QUESTION, embedding="tfidf")
    job = jobs.create("analysis", {"run_id": run.id})
    run.job_id = job.id
    db.session.commit()
    assert jobs.perform(job.id) == "done"
    assert jobs.perform(job.id) is None  # a second delivery finds it taken
    assert db.session.get(Job, job.id).attempts == 1


def test_a_mail_batch_cut_off_mid_send_never_sends_that_message_again(
        mail_app, runner, inbox, imported, mail_questionnaire):
    from survey.mail.plan import make_plan, queue

    plan = make_plan(mail_questionnaire, "invitation")
    job = jobs.create("mail", plan.arguments(), max_attempts=3)
    queue(plan, job)
    job.status, job.attempts, job.heartbeat_on = "running", 1, utc_now() - timedelta(minutes=10)
    first = db.session.scalars(select(Message).order_by(Message.id)).first()
    first.status = "sending"  # the worker died while the server was taking this one
    db.session.commit()
    mail_app.config["JOBS_IN_BACKGROUND"] = True
    with jobs_finishing() as finished:
        assert jobs.sweep() == [job.id]
        assert finished(job.id) == "done"
    db.session.rollback()
    statuses = dict(db.session.execute(select(Message.id, Message.status)).all())
    assert statuses.pop(first.id) == "uncertain"
    assert set(statuses.values()) == {"sent"} and len(inbox.messages) == 2
    assert first.contact.email not in " ".join(m["To"] for m in inbox.messages)
