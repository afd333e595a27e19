"""Template filters shared by every page."""

from survey.i18n import page_language, text_in


def translate_text(texts, fallback="en"):
    """Return the text of a per-language mapping in the page's language."""
    return text_in(texts, page_language(), fallback)


def paragraphs(text):
    """Return the paragraphs of ``text`` (separated by blank lines)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def present(attributes):
    """Return the HTML attributes of ``attributes`` whose value is set (WTForms prints None)."""
    return {k: v.strip() if isinstance(v, str) else v for k, v in attributes.items()
            if v not in (None, "", False)}


def init_app(app):
    """Register the filters."""
    app.add_template_filter(translate_text, "tr")
    app.add_template_filter(paragraphs)
    app.add_template_filter(present)
