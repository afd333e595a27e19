"""Discovering new themes: k-means whose number of clusters is chosen by stability."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score

# Stability is measured on a sample and in a reduced space so that choosing
# the number of themes costs about a second even for 50,000 answers.
_STABILITY_SAMPLE = 2000
_STABILITY_DIMS = 48
_STABILITY_RUNS = 6


#: Dimensions kept to cluster: the main directions of the answers' own variation.
CLUSTER_DIMS = 32


def reduce(X):
    """Return unit-length ``X`` projected on its first principal components (CLUSTER_DIMS).

    Exact (an eigendecomposition of the covariance), so no seed is needed. Clustering in the answers' own main directions leaves out the many
    directions in which a sentence embedding varies without changing the
    topic (style, length, wording).
    """
    if X.shape[1] <= CLUSTER_DIMS or len(X) <= CLUSTER_DIMS:
        return X
    Z = PCA(n_components=CLUSTER_DIMS, svd_solver="covariance_eigh").fit_transform(X)
    norms = np.linalg.norm(Z, axis=1, keepdims=True)
    return Z / np.where(norms > 0, norms, 1.0)


def candidate_counts(n_items, min_theme_size, max_themes):
    """Return the numbers of themes worth trying for ``n_items`` answers.

    A roughly geometric grid from 5 up to ``max_themes``, never allowing the
    average theme to fall below twice ``min_theme_size``. Fewer than five
    themes are tried only when there are too few answers for five: a
    committee learns little from three broad themes, however stable.
    """
    upper = min(max_themes, n_items // max(2 * min_theme_size, 1))
    if upper < 5:
        return list(range(2, upper + 1))
    grid = [5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100]
    counts = [k for k in grid if k <= upper]
    if counts[-1] < upper <= grid[-1]:
        counts.append(upper)
    return counts


def stability(X, weights, n_clusters, random_state):
    """Return how reproducible a k-means partition is across seeds and subsamples.

    Each run fits k-means on a random 80% of the answers (drawn in proportion
    to their counts) and labels all of them; the score is the mean adjusted
    Rand index between the runs' labellings.
    """
    rng = np.random.default_rng(random_state)
    labellings = []
    p = weights / weights.sum()
    for run in range(_STABILITY_RUNS):
        chosen = np.unique(rng.choice(len(X), size=int(0.8 * len(X)) or 1, p=p))
        km = KMeans(n_clusters=min(n_clusters, len(chosen)), n_init=1,
                    random_state=random_state + run)
        km.fit(X[chosen])
        labellings.append(km.predict(X))
    scores = [adjusted_rand_score(labellings[i], labellings[j])
              for i in range(len(labellings)) for j in range(i + 1, len(labellings))]
    return float(np.mean(scores))


def choose_n_themes(X, weights, min_theme_size, max_themes, random_state):
    """Return ``(n_themes, scores)``: the most stable number of themes and all scores.

    Parameters
    ----------
    X : ndarray of shape (n_items, n_features)
        Unit-length vectors of the answers, in canonical order.
    weights : ndarray of shape (n_items,)
        How many times each answer occurs.
    min_theme_size, max_themes : int
        Bounds on the themes (see :class:`analysis.ThemeModel`).
    random_state : int
        Seed.
    """
    counts = candidate_counts(int(weights.sum()), min_theme_size, max_themes)
    counts = [k for k in counts if k < len(X)]
    if not counts:
        return 1, {}
    rng = np.random.default_rng(random_state)
    if len(X) > _STABILITY_SAMPLE:
        keep = np.sort(rng.choice(len(X), size=_STABILITY_SAMPLE, replace=False,
                                  p=weights / weights.sum()))
        X, weights = X[keep], np.ones(len(keep))
    if X.shape[1] > _STABILITY_DIMS and len(X) > _STABILITY_DIMS:
        X = PCA(n_components=_STABILITY_DIMS, svd_solver="covariance_eigh").fit_transform(X)
    scores = {k: stability(X, weights, k, random_state) for k in counts}
    best = max(scores.values())
    # Among (almost) equally stable counts, prefer the finer partition.
    n_themes = max(k for k, score in scores.items() if score >= best - 0.01)
    return n_themes, scores


def discover_themes(X, weights, n_themes, min_theme_size, random_state):
    """Return ``(labels, centers)`` of the themes found among ``X``.

    Themes smaller than ``min_theme_size`` (counting repeated answers) are
    dissolved and their answers moved to the nearest remaining theme, so every
    answer keeps a theme. Themes are numbered by decreasing size.
    """
    n_themes = max(1, min(n_themes, len(X)))
    km = KMeans(n_clusters=n_themes, n_init=3, random_state=random_state)
    labels = km.fit_predict(X, sample_weight=weights)
    centers = km.cluster_centers_
    while True:
        sizes = np.bincount(labels, weights=weights, minlength=len(centers))
        small = np.flatnonzero((sizes < min_theme_size) & (sizes > 0))
        alive = np.flatnonzero(sizes >= min_theme_size)
        if len(small) == 0 or len(alive) == 0:
            break
        # Dissolve the smallest theme first, then look again.
        victim = small[np.argmin(sizes[small])]
        members = labels == victim
        nearest = alive[np.argmax(X[members] @ centers[alive].T, axis=1)]
        labels[members] = nearest
        centers[victim] = 0.0
    used = np.unique(labels)
    sizes = np.bincount(labels, weights=weights, minlength=len(centers))
    # Number themes by size; ties broken by the first member in canonical order.
    first = {k: int(np.flatnonzero(labels == k)[0]) for k in used}
    order = sorted(used, key=lambda k: (-sizes[k], first[k]))
    remap = np.full(len(centers), -1)
    remap[order] = np.arange(len(order))
    new_centers = np.vstack([_unit(np.average(X[labels == k], axis=0,
                                              weights=weights[labels == k])) for k in order])
    return remap[labels], new_centers


def _unit(vector):
    norm = np.linalg.norm(vector)
    return vector / norm if norm > 0 else vector
