"""The phrases of an alt text: one per value drawn (or per row of an attached frame).

Helpers of :mod:`analysis.presentation._alt`: numbers formatted as the findings format them
(:func:`analysis.presentation.findings.number`), a value written as the chart writes it on
its mark when the mark states it (:func:`states`).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.presentation._drawn import Part
from analysis.presentation.findings import listing, number, percent
from analysis.presentation.text import Catalogue

WORDS = Catalogue(
    __name__,
    {
        "colon": ("：", ": "),
        "stop": ("。", ". "),
        "sep": ("，", ", "),
        "panel_sep": ("；", "; "),
        "more": ("… 另有 {n} 项", "… and {n} more"),
        "panels": ("（{n} 幅分图）", " ({n} panels)"),
        "bracket": ("{}（{}）", "{} ({})"),
        "cell": ("{}·{}", "{} · {}"),
    },
)


def value_text(value: object, scale: float | None = None) -> str:
    """A number as the alt text shows it (``1,234``, ``0.72``, ``67%``); text as it is."""
    if isinstance(value, str):
        return value
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "—"
    if scale:
        share = v / scale
        return percent(share, 0 if abs(100 * share - round(100 * share)) < 1e-9 else 1)
    digits = next((d for d in (0, 1) if round(v, d) == v), 1 if abs(v) >= 10 else 2)
    return number(v, digits)


_FIRST_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.(\d+))?")


def states(mark: str, value: object) -> bool:
    """Whether a mark written on a bar or cell states ``value`` (rounded as the chart shows it).

    ``97% (n=426)`` states 96.7 (or 0.967), ``236万元 · 16笔`` states 236; ``8/10`` does not
    state 10 and ``↑13`` does not state 8: those marks say something else.
    """
    found = _FIRST_NUMBER.search(mark)
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value) == mark
    if found is None or not math.isfinite(v):
        return False
    shown = float(found.group(0).replace(",", "").replace("−", "-"))
    tolerance = 0.5 * 10 ** -len(found.group(1) or "") + 1e-9
    return abs(shown - v) <= tolerance or abs(shown - 100 * v) <= tolerance


#: Roles that name a value rather than measure it, and the ends of a span.
_KEYS, _BOUNDS = ("row", "category", "column"), (("lower", "upper"), ("start", "end"))


def part_items(part: Part, lang: str, several: bool = False, limit: int | None = None) -> list[str]:
    """One short phrase per value of ``part`` (per line: its points, or its first and last).

    Only the first ``limit`` phrases are written (a heatmap may have 1,400 cells);
    :func:`count_items` counts them all.

    A value is written as the chart writes it on its mark when the mark holds it (a bar's
    label ``29（33%）``, a cell's ``97% (n=426)``, ``x`` for a hidden count), else from the
    number, the mark added in brackets. ``several`` (more than one series in the panel)
    names each value's series.

    Raises
    ------
    ValueError
        If ``lang`` is unknown.
    """
    words, rows = WORDS.edition(lang), part.rows
    marks = part.shown if len(part.shown) == len(rows) else [""] * len(rows)

    def fmt(row: pd.Series, role: str) -> str:
        return value_text(row[role], part.percent.get(part.axes.get(role, ""), None))

    bounds = next((b for b in _BOUNDS if set(b) <= set(part.axes)), ())
    keys = [r for r in _KEYS if r in part.axes]
    rest = [r for r in part.axes if r not in keys and r not in bounds]
    if part.kind in ("line", "step", "reference", "interval") and not keys and rest:
        keys, rest = rest[:1], rest[1:]
    if part.kind in ("bar", "barh"):
        keys, rest = keys + [r for r in rest if r != "value"], ["value"]
        if bounds == ("lower", "upper"):  # a histogram's bin names its bar
            keys, bounds = ["bin"], ()
    if part.kind in ("line", "step"):
        items = []
        for series, group in rows.groupby("series", sort=False):
            ends = list(range(len(group))) if len(group) <= 3 else [0, len(group) - 1]
            points = [
                f"{fmt(r, keys[0])} {fmt(r, rest[0])}" for r in map(group.iloc.__getitem__, ends)
            ]
            if len(group) <= 3:  # a short line: its points, each once (a level line repeats)
                text = words["sep"].join(dict.fromkeys(points))
            else:
                text = f"{points[0]} → {points[-1]}"
            items.append(f"{series}{words['colon']}{text}" if series else text)
            if limit is not None and len(items) >= limit:
                break
        return items
    items = []
    for i, mark in enumerate(marks):
        if limit is not None and len(items) >= limit:
            break
        row = rows.iloc[i]
        series = str(row.get("series", "") or "")
        if keys == ["bin"]:
            name = f"{fmt(row, 'lower')}–{fmt(row, 'upper')}"
        elif part.kind == "reference":
            name = series
        else:
            name = words["cell"].format(*[fmt(row, k) for k in keys[:2]]) if len(keys) > 1 else ""
            name = name or (fmt(row, keys[0]) if keys else str(row.get("label", "") or ""))
            if series and (several or not keys) and series != name:
                name = words["bracket"].format(name, series) if name else series
        if bounds:
            value = f"{fmt(row, bounds[0])}–{fmt(row, bounds[1])}"
        elif len(rest) == 1:
            value = fmt(row, rest[0])
        else:
            value = "(" + ", ".join(fmt(row, r) for r in rest) + ")" if rest else ""
        if part.kind == "heatmap" and value == "—" and not mark:
            continue  # an empty cell: nothing drawn
        if mark and (value == "—" or (len(rest) == 1 and states(mark, row[rest[0]]))):
            value = mark  # what the chart writes: 97% (n=426), x for a hidden count
        elif mark and mark not in name:  # a point's name is already said
            value = words["bracket"].format(value, mark) if value else mark
        items.append(f"{name} {value}".strip())
    return items


def count_items(part: Part) -> int:
    """How many phrases :func:`part_items` would write without a limit."""
    rows = part.rows
    if part.kind in ("line", "step"):
        return rows["series"].nunique(dropna=False) if "series" in rows else 1
    if part.kind == "heatmap":
        marks = part.shown if len(part.shown) == len(rows) else [""] * len(rows)
        return int((rows["value"].notna() | pd.Series([bool(m) for m in marks])).sum())
    return len(rows)


def _numbers(column: pd.Series) -> bool:
    """Numbers, possibly beside short marks (``x`` for a hidden count)."""
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    values = column.dropna()
    parsed = pd.to_numeric(values, errors="coerce")
    others = values[parsed.isna()].astype(str)
    return bool(parsed.notna().any()) and bool((others.str.len() <= 2).all())


def frame_items(frame: pd.DataFrame, lang: str, limit: int | None = None) -> list[str]:
    """Phrases of the first ``limit`` rows of an attached frame: text columns name a row,
    its numbers follow."""
    words = WORDS.edition(lang)
    numeric = [c for c in frame.columns if _numbers(frame[c])]
    texts = [c for c in frame.columns if c not in numeric]
    items = []
    for _, row in frame.head(limit if limit is not None else len(frame)).iterrows():
        name = words["cell"].format(*[row[c] for c in texts[:2]]) if len(texts) > 1 else ""
        name = name or (str(row[texts[0]]) if texts else "")
        if len(numeric) == 1:
            items.append(f"{name} {value_text(row[numeric[0]])}".strip())
        else:
            values = listing([f"{c} {value_text(row[c])}" for c in numeric[:3]], lang)
            items.append(f"{name}{words['colon']}{values}" if name else values)
    return items
