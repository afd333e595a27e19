"""The committee's corrections: each changes the run as asked and is written to the audit trail."""

import pytest
from sqlalchemy import select

from survey.extensions import db
from survey.models import AuditEntry, Theme, ThemeAssignment, ThemeNote
from survey.themes import findings
from themes.conftest import add_response, analyse, form_token

SLUG = "iew-2026-industry"


@pytest.fixture
def reviewer(make_user, login):
    user = make_user("reviewer")
    login(user)
    return user


def theme_url(run, theme):
    return f"/review/{SLUG}/themes/runs/{run.id}/themes/{theme.id}/"


def visible(run):
    """Return the run's visible themes with answers, largest first."""
    return [f.theme for f in findings.theme_findings(run) if f.size]


def post(client, run, theme, action, **data):
    token = form_token(client, theme_url(run, theme))
    return client.post(theme_url(run, theme) + action, data={"csrf_token": token, **data})


def post_answer(client, run, theme, answer_id, action, **data):
    token = form_token(client, theme_url(run, theme))
    return client.post(f"/review/{SLUG}/themes/runs/{run.id}/answers/{answer_id}/{action}",
                       data={"csrf_token": token, **data})


def audit(action):
    return db.session.scalars(select(AuditEntry).filter_by(action=action)).all()


def placed(run, answer_id):
    return db.session.scalars(select(ThemeAssignment).filter_by(run_id=run.id, answer_id=answer_id)).one()


def test_rename_and_describe_a_theme(client, demo_run, reviewer):
    theme = visible(demo_run)[0]
    old = theme.label
    answer = post(client, demo_run, theme, "rename", label="Focus on what ITU-T does best",
                  description="Answers asking ITU-T to concentrate on its strengths.")
    assert answer.status_code == 303
    db.session.expire_all()
    assert theme.label == "Focus on what ITU-T does best" and theme.edited
    rename, = audit("rename")
    assert rename.user_id == reviewer.id and rename.theme_id == theme.id and rename.run_id == demo_run.id
    assert rename.detail["old"] == old and rename.detail["new"] == "Focus on what ITU-T does best"
    assert audit("describe")[0].detail["new"].startswith("Answers asking")
    page = client.get(theme_url(demo_run, theme)).get_data(as_text=True)
    assert "Renamed the theme" in page and reviewer.name in page


@pytest.mark.parametrize("label", ["", "   ", "x" * 10_000, "bad\x00name"])
def test_a_bad_name_is_refused_and_nothing_changes(client, demo_run, reviewer, label):
    theme = visible(demo_run)[0]
    old = theme.label
    answer = post(client, demo_run, theme, "rename", label=label, description="")
    assert answer.status_code == 400
    db.session.expire_all()
    assert theme.label == old and not theme.edited and not audit("rename")


def test_merge_moves_the_answers_and_hides_the_theme(client, demo_run, reviewer):
    source, target = visible(demo_run)[:2]
    moved = [a.answer_id for a in db.session.scalars(select(ThemeAssignment).filter_by(theme_id=source.id))]
    before = len(db.session.scalars(select(ThemeAssignment).filter_by(theme_id=target.id)).all())
    assert post(client, demo_run, source, "merge", target=str(target.id)).status_code == 303
    db.session.expire_all()
    assert source.merged_into_id == target.id
    assert all(placed(demo_run, a).theme_id == target.id for a in moved)
    assert len(db.session.scalars(select(ThemeAssignment).filter_by(theme_id=target.id)).all()) == before + len(moved)
    assert source.id not in {f.theme.id for f in findings.theme_findings(demo_run)}
    entry, = audit("merge")
    assert entry.detail["old"]["theme"] == source.id and entry.detail["new"]["theme"] == target.id
    assert "Merged the theme" in client.get(theme_url(demo_run, target)).get_data(as_text=True)


def test_merging_into_itself_or_into_another_runs_theme_is_refused(client, demo, demo_run, reviewer):
    theme = visible(demo_run)[0]
    assert post(client, demo_run, theme, "merge", target=str(theme.id)).status_code == 400
    assert post(client, demo_run, theme, "merge", target="abc").status_code == 400
    older_theme_id = theme.id
    newer = analyse(demo)
    newer_theme = visible(newer)[0]
    assert post(client, newer, newer_theme, "merge", target=str(older_theme_id)).status_code == 400
    # The older run is a record: it can no longer be corrected.
    token = form_token(client, theme_url(newer, newer_theme))
    stale = client.post(theme_url(demo_run, theme) + "merge",
                        data={"csrf_token": token, "target": str(visible(demo_run)[1].id)})
    assert stale.status_code == 409
    db.session.expire_all()
    assert not audit("merge") and all(t.merged_into_id is None for t in demo_run.themes + newer.themes)


def test_split_chosen_answers_into_a_new_theme(client, demo_run, reviewer):
    theme = visible(demo_run)[0]
    chosen = [a.answer_id for a in db.session.scalars(select(ThemeAssignment).filter_by(theme_id=theme.id))][:2]
    answer = post(client, demo_run, theme, "split", answer=[str(a) for a in chosen], target="new",
                  new_label="Regulators")
    assert answer.status_code == 303
    db.session.expire_all()
    new = db.session.scalars(select(Theme).filter_by(run_id=demo_run.id, source="committee")).one()
    assert (new.key, new.label) == ("committee-1", "Regulators")
    for answer_id in chosen:
        assignment = placed(demo_run, answer_id)
        assert assignment.theme_id == new.id and assignment.by_hand and assignment.placed_by_id == reviewer.id
    assert audit("split")[0].detail["answers"] == sorted(chosen)


def test_split_refuses_answers_of_another_theme(client, demo_run, reviewer):
    first, second = visible(demo_run)[:2]
    foreign = db.session.scalars(select(ThemeAssignment).filter_by(theme_id=second.id)).first()
    answer = post(client, demo_run, first, "split", answer=[str(foreign.answer_id)], target="new",
                  new_label="Stolen")
    assert answer.status_code == 400
    assert not db.session.scalars(select(Theme).filter_by(source="committee")).all()


def test_move_one_answer_by_hand(client, demo_run, reviewer):
    origin, target = visible(demo_run)[:2]
    assignment = db.session.scalars(select(ThemeAssignment).filter_by(theme_id=origin.id)).first()
    answer = post_answer(client, demo_run, origin, assignment.answer_id, "move", target=str(target.id))
    assert answer.status_code == 303
    db.session.expire_all()
    assert assignment.theme_id == target.id and assignment.by_hand and assignment.placed_by_id == reviewer.id
    entry, = audit("move")
    assert entry.detail["old"]["theme"] == origin.id and entry.detail["answer"] == assignment.answer_id
    for theme in (origin, target):  # both themes' trails show the move
        assert "Moved answer #" in client.get(theme_url(demo_run, theme)).get_data(as_text=True)


def test_highlight_needs_the_participants_consent(client, demo, reviewer):
    agreed = add_response(demo, {"relevance": "Lower fees for start-ups, please."}, quote_consent=True)
    refused = add_response(demo, {"relevance": "Lower fees for small firms, please."}, quote_consent=False)
    run = analyse(demo)
    yes, no = placed(run, agreed["relevance"]), placed(run, refused["relevance"])
    answer = post_answer(client, run, yes.theme, yes.answer_id, "highlight", highlighted="1")
    assert answer.status_code == 303
    answer = post_answer(client, run, no.theme, no.answer_id, "highlight", highlighted="1")
    assert answer.status_code == 409 and "did not agree to be quoted" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert yes.highlighted and not no.highlighted and len(audit("highlight")) == 1
    quotes = next(f for f in findings.theme_findings(run) if f.theme.id == yes.theme_id).quotes
    assert quotes[0].answer_id == yes.answer_id  # highlighted quotes come first
    post_answer(client, run, yes.theme, yes.answer_id, "highlight", highlighted="0")
    db.session.expire_all()
    assert not yes.highlighted and len(audit("unhighlight")) == 1


def test_add_a_note(client, demo_run, reviewer):
    theme = visible(demo_run)[0]
    assert post(client, demo_run, theme, "notes", text="Check with TSB before the report.").status_code == 303
    note = db.session.scalars(select(ThemeNote)).one()
    assert note.theme_id == theme.id and note.user_id == reviewer.id
    assert audit("note")[0].detail["new"] == "Check with TSB before the report."
    assert "Check with TSB" in client.get(theme_url(demo_run, theme)).get_data(as_text=True)
    assert post(client, demo_run, theme, "notes", text="").status_code == 400
