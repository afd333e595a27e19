"""A questionnaire's overview: how many answered, when, and who (in suppressed counts)."""

import dataclasses

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from survey.auth import permission_required, visible_questionnaire
from survey.extensions import db
from survey.i18n import page_language, text_in
from survey.models import DEMO_MODES, Question, Response
from survey.reference import REGIONS
from survey.segments import MIN_CELL, SEGMENT_LABELS, count_table, response_segments, segment_label
from survey.review.blueprint import bp

#: Participation tables in the order of the report: the segment dimension, the profile
#: question it needs, its title and the heading of its label column.
PARTICIPATION_TABLES = {
    "region": ("country", _l("By ITU region"), _l("ITU region")),
    "org_type": ("org_type", _l("By type of organisation"), _l("Organisation")),
    "size": ("org_size", _l("By size of organisation (SME: fewer than 250 employees)"), _l("Size")),
    "development": ("country", _l("Developed and developing countries"), _l("Country")),
    "gender": ("gender", _l("By gender"), _l("Gender")),
    "age_band": ("age_band", _l("By age"), _l("Age")),
}
def demo_mode(questionnaire, requested):
    """Return ``(mode, by_default)``: the demo mode asked for, else the questionnaire's default.

    By default demo responses are left out, unless they are all there is (a fresh
    installation showing the demo): then they are counted, and the page says so.
    """
    if requested in DEMO_MODES:
        return requested, False
    has_real = db.session.scalar(select(Response.id).where(
        *Response.in_scope(questionnaire, "exclude")).limit(1))
    return ("exclude" if has_real else "include"), True


@dataclasses.dataclass(frozen=True)
class Stats:
    """Response counts of a questionnaire in one demo mode (``demo``: demo responses in all)."""

    started: int
    completed: int
    demo: int

    @property
    def completion_rate(self):
        """Return completed / started (0 when nothing started)."""
        return self.completed / self.started if self.started else 0.0


def response_stats(questionnaire, mode):
    """Return the :class:`Stats` of ``questionnaire`` under demo ``mode``."""
    started, completed = db.session.execute(
        select(func.count(), func.sum(case((Response.status == "completed", 1), else_=0)))
        .where(*Response.in_scope(questionnaire, mode))).one()
    demo = db.session.scalar(select(func.count()).where(*Response.in_scope(questionnaire, "only")))
    return Stats(started, int(completed or 0), demo)


def completion_dates(questionnaire, mode):
    """Return the completion time of every completed response in scope."""
    return db.session.scalars(select(Response.completed_on).where(
        *Response.in_scope(questionnaire, mode, completed=True))).all()


@dataclasses.dataclass(frozen=True)
class Table:
    """A participation table: ``rows`` of ``(label, Cell)`` for ``dimension``."""

    dimension: str
    title: str
    heading: str  #: heading of the label column
    rows: list
    total: int


def value_labels(dimension, question, questionnaire):
    """Return ``(values, {value: label})`` for the rows of ``dimension`` (None: not stated)."""
    language = page_language()
    if dimension == "region":
        labels = {code: segment_label(dimension, code, language) for code in REGIONS}
    elif dimension in SEGMENT_LABELS:
        labels = {code: segment_label(dimension, code) for code in SEGMENT_LABELS[dimension]}
    else:
        labels = {choice["code"]: text_in(choice["label"], language, questionnaire.default_language)
                  for choice in question.options.get("choices", ())}
        if question.options.get("other"):
            labels["other"] = _("Other")
    labels[None] = segment_label(dimension, None)
    return [code for code in labels if code is not None], labels


def participation(questionnaire, mode, only=None):
    """Return the participation :class:`Table` s of the completed responses in scope.

    A table needs its profile question: a questionnaire without one has no such table.
    ``only`` names the single dimension wanted (default: all).
    """
    ids = db.session.scalars(select(Response.id).where(
        *Response.in_scope(questionnaire, mode, completed=True))).all()
    segments = list(response_segments(questionnaire, ids).values())
    questions = {q.code: q for q in db.session.scalars(
        select(Question).filter_by(questionnaire_id=questionnaire.id))}
    tables = []
    for dimension, (code, title, heading) in PARTICIPATION_TABLES.items():
        if code not in questions or only not in (None, dimension):
            continue
        values, labels = value_labels(dimension, questions[code], questionnaire)
        # A choice since removed from the questionnaire still gets its row.
        values += sorted({s.get(dimension) for s in segments} - set(values) - {None}, key=str)
        rows = [(labels.get(value, str(value)), cell)
                for value, cell in count_table(segments, dimension, values)]
        tables.append(Table(dimension, str(title), str(heading), rows, len(segments)))
    return tables


def demo_notice(mode, by_default):
    """Return the sentence saying which responses the page counts."""
    if mode == "only":
        return _("Only demo responses are counted.")
    if mode == "include":
        if by_default:
            return _("This questionnaire has only demo responses so far: they are counted.")
        return _("Demo responses are counted with real ones.")
    return _("Demo responses are left out.")


@bp.get("/<slug>/")
@permission_required("view")
def overview(slug):
    questionnaire = visible_questionnaire(slug)
    requested = request.args.get("demo")
    mode, by_default = demo_mode(questionnaire, requested)
    notices = [_("Unknown demo choice ignored.")] if requested and by_default else []
    stats = response_stats(questionnaire, mode)
    return render_template(
        "review/overview.html", questionnaire=questionnaire, stats=stats, mode=mode,
        demo_modes=DEMO_MODES, demo_notice=demo_notice(mode, by_default), notices=notices,
        tables=participation(questionnaire, mode), has_completions=stats.completed > 0,
        min_cell=MIN_CELL)
