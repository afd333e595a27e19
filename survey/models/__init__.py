"""The database models, one module per group of tables."""

from survey.models.accounts import ROLES, AuditEntry, LoginAttempt, QuestionnaireAccess, User
from survey.models.jobs import JOB_STATUSES, Job
from survey.models.mail import (
    MAIL_LANGUAGES,
    MESSAGE_KINDS,
    MESSAGE_STATUSES,
    ORGANISATION_SIZES,
    Contact,
    ContactTag,
    Message,
    MessageTemplate,
    PublishedReport,
)
from survey.models.base import Base, coarse_now, utc_now
from survey.models.questionnaires import (
    QUESTIONNAIRE_KINDS,
    QUESTIONNAIRE_STATUSES,
    Question,
    Questionnaire,
    Section,
    Workshop,
)
from survey.models.responses import (
    DEMO_MODES,
    MAX_TEXT_LENGTH,
    RESPONSE_STATUSES,
    Answer,
    Invitation,
    Response,
)
from survey.models.themes import (
    RUN_STATUSES,
    THEME_SOURCES,
    AnalysisRun,
    CatalogueEntry,
    Theme,
    ThemeAssignment,
    ThemeNote,
)

__all__ = [
    "DEMO_MODES", "JOB_STATUSES", "MAIL_LANGUAGES", "MAX_TEXT_LENGTH", "MESSAGE_KINDS", "MESSAGE_STATUSES",
    "ORGANISATION_SIZES", "QUESTIONNAIRE_KINDS", "QUESTIONNAIRE_STATUSES", "RESPONSE_STATUSES", "ROLES",
    "RUN_STATUSES", "THEME_SOURCES", "AnalysisRun", "Answer", "AuditEntry", "Base", "CatalogueEntry",
    "Contact", "ContactTag", "Invitation", "Job", "LoginAttempt", "Message", "MessageTemplate",
    "PublishedReport", "Question", "Questionnaire", "QuestionnaireAccess", "Response", "Section", "Theme",
    "ThemeAssignment", "ThemeNote", "User", "Workshop", "coarse_now", "utc_now",
]
