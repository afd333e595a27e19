"""What an analysis run found, as the committee corrected it: read by the theme pages
and by the reports (which never look at the raw machine output)."""

import dataclasses

from sqlalchemy import select

from survey.extensions import db
from survey.models import AnalysisRun, Answer, Question, Theme, ThemeAssignment
from survey.segments import DIMENSIONS, cells, response_segments

#: Question code of the consent to be quoted (a ``consent`` question: True or False).
QUOTE_CONSENT = "quote_consent"
#: Machine groups listed after the real themes.
LAST_SOURCES = ("non_answer", "unassigned")


@dataclasses.dataclass
class Quote:
    """A free-text answer that may be shown as a quote."""

    answer_id: int
    response_id: int
    text: str
    highlighted: bool  #: chosen by the committee
    consented: bool  #: the participant agreed to be quoted
    confidence: float | None


@dataclasses.dataclass
class ThemeFinding:
    """A visible theme of a run with its size, share and candidate quotes."""

    theme: Theme
    size: int
    share: float
    quotes: list  #: Quote objects: highlighted first, then the machine's most confident


def latest_run(questionnaire, question_code=None):
    """Return the newest finished run over ``question_code`` (None: all free text), or None."""
    return db.session.scalars(
        select(AnalysisRun)
        .where(AnalysisRun.questionnaire_id == questionnaire.id, AnalysisRun.status == "done",
               AnalysisRun.over(question_code))
        .order_by(AnalysisRun.id.desc()).limit(1)).first()


def consenting_responses(questionnaire):
    """Return the ids of the responses whose participant agreed to be quoted."""
    rows = db.session.execute(
        select(Answer.response_id, Answer.value)
        .join(Question, Answer.question_id == Question.id)
        .where(Question.questionnaire_id == questionnaire.id, Question.code == QUOTE_CONSENT))
    return {response_id for response_id, value in rows if value is True}


def placements(run):
    """Return the rows of ``run``: (assignment, answer text, response id), by theme then confidence."""
    return db.session.execute(
        select(ThemeAssignment, Answer.text, Answer.response_id)
        .join(Answer, ThemeAssignment.answer_id == Answer.id)
        .where(ThemeAssignment.run_id == run.id)
        .order_by(ThemeAssignment.theme_id, ThemeAssignment.highlighted.desc(),
                  ThemeAssignment.confidence.desc().nulls_last(), ThemeAssignment.id)).all()


def theme_findings(run, n_quotes=3, consented_only=False):
    """Return a :class:`ThemeFinding` per visible theme of ``run``, largest first.

    Merged themes are left out (their answers were moved). Non-answers and unassigned
    answers come last. ``consented_only`` keeps only quotes the participant allowed.
    """
    consented = consenting_responses(run.questionnaire)
    themes = [t for t in run.themes if t.merged_into_id is None]
    by_theme = {t.id: [] for t in themes}
    for assignment, text, response_id in placements(run):
        if assignment.theme_id in by_theme:
            by_theme[assignment.theme_id].append(Quote(
                assignment.answer_id, response_id, text or "", assignment.highlighted,
                response_id in consented, assignment.confidence))
    total = sum(len(rows) for rows in by_theme.values())
    findings = []
    for theme in themes:
        rows = by_theme[theme.id]
        quotes = [q for q in rows if q.consented or not consented_only][:n_quotes]
        findings.append(ThemeFinding(theme, len(rows), len(rows) / total if total else 0.0, quotes))
    findings.sort(key=lambda f: (f.theme.source in LAST_SOURCES, -f.size, f.theme.position))
    return findings


def answer_themes(run):
    """Return ``{answer id: Theme}``: where each answer of ``run`` is now."""
    themes = {t.id: t for t in run.themes}
    rows = db.session.execute(select(ThemeAssignment.answer_id, ThemeAssignment.theme_id)
                              .where(ThemeAssignment.run_id == run.id))
    return {answer_id: themes[theme_id] for answer_id, theme_id in rows}


def segment_comparison(run, dimension):
    """Return theme shares side by side for the values of ``dimension`` (size, development, region).

    Returns ``{"values": [...], "totals": {value: Cell}, "rows": [(ThemeFinding, {value: Cell})]}``;
    each cell counts the answers of that segment in that theme, small counts suppressed
    (its ``share`` is the share of the segment's answers).
    """
    values = DIMENSIONS[dimension]
    findings = [f for f in theme_findings(run, n_quotes=0) if f.theme.source not in LAST_SOURCES]
    rows = db.session.execute(
        select(ThemeAssignment.theme_id, Answer.response_id)
        .join(Answer, ThemeAssignment.answer_id == Answer.id)
        .where(ThemeAssignment.run_id == run.id)).all()
    segments = response_segments(run.questionnaire, {response_id for _t, response_id in rows})
    counts = {}
    for theme_id, response_id in rows:
        value = segments[response_id].get(dimension)
        counts[(theme_id, value)] = counts.get((theme_id, value), 0) + 1
    totals = {v: sum(counts.get((f.theme.id, v), 0) for f in findings) for v in values}
    table = []
    for finding in findings:
        row = cells({v: counts.get((finding.theme.id, v), 0) for v in values})
        table.append((finding, {v: dataclasses.replace(row[v], total=totals[v]) for v in values}))
    return {"values": values, "totals": cells(totals), "rows": table}
