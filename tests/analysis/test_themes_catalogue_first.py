"""Catalogue first: placement with reasons, look-alikes, committee examples, named themes."""

import re

import pytest

from analysis import CatalogueError, ThemeModel, default_catalogue

FEES_AR = "رسوم العضوية والاجتماعات مرتفعة جدا بالنسبة للشركات الصغيرة والمتوسطة والشركات الناشئة."
# About the catering of a workshop: no catalogue theme is about it.
CATERING_ZH = ["茶歇时的咖啡是凉的。", "午餐太晚了，咖啡也不够。", "请提供素食午餐和更好的咖啡。",
               "希望有更多的茶歇和自助午餐。", "自助午餐很好，但是咖啡太淡了。", "咖啡和午餐是最好的部分。"]


def use_model(shared_cache, **params):
    return ThemeModel(catalogue="default", cache_dir=shared_cache, min_theme_size=3, **params)


def test_an_arabic_answer_about_fees_for_smes_lands_in_the_sme_theme(answers, shared_cache):
    model = use_model(shared_cache).fit(answers + [FEES_AR])
    assert model.labels_[-1] == "smes-startups" and model.reason_[-1] == "placed"
    assert model.language_[-1] == "ar"
    assert model.predict([FEES_AR])[0] == "smes-startups"


def test_why_an_answer_is_not_in_the_catalogue_is_kept(answers, groups, shared_cache):
    model = use_model(shared_cache).fit(answers)
    catering = answers.index(groups["catering"][0])
    assert model.labels_[catering].startswith("new-")
    assert model.reason_[catering] in ("weak", "ambiguous")
    assert model.catalogue_score_[catering] < model.threshold_
    assert model.best_catalogue_[catering] in {t.id for t in default_catalogue()}
    assert model.reason_[answers.index("N/A")] == "non_answer"
    summary = model.placement_summary()
    assert summary["placed"] == sum(label in {t.id for t in default_catalogue()}
                                    for label in model.labels_)
    assert sum(summary["reasons"].values()) == len(answers)


def test_a_theme_of_chinese_answers_gets_an_english_phrase_as_label(answers, shared_cache):
    model = use_model(shared_cache).fit(answers + CATERING_ZH)
    themes = {model.labels_[len(answers) + i] for i in range(len(CATERING_ZH))}
    chinese = [model.theme(t) for t in themes if t.startswith("new-")]
    assert chinese, "the Chinese catering answers should form a discovered theme"
    for theme in chinese:
        assert not re.search(r"[\u3000-\u9fff]", theme.label)
        assert 3 <= len(theme.label.split()) <= 7 and "," not in theme.label
        assert theme.label[0].isupper()
        assert theme.terms  # the distinctive words stay beside the label
        assert "zh" in theme.quote_languages and len(theme.quote_languages) == len(theme.quotes)


def test_discovered_labels_are_unique_phrases(answers, shared_cache):
    model = use_model(shared_cache, n_themes=3).fit(answers + CATERING_ZH)
    labels = [t.label for t in model.themes_ if t.source == "discovered"]
    assert len(labels) == len(set(label.casefold() for label in labels)) >= 2
    assert all(3 <= len(label.split()) <= 7 and "," not in label for label in labels)


def test_an_example_added_by_the_committee_pulls_similar_answers(answers, groups, shared_cache):
    catering = [answers.index(text) for text in groups["catering"]]
    before = use_model(shared_cache).fit(answers)
    assert not any(before.labels_[i] == "industry-dialogue" for i in catering)
    taught = default_catalogue().with_examples({"industry-dialogue": [
        "Il n'y avait pas assez de café pendant les pauses de l'atelier.",
        "The lunch at the workshop came late and the coffee was cold."]})
    after = ThemeModel(catalogue=taught, cache_dir=shared_cache, min_theme_size=3).fit(answers)
    pulled = [i for i in catering if after.labels_[i] == "industry-dialogue"]
    assert len(pulled) >= 3


def test_examples_are_checked_and_not_repeated():
    catalogue = default_catalogue()
    entry = next(t for t in catalogue if t.id == "smes-startups")
    taught = catalogue.with_examples({"smes-startups": [entry.examples[0], "  New  one ", ""]})
    examples = next(t for t in taught if t.id == "smes-startups").examples
    assert examples == (*entry.examples, "New one")
    with pytest.raises(CatalogueError, match="no catalogue theme 'nope'"):
        catalogue.with_examples({"nope": ["x"]})
    with pytest.raises(CatalogueError, match="list of strings"):
        catalogue.with_examples({"smes-startups": "one string"})


def test_a_discovered_look_alike_of_a_catalogue_theme_says_so(groups, shared_cache):
    # Remote participation said in words the catalogue entry does not use, with a strict
    # threshold so that the answers form a theme of their own.
    answers = groups["remote"] + groups["catering"] + groups["sme"]
    model = ThemeModel(catalogue="default", cache_dir=shared_cache, min_theme_size=3,
                       assign_threshold=50.0).fit(answers)
    discovered = [t for t in model.themes_ if t.source == "discovered"]
    remote = model.theme(model.labels_[0])
    assert remote.source == "discovered" and remote.close_to == "remote-participation"
    assert 0.0 < remote.close_similarity <= 1.0
    assert any(t.close_to is None for t in discovered)  # the catering theme is like none
