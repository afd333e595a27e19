"""The ``engage`` command: a Flask command group around ``create_app``."""

import os

import click
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from flask_migrate.cli import db as migrate_commands
from sqlalchemy import select

from survey import create_app
from survey.auth.cli import user_group
from survey.commands import questionnaire_named
from survey.config import ConfigError
from survey.extensions import db
from survey.models import Questionnaire
from survey.questionnaires import QuestionnaireFileError, builtin_files, load_file
from survey.review.home import response_counts
from survey.themes.cli import analyze_command
from survey.reports.cli import export_command
from survey.contacts.cli import contacts_group
from survey.jobs.worker import worker_command
from survey.mail.cli import mail_group


def make_app():
    """Return the app, turning a configuration mistake into a one-line CLI error."""
    try:
        return create_app()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


class EngageGroup(FlaskGroup):
    """The command group; ``themes`` is imported only when used (scikit-learn is slow to load)."""

    def list_commands(self, ctx):
        # Listing must not need the app: `engage --help` works before any configuration.
        return sorted({*self.commands, "themes"})

    def get_command(self, ctx, name):
        if name == "themes":
            from analysis.cli import themes

            return themes
        return super().get_command(ctx, name)


@click.group(cls=EngageGroup, create_app=make_app, set_debug_flag=False)
def cli():
    """Engage: questionnaires and feedback analysis for the ITU-T industry engagement workshops."""


cli.add_command(migrate_commands, "db")
cli.add_command(user_group)
cli.add_command(analyze_command)
cli.add_command(export_command)
cli.add_command(contacts_group)
cli.add_command(mail_group)
cli.add_command(worker_command)


def initialise():
    """Create or upgrade the database and load the built-in questionnaires; return them."""
    upgrade()
    loaded = [load_file(path) for path in builtin_files()]
    db.session.commit()
    return loaded


@cli.command("init")
def init_command():
    """Create or upgrade the database and load the built-in questionnaires (safe to re-run)."""
    try:
        loaded = initialise()
    except QuestionnaireFileError as error:
        raise click.ClickException(str(error)) from None
    for questionnaire in loaded:
        click.echo(f"Loaded {questionnaire.slug} ({questionnaire.status})")
    click.echo("The database is ready.")


@cli.group("survey")
def survey_group():
    """List, open, close and load questionnaires."""


@survey_group.command("list")
@with_appcontext
def list_command():
    """Print one line per questionnaire: slug, status, started and completed responses, title.

    The counts include demo responses; a note after the title says how many there are.
    """
    questionnaires = db.session.scalars(select(Questionnaire).order_by(Questionnaire.slug)).all()
    if not questionnaires:
        click.echo("No questionnaires yet: run `engage init`.")
        return
    counts = response_counts()
    width = max(len(q.slug) for q in questionnaires)
    click.echo(f"{'SLUG':<{width}}  STATUS  STARTED  COMPLETED  TITLE")
    for q in questionnaires:
        started, done, demo = counts.get(q.id, (0, 0, 0))
        title = q.title.get(q.default_language, "") + (f"  [{demo} demo responses]" if demo else "")
        click.echo(f"{q.slug:<{width}}  {q.status:<6}  {started:>7}  {done:>9}  {title}")


def _set_status(slug, status):
    questionnaire = questionnaire_named(slug)
    questionnaire.status = status
    db.session.commit()
    click.echo(f"{slug} is now {status}.")


@survey_group.command("open")
@click.argument("slug")
@with_appcontext
def open_command(slug):
    """Open questionnaire SLUG to participants."""
    _set_status(slug, "open")


@survey_group.command("close")
@click.argument("slug")
@with_appcontext
def close_command(slug):
    """Close questionnaire SLUG: it no longer takes answers."""
    _set_status(slug, "closed")


@survey_group.command("load")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def load_command(path):
    """Load or update a questionnaire from a YAML file (see survey/questionnaires/README.md)."""
    try:
        questionnaire = load_file(path)
    except QuestionnaireFileError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Loaded {questionnaire.slug} ({questionnaire.status})")


def _read_people(csv_path):
    """Return ``(email, name)`` pairs from a CSV file with an ``email`` and an optional ``name`` column."""
    import csv

    try:
        with open(csv_path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise click.ClickException(f"{csv_path}: cannot be read as a UTF-8 CSV file ({error})") from None
    if rows and "email" not in rows[0]:
        raise click.ClickException(f"{csv_path}: needs an 'email' column")
    return [(row["email"], row.get("name")) for row in rows]


@survey_group.command("invite")
@click.argument("slug")
@click.argument("emails", nargs=-1)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="CSV with email and name columns.")
@click.option("--renew", is_flag=True, help="Issue a new link to people already invited (the old one stops working).")
@click.option("--base-url", envvar="ENGAGE_BASE_URL", default="http://127.0.0.1:5000", show_default=True,
              help="Address participants reach Engage at (or ENGAGE_BASE_URL).")
@with_appcontext
def invite_command(slug, emails, csv_path, renew, base_url):
    """Make personal invitation links to SLUG and print them, one per line (e-mail, link).

    Asking again for someone already invited prints the same link.
    """
    from survey.invitations import InvitationError, invite

    questionnaire = questionnaire_named(slug)
    people = [(email, None) for email in emails] + (_read_people(csv_path) if csv_path else [])
    if not people:
        raise click.UsageError("Give e-mail addresses or --csv FILE")
    links = []
    for email, name in people:
        try:
            invitation, token = invite(questionnaire, email, name, renew=renew)
        except InvitationError as error:
            db.session.rollback()
            raise click.ClickException(f"{error}; no invitation was made") from None
        links.append((invitation.email, token))
    db.session.commit()
    for email, token in links:
        click.echo(f"{email}\t{base_url.rstrip('/')}/s/{slug}/i/{token}")


@cli.command("demo", with_appcontext=False)
@click.option("--no-serve", is_flag=True, help="Prepare the demo data, then stop.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
def demo_command(no_serve, port, host):
    """Prepare a demo (database, open questionnaire, demo responses) and serve it."""
    from survey.demo import DEMO_REVIEWER, DEMO_SLUG, add_demo_responses, add_demo_reviewer

    os.environ.setdefault("ENGAGE_ENV", "development")
    app = make_app()
    with app.app_context():
        try:
            initialise()
        except QuestionnaireFileError as error:
            raise click.ClickException(str(error)) from None
        questionnaire = db.session.scalars(select(Questionnaire).filter_by(slug=DEMO_SLUG)).one()
        questionnaire.status = "open"
        added = add_demo_responses(questionnaire)
        password = add_demo_reviewer()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # serving opens fresh connections in its own threads
    url = f"http://{host}:{port}/s/{DEMO_SLUG}/"
    click.echo(f"Demo ready: {added} demo responses added." if added else "Demo ready.")
    click.echo(f"Participant link: {url}")
    click.echo(f"Review area: http://{host}:{port}/login  e-mail {DEMO_REVIEWER}  password {password}")
    click.echo("  (a new password on every `engage demo`; `engage user create` adds real accounts)")
    if not no_serve:
        from werkzeug.serving import run_simple

        click.echo("Serving until you press Ctrl+C.")
        # Not app.run(): Flask ignores it inside a `flask`-style command.
        run_simple(host, port, app, threaded=True)


def main():
    """Run the ``engage`` command line."""
    cli.main(prog_name="engage")
