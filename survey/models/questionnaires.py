"""Workshops, their questionnaires, and the sections and questions of a questionnaire."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import Json, coarse_now, db, sql_in

QUESTIONNAIRE_KINDS = ("pre_workshop", "post_workshop", "committee")
QUESTIONNAIRE_STATUSES = ("draft", "open", "closed")


class Workshop(db.Model):
    """An ITU-T industry engagement workshop (one per edition)."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    code: Mapped[str] = mapped_column(String(64), unique=True)  #: stable identifier from the data file
    name: Mapped[dict] = mapped_column(Json)  #: workshop name per language code
    edition: Mapped[int]  #: the year of the workshop
    date: Mapped[Optional[date]]  #: the day it takes place, if fixed
    place: Mapped[Optional[dict]] = mapped_column(Json)  #: where it takes place, per language code

    questionnaires: Mapped[list["Questionnaire"]] = relationship(back_populates="workshop")


class Questionnaire(db.Model):
    """A questionnaire of a workshop: what participants or the committee fill in."""

    __tablename__ = "questionnaires"
    __table_args__ = (
        CheckConstraint(sql_in("kind", QUESTIONNAIRE_KINDS), name="kind"),
        CheckConstraint(sql_in("status", QUESTIONNAIRE_STATUSES), name="status"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)  #: the workshop asked about
    slug: Mapped[str] = mapped_column(String(64), unique=True)  #: URL name: participants answer at /s/<slug>
    kind: Mapped[str] = mapped_column(String(20))  #: pre_workshop, post_workshop or committee
    status: Mapped[str] = mapped_column(String(10), default="draft")  #: draft, open or closed
    anonymous: Mapped[bool] = mapped_column(default=True)  #: whether who answered is kept apart from the answers
    languages: Mapped[list] = mapped_column(Json)  #: language codes offered, the default language first
    minutes: Mapped[int] = mapped_column(default=15)  #: time needed to answer, shown on the welcome page
    title: Mapped[dict] = mapped_column(Json)  #: title per language code
    purpose: Mapped[dict] = mapped_column(Json)  #: welcome text per language code: why the questions are asked
    privacy: Mapped[dict] = mapped_column(Json)  #: privacy notice per language code
    created_at: Mapped[datetime] = mapped_column(default=coarse_now)  #: when it was first loaded (UTC, to the hour)
    opens_on: Mapped[Optional[datetime]]  #: a draft opens by itself at this time (UTC)
    closes_on: Mapped[Optional[datetime]]  #: it closes by itself at this time (UTC)

    workshop: Mapped[Workshop] = relationship(back_populates="questionnaires")
    sections: Mapped[list["Section"]] = relationship(
        back_populates="questionnaire", order_by="Section.position", cascade="all, delete-orphan")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="questionnaire", cascade="all, delete-orphan")

    @property
    def default_language(self):
        """Return the language every text of the questionnaire exists in."""
        return self.languages[0]


class Section(db.Model):
    """A page of a questionnaire: a titled group of questions."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("questionnaire_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: the questionnaire it belongs to
    code: Mapped[str] = mapped_column(String(64))  #: stable identifier, used in page URLs
    position: Mapped[int]  #: order of the page in the questionnaire, from 0
    title: Mapped[dict] = mapped_column(Json)  #: title per language code
    intro: Mapped[Optional[dict]] = mapped_column(Json)  #: text shown above the questions, per language code
    show_if: Mapped[Optional[dict]] = mapped_column(Json)  #: condition on earlier answers for showing the page

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="sections")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="section", order_by="Question.position")

    @property
    def active_questions(self):
        """Return the questions participants see on this page, in order."""
        return [q for q in self.questions if not q.retired]


class Question(db.Model):
    """A question: its code, type, texts per language, and type-specific options."""

    __tablename__ = "questions"
    # No CHECK on the type: the loader refuses unknown types, so that a new question type
    # is one class in survey/fields/ and no migration.
    __table_args__ = (UniqueConstraint("questionnaire_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: the questionnaire it belongs to
    section_id: Mapped[int] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True)  #: the page it is on
    code: Mapped[str] = mapped_column(String(64))  #: stable identifier, never reused for another question
    position: Mapped[int]  #: order within its section, from 0
    type: Mapped[str] = mapped_column(String(20))  #: a question type of survey.fields.FIELD_TYPES
    text: Mapped[dict] = mapped_column(Json)  #: the question per language code
    help: Mapped[Optional[dict]] = mapped_column(Json)  #: guidance shown under the question, per language code
    required: Mapped[bool] = mapped_column(default=False)  #: whether a visible question must be answered
    options: Mapped[dict] = mapped_column(Json, default=dict)  #: type options: choices, other, rows, scale, bounds, limits
    show_if: Mapped[Optional[dict]] = mapped_column(Json)  #: condition on earlier answers for showing the question
    retired: Mapped[bool] = mapped_column(default=False)  #: removed from the data file but kept for its answers

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="questions")
    section: Mapped[Section] = relationship(back_populates="questions")

    @property
    def field(self):
        """Return the question's type (a survey.fields.QuestionType) bound to this question."""
        from survey.fields import field_type

        return field_type(self.type)(self)

    @property
    def is_text(self):
        """Return whether the answer is free text written by the participant."""
        return self.field.is_text
