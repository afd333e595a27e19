"""The database models, one module per group of tables."""

from survey.models.base import Base, coarse_now
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

__all__ = [
    "Answer", "Base", "Invitation", "MAX_TEXT_LENGTH", "QUESTION_TYPES", "QUESTIONNAIRE_KINDS",
    "QUESTIONNAIRE_STATUSES", "Question", "Questionnaire", "RESPONSE_STATUSES", "Response",
    "Section", "Workshop", "coarse_now",
]
