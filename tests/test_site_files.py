"""Downloads moved out of the pages into files beside them, and replaced with the pages.

The first tests work on hand-made HTML (no kernel); the last ones build a site from a
notebook that draws a chart with metadata and shows a table with a CSV link, as the
presentation layer's contract says they will (they use the ``site`` fixture: slow).
"""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.report._downloads import extract
from analysis.report._files import folder_of, move_into_place, place_downloads
from analysis.report.provenance import DOWNLOADS_MARK, FOOTER_WORDS
from analysis.report.site import build_site

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _figure(png: bytes, csv: bytes | None, name: str = "by-unit") -> str:
    link = (
        f'<a class="download" data-chart="csv" download="{name}.csv" '
        f'href="data:text/csv;charset=utf-8;base64,{_b64(csv)}">Download CSV</a> '
        if csv is not None
        else ""
    )
    return (
        f'<figure class="chart"><a class="enlarge" data-png="{name}.png" title="Tap">'
        f'<img alt="A chart" src="data:image/png;base64,{_b64(png)}"></a>'
        f'<figcaption>{link}<a class="download" data-chart="png" download="{name}.png">'
        "PNG</a></figcaption></figure>"
    )


def _table(csv: bytes, name: str = "loans.csv") -> str:
    return (
        '<div class="table-block"><table class="data-table"><tr><td>1</td></tr></table>'
        '<p class="table-note">Synthetic records</p>'
        f'<a class="download" download="{name}" '
        f'href="data:text/csv;charset=utf-8;base64,{_b64(csv)}">Download CSV</a></div>'
    )


PAGE = (
    "<main>"
    + _table(b"a,b\n1,2\n")
    + _figure(PNG, "单位,值\n甲,1\n".encode())
    + _figure(PNG + b"2", None, "second")
    + _table(b"c\n3\n", "other.csv")
    + '<a href="data:text/plain;base64,eA==">not a download</a>'
    + f"<footer>{DOWNLOADS_MARK}</footer></main>"
)


def test_downloads_become_files_numbered_in_page_order():
    page, files = extract(PAGE, "01-x_files")
    assert [(f.href, f.kind, f.name) for f in files] == [
        ("01-x_files/table-01.csv", "table_csv", "loans.csv"),
        ("01-x_files/chart-01.png", "chart_png", "by-unit.png"),
        ("01-x_files/chart-01.csv", "chart_csv", "by-unit.csv"),
        ("01-x_files/chart-02.png", "chart_png", "second.png"),
        ("01-x_files/table-02.csv", "table_csv", "other.csv"),
    ]
    data = {f.href: f.data for f in files}
    assert data["01-x_files/chart-01.png"] == PNG and data["01-x_files/chart-02.png"] == PNG + b"2"
    assert data["01-x_files/chart-01.csv"].decode() == "单位,值\n甲,1\n"
    assert data["01-x_files/table-02.csv"] == b"c\n3\n"
    # every download link now points at its file; the picture stays embedded
    assert "data:text/csv" not in page
    assert re.findall(r'class="enlarge" data-png="[^"]*" title="Tap" href="([^"]+)"', page) == [
        "01-x_files/chart-01.png",
        "01-x_files/chart-02.png",
    ]
    assert 'data-chart="png" download="by-unit.png" href="01-x_files/chart-01.png"' in page
    assert page.count("data:image/png;base64,") == 2
    assert 'href="data:text/plain;base64,eA=="' in page  # not a download: left alone
    assert extract(PAGE, "01-x_files") == (page, files)  # same page, same files


def test_a_page_without_downloads_is_unchanged():
    page = "<main><p>no charts</p><a href='x.html'>x</a></main>"
    assert extract(page, "f") == (page, [])


def test_the_code_twin_shares_its_pages_files_and_lists_them():
    done: dict[str, str | bytes] = {}
    page, files = place_downloads(PAGE, "en/01-x.html", "en", done)
    assert sorted(files) == [
        "en/01-x_files/chart-01.csv",
        "en/01-x_files/chart-01.png",
        "en/01-x_files/chart-02.png",
        "en/01-x_files/table-01.csv",
        "en/01-x_files/table-02.csv",
    ]
    assert DOWNLOADS_MARK not in page
    assert FOOTER_WORDS.text("downloads", "en") in page
    assert '<a href="01-x_files/chart-01.csv" download="by-unit.csv">chart-01.csv</a>' in page
    done.update(files)
    twin, own = place_downloads(PAGE, "en/code/01-x.html", "en", done, twin="en/01-x.html")
    assert own == {} and 'href="../01-x_files/chart-01.png"' in twin
    # a twin whose outputs differ keeps its own files
    other = PAGE.replace(_b64(b"c\n3\n"), _b64(b"c\n4\n"))
    _, own = place_downloads(other, "en/code/01-x.html", "en", done, twin="en/01-x.html")
    assert "en/code/01-x_files/table-02.csv" in own


def test_a_rebuilt_page_replaces_its_whole_folder(tmp_path):
    out, staging = tmp_path / "reports", tmp_path / "staging"
    for root, files in ((out, ["chart-01.png", "chart-09.png"]), (staging, ["chart-01.png"])):
        (root / "01-x_files").mkdir(parents=True)
        (root / "01-x.html").write_text(root.name, encoding="utf-8")
        for name in files:
            (root / "01-x_files" / name).write_bytes(root.name.encode())
    (out / "code" / "01-x_files").mkdir(parents=True)  # the twin's old copies
    (staging / "code").mkdir()
    (staging / "code" / "01-x.html").write_text("code", encoding="utf-8")
    (out / "02-kept_files").mkdir()  # a page not rebuilt keeps its files
    move_into_place(staging, out, ["01-x.html", "code/01-x.html"])
    assert (out / "01-x.html").read_text(encoding="utf-8") == "staging"
    assert sorted(p.name for p in (out / "01-x_files").iterdir()) == ["chart-01.png"]
    assert (out / "01-x_files" / "chart-01.png").read_bytes() == b"staging"
    assert not (out / "code" / "01-x_files").exists()
    assert (out / "02-kept_files").is_dir()
    assert folder_of("units/u1.html") == "units/u1_files"


# --- a site built through a kernel ------------------------------------------------------------

CHART = """\
import base64
from IPython.display import display
png = base64.b64encode(bytes.fromhex({png!r})).decode()
meta = {{"alt": "Loans by unit: A 3", "csv": "unit,loans\\nA,3\\n", "name": "loans-by-unit.csv"}}
display({{"image/png": png, "text/plain": "<Figure>"}}, raw=True,
        metadata={{"image/png": {{"shangjie": meta}}}})
"""
TABLE = """\
from IPython.display import HTML
HTML('<div class="table-block"><table class="data-table"><tr><th>Unit</th></tr></table>'
     '<a class="download" download="t.csv" href="data:text/csv;charset=utf-8;base64,'
     + __import__("base64").b64encode("{csv}".encode()).decode() + '">CSV</a></div>')
"""


def _notebook(csv: str):
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 测试\n\n说明。", metadata={"tags": ["lang-zh"]}),
            new_markdown_cell("# Test\n\nAbout.", metadata={"tags": ["lang-en"]}),
            new_markdown_cell("## 1. Section"),
            new_code_cell(CHART.format(png=PNG.hex())),
            new_code_cell(TABLE.format(csv=csv)),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("files")
    path = root / "01-files.ipynb"
    nbformat.write(_notebook("a,b\\n1,2\\n"), path)
    out = root / "reports"
    build_site(out, paths=[path], units=False, progress=False, workers=0)
    return out, path


def _tree(out) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".build.json"
    }


def test_built_pages_link_their_files(site):
    out, _ = site
    assert _tree(out)["01-files_files/chart-01.png"] == PNG
    assert _tree(out)["en/01-files_files/chart-01.csv"].decode("utf-8-sig") == "unit,loans\nA,3\n"
    assert _tree(out)["en/01-files_files/table-01.csv"] == b"a,b\n1,2\n"
    assert not (out / "code" / "01-files_files").exists()  # the twin shares them
    for page in ("01-files.html", "en/01-files.html", "code/01-files.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert not re.search(r'<a\b[^>]*href="data:text/csv', html), page
        hrefs = re.findall(r'href="([^"#]+_files/[^"]+)"', html)
        assert len(hrefs) >= 4, page
        for href in hrefs:
            assert ((out / page).parent / href).resolve().is_file(), (page, href)
    en = (out / "en" / "01-files.html").read_text(encoding="utf-8")
    assert "<title>Test</title>" in en and 'alt="Loans by unit: A 3"' in en
    assert FOOTER_WORDS.text("downloads", "en") in en


def test_a_rebuild_gives_the_same_files_and_a_changed_page_new_ones(site, tmp_path):
    out, path = site
    again = tmp_path / "again"
    build_site(again, paths=[path], units=False, progress=False, workers=0)
    first, second = _tree(out), _tree(again)
    assert first.keys() == second.keys()
    assert all(first[k] == second[k] for k in first if k.endswith((".csv", ".png")))
    nbformat.write(_notebook("a,b\\n9,9\\n"), path)
    build_site(out, paths=[path], units=False, progress=False, workers=0, langs=("en",))
    assert _tree(out)["en/01-files_files/table-01.csv"] == b"a,b\n9,9\n"
    assert _tree(out)["01-files_files/table-01.csv"] == b"a,b\n1,2\n"  # zh not rebuilt
