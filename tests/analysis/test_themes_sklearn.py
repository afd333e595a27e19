"""ThemeModel follows scikit-learn's conventions (TF-IDF backend: fast and offline)."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import get_tags
from sklearn.utils.estimator_checks import check_estimator

from analysis import ThemeModel

NUMERIC = ("feeds a numeric matrix; ThemeModel reads 1-D text and refuses numbers with a "
           "clear TypeError, by design")
#: scikit-learn's checks that cannot apply to an estimator of 1-D text, and why. Every other
#: check must pass; each of these must really fail (so the list cannot go stale).
NOT_FOR_TEXT = {name: NUMERIC for name in (
    "check_fit_score_takes_y", "check_estimators_overwrite_params",
    "check_dont_overwrite_parameters", "check_estimators_fit_returns_self",
    "check_readonly_memmap_input", "check_n_features_in_after_fitting",
    "check_estimators_dtypes", "check_pipeline_consistency", "check_estimators_pickle",
    "check_f_contiguous_array_estimator", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance", "check_fit2d_1sample", "check_fit2d_1feature",
    "check_dict_unchanged", "check_fit_idempotent", "check_fit_check_is_fitted",
    "check_n_features_in", "check_fit1d", "check_fit2d_predict1d")} | {
    "check_positive_only_tag_during_fit": "negative numbers are not text: " + NUMERIC,
    "check_complex_data": "complex numbers are not text: " + NUMERIC,
    "check_dtype_object": "an object matrix of numbers is not text: " + NUMERIC,
    "check_estimators_nan_inf": "NaN is read as a missing answer, inf is a number: " + NUMERIC,
    "check_estimators_empty_data_messages": "empty 2-D data is refused as 2-D (TypeError) "
                                            "before it is found empty; empty text is a ValueError",
    "check_estimator_sparse_tag": "sparse matrices are numeric features: " + NUMERIC,
    "check_estimator_sparse_array": "sparse matrices are numeric features: " + NUMERIC,
    "check_estimator_sparse_matrix": "sparse matrices are numeric features: " + NUMERIC,
}


class _AsIfTabular(ThemeModel):
    """ThemeModel with its input tags saying 2-D, so that check_estimator generates its checks.

    With the real tags (1-D strings) scikit-learn skips every check.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags


def test_check_estimator_passes_every_check_that_applies_to_text():
    results = check_estimator(_AsIfTabular(embedding="tfidf", cache_dir=False), on_fail=None, on_skip=None,
                              expected_failed_checks=NOT_FOR_TEXT)
    status = {}
    for result in results:
        status.setdefault(result["check_name"], set()).add(result["status"])
    unexpected = {name: s for name, s in status.items()
                  if name not in NOT_FOR_TEXT and not s <= {"passed", "skipped"}}
    assert not unexpected
    assert {name for name, s in status.items() if s == {"xfail"}} == set(NOT_FOR_TEXT)
    assert {"check_no_attributes_set_in_init", "check_estimators_unfitted",
            "check_get_params_invariance", "check_set_params"} <= {
        name for name, s in status.items() if s == {"passed"}}


def test_tags_declare_one_dimensional_string_input():
    tags = get_tags(ThemeModel())
    assert tags.input_tags.string and tags.input_tags.one_d_array
    assert not tags.input_tags.two_d_array and not tags.target_tags.required


@pytest.mark.parametrize("bad, error, message", [
    ("one answer", TypeError, "not a single str"),
    (np.zeros((3, 2)), TypeError, "1-D sequence of strings"),
    ([["a", "b"], ["c", "d"]], TypeError, "nested sequence"),
    ([1.5, 2.5], TypeError, "must contain strings"),
    (42, TypeError, "sequence of strings"),
    ([], ValueError, "empty"),
])
def test_input_that_is_not_one_dimensional_text_is_refused_clearly(bad, error, message):
    with pytest.raises(error, match=message):
        ThemeModel(embedding="tfidf", cache_dir=False).fit(bad)


def test_languages_are_a_keyword_and_y_is_ignored(answers):
    with pytest.raises(ValueError, match="one language code"):
        ThemeModel(embedding="tfidf", cache_dir=False).fit(answers, languages=["en"])
    with_y = ThemeModel(embedding="tfidf", cache_dir=False).fit(answers, ["x"] * len(answers))
    without = ThemeModel(embedding="tfidf", cache_dir=False).fit(answers)
    assert list(with_y.labels_) == list(without.labels_)


def test_random_state_accepts_none_an_int_or_a_random_state(answers):
    def fitted(state):
        return ThemeModel(embedding="tfidf", cache_dir=False, n_themes=3,
                          random_state=state).fit(answers)

    assert list(fitted(4).labels_) == list(fitted(4).labels_)
    assert list(fitted(np.random.RandomState(4)).labels_) == list(
        fitted(np.random.RandomState(4)).labels_)
    model = fitted(None)
    assert len(model.labels_) == len(answers) and model.random_state is None
    state = np.random.RandomState(0)
    ThemeModel(embedding="tfidf", cache_dir=False, random_state=state).fit(answers)
    assert state.randint(1000) != np.random.RandomState(0).randint(1000)  # seeds drawn from it


def test_fit_predict_returns_the_themes_predict_gives_for_the_same_answers(answers):
    model = ThemeModel(catalogue="default", embedding="tfidf", cache_dir=False)
    labels = model.fit_predict(answers)
    assert list(labels) == list(clone(model).fit(answers).labels_)
    predicted = model.predict(answers)
    real = labels != "non-answer"
    # predict places each answer again, without re-discovering themes: same themes.
    assert np.mean(predicted[real] == labels[real]) >= 0.9
    assert set(predicted) <= {t.id for t in model.themes_}
