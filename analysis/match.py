"""Placing answers in catalogue themes first, and saying why an answer was not placed.

Each catalogue entry is described by several short texts: its title, its
description, each aspect its description lists ("waiting times, opening hours,
phone lines"), each keyword and each example answer, in any language. An
answer's score for an entry is the mean similarity to the entry's three
closest texts: one close example or two matching aspects count, one stray word
does not.

Raw similarities are not comparable between entries (a broad description is
close to everything), so each entry's scores are put on a common scale: the
score minus what the bottom quarter of the run's answers reach for that entry
(answers that are not about it), divided by the spread of scores pooled over
all entries. An answer joins its best entry when that standardised score
reaches ``threshold`` spreads and the runner-up does not tie with it; the bottom
quarter is used rather than the median so that a question whose answers are
mostly about one theme still places them there.
"""

import dataclasses
import re

import numpy as np

#: Reasons an answer was or was not placed in a catalogue theme.
PLACED, WEAK, AMBIGUOUS, NON_ANSWER, NO_CATALOGUE = (
    "placed", "weak", "ambiguous", "non_answer", "no_catalogue")
#: Closest texts of an entry whose similarities are averaged.
TOP_TEXTS = 3
#: Two entries whose raw scores are this close are a tie: the choice is ambiguous.
MARGIN = 0.002
#: A non-answer ("nothing", "n/a") joins an entry only when the entry's closest texts are
#: this similar to it (raw cosine) and clearly more than any other entry's: a catalogue
#: that has a "nothing to improve" theme gets the "nothing" answers (94% of them on NHS
#: feedback, with or without examples), the action plan's substantive themes none.
NON_ANSWER_SIMILARITY, NON_ANSWER_MARGIN = 0.35, 0.08
#: Smallest spread used: runs too small or too alike to measure one (real data: 0.05-0.08).
_SCALE_FLOOR = 0.04
_LIST = re.compile(r",|;|\band\b|\bor\b|\bet\b|\by\b|\bou\b|\bo\b|、|，|；")
_ARTICLE = re.compile(r"^(?:the|a|an|le|la|les|l'|el|los|las|un|une)\s+", re.IGNORECASE)


def entry_texts(theme):
    """Return the short texts that describe a catalogue theme, without repeats."""
    aspects = [_ARTICLE.sub("", part.strip(" .")) for part in
               _LIST.split(theme.description.rstrip("."))]
    texts = [theme.title, theme.description, *aspects, *theme.keywords, *theme.examples]
    seen, kept = set(), []
    for text in texts:
        key = text.strip().casefold()
        if len(key) >= 2 and key not in seen:
            seen.add(key)
            kept.append(text.strip())
    return kept


def text_languages(texts, detect):
    """Return the language of each of an entry's texts (``texts[1]`` is its description).

    A title or keyword of one or two words is too short to tell its language
    ("Staff", "Access"): it is taken to be in the description's language.
    """
    described = detect(texts[1]) if len(texts) > 1 else detect(texts[0])
    return [detect(text) if len(text.split()) >= 4 else described for text in texts]


def entry_scores(X, entry_vectors):
    """Return the score of each answer (row of ``X``) for each entry: shape (n, n_entries)."""
    scores = np.zeros((len(X), len(entry_vectors)))
    for k, vectors in enumerate(entry_vectors):
        similarity = X @ vectors.T
        top = min(TOP_TEXTS, similarity.shape[1])
        scores[:, k] = np.sort(similarity, axis=1)[:, -top:].mean(axis=1)
    return scores


@dataclasses.dataclass
class Scale:
    """Where each entry's scores start (bottom quarter) and their pooled spread."""

    location: np.ndarray
    spread: float

    @classmethod
    def fit(cls, scores):
        """Return the scale of ``scores`` (rows: the run's real answers)."""
        q1, q3 = np.quantile(scores, [0.25, 0.75], axis=0)
        spread = float(np.median((q3 - q1) / 1.349)) if len(scores) > 1 else 0.0
        return cls(q1, max(spread, _SCALE_FLOOR))

    def standardise(self, scores):
        """Return ``scores`` in spreads above each entry's bottom quarter."""
        return (scores - self.location) / self.spread


@dataclasses.dataclass
class Placement:
    """Per answer: chosen entry index (-1: none), why, and the two best entries' scores."""

    chosen: np.ndarray
    reason: np.ndarray
    best: np.ndarray
    best_score: np.ndarray
    second: np.ndarray
    second_score: np.ndarray


def non_answer_entries(X, raw_vectors):
    """Return, per non-answer vector in ``X``, the entry that describes it, or -1."""
    if len(X) == 0:
        return np.zeros(0, dtype=int)
    similarity = entry_scores(X, raw_vectors)
    ordered = np.sort(similarity, axis=1)
    margin = ordered[:, -1] - (ordered[:, -2] if similarity.shape[1] > 1 else 0.0)
    clear = (ordered[:, -1] >= NON_ANSWER_SIMILARITY) & (margin >= NON_ANSWER_MARGIN)
    return np.where(clear, similarity.argmax(axis=1), -1)


def place(scores, z, threshold, non_answer=None, described=None):
    """Return the :class:`Placement` of answers with standardised scores ``z``.

    The best entry is the one with the highest raw score; whether the answer
    joins it is judged on its standardised score.

    Parameters
    ----------
    scores : ndarray of shape (n, n_entries)
        Raw scores (see :func:`entry_scores`).
    z : ndarray of shape (n, n_entries)
        The same, standardised (see :class:`Scale`).
    threshold : float
        Spreads an answer's best entry must reach.
    non_answer : ndarray of bool, optional
        Which answers are non-answers: they are placed only where ``described``
        (see :func:`non_answer_entries`) says, never by their scores.
    described : ndarray of int, optional
        For each non-answer (in order), the entry that describes it or -1.
    """
    n, n_entries = z.shape
    order = np.argsort(-scores, axis=1, kind="stable")
    rows = np.arange(n)
    best = order[:, 0]
    second = order[:, 1] if n_entries > 1 else np.full(n, -1)
    best_score = z[rows, best]
    second_score = z[rows, second] if n_entries > 1 else np.full(n, -np.inf)
    strong = best_score >= threshold
    clear = (scores[rows, best] - scores[rows, second] >= MARGIN) if n_entries > 1 else True
    reason = np.where(strong & clear, PLACED, np.where(strong, AMBIGUOUS, WEAK)).astype(object)
    chosen = np.where(reason == PLACED, best, -1)
    if non_answer is not None and non_answer.any():
        entries = np.full(int(non_answer.sum()), -1) if described is None else described
        chosen[non_answer] = entries
        best[non_answer] = np.where(entries >= 0, entries, best[non_answer])
        reason[non_answer] = np.where(entries >= 0, PLACED, NON_ANSWER)
    return Placement(chosen, reason, best, best_score, second,
                     np.where(np.isfinite(second_score), second_score, np.nan))
