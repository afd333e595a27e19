"""Requests no page of Engage can answer: refused with a clear 400 before any lookup."""

import pytest


@pytest.mark.parametrize("url", [
    "/s/a%00b/", "/s/test-q/r/%00%00%00/p/one", "/review/a%00b/", "/review/?q=%00",
    "/review/iew-2026-industry/?demo=%00", "/review/iew-2026-industry/responses/?q=%00%00",
    "/s/x/?lang=%1b", "/login?next=/%0d%0a"])
def test_addresses_with_control_characters_are_refused_clearly(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "characters that are not allowed" in response.get_data(as_text=True)
