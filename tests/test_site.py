"""The report site: editions, links between pages, provenance, skipping unchanged work.

The builds here run in the test process (``workers=0``), in its warm kernels; one test
builds through the process pool and checks it gives the same pages.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.config import DATA_DIR, LANGS, LEDGER_DIR_ENV
from analysis.report.provenance import FOOTER_WORDS, LAYER_WORDS, datasets, footer_html
from analysis.report.site import build_site

IN_PROCESS = {"units": False, "progress": False, "workers": 0}


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
    pages = build_site(out, paths=[path], **IN_PROCESS)
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
    build_site(out, paths=[path], **IN_PROCESS)
    before = {p: p.stat().st_mtime_ns for p in pages if p.name != "index.html"}
    build_site(out, paths=[path], **IN_PROCESS)
    assert {p: p.stat().st_mtime_ns for p in before} == before
    # a changed notebook is rebuilt
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_code_cell("print('changed')"))
    nbformat.write(nb, path)
    build_site(out, paths=[path], langs=("zh",), **IN_PROCESS)
    assert "changed" in (out / "code" / "01-test.html").read_text(encoding="utf-8")


def _without_commit(html: str) -> str:
    # a helper committing while the test runs must not fail it: the commit id is the only
    # thing a worker process reads afresh
    html = re.sub(r"<code>[0-9a-f]{12}(\+modified)?</code>", "<code>commit</code>", html)
    # and the index's input digest: another helper's edit between the builds changes it
    return re.sub(r"(输入摘要|input digest) [0-9a-f]{12}", r"\1 digest", html)


def test_the_process_pool_builds_the_same_pages(site, tmp_path):
    """Workers in their own processes give the bytes the in-process build gives, and a
    failing notebook's error crosses back from the worker naming its cell."""
    _, path, _ = site
    pool = build_site(tmp_path / "pool", paths=[path], units=False, progress=False, workers=2)
    here = build_site(tmp_path / "here", paths=[path], **IN_PROCESS)
    assert [p.relative_to(tmp_path / "pool") for p in pool] == [
        p.relative_to(tmp_path / "here") for p in here
    ]
    for a, b in zip(pool, here, strict=True):
        assert _without_commit(a.read_text(encoding="utf-8")) == _without_commit(
            b.read_text(encoding="utf-8")
        ), a.name
    bad = tmp_path / "02-bad.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("raise RuntimeError('in a worker')")]), bad)
    from analysis.report.execute import NotebookExecutionError

    with pytest.raises(NotebookExecutionError, match=r"02-bad\.ipynb: cell 0 .*in a worker"):
        build_site(tmp_path / "pool", paths=[bad], units=False, progress=False, workers=2)


# --- the provenance footer: origins and the synthetic note ---------------------------------


def _import(folder, names):
    """A ledger folder holding ``names`` as imported datasets (the shipped rows, copied)."""
    for name in names:
        (folder / name).mkdir(parents=True)
        shutil.copy(DATA_DIR / "synthetic" / f"{name}.csv", folder / name / "accepted.csv")
        report = {"source": f"{name}.xlsx", "rows_read": 5, "accepted": 4, "rejected": 1}
        (folder / name / "import.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


def _layer_of(footer: str, path: str) -> str:
    match = re.search(rf"<tr><td><code>{re.escape(path)}</code></td><td>([^<]*)</td>", footer)
    assert match, (path, footer)
    return match.group(1)


SYNTHETIC = [d["name"] for d in datasets() if d["layer"] == "synthetic"]


@pytest.mark.parametrize("lang", LANGS)
def test_footer_of_shipped_data_says_synthetic_records_are_not_real(lang, monkeypatch):
    monkeypatch.delenv(LEDGER_DIR_ENV, raising=False)
    footer = footer_html(lang, False)
    assert FOOTER_WORDS.text("note", lang) in footer
    assert _layer_of(footer, "data/synthetic/loans.csv") == LAYER_WORDS.text("synthetic", lang)
    assert _layer_of(footer, "data/reference/units.csv") == LAYER_WORDS.text("reference", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_footer_lists_an_imported_ledger_as_imported(lang, tmp_path, monkeypatch):
    monkeypatch.setenv(LEDGER_DIR_ENV, str(_import(tmp_path, ["loans"])))
    footer = footer_html(lang, False)
    assert _layer_of(footer, "loans/accepted.csv") == LAYER_WORDS.text("imported", lang)
    assert "data/synthetic/loans.csv" not in footer
    rows = (DATA_DIR / "synthetic" / "loans.csv").read_text(encoding="utf-8").count("\n") - 1
    assert f"<td>{LAYER_WORDS.text('imported', lang)}</td><td>{rows}</td>" in footer
    # the other record datasets are still synthetic, so the note stays
    assert _layer_of(footer, "data/synthetic/inspections.csv") == LAYER_WORDS.text(
        "synthetic", lang
    )
    assert FOOTER_WORDS.text("note", lang) in footer


@pytest.mark.parametrize("lang", LANGS)
def test_no_synthetic_note_when_every_record_dataset_is_imported(lang, tmp_path, monkeypatch):
    assert "loans" in SYNTHETIC and len(SYNTHETIC) > 1  # the shipped data are synthetic
    monkeypatch.setenv(LEDGER_DIR_ENV, str(_import(tmp_path, SYNTHETIC)))
    footer = footer_html(lang, True)
    assert FOOTER_WORDS.text("note", lang) not in footer
    assert "analysis.synth" not in footer
    assert LAYER_WORDS.text("synthetic", lang) not in footer
    for name in SYNTHETIC:
        assert _layer_of(footer, f"{name}/accepted.csv") == LAYER_WORDS.text("imported", lang)


def test_a_build_with_imported_ledgers_has_no_synthetic_note(tmp_path, monkeypatch):
    """Pages and index of a build with every record dataset imported, both editions; the
    warm kernels started before the ledger folder was set are not reused."""
    path = tmp_path / "01-ledger.ipynb"
    code = "from analysis.config import ledger_dir\nprint('ledger:', ledger_dir().name)"
    nbformat.write(new_notebook(cells=[new_code_cell(code)]), path)
    monkeypatch.setenv(LEDGER_DIR_ENV, str(_import(tmp_path / "my-ledgers", SYNTHETIC)))
    pages = build_site(tmp_path / "reports", paths=[path], **IN_PROCESS)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="provenance"' in text and "loans/accepted.csv" in text, page
        assert "analysis.synth" not in text, page
        if page.name != "index.html":
            assert "ledger: my-ledgers" in text, page  # the kernel read the folder


# --- the site's own parts, rendered without running anything ----------------------------


def test_index_escapes_what_a_notebook_says(tmp_path):
    from analysis.report._pages import index_html, plan

    path = tmp_path / "01-odd.ipynb"
    title = "# <script>alert(1)</script> & 标题\n\n<b>bold</b> summary"
    nbformat.write(new_notebook(cells=[new_markdown_cell(title)]), path)
    page = index_html(plan([path], LANGS, units=False), "en")
    assert "<script>alert" not in page and "<b>" not in page
    assert "alert(1) &amp; 标题" in page  # markup dropped from the title, the rest escaped
    assert '<a href="01-odd.html">' in page and '<a href="code/01-odd.html">Show code</a>' in page
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert '<html lang="en">' in page
    assert '<a href="../index.html" hreflang="zh">中文</a>' in page


def test_nav_links_every_twin(tmp_path):
    from analysis.report._pages import Job, nav_html

    job = Job(tmp_path / "01-x.ipynb", "en")
    nav = nav_html(job, "en/code/01-x.html", True, LANGS)
    links = re.findall(r'<a href="([^"]+)"( hreflang="zh")?>([^<]+)</a>', nav)
    assert links == [
        ("../../en/index.html", "", "Index"),
        ("../../code/01-x.html", ' hreflang="zh"', "中文"),
        ("../../en/01-x.html", "", "Hide code"),
    ]
