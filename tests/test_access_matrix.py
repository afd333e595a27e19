"""Every review route × every role: who may read, who may change, and nobody reaches an
object through a URL of a questionnaire they may not see.

The routes are read from the app itself, so a new route is checked the day it is added
(and a route without a declared permission fails here).
"""

import re

import pytest
from markupsafe import escape

from conftest import PASSWORD
from helpers import add_response, csrf_token, log_in
from survey.auth.access import PERMISSIONS
from survey.extensions import db
from survey.invitations import invite
from survey.models import AnalysisRun, CatalogueEntry, Contact, Job, Theme, ThemeAssignment

XSS = '<script>alert("xss")</script>"><img src=x onerror=alert(1)>'
ROLES = ("observer", "reviewer", "admin")
#: Routes outside /review/ that are part of the review area.
EXTRA = {"auth.logout"}
#: The permission each endpoint must declare: a route cannot quietly drop its check.
EXPECTED = {
    "review.delete_response": "delete_response", "review.delete_response_form": "delete_response",
    "review.users": "manage_users", "review.create_user": "manage_users",
    "review.change_user": "manage_users", "review.set_status": "manage_questionnaires",
    "reports.index": "export", "reports.data": "export",
    "reports.report": "export", "themes.start_run": "analyse", "themes.merge_theme": "analyse",
    "themes.move_answer": "analyse", "themes.highlight_answer": "analyse",
    "themes.rename_theme": "analyse", "themes.split_theme": "analyse", "themes.add_note": "analyse",
    "themes.catalogue_add": "analyse", "themes.catalogue_edit": "analyse",
    "themes.catalogue_retire": "analyse",
    "contacts.index": "send_mail", "contacts.import_contacts": "send_mail",
    "contacts.contact": "send_mail", "contacts.erase_form": "send_mail", "contacts.erase": "send_mail",
    "mail.templates": "send_mail", "mail.create_template": "send_mail", "mail.edit": "send_mail",
    "invitations.prepare": "send_mail", "invitations.send": "send_mail",
    "invitations.schedule": "manage_questionnaires",
    "publishing.publish_report": "manage_questionnaires",
    "publishing.unpublish_report": "manage_questionnaires",
}
TEXT_SECTION = [{"code": "main", "title": {"en": "Main"}, "questions": [
    {"code": "relevance", "type": "long_text", "text": {"en": "What is relevant? " + XSS}},
    {"code": "quote_consent", "type": "consent", "text": {"en": "You may quote me."}},
]}]


def add_objects(questionnaire, tag):
    """Give ``questionnaire`` a response with a hostile answer, a run with two themes, a catalogue entry."""
    from sqlalchemy import select

    from survey.models import Answer, Question

    response = add_response(questionnaire, {"relevance": XSS, "quote_consent": True})
    run = AnalysisRun(questionnaire_id=questionnaire.id, question_code="relevance", status="done",
                      progress=100, actor="test", answer_count=1)
    db.session.add(run)
    db.session.flush()
    themes = [Theme(run_id=run.id, key=f"t{n}", source="discovered", label=f"{XSS} {n}",
                    description=XSS, terms=[XSS], position=n) for n in (1, 2)]
    db.session.add_all(themes)
    db.session.flush()
    answer = db.session.scalars(select(Answer).join(Question).filter(
        Answer.response_id == response.id, Question.code == "relevance")).one()
    db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=themes[0].id,
                                   confidence=0.9))
    db.session.add(CatalogueEntry(questionnaire_id=questionnaire.id, key=f"entry-{tag}", title=XSS,
                                  description=XSS))
    contact = Contact(email=f"{tag}@example.org", name=XSS, organisation=XSS, language="en",
                      consent=True)
    db.session.add(contact)
    db.session.flush()
    invite(questionnaire, contact.email, XSS, contact=contact)
    job = Job(kind="mail", arguments={"template": XSS}, status="done", actor=XSS,
              questionnaire_id=questionnaire.id)
    db.session.add(job)
    db.session.commit()
    return {"slug": questionnaire.slug, "response_id": response.id, "run_id": run.id,
            "theme_id": themes[0].id, "answer_id": answer.id, "key": f"entry-{tag}",
            "contact_id": contact.id, "job_id": job.id}


@pytest.fixture
def world(app, make_questionnaire, make_user):
    """Return two questionnaires' objects, users of every role and one limited to the second."""
    first = make_questionnaire(TEXT_SECTION, slug="first-q")
    second = make_questionnaire(TEXT_SECTION, slug="second-q")
    users = {role: make_user(role) for role in ROLES}
    users["limited"] = make_user("reviewer", email="limited@example.org", questionnaires=[second])
    return {"a": add_objects(first, "a"), "b": add_objects(second, "b"), "users": users}


def review_routes(app):
    """Return ``(rule, endpoint, method)`` for every route of the review area."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/review") or rule.endpoint in EXTRA:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule, rule.endpoint, method))
    return found


def url_for_rule(rule, objects, users):
    """Return a URL of ``rule`` filled with ``objects`` (ids of one questionnaire)."""
    values = dict(objects, user_id=users["observer"].id, kind="csv", name="completions",
                  template_name="invitation", language="fr")
    missing = set(rule.arguments) - set(values)
    assert not missing, f"{rule.rule}: the matrix has no value for {missing}; add one"
    return rule.build({arg: values[arg] for arg in rule.arguments}, append_unknown=False)[1]


def request(client, method, url, token):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token})


def fresh_client(app, user=None):
    """Return a test client logged in as ``user`` (or anonymous) and a CSRF token of its session."""
    client = app.test_client()
    if user is not None:
        assert log_in(client, user.email, PASSWORD).status_code == 302
    page = client.get("/review/" if user else "/login")
    return client, csrf_token(page.get_data(as_text=True))


def test_every_review_route_declares_a_permission(app):
    for rule, endpoint, _method in review_routes(app):
        if endpoint in EXTRA:
            continue
        permission = getattr(app.view_functions[endpoint], "permission", None)
        assert permission in PERMISSIONS, f"{rule.rule} ({endpoint}) has no permission check"
        assert permission == EXPECTED.get(endpoint, "view"), f"{endpoint} declares {permission}"


def test_anonymous_users_are_sent_to_the_login_page(app, world):
    client, token = fresh_client(app)
    for rule, endpoint, method in review_routes(app):
        if endpoint in EXTRA:
            continue
        response = request(client, method, url_for_rule(rule, world["a"], world["users"]), token)
        assert response.status_code == 302, (method, rule.rule, response.status_code)
        assert response.headers["Location"].startswith("/login?next="), rule.rule


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_what_its_permissions_allow_and_nothing_else(app, world, role):
    user = world["users"][role]
    client, token = fresh_client(app, user)
    problems = []
    # Reads first, then changes (a change may remove what a later read needs).
    for rule, endpoint, method in sorted(review_routes(app), key=lambda r: r[2] != "GET"):
        if endpoint in EXTRA:
            continue
        url = url_for_rule(rule, world["a"], world["users"])
        response = request(client, method, url, token)
        allowed = role in PERMISSIONS[app.view_functions[endpoint].permission]
        status = response.status_code
        if not allowed and status != 403:
            problems.append(f"{method} {url}: {status}, expected 403")
        elif allowed and (status in (401, 403) or status >= 500 or (method == "GET" and status >= 400)):
            problems.append(f"{method} {url}: {status} for a {role}")
        if method == "GET" and response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            if "<script>alert" in html or "<img src=x" in html:
                problems.append(f"GET {url}: participant text not escaped")
    assert not problems, "\n".join(problems)


def test_a_user_limited_to_one_questionnaire_cannot_reach_the_other(app, world):
    client, token = fresh_client(app, world["users"]["limited"])
    for rule, endpoint, method in review_routes(app):
        if "slug" not in rule.arguments:
            continue
        response = request(client, method, url_for_rule(rule, world["a"], world["users"]), token)
        # Not found, as if it did not exist; unless the role may not do this anywhere.
        expected = 404 if "reviewer" in PERMISSIONS[app.view_functions[endpoint].permission] else 403
        assert response.status_code == expected, (method, rule.rule, response.status_code)
    # ...while their own questionnaire opens.
    assert client.get(f"/review/{world['b']['slug']}/").status_code == 200


def test_ids_of_one_questionnaire_under_another_slug_are_not_found(app, world):
    client, token = fresh_client(app, world["users"]["admin"])
    mixed = dict(world["a"], slug=world["b"]["slug"])
    checked = 0
    for rule, endpoint, method in sorted(review_routes(app), key=lambda r: r[2] != "GET"):
        ids = set(rule.arguments) - {"slug", "kind", "name", "user_id", "contact_id",
                                     "template_name", "language"}
        if "slug" not in rule.arguments or not ids:
            continue
        response = request(client, method, url_for_rule(rule, mixed, world["users"]), token)
        assert response.status_code == 404, (method, rule.rule, response.status_code)
        checked += 1
    assert checked >= 10


def test_hostile_text_is_shown_escaped_where_it_is_read(app, world):
    client, _token = fresh_client(app, world["users"]["admin"])
    objects = world["a"]
    pages = [f"/review/{objects['slug']}/responses/{objects['response_id']}",
             f"/review/{objects['slug']}/responses/",
             f"/review/{objects['slug']}/themes/runs/{objects['run_id']}/",
             f"/review/{objects['slug']}/themes/runs/{objects['run_id']}/themes/{objects['theme_id']}/",
             f"/review/{objects['slug']}/themes/catalogue/",
             f"/review/{objects['slug']}/invitations/", f"/review/contacts/{objects['contact_id']}",
             "/review/contacts/", f"/review/{objects['slug']}/invitations/jobs/{objects['job_id']}"]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert str(escape(XSS)) in html or str(escape(XSS[:20])) in html, url
        assert not re.search(r"<script>alert|<img src=x", html), url


def test_review_pages_carry_the_security_headers(app, world):
    client, _token = fresh_client(app, world["users"]["reviewer"])
    response = client.get(f"/review/{world['a']['slug']}/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_roles_are_what_the_committee_agreed():
    """Observers read; reviewers also analyse, correct and export; admins may do everything."""
    def permissions_of(role):
        return {permission for permission, roles in PERMISSIONS.items() if role in roles}

    assert permissions_of("observer") == {"view"}
    assert permissions_of("reviewer") == {"view", "analyse", "export"}
    assert permissions_of("admin") == set(PERMISSIONS)


def test_the_tab_of_the_page_is_marked_current(app, world):
    client, _token = fresh_client(app, world["users"]["admin"])
    objects = world["a"]
    pages = {f"/review/{objects['slug']}/": "Overview",
             f"/review/{objects['slug']}/responses/{objects['response_id']}": "Responses",
             f"/review/{objects['slug']}/themes/runs/{objects['run_id']}/": "Themes",
             f"/review/{objects['slug']}/themes/catalogue/": "Catalogue",
             f"/review/{objects['slug']}/reports/": "Reports and data",
             f"/review/{objects['slug']}/invitations/jobs/{objects['job_id']}": "Invitations"}
    for url, tab in pages.items():
        current = re.findall(r'aria-current="page">([^<]+)<', client.get(url).get_data(as_text=True))
        assert current == [tab], (url, current)
