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
from survey.i18n import text_in
from survey.models import Answer, Invitation, Question, Response
from survey.questionnaires.questions import questions_in_order
from survey.reference import REGIONS, country
from survey.segments import response_segments
from survey.themes.findings import answer_themes, latest_run

OTHER = "other"


@dataclasses.dataclass
class Column:
    """A column of the export: its header and what the codebook says about it."""

    header: str
    question: Question | None = None
    text: str = ""  #: the question (and statement) in the default language
    kind: str = ""  #: the question type, or what the column holds
    choices: str = ""  #: "code = label" pairs, separated by "; "
    read: object = None  #: function(response row, answers by question id) -> cell value


def _items_text(items, language):
    return "; ".join(f"{item['code']} = {text_in(item['label'], language)}" for item in items)


def _label(items, code, language):
    for item in items:
        if str(item["code"]) == str(code):
            return text_in(item["label"], language)
    return str(code)


def _answer_cell(question, value, text, labels, language):
    """Return the main cell of ``question`` for a stored answer."""
    kind, options = question.type, question.options
    if value is None:
        return None
    if kind in ("short_text", "long_text"):
        return text if text is not None else str(value)
    if kind in ("single_choice", "multiple_choice"):
        codes = value if isinstance(value, list) else [value]
        codes = [c.get("choice", OTHER) if isinstance(c, dict) else c for c in codes]
        return "; ".join(_choice_cell(options.get("choices", []), c, labels, language) for c in codes)
    if kind == "country":
        place = country(value)
        return place.name(language) if labels and place else str(value)
    if kind == "consent":
        return ("Yes" if value else "No") if labels else int(bool(value))
    return value  # rating and number: the number itself


def _choice_cell(choices, code, labels, language):
    """Return a choice as its label or its code ("Other" for the other choice, as a label)."""
    if not labels:
        return str(code)
    return "Other" if code == OTHER else _label(choices, code, language)


def _other_text(question, value, text):
    if isinstance(value, dict):
        return value.get(OTHER) or text
    return text if question.type == "multiple_choice" else None


def question_columns(question, labels, language, themes):
    """Return the columns of one question (``themes``: ``{answer id: Theme}`` or None)."""
    text = text_in(question.text, language)
    kind, options = question.type, question.options
    if kind == "likert":
        scale = _items_text(options.get("scale", []), language)
        return [Column(f"{question.code}_{row['code']}", question,
                       f"{text} {text_in(row['label'], language)}", kind, scale,
                       _likert_reader(question, row["code"], labels, language))
                for row in options.get("rows", [])]
    choices = {"single_choice": _items_text(options.get("choices", []), language),
               "multiple_choice": _items_text(options.get("choices", []), language),
               "consent": "1 = Yes; 0 = No", "country": "ISO 3166 alpha-2 code = country",
               "rating": "0 to 10"}.get(kind, "")
    columns = [Column(question.code, question, text, kind, choices,
                      lambda answer: _answer_cell(question, *answer[1:], labels, language))]
    if options.get(OTHER):
        columns.append(Column(f"{question.code}_other", question, f"{text} (other, please specify)",
                              "other text", "", lambda answer: _other_text(question, *answer[1:])))
    if question.is_text:
        def theme(answer):
            found = themes.get(answer[0]) if themes else None
            return found.label if found else None
        columns.append(Column(f"{question.code} theme", question, f"Theme of: {text}", "theme",
                              "" if themes is not None else "no analysis run yet", theme))
    return columns


def _likert_reader(question, row_code, labels, language):
    def read(answer):
        code = answer[1].get(str(row_code)) if isinstance(answer[1], dict) else None
        if code is None:
            return None
        return _label(question.options.get("scale", []), code, language) if labels else code
    return read


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
                row.append(column.read(answer) if answer is not None else None)
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
    query = select(func.count()).select_from(Response).where(Response.questionnaire_id == questionnaire.id)
    if not include_demo:
        query = query.where(Response.is_demo.is_(False))
    return db.session.scalar(query)


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
    query = select(Response).where(Response.questionnaire_id == questionnaire.id).order_by(Response.id)
    if not include_demo:
        query = query.where(Response.is_demo.is_(False))
    return ExportTable(questionnaire, columns, db.session.scalars(query).all(), labels)
