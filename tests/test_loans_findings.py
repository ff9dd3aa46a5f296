"""Computed findings of notebook 02 (``analysis.loans.findings``): numbers recomputed from the
frames, hidden counts never written, wording by data origin, and any ledger handled."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import analysis
import analysis.config
from analysis import loans
from analysis.presentation.findings import count, number, percent

HAN = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?")
#: Dates, section numbers and fixed units of measure: words, not findings.
FIXED = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2}"
    r"|第 \d 节|section \d|每 10 万元|per 100,000 yuan|multiples of 10,000 yuan"
    r"|95% 区间|95% CI|95% 范围|95% range"
)


def printed(text: str, names=()) -> set[str]:
    for name in sorted(map(str, names), key=len, reverse=True):
        text = text.replace(name, "")
    return set(NUMBER.findall(FIXED.sub("", text)))


def formatted(values: dict) -> set[str]:
    out: set[str] = set()
    for v in values.values():
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            continue
        out |= {count(v), number(v, 1), number(v, 2), percent(v), percent(v, 0)}
    return out


def check_numbers(f, names=()) -> None:
    """Every number a sentence prints is among the finding's values, formatted alike."""
    for sentence in f.sentences:
        assert printed(sentence, names) <= formatted(f.values), sentence


def sections(records, communities, units, lang, reconciliation=None):
    """Every section's findings, from the frames the notebook draws."""
    summary = loans.summary(records)
    per_unit = loans.by_unit(records, units, communities)
    per_community = loans.by_community(records, communities)
    conc, _ = loans.concentration(records, communities)
    if reconciliation is None:
        reconciliation = pd.DataFrame({"figure_id": [], "status": []})
    f = loans.findings
    return {
        "about": f.about(records, lang),
        "headline": f.headline(summary, reconciliation, records, lang),
        "sizes": f.sizes(records, loans.cap_usage(records), lang),
        "geography": f.geography(per_unit, per_community, lang),
        "groups": f.groups(
            *(loans.group_shares(records, b) for b in ("borrower_category", "sector", "gender")),
            lang,
        ),
        "concentration": f.concentration(conc, per_community, records, lang),
        "timeline": f.timeline(loans.monthly_timeline(records), lang),
        "effect": f.effect(
            summary,
            loans.jobs_by_group(records, "borrower_category"),
            loans.group_shares(records, "status"),
            loans.status_by_group(records, "borrower_category"),
            lang,
        ),
    }


# --- the shipped data --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(loans_df, communities_df, units_df):
    table = analysis.reconcile({"loans": loans_df, "communities": communities_df})
    rows = table[table["figure_id"].isin(loans.LOAN_FIGURES)]
    return {lang: sections(loans_df, communities_df, units_df, lang, rows) for lang in ("zh", "en")}


def test_shipped_headline_states_the_published_totals_and_the_mean(shipped, loans_df):
    for lang in ("zh", "en"):
        f = shipped[lang]["headline"]
        assert f.values["loans"] == len(loans_df) == 87
        assert f.values["amount_yuan"] == loans_df["amount_yuan"].sum() == 13_900_000
        assert round(f.values["mean_yuan"]) == round(loans_df["amount_yuan"].mean()) == 159_770
        assert "159,770" in f.text and "13,900,000" in f.text
    assert "与版面上的两个数字一致" in shipped["zh"]["headline"].text


def test_every_number_printed_is_a_value_and_english_has_no_han(shipped, communities_df):
    names = [*communities_df["name_zh"], *communities_df["name_en"]]
    for lang, found in shipped.items():
        for name, f in found.items():
            check_numbers(f, names)
            assert "nan" not in f.text.lower().split()
            if lang == "en":
                assert not HAN.search(f.text), name
            word = "合成数据" if lang == "zh" else "synthetic"
            assert word in f.text, name  # synthetic records say so in every section


def test_shipped_values_are_recomputed_from_the_records(shipped, loans_df, communities_df):
    per_unit = loans_df.groupby(loans_df["unit_id"].astype(str), observed=True).size()
    geo = shipped["en"]["geography"].values
    assert geo["top_loans"] == per_unit.max() == 23 and geo["bottom_loans"] == per_unit.min()
    reached = loans_df["community_id"].nunique()
    assert geo["communities_with_loans"] == reached == 32
    assert geo["communities_without_loans"] == len(communities_df) - reached == 4
    sizes = shipped["en"]["sizes"].values
    business = loans_df["borrower_category"].astype(str) == "小微企业"
    # The 6 business loans are gender 不适用 too; gender 未记录 (2) needed a complement
    # and the dataset-wide pattern hid that group: no count, no amount range of it.
    assert business.sum() == 6 and "business_loans" not in sizes
    assert "business_max_yuan" not in sizes
    assert "The number of small-business loans is hidden (x)" in shipped["en"]["sizes"].text
    effect = shipped["en"]["effect"].values
    assert effect["jobs"] == loans_df["jobs_created"].sum() == 330
    assert effect["status_逾期"] == (loans_df["status"].astype(str) == "逾期").sum()
    timeline = shipped["zh"]["timeline"].values
    assert timeline["cumulative_amount_yuan"] == 13_900_000 and timeline["empty_months"] == 1
    assert "2020年4月至2020年7月，共 28 笔" in shipped["zh"]["timeline"].text
    conc = shipped["en"]["concentration"].values
    assert conc["loans_gini"] == pytest.approx(0.300, abs=5e-4)
    assert (
        "comes from the small-business loans (their count is hidden, x)"
        in shipped["en"]["concentration"].text
    )


def test_hidden_counts_are_worded_not_written(shipped, loans_df):
    groups = shipped["en"]["groups"].text
    # 未记录 sector holds 1 or 2 loans: the table shows "x", so does the prose, in the
    # same words as every other hidden group (the mark does not say which rule hid it).
    missing = int(loans_df["sector"].isna().sum() + (loans_df["sector"] == "未记录").sum())
    assert 0 < missing < 3
    assert 'The counts of personal services and not recorded are hidden ("x")' in groups
    assert "fewer than" not in groups.lower() and "do not record their sector" not in groups


# --- hand-built frames -------------------------------------------------------------------


@pytest.fixture
def tiny() -> pd.DataFrame:
    """Five loans, two units; one jobs count missing, one sector in the ledger's own words."""
    return pd.DataFrame(
        {
            "loan_id": [f"T{i}" for i in range(5)],
            "issued_on": pd.to_datetime(
                ["2020-01-05", "2020-02-10", "2020-02-11", "2020-05-01", "2020-05-02"]
            ),
            "unit_id": ["jiyuanlu"] * 4 + ["xiawo"],
            "community_id": ["东街社区"] * 3 + ["西街社区", "峡窝村"],
            "amount_yuan": [100_000, 100_000, 150_000, 200_000, 50_000],
            "borrower_category": ["高校毕业生"] * 4 + ["网络商户"],
            "sector": ["电商", "餐饮", "餐饮", "餐饮", "餐饮"],
            "gender": ["女", "女", "男", "男", "女"],
            "jobs_created": pd.array([2, 3, None, 1, 4], dtype="Int64"),
            "status": ["未记录"] * 5,
        }
    )


def test_unrecorded_jobs_are_not_zero(tiny):
    summary = loans.summary(tiny).iloc[0]
    assert summary["jobs_recorded"] == 4 and summary["jobs"] == 10
    assert summary["jobs_per_loan"] == pytest.approx(10 / 4)
    # Per 100,000 yuan over the 4 loans that record jobs: 450,000 yuan.
    assert summary["jobs_per_100k_yuan"] == pytest.approx(10 / 4.5)
    jobs = loans.jobs_by_group(tiny, "borrower_category").set_index("borrower_category")
    assert jobs.loc["高校毕业生", "jobs_recorded"] == 3 and jobs.loc["高校毕业生", "jobs"] == 6
    f = loans.findings.effect(
        loans.summary(tiny),
        loans.jobs_by_group(tiny, "borrower_category"),
        loans.group_shares(tiny, "status"),
        loans.status_by_group(tiny, "borrower_category"),
        "en",
    )
    assert "1 loan more do not record jobs" not in f.text
    assert "not counted as zero" in f.text and "no repayment status" in f.text
    assert f.values["jobs_not_recorded"] == 1


def test_ledger_wording_and_communities_are_shown_as_they_are(tiny, units_df, communities_df):
    found = sections(tiny, communities_df, units_df, "en")
    assert "电商" in found["groups"].text  # own wording, kept
    # A community name the list lacks: in pinyin in the English edition, as written in Chinese.
    assert "Dongjie Community" in found["geography"].text
    assert "东街社区" in sections(tiny, communities_df, units_df, "zh")["geography"].text
    for f in found.values():
        check_numbers(f, ["Dongjie Community", "Xijie Community", "Xiawo Village"])
    per_community = loans.by_community(tiny, communities_df)
    # Shipped list plus the ledger's three names: 36 + 3 rows, nothing dropped.
    assert len(per_community) == len(communities_df) + 3
    assert per_community["loans"].sum() == 5


@pytest.mark.parametrize("rows", [0, 1])
def test_no_loan_or_one_loan_never_fails(tiny, units_df, communities_df, rows):
    for lang in ("zh", "en"):
        found = sections(tiny.iloc[:rows], communities_df, units_df, lang)
        for f in found.values():
            assert "nan" not in f.text.lower().split()
    one = sections(tiny.iloc[:1], communities_df, units_df, "en")
    assert "single loan" in one["headline"].text
    assert (
        "Only a hidden number of loans (x) record jobs" in one["effect"].text
    )  # one loan's jobs stay hidden
    none = sections(tiny.iloc[:0], communities_df, units_df, "en")
    assert "no loan" in none["about"].text.lower() and "no loan" in none["timeline"].text


# --- an imported ledger ------------------------------------------------------------------


@pytest.fixture
def ledger(tiny, ledger_folder):
    frame = tiny.assign(
        borrower_category="高校毕业生",
        sector="餐饮",
        status="正常还款",
        jobs_created=[2, 3, 1, 1, 4],
        term_months=36,
    )
    ledger_folder("loans", frame)
    return frame


def test_imported_ledger_states_its_own_figures_and_nothing_synthetic(ledger, units_df):
    records, communities = analysis.load_loans(), analysis.load_communities()
    assert records.attrs["origin"] == "imported"
    for lang in ("zh", "en"):
        found = sections(records, communities, units_df, lang)
        head = found["headline"].values
        assert head["loans"] == len(ledger) and head["amount_yuan"] == ledger["amount_yuan"].sum()
        assert head["mean_yuan"] == pytest.approx(ledger["amount_yuan"].mean())
        for name, f in found.items():
            text = f.text
            for word in ("合成", "synthetic", "虚构", "fictional", "159,770", "13,900,000", "87"):
                assert word not in text, (name, word)
            assert "bad-date" in text and "x.xlsx" in text, name  # rows rejected at import
            check_numbers(f, ["东街社区", "西街社区", "峡窝村"])
    geo = sections(records, communities, units_df, "en")["geography"].text
    assert "comes from the ledger" in geo  # the shipped list is not mixed with real loans
