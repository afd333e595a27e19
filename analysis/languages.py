"""Language detection, stop words and stemmers, all offline.

The detector first looks at the script (Arabic, Cyrillic and CJK answers need
no statistics), then asks py3langid, whose model ships inside its package,
to choose among the candidate languages written in Latin script.
"""

import functools
import logging
import math
import unicodedata

#: The six official languages of the United Nations, as ISO 639-1 codes.
UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

#: ISO 639-1 code -> name NLTK's Snowball stemmer knows it by.
_SNOWBALL = {
    "ar": "arabic", "da": "danish", "de": "german", "en": "english", "es": "spanish",
    "fi": "finnish", "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch",
    "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sv": "swedish",
}

#: Three-letter codes seen in data exports (FLORES, SIB-200) -> ISO 639-1.
_ALIASES = {
    "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "arb": "ar", "ara": "ar",
    "rus": "ru", "zho": "zh", "chi": "zh", "cmn": "zh", "deu": "de", "ger": "de",
    "por": "pt", "ita": "it",
}

UNKNOWN = "und"

# stopwordsiso's English list (1,298 words) also drops words that carry the
# point of a survey answer ("fees are too high for small companies").
_KEEP = {
    "en": frozenset(
        "bad best better big cheap clear different early easy expensive fast free full "
        "good great group groups hard help high important information interest interested "
        "large late long member members need needed needs new old open part place problem "
        "problems quick research right short slow small system systems time times value "
        "work working works world young".split()
    ),
}


def normalise_language(code):
    """Return the ISO 639-1 code for a language code such as ``"eng"`` or ``"zh-CN"``."""
    if code is None:
        return UNKNOWN
    code = str(code).strip().lower().replace("_", "-")
    if not code:
        return UNKNOWN
    code = code.split("-")[0]
    return _ALIASES.get(code, code)


def _script(text):
    """Return the dominant non-Latin script of ``text``, or ``None``."""
    counts = {"arabic": 0, "cyrillic": 0, "cjk": 0, "latin": 0}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("ARABIC"):
            counts["arabic"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        elif name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
            counts["cjk"] += 1
        else:
            counts["latin"] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] else None


@functools.lru_cache(maxsize=8)
def _identifier(languages):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(languages))
    return identifier


def _latin(languages):
    return tuple(sorted(lang for lang in languages if lang not in ("ar", "ru", "zh")))


def _scores(text, languages):
    """Return ``(language, None)`` when settled by script, else ``(None, {lang: log score})``."""
    script = _script(text)
    if script is None:
        return UNKNOWN, None
    by_script = {"arabic": "ar", "cyrillic": "ru", "cjk": "zh"}
    if script in by_script and by_script[script] in languages:
        return by_script[script], None
    latin = _latin(languages)
    if not latin:
        return sorted(languages)[0], None
    if len(latin) == 1:
        return latin[0], None
    return None, dict(_identifier(latin).rank(text))


def detect_language(text, languages=UN_LANGUAGES):
    """Return the ISO 639-1 code of the language ``text`` is written in.

    Parameters
    ----------
    text : str
        The answer.
    languages : sequence of str
        Candidate languages; restricting the candidates makes detection of
        short answers far more reliable.

    Returns
    -------
    str
        One of ``languages``, or ``"und"`` when the text has no letters.
    """
    return detect_languages([text], languages, use_prior=False)[0]


def detect_languages(texts, languages=UN_LANGUAGES, use_prior=True):
    """Return the language of each text, using the corpus as a prior.

    A short answer ("Staff excellent") is easily mistaken for another
    language written in the same script. With ``use_prior``, each Latin-script
    answer's scores are combined with the share of each language among the
    answers whose language is clear, so a lone English-looking French word
    in an English survey stays English, while a real French answer does not.
    """
    languages = tuple(languages)
    settled, scored = [], []
    for text in texts:
        language, scores = _scores(text, languages)
        settled.append(language)
        scored.append(scores)
    if not use_prior:
        return [lang if lang else max(sc, key=sc.get) for lang, sc in zip(settled, scored)]
    first = [lang if lang else max(sc, key=sc.get) for lang, sc in zip(settled, scored)]
    counts = {lang: 1.0 for lang in _latin(languages)}
    for lang, scores in zip(first, scored):
        if scores is not None:
            counts[lang] += 1.0
    total = sum(counts.values())
    log_prior = {lang: math.log(count / total) for lang, count in counts.items()}
    result = []
    for lang, scores in zip(settled, scored):
        if scores is not None:
            lang = max(scores, key=lambda code: (scores[code] + log_prior[code], code))
        result.append(lang)
    return result


@functools.lru_cache(maxsize=64)
def stop_words(language):
    """Return the set of stop words for ``language`` (empty if none are known)."""
    import stopwordsiso

    if language == UNKNOWN or not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(stopwordsiso.stopwords(language)) - _KEEP.get(language, frozenset())


@functools.lru_cache(maxsize=64)
def _stemmer(language):
    from nltk.stem.snowball import SnowballStemmer

    name = _SNOWBALL.get(language)
    return SnowballStemmer(name) if name else None


@functools.lru_cache(maxsize=200_000)
def stem(word, language):
    """Return the Snowball stem of ``word``, or the word when no stemmer exists."""
    stemmer = _stemmer(language)
    return stemmer.stem(word) if stemmer else word


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment_chinese(text):
    """Return the words of a Chinese text, segmented by jieba."""
    return [word for word in _jieba().lcut(text) if word.strip()]
