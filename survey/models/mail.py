"""People Engage writes to, the messages it sends them, and the reports it publishes."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.models.base import db, sql_in, utc_now

if TYPE_CHECKING:
    from survey.models.questionnaires import Questionnaire


#: The six official languages of the United Nations: every message exists in each.
MAIL_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
ORGANISATION_SIZES = ("sme", "large")
MESSAGE_KINDS = ("invitation", "reminder", "thank_you", "letter")
MESSAGE_STATUSES = ("pending", "sending", "sent", "deferred", "failed", "uncertain", "skipped")


class Contact(db.Model):
    """A person Engage may write to: a past participant, an invitee, a workshop attendee."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(sql_in("language", MAIL_LANGUAGES), name="language"),
        CheckConstraint(f"size IS NULL OR {sql_in('size', ORGANISATION_SIZES)}", name="size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    email: Mapped[str] = mapped_column(String(254), unique=True)  #: normalised e-mail address (trimmed, lower case)
    name: Mapped[Optional[str]] = mapped_column(String(200))  #: the person's name
    organisation: Mapped[Optional[str]] = mapped_column(String(200))  #: where the person works
    country: Mapped[Optional[str]] = mapped_column(String(2))  #: ISO 3166 alpha-2 code of the organisation's country
    size: Mapped[Optional[str]] = mapped_column(String(5))  #: sme (under 250 employees) or large
    language: Mapped[str] = mapped_column(String(2), default="en")  #: preferred language: one of MAIL_LANGUAGES
    consent: Mapped[bool] = mapped_column(default=False)  #: agreed to be contacted by the IEWSC
    unsubscribed_on: Mapped[Optional[datetime]]  #: when they asked for no more messages (UTC)
    undeliverable: Mapped[Optional[str]] = mapped_column(String(500))  #: the mail server's permanent refusal, if any
    created_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when first imported (UTC)
    updated_on: Mapped[datetime] = mapped_column(default=utc_now)  #: last import or change (UTC)

    tags: Mapped[list["ContactTag"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ContactTag.tag")

    @property
    def tag_names(self):
        """Return the contact's tags, sorted."""
        return [t.tag for t in self.tags]


class ContactTag(db.Model):
    """A label on a contact, such as the workshop edition they came from."""

    __tablename__ = "contact_tags"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)  #: the contact
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)  #: the label, e.g. iew-2025


class MessageTemplate(db.Model):
    """The subject and body of one message in one language, editable by administrators."""

    __tablename__ = "message_templates"
    __table_args__ = (
        UniqueConstraint("name", "language"),
        CheckConstraint(sql_in("kind", MESSAGE_KINDS), name="kind"),
        CheckConstraint(sql_in("language", MAIL_LANGUAGES), name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    name: Mapped[str] = mapped_column(String(64))  #: the template's name: invitation, reminder, thank_you, letter or a letter of its own
    kind: Mapped[str] = mapped_column(String(12))  #: what it is used for: one of MESSAGE_KINDS
    language: Mapped[str] = mapped_column(String(2))  #: the language it is written in
    subject: Mapped[str] = mapped_column(String(300))  #: the subject line (a template)
    text: Mapped[str] = mapped_column(Text)  #: the plain-text body (a template)
    html: Mapped[Optional[str]] = mapped_column(Text)  #: the HTML body (a template); NULL: made from the text
    updated_on: Mapped[datetime] = mapped_column(default=utc_now)  #: last change (UTC)
    updated_by: Mapped[Optional[str]] = mapped_column(String(254))  #: who changed it last (NULL: shipped with Engage)


class Message(db.Model):
    """One message to one contact: planned, sent once at most, or why not.

    ``key`` names the message (what, for which questionnaire, to whom): a second plan of
    the same message finds the row instead of sending again.
    """

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(sql_in("kind", MESSAGE_KINDS), name="kind"),
        CheckConstraint(sql_in("status", MESSAGE_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    key: Mapped[str] = mapped_column(String(200), unique=True)  #: kind/questionnaire/round or template/contact: at most one each
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True)  #: to whom
    questionnaire_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)  #: about which questionnaire
    job_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("jobs.id", ondelete="SET NULL"), index=True)  #: the batch that sends it
    kind: Mapped[str] = mapped_column(String(12))  #: invitation, reminder, thank_you or letter
    template: Mapped[str] = mapped_column(String(64))  #: the template's name
    language: Mapped[str] = mapped_column(String(2))  #: the language it is written in
    status: Mapped[str] = mapped_column(String(10), default="pending")  #: pending, sending, sent, deferred, failed, uncertain or skipped
    attempts: Mapped[int] = mapped_column(default=0)  #: SMTP attempts made
    error: Mapped[Optional[str]] = mapped_column(String(500))  #: the last failure, or why it was skipped
    subject: Mapped[Optional[str]] = mapped_column(String(300))  #: the subject as sent
    created_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when it was planned (UTC)
    sent_on: Mapped[Optional[datetime]]  #: when the mail server accepted it (UTC)

    contact: Mapped[Contact] = relationship()


class PublishedReport(db.Model):
    """A questionnaire's final report, published at a public link that letters point to."""

    __tablename__ = "published_reports"

    id: Mapped[int] = mapped_column(primary_key=True)  #: surrogate key
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), unique=True)  #: whose report it is
    token: Mapped[str] = mapped_column(String(64), unique=True)  #: random part of the public address
    file_name: Mapped[str] = mapped_column(String(200))  #: the file name offered for download
    docx: Mapped[bytes] = mapped_column(LargeBinary)  #: the Word document as published
    published_on: Mapped[datetime] = mapped_column(default=utc_now)  #: when it was published (UTC)
    published_by: Mapped[str] = mapped_column(String(254))  #: who published it

    questionnaire: Mapped["Questionnaire"] = relationship()
