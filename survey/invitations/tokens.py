"""Secrets derived from an invitation with an HMAC of the app's secret key.

- the *invitation token* in the personal link (the database keeps its SHA-256 digest);
- the *response key*: the idempotency key of the response the invitee starts, so that
  the link opens that response again instead of starting a new one.

Neither is stored. Reading the database alone (a backup, a leaked dump) cannot join an
invitation to a response: that needs the secret key too.
"""

import hashlib
import hmac
import uuid
from base64 import urlsafe_b64encode

from flask import current_app
from sqlalchemy import select

from survey.extensions import db
from survey.models import Response
from survey.respond.flow import digest, resume_token


def _mac(*parts):
    message = ":".join(str(p) for p in parts).encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).digest()


def invitation_token(invitation):
    """Return the secret token of ``invitation``'s personal link (changes when renewed)."""
    mac = _mac("invitation-token", invitation.questionnaire_id, invitation.id, invitation.generation)
    return urlsafe_b64encode(mac[:24]).decode().rstrip("=")


def response_key(invitation):
    """Return the idempotency key of the response ``invitation``'s holder answers in.

    It does not change when the link is renewed: the new link opens the same response.
    """
    mac = _mac("invitation-response", invitation.questionnaire_id, invitation.id)
    return str(uuid.UUID(bytes=mac[:16], version=4))


def response_digest(questionnaire, invitation):
    """Return the resume digest of the response ``invitation`` leads to (it may not exist)."""
    return digest(resume_token(questionnaire, response_key(invitation)))


def response_of(questionnaire, invitation):
    """Return ``(response, resume token)`` of ``invitation``'s holder, or ``(None, None)``."""
    token = resume_token(questionnaire, response_key(invitation))
    response = db.session.scalars(select(Response).filter_by(
        questionnaire_id=questionnaire.id, resume_digest=digest(token))).one_or_none()
    return (response, token) if response is not None else (None, None)


def progress_of(questionnaire, invitations):
    """Return ``{invitation id: None, "in_progress" or "completed"}`` for ``invitations``.

    Computed from the derived keys, in memory: nothing stored says it.
    """
    wanted = {response_digest(questionnaire, i): i.id for i in invitations}
    found = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        rows = db.session.execute(select(Response.resume_digest, Response.status).where(
            Response.questionnaire_id == questionnaire.id,
            Response.resume_digest.in_(keys[start:start + 500])))
        found.update(dict(rows.all()))
    return {invitation_id: found.get(key) for key, invitation_id in wanted.items()}
