"""``engage user``: create and list the accounts of the review area."""

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from survey.auth.access import grant
from survey.commands import questionnaire_named
from survey.auth.passwords import hash_password, password_problem
from survey.extensions import db
from survey.models import ROLES, User
from survey.text import is_email, normal_email


@click.group("user")
def user_group():
    """Create, list and change the accounts of the review area."""


def read_password():
    """Return a new password: prompted twice on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    return password


def valid_email(email):
    """Return ``email`` in lower case, or stop with a clear error if it is not an address."""
    email = normal_email(email)
    if not is_email(email):
        raise click.BadParameter(f"{email!r} is not an e-mail address", param_hint="EMAIL")
    return email


def find_user(email):
    """Return the account of ``email``, or stop with a clear error."""
    user = db.session.scalars(select(User).filter_by(email=valid_email(email))).one_or_none()
    if user is None:
        raise click.ClickException(f"No user {email!r}: `engage user list` shows them")
    return user


@user_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option("--name", help="The name colleagues see.")
@click.option("--questionnaire", "slugs", multiple=True, metavar="SLUG",
              help="Limit the user to this questionnaire (repeat for more; default: all).")
@with_appcontext
def create_command(email, role, name, slugs):
    """Create an account; the password is asked for (or read from standard input)."""
    email = valid_email(email)
    if db.session.scalars(select(User).filter_by(email=email)).first():
        raise click.ClickException(f"{email} already has an account")
    questionnaires = [questionnaire_named(slug) for slug in slugs]
    user = User(email=email, role=role, name=name, password_hash=hash_password(read_password()))
    db.session.add(user)
    grant(user, [q.id for q in questionnaires])
    db.session.commit()
    click.echo(f"Created {role} {email}. Log in at /login.")


@user_group.command("list")
@with_appcontext
def list_command():
    """Print one line per account: e-mail, role, active, questionnaires, last login."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    if not users:
        click.echo("No users yet: `engage user create EMAIL --role admin`.")
        return
    width = max(len(u.email) for u in users)
    click.echo(f"{'EMAIL':<{width}}  ROLE      ACTIVE  QUESTIONNAIRES  LAST LOGIN")
    for u in users:
        scope = "all" if u.all_questionnaires else ",".join(q.slug for q in u.granted) or "none"
        last = u.last_login_on.strftime("%Y-%m-%d %H:%M") if u.last_login_on else "never"
        click.echo(f"{u.email:<{width}}  {u.role:<8}  {'yes' if u.active else 'no':<6}  {scope:<14}  {last}")


@user_group.command("password")
@click.argument("email")
@with_appcontext
def password_command(email):
    """Set a new password for EMAIL (this logs the user out everywhere)."""
    user = find_user(email)
    user.password_hash = hash_password(read_password())
    db.session.commit()
    click.echo(f"Password of {user.email} changed.")


@user_group.command("set")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES))
@click.option("--active/--inactive", default=None, help="Allow or stop logins.")
@click.option("--questionnaire", "slugs", multiple=True, metavar="SLUG",
              help="Limit the user to these questionnaires.")
@click.option("--all-questionnaires", is_flag=True, help="Let the user see every questionnaire.")
@with_appcontext
def set_command(email, role, active, slugs, all_questionnaires):
    """Change the role, the questionnaires or whether EMAIL may log in."""
    user = find_user(email)
    questionnaires = [questionnaire_named(slug) for slug in slugs]
    if role:
        user.role = role
    if active is not None:
        user.active = active
    if slugs or all_questionnaires:
        grant(user, [] if all_questionnaires else [q.id for q in questionnaires])
    db.session.commit()
    click.echo(f"{user.email}: {user.role}, {'active' if user.active else 'inactive'}.")
