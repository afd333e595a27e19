"""The declarative base shared by every model, with a naming convention for constraints."""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON that stores Python ``None`` as SQL NULL, so NOT NULL constraints mean something.
Json = JSON(none_as_null=True)


class Base(DeclarativeBase):
    """Base class of the models: shared metadata and type mapping."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: The Flask-SQLAlchemy extension; its ``db.Model`` is :class:`Base`.
db = SQLAlchemy(model_class=Base)


def coarse_now():
    """Return the current UTC time truncated to the hour.

    Response timestamps are kept coarse so that the time of an answer cannot single
    out a participant (for instance one who filled the form during a session break).
    """
    return datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0, tzinfo=None)


def utc_now():
    """Return the current UTC time to the second, without time zone (as stored)."""
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


def sql_in(column, values):
    """Return the SQL text of a CHECK constraint limiting ``column`` to ``values``."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"
