"""``engage export``: files written, and clear errors."""

import zipfile

import docx
import openpyxl
from sqlalchemy import select

from helpers import responses_in_database
from survey.cli import cli
from survey.extensions import db
from survey.models import Response


def export(runner, *args):
    return runner.invoke(cli, ["export", *args])


def test_exports_each_format(runner, filled, tmp_path):
    for kind, name in (("docx", "report.docx"), ("csv", "data.zip"), ("xlsx", "data.xlsx")):
        result = export(runner, filled.slug, "--format", kind, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert f"({kind}, {responses_in_database()} responses)" in result.output
    assert "TSAG-TD" in docx.Document(tmp_path / "report.docx").tables[0].rows[0].cells[2].text
    assert openpyxl.load_workbook(tmp_path / "data.xlsx")["Responses"].max_row == responses_in_database() + 1
    assert "codebook.csv" in zipfile.ZipFile(tmp_path / "data.zip").namelist()


def test_unknown_slug(runner, filled, tmp_path):
    result = export(runner, "no-such", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert "No questionnaire 'no-such' (known: iew-2026-industry)" in result.output


def test_unwritable_path(runner, filled, tmp_path):
    result = export(runner, filled.slug, "--format", "csv", "-o", str(tmp_path / "missing" / "x.zip"))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    result = export(runner, filled.slug, "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_questionnaire_without_responses(runner, workshop_questionnaire, tmp_path):
    result = export(runner, workshop_questionnaire.slug, "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert "has no responses yet; nothing to export" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_only_demo_responses_points_to_the_flag(runner, filled, tmp_path):
    for response in db.session.scalars(select(Response)):
        response.is_demo = True
    db.session.commit()
    result = export(runner, filled.slug, "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1
    assert f"{responses_in_database()} demo responses: add --include-demo" in result.output
    result = export(runner, filled.slug, "--format", "xlsx", "--include-demo", "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 0, result.output


def test_progress_bar_on_large_exports(runner, filled, tmp_path, monkeypatch):
    from survey.reports import cli as export_cli

    monkeypatch.setattr(export_cli, "PROGRESS_FROM", 10)
    result = export(runner, filled.slug, "--format", "csv", "-o", str(tmp_path / "x.zip"))
    assert result.exit_code == 0
    assert "Exporting responses" in result.output
