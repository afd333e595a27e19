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
    QUESTION_TYPES,
    QUESTIONNAIRE_KINDS,
    QUESTIONNAIRE_STATUSES,
    Question,
    Questionnaire,
    Section,
    Workshop,
)
from survey.models.responses import MAX_TEXT_LENGTH, RESPONSE_STATUSES, Answer, Invitation, Response
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
    "AnalysisRun", "Answer", "AuditEntry", "Base", "CatalogueEntry", "LoginAttempt", "QuestionnaireAccess", "ROLES",
    "RUN_STATUSES", "THEME_SOURCES", "Theme", "ThemeAssignment", "ThemeNote", "User", "utc_now", "Invitation", "MAX_TEXT_LENGTH", "QUESTION_TYPES", "QUESTIONNAIRE_KINDS",
    "QUESTIONNAIRE_STATUSES", "Question", "Questionnaire", "RESPONSE_STATUSES", "Response",
    "Section", "Workshop", "coarse_now",
    "JOB_STATUSES", "Job", "MAIL_LANGUAGES", "MESSAGE_KINDS", "MESSAGE_STATUSES", "ORGANISATION_SIZES",
    "Contact", "ContactTag", "Message", "MessageTemplate", "PublishedReport",
]
