"""Computed prose: what a section shows, and the caveats its data's origin calls for.

Every sentence with a number, a ranking or a comparison is written by a function of a topic
package (``analysis.<topic>.findings``) from the same frames the chart beside it draws, and
returned as a :class:`Findings`. A notebook shows it as the last expression of a code cell:
JupyterLab and the HTML pages render its Markdown, and its plain text is what strict nbval
compares, so a change in the data that changes a sentence fails the notebook test.

The number formats here (:func:`count`, :func:`percent`, :func:`yuan`, …) are the only ones
the prose uses: thousands separators, rounding to what the data supports, ``—`` for a value
that does not exist, never ``nan`` or ``inf``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analysis.config import resolve_lang
from analysis.presentation.text import Catalogue

WORDS = Catalogue(
    __name__,
    {
        "shows": ("它说明了什么", "What it shows"),
        "caveat": ("注意", "Caveat"),
        "missing": ("—", "—"),
        "list_sep": ("、", ", "),
        "and": ("和", " and "),
    },
)


#: How pandas prints a value that does not exist (whole words only: "information" is fine).
_PRINTED_MISSING = re.compile(r"(?<![\w-])(nan|NaN|NaT|inf|-inf|<NA>)(?![\w-])")


@dataclass(frozen=True)
class Findings:
    """Sentences computed from data, with the caveats that go with them.

    Attributes
    ----------
    sentences
        What the data show, one sentence each, in the edition's language.
    caveats
        What a reader must keep in mind (origin of the records, coverage, small numbers).
    lang
        The edition (``"zh"`` or ``"en"``).
    values
        The numbers the sentences state, by name, so tests can compare them with values
        recomputed from the frames.
    """

    sentences: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    lang: str = "zh"
    values: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        """Plain text: the sentences, then the caveats."""
        return "\n".join(self._blocks(markdown=False))

    def _blocks(self, markdown: bool) -> list[str]:
        bold = "**{}** " if markdown else "{}: "
        sep = "" if self.lang == "zh" else " "
        blocks = []
        if self.sentences:
            blocks.append(bold.format(WORDS.text("shows", self.lang)) + sep.join(self.sentences))
        if self.caveats:
            blocks.append(bold.format(WORDS.text("caveat", self.lang)) + sep.join(self.caveats))
        return blocks

    def _repr_markdown_(self) -> str:
        return "\n\n".join(self._blocks(markdown=True))

    def __repr__(self) -> str:  # what strict nbval compares
        return self.text

    def __str__(self) -> str:
        return self.text

    def __add__(self, other: Findings) -> Findings:
        return Findings(
            self.sentences + other.sentences,
            self.caveats + tuple(c for c in other.caveats if c not in self.caveats),
            self.lang,
            {**self.values, **other.values},
        )


def findings(
    sentences: Iterable[str | None],
    caveats: Iterable[str | None] = (),
    lang: str | None = None,
    **values: object,
) -> Findings:
    """Build a :class:`Findings`, dropping ``None`` and empty sentences.

    Raises
    ------
    ValueError
        If ``lang`` is unknown, or a sentence contains ``nan``/``inf`` (a bug upstream:
        a value that does not exist must be worded, not printed).
    """
    lang = resolve_lang(lang)
    kept = tuple(s for s in sentences if s)
    notes = tuple(dict.fromkeys(c for c in caveats if c))
    for text in kept + notes:
        if _PRINTED_MISSING.search(text):
            raise ValueError(f"a finding prints a missing value: {text!r}")
    return Findings(kept, notes, lang, dict(values))


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value))) or math.isinf(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def number(value: float | None, digits: int = 0) -> str:
    """``1,234`` / ``1,234.5``; ``—`` when the value does not exist."""
    if _missing(value):
        return "—"
    return f"{float(value):,.{digits}f}"  # type: ignore[arg-type]


def count(value: float | None) -> str:
    """A whole count with thousands separators."""
    return number(value, 0)


def percent(share: float | None, digits: int = 1) -> str:
    """A share in 0–1 as ``12.3%``; ``—`` when undefined."""
    if _missing(share):
        return "—"
    return f"{100 * float(share):.{digits}f}%"  # type: ignore[arg-type]


def yuan(amount: float | None, lang: str | None = None) -> str:
    """An amount: ``13,900,000 元`` / ``13,900,000 yuan``, whole yuan."""
    if _missing(amount):
        return "—"
    return f"{count(amount)} {'元' if resolve_lang(lang) == 'zh' else 'yuan'}"


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """English noun after a count: ``1 loan``, ``2 loans``."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{count(n)} {word}"


def listing(items: Sequence[str], lang: str | None = None) -> str:
    """``a、b和c`` / ``a, b and c``."""
    lang = resolve_lang(lang)
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return WORDS.text("list_sep", lang).join(items[:-1]) + WORDS.text("and", lang) + items[-1]


def pick(lang: str | None, zh: str, en: str, **fields: object) -> str:
    """The sentence of the edition, formatted with ``fields``.

    Raises
    ------
    KeyError
        If a field named in the sentence is not given.
    """
    return (zh if resolve_lang(lang) == "zh" else en).format(**fields)
