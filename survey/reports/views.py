"""The "Reports and data" tab of the review area: the TSAG report and data downloads.

Downloads are GET requests: they change no data, but each is written to the audit trail
(who took which file, when), since raw answers leave Engage with it. Only roles with the
``export`` permission reach them, and only for questionnaires they may see.
"""

import datetime
import io
from urllib.parse import quote

from flask import Blueprint, render_template, request, send_file
from flask_babel import gettext as _

from survey.audit import recent_entries, record_by_current_user
from survey.auth import permission_required, visible_questionnaire, visible_questionnaires
from survey.errors import abort_with
from survey.extensions import db
from survey.reports.cells import file_name
from survey.reports.table import export_table, response_count

bp = Blueprint("reports", __name__, url_prefix="/review/<slug>/reports")

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def _flag(name):
    """Return the yes/no parameter ``name`` of the query string (absent: no); 400 if malformed."""
    value = request.args.get(name, "0")
    if value not in ("0", "1"):
        abort_with(400, _("The option %(name)s must be 0 or 1.", name=name))
    return value == "1"


def _download(data, questionnaire, what, suffix):
    """Return ``data`` as an attachment named after the questionnaire, safely."""
    stem = file_name(f"{questionnaire.slug}-{what}-{datetime.date.today():%Y-%m-%d}")
    record_by_current_user("download", f"Downloaded {stem}.{suffix}",
                           {"file": f"{stem}.{suffix}", "options": request.args.to_dict()},
                           questionnaire=questionnaire)
    db.session.commit()
    response = send_file(io.BytesIO(data), mimetype=MIME_TYPES[suffix])
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{stem}.{suffix}\"; filename*=UTF-8''{quote(stem)}.{suffix}")
    response.headers["Cache-Control"] = "no-store"  # raw answers must not linger in caches
    return response


def _needs_responses(questionnaire, include_demo):
    if not response_count(questionnaire, include_demo):
        abort_with(404, _("There are no responses to export yet.") if not response_count(questionnaire, True)
                   else _("There are only demo responses: tick “Include demo responses”."))


@bp.get("/")
@permission_required("export")
def index(slug):
    questionnaire = visible_questionnaire(slug)
    others = [q for q in visible_questionnaires() if q.id != questionnaire.id]
    return render_template("reports/index.html", questionnaire=questionnaire, others=others,
                           real=response_count(questionnaire, False),
                           total=response_count(questionnaire, True),
                           downloads=recent_entries(("download",), questionnaire, limit=10))


@bp.get("/report.docx")
@permission_required("export")
def report(slug):
    from survey.reports.docx_report import ReportOptions, write_report

    questionnaire = visible_questionnaire(slug)
    include_demo = _flag("demo")
    compare = None
    if request.args.get("compare"):
        compare = visible_questionnaire(request.args["compare"])
        if compare.id == questionnaire.id:
            abort_with(400, _("Compare with another questionnaire, not with itself."))
    _needs_responses(questionnaire, include_demo)
    out = io.BytesIO()
    write_report(questionnaire, out, ReportOptions(include_demo=include_demo, compare=compare))
    return _download(out.getvalue(), questionnaire, "report", "docx")


@bp.get("/data.<kind>")
@permission_required("export")
def data(slug, kind):
    from survey.reports.exports import write_csv_zip, write_xlsx

    questionnaire = visible_questionnaire(slug)
    if kind not in ("csv", "xlsx"):
        abort_with(404, _("Data can be downloaded as CSV or XLSX."))
    include_demo = _flag("demo")
    _needs_responses(questionnaire, include_demo)
    table = export_table(questionnaire, labels=not _flag("codes"), include_demo=include_demo)
    out = io.BytesIO()
    (write_xlsx if kind == "xlsx" else write_csv_zip)(table, out)
    return _download(out.getvalue(), questionnaire, "responses", "xlsx" if kind == "xlsx" else "zip")
