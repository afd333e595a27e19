"""The audit trail: who changed what, when, for every change made in the review area."""

from flask_login import current_user
from sqlalchemy import select

from survey.extensions import db
from survey.models import AuditEntry


def actor_of(user):
    """Return how ``user`` is named in the audit trail and on runs ("command line" for None).

    The name is stored, not only the account, so the trail still reads when an account
    is gone: the e-mail address is unique, the name is what colleagues recognise.
    """
    if user is None:
        return "command line"
    return f"{user.name} <{user.email}>" if user.name else user.email


def record(user, action, summary, detail=None, questionnaire=None, run=None, theme=None):
    """Add (not commit) an AuditEntry: ``user`` did ``action``; return it.

    ``summary`` is one sentence for people; ``detail`` the change as data (old and new
    values, ids), never a password or an answer's content.
    """
    entry = AuditEntry(user_id=user.id if user is not None else None, actor=actor_of(user),
                       questionnaire_id=questionnaire.id if questionnaire is not None else None,
                       run_id=run.id if run is not None else None,
                       theme_id=theme.id if theme is not None else None,
                       action=action, summary=summary, detail=detail)
    db.session.add(entry)
    return entry


def record_by_current_user(action, summary, detail=None, **objects):
    """Add an AuditEntry for the logged-in user (see :func:`record`); return it."""
    return record(current_user._get_current_object(), action, summary, detail, **objects)


def recent_entries(actions, questionnaire=None, limit=20):
    """Return the latest entries of ``actions`` (of ``questionnaire`` when given), newest first."""
    query = select(AuditEntry).where(AuditEntry.action.in_(list(actions)))
    if questionnaire is not None:
        query = query.where(AuditEntry.questionnaire_id == questionnaire.id)
    return db.session.scalars(
        query.order_by(AuditEntry.created_on.desc(), AuditEntry.id.desc()).limit(limit)).all()
