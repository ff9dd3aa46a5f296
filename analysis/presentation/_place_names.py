"""Names of places in the English edition: pinyin, with the words a reader needs in English.

A compound, community or partner unit keeps its Chinese name in the Chinese edition. In
English it is written in pinyin (``pypinyin``), one capitalised word per run of characters,
with the words of :data:`PLACE_WORDS` in English, so a reader can tell an invented name
from a real one: ``工业路虚构楼院01`` → ``Gongyelu fictional compound 01``. A unit the
reference table knows (``中心路街道``) takes its English name from there.

Shown through :func:`analysis.presentation.labels.place_name`; kept apart from
:mod:`~analysis.presentation.labels` so the table display, which
:func:`analysis.presentation.style.set_style` installs, does not import the style module.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.config import resolve_lang
from analysis.presentation.text import Catalogue

#: Words of place names said in English rather than in pinyin, longest first when matched.
#: A word of :data:`_SUFFIXES` is matched only at the end of a name part (before digits, a
#: letter, punctuation or another of these words), so 镇 in 镇江路 stays part of the pinyin.
PLACE_WORDS = Catalogue(
    __name__ + ".place_words",
    {
        "联建单位": ("联建单位", "partner unit"),
        "虚构": ("虚构", "fictional"),
        "楼院": ("楼院", "compound"),
        "家属院": ("家属院", "Staff Compound"),
        "小区": ("小区", "Residential Compound"),
        "社区": ("社区", "Community"),
        "街道": ("街道", "Subdistrict"),
        "镇": ("镇", "Town"),
        "村": ("村", "Village"),
    },
)
_SUFFIXES = frozenset({"家属院", "小区", "社区", "街道", "镇", "村"})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Full-width punctuation a name may carry, as ASCII.
_ASCII_PUNCT = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "　": " "})


def has_han(text: object) -> bool:
    """True when ``text`` is a string holding at least one Chinese character."""
    return isinstance(text, str) and _HAN.search(text) is not None


@lru_cache(maxsize=1)
def _unit_names() -> dict[str, str]:
    """Chinese unit name → English unit name, from the shipped units table."""
    from analysis.datasets.loaders import load_units

    units = load_units()
    return dict(zip(units["name_zh"], units["name_en"], strict=True))


def _pinyin_word(chars: str) -> str:
    """``工业路`` → ``Gongyelu``: one capitalised word, with the apostrophe pinyin puts
    before a syllable starting with a, o or e (``新安`` → ``Xin'an``)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(chars, style=Style.NORMAL, errors="default")
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in ("a", "o", "e") else "") + syllable
    return word[:1].upper() + word[1:]


def _tokens(name: str) -> list[tuple[str, str]]:
    """Split ``name`` into ``("word", english)``, ``("han", chars)`` and ``("other", text)``."""
    words = sorted(PLACE_WORDS, key=len, reverse=True)
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(name):
        for word in words:
            end = i + len(word)
            if not name.startswith(word, i):
                continue
            if word in _SUFFIXES and end < len(name) and _HAN.match(name[end]):
                if not any(name.startswith(w, end) for w in words):
                    continue  # inside a name (镇江路), not its last word
            tokens.append(("word", PLACE_WORDS[word][1]))
            i = end
            break
        else:
            kind = "han" if _HAN.match(name[i]) else "other"
            if tokens and tokens[-1][0] == kind:
                tokens[-1] = (kind, tokens[-1][1] + name[i])
            else:
                tokens.append((kind, name[i]))
            i += 1
    return tokens


def place_name(name_zh: object, lang: str | None = None) -> str:
    """A compound, community, unit or partner unit's name in the edition's language.

    Chinese: the name as written. English: a unit the reference table knows by its English
    name; any other name in pinyin (pypinyin), one capitalised word per run of characters,
    with the words of :data:`PLACE_WORDS` in English — ``工业路虚构楼院01`` →
    ``Gongyelu fictional compound 01``, ``东街社区`` → ``Dongjie Community``,
    ``虚构联建单位G`` → ``fictional partner unit G``. After "fictional" a place word is a
    description, not part of a proper name, so it is written in lower case.

    Raises
    ------
    Nothing: a value that is not a name (None, a number) comes back as its text, and an
    unknown ``lang`` is read as Chinese.
    """
    text = "" if name_zh is None else str(name_zh)
    try:
        if resolve_lang(lang) == "zh" or not has_han(text):
            return text
    except ValueError:
        return text
    try:
        known = _unit_names()
        if text.strip() in known:
            return known[text.strip()]
        return _english_place(text.translate(_ASCII_PUNCT).strip())
    except Exception:
        return text


def _english_place(name: str) -> str:
    """The English form of a name with Chinese characters (see :func:`place_name`)."""
    parts: list[str] = []
    fictional = False
    for kind, text in _tokens(name):
        if kind == "word":
            parts.append(text.lower() if fictional else text)
            fictional = fictional or text == PLACE_WORDS["虚构"][1]
        elif kind == "han":
            parts.append(_pinyin_word(text))
        elif text.strip():
            parts.append(text.strip())
    out = " ".join(parts)
    # No space just inside brackets, nor before a comma or a colon.
    out = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", out))
    return re.sub(r"\s+([,:;.!?])", r"\1", out)
