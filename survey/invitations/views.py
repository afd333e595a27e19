"""The Invitations tab of a questionnaire: who was invited and how far they got, sending
invitations, reminders, thanks and letters (with a confirmation of who gets what), the
progress of each batch, and the questionnaire's opening and closing dates."""

from datetime import datetime

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey import jobs, reference
from survey.audit import record_by_current_user
from survey.auth import can, permission_required, visible_questionnaire
from survey.contacts.importer import tag_of
from survey.contacts.store import all_tags
from survey.errors import abort_with
from survey.extensions import db
from survey.invitations import tracking
from survey.mail import templates
from survey.mail.plan import PlanError, make_plan, queue
from survey.mail.sending import counts
from survey.models import MESSAGE_KINDS, Job
from survey.schedule import apply_schedules, check_soon

bp = Blueprint("invitations", __name__, url_prefix="/review/<slug>/invitations")
ID = "int(max=2147483647)"
#: Recipients listed on the confirmation page at most.
LISTED = 500


def mail_jobs(questionnaire, limit=10):
    """Return the latest mail batches of ``questionnaire``, newest first."""
    return db.session.scalars(select(Job).where(
        Job.questionnaire_id == questionnaire.id, Job.kind == "mail")
        .order_by(Job.id.desc()).limit(limit)).all()


@permission_required("view")
def index(slug):
    questionnaire = visible_questionnaire(slug)
    people = tracking.invitees(questionnaire)
    batches = mail_jobs(questionnaire)
    for batch in batches:
        if batch.status in ("queued", "running"):
            jobs.refresh(batch)
    return render_template(
        "invitations/index.html", questionnaire=questionnaire, people=people,
        totals=tracking.totals(people), columns=tracking.COLUMNS,
        by_region=tracking.table(people, lambda p: p.region),
        by_size=tracking.table(people, lambda p: p.size), region_label=reference.region_label,
        batches=batches, tags=all_tags() if can("send_mail") else [],
        letters=[name for name, kind in templates.names("letter")] if can("send_mail") else [],
        redis=jobs.uses_redis())


def _batch_options(values):
    """Return ``(kind, template, tag, round)`` from a form or query string; 400 if malformed."""
    kind = values.get("kind") or "invitation"
    if kind not in MESSAGE_KINDS:
        abort_with(400, _("Choose which messages to send."))
    tag = values.get("tag") or None
    if tag is not None and tag_of(tag) != tag:
        abort_with(400, _("Choose a tag from the list."))
    round_text = values.get("round") or "1"
    if not round_text.isascii() or not round_text.isdigit() or not 1 <= int(round_text) <= 99:
        abort_with(400, _("The reminder round is a number from 1 to 99."))
    template = values.get("template") or kind
    if kind != "letter":
        template = kind
    elif not templates.NAME.match(template):
        abort_with(400, _("Choose a letter."))
    return kind, template, tag if kind in ("invitation", "letter") else None, int(round_text)


def _plan(questionnaire, values):
    kind, template, tag, round_ = _batch_options(values)
    try:
        return make_plan(questionnaire, kind, template=template, tag=tag, round=round_)
    except PlanError as error:
        abort_with(409, str(error))


@permission_required("send_mail")
def prepare(slug):
    questionnaire = visible_questionnaire(slug)
    plan = _plan(questionnaire, request.args)
    return render_template("invitations/confirm.html", questionnaire=questionnaire, plan=plan,
                           listed=LISTED, changed=False)


@permission_required("send_mail")
def send(slug):
    questionnaire = visible_questionnaire(slug)
    plan = _plan(questionnaire, request.form)
    if request.form.get("fingerprint") != plan.fingerprint:
        return render_template("invitations/confirm.html", questionnaire=questionnaire, plan=plan,
                               listed=LISTED, changed=True), 409
    if not plan.recipients:
        abort_with(409, _("There is nobody to send these messages to."))
    job = jobs.create("mail", plan.arguments(), user=current_user, questionnaire=questionnaire,
                      max_attempts=3)
    queue(plan, job)
    record_by_current_user("send_mail", f"Queued {len(plan.recipients)} {plan.template} messages",
                           {"job_id": job.id, **plan.arguments()}, questionnaire=questionnaire)
    jobs.start(job)
    flash(_("%(count)d messages are being sent.", count=len(plan.recipients)), "success")
    return redirect(url_for(".job_page", slug=slug, job_id=job.id), 303)


def load_job(questionnaire, job_id):
    job = db.session.get(Job, job_id)
    if job is None or job.questionnaire_id != questionnaire.id or job.kind != "mail":
        abort_with(404, _("There is no such batch of messages for this questionnaire."))
    jobs.refresh(job)
    return job


@permission_required("view")
def job_page(slug, job_id):
    questionnaire = visible_questionnaire(slug)
    job = load_job(questionnaire, job_id)
    return render_template("invitations/job.html", questionnaire=questionnaire, job=job,
                           counts=counts(job.id), redis=jobs.uses_redis())


@permission_required("view")
def job_status(slug, job_id):
    job = load_job(visible_questionnaire(slug), job_id)
    return jsonify(status=job.status, progress=job.progress, stage=job.stage, error=job.error,
                   counts=counts(job.id))


def _when(name):
    text = (request.form.get(name) or "").strip()
    if not text:
        return None
    try:
        return datetime.strptime(text[:16], "%Y-%m-%dT%H:%M")
    except ValueError:
        abort_with(400, _("Give dates as year-month-day and hour:minute (UTC)."))


@permission_required("manage_questionnaires")
def schedule(slug):
    questionnaire = visible_questionnaire(slug)
    opens_on, closes_on = _when("opens_on"), _when("closes_on")
    if opens_on and closes_on and closes_on <= opens_on:
        abort_with(400, _("The closing date must come after the opening date."))
    before = [str(questionnaire.opens_on or ""), str(questionnaire.closes_on or "")]
    questionnaire.opens_on, questionnaire.closes_on = opens_on, closes_on
    record_by_current_user("schedule", f"Set the dates: opens {opens_on or '-'}, closes {closes_on or '-'}",
                           {"old": before, "new": [str(opens_on or ""), str(closes_on or "")]},
                           questionnaire=questionnaire)
    db.session.commit()
    check_soon()
    apply_schedules()
    flash(_("The dates are saved."), "success")
    return redirect(url_for(".index", slug=slug), 303)


JOB = f"/jobs/<{ID}:job_id>"
ROUTES = [
    ("/", "index", index, ["GET"]),
    ("/prepare", "prepare", prepare, ["GET"]),
    ("/send", "send", send, ["POST"]),
    (JOB, "job_page", job_page, ["GET"]),
    (JOB + "/status", "job_status", job_status, ["GET"]),
    ("/schedule", "schedule", schedule, ["POST"]),
]
for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
