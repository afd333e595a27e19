"""Settings of what Engage talks to besides its database: the mail server, Redis, and the
public address that links in messages point to (never a request's Host header)."""

import os

from survey.config import ConfigError


def _text(name, default=None):
    value = os.environ.get(name)
    return value.strip() if value and value.strip() else default


def _number(name, default, kind=int):
    value = _text(name)
    if value is None:
        return default
    try:
        number = kind(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {value!r}") from None
    if number < 0:
        raise ConfigError(f"{name} may not be negative")
    return number


def _flag(name, default=False):
    value = _text(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


def from_environment():
    """Return the mail, queue and address settings read from ``ENGAGE_*`` variables."""
    starttls = _flag("ENGAGE_SMTP_STARTTLS")
    return {
        "BASE_URL": (_text("ENGAGE_BASE_URL", "http://127.0.0.1:5000")).rstrip("/"),
        "SMTP_HOST": _text("ENGAGE_SMTP_HOST", "localhost"),
        "SMTP_PORT": _number("ENGAGE_SMTP_PORT", 587 if starttls else 25),
        "SMTP_USER": _text("ENGAGE_SMTP_USER"),
        "SMTP_PASSWORD": os.environ.get("ENGAGE_SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": starttls,
        "SMTP_TIMEOUT": _number("ENGAGE_SMTP_TIMEOUT", 30.0, float),
        # Temporary refusals (4xx, a dropped connection) are tried again this many times,
        # waiting SMTP_RETRY_DELAY seconds, then twice as long, and so on.
        "SMTP_RETRIES": _number("ENGAGE_SMTP_RETRIES", 3),
        "SMTP_RETRY_DELAY": _number("ENGAGE_SMTP_RETRY_DELAY", 5.0, float),
        "MAIL_FROM": _text("ENGAGE_MAIL_FROM"),
        "MAIL_PER_MINUTE": _number("ENGAGE_MAIL_PER_MINUTE", 60.0, float),
        "REDIS_URL": _text("ENGAGE_REDIS_URL"),
        # The RQ queue's name: Engages sharing one Redis database need different ones.
        "JOB_QUEUE": _text("ENGAGE_JOB_QUEUE", "engage"),
        # A worker beats a running job's heart this often; a job silent for JOB_STALE_SECONDS
        # lost its worker and is queued again (or failed after its last attempt).
        "JOB_HEARTBEAT_SECONDS": _number("ENGAGE_JOB_HEARTBEAT_SECONDS", 10.0, float),
        "JOB_STALE_SECONDS": _number("ENGAGE_JOB_STALE_SECONDS", 60.0, float),
    }


def public_url(app_config, path):
    """Return the address of ``path`` on the public site (``ENGAGE_BASE_URL``)."""
    return app_config["BASE_URL"] + path
