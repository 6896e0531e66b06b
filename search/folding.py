"""Letters without their diacritics, as residents type on phones: "Świętochłowice" is
"swietochlowice", "wniosków" is "wnioskow".

Only Latin letters fold: Cyrillic keeps its letters (й is not и), so Ukrainian text is left as
it is. Every base form the search index holds and every word of a query is folded
(``search.polish``), so a word typed with or without Polish letters meets the same pages on
every backend.
"""

import unicodedata
from functools import lru_cache

# Letters whose base letter is not reached by Unicode decomposition.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})
# Latin letters end before U+0250 (IPA) and again span U+1E00–U+1EFF (Latin Extended Additional).
_LATIN = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def _is_latin(char):
    code = ord(char)
    return any(low <= code <= high for low, high in _LATIN)


@lru_cache(maxsize=100_000)
def _fold_word(word):
    folded = []
    for char in word.translate(_SPECIAL):
        if _is_latin(char):
            base = unicodedata.normalize("NFD", char)
            folded.append("".join(part for part in base if not unicodedata.combining(part)))
        else:
            folded.append(char)
    return "".join(folded)


def fold(text):
    """``text`` with the diacritics of its Latin letters removed (ł as l)."""
    if text.isascii():
        return text
    return " ".join(_fold_word(word) for word in text.split(" "))
