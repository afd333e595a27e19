"""Running the theme analysis over a questionnaire's free-text answers and storing the run.

Only the answers to text questions are analysed: the "other, please specify" texts of
choice questions describe the participant (an organisation type, a gender) or complete
a choice, and are read with that choice rather than grouped into themes.
"""

import warnings
from datetime import timedelta
from importlib import metadata

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from survey import jobs
from survey.extensions import db
from survey.models import AnalysisRun, Answer, Question, Response, Theme, ThemeAssignment, utc_now
from survey.fields import TEXT_TYPES
from survey.questionnaires.questions import questions_in_order
from survey.themes import carry
from survey.themes.catalogue import catalogue_of, seeded_entries
from survey.audit import actor_of
from survey.themes.corrections import audit, english_outside_requests

EMBEDDINGS = ("use", "tfidf")
#: A run done in the foreground (``engage analyze``) still "running" after this long was
#: cut off; background runs are watched by their job instead.
STALE_AFTER = timedelta(hours=1)


class RunError(Exception):
    """The analysis cannot start or failed, with a message for the user."""


def text_questions(questionnaire):
    """Return the questionnaire's free-text questions, in questionnaire order."""
    return [q for q in questions_in_order(questionnaire) if q.type in TEXT_TYPES]


def has_demo_only(questionnaire):
    """Return whether every completed response is demo data (and there is at least one)."""
    flags = set(db.session.scalars(select(Response.is_demo).where(
        *Response.in_scope(questionnaire, "include", completed=True))))
    return flags == {True}


def collect_answers(questionnaire, question_code=None, include_demo=True):
    """Return ``[(answer id, text)]``: the completed responses' non-empty text answers in scope."""
    query = (select(Answer.id, Answer.text).join(Response, Answer.response_id == Response.id)
             .join(Question, Answer.question_id == Question.id)
             .where(*Response.in_scope(questionnaire, include_demo, completed=True),
                    Question.type.in_(TEXT_TYPES), Answer.text.is_not(None))
             .order_by(Answer.id))
    if question_code is not None:
        query = query.where(Question.code == question_code)
    return [(answer_id, text) for answer_id, text in db.session.execute(query) if text.strip()]


def is_stale(run, now=None):
    """Return whether ``run`` still says running although it cannot be.

    A background run is stale when its job failed (its worker died too often); a run
    done in the foreground, when it started over an hour ago.
    """
    if run.status != "running":
        return False
    if run.job is not None:
        return jobs.refresh(run.job) == "failed"
    return (now or utc_now()) - run.started_on > STALE_AFTER


def shown_status(run):
    """Return the status to show: a run cut off while running is shown as failed."""
    return "failed" if is_stale(run) else run.status


def running_run(questionnaire, question_code):
    """Return the run of this scope running now, or None (runs cut off are closed as failed)."""
    runs = db.session.scalars(select(AnalysisRun).where(
        AnalysisRun.questionnaire_id == questionnaire.id, AnalysisRun.status == "running",
        AnalysisRun.over(question_code))).all()
    for run in runs:
        if not is_stale(run):
            return run
        fail(run, _("The analysis stopped without finishing (the server was probably restarted)."))
    return None


def versions():
    """Return the versions of Engage and of the libraries that run the analysis."""
    import platform

    import numpy
    import sklearn

    engage = metadata.version("engage")
    return {"engage": engage, "analysis": engage, "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "python": platform.python_version()}


def start(questionnaire, question_code=None, include_demo=True, embedding="use", user=None,
          min_theme_size=5):
    """Check the request and store a new run with status "running"; return it (committed)."""
    english_outside_requests()
    if embedding not in EMBEDDINGS:
        raise RunError(_("Unknown embedding %(name)s.", name=embedding))
    codes = {q.code for q in text_questions(questionnaire)}
    if question_code is not None and question_code not in codes:
        raise RunError(_("%(code)s is not a free-text question of this questionnaire.", code=question_code))
    if running_run(questionnaire, question_code) is not None:
        db.session.commit()
        raise RunError(_("An analysis of these answers is already running. Wait for it to finish."))
    count = len(collect_answers(questionnaire, question_code, include_demo))
    if count < 2:
        db.session.commit()
        raise RunError(_("There are %(count)d answers to analyse: at least 2 are needed.", count=count))
    seeded_entries(questionnaire)  # here, so that two runs in threads never both seed it
    run = AnalysisRun(questionnaire_id=questionnaire.id, question_code=question_code,
                      status="running", progress=0, stage=_("Waiting to start"),
                      parameters={"question_code": question_code, "include_demo": include_demo,
                                  "embedding": embedding, "min_theme_size": min_theme_size,
                                  "random_state": 0},
                      versions=versions(), created_by_id=user.id if user is not None else None,
                      actor=actor_of(user))
    db.session.add(run)
    db.session.commit()
    return run


def _progress(run, percent, stage):
    run.progress, run.stage = percent, stage
    db.session.commit()


def fail(run, message):
    """Mark ``run`` as failed with ``message``; commit."""
    run.status, run.error, run.finished_on = "failed", message, utc_now()
    db.session.commit()


def _store(run, model, answers):
    """Add one Theme per model theme and one ThemeAssignment per answer."""
    by_model_id = {}
    for position, found in enumerate(model.themes_):
        key = found.id.replace("new-", "discovered-", 1) if found.source == "discovered" else found.id
        theme = Theme(run_id=run.id, key=key, source=found.source, label=found.label[:200],
                      description=found.description or "", terms=list(found.terms), position=position)
        run.themes.append(theme)
        by_model_id[found.id] = theme
    db.session.flush()
    for (answer_id, _text), label, confidence in zip(answers, model.labels_, model.confidence_):
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer_id,
                                       theme_id=by_model_id[str(label)].id,
                                       confidence=round(float(confidence), 4)))
    db.session.flush()


def execute(run):
    """Do the analysis of a started ``run``: collect, fit, store, carry corrections over; commit."""
    from analysis import ThemeModel

    english_outside_requests()
    params = run.parameters
    try:
        _progress(run, 10, _("Collecting the answers"))
        answers = collect_answers(run.questionnaire, run.question_code, params["include_demo"])
        if len(answers) < 2:
            raise RunError(_("Fewer than 2 answers are left to analyse."))
        catalogue = catalogue_of(run.questionnaire)
        run.parameters = params | {"catalogue": catalogue.to_dict() if catalogue else None}
        _progress(run, 40, _("Reading and grouping the answers"))
        model = ThemeModel(catalogue=catalogue, embedding=params["embedding"],
                           min_theme_size=params["min_theme_size"], random_state=0)
        with warnings.catch_warnings():
            # A handful of near-identical answers makes scikit-learn divide by zero while
            # measuring variance: a note about the numbers, not a failure of the run.
            warnings.simplefilter("ignore", RuntimeWarning)
            model.fit([text for _id, text in answers])
        _progress(run, 80, _("Storing the themes"))
        # Themes, placements and carried corrections are committed together with "done".
        _store(run, model, answers)
        run.answer_count = len(answers)
        carry.carry_over(run)
        audit(run.created_by, run.questionnaire, run, None,
              "run", _("Ran the theme analysis over %(count)d answers.", count=len(answers)),
              {"parameters": {k: v for k, v in run.parameters.items() if k != "catalogue"}})
        run.status, run.progress, run.stage, run.finished_on = "done", 100, _("Done"), utc_now()
        db.session.commit()
    except Exception as error:  # noqa: BLE001 - any failure must end the run, not leave it running
        db.session.rollback()
        message = str(error) if isinstance(error, RunError) else _(
            "The analysis failed: %(error)s", error=f"{type(error).__name__}: {error}")
        current_app.logger.exception("analysis run %s failed", run.id)
        fail(run, message)
    return run


def perform(job, progress):
    """Do the analysis run of background ``job`` (the job queue calls this)."""
    run = db.session.get(AnalysisRun, job.arguments["run_id"])
    if run is None or run.status != "running":
        return  # deleted, or finished by an earlier attempt
    execute(run)
    if run.status == "failed":
        raise RunError(run.error)


def abandon(connection, job_id, message):
    """Fail the run of job ``job_id``, whose worker died or which failed (through ``connection``)."""
    from sqlalchemy import update

    connection.execute(update(AnalysisRun).where(
        AnalysisRun.job_id == job_id, AnalysisRun.status == "running").values(
        status="failed", error=message, finished_on=utc_now()))


def launch(questionnaire, user=None, background=None, **options):
    """Start a run and do it, as a background job unless ``background`` is False; return the run.

    ``background`` defaults to the app's ``JOBS_IN_BACKGROUND`` setting (off when testing).
    """
    run = start(questionnaire, user=user, **options)
    if background is None:
        background = jobs.in_background()
    if not background:
        return execute(run)
    job = jobs.create("analysis", {"run_id": run.id}, user=user, questionnaire=questionnaire)
    run.job_id = job.id
    jobs.start(job, background=True)
    return run
