"""Configuration of the app from ``ENGAGE_*`` environment variables."""

import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("production", "development", "testing")
WEAK_KEYS = {"dev", "development", "secret", "changeme", "change-me", "test", "key"}


class ConfigError(RuntimeError):
    """The environment does not describe a configuration the app can start with."""


def _flag(name, default=False):
    """Return the boolean value of environment variable ``name``."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(name, default):
    """Return the integer value of environment variable ``name``."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None


def from_environment(instance_path):
    """Return the settings read from ``ENGAGE_*`` variables, with defaults."""
    env = os.environ.get("ENGAGE_ENV", "production").strip().lower()
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ENGAGE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    default_db = "sqlite:///" + str(Path(instance_path) / "engage.sqlite3")
    return {
        "ENGAGE_ENV": env,
        "SECRET_KEY": os.environ.get("ENGAGE_SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": os.environ.get("ENGAGE_DATABASE_URL") or default_db,
        # A participant may spend a long time on one page: tokens last a working day.
        "WTF_CSRF_TIME_LIMIT": _int("ENGAGE_CSRF_TIME_LIMIT", 8 * 3600),
        "SESSION_COOKIE_SECURE": _flag("ENGAGE_SECURE_COOKIES", env == "production"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": _int("ENGAGE_MAX_CONTENT_LENGTH", 2 * 1024 * 1024),
        "MAX_FORM_MEMORY_SIZE": _int("ENGAGE_MAX_CONTENT_LENGTH", 2 * 1024 * 1024),
        "SQLITE_BUSY_TIMEOUT_MS": _int("ENGAGE_SQLITE_BUSY_TIMEOUT_MS", 30_000),
        "BABEL_DEFAULT_LOCALE": "en",
        "PREFERRED_URL_SCHEME": os.environ.get("ENGAGE_URL_SCHEME", "http"),
        # Reverse proxies in front of Engage whose X-Forwarded-* headers are believed.
        "TRUSTED_PROXIES": _int("ENGAGE_TRUSTED_PROXIES", 0),
    }


def secret_key(config, instance_path):
    """Return the secret key to use, generating one only outside production.

    A key given in ``ENGAGE_SECRET_KEY`` wins. Otherwise a key kept in the instance
    folder (written by an earlier development run or by ``engage demo``) is used.
    Production never invents a key: sessions would not survive a restart or be shared
    between workers.
    """
    key = config.get("SECRET_KEY")
    path = Path(instance_path) / "secret_key"
    if not key and path.exists():
        key = path.read_text(encoding="utf-8").strip()
    if key:
        if len(key) < 16 or key.lower() in WEAK_KEYS:
            raise ConfigError("The secret key is too weak: use at least 16 random characters "
                              "(for example: python -c 'import secrets; print(secrets.token_hex())')")
        return key
    if config["ENGAGE_ENV"] == "production":
        raise ConfigError(
            "No secret key: set ENGAGE_SECRET_KEY to a long random value "
            "(python -c 'import secrets; print(secrets.token_hex())'), "
            "or set ENGAGE_ENV=development to try Engage locally.")
    key = secrets.token_hex(32)
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
