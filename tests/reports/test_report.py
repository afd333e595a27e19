"""The TSAG report, opened with python-docx: header, action line, tables, themes, quotes."""

import io
import statistics
from collections import Counter

import docx
from PIL import Image
from sqlalchemy import select

from helpers import responses_in_database
from survey.extensions import db
from survey.models import Answer, Question, Response
from survey.reference import REGIONS, country
from survey.reports.docx_report import ReportOptions, write_report


def report_of(questionnaire, **options):
    out = io.BytesIO()
    write_report(questionnaire, out, ReportOptions(**options))
    out.seek(0)
    return docx.Document(out)


def header_fields(document):
    """Return ``{label: value}`` of the TD header table (first cell -> second cell)."""
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def full_text(document):
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def table_after(document, heading):
    """Return the first table after the heading starting with ``heading``, as rows of texts."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and "".join(child.itertext()).startswith(heading):
            seen = True
        elif seen and child.tag.endswith("}tbl"):
            table = docx.table.Table(child, document)
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table after {heading!r}")


def test_header_table_in_the_td_layout(filled):
    document = report_of(filled, contact_name="Ada Lovelace", contact_organisation="IEWSC",
                         contact_email="iewsc@example.org")
    fields = header_fields(document)
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert "STUDY PERIOD 2025-2028" in rows[0][1]
    assert rows[0][2].startswith("TSAG-TD")
    assert rows[1][2] == "Original: English"
    assert rows[2][2].startswith("Geneva, ")
    assert fields["Source:"] == "Industry Engagement Workshop Steering Committee (IEWSC)"
    assert "Industry engagement workshop questionnaire" in fields["Title:"]
    assert fields["Purpose:"] == "Information"
    assert fields["Contact:"] == "Ada Lovelace\nIEWSC"
    assert rows[[r[0] for r in rows].index("Contact:")][2] == "E-mail: iewsc@example.org"
    assert "industry engagement" in fields["Keywords:"]
    assert f"{responses_in_database(status='completed')} completed responses" in fields["Abstract:"]


def test_action_line_follows_the_header(filled):
    paragraphs = [p.text for p in report_of(filled).paragraphs if p.text]
    assert paragraphs[0].startswith("Action:\tTSAG is invited to note")
    headings = [p for p in paragraphs if p[:2] in ("1\t", "2\t", "3\t", "4\t", "5\t")]
    assert headings == ["1\tIntroduction", "2\tMethod", "3\tParticipation",
                        "4\tFindings per workshop question", "5\tKey outcome indicators"]


def test_region_table_counts_completed_responses_from_the_database(filled):
    rows = {row[0]: row[1] for row in table_after(report_of(filled), "Completed responses by ITU region")}
    values = db.session.scalars(
        select(Answer.value).join(Question, Answer.question_id == Question.id)
        .join(Response, Answer.response_id == Response.id)
        .where(Question.code == "country", Response.status == "completed"))
    by_region = Counter(country(v).region for v in values)
    completed = responses_in_database(status="completed")
    assert rows["Number of completed responses"] == str(completed)
    for code, label in REGIONS.items():
        count = by_region[code]
        assert rows[label] == ("<5" if 0 < count < 5 else f"{count} ({count / completed:.0%})" if count else "0 (0%)")


def test_themes_as_corrected_with_consented_quotes_only(themed, answers_to):
    questionnaire, themes = themed
    themes["Market access"].label = "Access to global markets"
    themes["Market access"].edited = True
    answers = answers_to(questionnaire, "why_care")
    consenting = answers[0].response_id
    for answer in db.session.scalars(select(Answer).join(Question).where(Question.code == "quote_consent")):
        answer.value = answer.response_id == consenting
    db.session.commit()
    text = full_text(report_of(questionnaire))
    assert "Access to global markets: " in text and "Market access:" not in text
    assert "What Market access covers." in text  # the description, as stored
    assert f"“{answers[0].text.strip()}”" in text
    for other in answers[1:]:
        assert other.text.strip()[:80] not in text


def test_question_without_analysis_says_so_and_counts_answers(filled, answers_to):
    document = report_of(filled)
    paragraphs = [p.text for p in document.paragraphs]
    index = next(i for i, p in enumerate(paragraphs) if p.endswith("benefits to the industry to engage in standardization?"))
    completed = [a for a in answers_to(filled, "benefits") if a.response.status == "completed"]
    assert paragraphs[index + 1] == f"{len(completed)} answers. No analysis has been run yet for this question."


def test_charts_are_png_at_print_resolution(themed):
    questionnaire, _themes = themed
    document = report_of(questionnaire)
    images = [rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype]
    assert images
    for blob in images:
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG"
        assert min(image.info["dpi"]) >= 199.9


def test_run_over_all_questions_is_narrowed_to_each_question(filled, answers_to, make_run):
    why, risks = answers_to(filled, "why_care"), answers_to(filled, "risks")
    make_run(filled, "all", {"Costs": why[:10] + risks[:3], "Speed": why[10:] + risks[3:]}, question_code=None)
    text = full_text(report_of(filled))
    completed = lambda rows: sum(a.response.status == "completed" for a in rows)  # noqa: E731
    assert f"Costs: {completed(why[:10])} answers" in text
    assert f"Costs: {completed(risks[:3])} answers" in text


def test_compare_two_questionnaires_side_by_side(filled, make_questionnaire, answers_to):
    other = make_questionnaire([{"code": "s", "title": {"en": "S"}, "questions": [
        {"code": "why_care", "type": "long_text", "text": {"en": "Why care?"}}]}], slug="post-q")
    document = report_of(filled, compare=other)
    rows = table_after(document, "Completed responses by ITU region")
    assert rows[0] == ["", "Industry engagement workshop questionnaire", "Questionnaire post-q"]
    assert rows[1] == ["Number of completed responses", str(responses_in_database(status="completed")), "0"]
    assert "Annex: the questionnaire “Questionnaire post-q”" in full_text(document)


def test_indicators_report_the_likert_grid_the_rating_and_the_number(filled, answers_to):
    rows = table_after(report_of(filled), "How far do you agree")
    assert rows[0][:3] == ["Statement", "Answers", "Mean"]
    assert rows[1][0] == "Taking part in ITU-T helps my organisation reach global markets."
    grids = [a.value for a in answers_to(filled, "value_grid") if a.response.status == "completed"]
    chosen = [grid["market_access"] for grid in grids if "market_access" in grid]
    assert rows[1][1:3] == [str(len(chosen)), f"{statistics.fmean(chosen):.1f}"]
    document = report_of(filled)
    assert table_after(document, "How likely are you to recommend")[0] == ["Answers", "Mean (0 to 10)", "Median"]
    planned = [a.value for a in answers_to(filled, "contributions_planned") if a.response.status == "completed"]
    assert table_after(document, "About how many contributions?")[1] == [
        str(len(planned)), f"{sum(planned) / len(planned):.1f}", f"{statistics.median(planned):g}", f"{sum(planned):g}"]


def test_notable_segment_differences_are_reported(filled, answers_to, make_run):
    from survey.segments import response_segments

    answers = [a for a in answers_to(filled, "why_care") if a.response.status == "completed"]
    segments = response_segments(filled)
    sme = [a for a in answers if segments[a.response_id].size == "sme"]
    large = [a for a in answers if segments[a.response_id].size == "large"]
    assert len(sme) >= 5 and len(large) >= 5
    make_run(filled, "why_care", {"Costs": sme + large[:5], "Scale": large[5:]})
    text = full_text(report_of(filled))
    share = 5 / len(large)
    assert f"SMEs: 100% of their answers; large enterprises: {share:.0%}." in text


def test_merged_themes_are_hidden_and_non_answers_never_quoted(filled, answers_to, make_run):
    answers = [a for a in answers_to(filled, "why_care") if a.response.status == "completed"]
    themes = make_run(filled, "why_care", {"Kept": answers[:20], "Old name": [], "Nothing to say": answers[20:]})
    themes["Old name"].merged_into_id = themes["Kept"].id
    themes["Nothing to say"].source = "non_answer"
    db.session.commit()
    text = full_text(report_of(filled))
    assert "Old name" not in text
    assert f"Nothing to say: {len(answers) - 20} answers" in text
    for answer in answers[20:]:
        assert answer.text.strip()[:60] not in text


def test_themes_come_largest_first_and_discovered_single_answers_are_only_named(
        filled, answers_to, make_run):
    why = [a for a in answers_to(filled, "why_care") if a.response.status == "completed"]
    themes = make_run(filled, "why_care", {"Small": why[:3], "Large": why[3:-2],
                                           "Lone idea": why[-2:-1], "Lone catalogue": why[-1:]})
    themes["Lone idea"].source = "discovered"
    db.session.commit()
    paragraphs = [p.text for p in report_of(filled).paragraphs]
    large = paragraphs.index(f"Large: {len(why) - 5} answers ({(len(why) - 5) / len(why):.0%})")
    assert large < paragraphs.index(f"Small: 3 answers ({3 / len(why):.0%})")
    assert "Themes with a single answer to this question: Lone idea." in paragraphs
    assert not any(p.startswith("Lone idea:") for p in paragraphs)
    assert any(p.startswith("Lone catalogue: 1 answer (") for p in paragraphs)  # the action plan's
