"""House style: Chinese renders with the bundled font, fixed unit colours, source lines."""

from __future__ import annotations

import io
import re
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import is_color_like, to_rgb

from analysis.overview import charts as plots
from analysis.presentation import style
from analysis.renovation import charts_coverage as coverage_charts
from analysis.renovation import governance
from analysis.rules.reconciliation import reconcile

CHINESE_UNITS = ["中心路街道", "济源路街道", "峡窝镇"]


@pytest.fixture(autouse=True)
def _house_style():
    style.set_style("zh")
    yield
    plt.close("all")


def _render(fig) -> bytes:
    """Draw to PNG with every warning an error, as a missing glyph is a warning."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _chinese_figure():
    fig, ax = plt.subplots()
    ax.barh(
        CHINESE_UNITS, [34, 20, 0], color=style.unit_palette(["zhongxinlu", "jiyuanlu", "xiawo"])
    )
    ax.set_title("有党组织覆盖的楼院（−1 测试）")
    ax.set_xlabel("楼院数（个）")
    ax.set_ylabel("街道/镇")
    return fig, ax


def test_chinese_title_labels_and_ticks_render_without_missing_glyphs():
    fig, _ = _chinese_figure()
    png = _render(fig)
    assert png.startswith(b"\x89PNG")


def test_without_the_cjk_font_the_glyph_check_fails():
    # Control for the test above: the same figure in DejaVu Sans alone lacks the glyphs.
    fig, _ = _chinese_figure()
    with mpl.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="Glyph .* missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_chinese_text_resolves_to_noto_sans_cjk_sc():
    fig, ax = _chinese_figure()
    fig.canvas.draw()
    assert ax.xaxis.label.get_fontname() == style.CJK_FONT_NAME
    for tick in ax.get_yticklabels():
        assert tick.get_fontname() == style.CJK_FONT_NAME
    assert style.cjk_font_path().name == "NotoSansCJKsc-Regular.otf"


def test_png_output_is_deterministic():
    first = _render(_chinese_figure()[0])
    second = _render(_chinese_figure()[0])
    assert first == second


def test_set_style_survives_seaborn_reset_order():
    assert mpl.rcParams["font.sans-serif"][0] == style.CJK_FONT_NAME
    assert mpl.rcParams["axes.unicode_minus"] is False
    assert tuple(mpl.rcParams["figure.figsize"]) == style.FIGSIZE


def test_set_style_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        style.set_style("fr")


def test_missing_font_file_is_a_clear_error(monkeypatch):
    before = list(mpl.rcParams["font.sans-serif"])
    monkeypatch.setattr(style, "CJK_FONT_FILE", "NoSuchFont.otf")
    with pytest.raises(FileNotFoundError, match="NoSuchFont.otf"):
        style.set_style()
    assert mpl.rcParams["font.sans-serif"] == before  # nothing half-applied


def test_every_unit_has_a_distinct_fixed_colour(units_df):
    ids = list(units_df["unit_id"])
    colours = style.unit_palette(ids)
    assert all(is_color_like(c) for c in colours)
    assert len({to_rgb(c) for c in colours}) == len(ids)
    assert style.UNIT_COLOURS["shangjie"] == "#8C8C8C"  # the district total is grey


def test_unit_palette_keeps_order_and_rejects_unknown_units():
    assert style.unit_palette(["xiawo", "jiyuanlu"]) == [
        style.UNIT_COLOURS["xiawo"],
        style.UNIT_COLOURS["jiyuanlu"],
    ]
    with pytest.raises(KeyError, match="nowhere"):
        style.unit_palette(["nowhere"])


def test_labels_in_both_languages():
    assert style.unit_label("zhongxinlu") == "中心路街道"
    assert style.unit_label("zhongxinlu", "en") == "Zhongxinlu Subdistrict"
    assert style.category_label("resident_body", "自管会", "en") == "self-management committee"
    assert style.category_label("resident_body", "自管会") == "自管会"


def test_source_line_marks_synthetic_data():
    line = style.source_line(["compounds"])
    assert line.startswith("来源：")
    assert "合成数据，非真实记录：楼院记录" in line
    assert "上街区报纸版面" in line
    english = style.source_line(["compounds"], lang="en")
    assert "synthetic data, not real records: compound records" in english


def test_source_line_does_not_mark_published_figures_synthetic():
    line = style.source_line(["published_figures"])
    assert "合成" not in line
    assert line == "来源：上街区报纸版面（2020年9月下旬）"


def test_source_line_lists_each_source_once():
    line = style.source_line(["published_figures", "compounds", "loans", "compounds"])
    assert line.count("上街区报纸版面") == 1
    assert line.endswith("合成数据，非真实记录：楼院记录、贷款记录")


def test_add_source_captions_synthetic_figures_once():
    fig, _ = plt.subplots()
    style.add_source(fig, ["compounds"])
    style.add_source(fig, ["compounds"])  # replaces, does not stack
    texts = [t.get_text() for t in fig.texts]
    assert texts.count(style.SYNTHETIC_CAPTION) == 1
    assert sum(t.startswith("来源：") for t in texts) == 1


def test_english_figures_carry_an_english_caption_only():
    fig, _ = plt.subplots()
    style.add_source(fig, ["compounds", "loans"], lang="en")
    texts = [t.get_text() for t in fig.texts]
    assert texts[0] == "Synthetic data, not real records"
    assert texts[1].endswith("synthetic data, not real records: compound records, loan records")
    assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in texts)


def test_add_source_leaves_published_figures_uncaptioned():
    fig, _ = plt.subplots()
    style.add_source(fig, ["published_figures"])
    assert [t.get_text() for t in fig.texts] == ["来源：上街区报纸版面（2020年9月下旬）"]


@pytest.fixture(scope="module")
def chart_inputs(compounds_df, units_df, published_figures_df):
    return {
        "coverage": governance.coverage_by_unit(compounds_df, units_df),
        "vs": governance.governance_vs_published(compounds_df, published_figures_df),
        "figures": published_figures_df,
        "reconcile": reconcile(),
    }


@pytest.mark.parametrize(
    ("draw", "synthetic"),
    [
        (lambda d: plots.plot_published_figures(d["figures"]), False),
        (lambda d: coverage_charts.plot_governance_coverage(d["coverage"], "party_org"), True),
        (
            lambda d: coverage_charts.plot_governance_coverage(d["coverage"], "volunteer_groups"),
            True,
        ),
        (lambda d: coverage_charts.plot_resident_bodies(d["coverage"]), True),
        (lambda d: coverage_charts.plot_governance_vs_published(d["vs"]), True),
        (lambda d: plots.plot_reconciliation(d["reconcile"]), True),
    ],
    ids=["published", "coverage", "volunteers", "bodies", "vs-published", "reconciliation"],
)
def test_every_chart_is_titled_labelled_signed_and_renders(chart_inputs, draw, synthetic):
    ax = draw(chart_inputs)
    fig = ax.get_figure(root=True)
    assert ax.get_title(loc="left")  # house style puts titles on the left
    assert "（" in ax.get_xlabel()  # the unit of the axis, e.g. 楼院数（个）
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("来源：") for t in texts)
    assert (style.SYNTHETIC_CAPTION in texts) is synthetic
    _render(fig)


def test_coverage_chart_uses_the_fixed_unit_colours(chart_inputs):
    ax = coverage_charts.plot_governance_coverage(chart_inputs["coverage"], "volunteer_groups")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    solid = ax.containers[-1]
    for label, bar in zip(labels, solid, strict=True):
        unit = next(u for u in style.UNIT_COLOURS if style.unit_label(u) == label)
        assert bar.get_facecolor()[:3] == pytest.approx(to_rgb(style.UNIT_COLOURS[unit]))


def test_charts_have_an_english_edition(chart_inputs):
    ax = coverage_charts.plot_governance_coverage(chart_inputs["coverage"], "party_org", lang="en")
    assert ax.get_xlabel() == "number of compounds"
    assert "Zhongxinlu Subdistrict" in [t.get_text() for t in ax.get_yticklabels()]
