"""Naming discovered themes in words: the candidate phrase nearest each theme's centre.

Candidates are phrases of 3 to 7 words in the label language: word sequences
from the answers themselves (cut at punctuation, starting and ending on a
content word), the catalogue's titles, aspects and keywords, and a shipped list
of phrases about workshops, standards work and feedback (``data/label_phrases_en.txt``)
so that a theme whose answers are all in Chinese still gets an English name.
Each candidate is embedded in the same multilingual space as the answers and
scored by how close it is to the theme's centre and how much closer than to any
other theme; labels are then given largest theme first, never twice.
"""

import re
import unicodedata
from collections import Counter
from importlib import resources

import numpy as np

from .languages import stop_words
from .match import entry_texts

MIN_WORDS, MAX_WORDS = 3, 7
#: Phrases taken per theme from its own answers, and from the whole corpus.
_PER_THEME, _CORPUS = 40, 150
#: Weight of the distance to the nearest other theme (distinctiveness).
_OTHERS = 0.5
#: Bonus for a phrase the theme's own answers use.
_OWN = 0.03
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”«»\n\t]|\s[-–—]\s|，|。|；|：|！|？|、")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SCRIPTS = {"ar": "ARABIC", "ru": "CYRILLIC", "zh": "CJK"}


def script_of(language):
    """Return the Unicode script name prefix a label in ``language`` is written in."""
    return _SCRIPTS.get(language, "LATIN")


def one_script(text, script):
    """Return whether every letter of ``text`` belongs to ``script``."""
    return all(unicodedata.name(c, "").startswith(script) for c in text if c.isalpha())


def sentence_case(phrase):
    """Return ``phrase`` with a capital first letter (acronyms and names kept)."""
    phrase = " ".join(phrase.split())
    return phrase[:1].upper() + phrase[1:]


def phrases(text, language):
    """Return the phrases of 3 to 7 words in ``text`` that start and end on a content word."""
    stops = stop_words(language)
    found = []
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause)
        for size in range(MIN_WORDS, MAX_WORDS + 1):
            for start in range(len(words) - size + 1):
                chunk = words[start:start + size]
                if (chunk[0].casefold() in stops or chunk[-1].casefold() in stops
                        or chunk[-1].isdigit() or chunk[0].isdigit()):
                    continue
                found.append(" ".join(chunk))
    return found


def bank(language):
    """Return the shipped label phrases for ``language`` (English only so far)."""
    source = resources.files("analysis").joinpath("data", f"label_phrases_{language}.txt")
    if not source.is_file():
        return []
    lines = source.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _count(texts, weights, language):
    counts = Counter()
    for text, weight in zip(texts, weights):
        for phrase in set(phrases(text, language)):
            counts[phrase] += weight
    return counts


def candidates(corpus, members, label_language, catalogue):
    """Return ``(phrases, own)``: candidate phrases and, per theme, those its answers use."""
    script = script_of(label_language)
    in_language = corpus.languages == label_language
    own = []
    pool = Counter()
    for rows in members:
        rows = rows[in_language[rows]]
        counts = _count([corpus.texts[i] for i in rows], corpus.weights[rows], label_language)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:_PER_THEME]
        own.append({phrase.casefold() for phrase, _ in top})
        pool.update(dict(top))
    everyone = np.flatnonzero(in_language & ~corpus.non_answer)
    counts = _count([corpus.texts[i] for i in everyone], corpus.weights[everyone], label_language)
    pool.update(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_CORPUS]))
    extra = bank(label_language)
    for theme in catalogue or ():
        extra.extend(text for text in entry_texts(theme)
                     if MIN_WORDS <= len(_WORD.findall(text)) <= MAX_WORDS)
    for phrase in extra:
        pool.setdefault(phrase, 0)
    unique = {}
    for phrase in sorted(pool):
        if one_script(phrase, script) and any(c.isalpha() for c in phrase):
            unique.setdefault(phrase.casefold(), phrase)
    return list(unique.values()), own


def label_themes(representation, corpus, members, centers, sizes, label_language, catalogue,
                 fallback):
    """Return one label per discovered theme: unique phrases of 3 to 7 words.

    Parameters
    ----------
    representation : object
        The fitted representation (gives vectors of short texts).
    corpus : Corpus
    members : list of ndarray
        Indices (in ``corpus``) of each theme's answers.
    centers : ndarray of shape (n_themes, n_features)
        Unit-length theme centres in the representation's space.
    sizes : sequence of int
        Theme sizes: larger themes choose first.
    label_language : str
        Language of the labels (ISO 639-1).
    catalogue : Catalogue or None
        Its vocabulary is offered as candidates.
    fallback : callable
        ``fallback(number)`` returns the label of a theme no candidate fits.
    """
    n_themes = len(centers)
    if n_themes == 0:
        return []
    phrases_, own = candidates(corpus, members, label_language, catalogue)
    labels = [None] * n_themes
    if phrases_:
        V = representation.text_vectors(phrases_, [label_language] * len(phrases_))
        similarity = V @ centers.T
        if n_themes > 1:
            others = np.stack([np.delete(similarity, k, axis=1).max(axis=1)
                               for k in range(n_themes)], axis=1)
        else:
            others = np.zeros_like(similarity)
        score = similarity - _OTHERS * others
        known = np.linalg.norm(V, axis=1) > 0
        used = set()
        for k in sorted(range(n_themes), key=lambda k: (-sizes[k], k)):
            bonus = np.array([_OWN if p.casefold() in own[k] else 0.0 for p in phrases_])
            for i in np.lexsort((np.arange(len(phrases_)), -(score[:, k] + bonus))):
                key = phrases_[i].casefold()
                if known[i] and key not in used:
                    used.add(key)
                    labels[k] = sentence_case(phrases_[i])
                    break
    return [label or fallback(k + 1) for k, label in enumerate(labels)]
