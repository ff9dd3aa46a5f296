"""The fast loading path returns the slow path's frame, or defers to it."""

from __future__ import annotations

import csv
import io

import pandas.testing as pdt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.config import DATA_DIR
from analysis.datasets.errors import DataValidationError
from analysis.datasets.fastpath import fast_load
from analysis.datasets.loaders import domains
from analysis.datasets.schema import DATASETS
from analysis.datasets.validation import read_strings, validate_strings


def _slow(path, dataset):
    """The slow path's frame, or its error (any error: e.g. a date outside pandas' range
    raises OutOfBoundsDatetime there, and must still do so)."""
    try:
        raw = read_strings(path, dataset)
        return validate_strings(raw, dataset, domains(), str(path))
    except Exception as err:
        return err


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_fast_path_matches_slow_path_on_shipped_data(name):
    dataset = DATASETS[name]
    path = DATA_DIR / dataset.path
    fast = fast_load(path, dataset, domains(), str(path))
    assert fast is not None, "a clean shipped file should take the fast path"
    pdt.assert_frame_equal(fast, _slow(path, dataset), check_exact=True)


def test_load_keeps_attrs_and_errors(tmp_path):
    loans = analysis.load_loans()
    assert loans.attrs["dataset"] == "loans" and loans.attrs["synthetic"] is True
    path = tmp_path / "loans.csv"
    text = (DATA_DIR / "synthetic" / "loans.csv").read_text(encoding="utf-8")
    path.write_text(text.replace(",", ",x", 1), encoding="utf-8")  # renames a column
    with pytest.raises(DataValidationError) as err:
        analysis.load_loans(path)
    assert str(err.value) == str(_slow(path, DATASETS["loans"]))


#: Shipped datasets covering every kind: optional dates and rules, floats and optional
#: categories, booleans and optional ints, ints and categories.
SAMPLED = ("renovation_tasks", "published_figures", "compounds", "consultations", "loans")
ODD = [
    "",
    " ",
    "-0",
    "007",
    "+1",
    "1e3",
    "1.5",
    "-2.25",
    "12\n",
    "99999999999999999999",
    "9007199254740993",
    "true",
    "TRUE",
    "false",
    "2020-02-30",
    "2020-2-3",
    "1500-01-01",
    "2300-01-01",
    "0000-01-01",
    "2020-09-23",
    "2019-01-01",
    "合格",
    "正常还款",
    "gongyelu",
    '"quoted, text"',
    "NA",
    "null",
]


def _rows(name):
    text = (DATA_DIR / DATASETS[name].path).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


@st.composite
def _files(draw):
    name = draw(st.sampled_from(SAMPLED))
    header, *body = _rows(name)
    rows = [list(r) for r in body[: draw(st.integers(1, 12))]]
    for _ in range(draw(st.integers(0, 3))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(header) - 1))
        donor = draw(st.sampled_from(body))[c]
        value = draw(st.one_of(st.sampled_from(ODD), st.just(donor), st.text(max_size=4)))
        rows[r][c] = value.replace("\x00", "")
    order = draw(st.permutations(range(len(header))))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in [header, *rows]:
        writer.writerow([row[i] for i in order])
    return name, buf.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_files())
def test_fast_path_returns_the_slow_frame_or_defers(tmp_path_factory, case):
    name, text = case
    dataset = DATASETS[name]
    path = tmp_path_factory.mktemp("fast") / "data.csv"
    path.write_text(text, encoding="utf-8")
    slow = _slow(path, dataset)
    fast = fast_load(path, dataset, domains(), str(path))
    if isinstance(slow, Exception):
        assert fast is None
    elif fast is not None:
        pdt.assert_frame_equal(fast, slow, check_exact=True)


@st.composite
def _raw_texts(draw):
    """A shipped file's first rows with stray quotes, separators, line ends or a BOM."""
    name = draw(st.sampled_from(("loans", "renovation_tasks")))
    text = (DATA_DIR / DATASETS[name].path).read_text(encoding="utf-8")
    text = "\n".join(text.split("\n")[: draw(st.integers(1, 8))])
    text += draw(st.sampled_from(["", "\n", "\r\n", "\n\n"]))
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        junk = draw(st.sampled_from(['"', ",", "\r", "\n", " ", "\ufeff", "\t", '"a,b"', "\r\n"]))
        text = text[:i] + junk + text[i:]
    return name, text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_raw_texts())
def test_fast_path_defers_on_malformed_csv(tmp_path_factory, case):
    name, text = case
    dataset = DATASETS[name]
    path = tmp_path_factory.mktemp("raw") / "data.csv"
    path.write_text(text, encoding="utf-8", newline="")
    slow = _slow(path, dataset)
    fast = fast_load(path, dataset, domains(), str(path))
    if isinstance(slow, Exception):
        assert fast is None
    elif fast is not None:
        pdt.assert_frame_equal(fast, slow, check_exact=True)


def test_fast_path_keeps_own_wording_and_empty_counts_like_the_slow_path(tmp_path):
    """Open-domain values outside the vocabulary and empty optional counts: same frame."""
    dataset = DATASETS["loans"]
    text = (DATA_DIR / dataset.path).read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    rows[0][header.index("sector")] = "电商"
    rows[1][header.index("sector")] = "维修服务"
    rows[2][header.index("borrower_category")] = "个体工商户"
    rows[3][header.index("jobs_created")] = ""
    rows[4][header.index("term_months")] = ""
    path = tmp_path / "loans.csv"
    path.write_text("\n".join([text[0], *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    fast = fast_load(path, dataset, domains(), str(path))
    assert fast is not None
    pdt.assert_frame_equal(fast, _slow(path, dataset), check_exact=True)
    assert list(fast["sector"].cat.categories)[-2:] == ["电商", "维修服务"]
    assert str(fast["jobs_created"].dtype) == "Int64"
