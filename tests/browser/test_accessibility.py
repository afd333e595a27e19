"""axe-core's WCAG 2.1 A/AA rules on the pages every visitor meets first."""

import pytest

pytestmark = pytest.mark.browser


def test_the_welcome_and_first_page_have_no_violation(workshop_questionnaire, live_server, context,
                                                     assert_accessible):
    page = context.new_page()
    page.goto(f"{live_server}/s/{workshop_questionnaire.slug}/")
    assert_accessible(page)
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/p/**")
    assert_accessible(page)


def test_the_check_finds_a_violation(live_server, context, axe_violations):
    """The check itself works: an image without a text alternative is reported."""
    page = context.new_page()
    page.goto(f"{live_server}/health")
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')
    assert any(line.startswith("image-alt") for line in axe_violations(page))
