"""Error pages: every failure a user can cause gets a clear page and a 4xx status."""

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: lambda: _("The request could not be understood."),
    403: lambda: _("You may not do this."),
    404: lambda: _("There is nothing at this address. Check the link you were given."),
    405: lambda: _("This page cannot be used that way."),
    409: lambda: _("This changed in the meantime. Reload the page and try again."),
    413: lambda: _("What was sent is too large."),
    415: lambda: _("What was sent is not in a form this page accepts."),
    422: lambda: _("Some answers need your attention."),
    429: lambda: _("Too many attempts. Wait a moment and try again."),
}


def render_error(status, message=None):
    """Return an error page with ``status`` and a message a participant understands."""
    message = message or MESSAGES.get(status, lambda: _("Something went wrong."))()
    return render_template("errors/error.html", status=status, message=message), status


def init_app(app):
    """Register the handlers that turn exceptions into error pages."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, _("This form has expired. Go back, reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is None or error.code < 400:
            return error
        # Descriptions we raise ourselves are written for users; Werkzeug's defaults are not.
        message = getattr(error, "user_message", None)
        return render_error(error.code, message)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return render_error(500, _("Something went wrong on our side. Your saved answers are safe."))


def abort_with(status, message):
    """Stop the request with ``status`` and a ``message`` written for the user."""
    from werkzeug.exceptions import default_exceptions

    error = default_exceptions[status]()
    error.user_message = message
    raise error
