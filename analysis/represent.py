"""Representations behind :class:`analysis.ThemeModel`: one class per embedding backend.

Each representation gives three things: vectors to compare answers with
catalogue themes, vectors to cluster (with language offsets removed where the
backend is multilingual), and catalogue-theme scores.
"""

import numpy as np
from sklearn.preprocessing import normalize

from .embed import (LsaEmbedder, apply_language_offsets, embed_sentences,
                    remove_language_offsets)
from .prepare import text_key


class SentenceRepresentation:
    """Multilingual sentence embeddings (USE v3) with per-language offsets removed.

    Catalogue scores combine the similarity to the theme's centre (mean of
    its title, description, keywords and examples) with the similarity to its
    closest single example: the first rewards being about the theme in
    general, the second being close to one way of saying it.
    """

    #: Default minimum catalogue score for an answer to join a catalogue theme.
    threshold = 0.40

    def __init__(self, cache_dir=None, progress=None):
        self.cache_dir = cache_dir
        self.progress = progress

    def _embed(self, texts):
        return embed_sentences(texts, [text_key(t) for t in texts], self.cache_dir,
                               self.progress)

    def fit(self, corpus, mask):
        """Fit on the answers of ``corpus`` selected by ``mask``; return raw vectors."""
        X = self._embed([corpus.texts[i] for i in np.flatnonzero(mask)])
        _, self.offsets_ = remove_language_offsets(
            X, corpus.languages[mask], corpus.weights[mask])
        return X

    def vectors(self, corpus, mask):
        """Return raw vectors of the answers selected by ``mask``."""
        return self._embed([corpus.texts[i] for i in np.flatnonzero(mask)])

    def cluster_space(self, X, languages):
        """Return vectors to cluster: language offsets removed."""
        return apply_language_offsets(X, languages, self.offsets_)

    def fit_catalogue(self, catalogue):
        """Embed the texts of each catalogue theme."""
        self.theme_vectors_ = [self._embed(theme.texts()) for theme in catalogue]
        self.theme_centres_ = normalize(np.stack([v.mean(axis=0) for v in self.theme_vectors_]))

    def catalogue_scores(self, corpus, mask, X):
        """Return the score of each selected answer for each catalogue theme."""
        centre = X @ self.theme_centres_.T
        closest = np.stack([(X @ v.T).max(axis=1) for v in self.theme_vectors_], axis=1)
        return (centre + closest) / 2


class LsaRepresentation:
    """TF-IDF on stems and its LSA reduction, fitted on the answers themselves.

    Catalogue scores are cosine similarities between an answer's TF-IDF vector
    and that of all the theme's texts taken together. TF-IDF does not bridge
    languages: use it for single-language data or when speed matters most.
    """

    threshold = 0.15

    def __init__(self, stems_of, random_state=0):
        self.stems_of = stems_of
        self.random_state = random_state

    def fit(self, corpus, mask):
        """Fit TF-IDF and LSA on the selected answers; return their LSA vectors."""
        stems = [corpus.stems(i) for i in np.flatnonzero(mask)]
        self.embedder_ = LsaEmbedder(random_state=self.random_state).fit(stems)
        return self.embedder_.transform(stems)

    def vectors(self, corpus, mask):
        """Return LSA vectors of the selected answers."""
        return self.embedder_.transform([corpus.stems(i) for i in np.flatnonzero(mask)])

    def cluster_space(self, X, languages):
        """Return vectors to cluster (LSA vectors as they are)."""
        return X

    def fit_catalogue(self, catalogue):
        """Compute the TF-IDF vector of each catalogue theme."""
        self.theme_tfidf_ = normalize(self.embedder_.tfidf(
            [[stem for text in theme.texts() for stem in self.stems_of(text)]
             for theme in catalogue]))

    def catalogue_scores(self, corpus, mask, X):
        """Return TF-IDF cosine scores of the selected answers for each catalogue theme."""
        tfidf = normalize(self.embedder_.tfidf([corpus.stems(i) for i in np.flatnonzero(mask)]))
        return (tfidf @ self.theme_tfidf_.T).toarray()
