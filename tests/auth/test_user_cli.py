"""`engage user`: accounts made from the command line, passwords never on it."""

import pytest
from sqlalchemy import select

from survey.auth.passwords import check_password
from survey.cli import cli
from survey.extensions import db
from survey.models import User


@pytest.fixture
def engage(runner):
    return lambda *args, input=None: runner.invoke(cli, list(args), input=input)


def test_create_reads_the_password_from_standard_input(engage):
    result = engage("user", "create", "Chair@Example.org", "--role", "reviewer", "--name", "Chair",
                    input="a long enough password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert user.email == "chair@example.org" and user.role == "reviewer" and user.all_questionnaires
    assert user.password_hash.startswith("scrypt:")
    assert check_password(user, "a long enough password")
    assert "a long enough password" not in result.output


def test_there_is_no_password_option(engage):
    result = engage("user", "create", "x@example.org", "--role", "admin", "--password", "secret")
    assert result.exit_code == 2 and "No such option" in result.output


@pytest.mark.parametrize("args,input,message", [
    (("not-an-address", "--role", "admin"), "a long enough password\n", "not an e-mail address"),
    (("x@example.org", "--role", "king"), "a long enough password\n", "Invalid value for '--role'"),
    (("x@example.org", "--role", "admin"), "short\n", "at least 10 characters"),
    (("x@example.org", "--role", "admin"), "\n", "at least 10 characters"),
    (("x@example.org", "--role", "admin", "--questionnaire", "nope"), "a long enough password\n",
     "No questionnaire 'nope'"),
])
def test_create_refuses_bad_input_clearly(engage, args, input, message):
    result = engage("user", "create", *args, input=input)
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output
    assert db.session.scalars(select(User)).first() is None


def test_create_refuses_a_second_account_for_the_same_address(engage):
    engage("user", "create", "x@example.org", "--role", "admin", input="a long enough password\n")
    again = engage("user", "create", "X@example.org", "--role", "observer", input="another password!\n")
    assert again.exit_code == 1 and "already has an account" in again.output


def test_list_shows_role_scope_and_last_login(engage, workshop_questionnaire):
    assert "No users yet" in engage("user", "list").output
    engage("user", "create", "obs@example.org", "--role", "observer",
           "--questionnaire", workshop_questionnaire.slug, input="a long enough password\n")
    listing = engage("user", "list").output
    assert "obs@example.org" in listing and "observer" in listing
    assert workshop_questionnaire.slug in listing and "never" in listing


def test_set_and_password_change_an_account(engage):
    engage("user", "create", "x@example.org", "--role", "observer", input="a long enough password\n")
    assert engage("user", "set", "x@example.org", "--role", "reviewer", "--inactive").exit_code == 0
    assert engage("user", "password", "x@example.org", input="the new password!\n").exit_code == 0
    user = db.session.scalars(select(User)).one()
    db.session.refresh(user)
    assert user.role == "reviewer" and not user.active and check_password(user, "the new password!")
    assert engage("user", "set", "nobody@example.org", "--active").exit_code == 1


def test_changing_an_account_named_with_control_characters_is_a_clear_error(engage):
    result = engage("user", "set", "nul\x00@example.org", "--active")
    assert result.exit_code == 2 and "not an e-mail address" in result.output
