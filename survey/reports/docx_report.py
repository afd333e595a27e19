"""The report to TSAG as a Word document, in the layout of a TSAG TD.

Header table, action line, then 1 Introduction, 2 Method, 3 Participation,
4 Findings per workshop question, 5 Key outcome indicators, and the questionnaire as
an Annex. Themes are read as the committee corrected them (survey.themes.findings);
quotes come only from participants who agreed to be quoted, never with a name.
"""

import io

from docx import Document
from docx.shared import Inches
from flask_babel import force_locale
from sqlalchemy import func, select

from survey.extensions import db
from survey.i18n import text_in
from survey.models import Invitation
from survey.reference import REGIONS
from survey.reports import summary
from survey.reports.cells import office_text
from survey.reports.docx_parts import (
    ReportOptions,
    add_action,
    add_annex,
    add_table,
    add_text,
    counted,
    header_table,
)

__all__ = ["ReportOptions", "write_report"]

SEGMENT_NAMES = {"sme": "SMEs", "large": "large enterprises", "developing": "developing countries",
                 "developed": "developed countries", None: "not stated"}
KIND_NAMES = {"pre_workshop": "before the workshop", "post_workshop": "after the workshop",
              "committee": "within the steering committee"}
#: Print resolution of the charts, and their width on the page (inches).
DPI, WIDTH = 200, 6


def _title(questionnaire):
    return text_in(questionnaire.title, questionnaire.default_language)


def write_report(questionnaire, out, options=None):
    """Write the TSAG report on ``questionnaire`` (a .docx) to the binary stream ``out``.

    The report is in English, whatever the language of the page that asked for it.
    """
    with force_locale("en"):
        _write_report(questionnaire, out, options)


def _write_report(questionnaire, out, options):
    options = options or ReportOptions()
    surveys = [questionnaire] + ([options.compare] if options.compare is not None else [])
    ids = {q.id: summary.completed_ids(q, options.include_demo) for q in surveys}
    workshop = text_in(questionnaire.workshop.name, "en")
    names = " and ".join(f"“{_title(q)}”" for q in surveys)
    document = Document()
    header_table(document, questionnaire, options,
                 f"Results of the {workshop} questionnaire{'s' if len(surveys) > 1 else ''} {names}",
                 f"This document reports the answers to {names} "
                 f"({', '.join(str(len(ids[q.id])) for q in surveys)} completed responses): who took "
                 "part, the themes the IEWSC identified in the free-text answers, and the key "
                 "outcome indicators gathered.")
    add_action(document, "TSAG is invited to note the results of the questionnaire and the themes "
               "identified by the IEWSC, as input to the industry engagement action plan.")
    results = {q.id: summary.text_results(q, ids[q.id]) for q in surveys}
    _introduction(document, surveys, ids, workshop)
    _method(document, surveys, results)
    _participation(document, surveys, ids)
    _findings(document, surveys, results)
    _indicators(document, surveys, ids)
    for q in surveys:
        document.add_page_break()
        add_annex(document, q)
    document.save(out)


def _introduction(document, surveys, ids, workshop):
    document.add_heading("1\tIntroduction", 1)
    for q in surveys:
        dates = _dates(q, ids[q.id])
        add_text(document, f"The IEWSC asked industry participants of the {workshop} "
                 f"({q.workshop.edition}) to answer the questionnaire “{_title(q)}” "
                 f"{KIND_NAMES.get(q.kind, '')}. {counted(len(ids[q.id]), 'response')} {'was' if len(ids[q.id]) == 1 else 'were'} completed{dates}. "
                 f"The questionnaire was offered in {len(q.languages)} language(s) "
                 f"({', '.join(q.languages)}) and is reproduced in the Annex.")
    add_text(document, "The workshop addresses why industry should care about standardization, the "
             "benefits of engaging and the risks of not engaging, how SMEs and large enterprises "
             "differ, how to make ITU-T participation relevant again, and how the answers can "
             "become long-term Key Outcome Indicators (WTSA Resolution 68, action plan AP2).")


def _dates(questionnaire, ids):
    from survey.models import Response

    if not ids:
        return ""
    first, last = db.session.execute(select(func.min(Response.completed_on), func.max(Response.completed_on))
                                     .where(Response.id.in_(ids))).one()
    return f" between {first:%d %B %Y} and {last:%d %B %Y}" if first else ""


def _method(document, surveys, results):
    document.add_heading("2\tMethod", 1)
    for q in surveys:
        invited = db.session.scalar(select(func.count()).select_from(Invitation)
                                    .where(Invitation.questionnaire_id == q.id))
        who = (f"{invited} people received a personal invitation; the questionnaire was also "
               "open to anyone with its link." if invited else
               "The questionnaire was open to anyone with its link, announced to industry "
               "decision makers and experts through ITU-T channels.")
        anonymity = ("It was anonymous: nothing links an answer to a person." if q.anonymous
                     else "It was not anonymous; this report still shows only grouped results.")
        add_text(document, f"“{_title(q)}”: {who} {anonymity}")
    add_text(document, "Free-text answers were grouped into themes by Engage's theme analysis: "
             "each answer is placed in a theme of the committee's catalogue when it matches "
             "one, otherwise in a theme discovered from the answers themselves; answers saying "
             "nothing are set apart. The IEWSC then reviewed the themes: renamed, merged and "
             "described them and moved answers by hand. This report shows the themes as "
             "corrected by the committee. Counts below 5 are shown as “<5” so that no "
             "small group of participants can be singled out.")
    runs = {r.run.id: r.run for found in results.values() for r in found if r.run is not None}
    for run in runs.values():
        add_text(document, _run_line(run), style="List Bullet")


def _run_line(run):
    """Return one line on an analysis run: what it covered, when, with which parameters."""
    parameters = ", ".join(f"{key} = {value}" for key, value in sorted(run.parameters.items())
                           if not isinstance(value, (dict, list)))
    covered = f"question {run.question_code}" if run.question_code else "all free-text questions"
    when = f", {run.finished_on:%d %B %Y}" if run.finished_on else ""
    return (f"Analysis of {covered} ({counted(run.answer_count, 'answer')}{when}): "
            f"{parameters or 'default parameters'}.")


def _cell_text(cell):
    return str(cell) if not cell.shown or not cell.total else f"{cell} ({cell.share:.0%})"


def _participation(document, surveys, ids):
    document.add_heading("3\tParticipation", 1)
    tables = [summary.participation(q, ids[q.id]) for q in surveys]
    header = [""] + [_title(q) for q in surveys]
    add_text(document, "Completed responses by ITU region (as in Annex B of the RG-IEM progress "
             "reports), by organisation size and by development status of the country.")
    rows = [["Number of completed responses"] + [str(t["total"]) for t in tables]]
    for dimension, title, names in (("region", "ITU region", dict(REGIONS)),
                                    ("size", "Organisation size", SEGMENT_NAMES),
                                    ("development", "Development status of the country", SEGMENT_NAMES)):
        rows.append([title] + [""] * len(tables))
        keys = [value for t in tables for value, _cell in t[dimension]]
        for key in dict.fromkeys(keys):  # in order, once each
            found = [dict(t[dimension]).get(key) for t in tables]
            rows.append([names.get(key, "not stated")] + [_cell_text(c) if c else "0" for c in found])
    add_table(document, header, rows)


def _findings(document, surveys, results):
    document.add_heading("4\tFindings per workshop question", 1)
    main = surveys[0]
    other = {r.question.code: r for r in results[surveys[1].id]} if len(surveys) > 1 else {}
    for number, result in enumerate(results[main.id], 1):
        _question(document, f"4.{number}", main, result)
        if result.question.code in other:
            _side_by_side(document, surveys, result, other.pop(result.question.code))
    for number, result in enumerate(other.values(), len(results[main.id]) + 1):
        _question(document, f"4.{number}", surveys[1], result)


def _question(document, number, questionnaire, result):
    language = questionnaire.default_language
    document.add_heading(office_text(f"{number}\t{text_in(result.question.text, language)}"), 2)
    if result.run is None:
        add_text(document, f"{counted(result.answers, 'answer')}. No analysis has been run yet for this question.")
        return
    add_text(document, f"{counted(result.answers, 'answer')}, grouped into {counted(len(result.themes), 'theme')}.")
    if result.themes:
        _chart(document, result)
    # A theme the machine discovered, untouched by the committee, with a single answer to
    # this question is named, not presented as a finding.
    single = [t for t in result.themes
              if t.size == 1 and t.theme.source == "discovered" and not t.theme.edited]
    for theme in result.themes:
        if theme in single:
            continue
        add_text(document, f"{theme.theme.label}: {counted(theme.size, 'answer')} ({theme.share:.0%})", bold=True)
        if theme.theme.description:
            add_text(document, theme.theme.description)
        for quote in theme.quotes:
            add_text(document, f"“{quote}”", style="Quote")
        for dimension, a, share_a, b, share_b in theme.differences:
            add_text(document, f"{SEGMENT_NAMES[a]}: {share_a:.0%} of their answers; "
                     f"{SEGMENT_NAMES[b]}: {share_b:.0%}.", style="List Bullet")
    if single:
        add_text(document, "Themes with a single answer to this question: "
                 + "; ".join(t.theme.label for t in single) + ".")


def _chart(document, result):
    """Embed the theme sizes of ``result`` as a PNG chart, 6 inches wide at print resolution."""
    from matplotlib.figure import Figure

    from analysis.charts import plot_theme_sizes

    themes = [t for t in result.themes if t.size > 0]
    # Drawn at the size it is printed, so that DPI is the true print resolution.
    figure = Figure(figsize=(WIDTH, 0.3 * max(len(themes), 3) + 1), layout="constrained")
    plot_theme_sizes({"ids": [t.theme.id for t in themes],
                      "labels": [office_text(t.theme.label) for t in themes],
                      "sizes": [t.size for t in themes], "shares": [t.share for t in themes]},
                     ax=figure.add_subplot())
    image = io.BytesIO()
    figure.savefig(image, format="png", dpi=DPI)
    image.seek(0)
    document.add_picture(image, width=Inches(WIDTH))


def _side_by_side(document, surveys, result, other):
    """Add a table comparing the themes of the same question in both questionnaires."""
    shares = {}
    for column, found in enumerate((result, other)):
        for theme in found.themes:
            shares.setdefault(theme.theme.key, [theme.theme.label, "–", "–"])[column + 1] = (
                f"{theme.size} ({theme.share:.0%})")
    add_text(document, "The same question in both questionnaires:")
    add_table(document, ["Theme"] + [_title(q) for q in surveys], list(shares.values()))


def _indicators(document, surveys, ids):
    document.add_heading("5\tKey outcome indicators", 1)
    add_text(document, "The questionnaire follows the key outcome indicators of the action plan: "
             "active participants, contributions, and ITU-T Recommendations cited. Shares are of "
             "the participants who answered each question.")
    for q in surveys:
        for indicator in summary.indicators(q, ids[q.id]):
            add_text(document, f"{text_in(indicator.question.text, q.default_language)}"
                     + (f" ({_title(q)})" if len(surveys) > 1 else ""), bold=True)
            add_table(document, indicator.header, indicator.rows)
