"""Sort keys that put names in the order a reader of each language expects.

Every language but Chinese follows the Unicode Collation Algorithm with its default table
(DUCET, through ``pyuca``): accents and case count only after the letters, so "Égypte"
sorts among the E's and "Ёмкость" among the Е's, Arabic letters follow the Arabic
alphabet, spaces and punctuation come before letters. Spanish adds CLDR's one tailoring
for its alphabet: "ñ" is a letter of its own after "n". Chinese (simplified, as the UN
writes it) is sorted by pinyin, CLDR's default order for ``zh``: character by character,
by syllable, then tone (``pypinyin`` reads whole words, so 重庆 is chóng qìng).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import groupby

#: CLDR tailorings of the root order used here: a letter sorted just after another.
_TAILORINGS = {"es": str.maketrans({"ñ": "n\uffff", "Ñ": "N\uffff"})}


@cache
def _collator():
    from pyuca import Collator

    return Collator()


def _uca_key(text: str) -> tuple[int, ...]:
    return tuple(_collator().sort_key(text))


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _pinyin_key(text: str) -> tuple:
    from pypinyin import Style, lazy_pinyin

    key = []
    for han, run in groupby(text, key=_is_han):
        run = "".join(run)
        if not han:  # Latin letters, digits and punctuation come before the ideographs
            key.append((0, _uca_key(run), "", ""))
            continue
        syllables = lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
        for char, syllable in zip(run, syllables):
            key.append((1, syllable.rstrip("12345"), syllable[-1:], char))
    return tuple(key)


def sort_key(text: str, language: str = "en"):
    """Return a key that sorts ``text`` as a reader of ``language`` expects.

    ``language`` is a primary language code (``zh``, ``es``...); any language without a
    rule of its own gets the Unicode Collation Algorithm's default order.
    """
    if language == "zh":
        return _pinyin_key(text)
    table = _TAILORINGS.get(language)
    return _uca_key(text.translate(table) if table else text)
