"""Invitations record who answered, and for anonymous questionnaires never which answers."""

import pytest
from sqlalchemy import select

from survey.cli import cli
from survey.extensions import db
from survey.models import Invitation, Response

SECTIONS = [{"code": "one", "title": {"en": "One"}, "questions": [
    {"code": "story", "type": "long_text", "text": {"en": "Story"}}]}]


@pytest.fixture
def invite(runner):
    def make(slug, *emails):
        result = runner.invoke(cli, ["survey", "invite", slug, *emails, "--base-url", "http://engage.test"])
        assert result.exit_code == 0, result.output
        return dict(line.split("\t") for line in result.output.splitlines())
    return make


def answer_through(client, link):
    from helpers import Participant

    path = link.removeprefix("http://engage.test")
    assert client.get(path).status_code == 302
    p = Participant(client, path.split("/")[2])
    p.start()
    p.post("one", {"story": "my answer"})
    assert p.submit().headers["Location"].endswith("/thanks")


@pytest.mark.parametrize("anonymous", [True, False])
def test_invited_participant_is_known_to_have_answered(client, make_questionnaire, invite, anonymous):
    questionnaire = make_questionnaire(SECTIONS)
    questionnaire.anonymous = anonymous
    db.session.commit()
    links = invite("test-q", "Ada@Example.org", "bob@example.org")
    assert set(links) == {"ada@example.org", "bob@example.org"}
    answer_through(client, links["ada@example.org"])
    db.session.expire_all()
    ada, bob = (db.session.scalars(select(Invitation).filter_by(email=e)).one()
                for e in ("ada@example.org", "bob@example.org"))
    assert ada.completed_on is not None and bob.completed_on is None
    response = db.session.scalars(select(Response)).one()
    assert response.invitation_id == (None if anonymous else ada.id)


def test_inviting_again_keeps_the_first_link_unless_renewed(invite, make_questionnaire, runner):
    make_questionnaire(SECTIONS)
    first = invite("test-q", "ada@example.org")["ada@example.org"]
    assert "already invited" in invite("test-q", "ada@example.org")["ada@example.org"]
    renewed = runner.invoke(cli, ["survey", "invite", "test-q", "ada@example.org", "--renew"]).output
    assert first.split("/i/")[1] not in renewed


@pytest.mark.parametrize("args, message", [
    (["nope", "a@example.org"], "No questionnaire"),
    (["test-q", "not-an-email"], "not an e-mail address"),
    (["test-q"], "Give e-mail addresses"),
])
def test_invite_errors_are_clear(runner, make_questionnaire, args, message):
    make_questionnaire(SECTIONS)
    result = runner.invoke(cli, ["survey", "invite", *args])
    assert result.exit_code != 0 and message in result.output
    assert db.session.scalars(select(Invitation)).all() == []


def test_unknown_invitation_link_is_a_404(client, make_questionnaire):
    make_questionnaire(SECTIONS)
    assert client.get("/s/test-q/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404
