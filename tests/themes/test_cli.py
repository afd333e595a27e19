"""engage analyze: the same analysis from the command line, printed."""

import pytest
from sqlalchemy import select

from helpers import completed_answers_to
from survey.cli import cli
from survey.extensions import db
from survey.models import AnalysisRun
from themes.conftest import add_response


@pytest.fixture
def engage(runner):
    return lambda *args: runner.invoke(cli, list(args))


def test_analyze_stores_a_run_and_prints_its_themes(engage, demo):
    result = engage("analyze", demo.slug, "--question", "relevance", "--embedding", "tfidf")
    assert result.exit_code == 0, result.output
    run = db.session.scalars(select(AnalysisRun)).one()
    assert run.status == "done" and run.actor == "command line" and run.created_by_id is None
    assert run.parameters["include_demo"] is True  # there is nothing but demo data
    assert f"Run #{run.id}: {run.answer_count} answers" in result.output
    assert "answers, " in result.output and "terms: " in result.output and 'quote: "' in result.output
    again = engage("analyze", demo.slug, "--question", "relevance", "--embedding", "tfidf")
    assert f"corrections carried over from run #{run.id}" in again.output


def test_analyze_can_leave_demo_responses_out(engage, demo):
    for n in range(3):
        add_response(demo, {"relevance": f"Reduce fees for small companies, number {n}."})
    result = engage("analyze", demo.slug, "--question", "relevance", "--embedding", "tfidf")
    assert result.exit_code == 0, result.output  # real answers exist: demo data is left out
    assert db.session.scalars(select(AnalysisRun)).one().answer_count == 3
    included = engage("analyze", demo.slug, "--question", "relevance", "--embedding", "tfidf",
                      "--include-demo")
    expected = completed_answers_to("relevance")  # the demo's and the three added above
    assert included.exit_code == 0 and f": {expected} answers" in included.output, included.output


@pytest.mark.parametrize("args, message", [
    (["no-such-survey"], "No questionnaire 'no-such-survey'"),
    (["iew-2026-industry", "--question", "nope"], "'nope' is not a free-text question"),
    (["iew-2026-industry", "--question", "org_type"], "'org_type' is not a free-text question"),
    (["iew-2026-industry"], "at least 2 are needed"),
])
def test_analyze_errors_are_one_clear_line(engage, workshop_questionnaire, args, message):
    result = engage("analyze", *args, "--embedding", "tfidf")
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
