"""Invitations, reminders, thanks and letters received by a real SMTP server."""

import re

from sqlalchemy import select

from survey.cli import cli
from survey.extensions import db
from survey.models import Contact, Message

LINK = re.compile(r"https://engage\.example\.org/s/test-q/i/[A-Za-z0-9_-]+(\?lang=\w+)?")


def mail(runner, *args):
    result = runner.invoke(cli, ["mail", *args])
    return result


def body(message):
    return message.get_body(("plain",)).get_content()


def test_invitations_arrive_in_each_contacts_language_with_link_and_unsubscribe_headers(
        mail_app, runner, inbox, imported, mail_questionnaire, client):
    result = mail(runner, "invite", "test-q")
    assert result.exit_code == 0, result.output
    assert "3 invitation messages to send" in result.output and "no consent to be contacted" in result.output
    assert len(inbox.messages) == 3 and not inbox.to("nobody@example.org")
    ada, = inbox.to("ada@example.org")
    marie, = inbox.to("marie@example.org")
    layla, = inbox.to("layla@example.org")
    assert ada["Content-Language"] == "en" and ada["Subject"].startswith("Your views")
    assert marie["Content-Language"] == "fr" and "Votre avis" in marie["Subject"]
    assert "Bonjour Marie Curie" in body(marie)
    assert layla["Content-Language"] == "ar" and "رأيكم" in layla["Subject"]
    assert 'dir="rtl"' in layla.get_body(("html",)).get_content()
    assert ada["From"] == "IEWSC <iewsc@example.org>" and "Ada Lovelace" in ada["To"]
    for message in (ada, marie, layla):
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<https://engage\.example\.org/u/\d+\.[A-Za-z0-9_-]{24}>",
                            message["List-Unsubscribe"])
        link = LINK.search(body(message)).group(0)
        assert f'href="{link}"' in message.get_body(("html",)).get_content()
        # The personal link works on this server (the path; the host is the public one).
        assert client.get(link.removeprefix("https://engage.example.org")).status_code == 302
    # French is offered by the questionnaire: the link opens it in French.
    assert LINK.search(body(marie)).group(1) == "?lang=fr"


def test_running_a_batch_again_sends_nothing_twice(mail_app, runner, inbox, imported,
                                                   mail_questionnaire):
    assert mail(runner, "invite", "test-q").exit_code == 0
    again = mail(runner, "invite", "test-q")
    assert again.exit_code == 0 and "0 invitation messages" in again.output
    assert "already sent" in again.output
    assert len(inbox.messages) == 3
    assert db.session.query(Message).filter_by(status="sent").count() == 3


def test_dry_run_says_who_gets_what_and_sends_nothing(mail_app, runner, inbox, imported,
                                                      mail_questionnaire):
    result = mail(runner, "invite", "test-q", "--dry-run")
    assert result.exit_code == 0 and "(ar 1, en 1, fr 1)" in result.output
    assert inbox.messages == [] and db.session.query(Message).count() == 0


def test_reminders_skip_completers_and_the_unsubscribed(mail_app, runner, inbox, imported,
                                                        mail_questionnaire, app):
    from helpers import Participant

    assert mail(runner, "invite", "test-q").exit_code == 0
    # Ada answers through her link; Marie unsubscribes with one click from her mail program.
    ada_link = LINK.search(body(inbox.to("ada@example.org")[0])).group(0)
    browser = app.test_client()
    browser.get(ada_link.removeprefix("https://engage.example.org"))
    ada = Participant(browser, "test-q")
    ada.start()
    ada.post("one", {"story": "Standards matter."})
    assert ada.submit().headers["Location"].endswith("/thanks")
    unsubscribe = inbox.to("marie@example.org")[0]["List-Unsubscribe"].strip("<>")
    path = unsubscribe.removeprefix("https://engage.example.org")
    assert app.test_client().post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    result = mail(runner, "remind", "test-q")
    assert result.exit_code == 0, result.output
    assert "1 reminder messages" in result.output
    assert "already completed" in result.output and "unsubscribed" in result.output
    reminders = inbox.messages[3:]
    assert [m["To"] for m in reminders] == ["ليلى <layla@example.org>"]
    assert "تذكير" in reminders[0]["Subject"]
    # The reminder carries the same personal link as the invitation.
    assert LINK.search(body(reminders[0])).group(0) == LINK.search(
        body(inbox.to("layla@example.org")[0])).group(0)
    # Thanks go to those who completed, once.
    assert mail(runner, "thank", "test-q").exit_code == 0
    assert [m["To"] for m in inbox.messages[4:]] == ["Ada Lovelace <ada@example.org>"]
    assert "0 thank_you messages" in mail(runner, "thank", "test-q").output


def test_a_temporary_refusal_is_tried_again_and_delivered_once(mail_app, runner, inbox, imported,
                                                               mail_questionnaire):
    inbox.fail_rcpt = [(451, "4.7.1 Greylisted, try again")]
    assert mail(runner, "invite", "test-q").exit_code == 0
    assert sorted(m["To"].split("<")[-1].rstrip(">") for m in inbox.messages) == [
        "ada@example.org", "layla@example.org", "marie@example.org"]
    retried = db.session.scalars(select(Message).order_by(Message.id)).first()
    assert retried.status == "sent" and retried.attempts == 1  # one claim, two SMTP tries


def test_a_permanent_refusal_is_recorded_on_the_contact(mail_app, runner, inbox, imported,
                                                        mail_questionnaire):
    inbox.refuse["ada@example.org"] = (550, "5.1.1 No such user")
    result = mail(runner, "invite", "test-q")
    assert result.exit_code == 0 and "1 failed" in result.output and "2 sent" in result.output
    ada = db.session.scalars(select(Contact).filter_by(email="ada@example.org")).one()
    assert ada.undeliverable.startswith("550")
    assert "address refused" in mail(runner, "remind", "test-q", "--dry-run").output


def test_an_unreachable_server_stops_the_batch_and_a_rerun_sends_the_rest(
        mail_app, runner, inbox, imported, mail_questionnaire):
    from mail_fixtures import free_port

    mail_app.config["SMTP_PORT"] = free_port()
    result = mail(runner, "invite", "test-q")
    assert result.exit_code != 0 and "cannot reach the mail server" in result.output
    assert db.session.query(Message).filter_by(status="pending").count() == 3
    mail_app.config["SMTP_PORT"] = inbox.port
    assert mail(runner, "invite", "test-q").exit_code == 0
    assert len(inbox.messages) == 3


def test_a_letter_needs_the_published_report_and_links_to_it(mail_app, runner, inbox, imported,
                                                             mail_questionnaire, client):
    from helpers import add_response
    from survey.models import User
    from survey.publishing import publish, public_link

    refused = mail(runner, "letter", "test-q", "--template", "letter", "--tag", "iew-2025")
    assert refused.exit_code != 0 and "not published" in refused.output
    add_response(mail_questionnaire, {"story": "An answer."})
    report = publish(mail_questionnaire, None)
    db.session.commit()
    assert db.session.query(User).count() == 0
    result = mail(runner, "letter", "test-q", "--template", "letter", "--tag", "iew-2025")
    assert result.exit_code == 0, result.output
    marie, = inbox.to("marie@example.org")
    assert public_link(report) in body(marie) and "le rapport" in marie["Subject"]
    downloaded = client.get(public_link(report).removeprefix("https://engage.example.org"))
    assert downloaded.status_code == 200 and downloaded.data[:2] == b"PK"
    unknown = mail(runner, "letter", "test-q", "--template", "nope")
    assert unknown.exit_code != 0 and "no letter template named 'nope'" in unknown.output
