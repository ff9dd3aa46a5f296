"""The loan section of the unit report: ``loans.findings.for_unit`` on hand-built frames,
the shipped data and an imported ledger."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
import analysis.config
from analysis import loans
from analysis.presentation.findings import count, number, percent

HAN = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def printed_numbers(text: str) -> set[str]:
    """Every number a sentence prints (dates written as YYYY-MM-DD left out)."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "", text)
    return set(NUMBER.findall(text))


def formatted(values: dict) -> set[str]:
    """Each value the way the findings may print it."""
    out: set[str] = set()
    for v in values.values():
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        out |= {count(v), number(v, 1), number(v, 2), percent(v), percent(v, 0)}
    return out


def assert_numbers_are_values(f, names=()) -> None:
    """Every number a sentence prints is one of its values (names, which may hold digits,
    are taken out first)."""
    for sentence in f.sentences:
        for name in sorted(map(str, names), key=len, reverse=True):
            sentence = sentence.replace(name, "")
        assert printed_numbers(sentence) <= formatted(f.values), sentence


@pytest.fixture
def frames():
    """Two units: A with 5 loans over two listed communities and one empty; B with 1 loan."""
    per_unit = pd.DataFrame(
        {
            "unit_id": ["jiyuanlu", "xiawo", "zhongxinlu"],
            "name_zh": ["济源路街道", "峡窝镇", "中心路街道"],
            "name_en": ["Jiyuanlu", "Xiawo", "Zhongxinlu"],
            "communities": [3, 1, 0],
            "communities_with_loans": [2, 1, 0],
            "loans": [5, 1, 0],
            "amount_yuan": [600_000, 100_000, 0],
        }
    )
    per_community = pd.DataFrame(
        {
            "community_id": ["j1", "j2", "j3", "x1"],
            "unit_id": ["jiyuanlu", "jiyuanlu", "jiyuanlu", "xiawo"],
            "name_zh": ["济1", "济2", "济3", "峡1"],
            "name_en": ["J1", "J2", "J3", "X1"],
            "loans": [3, 2, 0, 1],
            "amount_yuan": [300_000, 300_000, 0, 100_000],
        }
    )
    per_community.attrs = {"community_source": "list", "unlisted": []}
    return per_unit, per_community


def test_a_unit_with_loans_states_its_share_and_its_communities(frames):
    per_unit, per_community = frames
    # B's single loan is small, so A's 5 is hidden too (complementary): the unit line.
    # With the threshold at 1 nothing is hidden and the share can be checked by hand.
    analysis.configure(small_cell_threshold=1)
    try:
        f = loans.findings.for_unit("jiyuanlu", per_unit, per_community, "en")
    finally:
        analysis.configure(small_cell_threshold=3)
    assert f.values["loans"] == 5 and f.values["district_loans"] == 6
    assert f.values["loan_share"] == pytest.approx(5 / 6)
    assert f.values["mean_yuan"] == pytest.approx(120_000)
    assert "5 of the district's 6 loans (83.3%)" in f.text
    assert "120,000 yuan per loan" in f.text and "116,667 yuan across" in f.text
    assert "2 of its 3 communities" in f.text and "Without a loan: J3" in f.text
    assert not HAN.search(f.text.replace("合成", ""))
    assert_numbers_are_values(f)


def test_hidden_counts_are_never_written(frames):
    per_unit, per_community = frames
    small = loans.findings.for_unit("xiawo", per_unit, per_community, "en")
    assert "a hidden number of loans (x)" in small.text and "100,000" not in small.text
    hidden = loans.findings.for_unit("jiyuanlu", per_unit, per_community, "zh")
    assert "隐去" in hidden.text and "5 笔" not in hidden.text and "600,000" not in hidden.text
    # j2 (2 loans) and its complement: the sentence counts communities, never their loans,
    # in the same words for both (the mark does not say which rule hid a cell).
    assert "2 个社区的笔数隐去（“x”）" in hidden.text
    assert_numbers_are_values(hidden)


def test_a_unit_without_loans_and_an_unknown_unit(frames):
    per_unit, per_community = frames
    none = loans.findings.for_unit("zhongxinlu", per_unit, per_community, "en")
    assert "No loan in the records went to Zhongxinlu" in none.text
    odd = loans.findings.for_unit("nowhere", per_unit, per_community, "zh")
    assert "nowhere" in odd.text and odd.values["loans"] == 0
    empty = loans.findings.for_unit(
        "xiawo", per_unit.assign(loans=0, amount_yuan=0), per_community.iloc[:0], "en"
    )
    assert "No loan" in empty.text and "nan" not in empty.text.lower()


def test_shipped_unit_report_numbers_are_recomputed(loans_df, units_df, communities_df):
    per_unit = loans.by_unit(loans_df, units_df, communities_df)
    per_community = loans.by_community(loans_df, communities_df)
    for lang in ("zh", "en"):
        f = loans.findings.for_unit("zhongxinlu", per_unit, per_community, lang)
        mine = loans_df[loans_df["unit_id"].astype(str) == "zhongxinlu"]
        assert f.values["loans"] == len(mine) == 23
        assert f.values["amount_yuan"] == mine["amount_yuan"].sum()
        assert f.values["district_loans"] == len(loans_df)
        names = [*communities_df["name_zh"], *communities_df["name_en"]]
        assert_numbers_are_values(f, names)
        assert ("合成数据" if lang == "zh" else "synthetic") in f.text
        if lang == "en":
            assert not HAN.search(f.text)


@pytest.fixture
def ledger(ledger_folder):
    """An imported ledger naming communities the shipped list does not know."""
    rows = [
        ("A1", "2020-03-02", "zhongxinlu", "东街社区", 100_000),
        ("A2", "2020-04-20", "zhongxinlu", "东街社区", 120_000),
        ("A3", "2020-05-02", "zhongxinlu", "西街社区", 130_000),
        ("A4", "2020-06-12", "zhongxinlu", "西街社区", 150_000),
        ("A5", "2020-06-15", "zhongxinlu", "东街社区", 90_000),
    ]
    frame = pd.DataFrame(rows, columns=["loan_id", "issued_on", "unit_id", "community_id", "x"])
    frame = frame.rename(columns={"x": "amount_yuan"}).assign(
        term_months=36,
        borrower_category="高校毕业生",
        sector="餐饮",
        gender="女",
        jobs_created=2,
        status="正常还款",
    )
    ledger_folder("loans", frame)
    return frame


def test_imported_ledger_has_no_synthetic_word_or_figure(ledger, units_df):
    records, communities = analysis.load_loans(), analysis.load_communities()
    per_unit = loans.by_unit(records, units_df, communities)
    per_community = loans.by_community(records, communities)
    # Loans imported, communities not: the list comes from the ledger, no fictional names.
    assert per_community["community_id"].tolist() == ["东街社区", "西街社区"]
    for lang in ("zh", "en"):
        f = loans.findings.for_unit("zhongxinlu", per_unit, per_community, lang)
        assert f.values["loans"] == 5 and f.values["amount_yuan"] == 590_000
        for word in ("合成", "synthetic", "虚构", "fictional", "87", "159,770", "13,900,000"):
            assert word not in f.text
        assert "x.xlsx" in f.text and ("bad-date" in f.text)
        assert_numbers_are_values(f)
