"""Personal invitations: who was asked to answer and whether they did, never what they said
when the questionnaire is anonymous."""

import secrets

from sqlalchemy import select

from survey.extensions import db
from survey.models import Invitation, coarse_now
from survey.respond.flow import TOKEN, digest
from survey.text import is_email, normal_email, strip_control_characters


class InvitationError(ValueError):
    """An invitation that cannot be made; the message says why."""


def invite(questionnaire, email, name=None, renew=False):
    """Return ``(invitation, token)`` for ``email``; token is None if already invited and not renewed."""
    email = normal_email(email)
    if not is_email(email):
        raise InvitationError(f"not an e-mail address: {email[:80]!r}")
    name = strip_control_characters(name or "").strip()[:200] or None
    invitation = db.session.scalars(select(Invitation).filter_by(
        questionnaire_id=questionnaire.id, email=email)).one_or_none()
    if invitation is not None and not renew:
        return invitation, None
    token = secrets.token_urlsafe(24)
    if invitation is None:
        invitation = Invitation(questionnaire_id=questionnaire.id, email=email, name=name,
                                token_digest=digest(token))
        db.session.add(invitation)
    else:
        invitation.token_digest = digest(token)
        invitation.name = name or invitation.name
    db.session.flush()
    return invitation, token


def find_invitation(questionnaire, token):
    """Return the invitation of ``questionnaire`` with ``token``, or None."""
    if not token or not TOKEN.match(token):
        return None
    return db.session.scalars(select(Invitation).filter_by(
        questionnaire_id=questionnaire.id, token_digest=digest(token))).one_or_none()


def attach(questionnaire, response, invitation):
    """Record who answers: linked to the response only when the questionnaire is not anonymous."""
    if invitation is not None and not questionnaire.anonymous:
        response.invitation_id = invitation.id


def mark_completed(invitation):
    """Record that the invitation's holder submitted a response (to the hour, nothing else)."""
    if invitation is not None and invitation.completed_on is None:
        invitation.completed_on = coarse_now()
