"""A questionnaire's theme catalogue as stored in the database: seeding, reading, editing."""

import re
import unicodedata

from flask_babel import gettext as _
from sqlalchemy import func, select

from survey.extensions import db
from survey.models import CatalogueEntry
from survey.themes.corrections import CorrectionError, audit, checked_text, clean_words

#: Longest title, description and keyword list accepted from the catalogue form.
MAX_TITLE, MAX_DESCRIPTION, MAX_KEYWORDS = 200, 4000, 60


def stored_entries(questionnaire):
    """Return the questionnaire's stored catalogue entries (retired ones too), in order."""
    return db.session.scalars(select(CatalogueEntry).filter_by(questionnaire_id=questionnaire.id)
                              .order_by(CatalogueEntry.position, CatalogueEntry.id)).all()


def default_entries(questionnaire):
    """Return unsaved entries built from the default catalogue (the action plan)."""
    from analysis import default_catalogue

    return [CatalogueEntry(questionnaire_id=questionnaire.id, key=theme.id, title=theme.title,
                           description=theme.description, keywords=list(theme.keywords),
                           examples=list(theme.examples), position=position, retired=False)
            for position, theme in enumerate(default_catalogue())]


def seeded_entries(questionnaire):
    """Return the stored entries, storing the default catalogue first if there are none."""
    entries = stored_entries(questionnaire)
    if not entries:
        entries = default_entries(questionnaire)
        db.session.add_all(entries)
        db.session.flush()
    return entries


def catalogue_of(questionnaire):
    """Return the analysis Catalogue of the live (not retired) entries, or None if none is left."""
    from analysis import Catalogue, CatalogueTheme

    themes = tuple(CatalogueTheme(id=e.key, title=e.title, description=e.description,
                                  keywords=tuple(e.keywords or ()), examples=tuple(e.examples or ()))
                   for e in seeded_entries(questionnaire) if not e.retired)
    return Catalogue(name=f"{questionnaire.slug} catalogue", themes=themes) if themes else None


def _entry_fields(title, description, keywords):
    """Return cleaned ``(title, description, keywords)`` from the form, or raise CorrectionError."""
    title = checked_text(title, MAX_TITLE, _("The title"))
    description = checked_text(description, MAX_DESCRIPTION, _("The description"))
    return title, description, clean_words(keywords, MAX_KEYWORDS)


def _new_key(questionnaire, title):
    """Return a stable key for a new entry, made from its title and unused in the catalogue."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:50] or "entry"
    if base.startswith("new-") or base in ("non-answer", "unassigned"):
        base = "entry-" + base
    taken = {e.key for e in stored_entries(questionnaire)}
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def entry_by_key(questionnaire, key):
    """Return the stored entry ``key`` (seeding the catalogue first), or None."""
    return next((e for e in seeded_entries(questionnaire) if e.key == key), None)


def add_entry(user, questionnaire, title, description, keywords):
    """Add an entry to the catalogue; return it."""
    title, description, keywords = _entry_fields(title, description, keywords)
    seeded_entries(questionnaire)
    position = (db.session.scalar(select(func.max(CatalogueEntry.position))
                                  .filter_by(questionnaire_id=questionnaire.id)) or 0) + 1
    entry = CatalogueEntry(questionnaire_id=questionnaire.id, key=_new_key(questionnaire, title),
                           title=title, description=description, keywords=keywords,
                           examples=[], position=position, retired=False)
    db.session.add(entry)
    audit(user, questionnaire, None, None, "catalogue_add",
          _("Added %(title)s to the catalogue.", title=title),
          {"key": entry.key, "new": {"title": title, "description": description, "keywords": keywords}})
    return entry


def edit_entry(user, questionnaire, entry, title, description, keywords):
    """Change an entry's title, description and keywords."""
    title, description, keywords = _entry_fields(title, description, keywords)
    old = {"title": entry.title, "description": entry.description, "keywords": entry.keywords}
    new = {"title": title, "description": description, "keywords": keywords}
    if old == new:
        return
    entry.title, entry.description, entry.keywords = title, description, keywords
    audit(user, questionnaire, None, None, "catalogue_edit",
          _("Edited the catalogue entry %(title)s.", title=title),
          {"key": entry.key, "old": old, "new": new})


def set_retired(user, questionnaire, entry, retired):
    """Retire an entry (the next runs no longer look for it) or bring it back."""
    if entry.retired == retired:
        raise CorrectionError(_("Nothing to change: the entry is already like that."), 409)
    entry.retired = retired
    action = "catalogue_retire" if retired else "catalogue_restore"
    summary = (_("Retired %(title)s from the catalogue.", title=entry.title) if retired
               else _("Brought %(title)s back into the catalogue.", title=entry.title))
    audit(user, questionnaire, None, None, action, summary,
          {"key": entry.key, "old": {"retired": not retired}, "new": {"retired": retired}})
