"""The committee's corrections to an analysis run, each written to the audit trail.

Every function takes the user who acts (None: the command line), checks its input,
changes the rows and adds an AuditEntry; the caller commits.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from survey.audit import actor_of, record
from survey.extensions import db
from survey.models import Theme, ThemeAssignment, ThemeNote
from survey.text import has_control_characters
from survey.themes.findings import consenting_responses

#: Longest theme name, description and note accepted.
MAX_LABEL, MAX_DESCRIPTION, MAX_NOTE = 200, 4000, 4000


class CorrectionError(Exception):
    """A correction refused, with a message for the user and the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def checked_text(value, limit, what, required=True):
    """Return ``value`` stripped, or raise CorrectionError if empty, too long or with control characters."""
    value = (value or "").strip()
    if has_control_characters(value, multiline=True):
        raise CorrectionError(_("%(what)s contains characters that are not allowed.", what=what))
    if required and not value:
        raise CorrectionError(_("%(what)s may not be empty.", what=what))
    if len(value) > limit:
        raise CorrectionError(_("%(what)s is too long (at most %(limit)d characters).",
                                what=what, limit=limit))
    return value


def clean_words(value, limit):
    """Return the comma-separated words of ``value`` as a list (at most ``limit`` of them)."""
    text = checked_text(value, 4000, _("The keywords"), required=False)
    words = [w.strip() for w in text.split(",") if w.strip()]
    if len(words) > limit:
        raise CorrectionError(_("Give at most %(limit)d keywords.", limit=limit))
    return words


def english_outside_requests():
    """Write messages in English when there is no page to take the language from (thread, CLI)."""
    from flask import g, has_request_context

    if not has_request_context():
        g.setdefault("language", "en")


def audit(user, questionnaire, run, theme, action, summary, detail):
    """Add an AuditEntry saying who did ``action`` on which run and theme; return it."""
    return record(user, action, summary, detail, questionnaire=questionnaire, run=run, theme=theme)


def _theme_audit(user, theme, action, summary, detail):
    detail.setdefault("themes", [theme.id])
    return audit(user, theme.run.questionnaire, theme.run, theme, action, summary, detail)


def rename(user, theme, label, description):
    """Change a theme's name and description; return the audit entries written."""
    label = checked_text(label, MAX_LABEL, _("The name"))
    description = checked_text(description, MAX_DESCRIPTION, _("The description"), required=False)
    entries = []
    if label != theme.label:
        entries.append(_theme_audit(user, theme, "rename", _(
            "Renamed the theme %(old)s to %(new)s.", old=theme.label, new=label),
            {"old": theme.label, "new": label}))
        theme.label = label
    if description != (theme.description or ""):
        entries.append(_theme_audit(user, theme, "describe", _(
            "Changed the description of %(name)s.", name=label),
            {"old": theme.description, "new": description}))
        theme.description = description
    theme.edited = theme.edited or bool(entries)
    return entries


def assignments_of(theme):
    """Return the assignments now in ``theme``."""
    return db.session.scalars(select(ThemeAssignment).filter_by(theme_id=theme.id)
                              .order_by(ThemeAssignment.id)).all()


def merge(user, source, target):
    """Merge ``source`` into ``target``: its answers move there and it is hidden."""
    if source.id == target.id:
        raise CorrectionError(_("A theme cannot be merged into itself."))
    if target.merged_into_id is not None or source.merged_into_id is not None:
        raise CorrectionError(_("That theme was already merged into another one."), 409)
    moved = assignments_of(source)
    for assignment in moved:
        assignment.theme_id = target.id
    source.merged_into_id = target.id
    return _theme_audit(user, source, "merge", _(
        "Merged the theme %(source)s into %(target)s (%(count)d answers).",
        source=source.label, target=target.label, count=len(moved)),
        {"themes": [source.id, target.id], "old": {"theme": source.id, "key": source.key},
         "new": {"theme": target.id, "key": target.key}, "answers": [a.answer_id for a in moved]})


def new_committee_theme(run, label, description=""):
    """Return a new theme of ``run`` made by the committee (key committee-<n>), flushed."""
    numbers = [int(t.key.split("-", 1)[1]) for t in run.themes
               if t.source == "committee" and t.key.split("-", 1)[1].isdigit()]
    theme = Theme(run_id=run.id, key=f"committee-{max(numbers, default=0) + 1}", source="committee",
                  label=label, description=description, terms=[], edited=True,
                  position=max((t.position for t in run.themes), default=0) + 1)
    run.themes.append(theme)
    db.session.flush()
    return theme


def place(user, assignment, target):
    """Put one answer in ``target`` by hand; return the theme it came from."""
    previous = assignment.theme
    assignment.theme_id = target.id
    assignment.theme = target
    assignment.by_hand = True
    assignment.placed_by_id = user.id if user is not None else None
    return previous


def move(user, assignment, target):
    """Move one answer to ``target`` by hand; return the audit entry."""
    if target.merged_into_id is not None:
        raise CorrectionError(_("That theme was merged into another one; choose that one."))
    if assignment.theme_id == target.id:
        raise CorrectionError(_("The answer is already in that theme."))
    previous = place(user, assignment, target)
    return _theme_audit(user, target, "move", _(
        "Moved answer #%(answer)d from %(old)s to %(new)s.",
        answer=assignment.answer_id, old=previous.label, new=target.label),
        {"themes": [previous.id, target.id], "answer": assignment.answer_id,
         "old": {"theme": previous.id}, "new": {"theme": target.id}})


def split(user, theme, answer_ids, target=None, new_label=None):
    """Move the chosen answers of ``theme`` to ``target`` or to a new theme; return that theme."""
    chosen = [a for a in assignments_of(theme) if a.answer_id in set(answer_ids)]
    if not answer_ids or len(chosen) != len(set(answer_ids)):
        raise CorrectionError(_("Choose answers of this theme to move."))
    if target is None:
        label = checked_text(new_label, MAX_LABEL, _("The name of the new theme"))
        target = new_committee_theme(theme.run, label)
    elif target.id == theme.id or target.merged_into_id is not None:
        raise CorrectionError(_("Choose another theme to move the answers to."))
    for assignment in chosen:
        place(user, assignment, target)
    _theme_audit(user, theme, "split", _(
        "Moved %(count)d answers from %(old)s to %(new)s.",
        count=len(chosen), old=theme.label, new=target.label),
        {"themes": [theme.id, target.id], "answers": sorted(a.answer_id for a in chosen),
         "old": {"theme": theme.id}, "new": {"theme": target.id, "key": target.key,
                                             "label": target.label}})
    return target


def set_highlight(user, assignment, highlighted):
    """Choose (or stop choosing) an answer as a quote; refused without the participant's consent."""
    run = assignment.theme.run
    if highlighted and assignment.answer.response_id not in consenting_responses(run.questionnaire):
        raise CorrectionError(_("This participant did not agree to be quoted: "
                                "the answer cannot be highlighted."), 409)
    if assignment.highlighted == highlighted:
        raise CorrectionError(_("Nothing to change: the answer is already like that."), 409)
    assignment.highlighted = highlighted
    action = "highlight" if highlighted else "unhighlight"
    summary = (_("Highlighted answer #%(answer)d as a quote.", answer=assignment.answer_id)
               if highlighted else
               _("Stopped highlighting answer #%(answer)d.", answer=assignment.answer_id))
    return _theme_audit(user, assignment.theme, action, summary,
                        {"answer": assignment.answer_id, "old": not highlighted, "new": highlighted})


def add_note(user, theme, text):
    """Add a note to ``theme``; return it."""
    text = checked_text(text, MAX_NOTE, _("The note"))
    note = ThemeNote(theme_id=theme.id, user_id=user.id if user is not None else None,
                     actor=actor_of(user), text=text)
    db.session.add(note)
    _theme_audit(user, theme, "note", _("Added a note to %(name)s.", name=theme.label),
                 {"new": text})
    return note
