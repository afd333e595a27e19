"""The Invitations tab's numbers: invited, sent, failed, started, completed, unsubscribed,
in total, by ITU region and by organisation size, and per person.

Started and completed are read through each invitation's derived response key, in
memory; for an anonymous questionnaire only "completed or not" is shown per person.
"""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from survey import reference
from survey.extensions import db
from survey.invitations import tokens
from survey.models import Contact, Invitation, Message, Response

COLUMNS = ("invited", "sent", "failed", "started", "completed", "unsubscribed")


@dataclass
class Invitee:
    """One invitation as the tab shows it."""

    invitation: Invitation
    contact: Contact | None
    sent: str | None  #: the invitation message's status (None: not sent by e-mail)
    progress: str | None  #: None, in_progress or completed
    response_id: int | None  #: the response, for a questionnaire that is not anonymous

    @property
    def region(self):
        found = reference.country(self.contact.country) if self.contact else None
        return found.region if found else None

    @property
    def size(self):
        return self.contact.size if self.contact else None

    def counts(self):
        """Return this invitee's contribution to each column (0 or 1)."""
        return {"invited": 1, "sent": int(self.sent == "sent"),
                "failed": int(self.sent in ("failed", "uncertain")),
                "started": int(self.progress is not None),
                "completed": int(self.progress == "completed"),
                "unsubscribed": int(bool(self.contact and self.contact.unsubscribed_on))}


def invitees(questionnaire):
    """Return the :class:`Invitee` of every invitation to ``questionnaire``, by e-mail address."""
    rows = db.session.execute(
        select(Invitation, Contact).outerjoin(Contact, Invitation.contact_id == Contact.id)
        .where(Invitation.questionnaire_id == questionnaire.id).order_by(Invitation.email)).all()
    progress = tokens.progress_of(questionnaire, [i for i, _c in rows])
    sent = dict(db.session.execute(select(Message.contact_id, Message.status).where(
        Message.questionnaire_id == questionnaire.id, Message.kind == "invitation")).all())
    linked = {} if questionnaire.anonymous else dict(db.session.execute(
        select(Response.invitation_id, Response.id).where(
            Response.questionnaire_id == questionnaire.id,
            Response.invitation_id.is_not(None))).all())
    return [Invitee(invitation, contact, sent.get(contact.id) if contact else None,
                    progress[invitation.id], linked.get(invitation.id))
            for invitation, contact in rows]


def table(people, key):
    """Return ``[(group, {column: count})]`` of ``people`` grouped by ``key`` (None last)."""
    groups = {}
    for person in people:
        counter = groups.setdefault(key(person), Counter())
        counter.update(person.counts())
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def totals(people):
    """Return ``{column: count}`` over ``people``."""
    total = Counter({column: 0 for column in COLUMNS})
    for person in people:
        total.update(person.counts())
    return total
