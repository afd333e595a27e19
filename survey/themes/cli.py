"""``engage analyze``: run the theme analysis from the command line and print the themes."""

import click
from flask.cli import with_appcontext

from survey.commands import questionnaire_named
from survey.database import writing
from survey.themes import findings, runs


def _quote(finding):
    """Return one quote of ``finding``: a consenting participant's if there is one."""
    consented = [q for q in finding.quotes if q.consented]
    quote = (consented or finding.quotes or [None])[0]
    if quote is None:
        return None
    text = " ".join(quote.text.split())
    return (text if len(text) <= 160 else text[:159] + "…"), quote.consented


def print_run(run):
    """Print the themes of a finished ``run``: name, size, share, terms and a quote each."""
    click.echo(f"Run #{run.id}: {run.answer_count} answers"
               + (f", corrections carried over from run #{run.previous_run_id}"
                  if run.previous_run_id else ""))
    for finding in findings.theme_findings(run, n_quotes=10):
        if not finding.size:
            continue
        click.echo("")
        click.echo(f"{finding.theme.label}  ({finding.size} answers, {finding.share:.0%})")
        if finding.theme.terms:
            click.echo(f"  terms: {', '.join(finding.theme.terms[:8])}")
        quote = _quote(finding)
        if quote:
            text, consented = quote
            click.echo(f"  quote: \"{text}\"" + ("" if consented else "  [no consent to quote]"))


@click.command("analyze")
@click.argument("slug")
@click.option("--question", "question_code", default=None, metavar="CODE",
              help="Analyse the answers to this free-text question only (default: all of them).")
@click.option("--include-demo/--exclude-demo", default=None,
              help="Analyse demo responses too (default: only when there is nothing but demo data).")
@click.option("--embedding", type=click.Choice(runs.EMBEDDINGS), default="use", show_default=True,
              help="use: multilingual sentence model; tfidf: shared words, faster.")
@with_appcontext
def analyze_command(slug, question_code, include_demo, embedding):
    """Group the free-text answers of questionnaire SLUG into themes, store the run and print it.

    The committee's corrections of the previous run of the same answers are carried over.
    """
    questionnaire = questionnaire_named(slug)
    codes = [q.code for q in runs.text_questions(questionnaire)]
    if question_code is not None and question_code not in codes:
        raise click.ClickException(
            f"{question_code!r} is not a free-text question of {slug} "
            f"(free-text questions: {', '.join(codes) or 'none'})")
    if include_demo is None:
        include_demo = runs.has_demo_only(questionnaire)
    try:
        with writing():  # the web server may be writing at the same time
            run = runs.launch(questionnaire, question_code=question_code,
                              include_demo=include_demo, embedding=embedding, background=False)
    except runs.RunError as error:
        raise click.ClickException(str(error)) from None
    if run.status != "done":
        raise click.ClickException(f"Run #{run.id} failed: {run.error}")
    print_run(run)
