"""Text preparation: normalisation, non-answers, tokens and stems."""

import hashlib
import re
import unicodedata

from nltk.tokenize import RegexpTokenizer

from .languages import UNKNOWN, segment_chinese, stem, stop_words

_SPACES = re.compile(r"\s+")
# Words of letters and digits, keeping inner apostrophes and hyphens
# ("don't", "start-up"); needs no downloaded NLTK data, unlike punkt.
_TOKENIZER = RegexpTokenizer(r"\w+(?:['’-]\w+)*")

# Answers that say nothing, in the six UN languages. Matched against the whole
# answer after lower-casing and stripping punctuation, so "Nothing." and
# "N/A" match but "nothing works" does not.
_NON_ANSWERS = {
    # English
    "", "na", "n a", "none", "nothing", "nil", "no", "nope", "no comment", "no comments",
    "not applicable", "nothing to add", "nothing else", "nothing more", "nothing to say",
    "nothing further", "no answer", "no idea", "dont know", "don't know", "do not know",
    "idk", "not sure", "unsure", "none at all", "none really", "nothing really",
    "no thanks", "no thank you", "nothing thanks", "nothing thank you", "same", "ok", "okay",
    "x", "xx", "xxx", "test", "tbd", "tba", "pass", "skip", "no opinion", "none so far",
    # French
    "rien", "aucun", "aucune", "non", "sans commentaire", "pas de commentaire",
    "je ne sais pas", "sans objet", "rien à ajouter", "ne sais pas", "nsp", "ras",
    "rien à signaler",
    # Spanish
    "nada", "ninguno", "ninguna", "sin comentarios", "sin comentario", "no sé", "no se",
    "no aplica", "nada que añadir", "nada más",
    # Russian
    "нет", "ничего", "нет комментариев", "не знаю", "без комментариев", "не применимо",
    # Arabic
    "لا", "لا شيء", "لاشيء", "لا يوجد", "لا تعليق", "لا أعرف", "لا اعرف", "لا ينطبق",
    # Chinese
    "无", "没有", "无意见", "不知道", "不适用", "暂无", "没有意见", "无评论",
}
_NON_WORD = re.compile(r"[^\w\s']+")
# French and Italian elisions: "d'adhésion" -> "adhésion".
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quelqu|dell|all|nell)['’]")


def normalise(text):
    """Return ``text`` in Unicode NFKC form with runs of white space collapsed."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return _SPACES.sub(" ", text).strip()


def text_key(text):
    """Return a stable hexadecimal hash of a normalised text (cache and order key)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def is_non_answer(text):
    """Return True when an answer says nothing ("n/a", "nothing", "-", "无"...).

    Parameters
    ----------
    text : str
        A normalised answer.

    Returns
    -------
    bool
    """
    bare = _NON_WORD.sub(" ", text.casefold().replace("’", "'"))
    bare = _SPACES.sub(" ", bare).strip()
    if bare in _NON_ANSWERS or bare.replace("'", "") in _NON_ANSWERS:
        return True
    # Only punctuation, digits or a single character: "-", "...", "0", "?"
    return not any(char.isalpha() for char in bare) or len(bare) < 2


def words(text, language):
    """Return the lower-cased words of ``text`` (Chinese is segmented by jieba)."""
    if language == "zh":
        return [w.casefold() for w in segment_chinese(text) if any(c.isalnum() for c in w)]
    tokens = [w.casefold() for w in _TOKENIZER.tokenize(text.replace("’", "'"))]
    if language in ("fr", "it"):
        tokens = [_ELISION.sub("", w) for w in tokens]
    return tokens


def content_tokens(text, language):
    """Return ``(stem, word, position)`` triples for the content words of ``text``.

    Stop words, numbers and one-letter words are dropped; each remaining word
    is reduced to its Snowball stem where NLTK has a stemmer for the language.
    ``position`` is the word's index in the answer, so that callers can tell
    which content words were adjacent.

    Parameters
    ----------
    text : str
        A normalised answer.
    language : str
        ISO 639-1 code of the answer's language, or ``"und"``.

    Returns
    -------
    list of tuple of (str, str, int)
    """
    stops = stop_words(language) if language != UNKNOWN else stop_words("en")
    triples = []
    for position, word in enumerate(words(text, language)):
        if word in stops or word.isdigit():
            continue
        if len(word) < 2 and language != "zh":
            continue
        triples.append((stem(word, language), word, position))
    return triples
