"""Who may open and change the theme pages, and escaping of participants' words."""

import pytest
from sqlalchemy import select

from helpers import csrf_token
from survey.extensions import db
from survey.models import AnalysisRun, Theme, ThemeAssignment
from survey.themes import corrections
from themes.conftest import add_response, analyse

SLUG = "iew-2026-industry"
BASE = f"/review/{SLUG}/themes"


def urls(run, theme, answer_id):
    """Return ``(get urls, post urls)`` of every theme route for one run, theme and answer."""
    run_url, theme_url = f"{BASE}/runs/{run.id}", f"{BASE}/runs/{run.id}/themes/{theme.id}"
    gets = [f"{BASE}/", f"{run_url}/", f"{run_url}/status", f"{run_url}/chart.svg", f"{theme_url}/",
            f"{BASE}/catalogue/"]
    posts = [f"{BASE}/runs/", f"{theme_url}/rename", f"{theme_url}/merge", f"{theme_url}/split",
             f"{theme_url}/notes", f"{run_url}/answers/{answer_id}/move",
             f"{run_url}/answers/{answer_id}/highlight", f"{BASE}/catalogue/add",
             f"{BASE}/catalogue/smes-startups/edit", f"{BASE}/catalogue/smes-startups/retire"]
    return gets, posts


@pytest.fixture
def routes(demo_run):
    theme = next(t for t in demo_run.themes if corrections.assignments_of(t))
    return urls(demo_run, theme, corrections.assignments_of(theme)[0].answer_id)


def test_anonymous_users_are_sent_to_the_login_page(client, routes):
    gets, posts = routes
    token = csrf_token(client.get("/login").get_data(as_text=True))
    for url in gets + posts:
        answer = client.get(url) if url in gets else client.post(url, data={"csrf_token": token})
        assert answer.status_code == 302 and "/login" in answer.headers["Location"], url


def test_observers_read_everything_but_change_nothing(client, routes, make_user, login):
    login(make_user("observer"))
    gets, posts = routes
    for url in gets:
        assert client.get(url).status_code == 200, url
    token = csrf_token(client.get(gets[0]).get_data(as_text=True))
    for url in posts:
        assert client.post(url, data={"csrf_token": token, "label": "x", "target": "1"}).status_code == 403, url
    for url in (gets[1], gets[4], gets[5]):  # no forms to change anything
        page = client.get(url).get_data(as_text=True)
        assert 'method="post" action="/review' not in page.replace('action="/logout"', "")


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_reviewers_and_admins_may_run_and_correct(client, routes, make_user, login, role):
    login(make_user(role))
    gets, posts = routes
    page = client.get(gets[4]).get_data(as_text=True)
    assert "/rename" in page and "/merge" in page and "/split" in page and "/move" in page
    token = csrf_token(page)
    added = client.post(posts[7], data={"csrf_token": token, "title": "Open source",
                                        "description": "Open-source reference code.", "keywords": "open source, code"})
    assert added.status_code == 303


def other_questionnaire_run(make_questionnaire):
    """Return a finished run of another questionnaire, with one theme."""
    other = make_questionnaire([{"code": "s1", "title": {"en": "S"}, "questions": [
        {"code": "wish", "type": "long_text", "text": {"en": "Your wish?"}}]}], slug="other-q")
    run = AnalysisRun(questionnaire_id=other.id, question_code=None, status="done", actor="someone")
    db.session.add(run)
    db.session.flush()
    theme = Theme(run_id=run.id, key="discovered-1", source="discovered", label="Other theme")
    db.session.add(theme)
    db.session.commit()
    return other, run, theme


def test_a_reviewer_of_one_questionnaire_never_reaches_another(client, demo_run, make_user, login,
                                                              make_questionnaire):
    other, other_run, other_theme = other_questionnaire_run(make_questionnaire)
    login(make_user("reviewer", questionnaires=[demo_run.questionnaire]))
    mine = next(t for t in demo_run.themes if corrections.assignments_of(t))
    answer_id = corrections.assignments_of(mine)[0].answer_id
    # The other questionnaire's pages, and its run and theme ids under this questionnaire's slug.
    assert client.get("/review/other-q/themes/").status_code == 404
    assert client.get(f"/review/other-q/themes/runs/{other_run.id}/").status_code == 404
    assert client.get(f"{BASE}/runs/{other_run.id}/").status_code == 404
    assert client.get(f"{BASE}/runs/{other_run.id}/status").status_code == 404
    assert client.get(f"{BASE}/runs/{demo_run.id}/themes/{other_theme.id}/").status_code == 404
    token = csrf_token(client.get(f"{BASE}/").get_data(as_text=True))
    assert client.post(f"{BASE}/runs/{demo_run.id}/themes/{other_theme.id}/rename",
                       data={"csrf_token": token, "label": "mine now"}).status_code == 404
    assert client.post(f"{BASE}/runs/{demo_run.id}/themes/{mine.id}/merge",
                       data={"csrf_token": token, "target": str(other_theme.id)}).status_code == 400
    assert client.post(f"{BASE}/runs/{demo_run.id}/answers/{answer_id}/move",
                       data={"csrf_token": token, "target": str(other_theme.id)}).status_code == 400
    assert client.post(f"{BASE}/runs/{demo_run.id}/answers/999999/move",
                       data={"csrf_token": token, "target": str(mine.id)}).status_code == 404
    db.session.expire_all()
    assert other_theme.label == "Other theme" and mine.merged_into_id is None


def test_participants_words_are_escaped_everywhere(client, demo, make_user, login):
    payload = "<script>alert(1)</script>"
    ids = add_response(demo, {"relevance": f"{payload} lower fees for start-ups"})
    run = analyse(demo)
    assignment = db.session.scalars(select(ThemeAssignment).filter_by(
        run_id=run.id, answer_id=ids["relevance"])).one()
    user = make_user("reviewer")
    login(user)
    theme_url = f"{BASE}/runs/{run.id}/themes/{assignment.theme_id}/"
    token = csrf_token(client.get(theme_url).get_data(as_text=True))
    client.post(f"{BASE}/runs/{run.id}/answers/{assignment.answer_id}/highlight",
                data={"csrf_token": token, "highlighted": "1"})  # highlighted: quoted on the list
    client.post(theme_url + "rename", data={"csrf_token": token, "label": payload, "description": payload})
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for url in (f"{BASE}/?question=relevance", theme_url, f"{BASE}/runs/{run.id}/"):
        page = client.get(url).get_data(as_text=True)
        assert payload not in page and escaped in page, url
    assert client.get(f"{BASE}/runs/{run.id}/chart.svg").data.count(b"<script") == 0


def test_catalogue_edits_are_audited_and_used_by_the_next_run(client, demo, make_user, login):
    from survey.models import AuditEntry, CatalogueEntry

    login(make_user("reviewer"))
    page = client.get(f"{BASE}/catalogue/").get_data(as_text=True)
    assert "smes-startups" in page and not db.session.scalars(select(CatalogueEntry)).all()  # reading stores nothing
    token = csrf_token(page)
    edit = client.post(f"{BASE}/catalogue/smes-startups/edit", data={
        "csrf_token": token, "title": "Small firms", "description": "Fees and support.", "keywords": "sme, fees"})
    assert edit.status_code == 303
    assert client.post(f"{BASE}/catalogue/remote-participation/retire",
                       data={"csrf_token": token, "retired": "1"}).status_code == 303
    assert client.post(f"{BASE}/catalogue/add", data={"csrf_token": token, "title": "x\x00",
                                                       "description": "d"}).status_code == 400
    assert client.post(f"{BASE}/catalogue/nope/edit", data={"csrf_token": token, "title": "t",
                                                             "description": "d"}).status_code == 404
    entry = db.session.scalars(select(CatalogueEntry).filter_by(key="smes-startups")).one()
    assert (entry.title, entry.keywords) == ("Small firms", ["sme", "fees"])
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["catalogue_edit", "catalogue_retire"]
    run = analyse(demo)
    used = {t["id"]: t for t in run.parameters["catalogue"]["themes"]}
    assert used["smes-startups"]["title"] == "Small firms" and "remote-participation" not in used


def test_unknown_or_huge_ids_get_a_clear_404(client, demo_run, make_user, login):
    login(make_user("reviewer"))
    huge = "9" * 30
    for url in (f"{BASE}/runs/{huge}/", f"{BASE}/runs/{demo_run.id}/themes/{huge}/",
                f"{BASE}/runs/0/status", f"{BASE}/runs/{demo_run.id}/themes/0/"):
        answer = client.get(url)  # not an id at all: the address does not exist
        assert answer.status_code == 404 and "nothing at this address" in answer.get_data(as_text=True), url
    for url in (f"{BASE}/runs/{2**31 - 1}/", f"{BASE}/runs/{demo_run.id}/themes/{2**31 - 1}/"):
        answer = client.get(url)  # an id no row has
        assert answer.status_code == 404 and "no such" in answer.get_data(as_text=True), url
    assert client.get(f"{BASE}/?question=<b>nope</b>").status_code == 400
    token = csrf_token(client.get(f"{BASE}/").get_data(as_text=True))
    theme = demo_run.themes[0]
    for target in (huge, "-1", "", "1e3", "٣"):
        answer = client.post(f"{BASE}/runs/{demo_run.id}/themes/{theme.id}/merge",
                             data={"csrf_token": token, "target": target})
        assert answer.status_code == 400, target
    answer = client.post(f"{BASE}/runs/{demo_run.id}/themes/{theme.id}/split",
                         data={"csrf_token": token, "answer": ["9" * 5000], "target": "new", "new_label": "x"})
    assert answer.status_code == 400
    assert client.post(f"{BASE}/runs/{demo_run.id}/answers/{huge}/move",
                       data={"csrf_token": token, "target": "1"}).status_code == 404
