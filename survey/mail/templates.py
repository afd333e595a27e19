"""Message templates: the built-in ones (``data/*.yaml``, six languages each), the copies
administrators edit in the database, checking an edit, and rendering a message.

Templates are Jinja in a sandbox: they see only the variables of their kind, and an
unknown variable is an error when the template is saved, not when it is sent.
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape
from sqlalchemy import select

from survey.extensions import db
from survey.models import MAIL_LANGUAGES, MESSAGE_KINDS, MessageTemplate, utc_now

#: The variables each kind of message may use.
VARIABLES = {
    "invitation": {"name", "questionnaire", "workshop", "link", "minutes", "closes_on"},
    "reminder": {"name", "questionnaire", "workshop", "link", "minutes", "closes_on"},
    "thank_you": {"name", "questionnaire", "workshop"},
    "letter": {"name", "workshop", "report_link", "next_workshop", "next_link"},
}
#: The variable a kind of message is pointless without.
REQUIRED = {"invitation": "link", "reminder": "link", "letter": "report_link"}
#: Variables holding addresses, shown as links in the HTML part.
LINKS = ("link", "report_link", "next_link", "unsubscribe_link")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
RTL = {"ar"}

_text_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                 keep_trailing_newline=False)
_html_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@dataclass
class Rendered:
    """A message ready to send: subject, plain text and HTML, in one language."""

    language: str
    subject: str
    text: str
    html: str  #: the whole HTML document sent
    body: Markup | None = None  #: the HTML made from the text (safe to show in a page), if it was


@cache
def builtin():
    """Return ``{name: {"kind": kind, language: {"subject", "text"}}}`` shipped with Engage."""
    folder = resources.files("survey.mail") / "data"
    return {kind: yaml.safe_load((folder / f"{kind}.yaml").read_text(encoding="utf-8"))
            for kind in MESSAGE_KINDS}


@cache
def footers():
    """Return the footer added under every message, per language."""
    folder = resources.files("survey.mail") / "data"
    return yaml.safe_load((folder / "footer.yaml").read_text(encoding="utf-8"))


def seed():
    """Store the built-in templates missing from the database (an admin's edit is kept)."""
    have = set(db.session.execute(select(MessageTemplate.name, MessageTemplate.language)).all())
    for name, content in builtin().items():
        for language in MAIL_LANGUAGES:
            if (name, language) not in have:
                text = content[language]
                db.session.add(MessageTemplate(name=name, kind=content["kind"], language=language,
                                               subject=text["subject"].strip(),
                                               text=text["text"].rstrip() + "\n"))
    db.session.flush()


def names(kind=None):
    """Return ``[(name, kind)]`` of the stored templates (of ``kind``), sorted by name."""
    seed()
    query = select(MessageTemplate.name, MessageTemplate.kind).distinct()
    if kind:
        query = query.where(MessageTemplate.kind == kind)
    return sorted(db.session.execute(query).all())


def template_for(name, language):
    """Return template ``name`` in ``language`` (else in English), or None if there is none."""
    seed()
    rows = {t.language: t for t in db.session.scalars(
        select(MessageTemplate).where(MessageTemplate.name == name))}
    return rows.get(language) or rows.get("en")


def problems(kind, subject, text, html):
    """Return what is wrong with an edited template (syntax, unknown variables), as strings."""
    from flask_babel import gettext as _

    found, in_text = [], set()
    allowed = VARIABLES[kind]
    for label, source, env in ((_("Subject"), subject, _text_env), (_("Text"), text, _text_env),
                               (_("HTML"), html or "", _html_env)):
        try:
            used = meta.find_undeclared_variables(env.parse(source))
            in_text |= used if source is text else set()
        except TemplateSyntaxError as error:
            found.append(_("%(part)s, line %(line)d: %(error)s", part=label, line=error.lineno,
                           error=error.message))
            continue
        unknown = sorted(used - allowed)
        if unknown:
            found.append(_("%(part)s uses unknown variables: %(names)s (allowed: %(allowed)s).",
                           part=label, names=", ".join(unknown), allowed=", ".join(sorted(allowed))))
    required = REQUIRED.get(kind)
    if required and required not in in_text:
        found.append(_("The text must contain {{ %(name)s }}: the message is pointless without it.",
                       name=required))
    return found


def _html_from_text(text, values):
    """Return the HTML paragraphs of rendered ``text``, its links made clickable."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        html = str(escape(block)).replace("\n", "<br>\n")
        for name in LINKS:
            url = values.get(name)
            if url:
                link = f'<a href="{escape(url)}" dir="ltr">{escape(url)}</a>'  # whole in Arabic text
                html = html.replace(str(escape(url)), link)
        paragraphs.append(f"<p>{html}</p>")
    return "\n".join(paragraphs)


def _document(language, body, footer):
    direction = "rtl" if language in RTL else "ltr"
    return (f'<!doctype html>\n<html lang="{language}" dir="{direction}"><head><meta charset="utf-8">'
            f"</head>\n<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\">\n"
            f"{body}\n<hr>\n<p style=\"font-size: small; color: #555\">{footer}</p>\n</body></html>\n")


def render(template, values):
    """Return the :class:`Rendered` message of ``template`` with ``values`` (all of its kind's
    variables, plus ``unsubscribe_link``)."""
    subject = " ".join(_text_env.from_string(template.subject).render(values).split())
    text = _text_env.from_string(template.text).render(values).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    footer_source = footers().get(template.language) or footers()["en"]
    footer_text = _text_env.from_string(footer_source).render(values)
    if template.html:
        body = _html_env.from_string(template.html).render(values)
    else:
        body = _html_from_text(text, values)
    footer_html = _html_from_text(footer_text, values).removeprefix("<p>").removesuffix("</p>")
    return Rendered(language=template.language, subject=subject,
                    text=f"{text}\n\n-- \n{footer_text}\n",
                    html=_document(template.language, Markup(body), Markup(footer_html)),
                    body=None if template.html else Markup(body))


def save(template, subject, text, html, actor):
    """Store an admin's edit of ``template`` (already checked with :func:`problems`)."""
    template.subject, template.text = subject.strip(), text.rstrip() + "\n"
    template.html = html.strip() or None
    template.updated_on, template.updated_by = utc_now(), actor
