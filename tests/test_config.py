"""The app starts only with a real secret key in production, and tunes SQLite for concurrency."""

import pytest
from sqlalchemy import text

from survey import create_app
from survey.config import ConfigError
from survey.extensions import db


@pytest.fixture
def production(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.setenv("ENGAGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ENGAGE_SECRET_KEY", raising=False)
    return tmp_path


def test_production_refuses_to_start_without_a_secret_key(production):
    with pytest.raises(ConfigError, match="ENGAGE_SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("key", ["dev", "short", "changeme"])
def test_production_refuses_a_weak_secret_key(production, monkeypatch, key):
    monkeypatch.setenv("ENGAGE_SECRET_KEY", key)
    with pytest.raises(ConfigError, match="too weak"):
        create_app()


def test_production_uses_the_given_key_and_secure_cookies(production, monkeypatch):
    monkeypatch.setenv("ENGAGE_SECRET_KEY", "k" * 40)
    app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 40
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert str(production) in app.config["SQLALCHEMY_DATABASE_URI"]


def test_development_generates_a_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_ENV", "development")
    monkeypatch.setenv("ENGAGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ENGAGE_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert len(first) >= 32 and create_app().config["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_unknown_environment_and_bad_numbers_are_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ENGAGE_ENV", "staging")
    with pytest.raises(ConfigError, match="ENGAGE_ENV"):
        create_app()
    monkeypatch.setenv("ENGAGE_ENV", "development")
    monkeypatch.setenv("ENGAGE_CSRF_TIME_LIMIT", "soon")
    with pytest.raises(ConfigError, match="whole number"):
        create_app()


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ENGAGE_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:5432/engage")
    app = create_app({"SECRET_KEY": "x" * 32})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ENGAGE_DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x" * 32})
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
        db.session.remove()
        db.engine.dispose()


def test_behind_a_trusted_proxy_links_use_the_public_address(workshop_questionnaire, migrated):
    from helpers import Participant, make_app

    proxied = make_app(migrated, TRUSTED_PROXIES=1)
    behind = proxied.test_client()
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "engage.itu.example"}
    p = Participant(behind, "iew-2026-industry")
    behind.environ_base.update({"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()})
    first = p.start().get_data(as_text=True)
    assert "https://engage.itu.example/s/iew-2026-industry/r/" in first
    with proxied.app_context():
        db.engine.dispose()


