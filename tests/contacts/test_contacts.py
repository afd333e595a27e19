"""Importing contacts: problems reported by line, nothing half-imported, merged by address;
listing, and erasing on request with what was sent."""

import io

import pytest
from sqlalchemy import select

from conftest import PASSWORD
from helpers import csrf_token, log_in
from survey.cli import cli
from survey.extensions import db
from survey.models import AuditEntry, Contact, Invitation, Message, Response

GOOD = """Email,Name,Organisation,Country,Size,Language,Consent,Tags
ada@example.org,Ada Lovelace,Engines Ltd,GB,SME,English,yes,iew-2025; speakers
ADA@example.org ,,,,,,,iew-2024
zhou@example.org,周,华为,China,large,zh,oui,
"""
BAD = """email,name,country,language,consent
ok@example.org,Fine,FR,fr,yes
not-an-address,Broken,FR,fr,yes
"multi
line"@x,Quoted,FR,fr,yes
three@example.org,Three,Atlantis,xx,maybe
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_import_merges_rows_by_address_and_reads_names_and_codes(app, runner, tmp_path):
    result = runner.invoke(cli, ["contacts", "import", write(tmp_path, "c.csv", GOOD), "--tag", "IEW 2026"])
    assert result.exit_code == 0, result.output
    assert "2 contacts" in result.output and "2 new" in result.output
    ada = db.session.scalars(select(Contact).filter_by(email="ada@example.org")).one()
    assert (ada.name, ada.country, ada.size, ada.language, ada.consent) == (
        "Ada Lovelace", "GB", "sme", "en", True)
    assert ada.tag_names == ["iew-2024", "iew-2025", "iew-2026", "speakers"]
    zhou = db.session.scalars(select(Contact).filter_by(email="zhou@example.org")).one()
    assert (zhou.country, zhou.language, zhou.size, zhou.consent) == ("CN", "zh", "large", True)
    listed = runner.invoke(cli, ["contacts", "list", "--tag", "speakers"]).output
    assert "ada@example.org" in listed and "zhou@example.org" not in listed


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(app, runner, tmp_path):
    result = runner.invoke(cli, ["contacts", "import", write(tmp_path, "bad.csv", BAD)])
    assert result.exit_code != 0 and "nothing was imported" in result.output
    assert "line 3: 'not-an-address' is not an e-mail address" in result.output
    assert "line 5:" in result.output  # the quoted address spans lines 4 and 5
    assert "line 6: unknown country 'Atlantis'" in result.output
    assert "line 6: language must be one of" in result.output
    assert "line 6: consent must be yes or no" in result.output
    assert db.session.query(Contact).count() == 0


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not utf-8 \x00", "not UTF-8"),
    (b"name,organisation\nAda,X\n", "'email'"),
    (b"email\nx@example.org\x00\n", "NUL"),
    (b"PK\x03\x04 broken zip", "not an Excel workbook"),
    (b"", "empty"),
])
def test_unreadable_files_get_a_clear_message(app, runner, tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    result = runner.invoke(cli, ["contacts", "import", str(path)])
    assert result.exit_code != 0 and message in result.output, result.output


def test_an_xlsx_workbook_is_read_with_its_row_numbers(app, runner, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["email", "name", "language"])
    sheet.append(["one@example.org", "One", "ru"])
    sheet.append(["two@example", "Two", "es"])
    path = tmp_path / "contacts.xlsx"
    book.save(path)
    result = runner.invoke(cli, ["contacts", "import", str(path)])
    assert "line 3: 'two@example' is not an e-mail address" in result.output
    sheet["A3"] = "two@example.org"
    book.save(path)
    assert runner.invoke(cli, ["contacts", "import", str(path)]).exit_code == 0
    assert db.session.scalars(select(Contact.language).order_by(Contact.email)).all() == ["ru", "es"]


def test_an_import_never_undoes_an_unsubscribe(app, runner, tmp_path):
    path = write(tmp_path, "c.csv", GOOD)
    runner.invoke(cli, ["contacts", "import", path])
    ada = db.session.scalars(select(Contact).filter_by(email="ada@example.org")).one()
    from survey.models import utc_now

    ada.unsubscribed_on = utc_now()
    db.session.commit()
    assert runner.invoke(cli, ["contacts", "import", path]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(Contact, ada.id).unsubscribed_on is not None


def test_the_admin_page_imports_shows_problems_by_line_and_escapes(app, client, make_user):
    log_in(client, make_user("admin").email, PASSWORD)
    token = csrf_token(client.get("/review/contacts/").get_data(as_text=True))
    hostile = "email,name\n<script>alert(1)</script>@x.org,=HYPERLINK(\"x\")\n"
    refused = client.post("/review/contacts/import", data={
        "csrf_token": token, "file": (io.BytesIO(hostile.encode()), "list.csv")})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Line 2:" in page and "<script>alert" not in page
    ok = "email,name,organisation\nada@example.org,<b>Ada</b>,=1+2\n"
    done = client.post("/review/contacts/import", data={
        "csrf_token": token, "file": (io.BytesIO(ok.encode()), "list.csv"), "tag": "iew-2026"},
        follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "Imported 1 contacts" in page and "&lt;b&gt;Ada&lt;/b&gt;" in page
    assert db.session.scalars(select(AuditEntry.summary).filter_by(action="import_contacts")).one()


def test_erasing_a_contact_removes_what_was_sent_and_their_responses(
        app, client, make_user, make_questionnaire, runner, tmp_path):
    from helpers import Participant
    from survey.invitations import invite

    questionnaire = make_questionnaire([{"code": "one", "title": {"en": "One"}, "questions": [
        {"code": "story", "type": "long_text", "text": {"en": "Story"}}]}])
    runner.invoke(cli, ["contacts", "import", write(tmp_path, "c.csv", GOOD)])
    ada = db.session.scalars(select(Contact).filter_by(email="ada@example.org")).one()
    _invitation, token = invite(questionnaire, ada.email, ada.name, contact=ada)
    db.session.add(Message(key="invitation/x/1", contact_id=ada.id, kind="invitation",
                           template="invitation", language="en", status="sent"))
    db.session.commit()
    participant = app.test_client()
    participant.get(f"/s/test-q/i/{token}")
    p = Participant(participant, "test-q")
    p.start()
    p.post("one", {"story": "mine"})
    p.submit()
    other = Participant(app.test_client(), "test-q")
    other.start()
    log_in(client, make_user("admin").email, PASSWORD)
    form = client.get(f"/review/contacts/{ada.id}/erase").get_data(as_text=True)
    assert "1 messages" in form and "1 invitations" in form and "1 responses" in form
    wrong = client.post(f"/review/contacts/{ada.id}/erase",
                        data={"csrf_token": csrf_token(form), "confirm": "someone@else.org"})
    assert wrong.status_code == 400
    erased = client.post(f"/review/contacts/{ada.id}/erase",
                         data={"csrf_token": csrf_token(form), "confirm": "ada@example.org"})
    assert erased.status_code == 303
    db.session.expire_all()
    assert db.session.get(Contact, ada.id) is None
    assert db.session.query(Message).count() == db.session.query(Invitation).count() == 0
    assert db.session.query(Response).count() == 1  # someone else's response stays
    entry = db.session.scalars(select(AuditEntry).filter_by(action="erase_contact")).one()
    assert "ada@" not in entry.summary + str(entry.detail)
