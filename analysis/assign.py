"""Assigning answers to themes: non-answers, catalogue themes, discovered themes."""

import dataclasses
from collections import Counter

import numpy as np
from sklearn.preprocessing import normalize

from .discover import choose_n_themes, discover_themes
from .naming import class_tfidf_terms, representative_quotes
from .themes import NON_ANSWER, UNASSIGNED, Theme, discovered_label

#: How much better the best catalogue theme must score than the second best.
MARGIN = 0.02


def progress_bar(verbose):
    """Return a factory of tqdm progress bars (disabled unless ``verbose``)."""
    def make(total):
        from tqdm.auto import tqdm

        return tqdm(total=total, desc="Embedding answers", unit="answer", disable=not verbose)
    return make


@dataclasses.dataclass
class Assignment:
    """Per unique answer: theme id and confidence; plus the themes themselves."""

    ids: np.ndarray
    confidence: np.ndarray
    themes: list
    centers: np.ndarray
    stability: dict


def _catalogue_match(model, corpus, real, X, usable):
    """Return (theme index or -1, score) for each real answer."""
    n_real = int(real.sum())
    chosen, score = np.full(n_real, -1), np.zeros(n_real)
    if model.catalogue_ is None or n_real == 0:
        return chosen, score
    threshold = model.assign_threshold
    if threshold is None:
        threshold = model.representation_.threshold
    scores = model.representation_.catalogue_scores(corpus, real, X)
    order = np.argsort(-scores, axis=1, kind="stable")
    best = scores[np.arange(n_real), order[:, 0]]
    second = scores[np.arange(n_real), order[:, 1]] if scores.shape[1] > 1 else 0.0
    clear = (best >= threshold) & (best - second >= MARGIN) & usable
    chosen[clear] = order[clear, 0]
    return chosen, np.clip(best, 0.0, 1.0)


def fit_assign(model, corpus, real, X):
    """Return the :class:`Assignment` of a corpus while fitting ``model``."""
    n = len(corpus)
    catalogue = list(model.catalogue_ or [])
    n_cat = len(catalogue)
    labels = np.full(n, -2)
    confidence = np.zeros(n)
    labels[corpus.non_answer] = -1
    confidence[corpus.non_answer] = 1.0
    Xc = np.zeros((n, X.shape[1] if X is not None else 1))
    centers = np.zeros((0, Xc.shape[1]))
    stability = {}
    if X is not None:
        real_idx = np.flatnonzero(real)
        Xc[real_idx] = model.representation_.cluster_space(X, corpus.languages[real])
        usable = np.linalg.norm(X, axis=1) > 0
        chosen, score = _catalogue_match(model, corpus, real, X, usable)
        labels[real_idx[chosen >= 0]] = chosen[chosen >= 0]
        confidence[real_idx[chosen >= 0]] = score[chosen >= 0]
        rest = real_idx[usable & (chosen < 0)]
        weights = corpus.weights[rest]
        if len(rest) >= 2 and weights.sum() >= model.min_theme_size:
            k = model.n_themes
            if k is None:
                k, stability = choose_n_themes(Xc[rest], weights, model.min_theme_size,
                                               model.max_themes, model.random_state)
            found, centers = discover_themes(Xc[rest], weights, k, model.min_theme_size,
                                             model.random_state)
            labels[rest] = n_cat + found
            confidence[rest] = np.clip(np.sum(Xc[rest] * centers[found], axis=1), 0.0, 1.0)
    n_disc = len(centers)
    themes = _themes(model, corpus, catalogue, labels, Xc, centers)
    ids = np.array([_id(themes, label, n_cat + n_disc) for label in labels], dtype=object)
    return Assignment(ids, confidence, themes, centers, stability)


def _id(themes, label, n_themed):
    if label == -1:
        return NON_ANSWER
    if label == -2:
        return UNASSIGNED
    return themes[label].id


def _themes(model, corpus, catalogue, labels, Xc, centers):
    """Return the Theme records: catalogue, discovered, non-answer, unassigned."""
    n_cat, n_disc = len(catalogue), len(centers)
    n_themed = n_cat + n_disc
    total = corpus.weights.sum()
    terms = class_tfidf_terms(corpus.tokens, corpus.languages, corpus.weights, labels,
                              n_themed, model.n_terms)
    themes = []
    for index in range(n_themed):
        members = labels == index
        if index < n_cat:
            entry = catalogue[index]
            theme = Theme(entry.id, entry.title, "catalogue", description=entry.description)
            center = _mean(Xc[members], corpus.weights[members])
        else:
            theme = Theme(f"new-{index - n_cat + 1}", discovered_label(terms[index]), "discovered")
            center = centers[index - n_cat]
        theme.terms = terms[index]
        picked = representative_quotes(Xc, corpus.weights, corpus.word_counts, labels,
                                       index, center, model.n_quotes)
        _fill(theme, corpus, members, picked, total)
        themes.append(theme)
    for label, theme_id, source, title in ((-1, NON_ANSWER, "non_answer", "Non-answers"),
                                           (-2, UNASSIGNED, "unassigned", "Unassigned")):
        members = labels == label
        if members.any():
            # The most frequent non-answers illustrate the group best.
            picked = sorted(np.flatnonzero(members), key=lambda i: (-corpus.weights[i], i))
            theme = Theme(theme_id, title, source)
            _fill(theme, corpus, members, picked[:model.n_quotes], total)
            themes.append(theme)
    return themes


def _fill(theme, corpus, members, picked, total):
    theme.size = int(corpus.weights[members].sum())
    theme.share = float(theme.size / total) if total else 0.0
    theme.quotes = [corpus.texts[i] for i in picked]
    theme.quote_indices = [int(corpus.first_rows[i]) for i in picked]
    languages = Counter()
    for language, weight in zip(corpus.languages[members], corpus.weights[members]):
        languages[str(language)] += int(weight)
    theme.languages = dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))


def _mean(X, weights):
    if len(X) == 0:
        return None
    return normalize(np.average(X, axis=0, weights=weights)[None, :])[0]


def predict_assign(model, corpus):
    """Return ``(ids, confidence)`` for the unique answers of a new corpus."""
    n = len(corpus)
    ids = np.full(n, UNASSIGNED, dtype=object)
    confidence = np.zeros(n)
    ids[corpus.non_answer] = NON_ANSWER
    confidence[corpus.non_answer] = 1.0
    real = ~corpus.non_answer
    if not real.any() or not hasattr(model.representation_, "threshold"):
        return ids, confidence
    real_idx = np.flatnonzero(real)
    X = model.representation_.vectors(corpus, real)
    usable = np.linalg.norm(X, axis=1) > 0
    chosen, score = _catalogue_match(model, corpus, real, X, usable)
    catalogue = list(model.catalogue_ or [])
    for i in np.flatnonzero(chosen >= 0):
        ids[real_idx[i]] = catalogue[chosen[i]].id
        confidence[real_idx[i]] = score[i]
    rest = usable & (chosen < 0)
    if rest.any() and len(model.centers_):
        Xc = model.representation_.cluster_space(X[rest], corpus.languages[real][rest])
        similarity = Xc @ model.centers_.T
        nearest = np.argmax(similarity, axis=1)
        discovered = [t for t in model.themes_ if t.source == "discovered"]
        ids[real_idx[rest]] = [discovered[k].id for k in nearest]
        confidence[real_idx[rest]] = np.clip(similarity.max(axis=1), 0.0, 1.0)
    return ids, confidence
