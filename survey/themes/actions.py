"""The committee's corrections, as POST views: check the ids, apply, commit, go back."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey.auth import permission_required, visible_questionnaire
from survey.errors import abort_with
from survey.extensions import db
from survey.models import Theme, ThemeAssignment
from survey.themes import corrections
from survey.routing import row_id
from survey.themes.loaders import is_latest, load_run, load_theme
from survey.themes.blueprint import bp


def editable_run(slug, run_id):
    """Return the run ``run_id`` of ``slug`` if it may be corrected (the latest finished of its scope)."""
    run = load_run(visible_questionnaire(slug), run_id)
    if not is_latest(run):
        abort_with(409, _("Only the latest finished run of these answers can be corrected."))
    return run


def form_theme(run, name="target"):
    """Return the theme of ``run`` chosen in field ``name``; 400 if it is not one of the run's."""
    theme_id = row_id(request.form.get(name))
    if theme_id is None:
        abort_with(400, _("Choose a theme from the list."))
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id:
        abort_with(400, _("That theme is not part of this analysis run."))
    return theme


def apply(correction, *args, done_message):
    """Run ``correction``; commit and flash ``done_message``, or roll back and stop with its 4xx."""
    try:
        result = correction(current_user, *args)
    except corrections.CorrectionError as error:
        db.session.rollback()
        abort_with(error.status, error.message)
    db.session.commit()
    flash(done_message, "success")
    return result


def back_to(theme):
    return redirect(url_for("themes.theme_page", slug=theme.run.questionnaire.slug,
                            run_id=theme.run_id, theme_id=theme.id), 303)


@bp.post("/runs/<id:run_id>/themes/<id:theme_id>/rename")
@permission_required("analyse")
def rename_theme(slug, run_id, theme_id):
    theme = load_theme(editable_run(slug, run_id), theme_id)
    apply(corrections.rename, theme, request.form.get("label"), request.form.get("description"),
          done_message=_("The theme was saved."))
    return back_to(theme)


@bp.post("/runs/<id:run_id>/themes/<id:theme_id>/merge")
@permission_required("analyse")
def merge_theme(slug, run_id, theme_id):
    run = editable_run(slug, run_id)
    theme = load_theme(run, theme_id)
    target = form_theme(run)
    apply(corrections.merge, theme, target, done_message=_("The themes were merged."))
    return back_to(target)


@bp.post("/runs/<id:run_id>/themes/<id:theme_id>/split")
@permission_required("analyse")
def split_theme(slug, run_id, theme_id):
    run = editable_run(slug, run_id)
    theme = load_theme(run, theme_id)
    chosen = [row_id(v) for v in request.form.getlist("answer")]
    if None in chosen:
        abort_with(400, _("Choose answers of this theme to move."))
    target = None if request.form.get("target", "new") == "new" else form_theme(run)
    apply(corrections.split, theme, chosen, target, request.form.get("new_label"),
          done_message=_("The chosen answers were moved."))
    return back_to(theme)


@bp.post("/runs/<id:run_id>/themes/<id:theme_id>/notes")
@permission_required("analyse")
def add_note(slug, run_id, theme_id):
    theme = load_theme(editable_run(slug, run_id), theme_id)
    apply(corrections.add_note, theme, request.form.get("text"), done_message=_("The note was added."))
    return back_to(theme)


def load_assignment(run, answer_id):
    """Return where ``run`` put answer ``answer_id``; 404 if the run did not analyse it."""
    assignment = db.session.scalars(select(ThemeAssignment).filter_by(
        run_id=run.id, answer_id=answer_id)).one_or_none()
    if assignment is None:
        abort_with(404, _("This answer is not part of this analysis run."))
    return assignment


@bp.post("/runs/<id:run_id>/answers/<id:answer_id>/move")
@permission_required("analyse")
def move_answer(slug, run_id, answer_id):
    run = editable_run(slug, run_id)
    assignment = load_assignment(run, answer_id)
    origin = assignment.theme
    apply(corrections.move, assignment, form_theme(run), done_message=_("The answer was moved."))
    return back_to(origin)


@bp.post("/runs/<id:run_id>/answers/<id:answer_id>/highlight")
@permission_required("analyse")
def highlight_answer(slug, run_id, answer_id):
    run = editable_run(slug, run_id)
    assignment = load_assignment(run, answer_id)
    wanted = request.form.get("highlighted")
    if wanted not in ("1", "0"):
        abort_with(400, _("Say whether to highlight the answer."))
    apply(corrections.set_highlight, assignment, wanted == "1",
          done_message=_("The answer is highlighted.") if wanted == "1"
          else _("The answer is no longer highlighted."))
    return back_to(assignment.theme)
