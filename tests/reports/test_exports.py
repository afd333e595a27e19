"""The data exports: XLSX and a ZIP of CSV files, opened with their own libraries."""

import csv
import io
import zipfile

import openpyxl
from sqlalchemy import select

from survey.extensions import db
from survey.models import Invitation, Response
from survey.reports.cells import FORMULA_PREFIXES
from survey.reports.exports import write_csv_zip, write_xlsx
from survey.reports.table import export_table


def xlsx_of(questionnaire, **options):
    out = io.BytesIO()
    write_xlsx(export_table(questionnaire, **options), out)
    out.seek(0)
    return openpyxl.load_workbook(out)


def csv_of(questionnaire, **options):
    """Return ``{file name: rows}`` of the CSV ZIP, checking the BOM of each file."""
    out = io.BytesIO()
    write_csv_zip(export_table(questionnaire, **options), out)
    found = {}
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert data.startswith(b"\xef\xbb\xbf"), name
            found[name] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return found


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def by_header(rows):
    """Return the rows as dicts keyed by the header row."""
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_xlsx_has_one_row_per_response_a_codebook_and_themes(themed, answers_to):
    questionnaire, themes = themed
    book = xlsx_of(questionnaire)
    assert book.sheetnames == ["Responses", "Codebook", "Themes"]
    rows = by_header(sheet_rows(book["Responses"]))
    assert len(rows) == db.session.query(Response).count() > 1
    answers = answers_to(questionnaire, "why_care")
    expected = {a.response_id: ("Market access" if i % 2 == 0 else "Interoperability", a.text)
                for i, a in enumerate(answers)}
    for row in rows:
        if row["response"] in expected:
            assert (row["why_care theme"], row["why_care"]) == expected[row["response"]]
        else:
            assert row["why_care theme"] is None
    codebook = {row["column"]: row for row in by_header(sheet_rows(book["Codebook"]))}
    assert codebook["org_size"]["text"] == "How many people does your organisation employ?"
    assert codebook["org_size"]["type"] == "single_choice"
    assert "very_large = 5,000 employees or more" in codebook["org_size"]["choices"]
    assert codebook["benefits theme"]["choices"] == "no analysis run yet"
    assert codebook["value_grid_speed"]["choices"].startswith("1 = Strongly disagree")
    theme_rows = by_header(sheet_rows(book["Themes"]))
    assert {(r["question"], r["theme"], r["answers"]) for r in theme_rows} == {
        ("why_care", "Market access", len(answers[0::2])), ("why_care", "Interoperability", len(answers[1::2]))}


def test_labels_or_codes_as_the_user_chooses(filled):
    first = db.session.scalars(select(Response).order_by(Response.id)).first()
    labels = by_header(sheet_rows(xlsx_of(filled)["Responses"]))[0]
    codes = by_header(sheet_rows(xlsx_of(filled, labels=False)["Responses"]))[0]
    assert labels["response"] == codes["response"] == first.id
    assert (labels["org_size"], codes["org_size"]) == ("5,000 employees or more", "very_large")
    assert (labels["country"], codes["country"]) == ("Germany", "DE")
    assert (labels["region"], codes["region"]) == ("Europe", "europe")
    assert (labels["quote_consent"], codes["quote_consent"]) == ("Yes", 1)
    assert isinstance(labels["recommend"], int)


def test_csv_zip_matches_the_xlsx(themed):
    questionnaire, _themes = themed
    files = csv_of(questionnaire)
    assert set(files) == {"responses.csv", "codebook.csv", "themes.csv"}
    xlsx = sheet_rows(xlsx_of(questionnaire)["Responses"])
    assert files["responses.csv"][0] == list(xlsx[0])
    assert [row[0] for row in files["responses.csv"][1:]] == [str(row[0]) for row in xlsx[1:]]
    assert files["codebook.csv"][0] == ["column", "question", "text", "type", "choices"]


def test_demo_responses_are_left_out_unless_asked(filled):
    demo = db.session.scalars(select(Response)).first()
    demo.is_demo = True
    db.session.commit()
    total = db.session.query(Response).count()
    assert len(export_table(filled)) == total - 1
    assert len(export_table(filled, include_demo=True)) == total


def test_anonymous_questionnaires_export_nothing_that_identifies(filled):
    db.session.add(Invitation(questionnaire_id=filled.id, email="alice@example.org", name="Alice Ng",
                              token_digest="0" * 64))
    db.session.commit()
    book = xlsx_of(filled)
    texts = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    assert "email" not in texts
    assert not any("alice" in t.lower() or "Alice Ng" in t for t in texts)
    assert "email" not in csv_of(filled)["responses.csv"][0]


def test_a_named_questionnaire_exports_the_invited_email(filled):
    filled.anonymous = False
    invitation = Invitation(questionnaire_id=filled.id, email="bob@example.org", token_digest="1" * 64)
    db.session.add(invitation)
    db.session.flush()
    first = db.session.scalars(select(Response).order_by(Response.id)).first()
    first.invitation_id = invitation.id
    db.session.commit()
    rows = by_header(sheet_rows(xlsx_of(filled)["Responses"]))
    assert rows[0]["email"] == "bob@example.org"
    assert rows[1]["email"] is None


def test_no_formula_cell_and_no_formula_prefix_anywhere(filled):
    book = xlsx_of(filled)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), cell.value
