"""Security headers sent with every page."""

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def has_control_characters(text):
    """Return whether ``text`` holds a NUL or another C0 control character."""
    return any(ord(c) < 32 or c == "\x7f" for c in text)


def init_app(app):
    """Refuse addresses with control characters; add the security headers to every response."""

    @app.before_request
    def refuse_control_characters():
        # No URL of Engage has one; a NUL would even fail a PostgreSQL lookup.
        from flask import request
        from flask_babel import gettext as _

        from survey.errors import abort_with

        if has_control_characters(request.path) or any(
                has_control_characters(key) or has_control_characters(value)
                for key, value in request.args.items(multi=True)):
            abort_with(400, _("This address contains characters that are not allowed."))

    @app.after_request
    def add_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # Resume links carry a secret token: never leak the address to another site.
        headers.setdefault("Referrer-Policy", "no-referrer")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
