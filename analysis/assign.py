"""Assigning answers to themes: catalogue first, discovered themes for the rest."""

import dataclasses

import numpy as np

from . import match
from sklearn.preprocessing import normalize

from .discover import choose_n_themes, discover_themes, reduce
from .themes import NON_ANSWER, UNASSIGNED

#: Index of an answer's theme before themes get their ids.
_NON_ANSWER, _UNASSIGNED = -1, -2


@dataclasses.dataclass
class Assignment:
    """Per unique answer: theme index and confidence; the fitted parts the model keeps."""

    labels: np.ndarray
    confidence: np.ndarray
    placement: match.Placement
    space: np.ndarray
    centers: np.ndarray
    stability: dict


class CatalogueIndex:
    """A catalogue's entries as vectors, and the scale their scores are read on."""

    def __init__(self, catalogue, representation, detect):
        self.ids = [theme.id for theme in catalogue]
        texts = [match.entry_texts(theme) for theme in catalogue]
        self.vectors = [representation.text_vectors(t, match.text_languages(t, detect))
                        for t in texts]
        self.raw_vectors = [representation.text_vectors(t, raw=True) for t in texts]

    def fit_scale(self, Xs):
        """Learn the scale of scores from the run's real answers ``Xs``; return self."""
        self.scale = match.Scale.fit(match.entry_scores(Xs, self.vectors))
        return self

    def place(self, X, Xs, non_answer, threshold):
        """Return the :class:`~analysis.match.Placement` of raw vectors ``X`` (``Xs`` in space)."""
        described = match.non_answer_entries(X[non_answer], self.raw_vectors)
        scores = match.entry_scores(Xs, self.vectors)
        placement = match.place(scores, self.scale.standardise(scores), threshold, non_answer,
                                described)
        unusable = np.linalg.norm(Xs, axis=1) == 0
        placement.chosen[unusable] = -1
        placement.reason[unusable & ~non_answer] = match.WEAK
        return placement


def _no_catalogue(n):
    empty = np.full(n, -1)
    return match.Placement(empty, np.full(n, match.NO_CATALOGUE, dtype=object), empty,
                           np.full(n, np.nan), empty, np.full(n, np.nan))


def fit_assign(model, corpus, real, X, seeds):
    """Return the :class:`Assignment` of a corpus while fitting ``model``.

    ``X`` holds the vectors of every unique answer; ``real`` marks those that
    are not non-answers; ``seeds`` are two integers (choosing the number of
    themes, clustering) derived from the model's random state.
    """
    n = len(corpus)
    labels = np.full(n, _UNASSIGNED)
    labels[corpus.non_answer] = _NON_ANSWER
    confidence = np.where(corpus.non_answer, 1.0, 0.0)
    if X is None:  # nothing but non-answers
        return Assignment(labels, confidence, _no_catalogue(n), np.zeros((n, 1)),
                          np.zeros((0, 1)), {})
    Xs = model.representation_.space(X, corpus.languages)
    usable = np.linalg.norm(Xs, axis=1) > 0
    placement = _no_catalogue(n)
    if model.catalogue_index_ is not None:
        model.catalogue_index_.fit_scale(Xs[real & usable])
        placement = model.catalogue_index_.place(X, Xs, corpus.non_answer, model.threshold_)
        placed = placement.chosen >= 0
        labels[placed] = placement.chosen[placed]
        confidence[placed] = _confidence(placement.best_score[placed], model.threshold_)
    n_cat = len(model.catalogue_index_.ids) if model.catalogue_index_ is not None else 0
    rest = np.flatnonzero(real & usable & (labels == _UNASSIGNED))
    centers, stability = np.zeros((0, Xs.shape[1])), {}
    weights = corpus.weights[rest]
    if len(rest) >= 2 and weights.sum() >= model.min_theme_size:
        k = model.n_themes
        if k is None:
            k, stability = choose_n_themes(Xs[rest], weights, model.min_theme_size,
                                           model.max_themes, seeds[0])
        found = discover_themes(reduce(Xs[rest]), weights, k, model.min_theme_size,
                                seeds[1])[0]
        centers = np.vstack([normalize(np.average(Xs[rest][found == j], axis=0,
                                                  weights=weights[found == j])[None, :])
                             for j in range(found.max() + 1)])
        labels[rest] = n_cat + found
        members = np.flatnonzero(labels >= n_cat)
        confidence[members] = np.clip(
            np.sum(Xs[members] * centers[labels[members] - n_cat], axis=1), 0.0, 1.0)
    return Assignment(labels, confidence, placement, Xs, centers, stability)



def _confidence(z, threshold):
    """Return a 0-1 confidence from standardised scores: 0.5 at the threshold."""
    return 1.0 / (1.0 + np.exp(-(np.asarray(z) - threshold)))


def theme_ids(themes, labels):
    """Return the theme id of each theme index in ``labels``."""
    def one(label):
        if label == _NON_ANSWER:
            return NON_ANSWER
        if label == _UNASSIGNED:
            return UNASSIGNED
        return themes[label].id
    return np.array([one(label) for label in labels], dtype=object)


def predict_assign(model, corpus):
    """Return ``(ids, confidence, placement)`` for the unique answers of a new corpus."""
    n = len(corpus)
    ids = np.where(corpus.non_answer, NON_ANSWER, UNASSIGNED).astype(object)
    confidence = np.where(corpus.non_answer, 1.0, 0.0)
    if model.catalogue_index_ is None and not len(model.centers_):  # nothing to assign to
        return ids, confidence, _no_catalogue(n)
    X = model.representation_.vectors(corpus)
    Xs = model.representation_.space(X, corpus.languages)
    usable = np.linalg.norm(Xs, axis=1) > 0
    placement = _no_catalogue(n)
    if model.catalogue_index_ is not None:
        placement = model.catalogue_index_.place(X, Xs, corpus.non_answer, model.threshold_)
        for i in np.flatnonzero(placement.chosen >= 0):
            ids[i] = model.catalogue_index_.ids[placement.chosen[i]]
        placed = placement.chosen >= 0
        confidence[placed] = _confidence(placement.best_score[placed], model.threshold_)
    rest = usable & ~corpus.non_answer & (placement.chosen < 0)
    if rest.any() and len(model.centers_):
        similarity = Xs[rest] @ model.centers_.T
        discovered = [t.id for t in model.themes_ if t.source == "discovered"]
        ids[rest] = [discovered[k] for k in np.argmax(similarity, axis=1)]
        confidence[rest] = np.clip(similarity.max(axis=1), 0.0, 1.0)
    return ids, confidence, placement
