"""The review area's navigation bar: the same tabs on every page of a questionnaire."""

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l

from survey.auth import can
from survey.segments import segment_label

#: (label, endpoint, permission); a tab whose endpoint is not registered is left out.
TABS = [
    (_l("Overview"), "review.overview", "view"),
    (_l("Responses"), "review.responses", "view"),
    (_l("Themes"), "themes.index", "view"),
    (_l("Catalogue"), "themes.catalogue", "view"),
    (_l("Reports and data"), "reports.index", "export"),
    (_l("Invitations"), "invitations.index", "view"),
]


def tab_of(endpoint):
    """Return the endpoint of the tab a page belongs to (a response's page: Responses)."""
    if endpoint.startswith("themes.catalogue"):
        return "themes.catalogue"
    for prefix, tab in (("themes.", "themes.index"), ("reports.", "reports.index"),
                        ("invitations.", "invitations.index"),
                        ("review.response", "review.responses")):
        if endpoint.startswith(prefix):
            return tab
    return endpoint


def tabs(questionnaire):
    """Return ``(label, url, current)`` for each tab the user may open for ``questionnaire``."""
    endpoints = current_app.view_functions
    current = tab_of(request.endpoint or "")
    return [(label, url_for(endpoint, slug=questionnaire.slug), endpoint == current)
            for label, endpoint, permission in TABS
            if endpoint in endpoints and can(permission)]


def init_app(app):
    """Make ``review_tabs``, ``can``, ``has_endpoint`` and ``segment_label`` available to templates."""
    app.jinja_env.globals["review_tabs"] = tabs
    app.jinja_env.globals["segment_label"] = segment_label
    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["has_endpoint"] = lambda name: name in current_app.view_functions
