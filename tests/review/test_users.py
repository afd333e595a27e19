"""Administrators manage accounts on the web: create, change role, deactivate, limit; all audited."""

import pytest
from sqlalchemy import select

from conftest import PASSWORD
from helpers import log_in
from review.review_data import post_form
from survey.extensions import db
from survey.models import AuditEntry, User

USERS = "/review/users/"
NEW_PASSWORD = "a long enough secret"


def create(client, **fields):
    data = {"email": "new@example.org", "name": "New Member", "role": "reviewer",
            "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    data.update(fields)
    return post_form(client, "/review/", USERS, data)


def change(client, user, **fields):
    data = {f"u{user.id}-{name}": value for name, value in fields.items()}
    return post_form(client, "/review/", f"{USERS}{user.id}", data)


@pytest.fixture
def admin(client, make_user, login):
    user = make_user("admin")
    login(user)
    return user


def test_admins_see_every_account(client, admin, make_user):
    other = make_user("observer", email="watcher@example.org")
    html = client.get(USERS).get_data(as_text=True)
    assert admin.email in html and other.email in html and "never" in html


@pytest.mark.parametrize("role", ["observer", "reviewer"])
def test_others_may_not_manage_users(client, make_user, login, role):
    login(make_user(role))
    assert client.get(USERS).status_code == 403
    assert create(client).status_code == 403
    assert db.session.scalars(select(User).filter_by(email="new@example.org")).first() is None


def test_anonymous_users_are_sent_to_login(client):
    page = client.get(USERS)
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_an_admin_creates_an_account_that_can_log_in(client, admin, workshop_questionnaire):
    done = create(client, email="  New@Example.org ", questionnaires=str(workshop_questionnaire.id))
    assert done.status_code == 302
    user = db.session.scalars(select(User).filter_by(email="new@example.org")).one()
    assert user.role == "reviewer" and user.name == "New Member" and user.active
    assert not user.all_questionnaires and [q.slug for q in user.granted] == [workshop_questionnaire.slug]
    assert NEW_PASSWORD not in user.password_hash
    entry = db.session.scalars(select(AuditEntry).filter_by(action="create_user")).one()
    assert entry.actor == f"{admin.name} <{admin.email}>" and entry.detail["email"] == "new@example.org"
    assert entry.detail["questionnaires"] == [workshop_questionnaire.slug]
    assert NEW_PASSWORD not in str(entry.detail) and NEW_PASSWORD not in entry.summary
    fresh = client.application.test_client()
    assert log_in(fresh, "new@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("fields, message", [
    ({"email": "admin-0@example.org"}, "already has an account"),
    ({"email": "not an address"}, "not an e-mail address"),
    ({"password": "short", "confirm": "short"}, "at least 10 characters"),
    ({"confirm": "something else entirely"}, "differ"),
    ({"role": "superuser"}, "Not a valid choice"),
    ({"questionnaires": "999999"}, "valid choice"),
    ({"email": ""}, "required"),
])
def test_bad_accounts_are_refused_with_a_clear_message(client, admin, fields, message):
    refused = create(client, **fields)
    assert refused.status_code == 400
    assert message in refused.get_data(as_text=True)
    assert db.session.scalar(select(User).filter_by(email="new@example.org")) is None
    assert db.session.scalars(select(AuditEntry)).first() is None


def test_an_admin_changes_role_activity_and_questionnaires(client, admin, make_user, workshop_questionnaire):
    other = make_user("observer")
    done = change(client, other, role="reviewer", active="y", questionnaires=str(workshop_questionnaire.id))
    assert done.status_code == 302
    db.session.expire_all()
    assert other.role == "reviewer" and other.active and not other.all_questionnaires
    entry = db.session.scalars(select(AuditEntry).filter_by(action="change_user")).one()
    assert entry.detail["old"]["role"] == "observer" and entry.detail["new"]["role"] == "reviewer"
    assert entry.detail["new"]["questionnaires"] == [workshop_questionnaire.slug]
    # Leaving out "active" (an unticked box) stops the account from logging in.
    assert change(client, other, role="reviewer").status_code == 302
    db.session.expire_all()
    assert not other.active and other.all_questionnaires
    assert log_in(client.application.test_client(), other.email, PASSWORD).status_code == 401
    assert "Changed" in client.get(USERS).get_data(as_text=True)


@pytest.mark.parametrize("fields", [{"role": "reviewer", "active": "y"}, {"role": "admin"}])
def test_an_admin_cannot_demote_or_deactivate_themself(client, admin, fields):
    refused = change(client, admin, **fields)
    assert refused.status_code == 400 and "another administrator" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert admin.role == "admin" and admin.active
    assert db.session.scalars(select(AuditEntry)).first() is None


def test_changing_an_unknown_account_is_404_and_changes_need_csrf(client, admin, make_user):
    assert post_form(client, USERS, f"{USERS}999999", {}).status_code == 404
    assert post_form(client, USERS, f"{USERS}99999999999999999999", {}).status_code == 404
    other = make_user("observer")
    assert client.post(f"{USERS}{other.id}", data={f"u{other.id}-role": "admin"}).status_code == 400
    assert client.post(USERS, data={"email": "x@example.org"}).status_code == 400
    db.session.expire_all()
    assert other.role == "observer"


def test_an_address_taken_while_the_form_was_checked_is_refused(client, admin, monkeypatch):
    from survey.review.forms import CreateUserForm

    # As if another administrator created the account between the check and the insert.
    monkeypatch.setattr(CreateUserForm, "validate_email", lambda form, field: None)
    refused = create(client, email=admin.email)
    assert refused.status_code == 400 and "already has an account" in refused.get_data(as_text=True)
    assert db.session.scalars(select(AuditEntry)).first() is None
