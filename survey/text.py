"""Rules for text typed by people: control characters and e-mail addresses, each written once.

- Participants' answers are kept as typed, with control characters removed
  (:func:`strip_control_characters`).
- Names, slugs, e-mail addresses, URLs and committee texts are refused when they hold a
  control character (:func:`has_control_characters`): a NUL cannot even be looked up in
  PostgreSQL, and nobody types one.
- Text written into Office files has its own, stricter cleaning (``survey.reports.cells``).
"""

import re

#: C0 and C1 control characters, DEL, and the two non-characters U+FFFE and U+FFFF.
#: Tab, line feed and carriage return are not among them: they belong in a long answer.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\t\n\r]")
_SURROGATES = re.compile("[\ud800-\udfff]")

#: The longest e-mail address (RFC 5321 path limit).
MAX_EMAIL = 254
#: An address a mail server takes: no spaces, brackets, quotes or other specials.
_EMAIL = re.compile(r'^[^@\s<>()\[\]\\,;:"]{1,64}@[^@\s<>()\[\]\\,;:"]{1,189}\.[^@\s.<>()\[\]\\,;:"]{2,63}$')


def has_control_characters(text, multiline=False):
    """Return whether ``text`` holds a control character (tab and line breaks only if not ``multiline``)."""
    if CONTROL_CHARACTERS.search(text):
        return True
    return not multiline and _LINE_BREAKS.search(text) is not None


def strip_control_characters(value):
    """Return ``value`` with line ends as ``\\n`` and no control characters or lone surrogates.

    Lone surrogates cannot be stored as UTF-8 and never come from a real keyboard.
    """
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATES.sub("", CONTROL_CHARACTERS.sub("", value))


def normal_email(email):
    """Return ``email`` as stored and compared: trimmed and in lower case."""
    return (email or "").strip().lower()


def is_email(email):
    """Return whether ``email`` (already normalised) is an e-mail address: something@domain.tld."""
    return len(email) <= MAX_EMAIL and not has_control_characters(email) and bool(_EMAIL.match(email))
