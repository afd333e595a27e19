"""Pacing, mail and queue settings, and their mistakes said plainly."""

import pytest

from survey.cli import cli
from survey.config import ConfigError
from survey.mail.smtp import Pacer


def test_the_pacer_spaces_messages_without_waiting_when_there_is_no_limit():
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(30, clock=lambda: now[0], sleep=sleep)  # one message every 2 seconds
    for _ in range(4):
        pacer.wait()
        now[0] += 0.5  # sending takes half a second
    assert slept == [1.5, 1.5, 1.5]
    unlimited = Pacer(0, clock=lambda: now[0], sleep=sleep)
    unlimited.wait(), unlimited.wait()
    assert len(slept) == 3


@pytest.mark.parametrize("name, value", [("ENGAGE_SMTP_PORT", "twenty-five"),
                                         ("ENGAGE_MAIL_PER_MINUTE", "-1"),
                                         ("ENGAGE_JOB_STALE_SECONDS", "soon")])
def test_a_wrong_setting_is_refused_with_its_name(monkeypatch, name, value):
    from survey import services

    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        services.from_environment()


def test_links_use_the_configured_address_not_the_request(app, monkeypatch):
    from survey import services

    monkeypatch.setenv("ENGAGE_BASE_URL", "https://engage.example.org/")
    assert services.from_environment()["BASE_URL"] == "https://engage.example.org"


def test_the_worker_explains_that_it_needs_redis(app, runner):
    app.config["REDIS_URL"] = None
    result = runner.invoke(cli, ["worker", "--burst"])
    assert result.exit_code != 0 and "ENGAGE_REDIS_URL is not set" in result.output


def test_sending_without_a_sender_stops_with_a_clear_message(mail_app, runner, imported,
                                                            mail_questionnaire, inbox):
    mail_app.config["MAIL_FROM"] = None
    result = runner.invoke(cli, ["mail", "invite", "test-q"])
    assert result.exit_code != 0 and "ENGAGE_MAIL_FROM is not set" in result.output
    assert inbox.messages == []
