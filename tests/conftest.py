"""Shared fixtures: an app on a migrated database (SQLite, or PostgreSQL when
``ENGAGE_TEST_DATABASE_URL`` is set), emptied after every test, plus factories."""

import gc
import os

import pytest
from sqlalchemy import create_engine, text

os.environ["ENGAGE_ENV"] = "testing"

from survey.extensions import db  # noqa: E402
from survey.questionnaires import builtin_files, read_file, store  # noqa: E402
from helpers import Participant, make_app, questionnaire_content  # noqa: E402

POSTGRES_URL = os.environ.get("ENGAGE_TEST_DATABASE_URL")
pytest_plugins = ["mail_fixtures"]


def _reset_postgres(url):
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def pytest_sessionfinish(session, exitstatus):
    # Collect now, so that a database connection a test forgot to close fails every run
    # (as an unraisable ResourceWarning) instead of only when the collector happens to run.
    gc.collect()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Return the URL of the test database, emptied of any earlier schema."""
    if POSTGRES_URL:
        _reset_postgres(POSTGRES_URL)
        return POSTGRES_URL
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "engage.sqlite3")


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("instance")
    os.environ["ENGAGE_INSTANCE_PATH"] = str(path)
    return path


@pytest.fixture(scope="session")
def migrated(database_url, instance_path):
    """Run the migrations once: the tests use the schema the migrations build."""
    from flask_migrate import upgrade

    app = make_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database_url


@pytest.fixture
def app(migrated):
    """Return the app; every row written during the test is deleted after it."""
    app = make_app(migrated)
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_PARSED = {}


def builtin(name):
    """Return the checked content of a built-in questionnaire file (parsed once)."""
    if name not in _PARSED:
        path = next(p for p in builtin_files() if p.stem == name)
        _PARSED[name] = read_file(path)
    return _PARSED[name]


@pytest.fixture
def workshop_questionnaire(app):
    """Return the built-in industry questionnaire, loaded and open."""
    questionnaire = store(builtin("iew_industry"))
    questionnaire.status = "open"
    db.session.commit()
    return questionnaire


@pytest.fixture
def make_questionnaire(app):
    """Return a factory storing a questionnaire built from a list of sections."""
    from survey.questionnaires.schema import check_file

    def factory(sections, **kwargs):
        questionnaire = store(check_file(questionnaire_content(sections, **kwargs)))
        db.session.commit()
        return questionnaire

    return factory


@pytest.fixture
def participant(client):
    """Return a factory of participants for a questionnaire slug."""
    return lambda slug: Participant(client, slug)


@pytest.fixture
def live_server(app):
    """Serve the app on a free loopback port from a thread; yield its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app):
    """Return a factory of committee accounts (password: ``PASSWORD``)."""
    from survey.auth.passwords import hash_password
    from survey.models import QuestionnaireAccess, User

    hashed = hash_password(PASSWORD)  # scrypt is slow on purpose: hash once per test

    def factory(role="reviewer", email=None, questionnaires=None):
        user = User(email=email or f"{role}-{len(created)}@example.org", role=role,
                    name=f"{role.title()} {len(created)}", password_hash=hashed,
                    all_questionnaires=questionnaires is None)
        db.session.add(user)
        db.session.flush()
        for questionnaire in questionnaires or ():
            db.session.add(QuestionnaireAccess(user_id=user.id, questionnaire_id=questionnaire.id))
        db.session.commit()
        created.append(user)
        return user

    created = []
    return factory


@pytest.fixture
def login(client):
    """Return a function logging ``client`` in as a user (or another test client as given)."""
    from helpers import log_in

    return lambda user, test_client=None: log_in(test_client or client, user.email, PASSWORD)
