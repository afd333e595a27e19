"""Representations behind :class:`analysis.ThemeModel`: one class per embedding backend.

Each representation gives the vectors of the answers, the space they are
compared and clustered in (language offsets removed where the backend is
multilingual), and vectors of other short texts (catalogue entries, candidate
theme labels) in that same space.
"""

import numpy as np

from .embed import (LsaEmbedder, apply_language_offsets, embed_sentences,
                    remove_language_offsets)
from .languages import detect_language
from .prepare import normalise, text_key


class SentenceRepresentation:
    """Multilingual sentence embeddings (USE v3) with per-language offsets removed.

    Answers in one language share an offset in the embedding space; it is
    removed (estimated from the answers themselves) so that answers, catalogue
    texts and label candidates in different languages are compared by meaning.
    """

    #: Similar texts in different languages land together.
    multilingual = True

    def __init__(self, languages, cache_dir=None, progress=None):
        self.languages = tuple(languages)
        self.cache_dir = cache_dir
        self.progress = progress

    def _embed(self, texts, progress=None):
        return embed_sentences(texts, [text_key(t) for t in texts], self.cache_dir, progress)

    def fit(self, corpus, real):
        """Embed every answer of ``corpus``; learn language offsets from the ``real`` ones."""
        X = self._embed(corpus.texts, self.progress)
        _, self.offsets_ = remove_language_offsets(
            X[real], corpus.languages[real], corpus.weights[real])
        return X

    def vectors(self, corpus):
        """Return the raw vectors of the answers of a new corpus."""
        return self._embed(corpus.texts)

    def space(self, X, languages):
        """Return vectors to compare and cluster: language offsets removed, unit length."""
        return apply_language_offsets(X, languages, self.offsets_)

    def text_vectors(self, texts, languages=None, raw=False):
        """Return short texts (catalogue entries, label candidates) in the same space.

        With ``raw``, return their embeddings as they are (language offsets kept).
        """
        texts = [normalise(text) for text in texts]
        if raw:
            return self._embed(texts) if texts else np.zeros((0, 512))
        if languages is None:
            languages = [detect_language(text, self.languages) for text in texts]
        if not texts:
            return np.zeros((0, 512))
        return self.space(self._embed(texts), languages)


class LsaRepresentation:
    """TF-IDF on stems and its LSA reduction, fitted on the answers themselves.

    TF-IDF does not bridge languages: use it for single-language data or when
    speed matters most.
    """

    multilingual = False

    def __init__(self, stems_of, random_state=0):
        self.stems_of = stems_of
        self.random_state = random_state

    def fit(self, corpus, real):
        """Fit TF-IDF and LSA on the ``real`` answers; return the LSA vectors of all."""
        stems = [corpus.stems(i) for i in range(len(corpus))]
        self.embedder_ = LsaEmbedder(random_state=self.random_state).fit(
            [s for s, keep in zip(stems, real) if keep])
        return self.embedder_.transform(stems)

    def vectors(self, corpus):
        """Return LSA vectors of the answers of a new corpus."""
        return self.embedder_.transform([corpus.stems(i) for i in range(len(corpus))])

    def space(self, X, languages):
        """Return vectors to compare and cluster (LSA vectors as they are)."""
        return X

    def text_vectors(self, texts, languages=None, raw=False):
        """Return LSA vectors of short texts (stems of each text's detected language)."""
        if languages is None:
            return self.embedder_.transform([self.stems_of(text) for text in texts])
        return self.embedder_.transform([self.stems_of(text, language)
                                         for text, language in zip(texts, languages)])
