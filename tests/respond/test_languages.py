"""Each of the six UN languages: the participant pages show no English left, with lang and dir.

For every language the test walks the workshop questionnaire as a participant would (welcome
page, a question page, check your answers, thank you) and compares each page with the same
page in English: an interface string (from the catalogue) or a questionnaire text that the
English page shows must not appear untranslated on the other one.
"""

import html as html_lib
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import survey

SLUG = "iew-2026-industry"
LANGUAGES = ("fr", "es", "ru", "ar", "zh")
TRANSLATIONS = Path(survey.__file__).resolve().parent / "translations"
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
# Names and codes that every language writes the same way.
SAME_EVERYWHERE = {"ITU-T", "TSAG", "TSB", "IEWSC", "Engage", "CSV", "XLSX", "DOCX", "ZIP"}
# Languages in another script: a message left as the English text is untranslated there.
OTHER_SCRIPTS = {"ru", "ar", "zh"}
# Three answers per question type on the page tested: country, choices, "other" text.
ORGANISATION = {"org_type": "operator", "org_size": "small", "country": "KE"}


def visible_text(page):
    """Return the text a person reads or hears on ``page``: text nodes and labelling attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html_lib.unescape(" ".join([text, *attributes]))


def pattern(message):
    """Return a regular expression finding ``message`` in a page, whatever fills its placeholders.

    None for a message with no English word of three letters or more (a number, a sign).
    """
    if not re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", message)):
        return None
    def words(part):
        core = r"\s+".join(map(re.escape, part.split()))
        return (r"\s*" if part[:1].isspace() else "") + core + (r"\s*" if part[-1:].isspace() else "")

    body = r"\S.{0,80}?".join(words(part) for part in PLACEHOLDER.split(message))
    return re.compile(r"(?<![\w])" + body + r"(?![\w])")


def contains(text, english):
    """Return whether ``text`` shows the English text or message ``english``."""
    found = pattern(english)
    return found is not None and found.search(text) is not None


def catalogue(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def interface_messages(language):
    """Return the English messages that ``language`` translates differently, with fragments."""
    found = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for english in ids:
            if english not in SAME_EVERYWHERE and (english not in strings
                                                   or language in OTHER_SCRIPTS):
                found.append(english)
    return found


def questionnaire_texts(questionnaire, language):
    """Return (English, translated) pairs of every text of the questionnaire."""
    pairs = [(questionnaire.title.get("en"), questionnaire.title.get(language))]
    for section in questionnaire.sections:
        pairs.append((section.title.get("en"), section.title.get(language)))
        for question in section.questions:
            pairs.append((question.text.get("en"), question.text.get(language)))
            for key in ("choices", "rows", "scale"):
                pairs += [(item["label"]["en"], item["label"].get(language))
                          for item in question.options.get(key, [])]
    return [(en, other) for en, other in pairs if en and en != other]


def walk(client, participant, language):
    """Return the four participant pages in ``language``, by name."""
    pages = {"welcome": client.get(f"/s/{SLUG}/?lang={language}")}
    p = participant(SLUG)
    p.start(lang=language)
    assert p.post("consent", {"consent_participate": "y"}, lang=language).status_code == 302
    pages["question"] = client.get(p.page_url("profile"))
    assert p.post("profile", {**ORGANISATION, "sector": ["telecom", "other"],
                              "sector__other": "Satellite"}, lang=language).status_code == 302
    assert p.post("why", {"why_care": "Interoperability."}, lang=language).status_code == 302
    pages["review"] = client.get(f"/s/{SLUG}/r/{p.token}/review")
    review = pages["review"].get_data(as_text=True)
    from helpers import csrf_token

    submitted = client.post(f"/s/{SLUG}/r/{p.token}/submit",
                            data={"csrf_token": csrf_token(review), "lang": language})
    assert submitted.status_code == 302, submitted.get_data(as_text=True)
    pages["thanks"] = client.get(submitted.headers["Location"])
    for name, page in pages.items():
        assert page.status_code == 200, (name, page.get_data(as_text=True)[:500])
    return {name: page.get_data(as_text=True) for name, page in pages.items()}


@pytest.fixture
def english(client, workshop_questionnaire, participant):
    return {name: visible_text(page) for name, page in walk(client, participant, "en").items()}


PAGES = ("welcome", "question", "review", "thanks")


@pytest.mark.parametrize("language", LANGUAGES)
def test_participant_pages_have_no_english_left(client, workshop_questionnaire, participant,
                                                 english, language):
    pages = walk(client, participant, language)
    direction = "rtl" if language == "ar" else "ltr"
    messages = interface_messages(language)
    texts = questionnaire_texts(workshop_questionnaire, language)
    left = []
    for name in PAGES:
        assert f'<html lang="{language}" dir="{direction}">' in pages[name], name
        shown, before = visible_text(pages[name]), english[name]
        shown_in_english = [message for message in messages if contains(before, message)]
        assert shown_in_english, f"the English {name} page shows no interface string"
        left += [f"{name}: interface {message!r}" for message in shown_in_english
                 if contains(shown, message)]
        left += [f"{name}: questionnaire text {en!r}" for en, _ in texts
                 if contains(before, en) and contains(shown, en)]
    assert not left, "\n".join(left)


def test_the_english_pages_show_what_is_compared(english):
    # The comparison above means something only if the English pages carry the strings.
    shown = {name: [m for m in interface_messages("zh") if contains(text, m)]
             for name, text in english.items()}
    assert {"Why we ask", "Privacy", "Start", "Language", "It takes about %(num)d minutes."} <= set(
        shown["welcome"])
    assert {"Next", "Back", "Save and continue later", "Page %(position)d of %(total)d",
            "Other, please specify:", "Choose a country", "Your personal link"} <= set(
        shown["question"])
    assert {"Check your answers before sending them", "Change", "Not answered",
            "Send my answers", "Other: %(text)s"} <= set(shown["review"])
    assert {"Thank you: your answers have been received", "You can close this page."} <= set(
        shown["thanks"])


def test_arabic_pages_are_right_to_left(client, workshop_questionnaire, participant):
    assert '<html lang="ar" dir="rtl">' in client.get(f"/s/{SLUG}/?lang=ar").get_data(as_text=True)
    assert '<html lang="zh" dir="ltr">' in client.get(f"/s/{SLUG}/?lang=zh").get_data(as_text=True)
    # The browser's language is followed when the link names none.
    page = client.get(f"/s/{SLUG}/", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in page.get_data(as_text=True)
