"""House style for every chart: theme, Chinese font, unit colours and source lines.

Modelled on seaborn's ``rcmod``: one call, :func:`set_style`, at the top of a notebook
sets the theme and registers the bundled CJK font; plotting functions in
:mod:`analysis.overview.charts` then only pick colours (:data:`UNIT_COLOURS`) and labels
(:func:`unit_label`, :func:`category_label`) and sign each figure with
:func:`add_source`.

The Chinese font is Noto Sans CJK SC (SIL Open Font Licence) shipped inside the
``mplfonts`` wheel. The package is only used as a carrier for the file: importing it
would run its own font-management code, and its ``SimHei.ttf`` has no clear licence.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import seaborn as sns
from matplotlib import font_manager
from matplotlib import transforms as mtransforms
from matplotlib.figure import Figure

from analysis.config import LANGS, configure, resolve_lang
from analysis.presentation._alt import SOURCE_GID, synthetic_caption
from analysis.presentation._alt import SYNTHETIC_CAPTION as SYNTHETIC_CAPTION  # re-exported
from analysis.presentation.text import Catalogue
from analysis.rules.entities import DISTRICT_ID

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
CJK_FONT_NAME = "Noto Sans CJK SC"
FIGSIZE = (8.0, 4.5)
DPI = 110

#: Fixed colour per unit_id (units.csv). The district is grey because it is the total,
#: not a peer of the subdistricts; the others are Okabe–Ito colours, which stay
#: distinguishable under the common colour-vision deficiencies. Yellow is left out: it
#: vanishes on white. Colours never depend on the data, so a unit looks the same in
#: every chart and every report.
UNIT_COLOURS: dict[str, str] = {
    DISTRICT_ID: "#8C8C8C",
    "jiyuanlu": "#0072B2",
    "zhongxinlu": "#D55E00",
    "xinanlu": "#009E73",
    "gongyelu": "#E69F00",
    "kuangshan": "#CC79A7",
    "xiawo": "#56B4E9",
}

SOURCE_COLOUR = "0.35"
SYNTHETIC_COLOUR = "#A50F15"

#: Short (Chinese, English) names of sources cited in data/datapackage.json, keyed by
#: their title there. A title missing here is printed as it stands, so a new source is
#: never dropped from a chart, only left unabridged.
SOURCE_NAMES = Catalogue(
    __name__ + ".source_names",
    {
        "Shangjie District newspaper page, late September 2020 (masthead not in the source text)": (
            "上街区报纸版面（2020年9月下旬）",
            "Shangjie District newspaper page (late September 2020)",
        ),
        "Wikipedia (zh): 上街区, section 行政区划": (
            "维基百科“上街区·行政区划”",
            "Wikipedia (zh): 上街区, 行政区划",
        ),
    },
)
_WORDS = Catalogue(
    __name__,
    {
        "source": ("来源：", "Source: "),
        "sep": ("；", "; "),
        "list": ("、", ", "),
        "synthetic": ("合成数据，非真实记录：", "synthetic data, not real records: "),
        "imported": ("导入的台账：", "imported ledgers: "),
    },
)


def cjk_font_path() -> Path:
    """Return the path of the bundled Noto Sans CJK SC font file.

    Raises
    ------
    FileNotFoundError
        If the ``mplfonts`` package or the font file inside it is not installed.
    """
    # find_spec locates the package without importing (and so without running) it.
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "package 'mplfonts' is not installed, so the Chinese font "
            f"{CJK_FONT_FILE} is missing; run `make venv` to install requirements.lock"
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / CJK_FONT_FILE
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"{CJK_FONT_FILE} not found under {list(spec.submodule_search_locations)}; "
        "reinstall mplfonts (`make clean venv`)"
    )


def set_style(lang: str | None = None) -> None:
    """Apply the house style to matplotlib; call once at the top of a notebook.

    Sets seaborn's whitegrid theme, registers Noto Sans CJK SC so Chinese renders (not
    boxes), fixes figure size and resolution; PNGs depend only on the figure.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``: the default language of titles and labels in the plotting
        modules. None (the default) reads the environment variable ``ANALYSIS_LANG``
        (set by the report build for the English edition), else ``"zh"``.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"zh"`` or ``"en"``.
    FileNotFoundError
        If the bundled CJK font cannot be found.
    """
    lang, font = resolve_lang(lang), cjk_font_path()  # fail before any change
    configure(lang=lang)  # the edition of every later call without ``lang``
    from analysis.presentation.tables import install_tables  # DataFrames as publication tables

    install_tables()
    # set_theme resets font.* rcParams, so everything font-related comes after it.
    sns.set_theme(style="whitegrid", context="notebook")
    font_manager.fontManager.addfont(str(font))
    mpl.rcParams.update(
        {
            "font.family": "sans-serif",
            # DejaVu Sans is matplotlib's own font: the fallback for any glyph Noto lacks.
            "font.sans-serif": [CJK_FONT_NAME, "DejaVu Sans"],
            # ASCII hyphen for negative ticks: present in every font of the fallback
            # chain, so a CJK-only substitute font cannot turn it into a box.
            "axes.unicode_minus": False,
            "figure.figsize": FIGSIZE,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "savefig.format": "png",
            # Source lines sit just below the figure; "tight" keeps them in saved files.
            "savefig.bbox": "tight",
            # Fixed ids in SVG output so the same figure gives the same bytes.
            "svg.hashsalt": "shangjie-governance",
            "axes.titlesize": "large",
            "axes.titlelocation": "left",
        }
    )
    # Each chart a notebook shows carries its alt text and CSV (output metadata of the PNG);
    # after `%matplotlib inline`, whose PNG formatter it wraps.
    from analysis.presentation._display import install_chart_formatter

    install_chart_formatter()


def unit_palette(unit_ids: Sequence[str]) -> list[str]:
    """Return the fixed colours of ``unit_ids``, in the same order.

    Raises
    ------
    KeyError
        If a unit id has no colour in :data:`UNIT_COLOURS`.
    """
    unknown = [u for u in unit_ids if u not in UNIT_COLOURS]
    if unknown:
        raise KeyError(
            f"no colour for unit(s) {', '.join(map(str, unknown))}; "
            f"known: {', '.join(UNIT_COLOURS)} (add new units to style.UNIT_COLOURS)"
        )
    return [UNIT_COLOURS[u] for u in unit_ids]


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict]:
    """Unit names by language, and English labels by (domain, value), from the shipped files."""
    from analysis.datasets.loaders import load_units, load_vocabulary

    units, vocab = load_units(), load_vocabulary()
    return {
        "zh": dict(zip(units["unit_id"], units["name_zh"], strict=True)),
        "en": dict(zip(units["unit_id"], units["name_en"], strict=True)),
        "vocab": vocab.set_index(["domain", "value_zh"])["label_en"].to_dict(),
    }


def unit_label(unit_id: str, lang: str | None = None) -> str:
    """Return the display name of a unit (``中心路街道`` / ``Zhongxinlu Subdistrict``).

    Raises
    ------
    KeyError
        If the unit is not in data/reference/units.csv.
    """
    names = _labels()[resolve_lang(lang)]
    if unit_id not in names:
        raise KeyError(f"unknown unit {unit_id!r}; known: {', '.join(names)}")
    return names[unit_id]


def category_label(domain: str, value: str, lang: str | None = None) -> str:
    """Return a category as displayed: the Chinese value itself, or its English label.

    Raises
    ------
    KeyError
        If ``lang`` is ``"en"`` and the vocabulary has no such domain and value.
    """
    if resolve_lang(lang) == "zh":
        return value
    labels = _labels()["vocab"]
    if (domain, value) not in labels:
        raise KeyError(f"{value!r} is not in vocabulary domain {domain!r}")
    return labels[(domain, value)]


def source_line(datasets: Sequence[str], lang: str | None = None) -> str:
    """Return the source line for a chart drawn from ``datasets``.

    Built from the committed metadata (data/datapackage.json): every distinct cited
    source, then the names of the synthetic datasets, e.g.
    ``来源：上街区报纸版面（2020年9月下旬）；合成数据，非真实记录：楼院记录``.
    The text holds no date or path, so it is the same on every run.

    Raises
    ------
    ValueError
        If ``datasets`` is empty or ``lang`` is unknown.
    KeyError
        If a dataset is not described in the metadata.
    FileNotFoundError
        If data/datapackage.json is missing.
    """
    from analysis.datasets.metadata import resource
    from analysis.datasets.origin import origin
    from analysis.datasets.schema import SYNTHETIC_SOURCE

    lang = resolve_lang(lang)
    if not datasets:
        raise ValueError("source_line needs at least one dataset name")
    words = _WORDS.edition(lang)
    titles: list[str] = []
    synthetic: list[str] = []
    imported: list[str] = []
    for name in dict.fromkeys(datasets):  # de-duplicate, keep order
        kind = origin(name)
        if kind == "imported":  # a researcher's ledger: its own source
            imported.append(name)
            continue
        if kind == "synthetic":
            synthetic.append(name)
        res = resource(name)
        for src in res["sources"]:
            # The generator is named by the synthetic marker below, not as a source.
            if src["title"] == SYNTHETIC_SOURCE["title"]:
                continue
            names = SOURCE_NAMES.get(src["title"], (src["title"], src["title"]))
            title = names[LANGS.index(lang)]
            if title not in titles:
                titles.append(title)
    from analysis.presentation.caveats import dataset_name

    def named(names: list[str]) -> str:  # readable names, not dataset ids
        return words["list"].join(dataset_name(n, lang) for n in names)

    parts = list(titles)
    if imported:
        parts.append(words["imported"] + named(imported))
    if synthetic:
        parts.append(words["synthetic"] + named(synthetic))
    return words["source"] + words["sep"].join(parts)


def add_source(fig: Figure, datasets: Sequence[str], lang: str | None = None) -> Figure:
    """Write the source line (and the synthetic caption, if any) under ``fig``.

    Calling it again replaces the previous lines instead of stacking them.

    ``datasets`` names the datasets the chart is drawn from; ``lang`` defaults to the
    language set by :func:`set_style`. Returns ``fig``, for chaining.

    Raises
    ------
    ValueError, KeyError, FileNotFoundError
        As :func:`source_line`.
    """
    text = source_line(datasets, lang)
    for artist in [t for t in fig.texts if t.get_gid() == SOURCE_GID]:
        artist.remove()
    from analysis.datasets.origin import is_synthetic

    caption = synthetic_caption(lang)
    lines = [(caption, SYNTHETIC_COLOUR)] if is_synthetic(datasets) else []
    lines.append((text, SOURCE_COLOUR))
    # Placed below the figure's bottom edge in points, so it never overlaps tick labels
    # whatever the figure height; the tight bounding box then includes it.
    for i, (line, colour) in enumerate(lines):
        offset = mtransforms.ScaledTranslation(0, -(4 + 12 * i) / 72, fig.dpi_scale_trans)
        fig.text(
            0.01,
            0.0,
            line,
            ha="left",
            va="top",
            fontsize=8,
            color=colour,
            transform=fig.transFigure + offset,
            gid=SOURCE_GID,
        )
    return fig
