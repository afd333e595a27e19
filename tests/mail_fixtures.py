"""Fixtures of the mail tests (a plugin of tests/conftest.py): a real SMTP server on a free
loopback port (aiosmtpd), an app that sends to it, and imported contacts."""

import email
import email.policy
import socket
import threading

import pytest

MAIL_SECTIONS = [{"code": "one", "title": {"en": "One", "fr": "Un"}, "questions": [
    {"code": "story", "type": "long_text", "text": {"en": "Story", "fr": "Histoire"}}]}]


class Inbox:
    """What the server received, and what it should do to the next messages."""

    def __init__(self):
        self.messages = []
        self.refuse = {}  #: address -> (code, text) refused for good at RCPT
        self.fail_rcpt = []  #: (code, text) answered to the next RCPTs, then accept
        self.hold = None  #: an Event the server waits for before answering DATA
        self.holding = threading.Event()  #: set while a DATA is held
        self.arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            code, text = self.refuse[address]
            return f"{code} {text}"
        if self.fail_rcpt:
            code, text = self.fail_rcpt.pop(0)
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.hold is not None:
            self.holding.set()
            while not self.hold.is_set():
                await asyncio.sleep(0.05)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 Message accepted"

    def to(self, address):
        """Return the messages received for ``address``."""
        return [m for m in self.messages if address in m["To"]]

    def wait_for(self, count, timeout=60):
        """Wait until ``count`` messages arrived; return them."""
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.messages) >= count, timeout), self.messages
        return self.messages


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox():
    """Return the :class:`Inbox` of an SMTP server running for this test."""
    from aiosmtpd.controller import Controller

    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    if box.hold is not None:
        box.hold.set()
    controller.stop()


@pytest.fixture
def mail_app(app, inbox):
    """Return the app, sending to ``inbox`` with links on a public address."""
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, MAIL_FROM="IEWSC <iewsc@example.org>",
                      MAIL_PER_MINUTE=0, SMTP_RETRY_DELAY=0, SMTP_RETRIES=2, SMTP_TIMEOUT=10,
                      BASE_URL="https://engage.example.org")
    return app


@pytest.fixture
def mail_questionnaire(make_questionnaire):
    return make_questionnaire(MAIL_SECTIONS)


CONTACTS_CSV = """email,name,organisation,country,size,language,consent,tags
ada@example.org,Ada Lovelace,Analytical Engines,GB,sme,en,yes,iew-2025
Marie@Example.org,Marie Curie,Institut du radium,France,large,fr,yes,iew-2025
layla@example.org,ليلى,شركة الاتصالات,EG,large,ar,yes,iew-2025
nobody@example.org,No Consent,Somewhere,KE,sme,en,no,iew-2025
"""


@pytest.fixture
def contacts_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS_CSV, encoding="utf-8")
    return path


@pytest.fixture
def imported(runner, contacts_file):
    """Import the four contacts of CONTACTS_CSV."""
    from survey.cli import cli

    result = runner.invoke(cli, ["contacts", "import", str(contacts_file)])
    assert result.exit_code == 0, result.output
    return result
