"""Languages: which one a page is shown in, and its writing direction."""

from babel import Locale, UnknownLocaleError
from flask import g, request

#: Languages written right to left (Arabic is one of the six UN languages).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ku"})
#: Languages the interface strings are translated into: the six official UN languages.
INTERFACE_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def select_locale():
    """Return the language of the current page (chosen by the view, else the browser's)."""
    language = g.get("language")
    if language:
        return language
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or "en"


def language_name(code):
    """Return the name of language ``code`` in that language (``fr`` -> ``français``)."""
    try:
        return Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code


def page_language():
    """Return the language the current page is shown in ("en", "fr", "ar"...)."""
    from flask_babel import get_locale

    return str(get_locale() or "en").split("_")[0]


def text_in(texts, language, fallback="en"):
    """Return the text of a per-language mapping in ``language``, else in ``fallback``."""
    if not texts:
        return ""
    return texts.get(language) or texts.get(fallback) or next(iter(texts.values()))


def use_language(code):
    """Show the rest of the current request in language ``code``."""
    from flask_babel import refresh

    g.language = code
    refresh()


def init_app(app):
    """Give templates the page language and its direction."""

    @app.before_request
    def forget_language():
        # Each request chooses its language afresh (tests share one app context).
        from flask_babel import refresh

        g.pop("language", None)
        refresh()

    @app.context_processor
    def language_context():
        language = page_language()
        return {
            "page_language": language,
            "page_direction": "rtl" if language in RTL_LANGUAGES else "ltr",
            "language_name": language_name,
        }
