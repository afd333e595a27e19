"""Who gets which message: the plan shown by ``--dry-run`` and the confirmation page, and
the message rows it becomes.

Each message has a key (kind, questionnaire, round or template, contact). A key that was
already planned is not planned again: only messages not yet sent or tried are re-queued,
so running a batch again sends nothing twice.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select, update

from survey.extensions import db
from survey.invitations import invite, tokens
from survey.models import Contact, ContactTag, Invitation, Message, PublishedReport

#: Statuses of a message that may still be sent by the next batch.
UNSENT = ("pending", "deferred")
#: Reasons a contact gets no message, in the order they are checked.
REASONS = ("unsubscribed", "undeliverable", "no_consent", "not_invited", "completed",
           "not_completed", "already_sent")


class PlanError(ValueError):
    """The batch cannot be planned (no published report, unknown template...)."""


@dataclass
class Plan:
    """The messages of one batch: who gets what, and who does not and why."""

    kind: str
    template: str
    questionnaire: object
    round: int = 1
    tag: str | None = None
    recipients: list = field(default_factory=list)  #: (contact, language, key)
    skipped: Counter = field(default_factory=Counter)  #: reason -> count

    @property
    def by_language(self):
        """Return ``{language: count}`` of the messages to send."""
        return Counter(language for _c, language, _k in self.recipients)

    @property
    def fingerprint(self):
        """Return a short digest of who gets what (a confirmation is for this plan only)."""
        keys = "\n".join(sorted(f"{k}:{lang}" for _c, lang, k in self.recipients))
        return hashlib.sha256(keys.encode()).hexdigest()[:16]

    def arguments(self):
        """Return the job arguments that name this batch."""
        return {"kind": self.kind, "template": self.template, "round": self.round,
                "tag": self.tag, "questionnaire_id": self.questionnaire.id}


def message_key(kind, questionnaire, contact, round=1, template=None):
    """Return the key naming one message (at most one message per key, ever)."""
    if kind == "reminder":
        return f"reminder/{questionnaire.id}/{round}/{contact.id}"
    if kind == "letter":
        return f"letter/{questionnaire.id}/{template}/{contact.id}"
    return f"{kind}/{questionnaire.id}/{contact.id}"


def _contacts(questionnaire, kind, tag):
    query = select(Contact).order_by(Contact.id)
    if tag:
        query = query.join(ContactTag).where(ContactTag.tag == tag)
    if kind in ("reminder", "thank_you") or (kind == "letter" and not tag):
        query = query.join(Invitation, Invitation.contact_id == Contact.id).where(
            Invitation.questionnaire_id == questionnaire.id)
    return db.session.scalars(query).unique().all()


def _invited_and_sent(questionnaire):
    """Return the contact ids whose invitation to ``questionnaire`` was sent."""
    return set(db.session.scalars(select(Message.contact_id).where(
        Message.questionnaire_id == questionnaire.id, Message.kind == "invitation",
        Message.status == "sent")))


def completion(questionnaire, contacts):
    """Return ``{contact id: None, "in_progress" or "completed"}`` through their invitations."""
    invitations = db.session.scalars(select(Invitation).where(
        Invitation.questionnaire_id == questionnaire.id,
        Invitation.contact_id.in_([c.id for c in contacts]))).all()
    progress = tokens.progress_of(questionnaire, invitations)
    return {i.contact_id: progress[i.id] for i in invitations}


def make_plan(questionnaire, kind, template=None, tag=None, round=1):
    """Return the :class:`Plan` of a batch of ``kind`` messages about ``questionnaire``."""
    from flask_babel import gettext as _

    from survey.mail import templates
    from survey.themes.corrections import english_outside_requests

    english_outside_requests()
    template = template or kind
    found = dict(templates.names())
    if found.get(template) != kind:
        raise PlanError(_("there is no %(kind)s template named %(name)s", kind=kind,
                          name=repr(template)))
    if kind == "letter" and db.session.scalars(select(PublishedReport.id).filter_by(
            questionnaire_id=questionnaire.id)).first() is None:
        raise PlanError(_("the report of this questionnaire is not published: publish it "
                          "first, the letter links to it"))
    plan = Plan(kind=kind, template=template, questionnaire=questionnaire, round=round, tag=tag)
    contacts = _contacts(questionnaire, kind, tag)
    states = completion(questionnaire, contacts) if kind in ("reminder", "thank_you") else {}
    invited = _invited_and_sent(questionnaire) if kind == "reminder" else set()
    keys = {c.id: message_key(kind, questionnaire, c, round, template) for c in contacts}
    done = set(db.session.scalars(select(Message.key).where(
        Message.key.in_(list(keys.values())), Message.status.not_in(UNSENT))))
    for contact in contacts:
        reason = (
            "unsubscribed" if contact.unsubscribed_on else
            "undeliverable" if contact.undeliverable else
            "no_consent" if not contact.consent else
            "not_invited" if kind == "reminder" and contact.id not in invited else
            "completed" if kind == "reminder" and states.get(contact.id) == "completed" else
            "not_completed" if kind == "thank_you" and states.get(contact.id) != "completed" else
            "already_sent" if keys[contact.id] in done else None)
        if reason:
            plan.skipped[reason] += 1
        else:
            plan.recipients.append((contact, contact.language, keys[contact.id]))
    return plan


def queue(plan, job):
    """Write the plan's messages as rows of ``job`` (new ones, and unsent ones taken over)."""
    existing = dict(db.session.execute(select(Message.key, Message.id).where(
        Message.key.in_([key for _c, _l, key in plan.recipients]))).all())
    for contact, language, key in plan.recipients:
        if plan.kind == "invitation":
            invite(plan.questionnaire, contact.email, contact.name, contact=contact)
        if key not in existing:
            db.session.add(Message(key=key, contact_id=contact.id, job_id=job.id,
                                   questionnaire_id=plan.questionnaire.id, kind=plan.kind,
                                   template=plan.template, language=language, status="pending"))
    if existing:
        db.session.execute(update(Message).where(
            Message.id.in_(list(existing.values())), Message.status.in_(UNSENT))
            .values(job_id=job.id))
    db.session.flush()
