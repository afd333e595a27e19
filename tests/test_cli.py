"""The engage command: init, survey list/open/close/load, demo."""

import re

import pytest
from sqlalchemy import func, select

from survey.cli import cli
from survey.extensions import db
from survey.models import Question, Questionnaire, Response


@pytest.fixture
def engage(runner):
    return lambda *args: runner.invoke(cli, list(args))


def test_init_loads_the_builtin_questionnaires_and_can_run_again(engage):
    first = engage("init")
    assert first.exit_code == 0, first.output
    assert "iew-2026-industry" in first.output and "iewsc-2026-planning" in first.output
    questions = db.session.scalar(select(func.count()).select_from(Question))
    again = engage("init")
    assert again.exit_code == 0, again.output
    assert db.session.scalar(select(func.count()).select_from(Question)) == questions
    assert db.session.scalar(select(func.count()).select_from(Questionnaire)) == 2


def test_survey_open_close_and_list(engage, workshop_questionnaire, participant):
    assert engage("survey", "close", "iew-2026-industry").exit_code == 0
    db.session.expire_all()
    assert workshop_questionnaire.status == "closed"
    assert engage("survey", "open", "iew-2026-industry").exit_code == 0
    p = participant("iew-2026-industry")
    p.start()
    listing = engage("survey", "list").output
    line = next(line for line in listing.splitlines() if line.startswith("iew-2026-industry"))
    assert line.split()[1:4] == ["open", "1", "0"]


def test_unknown_slug_is_a_clear_error(engage, workshop_questionnaire):
    result = engage("survey", "open", "nope")
    assert result.exit_code == 1
    assert "No questionnaire 'nope'" in result.output and "iew-2026-industry" in result.output


def test_list_without_questionnaires_says_what_to_do(engage):
    assert "engage init" in engage("survey", "list").output


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not utf8", "not UTF-8"),
    (b"questionnaire: [unclosed", "not valid YAML"),
    (b"just: text", "must have a 'workshop' and a 'questionnaire'"),
])
def test_load_reports_a_broken_file(engage, tmp_path, content, message):
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    result = engage("survey", "load", str(path))
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_load_reports_a_missing_file(engage, tmp_path):
    result = engage("survey", "load", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1 and "cannot be read" in result.output


def test_demo_prepares_data_without_serving(engage, monkeypatch, migrated):
    monkeypatch.setenv("ENGAGE_DATABASE_URL", migrated)
    result = engage("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/s/iew-2026-industry/" in result.output
    demo = db.session.scalar(select(func.count()).select_from(Response).where(Response.is_demo))
    assert demo >= 30
    again = engage("demo", "--no-serve")
    assert again.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Response)) == demo
    listing = engage("survey", "list").output
    assert "iew-2026-industry" in listing and " open " in listing
    assert f"[{demo} demo responses]" in listing


def test_demo_serves_the_questionnaire(tmp_path):
    """The README's first command: `engage demo` prepares everything and serves the link."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    engage = Path(sys.executable).with_name("engage")
    env = {**os.environ, "ENGAGE_INSTANCE_PATH": str(tmp_path), "ENGAGE_ENV": "development"}
    env.pop("ENGAGE_DATABASE_URL", None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(engage), "demo", "--port", str(port)], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        output, deadline = "", time.monotonic() + 60
        while "Running on" not in output and time.monotonic() < deadline and process.poll() is None:
            output += process.stdout.readline()
        assert f"http://127.0.0.1:{port}/s/iew-2026-industry/" in output, output
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/s/iew-2026-industry/", timeout=10) as page:
            assert page.status == 200
            assert "Start" in page.read().decode()
        # The printed reviewer account opens the review area.
        login = re.search(r"e-mail (\S+)\s+password (\S+)", output)
        assert login, output
        assert review_area_opens(f"http://127.0.0.1:{port}", *login.groups())
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def review_area_opens(base_url, email, password):
    """Log in over HTTP with ``email`` and ``password``; return whether /review/ then opens."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    from helpers import csrf_token

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(f"{base_url}/login", timeout=10) as page:
        token = csrf_token(page.read().decode())
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    with opener.open(f"{base_url}/login", data=form.encode(), timeout=10) as page:
        return page.url.endswith("/review/") and "Review area" in page.read().decode()


def test_themes_command_is_part_of_engage(engage, tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("answer\nfees are too high for small companies\n", encoding="utf-8")
    missing = engage("themes", str(path), "--text-column", "comment")
    assert missing.exit_code != 0 and "'comment' is not in" in missing.output


@pytest.mark.parametrize("show_if, message", [
    ("{question: pick, equals: yes}", "quote yes/no"),
    ("{question: pick, in: [a, off]}", "quote yes/no"),
    ("{question: country, region: oceania}", "region must be one of"),
    ("{question: later, equals: a}", "not an earlier question"),
])
def test_load_reports_a_broken_condition(engage, tmp_path, show_if, message):
    path = tmp_path / "conditions.yaml"
    path.write_text(f"""
workshop: {{code: w, name: {{en: W}}, edition: 2026}}
questionnaire:
  slug: conditions
  kind: pre_workshop
  title: {{en: T}}
  purpose: {{en: P}}
  privacy: {{en: P}}
  sections:
    - code: one
      title: {{en: One}}
      questions:
        - {{code: pick, type: single_choice, text: {{en: Pick}}, choices: [{{code: a, label: {{en: A}}}}]}}
        - {{code: country, type: country, text: {{en: Country}}}}
        - {{code: follow, type: short_text, text: {{en: Follow}}, show_if: {show_if}}}
""", encoding="utf-8")
    result = engage("survey", "load", str(path))
    assert result.exit_code == 1 and message in result.output, result.output


@pytest.mark.parametrize("command", [("survey", "open"), ("survey", "invite"), ("analyze",),
                                     ("export", "--format", "csv", "-o", "out.zip")])
@pytest.mark.parametrize("slug", ["missing", "nul\x00slug", "x" * 500])
def test_every_command_naming_an_unknown_questionnaire_says_so(engage, workshop_questionnaire,
                                                               command, slug):
    split = 2 if command[0] == "survey" else 1
    args = [*command[:split], slug, *command[split:]]
    result = engage(*args, *(["a@example.org"] if command == ("survey", "invite") else []))
    assert result.exit_code == 1 and "No questionnaire" in result.output, result.output
    assert "iew-2026-industry" in result.output and "Traceback" not in result.output
