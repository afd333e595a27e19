"""Sending a batch of planned messages: the ``mail`` job.

At most once per message, even if the batch runs again or its worker dies:

1. a message is claimed (``pending``/``deferred`` -> ``sending``, one conditional UPDATE,
   committed) before it is handed to the mail server, so no two workers send it;
2. when the server accepts it, it becomes ``sent`` (committed);
3. a message found ``sending`` by a later attempt was cut off mid-send: the server may
   have it, so it is marked ``uncertain``, never sent again.

Unsubscribes and failures are checked again just before each message: a person who
unsubscribes while a batch runs gets nothing more.
"""

from babel.dates import format_date
from flask import current_app
from sqlalchemy import func, select, update

from survey.extensions import db
from survey.i18n import text_in
from survey.invitations import invite
from survey.mail import templates
from survey.mail.plan import UNSENT, completion
from survey.mail.smtp import (BatchFailure, Mailer, Pacer, PermanentFailure, TemporaryFailure,
                              UncertainFailure, build)
from survey.mail.unsubscribe import link_of
from survey.models import Message, PublishedReport, Questionnaire, Workshop, utc_now
from survey.services import public_url

CUT_OFF = "the worker stopped while this message was being sent: it may have arrived, so it is not sent again"


def _in(texts, language, questionnaire):
    return text_in(texts, language, questionnaire.default_language)


def _next_workshop(workshop, language, questionnaire):
    """Return ``(text, link)`` about the workshop after ``workshop``, or ``("", "")``."""
    later = db.session.scalars(select(Workshop).where(Workshop.edition > workshop.edition)
                               .order_by(Workshop.edition, Workshop.id)).first()
    if later is None:
        return "", ""
    parts = [_in(later.name, language, questionnaire)]
    if later.place:
        parts.append(_in(later.place, language, questionnaire))
    if later.date:
        parts.append(format_date(later.date, format="long", locale=language))
    opened = next((q for q in later.questionnaires if q.status == "open"), None)
    link = public_url(current_app.config, f"/s/{opened.slug}/") if opened else ""
    return ", ".join(p for p in parts if p), link


def values_for(message, contact, questionnaire):
    """Return the template variables of ``message`` to ``contact``."""
    language = message.language
    values = {"name": contact.name or "", "workshop": _in(questionnaire.workshop.name, language,
                                                            questionnaire),
              "questionnaire": _in(questionnaire.title, language, questionnaire),
              "minutes": questionnaire.minutes, "unsubscribe_link": link_of(contact)}
    if message.kind in ("invitation", "reminder"):
        _invitation, token = invite(questionnaire, contact.email, contact.name, contact=contact)
        lang = f"?lang={language}" if language in questionnaire.languages else ""
        values["link"] = public_url(current_app.config, f"/s/{questionnaire.slug}/i/{token}{lang}")
        values["closes_on"] = (format_date(questionnaire.closes_on.date(), format="long",
                                           locale=language) if questionnaire.closes_on else "")
    if message.kind == "letter":
        report = db.session.scalars(select(PublishedReport).filter_by(
            questionnaire_id=questionnaire.id)).one_or_none()
        if report is None:
            raise PermanentFailure("the report is no longer published")
        from survey.publishing import public_link

        values["report_link"] = public_link(report)
        values["next_workshop"], values["next_link"] = _next_workshop(
            questionnaire.workshop, language, questionnaire)
    return values


def _skip_reason(message, contact, questionnaire):
    if contact.unsubscribed_on:
        return "unsubscribed"
    if contact.undeliverable:
        return "undeliverable"
    if not contact.consent:
        return "no_consent"
    if message.kind == "reminder" and completion(questionnaire, [contact]).get(contact.id) == "completed":
        return "completed"
    return None


def _set(message_id, **values):
    db.session.execute(update(Message).where(Message.id == message_id).values(**values))
    db.session.commit()


def send_one(mailer, message_id):
    """Send message ``message_id`` if it is still unsent; return its new status (None: taken)."""
    claimed = db.session.execute(update(Message).where(
        Message.id == message_id, Message.status.in_(UNSENT)).values(
        status="sending", attempts=Message.attempts + 1))
    db.session.commit()
    if not claimed.rowcount:
        return None
    message = db.session.get(Message, message_id)
    contact, questionnaire = message.contact, db.session.get(Questionnaire, message.questionnaire_id)
    reason = _skip_reason(message, contact, questionnaire)
    if reason:
        _set(message_id, status="skipped", error=reason)
        return "skipped"
    try:
        template = templates.template_for(message.template, message.language)
        rendered = templates.render(template, values_for(message, contact, questionnaire))
        email = build(current_app.config, contact.name, contact.email, rendered,
                      link_of(contact), message.key)
        db.session.commit()  # the invitation a link needs, made before anything is sent
        mailer.send(email)
    except BatchFailure:
        _set(message_id, status="pending")  # nothing went out: the next batch sends it
        raise
    except UncertainFailure as error:
        _set(message_id, status="uncertain", error=str(error)[:500])
        return "uncertain"
    except PermanentFailure as error:
        _set(message_id, status="failed", error=str(error)[:500])
        if str(error)[:1] == "5":  # the server refused this address for good
            contact.undeliverable = str(error)[:500]
            db.session.commit()
        return "failed"
    except TemporaryFailure as error:
        _set(message_id, status="deferred", error=str(error)[:500])
        return "deferred"
    _set(message_id, status="sent", sent_on=utc_now(), error=None, subject=rendered.subject[:300])
    return "sent"


def counts(job_id):
    """Return ``{status: count}`` of the messages of job ``job_id``."""
    return dict(db.session.execute(select(Message.status, func.count()).where(
        Message.job_id == job_id).group_by(Message.status)).all())


def perform(job, progress, pacer=None):
    """Send the unsent messages of ``job`` (the job queue calls this)."""
    from flask_babel import gettext as _

    db.session.execute(update(Message).where(Message.job_id == job.id, Message.status == "sending")
                       .values(status="uncertain", error=CUT_OFF))
    db.session.commit()
    ids = db.session.scalars(select(Message.id).where(
        Message.job_id == job.id, Message.status.in_(UNSENT)).order_by(Message.id)).all()
    total = sum(counts(job.id).values()) or 1
    pacer = pacer or Pacer(current_app.config["MAIL_PER_MINUTE"])
    with Mailer(current_app.config) as mailer:
        for message_id in ids:
            pacer.wait()
            send_one(mailer, message_id)
            done = total - sum(n for s, n in counts(job.id).items() if s in UNSENT)
            progress(100 * done // total, _("%(done)d of %(total)d messages", done=done, total=total))


def abandon(connection, job_id, message):
    """Mark the messages cut off mid-send by job ``job_id``'s end as uncertain."""
    connection.execute(update(Message).where(Message.job_id == job_id, Message.status == "sending")
                       .values(status="uncertain", error=CUT_OFF))
