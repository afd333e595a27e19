"""The overview: counts, the demo toggle, participation tables with suppression, SVG charts."""

import re
import xml.etree.ElementTree as ET

import pytest

from review.review_data import add_many, add_response
from survey.demo import add_demo_responses
from survey.extensions import db

SLUG = "iew-2026-industry"
OVERVIEW = f"/review/{SLUG}/"
XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


def region_rows(html):
    """Return ``{label: (count, percent)}`` of the region table as shown."""
    table = re.search(r'id="table-region">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="num[^"]*">([^<]+)(?:<a[^>]*>\*</a>)?</td>'
                      r'<td class="num[^"]*">([^<]+)</td>', table)
    return {label: (count, percent) for label, count, percent in rows}


@pytest.fixture
def regions(workshop_questionnaire):
    """12 responses from Kenya, 10 from France, 6 from Brazil, 3 from Japan, 2 not saying."""
    q = workshop_questionnaire
    for country, n in (("KE", 12), ("FR", 10), ("BR", 6), ("JP", 3)):
        add_many(q, n, country=country, org_size="small" if country == "KE" else "large")
    add_many(q, 2, org_size="medium")
    add_response(q, {"country": "KE"}, status="in_progress")  # not counted: not completed
    return q


@pytest.mark.parametrize("role", ["observer", "reviewer", "admin"])
def test_every_role_sees_the_overview_and_its_charts(client, regions, make_user, login, role):
    login(make_user(role))
    assert client.get(OVERVIEW).status_code == 200
    for name in ("completions", "region", "size", "development", "org_type", "gender", "age_band"):
        chart = client.get(f"{OVERVIEW}charts/{name}.svg")
        assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
        assert ET.fromstring(chart.data).tag == "{http://www.w3.org/2000/svg}svg"


def test_anonymous_users_are_sent_to_login(client, regions):
    for url in (OVERVIEW, f"{OVERVIEW}charts/region.svg"):
        page = client.get(url)
        assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_region_table_counts_completed_responses_and_suppresses_small_cells(client, regions, make_user, login):
    login(make_user("observer"))
    html = client.get(OVERVIEW).get_data(as_text=True)
    rows = region_rows(html)
    assert rows["Africa"] == ("12", "36")  # 12 of 33 completed
    assert rows["Europe"] == ("10", "30")
    assert rows["The Americas"] == ("6", "18")
    assert rows["CIS"] == ("0", "0")
    # Japan (3) and "not stated" (2) are both under 5: two hidden cells protect each other.
    assert rows["Asia and the Pacific"] == ("&lt;5", "–") and rows["Not stated"] == ("&lt;5", "–")
    assert re.search(r'id="table-region">.*?Total</th><td class="num">33</td>', html, re.S)
    assert 'id="suppression"' in html and "singled out" in html


def test_a_single_small_cell_hides_the_next_smallest_too(client, workshop_questionnaire, make_user, login):
    add_many(workshop_questionnaire, 9, country="KE")
    add_many(workshop_questionnaire, 7, country="FR")
    add_many(workshop_questionnaire, 3, country="JP")
    login(make_user("observer"))
    rows = region_rows(client.get(OVERVIEW).get_data(as_text=True))
    assert rows["Asia and the Pacific"][0] == "&lt;5"
    assert rows["Europe"][0] == "&lt;5"  # else 19 - 9 - 7 would give Japan away
    assert rows["Africa"] == ("9", "47")


def test_charts_do_not_draw_suppressed_counts(app, regions):
    from survey.review.charts import participation_figure

    with app.test_request_context():
        figure = participation_figure(regions, "exclude", "region")
    widths = sorted(bar.get_width() for bar in figure.axes[0].patches if bar.get_width())
    assert widths == [6, 10, 12]  # Japan's 3 and the 2 not stated are not drawn
    assert len(figure.axes[0].patches) == 5  # Africa, Americas, Arab States, CIS, Europe


def test_started_completed_and_rate(client, regions, make_user, login):
    login(make_user("observer"))
    html = client.get(OVERVIEW).get_data(as_text=True)
    assert "<strong>34</strong> responses started" in html
    assert "<strong>33</strong> responses completed" in html
    assert "<strong>97 %</strong>" in html


def test_demo_responses_are_counted_only_when_they_are_all_there_is(client, workshop_questionnaire, make_user, login):
    demo = add_demo_responses(workshop_questionnaire)
    db.session.commit()
    login(make_user("observer"))
    html = client.get(OVERVIEW).get_data(as_text=True)
    assert "only demo responses so far" in html and f"<strong>{demo}</strong> responses started" in html
    add_many(workshop_questionnaire, 2, country="KE")
    html = client.get(OVERVIEW).get_data(as_text=True)
    assert "Demo responses are left out." in html and "<strong>2</strong> responses started" in html
    assert f"{demo} demo responses in all" in html
    assert f"<strong>{demo + 2}</strong> responses started" in client.get(OVERVIEW + "?demo=include").get_data(as_text=True)
    assert f"<strong>{demo}</strong> responses started" in client.get(OVERVIEW + "?demo=only").get_data(as_text=True)
    odd = client.get(OVERVIEW + "?demo=%3Cb%3E")
    assert odd.status_code == 200 and "Unknown demo choice ignored." in odd.get_data(as_text=True)


def test_unknown_chart_and_unknown_questionnaire_are_404(client, regions, make_user, login):
    login(make_user("admin"))
    assert client.get(f"{OVERVIEW}charts/nothing.svg").status_code == 404
    assert client.get(f"{OVERVIEW}charts/..%2F..%2Fetc.svg").status_code == 404
    assert client.get("/review/no-such-questionnaire/").status_code == 404


def test_a_reviewer_limited_to_another_questionnaire_sees_nothing_of_this_one(
        client, regions, make_questionnaire, make_user, login):
    other = make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "country", "type": "country", "text": {"en": "Country?"}}]}], slug="other-q")
    login(make_user("reviewer", questionnaires=[other]))
    assert client.get("/review/other-q/").status_code == 200
    assert client.get(OVERVIEW).status_code == 404
    assert client.get(f"{OVERVIEW}charts/region.svg").status_code == 404


def test_participant_text_never_reaches_the_overview_unescaped(client, workshop_questionnaire, make_user, login):
    for payload in XSS:
        add_many(workshop_questionnaire, 5, country="KE", why_care=payload, org_type={"other": payload},
                 gender={"other": payload})
    login(make_user("observer"))
    html = client.get(OVERVIEW).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    for name in ("org_type", "gender"):
        chart = client.get(f"{OVERVIEW}charts/{name}.svg")
        assert b"alert(1)" not in chart.data
        ET.fromstring(chart.data)


@pytest.mark.parametrize("query", ["?demo=", "?demo=include&demo=only", "?demo=" + "x" * 5000])
def test_odd_query_strings_never_break_the_overview(client, regions, make_user, login, query):
    login(make_user("observer"))
    assert client.get(OVERVIEW + query).status_code == 200
    assert client.get(f"{OVERVIEW}charts/region.svg{query}").status_code == 200


def test_a_choice_no_longer_offered_keeps_its_row(client, workshop_questionnaire, make_user, login):
    add_many(workshop_questionnaire, 6, country="KE", gender="retired_choice")
    add_many(workshop_questionnaire, 5, country="KE", gender="woman")
    login(make_user("observer"))
    html = client.get(OVERVIEW).get_data(as_text=True)
    table = re.search(r'id="table-gender">(.*?)</table>', html, re.S).group(1)
    assert re.search(r'retired_choice</th>\s*<td class="num">6</td>', table)
