"""The response x question table shared by the CSV and XLSX exports, and its codebook.

One row per response; per question one column (two for a question with an "Other,
please specify" text, one per statement of a likert grid), and a "<code> theme" column
after each free-text question: the theme the committee's latest analysis gives it.

What identifies a participant: the response number, its status, language and dates
(coarse, to the hour), whether it is demo data, and its segments (region, development,
size). For a questionnaire that is not anonymous the invited person's e-mail address is
added; for an anonymous one it never is (the response does not even know it).
"""

import dataclasses

from sqlalchemy import func, select

from survey.extensions import db
from survey.fields import Column
from survey.i18n import text_in
from survey.models import Answer, Invitation, Response
from survey.questionnaires.questions import questions_in_order
from survey.reference import REGIONS
from survey.segments import response_segments
from survey.themes.findings import answer_themes, latest_run


def question_columns(question, labels, language, themes):
    """Return the columns of one question (``themes``: ``{answer id: Theme}`` or None).

    The question's type gives its columns; a free-text question is followed by the theme
    the committee's latest analysis gives each answer.
    """
    columns = question.field.export_columns(labels, language)
    if question.is_text:
        def theme(answer_id):
            found = themes.get(answer_id) if themes else None
            return found.label if found else None
        columns.append(Column(f"{question.code} theme", question,
                              f"Theme of: {text_in(question.text, language)}", "theme",
                              "" if themes is not None else "no analysis run yet", theme,
                              by_answer=True))
    return columns


def question_run(questionnaire, code):
    """Return the latest finished run covering question ``code``: its own, else the all-questions run."""
    return latest_run(questionnaire, code) or latest_run(questionnaire, None)


def theme_maps(questionnaire, questions):
    """Return ``{question code: {answer id: Theme} or None}`` for the free-text questions."""
    runs, maps = {}, {}
    for question in questions:
        if question.is_text:
            run = question_run(questionnaire, question.code)
            if run is not None and run.id not in runs:
                runs[run.id] = answer_themes(run)
            maps[question.code] = runs[run.id] if run is not None else None
    return maps


#: Columns describing each response, before the answers: (header, codebook text).
RESPONSE_COLUMNS = [
    ("response", "Response number (as in the review area)"),
    ("status", "in_progress or completed"),
    ("language", "Language the participant answered in"),
    ("started", "When the response was started (UTC, to the hour)"),
    ("completed", "When it was submitted (UTC, to the hour)"),
    ("is_demo", "1: invented demo data, never real"),
    ("region", "ITU region, from the country"),
    ("development", "developing or developed, from the country"),
    ("size", "sme (fewer than 250 employees) or large"),
]


@dataclasses.dataclass
class ExportTable:
    """The export of one questionnaire: columns, and a way to read the rows."""

    questionnaire: object
    columns: list
    responses: list  #: Response rows, in order
    labels: bool

    def __len__(self):
        return len(self.responses)

    def rows(self):
        """Yield one list of raw cell values per response (make them safe with cell_value)."""
        ids = [r.id for r in self.responses]
        segments = response_segments(self.questionnaire, ids)
        answers = _answers_by_response(ids)
        emails = _emails(self.responses) if not self.questionnaire.anonymous else {}
        for response in self.responses:
            seg = segments[response.id]
            row = [response.id, response.status, response.language, _when(response.started_on),
                   _when(response.completed_on), int(response.is_demo),
                   REGIONS.get(seg.region, seg.region) if self.labels else seg.region,
                   seg.development, seg.size]
            if not self.questionnaire.anonymous:
                row.append(emails.get(response.invitation_id))
            mine = answers.get(response.id, {})
            for column in self.columns[len(row):]:
                answer = mine.get(column.question.id)
                if answer is None:
                    row.append(None)
                else:
                    row.append(column.read(answer[0]) if column.by_answer else column.read(*answer[1:]))
            yield row


def _when(moment):
    return moment.strftime("%Y-%m-%d %H:00") if moment else None


def _answers_by_response(ids):
    """Return ``{response id: {question id: (answer id, value, text)}}`` in one query per 500 responses."""
    found = {}
    for start in range(0, len(ids), 500):
        rows = db.session.execute(
            select(Answer.response_id, Answer.question_id, Answer.id, Answer.value, Answer.text)
            .where(Answer.response_id.in_(ids[start:start + 500])))
        for response_id, question_id, answer_id, value, text in rows:
            found.setdefault(response_id, {})[question_id] = (answer_id, value, text)
    return found


def _emails(responses):
    ids = {r.invitation_id for r in responses if r.invitation_id}
    if not ids:
        return {}
    return dict(db.session.execute(select(Invitation.id, Invitation.email).where(Invitation.id.in_(ids))).all())


def response_count(questionnaire, include_demo=False):
    """Return how many responses ``questionnaire`` has (demo ones only if asked)."""
    return db.session.scalar(select(func.count()).select_from(Response).where(
        *Response.in_scope(questionnaire, include_demo)))


def export_table(questionnaire, labels=True, include_demo=False):
    """Return the :class:`ExportTable` of ``questionnaire`` (labels or codes; demo data or not)."""
    language = questionnaire.default_language
    questions = questions_in_order(questionnaire)
    themes = theme_maps(questionnaire, questions)
    columns = [Column(header, None, text, "response") for header, text in RESPONSE_COLUMNS]
    if not questionnaire.anonymous:
        columns.append(Column("email", None, "E-mail address of the invited participant", "response"))
    for question in questions:
        columns.extend(question_columns(question, labels, language, themes.get(question.code)))
    query = select(Response).where(*Response.in_scope(questionnaire, include_demo)).order_by(Response.id)
    return ExportTable(questionnaire, columns, db.session.scalars(query).all(), labels)
