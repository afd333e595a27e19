"""The numbers of the TSAG report, without any Word formatting: participation, findings
per question (themes as the committee corrected them) and key outcome indicators."""

import dataclasses
import statistics
from collections import Counter

from sqlalchemy import select

from survey.extensions import db
from survey.i18n import text_in
from survey.models import Answer, Question, Response
from survey.reports.cells import office_text
from survey.questionnaires.questions import questions_in_order
from survey.reports.table import question_run
from survey.segments import DIMENSIONS, MIN_CELL, cells, count_table, response_segments
from survey.themes.findings import LAST_SOURCES, theme_findings

#: Quotes per theme in the report, and the longest quote (longer ones are shortened).
N_QUOTES, QUOTE_LENGTH = 3, 600
#: A difference of share between two segments worth reporting (15 percentage points).
NOTABLE_DIFFERENCE = 0.15
#: Sections whose single-choice questions are key outcome indicators.
INDICATOR_SECTIONS = ("value", "koi")
ALL = 10**9  # "every answer" for theme_findings' n_quotes


def completed_ids(questionnaire, include_demo=False):
    """Return the ids of the completed responses of ``questionnaire`` (demo data only if asked)."""
    query = select(Response.id).where(*Response.in_scope(questionnaire, include_demo, completed=True))
    return list(db.session.scalars(query.order_by(Response.id)))


def participation(questionnaire, ids):
    """Return ``{"total": n, dimension: [(value, Cell)]}`` for region, size and development."""
    segments = list(response_segments(questionnaire, ids).values())
    table = {"total": len(ids)}
    for dimension in ("region", "size", "development"):
        table[dimension] = count_table(segments, dimension, DIMENSIONS[dimension])
    return table


@dataclasses.dataclass
class ThemeResult:
    """A theme as reported for one question."""

    theme: object
    size: int
    share: float
    quotes: list  #: texts, consented only, highlighted first
    differences: list  #: (dimension, value a, share a, value b, share b)


@dataclasses.dataclass
class QuestionResult:
    """What the report says about one free-text question."""

    question: Question
    answers: int  #: answers from the responses reported
    run: object  #: the analysis run used, or None if none has been run yet
    themes: list  #: ThemeResult, largest first (non-answers last)


def _answers_of(question, ids):
    """Return ``{answer id: response id}`` of the answers to ``question`` among responses ``ids``."""
    if not ids:
        return {}
    return dict(db.session.execute(select(Answer.id, Answer.response_id).where(
        Answer.question_id == question.id, Answer.response_id.in_(ids))).all())


def question_result(questionnaire, question, ids, segments, cache=None):
    """Return the :class:`QuestionResult` of free-text ``question`` over responses ``ids``.

    ``segments`` are those of the responses (computed once per report); ``cache`` keeps
    each run's findings, since a run over every free-text question serves several
    questions: it is narrowed to this question's answers.
    """
    answers = _answers_of(question, ids)
    run = question_run(questionnaire, question.code)
    if run is None:
        return QuestionResult(question, len(answers), None, [])
    cache = {} if cache is None else cache
    if run.id not in cache:
        cache[run.id] = theme_findings(run, n_quotes=ALL)
    placed = [(f, [q for q in f.quotes if q.answer_id in answers]) for f in cache[run.id]]
    placed = [(f, mine) for f, mine in placed if mine]
    # Largest first for this question (a run over every question is ordered by its total).
    placed.sort(key=lambda item: (item[0].theme.source in LAST_SOURCES, -len(item[1])))
    total = sum(len(mine) for _f, mine in placed)
    differences = _differences(placed, segments)
    themes = [ThemeResult(f.theme, len(mine), len(mine) / total,
                          [] if f.theme.source in LAST_SOURCES  # nothing worth quoting
                          else [_shorten(q.text) for q in mine if q.consented][:N_QUOTES],
                          differences.get(f.theme.id, []))
              for f, mine in placed]
    return QuestionResult(question, len(answers), run, themes)


def _shorten(text):
    text = office_text(text).strip()
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH - 1].rstrip() + "…"


def _differences(placed, segments):
    """Return ``{theme id: [difference]}``: shares differing by 15 points or more, both shown."""
    found = {}
    real = [(f, mine) for f, mine in placed if f.theme.source not in LAST_SOURCES]
    for dimension in ("size", "development"):
        a, b = DIMENSIONS[dimension]
        counts = {f.theme.id: Counter(segments[q.response_id].get(dimension) for q in mine)
                  for f, mine in real}
        totals = {v: sum(c[v] for c in counts.values()) for v in (a, b)}
        for f, _mine in real:
            row = cells({a: counts[f.theme.id][a], b: counts[f.theme.id][b]})
            if not (row[a].shown and row[b].shown and totals[a] and totals[b]):
                continue
            share_a, share_b = row[a].count / totals[a], row[b].count / totals[b]
            if abs(share_a - share_b) >= NOTABLE_DIFFERENCE:
                found.setdefault(f.theme.id, []).append((dimension, a, share_a, b, share_b))
    return found


def text_results(questionnaire, ids):
    """Return a :class:`QuestionResult` per free-text question still asked, in order."""
    segments, cache = response_segments(questionnaire, ids), {}
    return [question_result(questionnaire, q, ids, segments, cache)
            for q in questions_in_order(questionnaire) if q.is_text and not q.retired]


@dataclasses.dataclass
class Indicator:
    """A key outcome indicator: a small table of counts, shares or means."""

    question: Question
    header: list
    rows: list  #: lists of cell texts


def indicator_questions(questionnaire):
    """Return the questions reported as key outcome indicators.

    Every likert, rating and number question, and the single-choice questions of the
    sections "value" and "koi" (named after the action plan's key outcome indicators).
    """
    return [q for q in questions_in_order(questionnaire) if not q.retired and (
        q.type in ("likert", "rating", "number")
        or (q.type == "single_choice" and q.section.code in INDICATOR_SECTIONS))]


def indicators(questionnaire, ids):
    """Return an :class:`Indicator` per indicator question over responses ``ids``."""
    found = []
    language = questionnaire.default_language
    for question in indicator_questions(questionnaire):
        answers = _answers_of_question(question, ids)
        found.append(Indicator(question, *_indicator_table(question, answers, language)))
    return found


def _answers_of_question(question, ids):
    """Return the stored answers ``(value, text)`` of ``question`` among responses ``ids``."""
    if not ids:
        return []
    return [tuple(row) for row in db.session.execute(select(Answer.value, Answer.text).where(
        Answer.question_id == question.id, Answer.response_id.in_(ids))).all()]


def _mean(numbers):
    if len(numbers) < MIN_CELL:
        return f"n<{MIN_CELL}"
    return f"{statistics.fmean(numbers):.1f}"


def _distribution(counts):
    """Return the cells "n (share)" of a :class:`Counts`, small counts suppressed."""
    row = cells({str(c.code): c.count for c in counts.rows})
    return [f"{cell} ({cell.share:.0%})" if cell.shown and cell.total else str(cell)
            for cell in row.values()]


def _indicator_table(question, answers, language):
    """Return ``(header, rows)`` for one indicator question, from its type's summary."""
    summary = question.field.summarise(answers, language, language)
    if question.type == "likert":
        header = ["Statement", "Answers", "Mean"] + [point.label for point in summary.scale]
        rows = []
        for row in summary.rows:
            numbers = [c.code for c in row.counts.rows for _n in range(c.count)
                       if isinstance(c.code, (int, float))]
            rows.append([row.label, str(row.counts.answered), _mean(numbers)] + _distribution(row.counts))
        return header, rows
    if question.field.is_numeric:
        numbers = summary.values
        enough = len(numbers) >= MIN_CELL
        median = f"{summary.median:g}" if enough else f"n<{MIN_CELL}"
        row = [str(len(numbers)), _mean(numbers), median]
        if question.type == "rating":
            return ["Answers", "Mean (0 to 10)", "Median"], [row]
        if not summary.adds_up:
            return ["Answers", "Mean", "Median"], [row]
        return ["Answers", "Mean", "Median", "Total"], [row + [f"{summary.total:g}" if enough else f"n<{MIN_CELL}"]]
    return ["Answer", "Count (share)"], [[count.label, cell] for count, cell in zip(
        summary.rows, _distribution(summary))]
