"""Text preparation: non-answers, languages, tokens and stems."""

import pytest

from analysis.languages import detect_language, detect_languages, normalise_language
from analysis.prepare import content_tokens, is_non_answer, normalise


@pytest.mark.parametrize("text", ["N/A", "n/a", "nothing", "Nothing.", "-", "...", "No comment",
                                  "none", "Rien", "nada", "ничего", "لا شيء", "无", "  ", "?"])
def test_non_answers_are_flagged(text):
    assert is_non_answer(normalise(text))


@pytest.mark.parametrize("text", ["Nothing works on the website", "No remote participation",
                                  "Fees", "无法远程参加"])
def test_real_answers_are_not_flagged(text):
    assert not is_non_answer(normalise(text))


def test_normalise_collapses_spaces_and_unicode_forms():
    assert normalise("  Fees\u00a0are\n\n too   high ") == "Fees are too high"
    assert normalise("ﬁnance") == "finance"


@pytest.mark.parametrize("language, text, stems", [
    ("en", "Membership fees are too high for small companies", {"membership", "fee", "compani"}),
    ("fr", "Les frais d'adhésion sont trop élevés pour les entreprises", {"adhes", "entrepris"}),
    ("es", "Las cuotas son demasiado altas para las empresas", {"cuot", "empres"}),
    ("ru", "Взносы слишком высоки для малых компаний", {"взнос", "компан"}),
    ("ar", "رسوم العضوية مرتفعة جدا للشركات", {"رسوم", "عضو"}),
    ("zh", "会员费对中小企业来说太高了", {"会员费", "中小企业"}),
])
def test_each_language_is_detected_and_stemmed(language, text, stems):
    assert detect_language(normalise(text)) == language
    found = {stem for stem, _, _ in content_tokens(normalise(text), language)}
    assert stems <= found
    # stop words are gone
    assert not found & {"are", "for", "les", "las", "для", "的"}


def test_corpus_prior_keeps_short_answers_in_the_survey_language():
    texts = ["The meetings are far too long and too slow"] * 30 + ["None"]
    assert detect_languages(texts)[-1] == "en"


def test_language_codes_from_exports_are_normalised():
    assert [normalise_language(c) for c in ("eng", "arb", "zh-CN", "FR", None)] == [
        "en", "ar", "zh", "fr", "und"]
