"""What every blueprint's addresses share: the ``id`` converter for row ids in URLs."""

from werkzeug.routing import IntegerConverter

#: The largest id a table holds (32-bit integer keys).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """A row id in a URL, ``<id:run_id>``: from 1 to MAX_ID, so that a larger number is a 404
    rather than an out-of-range error in the database."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


def init_app(app):
    """Register the ``id`` converter (before the blueprints add their rules)."""
    app.url_map.converters["id"] = IdConverter


def row_id(text):
    """Return the row id written in ``text`` (a form value), or None if it is not one."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
