"""Follow-up questions appear only for the participants they concern."""

from sqlalchemy import select

from survey.extensions import db
from survey.models import Response

PROFILE = {"org_type": "operator", "org_size": "large", "country": "DE"}


def pages_of(client, p, profile):
    """Return the section codes a participant with ``profile`` walks through."""
    p.start()
    p.post("consent", {"consent_participate": "y"})
    moved = p.post("profile", profile)
    assert moved.status_code == 302, moved.get_data(as_text=True)
    visited = ["consent", "profile"]
    location = moved.headers["Location"]
    while "/p/" in location:
        section = location.split("/p/")[1]
        visited.append(section)
        location = p.post(section, {}).headers["Location"]
    return visited


def test_large_company_in_a_developed_country_skips_both_follow_ups(client, workshop_questionnaire, participant):
    visited = pages_of(client, participant("iew-2026-industry"), PROFILE)
    assert "sme" not in visited and "developing" not in visited
    assert visited[-1] == "closing"


def test_sme_in_a_developing_country_gets_both_follow_ups(client, workshop_questionnaire, participant):
    visited = pages_of(client, participant("iew-2026-industry"),
                       {**PROFILE, "org_size": "small", "country": "KE"})
    assert "sme" in visited and "developing" in visited


def test_changing_the_profile_drops_answers_to_questions_no_longer_shown(
        client, workshop_questionnaire, participant):
    p = participant("iew-2026-industry")
    pages_of(client, p, {**PROFILE, "org_size": "small"})
    p.post("sme", {"sme_support": "Lower fees"})
    p.post("profile", {**PROFILE, "org_size": "large"})
    review = client.get(f"/s/iew-2026-industry/r/{p.token}/review").get_data(as_text=True)
    assert "Lower fees" not in review
    assert p.submit().headers["Location"].endswith("/thanks")
    response = db.session.scalars(select(Response)).one()
    assert "sme_support" not in {a.question.code for a in response.answers}


def test_same_page_condition_is_marked_for_the_script(client, workshop_questionnaire, participant):
    p = participant("iew-2026-industry")
    p.start()
    html = client.get(p.page_url("koi")).get_data(as_text=True)
    assert 'data-show-if="{&#34;field&#34;: &#34;q_intends_contribute&#34;' in html


def test_question_depending_on_an_earlier_page_is_left_out(client, make_questionnaire, participant):
    make_questionnaire([
        {"code": "first", "title": {"en": "First"}, "questions": [
            {"code": "size", "type": "single_choice", "text": {"en": "Size"},
             "choices": [{"code": "small", "label": {"en": "Small"}},
                         {"code": "large", "label": {"en": "Large"}}]}]},
        {"code": "second", "title": {"en": "Second"}, "questions": [
            {"code": "always", "type": "short_text", "text": {"en": "Always asked"}},
            {"code": "small_only", "type": "short_text", "text": {"en": "Only for small"},
             "show_if": {"question": "size", "equals": "small"}}]}])
    p = participant("test-q")
    p.start()
    p.post("first", {"size": "large"})
    html = client.get(p.page_url("second")).get_data(as_text=True)
    assert "Always asked" in html and "Only for small" not in html
    assert p.post("second", {"small_only": "sneaked in"}).status_code == 400
    p.post("first", {"size": "small"})
    assert "Only for small" in client.get(p.page_url("second")).get_data(as_text=True)
