"""A stored questionnaire's questions, in the order participants see them."""

from sqlalchemy import select

from survey.extensions import db
from survey.models import Question, Section


def questions_in_order(questionnaire):
    """Return every question of ``questionnaire`` in order (retired ones too, for their answers)."""
    return db.session.scalars(
        select(Question).join(Section, Question.section_id == Section.id)
        .where(Question.questionnaire_id == questionnaire.id)
        .order_by(Section.position, Question.position)).all()
