"""Reading a contact list (CSV or XLSX): every row checked, every problem reported with its
line, nothing stored unless the whole file is right.

Columns (any order, case and spacing ignored; only ``email`` is required): email, name,
organisation, country (ISO code or English or French name), size (sme or large),
language (ar, en, es, fr, ru, zh or the language's name), consent (yes or no), tags
(separated by ``;`` or ``,``).
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from flask_babel import gettext as _

from survey import reference
from survey.text import is_email, normal_email
from survey.models import MAIL_LANGUAGES
from survey.themes.corrections import english_outside_requests

MAX_ROWS = 50_000
COLUMNS = {
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
    "name": ("name", "full name"),
    "organisation": ("organisation", "organization", "company"),
    "country": ("country", "country code"),
    "size": ("size", "organisation size", "organization size"),
    "language": ("language", "preferred language", "lang"),
    "consent": ("consent", "consent to be contacted"),
    "tags": ("tags", "tag"),
}
LANGUAGE_NAMES = {
    "arabic": "ar", "العربية": "ar", "arabe": "ar", "english": "en", "anglais": "en",
    "inglés": "en", "spanish": "es", "español": "es", "espagnol": "es", "french": "fr",
    "français": "fr", "francés": "fr", "russian": "ru", "русский": "ru", "russe": "ru",
    "chinese": "zh", "中文": "zh", "chinois": "zh", "zh-cn": "zh", "zh-hans": "zh",
}
YES = {"yes", "y", "true", "1", "oui", "sí", "si", "x"}
NO = {"no", "n", "false", "0", "non"}
SIZES = {"sme": "sme", "small": "sme", "pme": "sme", "large": "large", "large enterprise": "large",
         "grande entreprise": "large"}
TAG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ContactFileError(ValueError):
    """The file cannot be read at all (wrong format, no email column, too many rows)."""


@dataclass
class ContactRow:
    """One contact as the file describes it (None: the file says nothing)."""

    line: int
    email: str
    name: str | None = None
    organisation: str | None = None
    country: str | None = None
    size: str | None = None
    language: str | None = None
    consent: bool | None = None
    tags: set = field(default_factory=set)


def _key(text):
    return " ".join(str(text or "").strip().lower().replace("_", " ").split())


def _country(value):
    found = reference.find(value)
    return found.iso2 if found else None


def tag_of(text):
    """Return ``text`` as a tag (lower case, spaces as dashes), or None if it cannot be one."""
    tag = "-".join(unicodedata.normalize("NFKC", text).strip().lower().split())
    return tag if TAG.match(tag) else None


def _row(line, values, default_tag):
    """Return ``(ContactRow or None, [problems])`` for one line's ``{column: text}``."""
    problems = []

    def text(column, limit):
        value = CONTROL.sub("", str(values.get(column) or "")).strip()
        if len(value) > limit:
            problems.append(_("%(column)s is longer than %(limit)d characters",
                              column=column, limit=limit))
        return value[:limit] or None

    email = normal_email(str(values.get("email") or ""))
    if not email:
        problems.append(_("no e-mail address"))
    elif not is_email(email):
        problems.append(_("%(value)s is not an e-mail address", value=repr(email[:80])))
    row = ContactRow(line=line, email=email, name=text("name", 200),
                     organisation=text("organisation", 200))
    country = text("country", 100)
    if country:
        row.country = _country(country)
        if row.country is None:
            problems.append(_("unknown country %(value)s", value=repr(country)))
    size = _key(values.get("size"))
    if size:
        row.size = SIZES.get(size)
        if row.size is None:
            problems.append(_("size must be sme or large, not %(value)s", value=repr(size)))
    language = _key(values.get("language"))
    if language:
        row.language = language if language in MAIL_LANGUAGES else LANGUAGE_NAMES.get(language)
        if row.language is None:
            problems.append(_("language must be one of %(codes)s, not %(value)s",
                                    codes=", ".join(MAIL_LANGUAGES), value=repr(language)))
    consent = _key(values.get("consent"))
    if consent:
        row.consent = True if consent in YES else False if consent in NO else None
        if row.consent is None:
            problems.append(_("consent must be yes or no, not %(value)s", value=repr(consent)))
    for raw in re.split(r"[;,]", str(values.get("tags") or "")) + [default_tag or ""]:
        if raw.strip():
            tag = tag_of(raw)
            if tag is None:
                problems.append(_("%(value)s cannot be a tag (letters, digits, - . _)",
                                            value=repr(raw.strip()[:70])))
            else:
                row.tags.add(tag)
    return (None if problems else row), problems


def _header(cells):
    """Return ``{index: column}`` for a header line; raise if there is no email column."""
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found = {i: names[_key(c)] for i, c in enumerate(cells) if _key(c) in names}
    if "email" not in found.values():
        raise ContactFileError(_("the first line must name the columns, one of them 'email'"))
    return found


def _csv_lines(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContactFileError(_("the file is not UTF-8 text: in Excel, save it as "
                                 "“CSV UTF-8”, or upload the .xlsx workbook")) from None
    if "\x00" in text:
        raise ContactFileError(_("the file contains NUL characters: it is not a CSV text file"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise ContactFileError(_("line %(line)d: %(error)s", line=reader.line_num, error=error)) from None


def _xlsx_lines(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ContactFileError(_("the file is not an Excel workbook (.xlsx): %(error)s",
                                 error=error)) from None
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, ["" if c is None else str(c) for c in cells]
    finally:
        workbook.close()


def read_contacts(file_name, data, tag=None):
    """Return ``(rows, problems)`` of a contact file: ``problems`` is ``[(line, message)]``.

    Rows with the same address are merged (later lines win, tags add up). Raise
    :class:`ContactFileError` if the file cannot be read at all.
    """
    english_outside_requests()
    if tag is not None and tag_of(tag) is None:
        raise ContactFileError(_("%(value)s cannot be a tag (letters, digits, - . _)", value=repr(tag)))
    is_xlsx = file_name.lower().endswith(".xlsx") or data[:2] == b"PK"
    lines = _xlsx_lines(data) if is_xlsx else _csv_lines(data)
    header, merged, problems = None, {}, []
    for line, cells in lines:
        if not any(str(c).strip() for c in cells):
            continue
        if header is None:
            header = _header(cells)
            continue
        if len(merged) + len(problems) >= MAX_ROWS:
            raise ContactFileError(_("more than %(count)d contacts: split the file", count=MAX_ROWS))
        values = {column: cells[i] for i, column in header.items() if i < len(cells)}
        row, found = _row(line, values, tag and tag_of(tag))
        problems += [(line, message) for message in found]
        if row is not None:
            earlier = merged.get(row.email)
            if earlier is not None:
                row.tags |= earlier.tags
                for name in ("name", "organisation", "country", "size", "language", "consent"):
                    if getattr(row, name) is None:
                        setattr(row, name, getattr(earlier, name))
            merged[row.email] = row
    if header is None:
        raise ContactFileError(_("the file is empty"))
    return list(merged.values()), problems
