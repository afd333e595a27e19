"""Background jobs: analysis runs and mail batches, queued, claimed, watched and retried."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import Json, db, sql_in, utc_now

if TYPE_CHECKING:
    from survey.models.questionnaires import Questionnaire


JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(db.Model):
    """One piece of background work: what to do, who asked, and how far it got.

    A worker claims a queued job, beats its heart while it works and marks it done or
    failed; a job whose heart stopped (the worker died) is queued again until it has
    used its attempts, then failed: never "running" for ever.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(sql_in("status", JOB_STATUSES), name="status"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
        CheckConstraint("attempts <= max_attempts", name="attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    kind: Mapped[str] = mapped_column(String(20))  #: what to do: analysis or mail
    arguments: Mapped[dict] = mapped_column(Json, default=dict)  #: what the job works on (ids, options)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)  #: queued, running, done or failed
    progress: Mapped[int] = mapped_column(default=0)  #: percentage done, shown while it runs
    stage: Mapped[Optional[str]] = mapped_column(String(200))  #: what it is doing now
    attempts: Mapped[int] = mapped_column(default=0)  #: how many times a worker took it
    max_attempts: Mapped[int] = mapped_column(default=2)  #: after this many dead workers it fails
    error: Mapped[Optional[str]] = mapped_column(Text)  #: why it failed
    questionnaire_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: the questionnaire concerned
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))  #: who started it (NULL: the command line)
    actor: Mapped[str] = mapped_column(String(254))  #: who started it, as shown then
    queued_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when it was queued (UTC)
    started_on: Mapped[Optional[datetime]]  #: when a worker last took it (UTC)
    heartbeat_on: Mapped[Optional[datetime]]  #: the last sign of life of its worker (UTC)
    finished_on: Mapped[Optional[datetime]]  #: when it ended (UTC)

    questionnaire: Mapped[Optional["Questionnaire"]] = relationship()
