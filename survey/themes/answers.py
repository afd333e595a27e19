"""The answers of one theme, as its page lists them."""

import dataclasses

from sqlalchemy import select

from survey.extensions import db
from survey.models import Answer, Question, Response, ThemeAssignment, User
from survey.themes.findings import consenting_responses


@dataclasses.dataclass
class ThemeAnswer:
    """One answer in a theme, with what the committee needs to judge it."""

    answer_id: int
    text: str
    question_code: str
    language: str  #: detected from the text (participants often write in another language than the pages)
    confidence: float | None
    by_hand: bool
    placed_by: str | None
    highlighted: bool
    consented: bool


def theme_answers(theme):
    """Return a :class:`ThemeAnswer` per answer now in ``theme``: highlighted, then most confident."""
    from analysis.languages import detect_language

    consented = consenting_responses(theme.run.questionnaire)
    rows = db.session.execute(
        select(ThemeAssignment, Answer.text, Answer.response_id, Question.code, User)
        .join(Answer, ThemeAssignment.answer_id == Answer.id)
        .join(Question, Answer.question_id == Question.id)
        .join(Response, Answer.response_id == Response.id)
        .outerjoin(User, ThemeAssignment.placed_by_id == User.id)
        .where(ThemeAssignment.theme_id == theme.id)
        .order_by(ThemeAssignment.highlighted.desc(),
                  ThemeAssignment.confidence.desc().nulls_last(), ThemeAssignment.answer_id)).all()
    return [ThemeAnswer(a.answer_id, text or "", code, detect_language(text or ""), a.confidence,
                        a.by_hand, user.display_name if user else None, a.highlighted,
                        response_id in consented)
            for a, text, response_id, code, user in rows]
