"""Interface translations: every catalogue complete, compiled, and used by the pages.

When a test here fails after a template or code change, refresh the catalogues from the
repository root (see survey/translations/README.md):

    pybabel extract -F survey/babel.cfg -k _l -k lazy_ngettext:1,2 -o survey/translations/messages.pot .
    pybabel update -i survey/translations/messages.pot -d survey/translations
    (translate the new or fuzzy entries of each messages.po)
    pybabel compile -d survey/translations
"""

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext, ngettext

import survey
from survey.fields.numeric import NumberText

ROOT = Path(survey.__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "survey" / "translations"
PO_FILES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
REFRESH = ("refresh the catalogues: pybabel extract -F survey/babel.cfg -k _l -k lazy_ngettext:1,2 "
           "-o survey/translations/messages.pot . && pybabel update -i "
           "survey/translations/messages.pot -d survey/translations, translate, then "
           "pybabel compile -d survey/translations")
# A %-placeholder: %(name)s, %(num)d, %%... (Jinja's newstyle gettext always applies %).
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")
SLUG = "iew-2026-industry"


def read_catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


def placeholders(text):
    """Return the placeholders of ``text`` as a multiset of ``(name, conversion)``."""
    return Counter((name, kind) for name, kind in PLACEHOLDER.findall(text) if kind != "%")


def stray_percent(text):
    """Return what is left of ``text`` once its placeholders are removed, if a % remains."""
    rest = PLACEHOLDER.sub("", text)
    return "%" in rest


def button(html, label):
    """Return whether ``html`` has a button labelled ``label``."""
    return re.search(r"<button[^>]*>\s*" + re.escape(label) + r"\s*</button>", html) is not None


def source_messages():
    """Return the msgids found in the code and templates, as pybabel extract finds them."""
    with open(ROOT / "survey" / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_ngettext": (1, 2)}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        found.add(message[0] if isinstance(message, (tuple, list)) else message)
    return found


def test_there_is_a_french_catalogue():
    assert TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po" in PO_FILES
    assert (TRANSLATIONS / "messages.pot").exists()


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.parts[-3])
def test_every_message_is_translated_with_the_same_placeholders(path):
    catalog = read_catalog(path)
    messages = [m for m in catalog if m.id]
    assert messages
    problems = []
    for message in messages:
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        key = ids[0]
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        if message.pluralizable and len(strings) != catalog.num_plurals:
            problems.append(f"{len(strings)} plural forms, not {catalog.num_plurals}: {key!r}")
        wanted = placeholders(ids[-1])
        for string in strings:
            if not string or not string.strip():
                problems.append(f"untranslated: {key!r}")
            elif placeholders(string) != wanted:
                problems.append(f"placeholders differ: {key!r} -> {string!r}")
            elif stray_percent(string):
                problems.append(f"a lone % (write %%): {key!r} -> {string!r}")
    problems += [f"{message.id!r}: {errors}" for message, errors in catalog.check()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.parts[-3])
def test_catalogue_has_every_message_of_the_code_and_templates(path):
    def ids(catalog):
        return {m.id[0] if m.pluralizable else m.id for m in catalog if m.id}

    in_code = source_messages()
    assert "Why we ask" in in_code and "Choose a country" in in_code  # _ and _l
    assert "It takes about %(num)d minute." in in_code  # ngettext in a template
    with open(TRANSLATIONS / "messages.pot", "rb") as f:
        template = ids(read_po(f))
    assert not in_code - template, f"messages.pot is out of date: {REFRESH}"
    missing = in_code - ids(read_catalog(path))
    assert not missing, f"{path} lacks {sorted(missing)}: {REFRESH}"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.parts[-3])
def test_compiled_catalogue_is_up_to_date(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: pybabel compile -d survey/translations"
    expected = io.BytesIO()
    write_mo(expected, read_catalog(path))
    expected.seek(0)

    def contents(catalog):
        # The header (empty msgid) names the Babel version that compiled it: not compared.
        def key(value):
            return tuple(value) if isinstance(value, (list, tuple)) else value

        return {key(m.id): key(m.string) for m in catalog if m.id}

    with open(compiled, "rb") as f:
        committed = contents(read_mo(f))
    assert committed == contents(read_mo(expected)), \
        f"{compiled} is older than its .po: pybabel compile -d survey/translations"


def test_french_plural_forms(app):
    with app.test_request_context(), force_locale("fr"):
        one = "%(num)d answer needs your attention"
        many = "%(num)d answers need your attention"
        assert ngettext(one, many, 0) == "0 réponse demande votre attention"
        assert ngettext(one, many, 1) == "1 réponse demande votre attention"
        assert ngettext(one, many, 2) == "2 réponses demandent votre attention"
        assert gettext("Page %(position)d of %(total)d", position=2, total=7) == "Page 2 sur 7"


def test_lazy_messages_are_translated_when_shown(app):
    from wtforms.validators import ValidationError

    with app.test_request_context(), force_locale("fr"):
        with pytest.raises(ValidationError) as raised:
            NumberText({"min": 0, "max": 10})(None, type("Field", (), {"data": "11"})())
        assert str(raised.value) == "Saisissez un nombre compris entre 0 et 10."


def test_welcome_page_in_french(client, workshop_questionnaire):
    page = client.get(f"/s/{SLUG}/?lang=fr")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="fr" dir="ltr">' in html
    assert "Pourquoi ce questionnaire\u00a0?" in html
    assert "Confidentialité" in html
    assert "Commencer" in html
    assert f"Comptez environ {workshop_questionnaire.minutes} minutes." in html
    assert "Aller au contenu" in html
    for english in ("Why we ask", "Privacy", "It takes about", "Skip to content"):
        assert english not in html
    assert not button(html, "Start") and button(html, "Commencer")


def test_welcome_page_stays_in_english(client, workshop_questionnaire):
    html = client.get(f"/s/{SLUG}/?lang=en").get_data(as_text=True)
    assert "Why we ask" in html and "Pourquoi" not in html


def test_question_pages_and_errors_in_french(client, workshop_questionnaire, participant):
    p = participant(SLUG)
    first = p.start(lang="fr")
    html = first.get_data(as_text=True)
    assert first.status_code == 200
    assert '<html lang="fr" dir="ltr">' in html
    for french in ("Suivant", "Précédent", "Enregistrer et continuer plus tard",
                   "Votre lien personnel", "Page 1 sur "):
        assert french in html, french
    assert button(html, "Suivant") and button(html, "Précédent")
    assert not button(html, "Next") and not button(html, "Back")

    # The consent is required: the error summary and message are in French too.
    refused = p.post("consent", {}, lang="fr")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "1 réponse demande votre attention" in html
    assert "Cochez cette case pour continuer." in html
    assert "Erreur\u00a0:" in html
