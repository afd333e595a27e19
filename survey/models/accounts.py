"""Committee accounts, login attempts, and the audit trail of what they changed."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

import hashlib

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import Json, db, sql_in, utc_now

if TYPE_CHECKING:
    from survey.models.questionnaires import Questionnaire


#: Roles, from the most to the least powerful.
ROLES = ("admin", "reviewer", "observer")


class User(UserMixin, db.Model):
    """A member of the steering committee (or the secretariat) who may use the review area."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(sql_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    email: Mapped[str] = mapped_column(String(254), unique=True)  #: login name, stored in lower case
    name: Mapped[Optional[str]] = mapped_column(String(200))  #: how the person is shown to colleagues
    role: Mapped[str] = mapped_column(String(10))  #: admin, reviewer or observer
    password_hash: Mapped[str] = mapped_column(String(255))  #: scrypt hash of the password (werkzeug format)
    active: Mapped[bool] = mapped_column(default=True)  #: whether the account may log in
    created_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when the account was made (UTC)
    last_login_on: Mapped[Optional[datetime]]  #: the last successful login (UTC)
    all_questionnaires: Mapped[bool] = mapped_column(default=True)  #: sees every questionnaire; else only those in questionnaire_access

    granted: Mapped[list["Questionnaire"]] = relationship(secondary="questionnaire_access", viewonly=True)

    @property
    def is_active(self):
        """Return whether the account may log in (Flask-Login asks)."""
        return self.active

    def get_id(self):
        """Return the id kept in the session: changing the password ends every session."""
        marker = hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]
        return f"{self.id}.{marker}"

    @property
    def display_name(self):
        """Return the name to show for the user: the name if known, else the e-mail address."""
        return self.name or self.email


class LoginAttempt(db.Model):
    """A failed login, kept for a while to slow down password guessing."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    email_digest: Mapped[str] = mapped_column(String(64), index=True)  #: SHA-256 of the e-mail tried (an unknown one too)
    address: Mapped[str] = mapped_column(String(64), index=True)  #: the client's IP address
    attempted_on: Mapped[datetime] = mapped_column(default=utc_now, index=True)  #: when it failed (UTC)


class AuditEntry(db.Model):
    """One change made by a committee member: who, when, what, to which object."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    user_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)  #: who did it (NULL: the command line)
    actor: Mapped[str] = mapped_column(String(254))  #: who did it, as shown then (kept if the user is deleted)
    questionnaire_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: the questionnaire concerned
    run_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True)  #: the analysis run concerned
    theme_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), index=True)  #: the theme concerned
    action: Mapped[str] = mapped_column(String(40))  #: what was done, e.g. rename, merge, move, delete_response
    summary: Mapped[str] = mapped_column(Text)  #: one sentence saying what changed, for people
    detail: Mapped[Optional[dict]] = mapped_column(Json)  #: the change as data (old and new values, ids)
    created_on: Mapped[datetime] = mapped_column(default=utc_now, index=True)  #: when it was done (UTC)

    user: Mapped[Optional[User]] = relationship()


class QuestionnaireAccess(db.Model):
    """A questionnaire a user limited to some questionnaires may see."""

    __tablename__ = "questionnaire_access"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)  #: the user
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), primary_key=True, index=True)  #: what they may see
