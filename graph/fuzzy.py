"""Fuzzy name matching: whether two folded names could be one person's.

rapidfuzz scores the whole name; each word must then fit a word of the other name
(close letters, interchangeable first sounds, the same consonant skeleton), so a
shared surname never merges two people (the Larijani brothers, Hafez and Bashar
al-Assad) and a surname alone never matches anything.
"""

from __future__ import annotations

import re
from itertools import permutations
from typing import Any, Final

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["fuzzy_compatible", "fuzzy_score"]

# Every aligned pair of words must be at least this close ("Hassan"/"Hussein" is not).
_WORD_THRESHOLD: Final = 75.0
# A word of four letters or fewer may gain or lose a letter (Abda/Abdah), not change one.
_SHORT_WORD_THRESHOLD: Final = 85.0
# First letters that transliterations exchange: Cavusoglu/Chavushoglu, Gamal/Jamal
# (but Kamal is another name).
_FIRST_LETTERS: Final = ("aeiouy", "kcq", "jg", "vw")


def _first_letters_fit(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _FIRST_LETTERS)


# Consonant spellings that transliterations exchange, for a word's consonant skeleton.
_SKELETON_FOLDS: Final = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[sc]h", "s"),  # Bashar/Bachar, Alloush/Allouch, Chavushoglu/Cavusoglu
        (r"kh|gh|q|c|g", "k"),
        (r"zh|dj", "j"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"w", "v"),
        (r"(?<=[aeiouy])h$", ""),  # Haniyeh/Haniya, Abdullah/Abdulla
        (r"[aeiouy]", ""),
        (r"(.)\1+", r"\1"),
    )
)


def _skeleton(word: str) -> str:
    for pattern, replacement in _SKELETON_FOLDS:
        word = pattern.sub(replacement, word)
    return word


def _initial(word: str) -> str:
    """The first sound of a word: Chavushoglu starts like Cavusoglu, Djavad like Javad."""
    if word.startswith("ch"):
        return "k"
    return "j" if word.startswith("dj") else word[0]


def _word_fits(a: str, b: str) -> bool:
    """Whether two folded words could be one name's: close letters, same consonants.

    Vowels differ between transliterations, consonants hardly: Nabil is not Nabih.
    A long word may differ in one consonant (Bogdanov/Bogdanoff), a short one in
    nothing (Jung is not Jang).  An Arabic article written into the word ("Alhakim")
    is tried without it.
    """
    for x, y in ((a, b), (a[2:], b), (a, b[2:])):
        if len(x) < 2 or len(y) < 2:
            continue
        if fuzz.ratio(x, y) < _WORD_THRESHOLD:
            continue
        if not _first_letters_fit(_initial(x), _initial(y)):
            continue
        if min(len(x), len(y)) < 5 and fuzz.ratio(x, y) < _SHORT_WORD_THRESHOLD:
            continue  # one letter is a lot in a short word: Jung and Jang are two names
        allowed = 1 if min(len(x), len(y)) >= 6 else 0
        if Levenshtein.distance(_skeleton(x), _skeleton(y)) <= allowed:
            return True
        if x is a and not (a.startswith(("al", "el")) or b.startswith(("al", "el"))):
            break
    return False


def fuzzy_score(a: str, b: str, **_: Any) -> float:
    """rapidfuzz's token sort ratio, or the plain ratio with the spaces taken out when
    that is higher: "Kwang-ho" and "Kwangho" are one given name written two ways."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def fuzzy_compatible(a: str, b: str) -> bool:
    """Whether two match keys could spell one name: the same words, each one close.

    A surname alone never qualifies, and neither do two names that share a surname
    but not a given name (the Larijani brothers, Hafez and Bashar al-Assad).  Two
    words of one name may be written as one ("Jae-in", "Jaein").
    """
    wa, wb = a.split(), b.split()
    if len(wa) < len(wb):
        wa, wb = wb, wa
    if len(wb) < 2 or len(wa) > 5 or len(wa) - len(wb) > 1:
        return False
    if len(wa) == len(wb):
        shapes = [wa]
    else:  # join two neighbouring words of the longer name
        shapes = [[*wa[:i], wa[i] + wa[i + 1], *wa[i + 2 :]] for i in range(len(wa) - 1)]
    for shape in shapes:
        orders = permutations(wb) if len(wb) <= 4 else iter([tuple(wb)])
        if any(all(_word_fits(x, y) for x, y in zip(shape, o, strict=True)) for o in orders):
            return True
    return False
