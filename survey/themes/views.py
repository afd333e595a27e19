"""The theme pages of the review area: runs, their themes, progress, and the chart."""

from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey.auth import can, permission_required, visible_questionnaire
from survey.charts import svg_response
from survey.errors import abort_with
from survey.extensions import db
from survey.models import AnalysisRun, AuditEntry
from survey.themes import findings, runs
from survey.themes.charts import segment_tables, theme_sizes_figure
from survey.themes.loaders import is_latest, load_run, load_theme
from survey.themes.blueprint import bp


def scope_of(questionnaire, code):
    """Return the question code named by a form or query value ("" or None: all free text)."""
    if not code:
        return None
    if code not in {q.code for q in runs.text_questions(questionnaire)}:
        abort_with(400, _("There is no free-text question %(code)s here.", code=code[:64]))
    return code


def runs_of(questionnaire, question_code):
    """Return the runs of this scope, newest first."""
    return db.session.scalars(
        select(AnalysisRun).where(
            AnalysisRun.questionnaire_id == questionnaire.id,
            AnalysisRun.over(question_code))
        .order_by(AnalysisRun.id.desc())).all()


def run_context(run):
    """Return the template values that show a finished run's themes."""
    found = findings.theme_findings(run)
    return {"run": run, "findings": [f for f in found if f.size],
            "empty": [f for f in found if not f.size], "segments": segment_tables(run),
            "editable": is_latest(run) and can("analyse")}


def page_context(questionnaire, question_code):
    """Return the values every theme list page shows: scope choice, runs, run form."""
    questions = runs.text_questions(questionnaire)
    return {"questionnaire": questionnaire, "questions": questions, "question_code": question_code,
            "question": next((q for q in questions if q.code == question_code), None),
            "runs": runs_of(questionnaire, question_code), "shown_status": runs.shown_status,
            "demo_only": runs.has_demo_only(questionnaire)}


@bp.get("/")
@permission_required("view")
def index(slug):
    questionnaire = visible_questionnaire(slug)
    question_code = scope_of(questionnaire, request.args.get("question"))
    context = page_context(questionnaire, question_code)
    run = findings.latest_run(questionnaire, question_code)
    running = next((r for r in context["runs"] if runs.shown_status(r) == "running"), None)
    return render_template("themes/index.html", running=running,
                           **context, **(run_context(run) if run else {"run": None}))


@bp.get("/runs/<id:run_id>/")
@permission_required("view")
def run_page(slug, run_id):
    questionnaire = visible_questionnaire(slug)
    run = load_run(questionnaire, run_id)
    context = page_context(questionnaire, run.question_code)
    shown = runs.shown_status(run)
    extra = run_context(run) if shown == "done" else {"run": run}
    return render_template("themes/run.html", status=shown, **context, **extra)


@bp.post("/runs/")
@permission_required("analyse")
def start_run(slug):
    questionnaire = visible_questionnaire(slug)
    question_code = scope_of(questionnaire, request.form.get("question"))
    embedding = request.form.get("embedding", "use")
    if embedding not in runs.EMBEDDINGS:
        abort_with(400, _("Choose an embedding: use or tfidf."))
    try:
        run = runs.launch(questionnaire, user=current_user, question_code=question_code,
                          include_demo=request.form.get("include_demo") == "1", embedding=embedding,
                          min_theme_size=current_app.config.get("THEMES_MIN_THEME_SIZE", 5))
    except runs.RunError as error:
        abort_with(409, str(error))
    return redirect(url_for("themes.run_page", slug=slug, run_id=run.id), 303)


@bp.get("/runs/<id:run_id>/status")
@permission_required("view")
def run_status(slug, run_id):
    run = load_run(visible_questionnaire(slug), run_id)
    return jsonify(status=runs.shown_status(run), progress=run.progress, stage=run.stage,
                   error=run.error if runs.shown_status(run) == "failed" else None,
                   url=url_for("themes.run_page", slug=slug, run_id=run.id))


@bp.get("/runs/<id:run_id>/chart.svg")
@permission_required("view")
def run_chart(slug, run_id):
    run = load_run(visible_questionnaire(slug), run_id)
    if run.status != "done":
        abort_with(404, _("This run has no themes yet."))
    return svg_response(theme_sizes_figure(run))


def theme_audit(theme):
    """Return the audit entries about ``theme``: those naming it, or whose detail mentions it."""
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.run_id == theme.run_id, AuditEntry.theme_id.is_not(None))
        .order_by(AuditEntry.created_on, AuditEntry.id)).all()
    return [e for e in entries
            if e.theme_id == theme.id or theme.id in (e.detail or {}).get("themes", [])]


@bp.get("/runs/<id:run_id>/themes/<id:theme_id>/")
@permission_required("view")
def theme_page(slug, run_id, theme_id):
    from survey.themes.answers import theme_answers

    questionnaire = visible_questionnaire(slug)
    run = load_run(questionnaire, run_id)
    theme = load_theme(run, theme_id)
    others = [t for t in run.themes if t.id != theme.id and t.merged_into_id is None]
    return render_template("themes/theme.html", questionnaire=questionnaire, run=run, theme=theme,
                           answers=theme_answers(theme), others=others, audit=theme_audit(theme),
                           editable=is_latest(run) and can("analyse"))
