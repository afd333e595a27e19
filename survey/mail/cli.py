"""``engage mail invite|remind|thank|letter SLUG [--dry-run]``: plan a batch, then send it:
at once with a progress bar, or through ``engage worker`` when Redis is configured."""

import sys

import click
from flask.cli import with_appcontext

from survey import jobs
from survey.commands import questionnaire_named
from survey.extensions import db
from survey.mail.plan import PlanError, make_plan, queue

REASONS = {"unsubscribed": "unsubscribed", "undeliverable": "address refused by the mail server",
           "no_consent": "no consent to be contacted", "not_invited": "invitation not sent",
           "completed": "already completed", "not_completed": "not completed",
           "already_sent": "already sent (or tried)"}


def describe(plan):
    """Return the lines saying who gets what, and who does not and why."""
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(plan.by_language.items()))
    lines = [f"{len(plan.recipients)} {plan.template} messages to send"
             + (f" ({languages})" if languages else "") + "."]
    for reason, count in sorted(plan.skipped.items()):
        lines.append(f"  not sent to {count}: {REASONS[reason]}")
    return lines


def run_batch(slug, kind, dry_run, template=None, tag=None, round=1):
    """Plan the batch, print it, and send it unless ``dry_run``."""
    questionnaire = questionnaire_named(slug)
    try:
        plan = make_plan(questionnaire, kind, template=template, tag=tag, round=round)
    except PlanError as error:
        raise click.ClickException(str(error)) from None
    for line in describe(plan):
        click.echo(line)
    if dry_run or not plan.recipients:
        db.session.rollback()
        return
    job = jobs.create("mail", plan.arguments(), questionnaire=questionnaire, max_attempts=3)
    queue(plan, job)
    if jobs.uses_redis():
        jobs.start(job, background=True)
        click.echo(f"Queued as job #{job.id}: an `engage worker` sends it.")
        return
    db.session.commit()
    total = len(plan.recipients)
    with click.progressbar(length=total, label="Sending", file=sys.stderr) as bar:
        seen = {"done": 0}

        def observe(percent, _stage):
            done = percent * total // 100
            bar.update(done - seen["done"])
            seen["done"] = done

        status = jobs.perform(job.id, observer=observe)
    from survey.mail.sending import counts

    result = counts(job.id)
    click.echo(", ".join(f"{n} {s}" for s, n in sorted(result.items())) + ".")
    if status == "failed":
        db.session.expire_all()
        raise click.ClickException(f"the batch stopped: {db.session.get(type(job), job.id).error}; "
                                   "run the same command again to send the rest")


@click.group("mail")
def mail_group():
    """Send invitations, reminders, thanks and letters by e-mail (SMTP: ENGAGE_SMTP_*)."""


dry_run = click.option("--dry-run", is_flag=True, help="Say who would get what; send nothing.")
tag_option = click.option("--tag", default=None, help="Only contacts with this tag.")


@mail_group.command("invite")
@click.argument("slug")
@tag_option
@dry_run
@with_appcontext
def invite_command(slug, tag, dry_run):
    """E-mail a personal invitation to SLUG to every consenting contact (with TAG)."""
    run_batch(slug, "invitation", dry_run, tag=tag)


@mail_group.command("remind")
@click.argument("slug")
@click.option("--round", "round_", default=1, show_default=True, type=click.IntRange(1, 99),
              help="Which reminder this is: each round reaches a person once.")
@dry_run
@with_appcontext
def remind_command(slug, round_, dry_run):
    """Remind the invitees of SLUG who have not completed it."""
    run_batch(slug, "reminder", dry_run, round=round_)


@mail_group.command("thank")
@click.argument("slug")
@dry_run
@with_appcontext
def thank_command(slug, dry_run):
    """Thank the invitees of SLUG who completed it."""
    run_batch(slug, "thank_you", dry_run)


@mail_group.command("letter")
@click.argument("slug")
@click.option("--template", "template", required=True, help="The letter template to send.")
@tag_option
@dry_run
@with_appcontext
def letter_command(slug, template, tag, dry_run):
    """Send a letter about SLUG (its published report, the next workshop) to its invitees,
    or to the contacts with TAG."""
    run_batch(slug, "letter", dry_run, template=template, tag=tag)
