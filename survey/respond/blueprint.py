"""The participant blueprint and what its views share: finding the questionnaire and the
response of an address, choosing the page language, remembering a browser's response."""

import functools

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from survey.errors import abort_with
from survey.extensions import csrf
from survey.i18n import use_language
from survey import invitations
from survey.respond import flow

bp = Blueprint("respond", __name__, url_prefix="/s")
# Each participant form checks its own CSRF token so that an expired token can give the
# page back with the answers typed, instead of an error page that loses them.
csrf.exempt(bp)


def questionnaire_of(slug):
    """Return the questionnaire at ``slug``; a clear 404 page when there is none."""
    questionnaire = flow.find_questionnaire(slug)
    if questionnaire is None:
        abort_with(404, _("There is no questionnaire at this address. Check the link you were given."))
    return questionnaire


def response_of(questionnaire, token):
    """Return the response of ``questionnaire`` reached by resume ``token``; 404 when there is none."""
    response = flow.find_response(questionnaire, token)
    if response is None:
        abort_with(404, _("This personal link is not valid. Check that you copied all of it."))
    return response


def choose_language(questionnaire, *candidates):
    """Return the first candidate the questionnaire is offered in, and use it for the page."""
    chosen = next((c for c in candidates if c in questionnaire.languages), None)
    if chosen is None and not any(candidates):
        chosen = request.accept_languages.best_match(questionnaire.languages)
    use_language(chosen or questionnaire.default_language)
    return g.language


def closed(questionnaire, status=200):
    """Return the page saying the questionnaire is not open (draft or closed)."""
    return render_template("respond/closed.html", questionnaire=questionnaire), status


def remembered(slug):
    """Return the resume token of the response this browser started at ``slug``, if any."""
    return session.get("responses", {}).get(slug)


def remember(slug, token):
    """Remember in the session that this browser answers ``slug`` with resume ``token``."""
    session["responses"] = {**session.get("responses", {}), slug: token}


def arrived_invitation(questionnaire):
    """Return the invitation this browser arrived with, if any."""
    return invitations.find_invitation(questionnaire, session.get("invitations", {}).get(questionnaire.slug))


def in_progress(view):
    """Give ``view`` the questionnaire and response of the URL; a completed one shows its thanks."""

    @functools.wraps(view)
    def load(slug, token, **kwargs):
        questionnaire = questionnaire_of(slug)
        response = response_of(questionnaire, token)
        if response.status == "completed":
            return redirect(url_for(".thanks", slug=slug, token=token))
        return view(questionnaire, response, token, **kwargs)

    return load


@bp.after_request
def no_store(response):
    # Pages carry answers and a secret link: keep them out of shared caches and history.
    response.headers["Cache-Control"] = "no-store"
    return response
