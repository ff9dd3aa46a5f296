"""The HTML reports in a real browser: Debian's headless Chromium, driven by Playwright.

The reports are built once per session into a temporary folder with
``analysis.report.site.build_site``; every ``*.html`` found under it (index, notebook pages,
code-shown pages, the English edition, unit pages: whatever exists) is opened as a
``file://`` URL, one page after another in one browser, and checked for:

* no request outside the page itself (``data:`` URLs excepted), nothing leaving the machine;
* no console error and no uncaught exception;
* every ``<img>`` decoded (naturalWidth > 0), every image output holding one;
* Chinese text drawn with a CJK font, as Chromium itself reports over CDP
  (``CSS.getPlatformFontsForNode``), not with a Latin or last-resort font (boxes);
* links to other pages and anchors that resolve;
* what a reader page must show (issue 15): its edition's language (the Han share of its
  text, footer and code aside), a key-points box, real alt text on every image, a working
  CSV download per chart, download links that lead to files, a contents list whose anchors
  resolve, no snake_case column header, a real title, nothing wider than the window.

A full-page screenshot of each page goes to ``test-artifacts/screenshots/<page>.png``, and
one at 390 px wide (a phone) to ``test-artifacts/screenshots/<page>@390.png``.
A static scan of the same files finds remote URLs and personal-data patterns; what counts
is defined in ``tests/browser.py``.

Without ``/usr/bin/chromium`` the browser tests skip on a developer's machine and fail in
CI (``CI`` set): ``.ci/run`` installs it, so CI can never skip them silently.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from browser import (
    CHROMIUM,
    INSTALL,
    LAUNCH_ARGS,
    SMALL_VIEWPORT,
    VIEWPORT,
    FontProbe,
    PageVisit,
    alt_problems,
    broken_links,
    chart_problems,
    download_problems,
    edition_problem,
    font_problem,
    in_ci,
    is_reader_page,
    missing_browser,
    overflow_problem,
    personal_data,
    remote_urls,
    route_offline,
    snake_case_headers,
    title_problem,
    toc_problems,
    visit,
)

from analysis.config import PROJECT_ROOT
from analysis.report import execute as report

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
IMAGE_MIME = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


def _fail(what: str, findings: dict[str, list[str]], visits: dict | None = None) -> None:
    """Fail listing every page and what is wrong with it."""
    findings = {page: items for page, items in sorted(findings.items()) if items}
    if not findings:
        return
    lines = [f"{len(findings)} report page(s) {what}:"]
    for page, items in findings.items():
        extra = f"  [{visits[page].image_summary()}]" if visits and page in visits else ""
        lines.append(f"  {page}{extra}")
        lines += [f"    - {item}" for item in items]
    pytest.fail("\n".join(lines), pytrace=False)


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def report_pages(built_reports) -> list[Path]:
    """Every HTML page under the built report folder, in path order."""
    pages = sorted(built_reports.rglob("*.html"))
    assert pages, "build_site() wrote no *.html"
    return pages


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (Debian's, never a downloaded build)."""
    reason = missing_browser()
    if reason:
        if in_ci():
            pytest.fail(f"CI must run the browser test: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _offline_context(chromium, viewport=VIEWPORT):
    context = chromium.new_context(
        viewport=viewport,
        device_scale_factor=1,
        reduced_motion="reduce",
        service_workers="block",
    )
    context.route("**/*", route_offline)
    return context


@pytest.fixture(scope="session")
def visits(chromium, built_reports, report_pages) -> dict[str, PageVisit]:
    """Each page opened once; what it requested, logged, showed and which fonts drew it."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # no screenshot of a page that is gone
    context = _offline_context(chromium)
    try:
        result = {}
        for page in report_pages:
            shot = SCREENSHOTS / page.relative_to(built_reports).with_suffix(".png")
            v = visit(context, page, built_reports, shot)
            result[v.path] = v
        return result
    finally:
        context.close()


@pytest.fixture(scope="session")
def small_visits(chromium, built_reports, report_pages, visits) -> dict[str, PageVisit]:
    """Each page again at 390 px wide (after ``visits``, which clears the screenshots)."""
    context = _offline_context(chromium, SMALL_VIEWPORT)
    try:
        result = {}
        for page in report_pages:
            rel = page.relative_to(built_reports)
            shot = SCREENSHOTS / rel.with_name(f"{rel.stem}@390.png")
            v = visit(context, page, built_reports, shot, fonts=False)
            result[v.path] = v
        return result
    finally:
        context.close()


def _notebook_images() -> dict[str, int]:
    """Image outputs per committed notebook, by stem (nbval keeps them current)."""
    counts = {}
    for path in report.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        counts[path.stem] = sum(
            any(mime in out.get("data", {}) for mime in IMAGE_MIME)
            for cell in nb.cells
            for out in cell.get("outputs", [])
        )
    return counts


# --- the pages in the browser --------------------------------------------------------------


def test_every_notebook_has_pages(report_pages):
    stems = Counter(p.stem for p in report_pages)
    missing = [nb.stem for nb in report.notebook_paths() if not stems[nb.stem]]
    assert not missing, f"no report page named after notebook(s) {missing}"


def test_every_page_loads_with_content(visits):
    _fail(
        "did not load or show nothing",
        {
            p: ([v.error] if v.error else []) + ([] if v.text_length else ["no visible text"])
            for p, v in visits.items()
        },
    )


def test_no_request_leaves_the_page(visits):
    _fail(
        "made requests outside the file (aborted, nothing was sent)",
        {p: v.blocked + [f"failed: {f}" for f in v.failed] for p, v in visits.items()},
    )


def test_no_console_errors(visits):
    _fail("logged errors", {p: v.console_errors for p, v in visits.items()})


def test_every_image_decodes(visits):
    expected = _notebook_images()
    findings = {}
    for p, v in visits.items():
        items = [
            f"<img src={i['src']}> not decoded ({i['width']}×{i['height']})" for i in v.bad_images
        ]
        if v.empty_image_outputs:
            items.append(f"{v.empty_image_outputs} image output(s) hold no decoded <img>")
        want = expected.get(Path(p).stem, 0)
        decoded = len(v.images) - len(v.bad_images)
        if want and not decoded:
            items.append(f"notebook {Path(p).stem} has {want} image outputs, the page shows none")
        findings[p] = items
    _fail("have images that do not display", findings, visits)


def test_chinese_is_laid_out_in_a_cjk_font(visits):
    findings = {}
    for p, v in visits.items():
        if v.error:
            continue  # reported by test_every_page_loads_with_content
        items = [f"{probe.problem}: {probe.describe()}" for probe in v.fonts if probe.problem]
        if not v.fonts and v.lang.lower().startswith("zh"):
            items.append(f'<html lang="{v.lang}"> but no Chinese text is laid out')
        findings[p] = items
    _fail(f"draw Chinese without a CJK font (install: {INSTALL})", findings)


def test_links_between_pages_resolve(visits, built_reports):
    _fail("have broken links", {p: broken_links(v, built_reports) for p, v in visits.items()})


def test_one_screenshot_per_page(visits):
    findings = {}
    for p, v in visits.items():
        shot = v.screenshot
        if shot is None or not shot.is_file():
            findings[p] = ["no screenshot"]
        elif not shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"):
            findings[p] = [f"{shot.name} is not a PNG"]
    _fail("have no screenshot", findings)


def test_one_small_screen_screenshot_per_page(small_visits):
    findings = {}
    for p, v in small_visits.items():
        if v.error:
            findings[p] = [v.error]
        elif v.screenshot is None or not v.screenshot.is_file():
            findings[p] = ["no 390 px screenshot"]
    _fail("have no 390 px screenshot", findings)


# --- what a reader page must show (issue 15) ------------------------------------------------
# None of these is an xfail: each must fail, not skip, while a page falls short.


def _reader(visits: dict[str, PageVisit]) -> dict[str, PageVisit]:
    return {p: v for p, v in visits.items() if is_reader_page(p) and not v.error}


def test_each_edition_is_in_its_language(visits):
    """Han share of the reader's text (footer and code aside): ≤ 3 % English, ≥ 45 % Chinese."""
    findings = {}
    for p, v in _reader(visits).items():
        problem = edition_problem(v.lang, v.reader_text)
        findings[p] = [problem] if problem else []
    _fail("are not in their edition's language", findings)


def test_reader_pages_open_with_key_points(visits):
    _fail(
        "have no key-points box with at least 3 items",
        {
            p: []
            if v.key_points >= 3
            else [f"section.key-points with {max(v.key_points, 0)} items"]
            for p, v in _reader(visits).items()
        },
    )


def test_every_image_has_real_alt_text(visits):
    _fail(
        "have images without real alt text", {p: alt_problems(v.images) for p, v in visits.items()}
    )


def test_every_chart_has_a_working_csv_download(visits, built_reports):
    _fail(
        "have charts without a CSV download",
        {p: chart_problems(v, built_reports) for p, v in visits.items()},
    )


def test_every_download_link_resolves_to_a_file(visits, built_reports):
    _fail(
        "have download links that lead to no file",
        {p: download_problems(v, built_reports) for p, v in visits.items()},
    )


def test_every_contents_anchor_resolves(visits):
    findings = {}
    for p, v in visits.items():
        required = not p.endswith("index.html")  # topic and unit pages list their sections
        findings[p] = toc_problems(v, required)
    _fail("have a missing or broken contents list", findings)


def test_no_snake_case_column_header(visits):
    _fail(
        "show column headers in snake_case",
        {p: snake_case_headers(v.headers) for p, v in _reader(visits).items()},
    )


def test_every_page_has_a_real_title(visits):
    findings = {}
    for p, v in visits.items():
        problem = title_problem(v.title, p)
        findings[p] = [problem] if problem else []
    _fail("have no real <title>", findings)


def test_no_page_is_wider_than_the_window(visits, small_visits):
    findings = {}
    for width, seen in (("1280", visits), ("390", small_visits)):
        for p, v in seen.items():
            problem = overflow_problem(v)
            if problem:
                findings.setdefault(p, []).append(f"at {width} px: {problem}")
    _fail("scroll sideways (a table or chart wider than the window)", findings)


# --- the HTML source ---------------------------------------------------------------------


def test_reports_contain_no_remote_url(report_pages, built_reports):
    _fail(
        "contain remote URLs",
        {
            p.relative_to(built_reports).as_posix(): remote_urls(p.read_text(encoding="utf-8"))
            for p in report_pages
        },
    )


def test_reports_contain_no_personal_data(report_pages, built_reports):
    _fail(
        "contain personal-data patterns",
        {
            p.relative_to(built_reports).as_posix(): personal_data(p.read_text(encoding="utf-8"))
            for p in report_pages
        },
    )


# --- controls: the checks find what they are meant to find ----------------------------------


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="https://cdn.example.org/require.min.js"></script>', 1),
        ('<link rel="stylesheet" href="//fonts.example.org/css">', 1),
        ('<img srcset="a.png 1x, http://x.example.org/b.png 2x">', 1),
        ('<a href="https://www.example.org/source">source</a>', 1),
        ('<svg><image xlink:href="https://x.example.org/i.png"/></svg>', 1),
        ("<div style=\"background: url('https://x.example.org/bg.png')\"></div>", 1),
        ("<style>@import 'https://x.example.org/a.css'; p { color: red }</style>", 1),
        ("<style>@font-face { src: url(https://x.example.org/f.woff2) }</style>", 1),
        ('<meta http-equiv="refresh" content="0; url=https://x.example.org/">', 1),
        ("<script>fetch('https://api.example.org/x')</script>", 1),
        # Not requests: CSS comments, visible text, local and data URLs, anchors, mail.
        ("<style>/* see https://github.com/x/y */ p { color: red }</style>", 0),
        ("<p>来源：https://www.example.org/article</p>", 0),
        ('<img src="data:image/png;base64,iVBORw0KGgo=">', 0),
        ('<a href="en/index.html">English</a> <a href="#top">↑</a>', 0),
        ('<a href="file:///tmp/x.html">x</a> <a href="mailto:a@example.org">m</a>', 0),
    ],
)
def test_remote_url_scanner(html, found):
    assert len(remote_urls(html)) == found, remote_urls(html)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("身份证号410181199003071234，", 1),
        ("证件 41018120001231123X 已核验", 1),
        ("联系电话：13812345678。", 1),
        ("电话13812345678联系", 1),
        ("tel 19912345678.", 1),
        # Not whole tokens, or not the pattern: longer numbers, hex checksums, decimals.
        ("138123456789", 0),
        ("sha256 ab13812345678cd", 0),
        ("ratio 0.13812345678", 0),
        ("12812345678", 0),
        ("410181199013071234", 0),  # month 13
        ('<img src="data:image/png;base64,AAA+13812345678+BBB">', 0),
    ],
)
def test_personal_data_scanner(text, found):
    assert len(personal_data(text)) == found, personal_data(text)


def _fonts(*used: tuple[str, int]) -> list[dict]:
    return [{"familyName": family, "glyphCount": glyphs} for family, glyphs in used]


@pytest.mark.parametrize(
    ("fonts", "ok"),
    [
        (_fonts(("Noto Sans CJK SC", 12)), True),
        (_fonts(("DejaVu Sans", 4), ("PingFang SC", 8)), True),
        (_fonts(("DejaVu Sans", 12)), False),
        (_fonts(("Noto Sans CJK SC", 4), ("Unifont", 8)), False),
        (_fonts(("LastResort", 8)), False),
        (_fonts(("DejaVu Sans", 4), ("Noto Sans CJK SC", 3)), False),
        ([], False),
    ],
)
def test_font_verdict(fonts, ok):
    # 8 Chinese characters in a 12-glyph text node.
    assert (font_problem(8, fonts) is None) is ok


SORTABLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><main>
<div class="table-block"><table class="data-table sortable"><thead><tr><th>Unit</th><th>Loans</th>
</tr></thead><tbody>
<tr><td>b-unit</td><td data-v="10">10</td></tr>
<tr><td>a-unit</td><td data-v="9">9</td></tr>
<tr><td>c-unit</td><td>x</td></tr>
<tr><td>d-unit</td><td data-v="100">100</td></tr>
</tbody></table></div></main>
<script>var REPORT_WORDS = {"filter": "Filter", "sort": "Sort"};
SCRIPT</script></body></html>"""


def test_sortable_tables_sort_and_filter_offline(chromium, tmp_path):
    """The template's inline script: numeric sort by data-v (marks last), text sort, filter."""
    script = (PROJECT_ROOT / "analysis/report/templates/offline/report.js").read_text()
    (tmp_path / "t.html").write_text(SORTABLE.replace("SCRIPT", script), encoding="utf-8")
    context = _offline_context(chromium)
    try:
        page = context.new_page()
        page.goto((tmp_path / "t.html").as_uri())
        first = "Array.from(document.querySelectorAll('tbody tr')).map(r => r.cells[0].textContent)"
        visible = (
            "Array.from(document.querySelectorAll('tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.cells[0].textContent)"
        )
        page.click("th:nth-child(2)")
        assert page.evaluate(first) == ["a-unit", "b-unit", "d-unit", "c-unit"]  # 9 < 10 < 100
        page.click("th:nth-child(2)")
        assert page.evaluate(first) == ["d-unit", "b-unit", "a-unit", "c-unit"]  # mark last
        page.click("th:nth-child(1)")
        assert page.evaluate(first) == ["a-unit", "b-unit", "c-unit", "d-unit"]
        assert page.get_attribute("th:nth-child(1)", "aria-sort") == "ascending"
        page.fill("input.table-filter", "B-UN")
        assert page.evaluate(visible) == ["b-unit"]
        assert page.get_attribute("input.table-filter", "placeholder") == "Filter"
    finally:
        context.close()


BAD_READER_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>unit-report</title></head><body><main>
<nav class="toc"><a href="#s1">1</a><a href="#s9">9</a></nav>
<section class="key-points"><ul><li>only one</li></ul></section>
<h2 id="s1">1. 第一节</h2><p>这一页的英文版却是中文。</p>
<figure class="chart"><img alt="No description has been provided for this image"
  src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">
<figcaption><a class="download" download="c.csv" href="data:text/csv;base64,eA==">CSV</a>
</figcaption></figure>
<a class="download" download="t.csv" href="t_files/table-01.csv">CSV</a>
<table><tr><th>closed_pct</th><th>Closed</th></tr></table>
<div style="width: 2000px">wide</div>
<footer class="provenance">很多很多中文不计入</footer>
</main></body></html>"""


def test_reader_checks_catch_a_bad_page(chromium, tmp_path):
    (tmp_path / "bad.html").write_text(BAD_READER_PAGE, encoding="utf-8")
    context = _offline_context(chromium)
    try:
        v = visit(context, tmp_path / "bad.html", tmp_path, shot=None, fonts=False)
    finally:
        context.close()
    assert v.error is None
    assert "footer" not in v.reader_text and "很多" not in v.reader_text
    assert "(at most 3%)" in (edition_problem(v.lang, v.reader_text) or "")
    assert v.key_points == 1
    assert alt_problems(v.images) == ["image 1: nbconvert's placeholder alt text"]
    assert chart_problems(v, tmp_path) == [
        "chart 1 (No description has been provided for this image): no working CSV download"
    ]
    assert download_problems(v, tmp_path) == [
        "data:text/csv;base64,eA==…: still a data: URL, not a file",
        "t_files/table-01.csv: no such file",
    ]
    assert toc_problems(v, required=True) == ["contents link #s9: no such anchor"]
    assert snake_case_headers(v.headers) == ["closed_pct"]
    assert title_problem(v.title, "units/u1.html") == "title 'unit-report' names no report"
    assert "px wide in a 1280 px window" in (overflow_problem(v) or "")


def test_harness_catches_a_misbehaving_page(chromium, tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    (root / "bad.html").write_text(
        """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">
        <link rel="stylesheet" href="https://cdn.example.invalid/theme.css"></head>
        <body><h1 style="font-family: 'Noto Sans CJK SC'">上街区</h1>
        <img src="data:image/png;base64,bm90IGFuIGltYWdl">
        <img src="missing.png">
        <a href="nowhere.html">x</a>
        <script>console.error("boom"); undefinedFunction();</script></body></html>""",
        encoding="utf-8",
    )
    context = _offline_context(chromium)
    try:
        v = visit(context, root / "bad.html", root, shot=None)
    finally:
        context.close()
    assert v.error is None
    # the browser issues the two requests concurrently: their order is not fixed
    blocked = sorted(v.blocked)
    assert [b.split(":", 1)[0] for b in blocked] == ["file outside the page", "network"]
    assert "cdn.example.invalid" in blocked[1]
    assert any("boom" in e for e in v.console_errors)
    assert any("undefinedFunction" in e for e in v.console_errors)
    assert len(v.images) == 2 and len(v.bad_images) == 2
    assert broken_links(v, root) == ["nowhere.html: no such file"]
    assert [(p.kind, p.han, p.problem) for p in v.fonts] == [("heading", 3, None)]
    assert isinstance(v.fonts[0], FontProbe)
