"""Personal invitations: who was asked to answer, and a link that always leads them back to
their own response, without the database ever saying which response is theirs when the
questionnaire is anonymous.

The link's token and the key of the response it opens are both derived from the
invitation with an HMAC of the secret key (``tokens.py``): the database keeps only the
token's digest, and a response started through the link looks like any other.
"""

from sqlalchemy import select

from survey.extensions import db
from survey.invitations.tokens import invitation_token, response_key
from survey.models import Invitation
from survey.respond.flow import TOKEN, digest
from survey.text import is_email, normal_email, strip_control_characters

__all__ = ["InvitationError", "attach", "find_invitation", "invitation_token", "invite",
           "response_key"]


class InvitationError(ValueError):
    """An invitation that cannot be made; the message says why."""


def invite(questionnaire, email, name=None, renew=False, contact=None):
    """Return ``(invitation, token)`` for ``email``, made if needed; ``renew`` issues a new link.

    The token is derived, not stored: asking again gives the same link until it is renewed.
    """
    email = normal_email(email)
    if not is_email(email):
        raise InvitationError(f"not an e-mail address: {email[:80]!r}")
    name = strip_control_characters(name or "").strip()[:200] or None
    invitation = db.session.scalars(select(Invitation).filter_by(
        questionnaire_id=questionnaire.id, email=email)).one_or_none()
    if invitation is None:
        # A placeholder digest until the id the token is derived from is known.
        invitation = Invitation(questionnaire_id=questionnaire.id, email=email, name=name,
                                token_digest=digest(email + ":new"), generation=0)
        db.session.add(invitation)
        db.session.flush()
    elif renew:
        invitation.generation += 1
    invitation.name = name or invitation.name
    if contact is not None:
        invitation.contact_id = contact.id
    token = invitation_token(invitation)
    invitation.token_digest = digest(token)
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
