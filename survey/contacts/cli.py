"""``engage contacts import|list|erase``: the contact list from the shell."""

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from survey.contacts.importer import ContactFileError, read_contacts
from survey.contacts.store import contacts, erase, erasure_counts, save_contacts
from survey.extensions import db
from survey.text import normal_email
from survey.models import Contact

#: The largest contact file read (bytes).
MAX_FILE = 20 * 1024 * 1024


@click.group("contacts")
def contacts_group():
    """Import, list and erase the people Engage writes to."""


@contacts_group.command("import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--tag", default=None, help="Tag every imported contact, e.g. the edition: iew-2025.")
@with_appcontext
def import_command(path, tag):
    """Import contacts from a CSV (UTF-8) or XLSX file; nothing is stored if a row is wrong.

    Columns: email (required), name, organisation, country, size (sme/large), language
    (ar en es fr ru zh), consent (yes/no), tags. Contacts already known are updated.
    """
    if Path(path).stat().st_size > MAX_FILE:
        raise click.ClickException(f"{path}: larger than {MAX_FILE // 2**20} MB")
    try:
        rows, problems = read_contacts(path, Path(path).read_bytes(), tag)
    except ContactFileError as error:
        raise click.ClickException(f"{path}: {error}; nothing was imported") from None
    if problems:
        for line, message in problems[:200]:
            click.echo(f"{path}, line {line}: {message}", err=True)
        more = f" (and {len(problems) - 200} more)" if len(problems) > 200 else ""
        raise click.ClickException(f"{len(problems)} problems{more}; nothing was imported")
    new, updated = save_contacts(rows, None, Path(path).name, tag)
    db.session.commit()
    click.echo(f"Imported {len(rows)} contacts from {path}: {new} new, {updated} updated.")


@contacts_group.command("list")
@click.option("--tag", default=None, help="Only contacts with this tag.")
@with_appcontext
def list_command(tag):
    """Print the contacts, one per line (tab-separated), with their status."""
    found = contacts(tag=tag)
    if not found:
        click.echo("No contacts" + (f" tagged {tag}" if tag else "") + ".")
        return
    click.echo("EMAIL\tNAME\tORGANISATION\tCOUNTRY\tSIZE\tLANGUAGE\tCONSENT\tSTATUS\tTAGS")
    for c in found:
        status = ("unsubscribed" if c.unsubscribed_on else "undeliverable" if c.undeliverable
                  else "ok")
        click.echo("\t".join([c.email, c.name or "", c.organisation or "", c.country or "",
                              c.size or "", c.language, "yes" if c.consent else "no", status,
                              ",".join(c.tag_names)]))


@contacts_group.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def erase_command(email, yes):
    """Erase the contact EMAIL on request: with the messages sent, invitations and responses."""
    contact = db.session.scalars(select(Contact).filter_by(email=normal_email(email))).one_or_none()
    if contact is None:
        raise click.ClickException(f"No contact {email!r}")
    counts = erasure_counts(contact)
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    if not yes:
        click.confirm(f"Erase {contact.email} with {summary}?", abort=True)
    erase(contact, None)
    db.session.commit()
    click.echo(f"Erased {email}: {summary}.")
