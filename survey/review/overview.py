"""A questionnaire's overview: how many answered, when, and who (in suppressed counts)."""

import dataclasses

from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from survey.auth import permission_required, visible_questionnaire
from survey.extensions import db
from survey.i18n import text_in
from survey.models import Question, Response
from survey.reference import REGIONS, region_label
from survey.segments import MIN_CELL, count_table, response_segments

#: Which responses are counted: real ones only, demo ones as well, or demo ones only.
DEMO_MODES = ("exclude", "include", "only")
#: Participation tables in the order of the report: the profile question each needs, its
#: title and the heading of its label column.
DIMENSIONS = {
    "region": ("country", _l("By ITU region"), _l("ITU region")),
    "org_type": ("org_type", _l("By type of organisation"), _l("Organisation")),
    "size": ("org_size", _l("By size of organisation"), _l("Size")),
    "development": ("country", _l("Developed and developing countries"), _l("Country")),
    "gender": ("gender", _l("By gender"), _l("Gender")),
    "age_band": ("age_band", _l("By age"), _l("Age")),
}
FIXED_LABELS = {
    "size": {"sme": _l("SME (fewer than 250 employees)"), "large": _l("Large (250 or more)")},
    "development": {"developing": _l("Developing country"), "developed": _l("Developed country")},
}


def demo_mode(questionnaire, requested):
    """Return ``(mode, by_default)``: the demo mode asked for, else the questionnaire's default.

    By default demo responses are left out, unless they are all there is (a fresh
    installation showing the demo): then they are counted, and the page says so.
    """
    if requested in DEMO_MODES:
        return requested, False
    has_real = db.session.scalar(select(Response.id).where(
        Response.questionnaire_id == questionnaire.id, Response.is_demo.is_(False)).limit(1))
    return ("exclude" if has_real else "include"), True


def in_scope(questionnaire, mode):
    """Return the conditions selecting the responses of ``questionnaire`` counted in demo ``mode``."""
    conditions = [Response.questionnaire_id == questionnaire.id]
    if mode == "exclude":
        conditions.append(Response.is_demo.is_(False))
    elif mode == "only":
        conditions.append(Response.is_demo.is_(True))
    return conditions


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
        .where(*in_scope(questionnaire, mode))).one()
    demo = db.session.scalar(select(func.count()).where(
        Response.questionnaire_id == questionnaire.id, Response.is_demo.is_(True)))
    return Stats(started, int(completed or 0), demo)


def completion_dates(questionnaire, mode):
    """Return the completion time of every completed response in scope."""
    return db.session.scalars(select(Response.completed_on).where(
        *in_scope(questionnaire, mode), Response.status == "completed")).all()


@dataclasses.dataclass(frozen=True)
class Table:
    """A participation table: ``rows`` of ``(label, Cell)`` for ``dimension``."""

    dimension: str
    title: str
    heading: str  #: heading of the label column
    rows: list
    total: int


def page_language():
    """Return the language the page is shown in ("en", "fr")."""
    return str(get_locale() or "en").split("_")[0]


def value_labels(dimension, question, questionnaire):
    """Return ``(values, {value: label})`` for the rows of ``dimension`` (None: not stated)."""
    language = page_language()
    if dimension == "region":
        labels = {code: region_label(code, language) for code in REGIONS}
    elif dimension in FIXED_LABELS:
        labels = {code: str(label) for code, label in FIXED_LABELS[dimension].items()}
    else:
        labels = {choice["code"]: text_in(choice["label"], language, questionnaire.default_language)
                  for choice in question.options.get("choices", ())}
        if question.options.get("other"):
            labels["other"] = _("Other")
    labels[None] = _("Not stated")
    return [code for code in labels if code is not None], labels


def participation(questionnaire, mode, only=None):
    """Return the participation :class:`Table` s of the completed responses in scope.

    A table needs its profile question: a questionnaire without one has no such table.
    ``only`` names the single dimension wanted (default: all).
    """
    ids = db.session.scalars(select(Response.id).where(
        *in_scope(questionnaire, mode), Response.status == "completed")).all()
    segments = list(response_segments(questionnaire, ids).values())
    questions = {q.code: q for q in db.session.scalars(
        select(Question).filter_by(questionnaire_id=questionnaire.id))}
    tables = []
    for dimension, (code, title, heading) in DIMENSIONS.items():
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
