"""The review area's navigation bar: the same tabs on every page of a questionnaire."""

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l

from survey.auth import can

#: (label, endpoint, permission); a tab whose endpoint is not registered is left out.
TABS = [
    (_l("Overview"), "review.overview", "view"),
    (_l("Responses"), "review.responses", "view"),
    (_l("Themes"), "themes.index", "view"),
    (_l("Catalogue"), "themes.catalogue", "view"),
    (_l("Reports and data"), "reports.index", "export"),
]


def tabs(questionnaire):
    """Return ``(label, url, current)`` for each tab the user may open for ``questionnaire``."""
    endpoints = current_app.view_functions
    current = request.endpoint or ""
    found = []
    for label, endpoint, permission in TABS:
        if endpoint in endpoints and can(permission):
            prefix = endpoint.rsplit(".", 1)[0] + "." if endpoint.startswith(("themes.", "reports.")) else endpoint
            is_current = current == endpoint or (
                endpoint != "themes.catalogue" and current.startswith(prefix) and current != "themes.catalogue")
            found.append((label, url_for(endpoint, slug=questionnaire.slug), is_current))
    return found


def init_app(app):
    """Make ``review_tabs``, ``can`` and ``has_endpoint`` available to templates."""
    app.jinja_env.globals["review_tabs"] = tabs
    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["has_endpoint"] = lambda name: name in current_app.view_functions
