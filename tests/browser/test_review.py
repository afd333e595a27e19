"""A reviewer runs the theme analysis in Chromium and corrects its themes."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from conftest import PASSWORD
from survey.demo import add_demo_responses
from survey.extensions import db
from survey.models import AnalysisRun, AuditEntry, Theme, ThemeAssignment

pytestmark = pytest.mark.browser
SLUG = "iew-2026-industry"


def answer_id_of(row):
    return int(row.get_attribute("id").removeprefix("answer-"))


def test_reviewer_runs_the_analysis_merges_moves_and_highlights(
        app, context, live_server, workshop_questionnaire, make_user):
    add_demo_responses(workshop_questionnaire)
    db.session.commit()
    reviewer = make_user("reviewer")
    # The browser's click runs the analysis in a background thread, as in production,
    # and the page follows its progress with themes.js.
    app.config["JOBS_IN_BACKGROUND"] = True
    db.session.rollback()

    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Merge this theme...?"
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail", exact=False).fill(reviewer.email)
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/review/{SLUG}/themes/")
    expect(page.locator("h1")).to_have_text("Themes")

    expect(page.locator("details.run-form")).to_have_attribute("open", "")  # open: nothing run yet
    expect(page.locator("#run-demo")).to_be_checked()  # nothing but demo data: included
    page.locator("#run-embedding").select_option("tfidf")
    page.locator("details.run-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/runs/\d+/$"))
    expect(page.locator(".themes-table")).to_be_visible(timeout=60_000)
    db.session.rollback()
    run = db.session.scalars(select(AnalysisRun)).one()
    assert run.status == "done" and run.answer_count > 100
    assert run.actor == f"{reviewer.name} <{reviewer.email}>"

    # Merge the largest theme into the one offered first.
    page.locator(".theme-link").first.click()
    source_id = int(page.url.rstrip("/").split("/")[-1])
    target_id = int(page.locator("#merge-target").input_value())
    target_label = page.locator("#merge-target option:checked").inner_text()
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("The themes were merged.")
    expect(page.locator("h1")).to_have_text(target_label)
    expect(page.locator(".audit")).to_contain_text("Merged the theme")
    db.session.rollback()
    assert db.session.get(Theme, source_id).merged_into_id == target_id

    # Move the first answer of the merged theme to another theme.
    row = page.locator(".theme-answers tbody tr").first
    moved = answer_id_of(row)
    destination = int(row.locator("select").input_value())
    row.get_by_role("button", name="Move").click()
    expect(page.locator(".notice")).to_contain_text("The answer was moved.")
    expect(page.locator(f"#answer-{moved}")).to_have_count(0)
    expect(page.locator(".audit")).to_contain_text(f"Moved answer #{moved}")
    db.session.rollback()
    assignment = db.session.scalars(select(ThemeAssignment).filter_by(run_id=run.id, answer_id=moved)).one()
    assert assignment.theme_id == destination and assignment.by_hand
    assert assignment.placed_by_id == reviewer.id

    # Highlight a quote of a participant who agreed to be quoted.
    highlight = page.get_by_role("button", name="Highlight", exact=True)
    row = page.locator(".theme-answers tbody tr").filter(has=highlight).first
    quoted = answer_id_of(row)
    row.get_by_role("button", name="Highlight", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("The answer is highlighted.")
    expect(page.locator(f"#answer-{quoted}")).to_contain_text("highlighted")
    expect(page.locator(".audit")).to_contain_text(f"Highlighted answer #{quoted}")
    db.session.rollback()
    assert db.session.scalars(select(ThemeAssignment).filter_by(
        run_id=run.id, answer_id=quoted)).one().highlighted
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.user_id == reviewer.id)
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["run", "merge", "move", "highlight"]

    # The run's theme list shows the merged theme no more, and the highlighted quote first.
    page.goto(f"{live_server}/review/{SLUG}/themes/runs/{run.id}/")
    expect(page.locator(f'a.theme-link[href$="/themes/{source_id}/"]')).to_have_count(0)
    expect(page.locator(".themes-table .tag", has_text="highlighted")).to_have_count(1)


def test_the_page_follows_a_running_analysis_and_shows_the_themes_when_done(
        app, context, live_server, workshop_questionnaire, make_user, monkeypatch):
    import threading

    from analysis.model import ThemeModel

    add_demo_responses(workshop_questionnaire)
    db.session.commit()
    reviewer = make_user("reviewer")
    app.config["JOBS_IN_BACKGROUND"] = True
    db.session.rollback()
    # Hold the analysis half-way, so that the page is seen following it.
    release, fit = threading.Event(), ThemeModel.fit

    def held_fit(self, *args, **kwargs):
        assert release.wait(timeout=60)
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(ThemeModel, "fit", held_fit)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail", exact=False).fill(reviewer.email)
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/review/{SLUG}/themes/")
    page.locator("#run-embedding").select_option("tfidf")
    page.locator("details.run-form button[type=submit]").click()
    progress = page.locator(".run-progress progress")
    expect(progress).to_be_visible()
    # themes.js asks for the status and moves the bar without a reload.
    expect(progress).to_have_attribute("value", "40", timeout=10_000)
    expect(page.locator(".run-stage")).to_have_text("Reading and grouping the answers")
    release.set()
    # ...and shows the themes by itself once the run is over.
    expect(page.locator(".themes-table")).to_be_visible(timeout=60_000)
    expect(progress).to_have_count(0)
