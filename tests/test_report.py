"""Reports: the offline template, notebook execution and the committed notebooks."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.config import PROJECT_ROOT
from analysis.report import execute as report
from analysis.report.render import to_html
from analysis.report.site import build_site

CODE_NAME = "hidden_code_marker"  # one token, so syntax highlighting keeps it whole
REMOTE = re.compile(
    r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", re.I
)
FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", sans-serif'
)


def _tiny_notebook(*code: str) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# 上街区 概览\n\n行内公式 $x^2$")]
    cells += [new_code_cell(source, id=f"code-{i}") for i, source in enumerate(code)]
    return new_notebook(cells=cells, metadata={"title": "测试报告"})


@pytest.fixture(scope="module")
def executed_tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("nb") / "01-tiny.ipynb"
    nbformat.write(
        _tiny_notebook(f"{CODE_NAME} = 42\nprint('你好')", "hidden_code_marker + 1"), path
    )
    return report.run_notebook(path)


@pytest.fixture(scope="module")
def html(executed_tiny):
    return to_html(executed_tiny, "01-tiny")


def test_offline_html_loads_nothing_from_the_network(html):
    assert not REMOTE.search(html)
    assert "require.js" not in html and "require.min.js" not in html
    assert "mathjax" not in html.lower()
    assert "mermaid" not in html.lower()


def test_remote_pattern_catches_a_cdn_script():
    # Control: the pattern above does find what the stock "lab" template emits.
    assert REMOTE.search('<script src="https://cdnjs.cloudflare.com/require.min.js"></script>')


def test_offline_html_has_the_cjk_font_stack_and_chinese(html):
    assert FONT_STACK in re.sub(r"\s+", " ", html)
    assert '<html lang="zh">' in html
    assert "上街区 概览" in html and "你好" in html


def test_code_is_hidden_by_default_and_outputs_kept(html, executed_tiny):
    assert CODE_NAME not in html
    assert "43" in html  # the result of the second cell
    shown = to_html(executed_tiny, "01-tiny", show_code=True)
    assert CODE_NAME in shown


def test_a_cell_tagged_show_input_keeps_its_code(executed_tiny):
    nb = nbformat.from_dict(executed_tiny)
    nb.cells[1].metadata["tags"] = ["show-input"]
    assert CODE_NAME in to_html(nb, "01-tiny")


def test_execution_records_counts_but_no_timestamps(executed_tiny):
    code = [c for c in executed_tiny.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2]
    assert all("execution" not in c.metadata for c in code)


def test_a_failing_cell_is_named(tmp_path):
    path = tmp_path / "02-broken.ipynb"
    nbformat.write(_tiny_notebook("x = 1", "1 / 0"), path)
    with pytest.raises(report.NotebookExecutionError, match=r"02-broken\.ipynb: cell 2 .*1 / 0"):
        report.run_notebook(path)


def test_build_site_keeps_previous_reports_when_a_notebook_fails(tmp_path):
    good, bad = tmp_path / "01-good.ipynb", tmp_path / "02-bad.ipynb"
    nbformat.write(_tiny_notebook("print('好')"), good)
    nbformat.write(_tiny_notebook("raise RuntimeError('boom')"), bad)
    before = good.read_bytes()
    out = tmp_path / "reports"
    opts = {"langs": ("zh",), "units": False, "progress": False, "workers": 0}
    pages = build_site(out, paths=[good], **opts)
    assert pages == [out / "01-good.html", out / "code" / "01-good.html", out / "index.html"]
    assert good.read_bytes() == before  # the committed notebook is never written
    (out / "01-good.html").write_text("previous report", encoding="utf-8")
    with pytest.raises(report.NotebookExecutionError, match=r"02-bad.ipynb: cell \d+ .*boom"):
        build_site(out, paths=[good, bad], force=True, **opts)
    assert (out / "01-good.html").read_text(encoding="utf-8") == "previous report"
    assert not (out / "02-bad.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "01-good.ipynb",
        "02-bad.ipynb",
        "reports",
    ]


# --- the committed notebooks -------------------------------------------------------

NOTEBOOKS = report.notebook_paths()


def _texts(cell) -> list[str]:
    out = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            out.append(output["text"])
        elif output["output_type"] == "error":
            out.append("\n".join(output["traceback"]))
        for key, value in output.get("data", {}).items():
            if key.startswith("text/"):
                out.append(value if isinstance(value, str) else "".join(value))
    return out


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN-*.ipynb found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_is_executed_in_order(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), (
        f"{path.name} is not freshly executed top to bottom; run `make notebooks`"
    )
    assert all("execution" not in c.metadata for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_outputs_are_clean(path):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        for text in _texts(cell):
            where = f"{path.name} cell {index}"
            assert "Glyph" not in text, f"{where}: missing glyph warning"
            assert "Traceback" not in text, f"{where}: traceback"
            assert " at 0x" not in text, f"{where}: memory address"
            assert str(PROJECT_ROOT) not in text, f"{where}: absolute path"
        streams = [o for o in cell.get("outputs", []) if o["output_type"] == "stream"]
        assert not [o for o in streams if o["name"] == "stderr"], (
            f"{path.name} cell {index}: stderr"
        )
        assert not [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
