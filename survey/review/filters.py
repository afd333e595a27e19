"""The response list's filters, read from the query string: bad values are ignored with a notice."""

import dataclasses
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from survey.extensions import db
from survey.models import Answer, Response
from survey.reference import REGIONS
from survey.review.overview import demo_mode
from survey.segments import response_segments

STATUSES = ("completed", "in_progress")
#: Segment filters: query parameter -> accepted values ("none": the participant did not say).
SEGMENT_VALUES = {
    "size": ("sme", "large", "none"),
    "development": ("developing", "developed", "none"),
    "region": (*REGIONS, "none"),
}
MAX_SEARCH = 200
PER_PAGE = 50


@dataclasses.dataclass
class Filters:
    """What the list is narrowed to; ``notices`` say which values were ignored and why."""

    demo: str
    demo_by_default: bool
    status: str | None = None
    language: str | None = None
    started_from: date | None = None
    started_to: date | None = None
    search: str = ""
    segments: dict = dataclasses.field(default_factory=dict)
    page: int = 1
    notices: list = dataclasses.field(default_factory=list)

    def args(self):
        """Return the query parameters giving these filters (the page left out)."""
        found = {"status": self.status, "language": self.language, "q": self.search or None,
                 "from": self.started_from and self.started_from.isoformat(),
                 "to": self.started_to and self.started_to.isoformat(), **self.segments}
        if not self.demo_by_default:
            found["demo"] = self.demo
        return {key: value for key, value in found.items() if value}


def choice(args, name, allowed, notices, label):
    """Return ``args[name]`` if it is one of ``allowed``; else None, with a notice if it was set."""
    value = args.get(name, "")
    if value in allowed:
        return value
    if value:
        notices.append(_("Unknown %(what)s ignored.", what=label))
    return None


def day(args, name, notices):
    """Return the ISO date ``args[name]`` (YYYY-MM-DD), or None with a notice if it is not one."""
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        notices.append(_("“%(value)s” is not a date (YYYY-MM-DD): ignored.", value=value[:20]))
        return None


def page_number(args, notices):
    value = args.get("page", "1")
    if value.isdigit() and len(value) < 10 and int(value) >= 1:
        return int(value)
    notices.append(_("Page “%(value)s” does not exist: showing the first page.", value=value[:20]))
    return 1


def read_filters(questionnaire, args):
    """Return the :class:`Filters` asked for in the query string ``args``."""
    notices = []
    requested = args.get("demo")
    mode, by_default = demo_mode(questionnaire, requested)
    if requested and by_default:
        notices.append(_("Unknown demo choice ignored."))
    search = args.get("q", "").replace("\x00", "").strip()
    if len(search) > MAX_SEARCH:
        notices.append(_("The search was cut to %(n)s characters.", n=MAX_SEARCH))
        search = search[:MAX_SEARCH]
    labels = {"size": _("size"), "development": _("development status"), "region": _("region")}
    segments = {name: choice(args, name, values, notices, labels[name])
                for name, values in SEGMENT_VALUES.items()}
    return Filters(
        demo=mode, demo_by_default=by_default,
        status=choice(args, "status", STATUSES, notices, _("status")),
        language=choice(args, "language", questionnaire.languages, notices, _("language")),
        started_from=day(args, "from", notices), started_to=day(args, "to", notices),
        search=search, segments={k: v for k, v in segments.items() if v},
        page=page_number(args, notices), notices=notices)


def like_pattern(text):
    """Return a LIKE pattern finding ``text`` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching_ids(questionnaire, filters):
    """Return the ids of the responses of ``questionnaire`` the filters keep, newest first."""
    query = select(Response.id).where(*Response.in_scope(questionnaire, filters.demo))
    if filters.status:
        query = query.where(Response.status == filters.status)
    if filters.language:
        query = query.where(Response.language == filters.language)
    if filters.started_from:
        query = query.where(Response.started_on >= datetime.combine(filters.started_from, time.min))
    if filters.started_to:
        query = query.where(Response.started_on <= datetime.combine(filters.started_to, time.max))
    if filters.search:
        query = query.where(Response.id.in_(select(Answer.response_id).where(
            Answer.text.ilike(like_pattern(filters.search), escape="\\"))))
    ids = db.session.scalars(query.order_by(Response.id.desc())).all()
    if not filters.segments:
        return ids
    segments = response_segments(questionnaire)
    return [rid for rid in ids if all(
        (segments[rid].get(name) or "none") == value for name, value in filters.segments.items())]
