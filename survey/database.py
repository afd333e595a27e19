"""Database connection settings: SQLite in WAL mode with writers that queue, or PostgreSQL."""

import contextlib

from flask import g, has_app_context, has_request_context, request
from sqlalchemy import event

from survey.extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def engine_options(app):
    """Return SQLAlchemy engine options for the configured database URL."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000}}
    return {"pool_pre_ping": True}


def _writes():
    """Return whether the current transaction serves a request, or a background task, that may write.

    Commands (``engage ...``) run alone and keep SQLite's default deferred start, so
    that reading in a shell or a test never holds the write lock.
    """
    if has_request_context():
        return request.method not in READ_ONLY_METHODS
    return has_app_context() and g.get("database_writer", False)


@contextlib.contextmanager
def writing():
    """Within this block, outside requests (a background thread, a command that writes while
    the server runs), transactions take the SQLite write lock at BEGIN and wait their turn,
    like writing requests.

    Without it, a transaction that has read and then writes while a request holds the
    write lock fails at once with "database is locked": SQLite does not wait when
    upgrading a read transaction could deadlock.
    """
    before = g.get("database_writer", False)
    g.database_writer = True
    try:
        yield
    finally:
        g.database_writer = before


def _configure_sqlite(engine, busy_timeout_ms):
    """Open every SQLite connection in WAL mode and start writers with BEGIN IMMEDIATE.

    pysqlite starts transactions lazily with a plain BEGIN; two requests that both read
    then write would then fail at once with "database is locked" instead of waiting.
    Taking the write lock at BEGIN makes writing requests wait their turn (up to the
    busy timeout), while GET requests keep reading concurrently from the WAL snapshot.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writes() else "BEGIN")


def init_app(app):
    """Attach the per-dialect connection settings to the app's engine."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
