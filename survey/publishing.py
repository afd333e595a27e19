"""Publishing a questionnaire's final report at a public link, which letters point to.

The Word document is made once, when an administrator publishes, and stored: the public
link serves exactly what was approved, even if answers or themes change afterwards.
Unpublishing deletes it, and the link answers 404.

Only DOCX is published. A PDF would need LibreOffice (about 600 MB of packages, a cold
start of several seconds per document) on every server and in CI; the DOCX opens in
every office suite and in the browsers' own viewers.
"""

import io
import re
import secrets

from flask import Blueprint, current_app, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey.audit import actor_of, record_by_current_user
from survey.auth import permission_required, visible_questionnaire
from survey.errors import abort_with
from survey.extensions import db
from survey.models import PublishedReport, utc_now
from survey.reports.cells import file_name
from survey.services import public_url

bp = Blueprint("publishing", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def published(questionnaire):
    """Return the published report of ``questionnaire``, or None."""
    return db.session.scalars(select(PublishedReport).filter_by(
        questionnaire_id=questionnaire.id)).one_or_none()


def public_link(report):
    """Return the public address of ``report`` (on ENGAGE_BASE_URL)."""
    return public_url(current_app.config, f"/published/{report.token}/{report.file_name}")


def publish(questionnaire, user, include_demo=False):
    """Make the report of ``questionnaire`` and publish it (replacing an earlier one)."""
    from survey.reports.docx_report import ReportOptions, write_report

    out = io.BytesIO()
    write_report(questionnaire, out, ReportOptions(include_demo=include_demo))
    report = published(questionnaire) or PublishedReport(questionnaire_id=questionnaire.id,
                                                         token=secrets.token_urlsafe(24))
    report.docx, report.published_on, report.published_by = out.getvalue(), utc_now(), actor_of(user)
    report.file_name = file_name(f"{questionnaire.slug}-report") + ".docx"
    db.session.add(report)
    db.session.flush()
    return report


@bp.post("/review/<slug>/publish")
@permission_required("manage_questionnaires")
def publish_report(slug):
    from survey.reports.table import response_count

    questionnaire = visible_questionnaire(slug)
    if not response_count(questionnaire, False):
        abort_with(409, _("There are no completed responses to report on yet."))
    report = publish(questionnaire, current_user)
    record_by_current_user("publish_report", f"Published the report at {public_link(report)}",
                           {"token": report.token}, questionnaire=questionnaire)
    db.session.commit()
    flash(_("The report is published at %(link)s", link=public_link(report)), "success")
    return redirect(url_for("reports.index", slug=slug), 303)


@bp.post("/review/<slug>/unpublish")
@permission_required("manage_questionnaires")
def unpublish_report(slug):
    questionnaire = visible_questionnaire(slug)
    report = published(questionnaire)
    if report is not None:
        db.session.delete(report)
        record_by_current_user("unpublish_report", "Unpublished the report", {},
                               questionnaire=questionnaire)
        db.session.commit()
    flash(_("The report is no longer published: its link answers “not found”."), "success")
    return redirect(url_for("reports.index", slug=slug), 303)


@bp.get("/published/<token>/<name>")
def download(token, name):
    report = None
    if TOKEN.match(token):
        report = db.session.scalars(select(PublishedReport).filter_by(token=token)).one_or_none()
    if report is None or report.file_name != name:
        abort_with(404, _("There is no published report at this address: it may have been withdrawn."))
    response = send_file(io.BytesIO(report.docx), mimetype=DOCX, as_attachment=True,
                         download_name=report.file_name, last_modified=report.published_on)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def init_app(app):
    """Register the routes and give templates ``published_report`` and ``published_link``."""
    app.register_blueprint(bp)
    app.jinja_env.globals["published_report"] = published
    app.jinja_env.globals["published_link"] = public_link
