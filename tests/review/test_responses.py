"""The response list (filters, search, pages), one response in full, and deleting one."""

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from review.review_data import add_many, add_response, post_form
from survey.extensions import db
from survey.models import (AnalysisRun, Answer, AuditEntry, Invitation, Response, Theme,
                           ThemeAssignment)

SLUG = "iew-2026-industry"
LIST = f"/review/{SLUG}/responses/"
XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


def listed(client, query=""):
    """Return the response numbers the list shows for ``query``."""
    page = client.get(LIST + query)
    assert page.status_code == 200, page.status_code
    return [int(n) for n in re.findall(r'/responses/(\d+)">#', page.get_data(as_text=True))]


@pytest.fixture
def varied(workshop_questionnaire):
    """Five responses that differ in one way each; returns them by name."""
    q = workshop_questionnaire
    return {
        "kenya": add_response(q, {"country": "KE", "org_size": "small",
                                  "why_care": "Fees are too high for 50% of us"}),
        "france": add_response(q, {"country": "FR", "org_size": "large", "why_care": "Remote meetings"},
                               language="fr", started=datetime(2026, 3, 10, 9)),
        "unfinished": add_response(q, {"country": "JP", "why_care": "Still thinking"}, status="in_progress"),
        "silent": add_response(q, {}, started=datetime(2026, 2, 1, 8)),
        "demo": add_response(q, {"country": "BR", "why_care": "Demo text"}, is_demo=True),
    }


@pytest.fixture
def reviewer(client, make_user, login):
    login(make_user("reviewer"))


@pytest.mark.parametrize("role", ["observer", "reviewer", "admin"])
def test_every_role_sees_the_list_and_a_response(client, varied, make_user, login, role):
    login(make_user(role))
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{varied['kenya'].id}").status_code == 200


def test_anonymous_users_are_sent_to_login(client, varied):
    for url in (LIST, f"{LIST}{varied['kenya'].id}", f"{LIST}{varied['kenya'].id}/delete"):
        page = client.get(url)
        assert page.status_code == 302 and "/login" in page.headers["Location"]


@pytest.mark.parametrize("query, expected", [
    ("", ["silent", "unfinished", "france", "kenya"]),  # demo left out by default, newest first
    ("?status=completed", ["silent", "france", "kenya"]),
    ("?status=in_progress", ["unfinished"]),
    ("?language=fr", ["france"]),
    ("?region=africa", ["kenya"]),
    ("?region=none", ["silent"]),
    ("?size=sme", ["kenya"]),
    ("?size=large", ["france"]),
    ("?development=developed", ["unfinished", "france"]),
    ("?from=2026-03-05", ["france"]),
    ("?to=2026-03-02", ["silent", "unfinished", "kenya"]),
    ("?from=2026-02-01&to=2026-02-01", ["silent"]),
    ("?demo=only", ["demo"]),
    ("?demo=include&region=americas", ["demo"]),
    ("?q=REMOTE", ["france"]),
    ("?q=think", ["unfinished"]),
    ("?q=50%25", ["kenya"]),
    ("?q=%25", ["kenya"]),  # a literal %, not "anything"
    ("?q=_", []),  # a literal _, not "any character"
    ("?q=nobody+wrote+this", []),
])
def test_each_filter_narrows_the_list(client, varied, reviewer, query, expected):
    assert listed(client, query) == [varied[name].id for name in expected]


def test_list_shows_status_language_segments_and_first_words(client, varied, reviewer):
    html = client.get(LIST).get_data(as_text=True)
    row = re.search(rf'/responses/{varied["kenya"].id}">.*?</tr>', html, re.S).group(0)
    assert "completed" in row and "<td>en</td>" in row and "SME · Developing · Africa" in row
    assert "Fees are too high for 50% of us" in row
    assert "demo" in client.get(LIST + "?demo=include").get_data(as_text=True)


def test_the_list_shows_only_the_first_words_of_long_answers(client, workshop_questionnaire, reviewer):
    words = [f"word{n}" for n in range(30)]
    add_response(workshop_questionnaire, {"why_care": " ".join(words)})
    add_response(workshop_questionnaire, {"why_care": "标准" * 200})  # no spaces at all
    html = client.get(LIST).get_data(as_text=True)
    assert "word19 …" in html and "word20" not in html
    assert "标准" * 80 + " …" in html and "标准" * 81 not in html


def test_fifty_responses_a_page(client, workshop_questionnaire, reviewer):
    made = add_many(workshop_questionnaire, 53, country="KE")
    first, second = listed(client), listed(client, "?page=2")
    assert len(first) == 50 and len(second) == 3
    assert sorted(first + second) == sorted(r.id for r in made)
    assert 'rel="next"' in client.get(LIST).get_data(as_text=True)
    beyond = client.get(LIST + "?page=999999999")
    assert beyond.status_code == 200 and "showing the last one" in beyond.get_data(as_text=True)


@pytest.mark.parametrize("query, notice", [
    ("?page=-1", "does not exist"), ("?page=abc", "does not exist"), ("?page=0", "does not exist"),
    ("?page=99999999999999999999", "does not exist"), ("?from=2026-13-45", "is not a date"),
    ("?to=yesterday", "is not a date"), ("?from=9999-12-31&to=9999-12-31", None),
    ("?from=0001-01-01", None), ("?region=mars", "Unknown region"), ("?status=lost", "Unknown status"),
    ("?size=huge", "Unknown size"), ("?language=xx", "Unknown language"), ("?demo=maybe", "Unknown demo"),
    ("?q=" + "a" * 5000, "cut to 200"), ("?q=%5C", None), ("?region=%3Cb%3E", "Unknown region"),
])
def test_malformed_filters_are_ignored_with_a_notice(client, varied, reviewer, query, notice):
    page = client.get(LIST + query)
    assert page.status_code == 200
    if notice:
        assert notice in page.get_data(as_text=True)


def test_a_response_is_shown_in_full_with_labels(client, workshop_questionnaire, reviewer):
    found = add_response(workshop_questionnaire, {
        "consent_participate": True, "org_type": {"other": "Cooperative"}, "org_size": "small",
        "country": "KE", "sector": ["telecom", "health"], "why_care": "Because it matters"})
    html = client.get(f"{LIST}{found.id}").get_data(as_text=True)
    for shown in ("Yes", "Other: Cooperative", "Kenya", "Telecommunications", "Because it matters",
                  "SME · Developing · Africa"):
        assert shown in html, shown
    assert html.index("Kenya") < html.index("Because it matters")  # questionnaire order


def test_retired_and_hidden_questions_are_marked(client, workshop_questionnaire, reviewer):
    found = add_response(workshop_questionnaire, {"country": "KE", "why_care": "Old answer"})
    question = next(q for q in workshop_questionnaire.questions if q.code == "why_care")
    question.retired = True
    db.session.commit()
    html = client.get(f"{LIST}{found.id}").get_data(as_text=True)
    assert "retired question" in html and "Old answer" in html


def test_participant_text_is_escaped_on_the_list_and_the_response(client, workshop_questionnaire, reviewer):
    found = add_response(workshop_questionnaire, {"why_care": XSS[0] + " " + XSS[1],
                                                  "org_type": {"other": XSS[1]}})
    for url in (LIST, f"{LIST}{found.id}", LIST + "?q=%3Cscript%3E"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(f"{LIST}{found.id}").get_data(as_text=True)


def test_a_response_of_another_questionnaire_is_404(client, varied, make_questionnaire, make_user, login):
    other = make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "why", "type": "long_text", "text": {"en": "Why?"}}]}], slug="other-q")
    elsewhere = add_response(other, {"why": "Secret of B"})
    login(make_user("admin"))
    assert client.get(f"{LIST}{elsewhere.id}").status_code == 404
    assert client.get(f"{LIST}{elsewhere.id}/delete").status_code == 404
    assert client.get(f"{LIST}99999999").status_code == 404
    assert client.get(f"{LIST}99999999999999999999").status_code == 404
    assert client.get(f"{LIST}-1").status_code == 404


def test_a_limited_reviewer_cannot_reach_another_questionnaire(client, varied, make_questionnaire, make_user, login):
    other = make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "why", "type": "long_text", "text": {"en": "Why?"}}]}], slug="other-q")
    mine = add_response(other, {"why": "Mine"})
    login(make_user("reviewer", questionnaires=[other]))
    assert client.get("/review/other-q/responses/").status_code == 200
    assert client.get(f"/review/other-q/responses/{mine.id}").status_code == 200
    assert client.get(LIST).status_code == 404
    assert client.get(f"{LIST}{varied['kenya'].id}").status_code == 404
    assert client.get(f"/review/other-q/responses/{varied['kenya'].id}").status_code == 404


def test_invitee_is_shown_only_for_a_named_questionnaire_and_not_to_observers(
        client, workshop_questionnaire, make_user, login):
    invitation = Invitation(questionnaire_id=workshop_questionnaire.id, email="ceo@example.com",
                            token_digest="0" * 64)
    db.session.add(invitation)
    found = add_response(workshop_questionnaire, {"country": "KE"})
    found.invitation_id = invitation.id
    db.session.commit()
    login(make_user("reviewer"))
    assert "ceo@example.com" not in client.get(f"{LIST}{found.id}").get_data(as_text=True)
    workshop_questionnaire.anonymous = False
    db.session.commit()
    assert "ceo@example.com" in client.get(f"{LIST}{found.id}").get_data(as_text=True)
    observer = client.application.test_client()
    login(make_user("observer"), observer)
    assert "ceo@example.com" not in observer.get(f"{LIST}{found.id}").get_data(as_text=True)


def delete(client, response_id):
    url = f"{LIST}{response_id}/delete"
    return post_form(client, LIST, url, {})


@pytest.mark.parametrize("role", ["observer", "reviewer"])
def test_only_admins_may_delete(client, varied, make_user, login, role):
    login(make_user(role))
    kenya = varied["kenya"].id
    assert client.get(f"{LIST}{kenya}/delete").status_code == 403
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(LIST).get_data(as_text=True)).group(1)
    assert client.post(f"{LIST}{kenya}/delete", data={"csrf_token": token}).status_code == 403
    assert db.session.get(Response, kenya) is not None
    assert "Delete this response" not in client.get(f"{LIST}{kenya}").get_data(as_text=True)


def test_deletion_needs_a_post_with_a_csrf_token(client, varied, make_user, login):
    login(make_user("admin"))
    kenya = varied["kenya"].id
    assert client.post(f"{LIST}{kenya}/delete").status_code == 400
    assert client.get(f"{LIST}{kenya}/delete").status_code == 200  # the confirmation page only
    assert db.session.get(Response, kenya) is not None


def placed_in_a_theme(response, questionnaire):
    """Place the answers of ``response`` in a theme of a new analysis run."""
    run = AnalysisRun(questionnaire_id=questionnaire.id, status="done", actor="test")
    db.session.add(run)
    db.session.flush()
    theme = Theme(run_id=run.id, key="fees", source="discovered", label="Fees")
    db.session.add(theme)
    db.session.flush()
    for answer in response.answers:
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id))
    db.session.commit()


def test_an_admin_deletes_a_response_its_answers_go_and_the_audit_stays(
        client, varied, workshop_questionnaire, make_user, login):
    admin = make_user("admin")
    login(admin)
    kenya = varied["kenya"].id
    placed_in_a_theme(varied["kenya"], workshop_questionnaire)
    assert db.session.scalar(select(func.count()).select_from(ThemeAssignment)) == 3
    done = delete(client, kenya)
    assert done.status_code == 302 and done.headers["Location"].endswith(LIST)
    db.session.expire_all()
    assert db.session.get(Response, kenya) is None
    assert db.session.scalar(select(func.count()).where(Answer.response_id == kenya)) == 0
    assert db.session.scalar(select(func.count()).select_from(ThemeAssignment)) == 0  # cascaded
    entry = db.session.scalars(select(AuditEntry).filter_by(action="delete_response")).one()
    assert entry.actor == f"{admin.name} <{admin.email}>" and entry.user_id == admin.id
    assert entry.summary == f"Deleted response #{kenya} (completed, en)"
    assert entry.detail["response_id"] == kenya and entry.detail["answers"] == 3
    assert "Fees" not in str(entry.detail) and "Fees" not in entry.summary  # no answer content
    page = client.get(LIST).get_data(as_text=True)
    assert f"Deleted response #{kenya}" in page and "were deleted" in page
    assert delete(client, kenya).status_code == 404  # gone for good
