"""Committee accounts: login, logout, roles and permissions (the participant side needs none)."""

from survey.auth.access import (
    can,
    may_see,
    permission_required,
    visible_questionnaire,
    visible_questionnaires,
)
from survey.auth.views import bp, init_app

__all__ = ["bp", "can", "init_app", "may_see", "permission_required", "visible_questionnaire",
           "visible_questionnaires"]
