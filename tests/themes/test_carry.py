"""A new run of the same answers keeps the committee's corrections of the previous one."""

import pytest
from sqlalchemy import select

from survey.extensions import db
from survey.models import AuditEntry, Theme, ThemeAssignment, ThemeNote
from survey.themes import corrections, findings
from themes.conftest import add_response, analyse


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def themes_by_key(run):
    return {t.key: t for t in run.themes}


def first_of(run, source):
    return next(f.theme for f in findings.theme_findings(run) if f.size and f.theme.source == source)


def placement(run, answer_id):
    return db.session.scalars(select(ThemeAssignment).filter_by(run_id=run.id, answer_id=answer_id)).one()


def rerun(questionnaire, old):
    db.session.commit()
    new = analyse(questionnaire)
    assert new.previous_run_id == old.id
    return new


def test_renames_and_descriptions_survive(demo_run, demo, make_user, request_context):
    user = make_user("reviewer")
    theme = first_of(demo_run, "catalogue")
    corrections.rename(user, theme, "Fees, renamed", "What the committee calls it.")
    new = themes_by_key(rerun(demo, demo_run))[theme.key]
    assert (new.label, new.description, new.edited) == ("Fees, renamed", "What the committee calls it.", True)


def test_committee_themes_and_answers_placed_by_hand_survive(demo_run, demo, make_user, request_context):
    user = make_user("reviewer")
    theme = first_of(demo_run, "discovered")
    chosen = [a.answer_id for a in corrections.assignments_of(theme)][:2]
    corrections.split(user, theme, chosen, new_label="Regulators")
    catalogue_theme = first_of(demo_run, "catalogue")
    mover = corrections.assignments_of(first_of(demo_run, "discovered"))[-1]
    corrections.move(user, mover, catalogue_theme)
    new = rerun(demo, demo_run)
    committee = themes_by_key(new)["committee-1"]
    assert committee.label == "Regulators" and committee.source == "committee"
    for answer_id in chosen:
        assert placement(new, answer_id).theme_id == committee.id and placement(new, answer_id).by_hand
    moved = placement(new, mover.answer_id)
    assert moved.theme.key == catalogue_theme.key and moved.by_hand and moved.placed_by_id == user.id


def test_merges_survive_with_their_answers(demo_run, demo, make_user, request_context):
    user = make_user("reviewer")
    source, target = [f.theme for f in findings.theme_findings(demo_run) if f.size][:2]
    corrections.merge(user, source, target)
    new = rerun(demo, demo_run)
    keyed = themes_by_key(new)
    assert keyed[source.key].merged_into_id == keyed[target.key].id
    assert not corrections.assignments_of(keyed[source.key])
    assert source.key not in {f.theme.key for f in findings.theme_findings(new)}


def test_highlights_and_notes_survive(demo, make_user, request_context):
    user = make_user("reviewer")
    ids = add_response(demo, {"relevance": "Lower fees and mentoring for start-ups."})
    old = analyse(demo)
    assignment = placement(old, ids["relevance"])
    corrections.set_highlight(user, assignment, True)
    corrections.add_note(user, assignment.theme, "Good quote for the report.")
    new = rerun(demo, old)
    carried = placement(new, ids["relevance"])
    assert carried.highlighted
    note = db.session.scalars(select(ThemeNote).join(Theme).where(Theme.run_id == new.id)).one()
    assert note.text == "Good quote for the report." and note.user_id == user.id
    assert note.theme_id == carried.theme_id
    entry = db.session.scalars(select(AuditEntry).filter_by(run_id=new.id, action="carry_over")).one()
    assert entry.summary == f"Carried 2 corrections from run #{old.id}."


def test_a_first_run_or_another_scope_carries_nothing(demo_run, demo, make_user, request_context):
    corrections.rename(make_user("reviewer"), first_of(demo_run, "catalogue"), "Renamed", "")
    db.session.commit()
    other = analyse(demo, question_code="why_care")
    assert other.previous_run_id is None and not any(t.edited for t in other.themes)


def test_an_answer_placed_in_a_theme_that_is_gone_goes_to_a_recreated_theme(
        demo_run, demo, make_user, request_context):
    user = make_user("reviewer")
    origin, target = [f.theme for f in findings.theme_findings(demo_run) if f.size][:2]
    assignment = corrections.assignments_of(origin)[0]
    corrections.move(user, assignment, target)
    # As if the theme had been found only by that run: no theme of the new run has its key or name.
    target.key, target.label = "discovered-99", "A theme of the past"
    new = rerun(demo, demo_run)
    carried = placement(new, assignment.answer_id)
    assert carried.by_hand and carried.theme.source == "committee"
    assert carried.theme.label == "A theme of the past"
