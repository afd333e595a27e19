"""What the ``engage`` commands share: finding the questionnaire a command names."""

import click
from sqlalchemy import select

from survey.extensions import db
from survey.models import Questionnaire
from survey.respond.flow import find_questionnaire


def questionnaire_named(slug):
    """Return questionnaire ``slug``, or stop the command with an error listing the known ones."""
    questionnaire = find_questionnaire(slug)
    if questionnaire is None:
        slugs = db.session.scalars(select(Questionnaire.slug).order_by(Questionnaire.slug))
        known = ", ".join(slugs) or "none: run `engage init`"
        raise click.ClickException(f"No questionnaire {slug!r} (known: {known})")
    return questionnaire
