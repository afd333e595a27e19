"""A corpus of answers in canonical order: unique texts sorted by hash, with counts.

Working on unique texts sorted by their hash makes every later step blind to
the order of the input rows (so shuffled input gives identical themes) and
means an answer repeated a thousand times is prepared and embedded once.
"""

import dataclasses
from collections import Counter

import numpy as np

from .languages import UN_LANGUAGES, detect_languages, normalise_language
from .prepare import content_tokens, is_non_answer, normalise, text_key, words


@dataclasses.dataclass
class Corpus:
    """Unique answers in canonical order and how the input rows map onto them.

    Attributes
    ----------
    texts : list of str
        Unique normalised answers, sorted by :attr:`keys`.
    keys : list of str
        SHA-1 of each text.
    weights : ndarray of float
        How many input rows carry each text.
    rows : ndarray of int
        For each input row, the index of its text in :attr:`texts`.
    first_rows : ndarray of int
        For each text, the first input row that carries it.
    languages : ndarray of str
        Language of each text.
    non_answer : ndarray of bool
        Whether each text is a non-answer.
    tokens : list of list of tuple
        Content tokens of each text (empty for non-answers).
    word_counts : ndarray of int
        Number of words in each text.
    """

    texts: list
    keys: list
    weights: np.ndarray
    rows: np.ndarray
    first_rows: np.ndarray
    languages: np.ndarray
    non_answer: np.ndarray
    tokens: list
    word_counts: np.ndarray

    def __len__(self):
        return len(self.texts)

    def stems(self, index):
        """Return the list of stems of text ``index``, prefixed by its language."""
        return [self.languages[index] + ":" + stem for stem, _, _ in self.tokens[index]]


def _majority(given):
    votes = Counter(given)
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def build_corpus(texts, languages=None, candidates=UN_LANGUAGES):
    """Return the :class:`Corpus` of ``texts``.

    Parameters
    ----------
    texts : sequence of str
        One answer per row; ``None`` counts as an empty answer.
    languages : sequence of str, optional
        Language code of each row ("en", "eng", "zh-CN"...). Detected when
        omitted or empty for a row.
    candidates : sequence of str
        Languages the detector chooses from.
    """
    normalised = [normalise(text) for text in texts]
    if languages is not None:
        languages = list(languages)
        if len(languages) != len(normalised):
            raise ValueError("languages must have one entry per text")
    row_keys = [text_key(text) for text in normalised]
    keys = sorted(set(row_keys))
    index = {key: i for i, key in enumerate(keys)}
    rows = np.fromiter((index[key] for key in row_keys), dtype=np.int64, count=len(row_keys))
    weights = np.bincount(rows, minlength=len(keys)).astype(float)
    first_rows = np.full(len(keys), -1, dtype=np.int64)
    given = [[] for _ in keys]
    unique_texts = [""] * len(keys)
    for row in range(len(rows) - 1, -1, -1):
        first_rows[rows[row]] = row
        unique_texts[rows[row]] = normalised[row]
        if languages is not None and languages[row] not in (None, ""):
            given[rows[row]].append(normalise_language(languages[row]))
    candidates = tuple(candidates)
    unknown = [i for i in range(len(keys)) if not given[i]]
    detected = dict(zip(unknown, detect_languages([unique_texts[i] for i in unknown],
                                                  candidates)))
    langs = np.array([_majority(given[i]) if given[i] else detected[i]
                      for i in range(len(keys))], dtype=object)
    non_answer = np.array([is_non_answer(text) for text in unique_texts], dtype=bool)
    tokens = [[] if non_answer[i] else content_tokens(unique_texts[i], langs[i])
              for i in range(len(keys))]
    word_counts = np.array([len(words(text, lang)) for text, lang in zip(unique_texts, langs)],
                           dtype=np.int64)
    return Corpus(unique_texts, keys, weights, rows, first_rows, langs, non_answer, tokens,
                  word_counts)
