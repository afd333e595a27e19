"""Naming themes by their distinctive terms (class-based TF-IDF) and picking quotes."""

from collections import Counter, defaultdict

import numpy as np

_JOINER = {"zh": ""}


def _terms_of(tokens, language):
    """Yield ``(term_key, surface)`` for the stems and adjacent stem pairs of an answer."""
    for stem, word, _ in tokens:
        yield (language, stem), word
    joiner = _JOINER.get(language, " ")
    for (s1, w1, p1), (s2, w2, p2) in zip(tokens, tokens[1:]):
        if p2 == p1 + 1 and s1 != s2:
            yield (language, s1 + " " + s2), w1 + joiner + w2


def class_tfidf_terms(tokens, languages, weights, labels, n_labels, n_terms=8):
    """Return the distinctive terms of each theme, as readable words and bigrams.

    Class-based TF-IDF: every theme is treated as one document made of all its
    answers; a term scores high when it is frequent in the theme and rare in
    the others. Terms are counted on stems, shown as the word form people used
    most, and taken from the theme's dominant language so that a label never
    mixes languages.

    Parameters
    ----------
    tokens : list of list of tuple
        Content tokens of each answer (see :func:`analysis.prepare.content_tokens`).
    languages : sequence of str
        Language of each answer.
    weights : ndarray
        How many times each answer occurs.
    labels : ndarray of int
        Theme index of each answer, -1 for answers outside every theme.
    n_labels : int
        Number of themes.
    n_terms : int
        Terms to return per theme.

    Returns
    -------
    list of list of str
    """
    counts = [Counter() for _ in range(n_labels)]
    surface = defaultdict(Counter)
    theme_languages = [Counter() for _ in range(n_labels)]
    for toks, language, weight, label in zip(tokens, languages, weights, labels):
        if label < 0:
            continue
        theme_languages[label][language] += weight
        # A term counts once per answer, so one long answer cannot name a theme.
        for key in dict(_terms_of(toks, language)):
            counts[label][key] += weight
        for key, word in _terms_of(toks, language):
            surface[key][word] += weight
    totals = Counter()
    corpus_languages = Counter()
    for counter, langs in zip(counts, theme_languages):
        totals.update(counter)
        corpus_languages.update(langs)
    average = np.mean([sum(c.values()) for c in counts]) if counts else 0.0
    names = []
    for label in range(n_labels):
        counter = counts[label]
        if not counter:
            names.append([])
            continue
        # Ties between languages go to the corpus's main language, then English.
        dominant = min(theme_languages[label].items(), key=lambda kv: (
            -kv[1], -corpus_languages[kv[0]], kv[0] != "en", kv[0]))[0]
        size = sum(counter.values())
        scored = []
        for key, count in counter.items():
            if key[0] != dominant:
                continue
            score = count / size * np.log(1 + average / totals[key])
            # Terms used in a single answer come last: they name an answer, not a theme.
            scored.append((count < 2, -score, key[1], key))
        scored.sort()
        words, shown = [], set()
        for *_, key in scored:
            word = min(surface[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if word in shown or any(word in w.split() for w in shown):
                continue
            shown.add(word)
            words.append(word)
            if len(words) == n_terms:
                break
        names.append(words)
    return names


def representative_quotes(X, weights, word_counts, labels, label, center, n_quotes):
    """Return the indices of up to ``n_quotes`` answers that best represent a theme.

    Answers closest to the theme's centre come first; answers of at least
    three words are preferred over shorter ones, which say less on their own.
    Ties fall back to canonical order, so the choice is deterministic.
    """
    members = np.flatnonzero(labels == label)
    if len(members) == 0:
        return []
    similarity = X[members] @ center if center is not None else np.zeros(len(members))
    informative = word_counts[members] >= 3
    order = np.lexsort((members, -np.round(similarity, 6), ~informative))
    return [int(i) for i in members[order[:n_quotes]]]
