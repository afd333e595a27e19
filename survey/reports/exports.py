"""Data exports: a ZIP of CSV files, or an XLSX workbook, of one questionnaire's responses.

CSV: a ZIP holding ``responses.csv``, ``codebook.csv`` and ``themes.csv`` (one download,
and the codebook cannot get separated from the data). Each CSV is UTF-8 with a byte-order
mark, so that Excel reads accents and non-Latin scripts correctly, and CRLF line ends.

XLSX: sheets Responses, Codebook and Themes. No cell is a formula: every text goes
through :mod:`survey.reports.cells` first.
"""

import csv
import io
import zipfile

from survey.reports.cells import cell_text, cell_value
from survey.reports.table import question_run
from survey.themes.findings import theme_findings

CODEBOOK_HEADER = ["column", "question", "text", "type", "choices"]
THEMES_HEADER = ["question", "theme", "source", "answers", "share", "description"]


def codebook_rows(table):
    """Yield one row per column of ``table``: column, question code, text, type, choices."""
    for column in table.columns:
        yield [column.header, column.question.code if column.question else "",
               column.text, column.kind, column.choices]


def themes_rows(table):
    """Yield one row per theme of each free-text question's latest run, as corrected."""
    runs = {}
    for column in table.columns:
        if column.question is not None and column.question.is_text:
            run = question_run(table.questionnaire, column.question.code)
            if run is not None:
                runs[run.id] = run  # a run over every question is listed once
    for run in runs.values():
        for finding in theme_findings(run, n_quotes=0):
            yield [run.question_code or "(all free-text questions)", finding.theme.label,
                   finding.theme.source, finding.size, round(finding.share, 4),
                   finding.theme.description]


def _header(table):
    return [column.header for column in table.columns]


def _csv_bytes(header, rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else cell_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv_zip(table, out, progress=lambda rows: rows):
    """Write the ZIP of CSV files of ``table`` to the binary stream ``out``.

    ``progress`` wraps the row iterator (a progress bar on the command line).
    """
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("responses.csv", _csv_bytes(_header(table), progress(table.rows())))
        archive.writestr("codebook.csv", _csv_bytes(CODEBOOK_HEADER, codebook_rows(table)))
        archive.writestr("themes.csv", _csv_bytes(THEMES_HEADER, themes_rows(table)))


def write_xlsx(table, out, progress=lambda rows: rows):
    """Write the XLSX workbook of ``table`` to the binary stream ``out``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for title, header, rows in (("Responses", _header(table), progress(table.rows())),
                                ("Codebook", CODEBOOK_HEADER, codebook_rows(table)),
                                ("Themes", THEMES_HEADER, themes_rows(table))):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        bold = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=cell_text(text))
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            sheet.append([cell_value(v) for v in row])
    workbook.save(out)
