"""Cell formats and the HTML of one publication table (pandas Styler with our own template).

A column's *kind* decides how its cells read: whole numbers with thousands separators,
shares (0–1, ``*_share``) and percentages (0–100, ``*_pct``) with ``%``, yuan amounts
without decimals, other decimals to three significant digits of the column's largest value,
dates as ``2020-09-23``, missing as ``—``. Text already formatted by
:func:`analysis.rules.disclosure.protect_table` (``"1,234"``, ``"12.3%"``, ``"x"``) stays as
it is. Every cell of a numeric column carries its raw number in ``data-v``, so the page's
script sorts numerically; a mark (``x``) or a blank has none and sorts last.

The markup comes from :class:`pandas.io.formats.style.Styler`, given a template of its own
(``Styler.from_custom_template`` does the same from a folder): plain ``<th scope="col"
data-col="<column name>">`` headers, no ids, no inline styles.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

import jinja2
import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

MISSING = "—"
#: Shown for an infinite value (a median never reached, a lift over nothing).
INFINITE = "∞"

_SHARE = re.compile(r"(^|_)share(_|$)")
_PCT = re.compile(r"(^|_)pct(_|$)")
_YUAN = re.compile(r"yuan")
_RATE = re.compile(r"(^|_)per(_|$)")
_YEAR = re.compile(r"(^|_)year(_|$)")
_P_VALUE = re.compile(r"^p(_value)?$")
#: Date columns that hold months (a pivot by ``period``): shown as ``2020-03``.
_MONTHLY = frozenset({"period", "month"})
#: Text a table already formatted: ``1,234``, ``-0.5``, ``12.3%``.
_NUMBER_TEXT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
#: Cells of a formatted numeric column that are not numbers: marks and blanks.
_NON_NUMBERS = frozenset({"x", "X", "×", MISSING, "", "-", "–"})

_TEMPLATE = """\
<table class="{{ table_class }}">
  <thead>
    <tr>
{% for c in head[-1] if c.is_visible != False %}
      <th scope="col" data-col="{{ keys[loop.index0] }}"\
{% if numeric[loop.index0] %} class="num"{% endif %}>{{ c.display_value }}</th>
{% endfor %}
    </tr>
  </thead>
  <tbody>
{% for r in body %}
    <tr>
{% for c in r if c.is_visible != False %}
{% set v = c.value | sort_key if numeric[loop.index0] else None %}
      <td{% if numeric[loop.index0] %} class="num"\
{% elif nowrap[loop.index0] %} class="nowrap"{% endif %}\
{% if v is not none %} data-v="{{ v }}"{% endif %}>{{ c.display_value }}</td>
{% endfor %}
    </tr>
{% else %}
    <tr><td colspan="{{ keys | length }}" class="empty">{{ empty }}</td></tr>
{% endfor %}
  </tbody>
</table>
"""


def sort_key(value: object) -> str | None:
    """The raw number of a cell as ``data-v`` text, or None (a mark, a blank, text).

    Raises
    ------
    Nothing.
    """
    if isinstance(value, bool | np.bool_) or value is None:
        return None
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return repr(float(value)) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER_TEXT.match(value.strip()):
        number = value.strip().rstrip("%").replace(",", "")
        return str(int(number)) if number.lstrip("+-").isdigit() else repr(float(number))
    return None


class TableStyler(Styler):
    """A Styler drawing the project's table markup (see the module docstring)."""

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader({"data_table.tpl": _TEMPLATE}), Styler.loader]
        ),
        trim_blocks=True,
        autoescape=False,  # every display value is escaped by the formatters below
    )
    env.filters["sort_key"] = sort_key
    template_html_table = env.get_template("data_table.tpl")


def column_kind(name: str, column: pd.Series) -> str:
    """How a column's cells are formatted: ``int``, ``share``, ``pct``, ``yuan``, ``year``,
    ``p`` (p-values), ``float``, ``bool``, ``date``, ``month``, ``delta``, ``numtext``
    (numbers formatted as text) or ``text``.

    Raises
    ------
    Nothing.
    """
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        days = column.dropna()
        monthly = name.lower() in _MONTHLY and len(days) and (days.dt.day == 1).all()
        return "month" if monthly else "date"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "delta"
    if pd.api.types.is_numeric_dtype(dtype):
        key = name.lower()
        values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        finite = values[np.isfinite(values)]
        if _SHARE.search(key) and ((finite >= 0) & (finite <= 1)).all():
            return "share"
        if _PCT.search(key):
            return "pct"
        if _YUAN.search(key) and not _RATE.search(key):
            return "yuan"
        if _YEAR.search(key):
            return "year"
        if _P_VALUE.match(key):
            return "p"
        if pd.api.types.is_integer_dtype(dtype) or (finite == np.round(finite)).all():
            return "int"
        return "float"
    texts = [str(v).strip() for v in column.dropna()]
    numbers = [t for t in texts if t not in _NON_NUMBERS]
    if numbers and all(_NUMBER_TEXT.match(t) for t in numbers):
        return "numtext"
    return "text"


NUMERIC_KINDS = frozenset({"int", "share", "pct", "yuan", "year", "p", "float", "numtext"})


def _decimals(value: float) -> int:
    """Decimals ``value`` shows once rounded to three significant digits (at most 3)."""
    rounded = Decimal(format(value, ".3g")).normalize()
    return int(min(3, max(0, -rounded.as_tuple().exponent)))


def _float_format(column: pd.Series) -> Callable[[float], str]:
    """Decimals for a column of decimals: as many as its most precise value needs at three
    significant digits (``99.5`` and ``122.0``; ``3.7`` and ``13.6``; ``0.123``), at most 3.

    Every cell gets the same decimals, unless the column mixes fractions with large whole
    numbers (published values: ``0.5`` and ``13,900,000``): then whole numbers are shown
    whole and fractions without trailing zeros.
    """
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    finite = values[np.isfinite(values)]
    fractions = finite[finite != np.round(finite)]
    digits = max((_decimals(float(v)) for v in fractions), default=0)
    if not (np.abs(finite[finite == np.round(finite)]) >= 1000).any():
        return lambda x: format(x, f",.{digits}f")

    def mixed(x: float) -> str:
        if x == round(x) or digits == 0:
            return format(x, ",.0f")
        return format(x, f",.{digits}f").rstrip("0").rstrip(".")

    return mixed


def formatter(kind: str, column: pd.Series, words: Callable[[object], str]) -> Callable:
    """The function turning one raw cell of a ``kind`` column into escaped display text.

    ``words`` gives the edition's word for a boolean (``是`` / ``yes``).

    Raises
    ------
    Nothing.
    """

    def number(
        spec: str | Callable[[float], str], scale: float = 1.0, suffix: str = ""
    ) -> Callable:
        def show(value: object) -> str:
            x = float(value)  # type: ignore[arg-type]
            if not math.isfinite(x):
                return INFINITE if x > 0 else "-" + INFINITE
            text = spec(x * scale) if callable(spec) else format(x * scale, spec)
            return text + suffix

        return show

    if kind == "int":
        return number(",.0f")
    if kind == "yuan":
        return number(",.0f")
    if kind == "year":  # 1988, not 1,988
        return number(".0f")
    if kind == "share":
        return number(",.1f", 100.0, "%")
    if kind == "pct":
        return number(",.1f", 1.0, "%")
    if kind == "p":  # two significant digits, whatever the size: 0.0011, 0.31
        return number(lambda x: "<0.001" if 0 <= x < 0.001 else format(x, ".2g"))
    if kind == "float":
        return number(_float_format(column))
    if kind == "bool":
        return lambda value: html.escape(words(bool(value)))
    if kind == "date":
        with_time = (column.dropna().dt.normalize() != column.dropna()).any()
        spec = "%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d"
        return lambda value: pd.Timestamp(value).strftime(spec)
    if kind == "month":
        return lambda value: pd.Timestamp(value).strftime("%Y-%m")
    if kind == "delta":
        return lambda value: f"{pd.Timedelta(value).days:,}"
    return lambda value: html.escape(str(value))


def display_strings(frame: pd.DataFrame, kinds: Sequence[str], words: Callable) -> pd.DataFrame:
    """Every cell as its display text (unescaped), for the plain-text output.

    Raises
    ------
    Nothing.
    """
    out = pd.DataFrame(index=frame.index)
    for i, kind in enumerate(kinds):
        column = frame.iloc[:, i]
        show = formatter(kind, column, words)
        out[i] = [MISSING if _missing(v) else html.unescape(show(v)) for v in column.astype(object)]
    out.columns = frame.columns
    return out


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell is not missing
        return False


def render(
    frame: pd.DataFrame,
    keys: Sequence[str],
    labels: Sequence[str],
    kinds: Sequence[str],
    words: Callable,
    table_class: str,
    empty: str,
) -> str:
    """The ``<table>`` of ``frame`` (positional columns) with ``labels`` as headers.

    Raises
    ------
    Nothing.
    """
    body = frame.copy()
    body.columns = range(body.shape[1])  # positions: labels may repeat, names may clash
    styler = TableStyler(body, cell_ids=False)
    styler.hide(axis="index")
    styler.format(
        {i: formatter(kind, body[i], words) for i, kind in enumerate(kinds)}, na_rep=MISSING
    )
    styler.format_index(lambda i: html.escape(str(labels[i])), axis=1)
    return styler.to_html(
        table_class=table_class,
        keys=[html.escape(str(k), quote=True) for k in keys],
        numeric=[kind in NUMERIC_KINDS for kind in kinds],
        nowrap=[kind in ("date", "month", "delta") for kind in kinds],  # 2020-03 in one piece
        empty=html.escape(empty),
        exclude_styles=True,
    )
