"""The administrators' pages: messages with a preview, the Invitations tab with its
confirmation, publishing the report, opening and closing dates, the unsubscribe page."""

import re
from datetime import timedelta

from sqlalchemy import select

from conftest import PASSWORD
from helpers import add_response, csrf_token, log_in
from survey.extensions import db
from survey.models import AuditEntry, Contact, Message, Questionnaire, utc_now

EDIT = "/review/mail/templates/invitation/en"


def admin(client, make_user):
    log_in(client, make_user("admin").email, PASSWORD)
    return client


def test_an_admin_previews_and_saves_a_message_which_is_then_sent(
        mail_app, client, make_user, inbox, imported, mail_questionnaire, runner):
    from survey.cli import cli

    admin(client, make_user)
    page = client.get(EDIT).get_data(as_text=True)
    token = csrf_token(page)
    text = "Hello {{ name }}, answer {{ questionnaire }} here: {{ link }}"
    typo = client.post(EDIT, data={"csrf_token": token, "subject": "Hi {{ nmae }}",
                                   "text": text, "html": "", "action": "save"})
    assert typo.status_code == 422 and "unknown variables: nmae" in typo.get_data(as_text=True)
    no_link = client.post(EDIT, data={"csrf_token": token, "subject": "Hi", "text": "No link.",
                                      "html": "", "action": "preview"})
    assert "must contain {{ link }}" in no_link.get_data(as_text=True)
    preview = client.post(EDIT, data={"csrf_token": token, "subject": "Your views, {{ name }}",
                                      "text": text, "html": "", "action": "preview"})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Your views, Ada Lovelace" in html
    assert "https://engage.example.org/s/example/i/PERSONAL-LINK" in html
    saved = client.post(EDIT, data={"csrf_token": token, "subject": "Your views, {{ name }}",
                                    "text": text, "html": "", "action": "save"})
    assert saved.status_code == 303
    assert db.session.scalars(select(AuditEntry).filter_by(action="edit_template")).one()
    assert runner.invoke(cli, ["mail", "invite", "test-q"]).exit_code == 0
    ada, = inbox.to("ada@example.org")
    assert ada["Subject"] == "Your views, Ada Lovelace"
    assert ada.get_body(("plain",)).get_content().startswith("Hello Ada Lovelace, answer")
    # Marie's message is in French: her template was not changed.
    assert "Votre avis" in inbox.to("marie@example.org")[0]["Subject"]
    assert client.get("/review/mail/templates/invitation/de").status_code == 404
    assert client.get("/review/mail/templates/").status_code == 200


def test_sending_from_the_tab_shows_who_gets_what_first_and_counts_after(
        mail_app, client, make_user, inbox, imported, mail_questionnaire):
    admin(client, make_user)
    tab = f"/review/{mail_questionnaire.slug}/invitations/"
    confirm = client.get(tab + "prepare?kind=invitation&tag=iew-2025")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Send 3 messages" in page
    assert "no consent to be contacted" in page and "ada@example.org" in page
    fingerprint = re.search(r'name="fingerprint" value="(\w+)"', page).group(1)
    form = {"csrf_token": csrf_token(page), "kind": "invitation", "template": "invitation",
            "tag": "iew-2025", "round": "1"}
    # Someone unsubscribes meanwhile: the confirmation is shown again, nothing is sent.
    marie = db.session.scalars(select(Contact).filter_by(email="marie@example.org")).one()
    marie.unsubscribed_on = utc_now()
    db.session.commit()
    stale = client.post(tab + "send", data={**form, "fingerprint": fingerprint})
    assert stale.status_code == 409 and "Send 2 messages" in stale.get_data(as_text=True)
    assert inbox.messages == []
    fresh = re.search(r'name="fingerprint" value="(\w+)"', stale.get_data(as_text=True)).group(1)
    sent = client.post(tab + "send", data={**form, "fingerprint": fresh})
    assert sent.status_code == 303 and "/jobs/" in sent.headers["Location"]
    job_page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Done." in job_page and len(inbox.messages) == 2
    status = client.get(sent.headers["Location"] + "/status").get_json()
    assert status["status"] == "done" and status["counts"] == {"sent": 2}
    html = client.get(tab).get_data(as_text=True)
    stats = dict((label, int(n)) for n, label in re.findall(r"<li><strong>(\d+)</strong> (\w+)</li>", html))
    assert stats == {"Invited": 2, "Sent": 2, "Failed": 0, "Started": 0, "Completed": 0,
                     "Unsubscribed": 0}
    assert "Europe" in html and "Arab States" in html  # GB and EG, by ITU region
    # The questionnaire is anonymous: no response column, per person only "completed".
    assert "Response</th>" not in html


def test_an_observer_sees_the_counts_but_not_the_people(app, client, make_user, imported,
                                                        mail_questionnaire):
    from survey.invitations import invite

    contact = db.session.scalars(select(Contact)).first()
    invite(mail_questionnaire, contact.email, contact.name, contact=contact)
    db.session.commit()
    log_in(client, make_user("observer").email, PASSWORD)
    html = client.get(f"/review/{mail_questionnaire.slug}/invitations/").get_data(as_text=True)
    assert "<strong>1</strong> Invited" in html and contact.email not in html


def test_publishing_makes_a_public_link_and_unpublishing_removes_it(
        mail_app, client, make_user, mail_questionnaire):
    admin(client, make_user)
    reports = f"/review/{mail_questionnaire.slug}/reports/"
    add_response(mail_questionnaire, {"story": "An answer."})
    token = csrf_token(client.get(reports).get_data(as_text=True))
    published = client.post(f"/review/{mail_questionnaire.slug}/publish",
                            data={"csrf_token": token}, follow_redirects=True)
    link = re.search(r'https://engage\.example\.org(/published/[^"<]+)', published.get_data(as_text=True))
    anonymous = mail_app.test_client()
    download = anonymous.get(link.group(1))
    assert download.status_code == 200 and download.data[:2] == b"PK"
    assert "attachment" in download.headers["Content-Disposition"]
    client.post(f"/review/{mail_questionnaire.slug}/unpublish", data={"csrf_token": token})
    assert anonymous.get(link.group(1)).status_code == 404
    assert anonymous.get("/published/x/../../etc/passwd").status_code == 404


def test_dates_open_and_close_a_questionnaire_by_themselves(app, client, make_user,
                                                           mail_questionnaire, participant):
    from survey.schedule import apply_schedules

    admin(client, make_user)
    tab = f"/review/{mail_questionnaire.slug}/invitations/"
    token = csrf_token(client.get(tab).get_data(as_text=True))
    mail_questionnaire.status = "draft"
    db.session.commit()
    soon = utc_now() + timedelta(hours=1)
    assert client.post(tab + "schedule", data={
        "csrf_token": token, "opens_on": soon.strftime("%Y-%m-%dT%H:%M"),
        "closes_on": (soon + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")}).status_code == 303
    assert apply_schedules() == []
    assert apply_schedules(now=soon + timedelta(minutes=1)) == [("test-q", "open")]
    assert apply_schedules(now=soon + timedelta(days=8)) == [("test-q", "closed")]
    db.session.expire_all()
    assert db.session.get(Questionnaire, mail_questionnaire.id).status == "closed"
    assert db.session.scalars(select(AuditEntry).filter_by(actor="schedule")).all()
    bad = client.post(tab + "schedule", data={"csrf_token": token, "opens_on": "tomorrow"})
    assert bad.status_code == 400
    backwards = client.post(tab + "schedule", data={
        "csrf_token": token, "opens_on": "2027-01-02T10:00", "closes_on": "2027-01-01T10:00"})
    assert backwards.status_code == 400
    # A closing date in the past closes it at once, for participants too.
    mail_questionnaire.status = "open"
    db.session.commit()
    client.post(tab + "schedule", data={"csrf_token": token, "closes_on": "2020-01-01T00:00"})
    assert client.get("/s/test-q/").status_code == 200
    db.session.expire_all()
    assert db.session.get(Questionnaire, mail_questionnaire.id).status == "closed"


def test_the_unsubscribe_page_asks_first_and_refuses_bad_tokens(mail_app, client, imported):
    from survey.mail.unsubscribe import token_of

    ada = db.session.scalars(select(Contact).filter_by(email="ada@example.org")).one()
    token = token_of(ada)
    page = client.get(f"/u/{token}")
    assert page.status_code == 200 and "Unsubscribe" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).unsubscribed_on is None  # a GET changes nothing
    assert client.post(f"/u/{token}", data={"List-Unsubscribe": "One-Click"}).status_code == 200
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).unsubscribed_on is not None
    forged = f"{ada.id + 1}.{token.split('.')[1]}"
    for bad in (forged, "1.short", "x" * 300, "1.%00" + "A" * 22):
        assert client.get(f"/u/{bad}").status_code in (400, 404), bad
    assert db.session.query(Message).count() == 0
