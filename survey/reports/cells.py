"""Text made safe for a spreadsheet cell or a Word paragraph: the one place every export
passes participant text (and question text) through.

Choices, so that Excel, LibreOffice and Word open every file and run nothing:

* A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after
  spaces or line breaks, which some importers drop) would be read as a formula by a spreadsheet (the CVE-2019-16184 class of attack). It is neutralised
  by an apostrophe in front, as OWASP recommends: the apostrophe shows, the text is
  readable, and nothing is evaluated (even after a user edits the cell). Real numbers
  (numeric answers) are written as numbers, never as text, so ``-3`` stays a number.
* NUL and the other C0 and C1 control characters are removed (they make XML files
  invalid); line breaks and tabs inside the text are kept; ``\\r\\n`` becomes ``\\n``.
* Lone surrogates (which cannot be encoded in UTF-8) become U+FFFD, the replacement sign.
* The bidirectional embedding, override and isolate characters (U+202A-U+202E,
  U+2066-U+2069) are removed: they can make a text read differently from what it
  contains (a file name, a formula), and ordinary right-to-left text never needs them.
* A text longer than Excel's 32,767 characters per cell is cut, and says so.
"""

import re

from survey.text import CONTROL_CHARACTERS

#: Characters a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on the characters of one cell.
MAX_CELL = 32_767
TRUNCATED = " […truncated]"

_SURROGATES = re.compile("[\ud800-\udfff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def office_text(value, limit=MAX_CELL):
    """Return ``value`` as text any Office file can hold (see the module docstring).

    Used as is for Word paragraphs; :func:`cell_text` adds the formula guard.
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _BIDI.sub("", _SURROGATES.sub("\ufffd", CONTROL_CHARACTERS.sub("", text)))
    if len(text) > limit:
        text = text[:limit - len(TRUNCATED)] + TRUNCATED
    return text


def _looks_like_formula(text):
    # Some importers drop leading spaces and line breaks before reading a formula.
    return text.startswith(FORMULA_PREFIXES) or text.lstrip(" \n").startswith(FORMULA_PREFIXES)


def cell_text(value):
    """Return ``value`` as the text of a spreadsheet cell that can never run as a formula."""
    text = str(value) if value is not None else ""
    if _looks_like_formula(text):
        text = "'" + text
    text = office_text(text)
    if _looks_like_formula(text):  # cleaning may uncover a prefix (e.g. "\x00=1+1")
        text = office_text("'" + text)
    return text


def cell_value(value):
    """Return ``value`` for a cell: numbers stay numbers, everything else is safe text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return None
    return cell_text(value)


def file_name(text, default="export", limit=80):
    """Return ``text`` reduced to a safe ASCII file name (letters, digits, dot, dash, underscore)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", office_text(text, limit=10_000)).strip("._-")
    return name[:limit] or default
