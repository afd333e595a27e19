"""Admins open and close a questionnaire from its overview; the change is audited."""

from sqlalchemy import select

from review.review_data import post_form
from survey.extensions import db
from survey.models import AuditEntry


def overview_url(questionnaire):
    return f"/review/{questionnaire.slug}/"


def test_an_admin_closes_and_reopens_a_questionnaire(client, login, make_user, workshop_questionnaire):
    admin = make_user("admin")
    login(admin)
    action = f"/review/{workshop_questionnaire.slug}/status"
    page = client.get(overview_url(workshop_questionnaire)).get_data(as_text=True)
    assert 'name="status"' in page and "/s/iew-2026-industry/" in page
    closed = post_form(client, overview_url(workshop_questionnaire), action, {"status": "closed"})
    assert closed.status_code == 302
    db.session.refresh(workshop_questionnaire)
    assert workshop_questionnaire.status == "closed"
    assert "no longer takes answers" in client.get(closed.headers["Location"]).get_data(as_text=True)
    assert "This questionnaire is closed" in client.get("/s/iew-2026-industry/").get_data(as_text=True)
    post_form(client, overview_url(workshop_questionnaire), action, {"status": "open"})
    entries = db.session.scalars(select(AuditEntry).filter_by(action="set_status")
                                 .order_by(AuditEntry.id)).all()
    assert [(e.detail["old"], e.detail["new"]) for e in entries] == [("open", "closed"), ("closed", "open")]
    assert entries[0].user_id == admin.id and entries[0].questionnaire_id == workshop_questionnaire.id


def test_an_unknown_status_is_refused_and_nothing_changes(client, login, make_user, workshop_questionnaire):
    login(make_user("admin"))
    action = f"/review/{workshop_questionnaire.slug}/status"
    for bad in ("archived", "", "open\x00", "<script>"):
        response = post_form(client, overview_url(workshop_questionnaire), action, {"status": bad})
        assert response.status_code == 400
    db.session.refresh(workshop_questionnaire)
    assert workshop_questionnaire.status == "open"
    assert db.session.scalars(select(AuditEntry)).first() is None


def test_reviewers_see_the_status_but_cannot_change_it(client, login, make_user, workshop_questionnaire):
    login(make_user("reviewer"))
    page = client.get(overview_url(workshop_questionnaire)).get_data(as_text=True)
    assert 'name="status"' not in page
    response = post_form(client, overview_url(workshop_questionnaire),
                         f"/review/{workshop_questionnaire.slug}/status", {"status": "closed"})
    assert response.status_code == 403
    db.session.refresh(workshop_questionnaire)
    assert workshop_questionnaire.status == "open"
