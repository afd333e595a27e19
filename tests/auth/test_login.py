"""Logging in to the review area: errors that reveal nothing, throttling, safe redirects."""

import pytest

from conftest import PASSWORD
from helpers import csrf_token, log_in
from survey.auth import throttle


def test_login_opens_the_review_area_and_logout_closes_it(client, make_user):
    user = make_user("observer")
    assert client.get("/review/").status_code == 302
    response = log_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/review/"
    assert client.get("/review/").status_code == 200
    token = csrf_token(client.get("/review/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/review/").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(client, make_user):
    user = make_user()
    wrong = log_in(client, user.email, "not the password at all")
    unknown = log_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert "not right" in wrong.get_data(as_text=True)
    strip = lambda r: r.get_data(as_text=True).replace(user.email, "").replace("nobody@example.org", "")  # noqa: E731
    assert strip(wrong).split("csrf_token")[0] == strip(unknown).split("csrf_token")[0]


def test_logout_needs_a_post_with_a_csrf_token(client, make_user):
    log_in(client, make_user().email, PASSWORD)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/review/").status_code == 200


def test_inactive_account_cannot_log_in(app, client, make_user):
    from survey.extensions import db

    user = make_user()
    user.active = False
    db.session.commit()
    assert log_in(client, user.email, PASSWORD).status_code == 401


def test_too_many_failures_pause_logins_even_with_the_right_password(client, make_user):
    user = make_user()
    for _ in range(throttle.MAX_PER_EMAIL):
        assert log_in(client, user.email, "wrong password!").status_code == 401
    paused = log_in(client, user.email, PASSWORD)
    assert paused.status_code == 429 and "15 minutes" in paused.get_data(as_text=True)
    assert client.get("/review/").status_code == 302
    other = make_user("observer")
    assert log_in(client, other.email, PASSWORD).status_code == 302  # others are not locked out


def test_failures_from_one_address_pause_it_across_accounts(client, make_user, monkeypatch):
    monkeypatch.setattr(throttle, "MAX_PER_ADDRESS", 3)
    for n in range(3):
        log_in(client, f"guess{n}@example.org", "wrong password!")
    assert log_in(client, make_user().email, PASSWORD).status_code == 429


def test_success_forgets_earlier_failures(client, make_user):
    user = make_user()
    for _ in range(throttle.MAX_PER_EMAIL - 1):
        log_in(client, user.email, "wrong password!")
    assert log_in(client, user.email, PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/review/").get_data(as_text=True))})
    for _ in range(throttle.MAX_PER_EMAIL - 1):
        log_in(client, user.email, "wrong password!")
    assert log_in(client, user.email, PASSWORD).status_code == 302


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "javascript:alert(1)", "https://evil.example/",
    "http:evil.example", "/\r\nLocation: http://evil.example", "\\\\evil.example", "/\t/evil.example",
])
def test_next_never_leaves_the_site(client, make_user, target):
    response = log_in(client, make_user().email, PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/review/"


def test_next_inside_the_site_is_kept(client, make_user):
    assert client.get("/review/?x=1").headers["Location"].startswith("/login?next=")
    response = log_in(client, make_user().email, PASSWORD, next_url="/review/?x=1")
    assert response.headers["Location"] == "/review/?x=1"


def test_login_starts_a_new_session(client, make_user):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    log_in(client, make_user().email, PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session and "sid" in session


def test_changing_the_password_ends_existing_sessions(app, client, make_user):
    from survey.auth.passwords import hash_password
    from survey.extensions import db

    user = make_user()
    log_in(client, user.email, PASSWORD)
    user.password_hash = hash_password("a brand new password")
    db.session.commit()
    assert client.get("/review/").status_code == 302


@pytest.mark.parametrize("email,password", [
    ("a@b.c" * 100, PASSWORD), ("x@example.org", "p" * 5000), ("nul\x00@example.org", PASSWORD),
    ("<script>alert(1)</script>", PASSWORD), ("", ""),
])
def test_malformed_logins_get_a_clear_4xx(client, email, password):
    page = client.get("/login")
    response = client.post("/login", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                           "email": email, "password": password})
    assert 400 <= response.status_code < 500
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, make_user):
    response = client.post("/login", data={"email": make_user().email, "password": PASSWORD})
    assert response.status_code == 400
