"""Theme analysis stored for the committee: catalogue, runs, themes, and answer placements."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import Json, db, sql_in, utc_now

if TYPE_CHECKING:
    from survey.models.accounts import User
    from survey.models.jobs import Job
    from survey.models.questionnaires import Questionnaire
    from survey.models.responses import Answer


RUN_STATUSES = ("running", "done", "failed")
THEME_SOURCES = ("catalogue", "discovered", "non_answer", "unassigned", "committee")


class CatalogueEntry(db.Model):
    """A theme of a questionnaire's catalogue: what the analysis looks for first."""

    __tablename__ = "catalogue_entries"
    __table_args__ = (UniqueConstraint("questionnaire_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: whose catalogue it is
    key: Mapped[str] = mapped_column(String(64))  #: stable id, e.g. smes-startups; themes of runs refer to it
    title: Mapped[str] = mapped_column(String(200))  #: the theme's name
    description: Mapped[str] = mapped_column(Text)  #: one paragraph saying what belongs to the theme
    keywords: Mapped[list] = mapped_column(Json, default=list)  #: words and phrases typical of the theme
    examples: Mapped[list] = mapped_column(Json, default=list)  #: answers that clearly belong to it
    position: Mapped[int] = mapped_column(default=0)  #: order in the catalogue
    retired: Mapped[bool] = mapped_column(default=False)  #: removed by the committee; kept for earlier runs


class AnalysisRun(db.Model):
    """One run of the theme analysis over the free-text answers of a questionnaire."""

    __tablename__ = "analysis_runs"
    __table_args__ = (
        CheckConstraint(sql_in("status", RUN_STATUSES), name="status"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: whose answers are analysed
    question_code: Mapped[Optional[str]] = mapped_column(String(64))  #: the question analysed; NULL: every free-text question
    status: Mapped[str] = mapped_column(String(10), default="running")  #: running, done or failed
    progress: Mapped[int] = mapped_column(default=0)  #: percentage done, shown while it runs
    stage: Mapped[Optional[str]] = mapped_column(String(200))  #: what it is doing now, shown while it runs
    parameters: Mapped[dict] = mapped_column(Json, default=dict)  #: the analysis parameters and the catalogue used
    versions: Mapped[dict] = mapped_column(Json, default=dict)  #: versions of Engage and the libraries that ran it
    answer_count: Mapped[int] = mapped_column(default=0)  #: how many answers it grouped
    error: Mapped[Optional[str]] = mapped_column(Text)  #: why it failed
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)  #: who ran it (NULL: the command line)
    actor: Mapped[str] = mapped_column(String(254))  #: who ran it, as shown then
    previous_run_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="SET NULL"))  #: the run whose corrections were carried over
    started_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when it started (UTC)
    finished_on: Mapped[Optional[datetime]]  #: when it finished or failed (UTC)
    job_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("jobs.id", ondelete="SET NULL"))  #: the background job doing it (NULL: done in the foreground)

    questionnaire: Mapped["Questionnaire"] = relationship()
    job: Mapped[Optional["Job"]] = relationship()
    created_by: Mapped[Optional["User"]] = relationship()
    themes: Mapped[list["Theme"]] = relationship(
        back_populates="run", order_by="Theme.position", cascade="all, delete-orphan",
        passive_deletes=True)

    @classmethod
    def over(cls, question_code):
        """Return the SQL condition selecting runs over ``question_code`` (None: all free text)."""
        return cls.question_code.is_(None) if question_code is None else cls.question_code == question_code


class Theme(db.Model):
    """A theme of an analysis run, as the machine found it and the committee corrected it."""

    __tablename__ = "themes"
    __table_args__ = (
        UniqueConstraint("run_id", "key"),
        CheckConstraint(sql_in("source", THEME_SOURCES), name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True)  #: the run it belongs to
    key: Mapped[str] = mapped_column(String(64))  #: stable id: the catalogue key, or one made for the run
    source: Mapped[str] = mapped_column(String(12))  #: catalogue, discovered, non_answer, unassigned or committee
    label: Mapped[str] = mapped_column(String(200))  #: the theme's name (the committee may rename it)
    description: Mapped[str] = mapped_column(Text, default="")  #: what belongs to it (editable)
    terms: Mapped[list] = mapped_column(Json, default=list)  #: distinctive terms, most distinctive first
    position: Mapped[int] = mapped_column(default=0)  #: order in the machine's list
    edited: Mapped[bool] = mapped_column(default=False)  #: whether the committee changed its name or description
    merged_into_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"))  #: the theme it was merged into (then it is hidden)

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")
    merged_into: Mapped[Optional["Theme"]] = relationship(remote_side=[id])
    notes: Mapped[list["ThemeNote"]] = relationship(
        order_by="ThemeNote.created_on", cascade="all, delete-orphan", passive_deletes=True)


class ThemeAssignment(db.Model):
    """Where an analysis run put one answer: its theme, and whether a person put it there."""

    __tablename__ = "theme_assignments"
    __table_args__ = (UniqueConstraint("run_id", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True)  #: the run
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), index=True)  #: the free-text answer placed
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), index=True)  #: the theme it is in now
    confidence: Mapped[Optional[float]] = mapped_column(Float)  #: the machine's confidence in its placement (0 to 1)
    placed_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))  #: who placed it by hand (NULL: the machine)
    by_hand: Mapped[bool] = mapped_column(default=False)  #: placed by a person; re-runs keep it where it was put
    highlighted: Mapped[bool] = mapped_column(default=False)  #: chosen as a quote for the report

    answer: Mapped["Answer"] = relationship()
    theme: Mapped[Theme] = relationship()


class ThemeNote(db.Model):
    """A committee member's note on a theme."""

    __tablename__ = "theme_notes"

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), index=True)  #: the theme annotated
    user_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))  #: who wrote it
    actor: Mapped[str] = mapped_column(String(254))  #: who wrote it, as shown then
    text: Mapped[str] = mapped_column(Text)  #: the note
    created_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when it was written (UTC)
