"""Opening and closing a questionnaire from the review area (admins)."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from survey.audit import record_by_current_user
from survey.auth import permission_required, visible_questionnaire
from survey.errors import abort_with
from survey.extensions import db
from survey.models import QUESTIONNAIRE_STATUSES
from survey.review.blueprint import bp


@bp.post("/<slug>/status")
@permission_required("manage_questionnaires")
def set_status(slug):
    questionnaire = visible_questionnaire(slug)
    status = request.form.get("status")
    if status not in QUESTIONNAIRE_STATUSES:
        abort_with(400, _("Choose draft, open or closed."))
    old = questionnaire.status
    if status != old:
        questionnaire.status = status
        record_by_current_user("set_status", f"Changed the status from {old} to {status}",
                               {"old": old, "new": status}, questionnaire=questionnaire)
        db.session.commit()
    messages = {"open": _("The questionnaire is open: participants can answer."),
                "closed": _("The questionnaire is closed: it no longer takes answers."),
                "draft": _("The questionnaire is a draft: participants cannot see it.")}
    flash(messages[status], "success")
    return redirect(url_for("review.overview", slug=questionnaire.slug))
