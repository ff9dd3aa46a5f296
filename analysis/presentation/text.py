"""The bilingual text catalogue: every word a chart, table, finding or page shows, in both editions.

Each module that shows words keeps one :class:`Catalogue` of ``key -> (zh, en)``; the shape
makes a text with one language impossible to write, and every catalogue registers itself
so ``tests/test_text.py`` can check them all (both languages present and non-empty, no
stray ``{"zh": …, "en": …}`` tables left in the code).

Example
-------
>>> WORDS = Catalogue("example", {"total": ("合计", "total")})
>>> WORDS.text("total", "en")
'total'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from analysis.config import LANGS, resolve_lang


class Catalogue(Mapping[str, tuple[str, str]]):
    """Texts of one module: ``key -> (zh, en)``.

    Parameters
    ----------
    name
        Where the texts belong (the module's dotted name); unique.
    entries
        ``{key: (chinese, english)}``.

    Raises
    ------
    ValueError
        If an entry is not a pair of non-empty strings, or ``name`` is already registered
        with other entries.
    """

    registry: ClassVar[dict[str, Catalogue]] = {}

    def __init__(self, name: str, entries: Mapping[str, tuple[str, str]]) -> None:
        bad = [
            key
            for key, value in entries.items()
            if not (
                isinstance(value, tuple)
                and len(value) == len(LANGS)
                and all(isinstance(v, str) and v.strip() for v in value)
            )
        ]
        if bad:
            raise ValueError(
                f"catalogue {name!r}: entries {', '.join(map(repr, bad))} are not "
                "(chinese, english) pairs of non-empty strings"
            )
        self.name = name
        self._entries = dict(entries)
        known = Catalogue.registry.get(name)
        if known is not None and known._entries != self._entries:
            raise ValueError(f"catalogue {name!r} is defined twice with different texts")
        Catalogue.registry[name] = self

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalogue({self.name!r}, {len(self)} entries)"

    def text(self, key: str, lang: str | None = None) -> str:
        """Return the text of ``key`` in ``lang`` (default: the configured edition).

        Raises
        ------
        KeyError
            If the catalogue has no such key.
        ValueError
            If ``lang`` is unknown.
        """
        if key not in self._entries:
            raise KeyError(f"catalogue {self.name!r} has no text {key!r}")
        return self._entries[key][LANGS.index(resolve_lang(lang))]

    __call__ = text

    def edition(self, lang: str | None = None) -> dict[str, str]:
        """Return ``{key: text}`` in one edition.

        Raises
        ------
        ValueError
            If ``lang`` is unknown.
        """
        i = LANGS.index(resolve_lang(lang))
        return {key: pair[i] for key, pair in self._entries.items()}
