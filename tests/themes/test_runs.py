"""Running the analysis: what a run stores, its progress, refusals and failures."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from conftest import PASSWORD
from helpers import completed_answers_to, csrf_token, log_in
from survey.extensions import db
from survey.models import (AnalysisRun, Answer, AuditEntry, CatalogueEntry, Question, Theme,
                           ThemeAssignment, utc_now)
from survey.themes import runs
from themes.conftest import QUESTION, analyse

URL = "/review/iew-2026-industry/themes"


def test_a_run_stores_its_parameters_versions_author_themes_and_placements(demo_run):
    answers = runs.collect_answers(demo_run.questionnaire, QUESTION)
    # the completed demo responses that answered it
    assert demo_run.answer_count == len(answers) == completed_answers_to(QUESTION) > 0
    assert demo_run.actor == "Reviewer 0 <runner@example.org>"
    assert demo_run.created_by.email == "runner@example.org"
    assert demo_run.finished_on >= demo_run.started_on and demo_run.progress == 100
    params = demo_run.parameters
    assert (params["question_code"], params["embedding"], params["include_demo"]) == (QUESTION, "tfidf", True)
    catalogue_keys = [t["id"] for t in params["catalogue"]["themes"]]
    stored = db.session.scalars(select(CatalogueEntry.key).order_by(CatalogueEntry.position)).all()
    assert catalogue_keys == stored and "smes-startups" in stored  # seeded from the action plan
    assert set(demo_run.versions) >= {"engage", "analysis", "scikit-learn", "numpy"}
    keys = {t.key for t in demo_run.themes}
    assert "smes-startups" in keys and any(k.startswith("discovered-") for k in keys)
    placed = db.session.scalars(select(ThemeAssignment.answer_id).filter_by(run_id=demo_run.id)).all()
    assert sorted(placed) == [answer_id for answer_id, _text in answers]
    assert db.session.scalar(select(AuditEntry.summary).filter_by(run_id=demo_run.id, action="run"))


def test_only_text_answers_of_completed_responses_are_analysed(demo):
    run = analyse(demo, question_code=None)
    types = set(db.session.scalars(
        select(Question.type).join(Answer).join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)
        .where(ThemeAssignment.run_id == run.id)))
    assert types <= {"short_text", "long_text"}
    # "Other, please specify" texts describe a choice: they are left out.
    others = db.session.scalar(select(func.count()).select_from(Answer).join(Question).where(
        Question.type.not_in(["short_text", "long_text"]), Answer.text.is_not(None)))
    assert others > 0 and run.answer_count == len(runs.collect_answers(demo, None))


def test_too_few_answers_are_refused_clearly(demo):
    with pytest.raises(runs.RunError, match="at least 2"):
        runs.launch(demo, question_code=QUESTION, include_demo=False, embedding="tfidf")
    assert db.session.scalar(select(func.count()).select_from(AnalysisRun)) == 0


def test_a_second_run_of_the_same_answers_waits_but_a_stale_one_does_not_block(demo):
    first = runs.start(demo, QUESTION, embedding="tfidf")
    with pytest.raises(runs.RunError, match="already running"):
        runs.start(demo, QUESTION, embedding="tfidf")
    runs.start(demo, "why_care", embedding="tfidf")  # another scope may run meanwhile
    first.started_on = utc_now() - timedelta(hours=2)
    db.session.commit()
    assert runs.shown_status(first) == "failed"
    second = runs.start(demo, QUESTION, embedding="tfidf")
    assert second.status == "running" and first.status == "failed" and "restarted" in first.error


def test_a_failure_is_recorded_with_a_readable_error(demo, monkeypatch):
    from analysis import ThemeModel

    def broken(self, texts, languages=None):
        raise MemoryError("out of memory")

    monkeypatch.setattr(ThemeModel, "fit", broken)
    run = runs.launch(demo, question_code=QUESTION, embedding="tfidf", background=False)
    assert run.status == "failed" and "out of memory" in run.error and run.finished_on
    assert db.session.scalar(select(func.count()).select_from(Theme)) == 0


def test_progress_goes_through_the_stages(demo, monkeypatch):
    seen = []
    original = runs._progress
    monkeypatch.setattr(runs, "_progress", lambda run, percent, stage: (
        seen.append(percent), original(run, percent, stage)))
    analyse(demo)
    assert seen == sorted(seen) and seen[0] == 10 and len(seen) >= 3


def reviewer_client(app, make_user, client):
    log_in(client, make_user("reviewer").email, PASSWORD)
    return client


def test_the_button_runs_the_analysis_and_the_status_says_done(app, demo, make_user, client):
    reviewer_client(app, make_user, client)
    token = csrf_token(client.get(URL + "/").get_data(as_text=True))
    posted = client.post(URL + "/runs/", data={"csrf_token": token, "question": QUESTION,
                                               "include_demo": "1", "embedding": "tfidf"})
    assert posted.status_code == 303
    run = db.session.scalars(select(AnalysisRun)).one()
    assert posted.headers["Location"].endswith(f"/runs/{run.id}/")
    status = client.get(f"{URL}/runs/{run.id}/status").get_json()
    assert status["status"] == "done" and status["progress"] == 100
    page = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "Themes by segment" in page and "chart.svg" in page
    chart = client.get(f"{URL}/runs/{run.id}/chart.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"<script" not in chart.data


def test_the_button_runs_in_a_background_job_and_the_page_follows_it(app, demo, make_user, client):
    from helpers import jobs_finishing

    app.config["JOBS_IN_BACKGROUND"] = True
    reviewer_client(app, make_user, client)
    token = csrf_token(client.get(URL + "/").get_data(as_text=True))
    with jobs_finishing() as finished:
        posted = client.post(URL + "/runs/", data={"csrf_token": token, "question": QUESTION,
                                                   "include_demo": "1", "embedding": "tfidf"})
        run_id = int(posted.headers["Location"].rstrip("/").split("/")[-1])
        db.session.rollback()  # the request's transaction ends here (a real request would end it)
        job_id = db.session.get(AnalysisRun, run_id).job_id
        assert finished(job_id) == "done"
    db.session.rollback()  # forget the run as this test read it while it ran
    status = client.get(f"{URL}/runs/{run_id}/status").get_json()
    assert status["status"] == "done", status
    db.session.expire_all()
    assert db.session.get(AnalysisRun, run_id).answer_count == completed_answers_to(QUESTION)


def test_a_running_run_shows_its_progress_with_a_refresh_link(app, demo, make_user, client):
    reviewer_client(app, make_user, client)
    run = runs.start(demo, QUESTION, embedding="tfidf")
    run.progress, run.stage = 40, "Reading and grouping the answers"
    db.session.commit()
    page = client.get(f"{URL}/?question={QUESTION}").get_data(as_text=True)
    assert f'data-status-url="{URL}/runs/{run.id}/status"' in page and "Refresh" in page
    assert client.get(f"{URL}/runs/{run.id}/status").get_json() == {
        "status": "running", "progress": 40, "stage": "Reading and grouping the answers",
        "error": None, "url": f"{URL}/runs/{run.id}/"}
    token = csrf_token(page)
    again = client.post(URL + "/runs/", data={"csrf_token": token, "question": QUESTION,
                                              "include_demo": "1", "embedding": "tfidf"})
    assert again.status_code == 409 and "already running" in again.get_data(as_text=True)


def test_the_button_explains_when_there_is_nothing_to_analyse(app, workshop_questionnaire, make_user, client):
    reviewer_client(app, make_user, client)
    token = csrf_token(client.get(URL + "/").get_data(as_text=True))
    refused = client.post(URL + "/runs/", data={"csrf_token": token, "embedding": "tfidf"})
    assert refused.status_code == 409 and "at least 2" in refused.get_data(as_text=True)
    bad = client.post(URL + "/runs/", data={"csrf_token": token, "question": "org_type\x00"})
    assert bad.status_code == 400
