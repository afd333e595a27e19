"""``engage export SLUG --format docx|csv|xlsx -o FILE``: the report or the data, from the shell."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from survey.commands import questionnaire_named
from survey.reports.table import export_table, response_count

#: Above this many responses, the export shows a progress bar (on stderr).
PROGRESS_FROM = 1000
SUFFIXES = {"docx": ".docx", "csv": ".zip", "xlsx": ".xlsx"}


def _check_writable(path):
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise click.ClickException(f"Cannot write {path}: the folder {folder} does not exist")
    if Path(path).is_dir():
        raise click.ClickException(f"Cannot write {path}: it is a folder")


@click.command("export")
@click.argument("slug")
@click.option("--format", "kind", type=click.Choice(["docx", "csv", "xlsx"]), default="docx",
              show_default=True, help="docx: the TSAG report; csv: a ZIP of CSV files; xlsx: a workbook.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help=f"File to write (suggested suffixes: {', '.join(f'{k} {v}' for k, v in SUFFIXES.items())}).")
@click.option("--codes", is_flag=True, help="Data: answer codes instead of labels.")
@click.option("--include-demo", is_flag=True, help="Include demo responses (never in a real report).")
@click.option("--compare", "compare_slug", help="Report: another questionnaire shown side by side.")
@click.option("--contact-name", default="", help="Report: contact person.")
@click.option("--contact-organisation", default="", help="Report: the contact's organisation.")
@click.option("--contact-email", default="", help="Report: the contact's e-mail address.")
@with_appcontext
def export_command(slug, kind, output, codes, include_demo, compare_slug, contact_name,
                   contact_organisation, contact_email):
    """Write the TSAG report (docx) or the responses (csv, xlsx) of questionnaire SLUG to a file."""
    questionnaire = questionnaire_named(slug)
    total = response_count(questionnaire, include_demo)
    if not total:
        demo = response_count(questionnaire, True)
        hint = f" ({demo} demo responses: add --include-demo to use them)" if demo else ""
        raise click.ClickException(f"{slug} has no responses yet{hint}; nothing to export")
    _check_writable(output)
    compare = questionnaire_named(compare_slug) if compare_slug else None
    try:
        with open(output, "wb") as out:
            _write(questionnaire, kind, out, total, codes=codes, include_demo=include_demo,
                   compare=compare, contact=(contact_name, contact_organisation, contact_email))
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror or error}") from None
    click.echo(f"Wrote {output} ({kind}, {total} responses).")


def _write(questionnaire, kind, out, total, codes, include_demo, compare, contact):
    if kind == "docx":
        from survey.reports.docx_report import ReportOptions, write_report

        name, organisation, email = contact
        write_report(questionnaire, out, ReportOptions(
            include_demo=include_demo, compare=compare, contact_name=name,
            contact_organisation=organisation, contact_email=email))
        return
    from survey.reports.exports import write_csv_zip, write_xlsx

    table = export_table(questionnaire, labels=not codes, include_demo=include_demo)
    writer = write_xlsx if kind == "xlsx" else write_csv_zip
    if len(table) <= PROGRESS_FROM:
        writer(table, out)
        return
    with click.progressbar(length=len(table), label="Exporting responses", file=sys.stderr) as bar:
        def progress(rows):
            for row in rows:
                bar.update(1)
                yield row
        writer(table, out, progress=progress)
