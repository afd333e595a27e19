"""A participant fills in a questionnaire page by page and submits it exactly once."""

from markupsafe import escape
from sqlalchemy import func, select

from helpers import KEY_FIELD, csrf_token
from survey.extensions import db
from survey.models import Answer, Question, Response

TEXT_SECTION = [{"code": "intro", "title": {"en": "Intro"}, "questions": [
    {"code": "name_of_thing", "type": "short_text", "text": {"en": "Short?", "fr": "Court ?"}},
    {"code": "story", "type": "long_text", "text": {"en": "Long?"}, "required": True},
]}]


def answers_of(response_id):
    rows = db.session.execute(select(Question.code, Answer.value, Answer.text).join(Answer)
                              .where(Answer.response_id == response_id)).all()
    return {code: (value, text) for code, value, text in rows}


def only_response():
    return db.session.scalars(select(Response)).one()


def test_welcome_page_shows_purpose_time_and_privacy(client, workshop_questionnaire):
    page = client.get("/s/iew-2026-industry/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Why we ask" in html and "Privacy" in html and "minutes" in html
    assert '<html lang="en" dir="ltr">' in html


def test_welcome_page_in_french(client, workshop_questionnaire):
    html = client.get("/s/iew-2026-industry/?lang=fr").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in html
    assert str(escape(workshop_questionnaire.title["fr"])) in html


def test_pages_are_saved_when_moving_on_and_resume_link_returns(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION + [{"code": "end", "title": {"en": "End"}, "questions": [
        {"code": "last", "type": "short_text", "text": {"en": "Last?"}}]}])
    p = participant("test-q")
    first = p.start()
    assert "Your personal link" in first.get_data(as_text=True)
    moved = p.post("intro", {"name_of_thing": "Widget", "story": "Once upon a time"})
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/p/end")
    assert answers_of(only_response().id) == {"name_of_thing": ("Widget", "Widget"),
                                               "story": ("Once upon a time", "Once upon a time")}
    # A new browser with only the personal link finds the answers where they were left.
    other_browser = client.application.test_client()
    resumed = other_browser.get(f"/s/test-q/r/{p.token}/", follow_redirects=True)
    assert "Last?" in resumed.get_data(as_text=True)
    back = other_browser.get(f"/s/test-q/r/{p.token}/p/intro").get_data(as_text=True)
    assert "Once upon a time" in back and 'value="Widget"' in back


def test_required_question_blocks_next_but_not_back_or_save(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    refused = p.post("intro", {"name_of_thing": "kept", "story": "  "})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'class="error-summary"' in html and 'href="#question-story"' in html
    assert 'id="error-story"' in html and 'value="kept"' in html
    assert answers_of(only_response().id) == {}
    saved = p.post("intro", {"name_of_thing": "kept", "story": ""}, action="save")
    assert saved.status_code == 302
    assert answers_of(only_response().id) == {"name_of_thing": ("kept", "kept")}


def test_clearing_an_answer_removes_it(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    p.post("intro", {"name_of_thing": "first", "story": "x"})
    p.post("intro", {"name_of_thing": "", "story": "x"})
    assert answers_of(only_response().id) == {"story": ("x", "x")}


def test_submit_twice_and_from_two_tabs_completes_one_response(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    p.post("intro", {"story": "done"})
    review = client.get(f"/s/test-q/r/{p.token}/review").get_data(as_text=True)
    token = csrf_token(review)
    data = {"csrf_token": token, "lang": "en"}
    first = client.post(f"/s/test-q/r/{p.token}/submit", data=data)
    second = client.post(f"/s/test-q/r/{p.token}/submit", data=data)  # the other tab
    assert first.headers["Location"] == second.headers["Location"]
    assert first.headers["Location"].endswith("/thanks")
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert only_response().status == "completed"
    thanks = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Thank you" in thanks
    # Going back to a page after submitting shows the thank-you page, changes nothing.
    late = p.post("intro", {"story": "changed"}, token=token)
    assert late.headers["Location"].endswith("/thanks")
    assert answers_of(only_response().id)["story"][0] == "done"


def test_double_click_on_start_makes_one_response(client, make_questionnaire):
    make_questionnaire(TEXT_SECTION)
    html = client.get("/s/test-q/").get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), "idempotency_key": KEY_FIELD.search(html).group(1),
            "lang": "en"}
    cookie_before = client.get_cookie("session").value
    first = client.post("/s/test-q/start", data=data)
    # The second click left before the first answer set the new cookie.
    client.set_cookie("session", cookie_before)
    again = client.post("/s/test-q/start", data=data)
    assert again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_second_tab_start_continues_the_response_in_progress(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    p.start()  # a second tab of the same browser opens the link and presses Start
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_submit_refused_while_required_answers_are_missing(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    refused = p.submit()
    assert refused.status_code == 422
    assert "Some required answers are missing" in refused.get_data(as_text=True)
    assert only_response().status == "in_progress"


def test_expired_csrf_token_gives_the_page_back_with_the_answers(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    expired = p.post("intro", {"name_of_thing": "typed", "story": "long text typed"}, token="expired")
    html = expired.get_data(as_text=True)
    assert expired.status_code == 400
    assert "nothing was saved yet" in html
    assert 'value="typed"' in html and "long text typed" in html
    assert answers_of(only_response().id) == {}
    again = p.post("intro", {"name_of_thing": "typed", "story": "long text typed"},
                   token=csrf_token(html))
    assert again.status_code == 302
    assert answers_of(only_response().id)["story"][0] == "long text typed"


def test_expired_session_cookie_also_keeps_the_answers(client, make_questionnaire, participant):
    make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    token = csrf_token(client.get(p.page_url("intro")).get_data(as_text=True))
    client.delete_cookie("session")
    expired = p.post("intro", {"story": "after a long lunch"}, token=token)
    assert expired.status_code == 400
    assert "after a long lunch" in expired.get_data(as_text=True)


def test_closed_and_draft_questionnaires_show_a_clear_page(client, make_questionnaire, participant):
    questionnaire = make_questionnaire(TEXT_SECTION)
    p = participant("test-q")
    p.start()
    questionnaire.status = "closed"
    db.session.commit()
    page = client.get("/s/test-q/")
    assert page.status_code == 200 and "This questionnaire is closed" in page.get_data(as_text=True)
    refused = p.post("intro", {"story": "too late"}, token=csrf_token(
        client.get(p.page_url("intro")).get_data(as_text=True)))
    assert refused.status_code == 403 and "closed" in refused.get_data(as_text=True)
    questionnaire.status = "draft"
    db.session.commit()
    assert "not open yet" in client.get("/s/test-q/").get_data(as_text=True)


def test_right_to_left_language_sets_dir_and_any_language_works(client, make_questionnaire, participant):
    make_questionnaire([{"code": "intro", "title": {"en": "Intro", "ar": "مقدمة"}, "questions": [
        {"code": "story", "type": "long_text", "text": {"en": "Story?", "ar": "ما قصتك؟"}}]}],
        languages=("en", "ar", "zh"))
    html = client.get("/s/test-q/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    p = participant("test-q")
    page = p.start(lang="ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and "ما قصتك؟" in page
    # A text missing in Chinese falls back to the default language.
    chinese = client.get(p.page_url("intro") + "?lang=zh").get_data(as_text=True)
    assert '<html lang="zh" dir="ltr">' in chinese and "Story?" in chinese
