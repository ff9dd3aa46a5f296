"""Report pages from hand-made notebooks, without a kernel: editions, titles, anchors and the
contents list, charts with alt text and downloads, navigation and the index.

The notebooks here carry their outputs already (as an executed notebook would), so every
test renders in milliseconds; ``tests/test_site_files.py`` builds a site through kernels.
"""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from browser import remote_urls
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.config import LANGS
from analysis.report import _anchors, _edition
from analysis.report._downloads import WORDS as DOWNLOAD_WORDS
from analysis.report._downloads import chart_meta, csv_data_url
from analysis.report._pages import WORDS, Job, SiteMap, nav_html, notebook_summary, page_title
from analysis.report.render import PAGE_WORDS, to_html

#: A 1×1 PNG.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)
PLACEHOLDER = "No description has been provided"


def _md(text: str, lang: str | None = None, **kw):
    cell = new_markdown_cell(text, **kw)
    if lang:
        cell.metadata["tags"] = [f"lang-{lang}"]
    return cell


def _code(source: str, *outputs, lang: str | None = None):
    cell = new_code_cell(source, outputs=list(outputs))
    if lang:
        cell.metadata["tags"] = [f"lang-{lang}"]
    return cell


def _chart(meta: dict | None = None, nested: bool = False):
    metadata = {}
    if meta is not None:
        metadata = {"image/png": {"shangjie": meta}} if nested else {"shangjie": meta}
    return new_output(
        "display_data",
        data={"image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>"},
        metadata=metadata,
    )


def _html(text: str):
    return new_output("display_data", data={"text/html": text, "text/plain": "x"})


KEY_POINTS = (
    '<section class="key-points"><h2>Key points: what the records show</h2>'
    "<ul><li>one</li><li>two</li><li>three</li></ul>"
    '<p class="key-points-origin">Synthetic.</p></section>'
)


def bilingual() -> nbformat.NotebookNode:
    """A notebook split into editions, with key points, numbered and unnumbered sections,
    a chart with metadata, one nested, one without, and a code cell for one edition."""
    return new_notebook(
        cells=[
            _md("# 上街区报告\n\n第一段说明。第二句。", "zh"),
            _md("# Shangjie report\n\nThe first paragraph. A second sentence.", "en"),
            _code("kp", _html(KEY_POINTS)),
            _md("## 1. 总量对账", "zh"),
            _md("## 1. Headline: count and total", "en"),
            _code(
                "chart",
                _chart(
                    {
                        "alt": "Loans by unit: A 3, B 5",
                        "csv": "单位,贷款\nA,3\nB,5\n",
                        "name": "by-unit.csv",
                    }
                ),
            ),
            _md("## (b) 方法", "zh"),
            _md("## (b) Method", "en"),
            _code(
                "nested", _chart({"alt": "Nested alt", "csv": "x,y\n1,2\n", "name": "n.csv"}, True)
            ),
            _md("## 数据说明", "zh"),
            _md("## Notes on the data", "en"),
            _code("bare", _chart()),
            _code(
                "print('zh only')",
                new_output("stream", name="stdout", text="仅中文输出\n"),
                lang="zh",
            ),
            _code(
                "print('en only')",
                new_output("stream", name="stdout", text="English-only output\n"),
                lang="en",
            ),
            _md("## 说明", "zh"),
            _md("## Notes", "en"),
        ]
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    nb = bilingual()
    return {lang: to_html(nb, "01-test", lang=lang) for lang in LANGS}


# --- editions --------------------------------------------------------------------------


def test_each_edition_keeps_its_own_cells_and_the_untagged(pages):
    assert "第一段说明" in pages["zh"] and "The first paragraph" not in pages["zh"]
    assert "The first paragraph" in pages["en"] and "第一段说明" not in pages["en"]
    # code cells tagged for one edition: their output shows in that edition only
    assert "仅中文输出" in pages["zh"] and "仅中文输出" not in pages["en"]
    assert "English-only output" in pages["en"] and "English-only output" not in pages["zh"]
    # the untagged chart cells are in both
    assert all(p.count('<figure class="chart">') == 3 for p in pages.values())


def test_for_edition_leaves_the_notebook_as_it_was():
    nb = bilingual()
    before = nbformat.writes(nb)
    zh = _edition.for_edition(nb, "zh")
    english = [c for c in nb.cells if c.metadata.get("tags") == ["lang-en"]]
    assert len(english) == 6 and len(zh.cells) == len(nb.cells) - 6
    to_html(nb, "x", lang="en")
    assert nbformat.writes(nb) == before


def test_a_cell_tagged_for_both_editions_is_refused():
    cell = new_markdown_cell("x", metadata={"tags": ["lang-zh", "lang-en"]})
    with pytest.raises(ValueError, match="more than one edition"):
        _edition.cell_lang(cell)


def test_title_is_the_editions_first_heading(pages):
    assert "<title>上街区报告</title>" in pages["zh"]
    assert "<title>Shangjie report</title>" in pages["en"]
    assert "<title>Given</title>" in to_html(bilingual(), "x", lang="en", title="Given")


def test_summary_is_the_editions_introduction(tmp_path):
    path = tmp_path / "01-x.ipynb"
    nbformat.write(bilingual(), path)
    assert notebook_summary(path, "zh") == ("上街区报告", "第一段说明。第二句。")
    assert notebook_summary(path, "en") == (
        "Shangjie report",
        "The first paragraph. A second sentence.",
    )


def test_a_long_summary_is_cut_after_its_first_sentence():
    first = "A first sentence that says what the notebook is about, at some length."
    text = f"# T\n\n{first} " + "And then much more. " * 10
    assert _edition.summary([_md(text, "en")], "en") == first


# --- anchors and contents ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "english", "expected"),
    [
        ("1. Headline: count and total", None, "s1"),
        ("12. 第十二节", None, "s12"),
        ("(b) Method", None, "sb"),
        ("c. Coverage", None, "sc"),
        ("Notes on the data", None, "notes-on-the-data"),
        ("数据说明", "Notes on the data", "notes-on-the-data"),
        ("数据说明", None, "h4"),
        ("Using your own ledgers, step by step", None, "using-your-own-ledgers-step"),
    ],
)
def test_anchor_ids(heading, english, expected):
    assert _anchors.anchor_id(heading, 4, english) == expected


def _toc(page: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="toc".*?</nav>', page, re.S)
    assert nav, "no contents list"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav[0])


def test_every_section_has_a_short_id_listed_in_the_contents(pages):
    assert _toc(pages["en"]) == [
        ("s1", "1. Headline: count and total"),
        ("sb", "(b) Method"),
        ("notes-on-the-data", "Notes on the data"),
        ("notes", "Notes"),
    ]
    # the Chinese edition shares the anchors: numbers, letters, the paired English slug
    assert [i for i, _ in _toc(pages["zh"])] == ["s1", "sb", "notes-on-the-data", "notes"]
    for page in pages.values():
        ids = set(re.findall(r'\sid="([^"]+)"', page))
        assert all(i in ids for i, _ in _toc(page))
        assert "%E" not in "".join(re.findall(r'<h2 id="[^"]*"', page))


def test_contents_follow_the_key_points(pages):
    for page in pages.values():
        assert page.index('class="key-points" id="key-points"') < page.index('<nav class="toc"')
        assert page.index('<nav class="toc"') < page.index('id="s1"')
        assert page.count('<nav class="toc"') == 1
        assert PAGE_WORDS.text("contents", "zh") in pages["zh"]


def test_without_key_points_the_contents_follow_the_title():
    nb = new_notebook(cells=[_md("# T\n\nintro"), _md("## 1. A"), _md("## 1. B")])
    page = to_html(nb, "x", lang="en")
    assert page.index("intro") < page.index('<nav class="toc"') < page.index('id="s1"')
    assert [i for i, _ in _toc(page)] == ["s1", "s1-2"]  # two sections numbered alike


def test_the_footer_heading_closes_the_contents():
    nb = new_notebook(cells=[_md("# T"), _md("## 1. A")])
    footer = '<footer class="provenance"><h2 id="provenance">Data sources</h2></footer>'
    page = to_html(nb, "x", lang="en", footer=footer)
    assert _toc(page)[-1] == ("provenance", "Data sources")


# --- charts -----------------------------------------------------------------------------


def _figures(page: str) -> list[str]:
    return re.findall(r'<figure class="chart">.*?</figure>', page, re.S)


def test_charts_carry_their_alt_text_and_csv(pages):
    first, nested, bare = _figures(pages["en"])
    assert 'alt="Loans by unit: A 3, B 5"' in first
    assert f'src="data:image/png;base64,{PNG}"' in first
    href = re.search(
        r'class="download" data-chart="csv" download="by-unit.csv" href="([^"]+)"', first
    )
    assert href and href[1] == csv_data_url("单位,贷款\nA,3\nB,5\n")
    data = base64.b64decode(href[1].split(",", 1)[1])
    assert data.decode("utf-8-sig") == "单位,贷款\nA,3\nB,5\n" and data.startswith(b"\xef\xbb\xbf")
    assert 'download="by-unit.png"' in first
    # the metadata under the MIME type, as IPython nests a formatter's metadata
    assert 'alt="Nested alt"' in nested and 'download="n.csv"' in nested


def test_a_chart_without_metadata_is_described_by_its_heading(pages):
    bare_en, bare_zh = _figures(pages["en"])[2], _figures(pages["zh"])[2]
    alt = DOWNLOAD_WORDS.text("chart_alt", "en").format(heading="Notes on the data")
    assert f'alt="{alt}"' in bare_en
    assert 'alt="图表：数据说明"' in bare_zh
    assert 'data-chart="csv"' not in bare_en  # nothing to download but the picture
    assert all(PLACEHOLDER not in p for p in pages.values())


def test_chart_metadata_is_found_at_either_place():
    assert chart_meta({"metadata": {"shangjie": {"alt": "a"}}}) == {"alt": "a"}
    assert chart_meta({"metadata": {"image/png": {"shangjie": {"alt": "b"}}}}) == {"alt": "b"}
    assert chart_meta({"metadata": {}}) == {} and chart_meta({}) == {}


def test_the_page_script_and_styles_are_offline(pages):
    page = pages["en"]
    assert "table.sortable" in page and "REPORT_WORDS" in page
    assert '"filter": "Filter this table\\u2026"' in page
    assert "@media print" in page and "@media (max-width: 600px)" in page
    assert "break-inside: avoid" in page
    assert remote_urls(page) == []


def test_rendering_twice_gives_the_same_bytes():
    from analysis.report import render

    nb = bilingual()
    once = to_html(nb, "x", lang="zh")
    render._exporter.cache_clear()  # a fresh exporter too
    assert to_html(nb, "x", lang="zh") == once == to_html(nb, "x", lang="zh")


# --- navigation and titles ------------------------------------------------------------------

SITE = SiteMap(
    topics=(("00-a", "甲", "A"), ("01-b", "乙", "B"), ("02-c", "丙", "C")),
    units=(("u1", "一街道", "Yi Subdistrict"), ("u2", "二镇", "Er Town")),
)


def _links(nav: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_topic_pages_link_previous_next_and_every_unit(tmp_path):
    job = Job(tmp_path / "01-b.ipynb", "en")
    links = _links(nav_html(job, "en/01-b.html", False, LANGS, SITE))
    assert ("../en/00-a.html", WORDS.text("prev", "en").format(t="A")) in links
    assert ("../en/02-c.html", WORDS.text("next", "en").format(t="C")) in links
    assert ("../en/units/u1.html", "Yi Subdistrict") in links
    assert ("../en/units/u2.html", "Er Town") in links
    code = _links(nav_html(job, "en/code/01-b.html", True, LANGS, SITE))
    assert ("../../en/code/00-a.html", "← Previous: A") in code  # stays on the code side
    first = _links(nav_html(Job(tmp_path / "00-a.ipynb", "zh"), "00-a.html", False, LANGS, SITE))
    assert not any("上一篇" in text for _, text in first)
    assert ("01-b.html", "下一篇：乙 →") in first


def test_unit_pages_link_the_other_units_and_name_themselves(tmp_path):
    job = Job(tmp_path / "unit-report.ipynb", "zh", "u2")
    nav = nav_html(job, "units/u2.html", False, LANGS, SITE)
    assert ("../units/u1.html", "一街道") in _links(nav)
    assert '<span aria-current="page">二镇</span>' in nav
    assert not any("上一篇" in t or "下一篇" in t for _, t in _links(nav))
    assert page_title(job, SITE) == "二镇 · 街道（镇）概况"
    assert page_title(Job(job.notebook, "en", "u1"), SITE) == "Yi Subdistrict · Unit report"
    assert page_title(Job(tmp_path / "02-c.ipynb", "en"), SITE) == "C"


def test_index_opens_with_the_overviews_key_points_when_it_has_them(tmp_path, monkeypatch):
    import analysis.overview
    from analysis.report._pages import index_html, plan

    path = tmp_path / "01-x.ipynb"
    nbformat.write(bilingual(), path)
    jobs = plan([path], LANGS, units=False)
    monkeypatch.delattr(analysis.overview, "key_points", raising=False)
    assert 'class="key-points"' not in index_html(jobs, "en")

    class _Box:
        def _repr_html_(self) -> str:
            return KEY_POINTS

    monkeypatch.setattr(analysis.overview, "key_points", lambda *a, lang: _Box(), raising=False)
    page = index_html(jobs, "en")
    assert page.index('class="key-points"') < page.index('<h2 id="reports">')
    assert "The first paragraph. A second sentence." in page
    assert "第一段说明" not in page and "Shangjie report" in page
