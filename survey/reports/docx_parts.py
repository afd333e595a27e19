"""Building blocks of the TSAG report in Word: the TD header table, tables, the Annex.

Every text goes through :func:`survey.reports.cells.office_text` (Word refuses control
characters, and bidirectional overrides could make a quote read differently).
"""

import dataclasses
import datetime

from docx.shared import Pt

from survey.i18n import text_in
from survey.reports.cells import office_text
from survey.questionnaires.questions import questions_in_order


@dataclasses.dataclass
class ReportOptions:
    """What the person producing the report chooses."""

    include_demo: bool = False  #: count demo responses (never for a real report)
    compare: object = None  #: another questionnaire (pre- or post-workshop) shown side by side
    contact_name: str = ""
    contact_organisation: str = ""
    contact_email: str = ""
    place: str = ""  #: default: where the workshop takes place
    date: datetime.date | None = None  #: default: today


def study_period(year):
    """Return the ITU-T study period containing ``year``, e.g. "2025-2028"."""
    start = 2025 + 4 * ((year - 2025) // 4)
    return f"{start}-{start + 3}"


def counted(number, noun):
    """Return "1 answer", "2 answers": a count with its noun (the report is in English)."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def add_text(container, text, style=None, bold=False):
    """Add a paragraph of safe ``text`` to ``container`` (document or cell); return it."""
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(office_text(text)).bold = bold
    return paragraph


def set_cell(cell, text, bold=False):
    """Replace the text of table ``cell`` by safe ``text``."""
    cell.text = ""
    lines = office_text(text).split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if index < len(lines) - 1:
            run.add_break()


def add_table(document, header, rows):
    """Add a grid table with a bold ``header`` row and text ``rows``; return it."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        set_cell(cell, text, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            set_cell(cell, str(text))
    return table


def header_table(document, questionnaire, options, title, abstract):
    """Add the TD header: study period, number, language, place and date, source... abstract."""
    workshop = questionnaire.workshop
    place = options.place or text_in(workshop.place or {}, "en") or "Geneva"
    day = options.date or datetime.date.today()
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"

    def row(label, value, right=None, bold_value=False):
        cells = table.add_row().cells
        set_cell(cells[0], label, bold=True)
        if right is None:
            set_cell(cells[1].merge(cells[2]), value, bold=bold_value)
        else:
            set_cell(cells[1], value, bold=bold_value)
            set_cell(cells[2], right, bold=bold_value)

    row("INTERNATIONAL TELECOMMUNICATION UNION",
        f"TELECOMMUNICATION STANDARDIZATION SECTOR\nSTUDY PERIOD {study_period(workshop.edition)}",
        "TSAG-TD\n(number to be given by the TSB)", bold_value=True)
    row("", "TSAG", "Original: English")
    row("Question(s):", "N/A", f"{place}, {day.strftime('%d %B %Y').lstrip('0')}")
    row("", "TD")
    row("Source:", "Industry Engagement Workshop Steering Committee (IEWSC)")
    row("Title:", title)
    row("Purpose:", "Information")
    contact = "\n".join(filter(None, [options.contact_name, options.contact_organisation])) or "IEWSC"
    row("Contact:", contact, f"E-mail: {options.contact_email}" if options.contact_email else "E-mail:")
    row("Keywords:", "industry engagement; workshop; questionnaire; key outcome indicators; "
        "WTSA Resolution 68; IEWSC")
    row("Abstract:", abstract)
    return table


def add_action(document, text):
    """Add the action line: "Action:" in bold, a tab, then what TSAG is invited to do."""
    paragraph = document.add_paragraph()
    paragraph.add_run("Action:").bold = True
    paragraph.add_run("\t" + office_text(text))
    paragraph.paragraph_format.space_before = Pt(12)
    return paragraph


def add_annex(document, questionnaire):
    """Add the questionnaire itself: every section and question in its default language."""
    language = questionnaire.default_language
    document.add_heading(office_text(f"Annex: the questionnaire “{text_in(questionnaire.title, language)}”"), 1)
    by_section = {}
    for question in questions_in_order(questionnaire):
        if not question.retired:
            by_section.setdefault(question.section, []).append(question)
    for number, (section, questions) in enumerate(by_section.items(), 1):
        document.add_heading(office_text(f"A.{number}\t{text_in(section.title, language)}"), 2)
        for question in questions:
            paragraph = add_text(document, text_in(question.text, language))
            paragraph.add_run(office_text(f"  [{question.code}, {question.field.annex_name}"
                                         f"{', required' if question.required else ''}]")).italic = True
            for choice in question.field.annex_lines(language):
                add_text(document, choice, style="List Bullet")
