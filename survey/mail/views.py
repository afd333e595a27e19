"""The Messages pages of the review area (administrators): every template in the six
languages, edited with a preview before it is saved."""

from types import SimpleNamespace

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey.audit import actor_of, recent_entries, record
from survey.auth import permission_required
from survey.errors import abort_with
from survey.extensions import db
from survey.mail import templates
from survey.models import MAIL_LANGUAGES, MessageTemplate
from survey.services import public_url

bp = Blueprint("mail", __name__, url_prefix="/review/mail")
LIMITS = {"subject": 300, "text": 20_000, "html": 50_000}


def sample_values():
    """Return made-up values to preview any template with."""
    base = current_app.config
    return {"name": "Ada Lovelace", "questionnaire": "Industry engagement questionnaire",
            "workshop": "ITU-T Industry Engagement Workshop 2026", "minutes": 15,
            "link": public_url(base, "/s/example/i/PERSONAL-LINK"), "closes_on": "31 March 2026",
            "report_link": public_url(base, "/published/EXAMPLE/report.docx"),
            "next_workshop": "Industry Engagement Workshop 2027, Geneva",
            "next_link": public_url(base, "/s/next-workshop/"),
            "unsubscribe_link": public_url(base, "/u/EXAMPLE")}


def load(template_name, language):
    templates.seed()
    if language not in MAIL_LANGUAGES:
        abort_with(404, _("Messages exist in Arabic, Chinese, English, French, Russian and Spanish."))
    template = db.session.scalars(select(MessageTemplate).filter_by(
        name=template_name, language=language)).one_or_none()
    if template is None:
        abort_with(404, _("There is no such message template."))
    return template


@permission_required("send_mail")
def index():
    templates.seed()
    db.session.commit()
    rows = db.session.scalars(select(MessageTemplate).order_by(
        MessageTemplate.kind, MessageTemplate.name, MessageTemplate.language)).all()
    by_name = {}
    for row in rows:
        by_name.setdefault((row.kind, row.name), {})[row.language] = row
    return render_template("mail/templates.html", by_name=by_name, languages=MAIL_LANGUAGES,
                           entries=recent_entries(("edit_template", "create_template")))


def _posted():
    values = {name: (request.form.get(name) or "").replace("\r\n", "\n") for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit or "\x00" in values[name]:
            abort_with(400, _("The %(part)s is too long or holds characters that are not allowed.",
                              part=name))
    return values


def _preview(template, values):
    draft = SimpleNamespace(language=template.language, **values)
    try:
        return templates.render(draft, sample_values()), []
    except Exception as error:  # noqa: BLE001 - a template error is shown to its author
        return None, [str(error)]


@permission_required("send_mail")
def edit(template_name, language):
    template = load(template_name, language)
    values = {"subject": template.subject, "text": template.text, "html": template.html or ""}
    status, problems = 200, []
    if request.method == "POST":
        values = _posted()
        problems = templates.problems(template.kind, values["subject"], values["text"], values["html"])
        if request.form.get("action") == "save" and not problems:
            templates.save(template, values["subject"], values["text"], values["html"],
                           actor_of(current_user))
            record(current_user, "edit_template", f"Edited the {template.name} message in {language}",
                   {"name": template.name, "language": language})
            db.session.commit()
            flash(_("The message was saved."), "success")
            return redirect(url_for(".edit", template_name=template_name, language=language), 303)
        status = 422 if problems else 200
    preview, errors = (None, []) if problems else _preview(template, values)
    return render_template("mail/edit.html", template=template, values=values,
                           problems=problems + errors, preview=preview,
                           variables=sorted(templates.VARIABLES[template.kind]),
                           languages=MAIL_LANGUAGES), status


@permission_required("send_mail")
def create():
    name = (request.form.get("name") or "").strip().lower()
    if not templates.NAME.match(name):
        abort_with(400, _("A name is lower-case letters, digits and dashes, e.g. letter-2027."))
    templates.seed()
    if db.session.scalars(select(MessageTemplate.id).filter_by(name=name)).first():
        abort_with(409, _("There is already a message named %(name)s.", name=name))
    for language in MAIL_LANGUAGES:
        base = templates.template_for("letter", language)
        db.session.add(MessageTemplate(name=name, kind="letter", language=language,
                                       subject=base.subject, text=base.text, html=base.html,
                                       updated_by=actor_of(current_user)))
    record(current_user, "create_template", f"Created the letter {name}", {"name": name})
    db.session.commit()
    flash(_("The letter %(name)s was created from the standard letter: adapt it in each language.",
            name=name), "success")
    return redirect(url_for(".edit", template_name=name, language="en"), 303)


ROUTES = [
    ("/templates/", "templates", index, ["GET"]),
    ("/templates/", "create_template", create, ["POST"]),
    ("/templates/<template_name>/<language>", "edit", edit, ["GET", "POST"]),
]
for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
