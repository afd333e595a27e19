"""A participant fills in the whole workshop questionnaire in Chromium, closing the page half-way."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from survey.extensions import db
from survey.models import Answer, Question, Response

pytestmark = pytest.mark.browser
SLUG = "iew-2026-industry"


def next_page(page):
    page.get_by_role("button", name="Next", exact=True).click()


def test_participant_fills_in_everything_and_resumes_after_closing(
        context, live_server, workshop_questionnaire):
    page = context.new_page()
    page.goto(f"{live_server}/s/{SLUG}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Start").click()

    # Consent: the required box is refused when left unticked, with the error linked at the top.
    next_page(page)
    expect(page.locator(".error-summary")).to_be_visible()
    page.locator(".error-summary a").first.click()
    page.get_by_label("I have read the privacy notice", exact=False).check()
    page.locator("#q_quote_consent").check()
    resume_link = page.locator("a.resume-link").first.get_attribute("href")
    next_page(page)

    # The organisation, partly with the keyboard alone; then the participant.
    page.locator('input[name="q_org_type"][value="startup"]').focus()
    page.keyboard.press("Space")
    page.locator('input[name="q_org_size"][value="small"]').check()
    page.locator("#q_country").select_option("KE")
    page.locator('input[name="q_sector"][value="ict"]').check()
    page.locator('input[name="q_sector"][value="agriculture"]').check()
    next_page(page)
    expect(page).to_have_url(re.compile("/p/about_you"))
    page.locator('input[name="q_gender"][value="prefer_not"]').check()
    next_page(page)

    page.locator("#q_why_care").fill("Standards open markets for small African firms.")
    page.locator("#q_benefits").fill("Interoperability and credibility with operators.")
    next_page(page)  # "why" is saved; now close the page, and the browser session with it
    expect(page).to_have_url(re.compile("/p/itut"))
    page.close()
    context.clear_cookies()

    page = context.new_page()
    page.goto(resume_link)
    expect(page).to_have_url(re.compile("/p/itut"))
    page.get_by_role("button", name="Back").click()
    expect(page.locator("#q_why_care")).to_have_value("Standards open markets for small African firms.")
    next_page(page)
    page.locator("#q_relevance").fill("Remote participation and lower fees for start-ups.")
    next_page(page)

    for row in ("market_access", "regulation", "speed"):
        page.locator(f'input[name="q_value_grid__{row}"][value="4"]').check()
    page.locator('input[name="q_recommend"][value="8"]').check()
    next_page(page)

    # The number of planned contributions appears only once the participant intends to contribute.
    planned = page.locator("#question-contributions_planned")
    expect(planned).to_be_hidden()
    page.locator('input[name="q_intends_contribute"][value="yes_12m"]').check()
    expect(planned).to_be_visible()
    page.locator("#q_contributions_planned").fill("3")
    page.locator("#q_contributions_planned").press("Enter")  # Enter moves on, like Next

    expect(page).to_have_url(re.compile("/p/sme"))  # an SME sees the SME follow-ups
    page.locator("#q_sme_support").fill("Reduced fees and mentoring.")
    next_page(page)
    expect(page).to_have_url(re.compile("/p/developing"))  # Kenya: the developing-country follow-ups
    page.locator("#q_dev_needs").fill("Capacity building on AI standards.")
    next_page(page)
    page.locator("#q_anything_else").fill("<script>alert('x')</script> thanks")
    page.get_by_role("button", name="Review my answers").click()

    expect(page.locator("h1")).to_contain_text("Check your answers")
    expect(page.get_by_text("<script>alert('x')</script> thanks")).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("h1")).to_contain_text("Thank you")
    page.reload()
    expect(page.locator("h1")).to_contain_text("Thank you")

    db.session.rollback()
    response = db.session.scalars(select(Response)).one()
    assert response.status == "completed"
    stored = dict(db.session.execute(select(Question.code, Answer.value).join(Answer)
                                     .where(Answer.response_id == response.id)).all())
    assert stored["org_type"] == "startup" and stored["country"] == "KE"
    assert stored["sector"] == ["ict", "agriculture"]
    assert stored["why_care"] == "Standards open markets for small African firms."
    assert stored["value_grid"] == {"market_access": 4, "regulation": 4, "speed": 4}
    assert stored["contributions_planned"] == 3 and stored["recommend"] == 8
    assert stored["quote_consent"] is True
    assert stored["anything_else"] == "<script>alert('x')</script> thanks"


def test_pages_load_nothing_from_other_hosts(context, live_server, workshop_questionnaire):
    requested = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server}/s/{SLUG}/?lang=fr")
    page.get_by_role("button").first.click()
    assert requested and all(url.startswith(live_server) for url in requested)
