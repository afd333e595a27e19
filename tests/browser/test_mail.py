"""An administrator imports contacts, previews and sends invitations in Chromium; a
participant follows the link of the message received and completes; the tab counts it."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from survey.extensions import db

pytestmark = pytest.mark.browser


def test_admin_invites_by_mail_and_the_invitations_tab_counts_the_completion(
        mail_app, context, browser, live_server, make_user, mail_questionnaire, inbox,
        contacts_file):
    mail_app.config.update(BASE_URL=live_server, JOBS_IN_BACKGROUND=True)
    admin = make_user("admin")
    db.session.rollback()
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail", exact=False).fill(admin.email)
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Import the contact list.
    page.get_by_role("link", name="Contacts").click()
    page.locator("#import-file").set_input_files(str(contacts_file))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Imported 4 contacts: 4 new")
    expect(page.locator("table")).to_contain_text("marie@example.org")

    # Preview the invitation in French.
    page.get_by_role("link", name="Messages").click()
    page.get_by_role("link", name="edit invitation fr").click()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".mail-preview")).to_contain_text("Bonjour Ada Lovelace")

    # Prepare, check who gets what, send; the batch page follows the sending.
    page.goto(f"{live_server}/review/test-q/invitations/")
    page.get_by_role("button", name="Prepare invitations").click()
    expect(page.locator("h1")).to_have_text("Send 3 messages?")
    expect(page.locator("main")).to_contain_text("no consent to be contacted")
    page.get_by_role("button", name="Send 3 messages").click()
    expect(page.locator(".job-stage")).to_have_text("Done.", timeout=60_000)
    messages = inbox.wait_for(3)

    # Ada follows the link of the message she received, in her own browser.
    ada = next(m for m in messages if "ada@example.org" in m["To"])
    link = re.search(r"http://127\.0\.0\.1:\d+/s/test-q/i/\S+", ada.get_body(("plain",)).get_content())
    participant = browser.new_context(locale="en-GB")
    try:
        answer = participant.new_page()
        answer.goto(link.group(0))
        answer.get_by_role("button", name="Start").click()
        answer.locator("textarea").fill("Open standards help small operators.")
        answer.get_by_role("button", name="Review my answers").click()
        answer.get_by_role("button", name="Send my answers").click()
        expect(answer).to_have_url(re.compile(r"/thanks$"))
    finally:
        participant.close()

    page.goto(f"{live_server}/review/test-q/invitations/")
    stats = page.locator("ul.stats")
    expect(stats).to_contain_text("3 Sent")
    expect(stats).to_contain_text("1 Completed")
    expect(page.locator("table.invitees tr", has_text="ada@example.org")).to_contain_text("yes")
