"""Invitations: a personal link that always leads back to the invitee's own response, and
for anonymous questionnaires nothing in the database that says which response is theirs."""

import re

import pytest
from sqlalchemy import inspect, select, text

from helpers import Participant
from survey.cli import cli
from survey.extensions import db
from survey.invitations import tokens
from survey.models import Invitation, Response

SECTIONS = [{"code": "one", "title": {"en": "One"}, "questions": [
    {"code": "story", "type": "long_text", "text": {"en": "Story"}}]},
    {"code": "two", "title": {"en": "Two"}, "questions": [
        {"code": "more", "type": "short_text", "text": {"en": "More"}}]}]


@pytest.fixture
def invite(runner):
    def make(slug, *emails, renew=False):
        args = ["survey", "invite", slug, *emails, "--base-url", "http://engage.test"]
        result = runner.invoke(cli, args + (["--renew"] if renew else []))
        assert result.exit_code == 0, result.output
        return dict(line.split("\t") for line in result.output.splitlines())
    return make


def follow(client, link):
    """Follow an invitation link; return the participant and where it led."""
    path = link.removeprefix("http://engage.test")
    landed = client.get(path)
    assert landed.status_code == 302
    return Participant(client, path.split("/")[2]), landed.headers["Location"]


def answer_through(client, link, finish=True):
    p, _where = follow(client, link)
    p.start()
    p.post("one", {"story": "my answer"})
    if finish:
        p.post("two", {"more": "and more"})
        assert p.submit().headers["Location"].endswith("/thanks")
    return p


def progress(questionnaire):
    invitations = db.session.scalars(select(Invitation).order_by(Invitation.email)).all()
    found = tokens.progress_of(questionnaire, invitations)
    return {i.email: found[i.id] for i in invitations}


@pytest.mark.parametrize("anonymous", [True, False])
def test_an_invitees_completion_is_known_and_only_linked_when_not_anonymous(
        client, make_questionnaire, invite, anonymous):
    questionnaire = make_questionnaire(SECTIONS)
    questionnaire.anonymous = anonymous
    db.session.commit()
    links = invite("test-q", "Ada@Example.org", "bob@example.org")
    assert set(links) == {"ada@example.org", "bob@example.org"}
    answer_through(client, links["ada@example.org"])
    db.session.expire_all()
    assert progress(questionnaire) == {"ada@example.org": "completed", "bob@example.org": None}
    ada = db.session.scalars(select(Invitation).filter_by(email="ada@example.org")).one()
    response = db.session.scalars(select(Response)).one()
    assert response.invitation_id == (None if anonymous else ada.id)


def test_the_invitation_link_opens_the_invitees_response_again(app, client, make_questionnaire,
                                                               invite):
    make_questionnaire(SECTIONS)
    link = invite("test-q", "ada@example.org")["ada@example.org"]
    first = answer_through(client, link, finish=False)
    # Another browser, days later: the same link leads to the same response, not a new one.
    other = app.test_client()
    p, where = follow(other, link)
    assert f"/r/{first.token}/" in where
    page = other.get(where, follow_redirects=True).get_data(as_text=True)
    assert "Two" in page  # resumes where Ada stopped
    # Pressing Start through the link (a stale welcome page) also finds it.
    p.start()
    assert p.token == first.token
    assert db.session.query(Response).count() == 1
    # Once completed, the link shows the thanks page.
    p.post("two", {"more": "done"})
    p.submit()
    assert app.test_client().get(link.removeprefix("http://engage.test"),
                                 follow_redirects=True).request.path.endswith("/thanks")


def test_anonymous_completion_leaves_nothing_in_the_invitation_tables(client, make_questionnaire,
                                                                      invite):
    """Read the tables as someone with a copy of the database would: no time, no order,
    no key joins an invitation to the anonymous response its holder gave."""
    make_questionnaire(SECTIONS)
    links = invite("test-q", "ada@example.org", "bob@example.org")
    columns = {c["name"]: str(c["type"]) for c in inspect(db.engine).get_columns("invitations")}
    assert not {name for name, kind in columns.items()
                if "DATE" in kind.upper() or "TIME" in kind.upper()} - {"created_on"}
    before = db.session.execute(text("SELECT * FROM invitations ORDER BY id")).all()
    answer_through(client, links["ada@example.org"])
    db.session.expire_all()
    # Completing wrote nothing to the invitations: not a flag, not a time.
    assert db.session.execute(text("SELECT * FROM invitations ORDER BY id")).all() == before
    response = db.session.execute(text("SELECT * FROM responses")).mappings().one()
    assert response["invitation_id"] is None
    # No key, digest or address of an invitation appears in the response.
    secrets = {v for row in before for v in row
               if isinstance(v, str) and len(v) >= 16 and not re.match(r"\d{4}-\d\d-\d\d", v)}
    assert not secrets & {v for v in response.values() if isinstance(v, str)}
    if db.engine.dialect.name == "postgresql":
        # Not even PostgreSQL's transaction ids: the invitation rows were not touched.
        xmins = set(db.session.scalars(text("SELECT xmin::text FROM invitations")))
        assert db.session.scalar(text("SELECT xmin::text FROM responses")) not in xmins


def test_inviting_again_gives_the_same_link_unless_renewed(invite, make_questionnaire, client):
    make_questionnaire(SECTIONS)
    first = invite("test-q", "ada@example.org")["ada@example.org"]
    assert invite("test-q", "ada@example.org")["ada@example.org"] == first
    answer_through(client, first, finish=False)
    renewed = invite("test-q", "ada@example.org", renew=True)["ada@example.org"]
    assert renewed != first
    assert client.get(first.removeprefix("http://engage.test")).status_code == 404
    # The new link leads to the response started with the old one.
    _p, where = follow(client, renewed)
    assert "/r/" in where


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
