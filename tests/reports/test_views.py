"""The Reports and data tab: who may download, and what the downloads look like."""

import io
import zipfile

import docx
import openpyxl

from helpers import responses_in_database


def test_observers_may_not_export(client, filled, make_user, login):
    login(make_user("observer"))
    for path in ("/", "/report.docx", "/data.csv", "/data.xlsx"):
        assert client.get(f"/review/{filled.slug}/reports{path}").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, filled):
    response = client.get(f"/review/{filled.slug}/reports/data.xlsx")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_reviewer_sees_the_page_and_downloads(client, filled, make_user, login):
    login(make_user("reviewer"))
    page = client.get(f"/review/{filled.slug}/reports/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Download the report (DOCX)" in html and "Download XLSX" in html
    report = client.get(f"/review/{filled.slug}/reports/report.docx")
    assert report.status_code == 200
    disposition = report.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{filled.slug}-report-')
    assert f"filename*=UTF-8''{filled.slug}-report-" in disposition
    assert docx.Document(io.BytesIO(report.data)).tables[0].rows[4].cells[0].text == "Source:"
    data = client.get(f"/review/{filled.slug}/reports/data.xlsx?codes=1")
    book = openpyxl.load_workbook(io.BytesIO(data.data))
    assert book["Responses"].max_row == responses_in_database() + 1
    assert "very_large" in [c.value for c in book["Responses"][2]]
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/review/{filled.slug}/reports/data.csv").data))
    assert sorted(archive.namelist()) == ["codebook.csv", "responses.csv", "themes.csv"]


def test_other_questionnaires_stay_hidden(client, filled, make_questionnaire, make_user, login):
    other = make_questionnaire([{"code": "s", "title": {"en": "S"}, "questions": [
        {"code": "q", "type": "long_text", "text": {"en": "Q?"}}]}], slug="other-q")
    login(make_user("reviewer", questionnaires=[other]))
    assert client.get(f"/review/{filled.slug}/reports/data.xlsx").status_code == 404
    assert client.get(f"/review/{other.slug}/reports/report.docx?compare={filled.slug}").status_code == 404


def test_bad_parameters_get_clear_errors(client, filled, make_user, login):
    login(make_user("admin"))
    base = f"/review/{filled.slug}/reports"
    assert client.get(f"{base}/data.xlsx?demo=yes%00").status_code == 400
    assert client.get(f"{base}/data.pdf").status_code == 404
    assert client.get(f"{base}/report.docx?compare={filled.slug}").status_code == 400
    assert client.get(f"{base}/report.docx?compare=nope").status_code == 404


def test_no_responses_no_download(client, workshop_questionnaire, make_user, login):
    login(make_user("reviewer"))
    page = client.get(f"/review/{workshop_questionnaire.slug}/reports/").get_data(as_text=True)
    assert "There are no responses to export yet." in page
    assert "Download XLSX" not in page
    assert client.get(f"/review/{workshop_questionnaire.slug}/reports/data.csv").status_code == 404


def test_every_download_is_written_to_the_audit_trail(client, filled, make_user, login):
    from sqlalchemy import select

    from survey.extensions import db
    from survey.models import AuditEntry

    reviewer = make_user("reviewer")
    login(reviewer)
    client.get(f"/review/{filled.slug}/reports/data.xlsx?codes=1")
    client.get(f"/review/{filled.slug}/reports/report.docx")
    entries = db.session.scalars(select(AuditEntry).filter_by(action="download")
                                 .order_by(AuditEntry.id)).all()
    assert [e.detail["file"].rsplit(".", 1)[1] for e in entries] == ["xlsx", "docx"]
    assert entries[0].user_id == reviewer.id and entries[0].detail["options"] == {"codes": "1"}
    page = client.get(f"/review/{filled.slug}/reports/").get_data(as_text=True)
    assert "Recent downloads" in page and entries[0].detail["file"] in page
