"""Personal invitations: who was asked to answer, and a link that always leads them back to
their own response, without the database ever saying which response is theirs when the
questionnaire is anonymous.

The link's token and the key of the response it opens are both derived from the
invitation with an HMAC of the secret key (``tokens.py``): the database keeps only the
token's digest, and a response started through the link looks like any other.
"""

import re

from sqlalchemy import select

from survey.extensions import db
from survey.invitations.tokens import invitation_token, response_key
from survey.models import Invitation
from survey.respond.flow import TOKEN, digest
from survey.respond.forms import clean_text

#: An address a mail server takes: no spaces, brackets, quotes or other specials.
EMAIL = re.compile(r'^[^@\s<>()\[\]\\,;:"]{1,64}@[^@\s<>()\[\]\\,;:"]{1,189}\.[^@\s.<>()\[\]\\,;:"]{2,63}$')

__all__ = ["InvitationError", "attach", "find_invitation", "invitation_token", "invite",
           "is_email", "normal_email", "response_key"]


class InvitationError(ValueError):
    """An invitation that cannot be made; the message says why."""


def normal_email(email):
    """Return ``email`` as stored: without control characters, trimmed, in lower case."""
    return clean_text(email or "").strip().lower()


def is_email(email):
    """Return whether the normalised ``email`` looks like an e-mail address."""
    return len(email) <= 254 and bool(EMAIL.match(email))


def invite(questionnaire, email, name=None, renew=False, contact=None):
    """Return ``(invitation, token)`` for ``email``, made if needed; ``renew`` issues a new link.

    The token is derived, not stored: asking again gives the same link until it is renewed.
    """
    email = normal_email(email)
    if not is_email(email):
        raise InvitationError(f"not an e-mail address: {email[:80]!r}")
    name = clean_text(name or "").strip()[:200] or None
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
