"""The catalogue page: the themes the analysis looks for first, edited by the committee."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from survey.auth import permission_required, visible_questionnaire
from survey.errors import abort_with
from survey.extensions import db
from survey.themes import catalogue
from survey.themes.corrections import CorrectionError
from survey.themes.blueprint import bp


@bp.get("/catalogue/", endpoint="catalogue")
@permission_required("view")
def show(slug):
    questionnaire = visible_questionnaire(slug)
    # Reading does not store anything: until someone edits, the default catalogue is shown.
    entries = catalogue.stored_entries(questionnaire) or catalogue.default_entries(questionnaire)
    return render_template("themes/catalogue.html", questionnaire=questionnaire, entries=entries)


def _save(slug, change, message):
    """Apply ``change()``, commit and go back to the catalogue; a refused change stops with its 4xx."""
    try:
        change()
    except CorrectionError as error:
        db.session.rollback()
        abort_with(error.status, error.message)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("themes.catalogue", slug=slug), 303)


def _entry(questionnaire, key):
    entry = catalogue.entry_by_key(questionnaire, key)
    if entry is None:
        db.session.rollback()
        abort_with(404, _("There is no such catalogue entry."))
    return entry


def _fields():
    form = request.form
    return form.get("title"), form.get("description"), form.get("keywords")


@bp.post("/catalogue/add", endpoint="catalogue_add")
@permission_required("analyse")
def add(slug):
    questionnaire = visible_questionnaire(slug)
    return _save(slug, lambda: catalogue.add_entry(current_user, questionnaire, *_fields()),
                 _("The entry was added to the catalogue."))


@bp.post("/catalogue/<key>/edit", endpoint="catalogue_edit")
@permission_required("analyse")
def edit(slug, key):
    questionnaire = visible_questionnaire(slug)
    entry = _entry(questionnaire, key)
    return _save(slug, lambda: catalogue.edit_entry(current_user, questionnaire, entry, *_fields()),
                 _("The catalogue entry was saved."))


@bp.post("/catalogue/<key>/retire", endpoint="catalogue_retire")
@permission_required("analyse")
def retire(slug, key):
    questionnaire = visible_questionnaire(slug)
    entry = _entry(questionnaire, key)
    retired = request.form.get("retired")
    if retired not in ("1", "0"):
        abort_with(400, _("Say whether to retire the entry."))
    return _save(slug, lambda: catalogue.set_retired(current_user, questionnaire, entry, retired == "1"),
                 _("The catalogue entry was retired.") if retired == "1"
                 else _("The catalogue entry is back in use."))
