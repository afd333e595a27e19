"""Building the :class:`Theme` records of a fitted model: names, terms, quotes, look-alikes."""

from collections import Counter

import numpy as np
from sklearn.preprocessing import normalize

from . import match
from .labels import label_themes
from .naming import class_tfidf_terms, representative_quotes
from .themes import NON_ANSWER, UNASSIGNED, Theme

#: Standardised score a discovered theme's centre needs to be marked close to a catalogue theme.
CLOSE_THRESHOLD = 1.0
_GROUPS = ((-1, NON_ANSWER, "non_answer", "Non-answers"),
           (-2, UNASSIGNED, "unassigned", "Unassigned"))


def _fallback(number):
    return f"Other answers (group {number})"


def build_themes(model, corpus, assignment, catalogue):
    """Return the Theme records: catalogue, discovered, then non-answer and unassigned groups."""
    labels, Xs, centers = assignment.labels, assignment.space, assignment.centers
    entries = list(catalogue or ())
    n_cat, n_disc = len(entries), len(centers)
    total = corpus.weights.sum()
    terms = class_tfidf_terms(corpus.tokens, corpus.languages, corpus.weights, labels,
                              n_cat + n_disc, model.n_terms)
    members = [np.flatnonzero(labels == index) for index in range(n_cat + n_disc)]
    sizes = [corpus.weights[rows].sum() for rows in members]
    names = label_themes(model.representation_, corpus, members[n_cat:], centers,
                         sizes[n_cat:], model.label_language, catalogue, _fallback)
    catalogue_centres = [_mean(Xs[rows], corpus.weights[rows]) for rows in members[:n_cat]]
    themes = []
    for index in range(n_cat + n_disc):
        if index < n_cat:
            entry = entries[index]
            theme = Theme(entry.id, entry.title, "catalogue", description=entry.description)
            center = catalogue_centres[index]
        else:
            theme = Theme(f"new-{index - n_cat + 1}", names[index - n_cat], "discovered")
            center = centers[index - n_cat]
            _mark_close(theme, center, model, catalogue_centres)
        theme.terms = terms[index]
        picked = representative_quotes(Xs, corpus.weights, corpus.word_counts, labels,
                                       index, center, model.n_quotes)
        _fill(theme, corpus, members[index], picked, total)
        themes.append(theme)
    for label, theme_id, source, title in _GROUPS:
        rows = np.flatnonzero(labels == label)
        if len(rows):
            # The most frequent non-answers illustrate the group best.
            picked = sorted(rows, key=lambda i: (-corpus.weights[i], i))[:model.n_quotes]
            theme = Theme(theme_id, title, source)
            _fill(theme, corpus, rows, picked, total)
            themes.append(theme)
    return themes


def _mark_close(theme, center, model, catalogue_centres):
    """Mark a discovered theme whose centre, read as an answer, clearly belongs to a catalogue theme.

    The centre is judged with the default threshold whatever the run's own:
    a run that places only the clearest answers still shows the look-alikes.
    """
    index = model.catalogue_index_
    if index is None:
        return
    scores = match.entry_scores(center[None, :], index.vectors)
    best = int(np.argmax(scores[0]))
    if index.scale.standardise(scores)[0, best] < CLOSE_THRESHOLD:
        return
    other = catalogue_centres[best]
    if other is None:
        other = normalize(index.vectors[best].mean(axis=0)[None, :])[0]
    theme.close_to = index.ids[best]
    theme.close_similarity = round(float(center @ other), 4)


def _fill(theme, corpus, rows, picked, total):
    theme.size = int(corpus.weights[rows].sum())
    theme.share = float(theme.size / total) if total else 0.0
    theme.quotes = [corpus.texts[i] for i in picked]
    theme.quote_indices = [int(corpus.first_rows[i]) for i in picked]
    theme.quote_languages = [str(corpus.languages[i]) for i in picked]
    languages = Counter()
    for language, weight in zip(corpus.languages[rows], corpus.weights[rows]):
        languages[str(language)] += int(weight)
    theme.languages = dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))


def _mean(X, weights):
    if len(X) == 0:
        return None
    return normalize(np.average(X, axis=0, weights=weights)[None, :])[0]
