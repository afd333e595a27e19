"""Talking to the mail server: one connection per batch, a pace, and the difference
between a temporary refusal (tried again later) and a permanent one (recorded)."""

import re
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY, SMTPUTF8
from email.utils import formataddr, formatdate, make_msgid, parseaddr


class MailError(Exception):
    """Sending failed; ``str()`` says how, in the server's words."""


class TemporaryFailure(MailError):
    """The server or the network said "not now" (4xx, dropped connection, time-out)."""


class Unreachable(TemporaryFailure):
    """The mail server cannot be reached at all."""


class PermanentFailure(MailError):
    """The server refused this recipient or message for good (5xx)."""


class UncertainFailure(MailError):
    """The connection dropped after the content was sent: the server may have the message.

    Never sent again (at most once): the message is marked uncertain for a person to check.
    """


class BatchFailure(MailError):
    """Nothing can be sent with these settings (no sender, login refused): stop the batch."""


def build(config, to_name, to_address, rendered, unsubscribe_url, key):
    """Return the :class:`EmailMessage` of ``rendered`` for one recipient.

    Every message carries RFC 8058 one-click unsubscribe headers, so that mail programs
    offer an "Unsubscribe" button that works without opening the message.
    """
    sender = config.get("MAIL_FROM")
    if not sender or "@" not in parseaddr(sender)[1]:
        raise BatchFailure("ENGAGE_MAIL_FROM is not set to a sender address, e.g. "
                           "'IEWSC <iewsc@example.org>'")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((" ".join((to_name or "").split()), to_address))
    message["Subject"] = rendered.subject
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(idstring=key.replace("/", "."), domain=domain)
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    message["Content-Language"] = rendered.language  # after the body: set_content drops Content-*
    return message


class Pacer:
    """Keeps messages at most ``per_minute`` a minute (0: no limit)."""

    def __init__(self, per_minute, clock=time.monotonic, sleep=time.sleep):
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.clock, self.sleep, self.next_at = clock, sleep, None

    def wait(self):
        """Wait until the next message may go."""
        if not self.interval:
            return
        now = self.clock()
        if self.next_at is not None and now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class Mailer:
    """A connection to the configured SMTP server, opened on first use, reopened if dropped."""

    def __init__(self, config, sleep=time.sleep):
        self.config, self.sleep, self.connection = config, sleep, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None

    def _connect(self):
        config = self.config
        try:
            connection = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"],
                                      timeout=config["SMTP_TIMEOUT"])
            if config["SMTP_STARTTLS"]:
                connection.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USER"):
                connection.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        except smtplib.SMTPAuthenticationError as error:
            raise BatchFailure(f"the mail server refused the login: {error.smtp_code} "
                               f"{_text(error.smtp_error)}") from None
        except (smtplib.SMTPException, OSError) as error:
            raise Unreachable(f"cannot reach the mail server {config['SMTP_HOST']}:"
                                   f"{config['SMTP_PORT']}: {error}") from None
        self.connection = connection

    def _send_once(self, message):
        """Send ``message`` in explicit steps, so that a failure before the content went out
        (safe to try again) is told apart from one after it (the server may have it)."""
        if self.connection is None:
            self._connect()
        connection = self.connection
        sender, recipient = parseaddr(message["From"])[1], parseaddr(message["To"])[1]
        options = []
        try:
            connection.ehlo_or_helo_if_needed()
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise TemporaryFailure(f"the mail server did not greet: {error}") from None
        if not (sender + recipient).isascii():
            if not connection.has_extn("smtputf8"):
                raise PermanentFailure("the address is not ASCII and the mail server cannot take it")
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        content = message.as_bytes(policy=SMTPUTF8 if options else SMTP_POLICY)
        try:
            code, reply = connection.mail(sender, options)
            if code != 250:
                connection.rset()
                if code >= 500:
                    raise BatchFailure(f"the mail server refused the sender: {code} {_text(reply)}")
                raise _by_code(code, reply)
            code, reply = connection.rcpt(recipient)
            if code not in (250, 251):
                connection.rset()
                raise _by_code(code, reply)
            code, reply = connection.docmd("data")
            if code != 354:
                connection.rset()
                raise _by_code(code, reply)
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise TemporaryFailure(f"the connection to the mail server failed: {error}") from None
        try:
            connection.send(_dot_stuffed(content))
            code, reply = connection.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise UncertainFailure(f"the connection dropped while the server was taking the "
                                   f"message: {error}") from None
        if code != 250:
            raise _by_code(code, reply)

    def send(self, message):
        """Send ``message``, trying again after temporary failures; raise :class:`MailError`."""
        retries, delay = self.config["SMTP_RETRIES"], self.config["SMTP_RETRY_DELAY"]
        for attempt in range(retries + 1):
            try:
                return self._send_once(message)
            except TemporaryFailure as error:
                if attempt == retries:
                    if isinstance(error, Unreachable):  # no use trying the next message
                        raise BatchFailure(str(error)) from None
                    raise
                self.close()
                self.sleep(delay * 2 ** attempt)


def _dot_stuffed(content):
    """Return message bytes (CRLF lines) as the DATA command sends them, with the final dot."""
    if not content.endswith(b"\r\n"):
        content += b"\r\n"
    return re.sub(rb"(?m)^\.", b"..", content) + b".\r\n"


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _by_code(code, text):
    kind = PermanentFailure if 500 <= code < 600 else TemporaryFailure
    return kind(f"{code} {_text(text)}"[:500])
