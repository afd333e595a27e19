"""Who may do what: roles, permissions, and which questionnaires a user may see."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

#: Permission -> roles that have it. Admins can do everything reviewers can, who can do
#: everything observers can.
PERMISSIONS = {
    "view": {"observer", "reviewer", "admin"},
    "analyse": {"reviewer", "admin"},  # run the analysis, correct themes, edit the catalogue
    "export": {"reviewer", "admin"},  # download reports and raw data
    "delete_response": {"admin"},  # a participant's right to be forgotten, exercised for them
    "manage_users": {"admin"},
    "manage_questionnaires": {"admin"},
    "send_mail": {"admin"},  # contacts, message templates, invitations and letters
}


def can(permission, user=None):
    """Return whether ``user`` (default: the current user) has ``permission``."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in PERMISSIONS[permission]


def permission_required(permission):
    """Decorate a view so that only logged-in users with ``permission`` reach it (else 403)."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not can(permission):
                abort(403)
            return view(*args, **kwargs)

        wrapper.permission = permission  # read by the route-by-role tests
        return wrapper

    return decorator


def may_see(questionnaire, user=None):
    """Return whether ``user`` (default: the current user) may see ``questionnaire``."""
    user = current_user if user is None else user
    if not can("view", user):
        return False
    if user.role == "admin" or user.all_questionnaires:
        return True
    return any(granted.id == questionnaire.id for granted in user.granted)


def visible_questionnaire(slug):
    """Return the questionnaire ``slug`` if the current user may see it; else stop with 404.

    404 rather than 403, so that a URL does not tell whether a questionnaire exists.
    """
    from sqlalchemy import select

    from survey.extensions import db
    from survey.models import Questionnaire

    questionnaire = db.session.scalars(select(Questionnaire).filter_by(slug=slug)).one_or_none()
    if questionnaire is None or not may_see(questionnaire):
        abort(404)
    return questionnaire


def visible_questionnaires():
    """Return the questionnaires the current user may see, newest workshop first."""
    from sqlalchemy import select

    from survey.extensions import db
    from survey.models import Questionnaire

    everything = db.session.scalars(select(Questionnaire).order_by(Questionnaire.slug)).all()
    return [q for q in everything if may_see(q)]


def grant(user, questionnaire_ids):
    """Limit ``user`` to the questionnaires ``questionnaire_ids`` (none: every questionnaire)."""
    from survey.extensions import db
    from survey.models import QuestionnaireAccess

    user.all_questionnaires = not questionnaire_ids
    db.session.flush()
    db.session.execute(QuestionnaireAccess.__table__.delete().where(
        QuestionnaireAccess.user_id == user.id))
    for questionnaire_id in questionnaire_ids:
        db.session.add(QuestionnaireAccess(user_id=user.id, questionnaire_id=questionnaire_id))
