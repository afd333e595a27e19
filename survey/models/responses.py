"""Responses to a questionnaire, their answers, and invitations to answer."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import Json, coarse_now, db, sql_in

if TYPE_CHECKING:
    from survey.models.questionnaires import Question, Questionnaire


RESPONSE_STATUSES = ("in_progress", "completed")
#: Which responses are counted: real ones only, demo ones as well, or demo ones only.
DEMO_MODES = ("exclude", "include", "only")
#: The longest text answer accepted, in characters.
MAX_TEXT_LENGTH = 10_000


class Response(db.Model):
    """One participant's filling-in of a questionnaire, in progress or completed.

    Nothing here says who the participant is: for an anonymous questionnaire the
    response is reached only through its resume token, whose digest alone is stored.
    """

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "idempotency_digest"),
        CheckConstraint(sql_in("status", RESPONSE_STATUSES), name="status"),
        CheckConstraint("(status = 'completed') = (completed_on IS NOT NULL)", name="completed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: what is answered
    idempotency_digest: Mapped[str] = mapped_column(String(64))  #: SHA-256 of the key the start page generated: one start, one response
    resume_digest: Mapped[str] = mapped_column(String(64), unique=True)  #: SHA-256 of the secret resume token
    invitation_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("invitations.id", ondelete="SET NULL"), index=True)  #: who answered; always NULL when anonymous
    status: Mapped[str] = mapped_column(String(12), default="in_progress")  #: in_progress or completed
    language: Mapped[str] = mapped_column(String(16))  #: language the participant answers in
    section_code: Mapped[Optional[str]] = mapped_column(String(64))  #: page the participant was last on
    is_demo: Mapped[bool] = mapped_column(default=False)  #: invented by `engage demo`, never real data
    started_on: Mapped[datetime] = mapped_column(default=coarse_now)  #: when it started (UTC, to the hour)
    updated_on: Mapped[datetime] = mapped_column(default=coarse_now)  #: last save (UTC, to the hour)
    completed_on: Mapped[Optional[datetime]]  #: when it was submitted (UTC, to the hour)

    questionnaire: Mapped["Questionnaire"] = relationship()
    invitation: Mapped[Optional["Invitation"]] = relationship()
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True)

    @classmethod
    def in_scope(cls, questionnaire, demo="exclude", completed=False):
        """Return the SQL conditions selecting the responses of ``questionnaire`` that count.

        ``demo`` is one of DEMO_MODES, or a yes/no: True includes demo responses, False
        leaves them out. ``completed`` keeps completed responses only.
        """
        mode = {True: "include", False: "exclude"}.get(demo, demo) if isinstance(demo, bool) else demo
        if mode not in DEMO_MODES:
            raise ValueError(f"demo must be one of {DEMO_MODES} or a yes/no, not {demo!r}")
        conditions = [cls.questionnaire_id == questionnaire.id]
        if mode != "include":
            conditions.append(cls.is_demo.is_(mode == "only"))
        if completed:
            conditions.append(cls.status == "completed")
        return conditions


class Answer(db.Model):
    """The answer of one response to one question."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id"),
        CheckConstraint(f"text IS NULL OR length(text) <= {MAX_TEXT_LENGTH}", name="text_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True)  #: the response it is part of
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True)  #: the question answered
    value: Mapped[dict | list | str | int | float | bool] = mapped_column(Json)  #: the answer as typed data (see survey/questionnaires/README.md)
    text: Mapped[Optional[str]] = mapped_column(Text)  #: the participant's own words: a text answer or an "other"

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped["Question"] = relationship()


class Invitation(db.Model):
    """A personal invitation to answer a questionnaire: who was asked, and whether they did.

    Nothing here changes when its holder answers: whether they started or completed is
    found through the response key derived from the invitation (see
    ``survey/invitations/tokens.py``), so the database holds no time or order that joins
    an invitation to a response of an anonymous questionnaire.
    """

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("questionnaire_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: what the person is invited to
    email: Mapped[str] = mapped_column(String(254))  #: the invited person's e-mail address
    name: Mapped[Optional[str]] = mapped_column(String(200))  #: the invited person's name, if known
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)  #: SHA-256 of the invitation token
    created_on: Mapped[datetime] = mapped_column(default=coarse_now)  #: when it was made (UTC, to the hour)
    contact_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True)  #: the contact invited by e-mail, if any
    generation: Mapped[int] = mapped_column(default=0)  #: raised when the link is renewed (the old one stops working)
