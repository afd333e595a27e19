"""Strict reading of posted forms: bad encodings and unexpected fields are refused."""

from urllib.parse import parse_qsl

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from wtforms import SelectMultipleField

from survey.errors import abort_with

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FIELDS = 1000
#: Fields every participant form may carry besides its questions.
COMMON_FIELDS = frozenset({"csrf_token", "action", "lang"})


def posted_form():
    """Return the posted form fields, refusing anything that is not clean UTF-8."""
    if request.mimetype != FORM_TYPE:
        abort_with(415, _("This page accepts only ordinary form submissions."))
    raw = request.get_data(cache=True)
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        abort_with(400, _("The answers sent were not valid text (UTF-8). "
                          "Nothing was saved; go back and send them again."))
    except ValueError:
        abort_with(400, _("The form sent had too many fields. Nothing was saved."))
    return MultiDict(pairs)


def check_fields(formdata, form):
    """Refuse fields the page does not have, and repeated single-value fields."""
    known = {field.name: isinstance(field, SelectMultipleField) for field in form}
    for name in formdata:
        if name not in known and name not in COMMON_FIELDS:
            abort_with(400, _("The form sent a field this page does not have (%(name)s). "
                              "Nothing was saved; reload the page and try again.", name=name[:60]))
        if len(formdata.getlist(name)) > 1 and not known.get(name):
            abort_with(400, _("The form sent the field %(name)s more than once. Nothing was saved.",
                              name=name[:60]))
