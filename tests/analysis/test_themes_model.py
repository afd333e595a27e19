"""ThemeModel behaviour a user relies on (TF-IDF backend: fast and offline)."""

import json
import random

import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import (check_no_attributes_set_in_init,
                                            check_parameters_default_constructible)

from analysis import NON_ANSWER, ThemeModel


def make_model(**params):
    return ThemeModel(catalogue="default", embedding="tfidf", cache_dir=False, **params)


def test_answer_about_fees_for_smes_lands_in_the_sme_theme(answers, groups):
    model = make_model().fit(answers)
    assert model.labels_[answers.index(groups["sme"][0])] == "smes-startups"
    assert model.predict(["Fees are too high for SMEs and start-ups"])[0] == "smes-startups"


def test_answers_unlike_the_catalogue_form_a_new_theme(answers, groups):
    model = make_model().fit(answers)
    catering = [model.labels_[answers.index(a)] for a in groups["catering"]]
    top = max(set(catering), key=catering.count)
    assert top.startswith("new-") and catering.count(top) >= 5
    theme = model.theme(top)
    assert theme.source == "discovered"
    assert {"coffee", "lunch"} & set(theme.terms[:3])
    assert 3 <= len(theme.quotes) <= 5 and all(q in answers for q in theme.quotes)


def test_non_answers_form_their_own_visible_group(answers, groups):
    model = make_model().fit(answers)
    flagged = [model.labels_[answers.index(a)] for a in groups["non_answers"]]
    assert flagged == [NON_ANSWER] * len(groups["non_answers"])
    assert model.theme(NON_ANSWER).size == len(groups["non_answers"])


def test_real_answers_are_rarely_left_unassigned(answers):
    model = make_model().fit(answers)
    real = [label for label in model.labels_ if label != NON_ANSWER]
    assert real.count("unassigned") / len(real) <= 0.10


def test_shuffled_input_gives_identical_themes(answers):
    reference = make_model(random_state=3).fit(answers)
    shuffled = answers * 2
    random.Random(7).shuffle(shuffled)
    model = make_model(random_state=3).fit(shuffled)
    by_text = dict(zip(answers, reference.labels_))
    assert [by_text[text] for text in shuffled] == list(model.labels_)
    strip = lambda themes: [(t.id, t.label, t.terms, t.quotes, t.close_to)  # noqa: E731
                            for t in themes]
    assert strip(model.themes_) == strip(reference.themes_)


def test_repeated_answers_are_counted(answers, groups):
    once = make_model().fit(answers)
    model = make_model().fit(answers + [groups["sme"][0]] * 3)
    assert model.theme("smes-startups").size == once.theme("smes-startups").size + 3
    assert sum(t.size for t in model.themes_) == len(answers) + 3
    assert model.theme(NON_ANSWER).share == pytest.approx(len(groups["non_answers"]) / (len(answers) + 3))


def test_discovery_only_without_catalogue(answers):
    model = ThemeModel(embedding="tfidf", cache_dir=False).fit(answers)
    assert {t.source for t in model.themes_} <= {"discovered", "non_answer", "unassigned"}
    assert all(t.terms for t in model.themes_ if t.source == "discovered")


def test_results_serialise_to_json(answers):
    model = make_model().fit(answers)
    data = json.loads(json.dumps(model.to_dict()))
    assert data["labels"] == list(model.labels_)
    assert len(data["themes"]) == len(model.themes_)
    assert 0.0 <= min(model.confidence_) and max(model.confidence_) <= 1.0


def test_bad_parameters_are_refused_clearly():
    with pytest.raises(ValueError, match="embedding"):
        ThemeModel(embedding="bert").fit(["a"])


def test_scikit_learn_estimator_conventions():
    check_no_attributes_set_in_init("ThemeModel", ThemeModel())
    check_parameters_default_constructible("ThemeModel", ThemeModel())
    model = make_model(min_theme_size=3)
    assert clone(model).get_params() == model.get_params()
    assert model.set_params(n_themes=4).n_themes == 4
    assert not hasattr(model, "labels_")

