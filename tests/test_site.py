"""The report site: editions, links between pages, provenance, skipping unchanged work."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.report.site import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 测试报告 Test report\n\n一段说明。"),
            new_code_cell("from analysis.config import resolve_lang\nresolve_lang(None)"),
            new_code_cell("import os\nprint(os.environ.get('ANALYSIS_LANG'))"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = root / "01-test.ipynb"
    nbformat.write(nb, path)
    out = root / "reports"
    pages = build_site(out, paths=[path], units=False, progress=False)
    return out, path, pages


def test_every_edition_and_twin_is_built(site):
    out, _, pages = site
    rel = sorted(p.relative_to(out).as_posix() for p in pages)
    assert rel == sorted(
        [
            "01-test.html",
            "code/01-test.html",
            "en/01-test.html",
            "en/code/01-test.html",
            "index.html",
            "en/index.html",
        ]
    )
    assert all(p.is_file() for p in pages)


def test_editions_differ_by_language(site):
    out, _, _ = site
    zh = (out / "01-test.html").read_text(encoding="utf-8")
    en = (out / "en" / "01-test.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and '<html lang="en">' in en
    assert "zh" in zh and ">en<" in en.replace("\n", "")  # printed ANALYSIS_LANG


def test_code_hidden_or_shown(site):
    out, _, _ = site
    # the code's string literal appears only where code is shown
    assert "ANALYSIS_LANG'" not in (out / "01-test.html").read_text(encoding="utf-8")
    assert "ANALYSIS_LANG'" in (out / "code" / "01-test.html").read_text(encoding="utf-8")


def test_every_link_resolves(site):
    out, _, pages = site
    for page in pages:
        for href in re.findall(r'href="([^"#:]+\\.html)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_pages_end_with_provenance(site):
    out, _, pages = site
    from analysis.datasets.metadata import read_datapackage

    loans = next(r for r in read_datapackage()["resources"] if r["name"] == "loans")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="provenance"' in text, page
        assert loans["hash"].removeprefix("sha256:")[:12] in text
        assert "PYTHONHASHSEED=0" in text


def test_index_lists_the_report_with_its_title(site):
    out, _, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "测试报告 Test report" in index and "一段说明。" in index
    assert 'href="01-test.html"' in index and 'href="code/01-test.html"' in index


def test_unchanged_rebuild_skips_execution(site, monkeypatch):
    out, path, pages = site
    # other edits to the working tree must not count as changes during this test
    import analysis.report.provenance

    monkeypatch.setattr(analysis.report.provenance, "input_digest", lambda: "fixed")
    build_site(out, paths=[path], units=False, progress=False)
    before = {p: p.stat().st_mtime_ns for p in pages if p.name != "index.html"}
    build_site(out, paths=[path], units=False, progress=False)
    assert {p: p.stat().st_mtime_ns for p in before} == before
    # a changed notebook is rebuilt
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_code_cell("print('changed')"))
    nbformat.write(nb, path)
    build_site(out, paths=[path], units=False, progress=False, langs=("zh",))
    assert "changed" in (out / "code" / "01-test.html").read_text(encoding="utf-8")
