"""Chart metadata in notebook output: alt text, CSV and file name beside every PNG.

:func:`chart_metadata` describes a finished figure (what
:func:`analysis.presentation.plotkit.describe` attached, else what
:mod:`analysis.presentation._drawn` reads from its artists); :func:`install_chart_formatter`
(called by ``style.set_style``) wraps the inline backend's PNG formatter so every figure a
notebook shows carries it as output metadata, ``metadata["image/png"]["shangjie"]``, which the
report turns into the ``<img alt>`` and the CSV download and nbval ignores.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.config import resolve_lang
from analysis.datasets.csv_safe import to_csv_text
from analysis.presentation import _alt, _drawn

_LOG = logging.getLogger(__name__)


def _attached_frame(fig: Figure, frames: dict, lang: str) -> pd.DataFrame:
    """The frame(s) attached by :func:`describe`, stacked in the figure's Axes order."""
    if len(frames) == 1:
        return next(iter(frames.values()))
    order = {ax: i for i, ax in enumerate(fig.axes)}
    stacked = []
    for target, frame in sorted(frames.items(), key=lambda kv: order.get(kv[0], -1)):
        title = _drawn.title_of(target) if isinstance(target, Axes) else ""
        stacked.append(frame.assign(**{_drawn.WORDS.text("panel", lang): title}))
    out = pd.concat(stacked, ignore_index=True, sort=False)
    return out[[out.columns[-1], *out.columns[:-1]]]


def chart_metadata(fig: Figure, lang: str | None = None) -> dict[str, str]:
    """``{"alt": …, "csv": …, "name": …}`` of ``fig``: alt text, the numbers drawn, a file name.

    What :func:`describe` attached comes first; otherwise the numbers are read from the
    artists. An unfamiliar chart gets an empty CSV (headers only) and an alt text of its kind
    and title.

    Raises
    ------
    ValueError
        If ``lang`` is unknown. Nothing else: a chart that cannot be read is described by
        its title.
    """
    lang = resolve_lang(lang)
    try:
        found = _drawn.panels(fig, lang)
        attached = getattr(fig, _drawn.ATTACHED, None)
        if attached:
            frame = _drawn.whole_numbers(_attached_frame(fig, attached["frames"], lang))
            given = " ".join(attached["alts"].values())
            alt = (
                _alt.with_source(fig, given, lang)
                if given
                else _alt.alt_text(fig, found, lang, frame)
            )
        else:
            frame = _drawn.assemble(found, lang)
            alt = _alt.alt_text(fig, found, lang)
        return {"alt": alt, "csv": to_csv_text(frame), "name": _alt.slug(fig, found)}
    except Exception:  # a display must never fail for its metadata
        _LOG.debug("chart metadata fell back to the title", exc_info=True)
        title = _alt.figure_title(fig, [])
        return {"alt": title or _alt.KINDS.text("chart", lang), "csv": "", "name": "chart.csv"}


#: Marks the PNG formatter installed here, so installing again wraps the original only.
_WRAPPED = "__shangjie_wrapped__"


def install_chart_formatter() -> bool:
    """Give every Figure a notebook shows its :func:`chart_metadata` as PNG output metadata.

    Wraps the ``image/png`` formatter that ``%matplotlib inline`` registered for Figure, so
    the PNG bytes stay exactly what the inline backend makes (same ``print_figure``
    settings); the display output then carries
    ``metadata["image/png"]["shangjie"] = {"alt", "csv", "name"}``. Call it after
    ``%matplotlib inline`` (``style.set_style`` does); calling it again is harmless.

    Returns
    -------
    bool
        False when not running under IPython, or when no PNG formatter for Figure is
        registered (no inline backend: figures are not shown as PNG, so nothing to add).

    Raises
    ------
    Nothing.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    png = shell.display_formatter.formatters["image/png"]
    try:
        inner = png.lookup_by_type(Figure)
    except KeyError:
        return False
    png.for_type(Figure, chart_png(getattr(inner, _WRAPPED, inner)))
    return True


def chart_png(inner: Callable[[Figure], object]) -> Callable[[Figure], object]:
    """A PNG formatter returning ``(inner(fig), {"shangjie": chart_metadata(fig)})``.

    The metadata is computed after the PNG is drawn, so it cannot change the image.
    """

    def figure_png(fig: Figure) -> object:
        data = inner(fig)
        if data is None:  # an empty figure: nothing shown, nothing to describe
            return None
        return data, {"shangjie": chart_metadata(fig)}

    setattr(figure_png, _WRAPPED, inner)
    return figure_png


def png_bytes(data: object) -> bytes:
    """PNG bytes of a formatter's output (base64 text, as the inline backend returns, or bytes)."""
    if isinstance(data, tuple):
        data = data[0]
    return base64.b64decode(data) if isinstance(data, str) else bytes(data)  # type: ignore[arg-type]
