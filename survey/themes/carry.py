"""Carrying the committee's corrections over to a new run of the same scope.

Catalogue themes keep their key from run to run, so a correction made to a theme is
found again by key; answers keep their id, so hand placements and highlights follow them.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from survey.extensions import db
from survey.models import AnalysisRun, Theme, ThemeAssignment, ThemeNote
from survey.themes.corrections import audit, new_committee_theme


def previous_run(run):
    """Return the latest finished run of ``run``'s questionnaire and scope before it, or None."""
    return db.session.scalars(
        select(AnalysisRun)
        .where(AnalysisRun.questionnaire_id == run.questionnaire_id, AnalysisRun.status == "done",
               AnalysisRun.id < run.id,
               AnalysisRun.over(run.question_code))
        .order_by(AnalysisRun.id.desc()).limit(1)).first()


def _root(theme, themes_by_id):
    """Return the theme ``theme`` ends up in after following its merges."""
    seen = set()
    while theme.merged_into_id is not None and theme.id not in seen:
        seen.add(theme.id)
        theme = themes_by_id[theme.merged_into_id]
    return theme


class _Carrier:
    """Applies an earlier run's corrections to a new run, counting them."""

    def __init__(self, run, old):
        self.run, self.old, self.count = run, old, 0
        self.old_themes = {t.id: t for t in old.themes}

    def themes(self):
        return {t.key: t for t in self.run.themes}

    def target(self, theme):
        """Return the new theme matching old ``theme``: same key, else same label, else recreated."""
        by_key = self.themes()
        found = by_key.get(theme.key) or next(
            (t for t in self.run.themes if t.label == theme.label and t.merged_into_id is None), None)
        if found is None:
            found = new_committee_theme(self.run, theme.label, theme.description or "")
        return _root(found, {t.id: t for t in self.run.themes})

    def committee_themes(self):
        for theme in self.old.themes:
            if theme.source == "committee" and theme.key not in self.themes():
                self.run.themes.append(Theme(
                    run_id=self.run.id, key=theme.key, source="committee", label=theme.label,
                    description=theme.description, terms=[], edited=True,
                    position=max((t.position for t in self.run.themes), default=0) + 1))
                self.count += 1
        db.session.flush()

    def renames(self):
        new = self.themes()
        for theme in self.old.themes:
            if theme.edited and theme.source != "committee" and theme.key in new:
                new[theme.key].label, new[theme.key].description = theme.label, theme.description
                new[theme.key].edited = True
                self.count += 1

    def merges(self):
        new = self.themes()
        for theme in self.old.themes:
            into = self.old_themes.get(theme.merged_into_id)
            if into is None or theme.key not in new or into.key not in new or theme.key == into.key:
                continue
            new[theme.key].merged_into_id = new[into.key].id
            self.count += 1
        db.session.flush()
        by_id = {t.id: t for t in self.run.themes}
        for assignment in self._assignments():
            assignment.theme_id = _root(by_id[assignment.theme_id], by_id).id

    def _assignments(self):
        return db.session.scalars(select(ThemeAssignment).filter_by(run_id=self.run.id)).all()

    def placements(self):
        new = {a.answer_id: a for a in self._assignments()}
        old = db.session.scalars(select(ThemeAssignment).filter_by(run_id=self.old.id)).all()
        for previous in old:
            assignment = new.get(previous.answer_id)
            if assignment is None:
                continue  # the answer is no longer analysed (deleted, or demo data left out)
            if previous.by_hand:
                assignment.theme_id = self.target(self.old_themes[previous.theme_id]).id
                assignment.by_hand, assignment.placed_by_id = True, previous.placed_by_id
                self.count += 1
            if previous.highlighted:
                assignment.highlighted = True
                self.count += 1

    def notes(self):
        for theme in self.old.themes:
            for note in theme.notes:
                db.session.add(ThemeNote(theme_id=self.target(theme).id, user_id=note.user_id,
                                         actor=note.actor, text=note.text, created_on=note.created_on))
                self.count += 1


def carry_over(run):
    """Apply the corrections of the previous run of the same scope to ``run``; return how many."""
    old = previous_run(run)
    if old is None:
        return 0
    run.previous_run_id = old.id
    carrier = _Carrier(run, old)
    carrier.committee_themes()
    carrier.renames()
    carrier.merges()
    carrier.placements()
    carrier.notes()
    db.session.flush()
    audit(run.created_by, run.questionnaire, run, None, "carry_over",
          _("Carried %(count)d corrections from run #%(old)d.", count=carrier.count, old=old.id),
          {"old": {"run": old.id}, "new": {"run": run.id}, "count": carrier.count})
    return carrier.count
