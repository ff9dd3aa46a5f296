"""The published layer is cited faithfully: every quote is verbatim on the seed page."""

from __future__ import annotations

import hashlib

import pytest

import analysis
from analysis.config import PROJECT_ROOT
from analysis.datasets.schema import SOURCE_FILE, SOURCE_SHA256

SEED = PROJECT_ROOT.parent / SOURCE_FILE


@pytest.fixture(scope="module")
def figures():
    return analysis.load_published_figures()


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.is_file():
        pytest.skip(f"seed page not beside this clone ({SEED}); quotes cannot be checked here")
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256, "seed page changed since citing"
    return data.decode("utf-8")


def test_quotes_titles_and_bylines_are_verbatim(figures, seed_text):
    for fig in figures.itertuples():
        for text in (fig.quote_zh, fig.article_title, fig.subject_zh):
            assert text in seed_text, (fig.figure_id, text)
        if isinstance(fig.byline, str):
            assert fig.byline in seed_text


# How the page writes a value when not in digits.
WORDED = {
    "zxl-party-org-coverage": "全覆盖",
    "zxl-resident-body-coverage": "全覆盖",
    "ldj-built-year": "90年代中期",
    "zxl-cadre-days-per-week": "半天",
}
CHINESE_NUMERALS = {1: "一", 2: "两"}


def test_every_number_in_a_quote_is_a_figure(figures):
    # the quoted number must be the published value (1390万元 is 13,900,000 yuan)
    for fig in figures.dropna(subset=["value"]).itertuples():
        shown = fig.value / 10_000 if "万元" in fig.quote_zh else fig.value
        forms = {f"{shown:g}", CHINESE_NUMERALS.get(shown, "?"), WORDED.get(fig.figure_id, "?")}
        assert any(form in fig.quote_zh for form in forms), fig.figure_id


@pytest.mark.parametrize(
    ("figure_id", "value"),
    [
        ("zxl-compounds", 34),
        ("zxl-temp-party-orgs", 19),
        ("zxl-volunteer-groups", 42),
        ("zxl-self-mgmt-committees", 21),
        ("zxl-owners-committees", 11),
        ("ldj-tasks", 12),
        ("zxl-consultations", 200),
        ("zxl-households-surveyed", 2400),
        ("zxl-survey-suggestions", 300),
        ("zxl-pilot-compounds", 6),
        ("hb-compounds", 5),
        ("hb-suggestions", 15),
        ("hb-problems-solved", 8),
        ("hb-cadre-participation", 100),
        ("loans-publicity-communities", 36),
        ("loans-count", 87),
        ("loans-amount", 13_900_000),
        ("cdi-canteens-inspected", 10),
        ("cdi-suggestions", 5),
        ("hrss-salary-promotions", 4000),
    ],
)
def test_issue_listed_figures_present(figures, figure_id, value):
    assert figures.set_index("figure_id").loc[figure_id, "value"] == value


def test_qualifiers_follow_the_wording(figures):
    for fig in figures.itertuples():
        if fig.qualifier == "余":
            assert any(w in fig.quote_zh for w in ("余", "多", "至少")), fig.figure_id
        if fig.qualifier == "近":
            assert "近" in fig.quote_zh


def test_dated_events_have_no_value_and_precede_as_of(figures):
    events = figures[figures["event_date"].notna()]
    assert events["value"].isna().all()
    assert (events["event_date"] <= events["as_of_date"]).all()
    assert len(events) >= 6


def test_every_figure_is_read_from_its_quote(figures):
    """Each number is found in its own quote, and read by the words around it there.

    Where the quote's words say more than the qualifier column, the quote wins; the
    figures where they differ are listed here, so a new one is noticed.
    """
    from analysis.rules._quote_reading import from_qualifier
    from analysis.rules.reconciliation import read_quote

    numbers = figures[figures["event_date"].isna()]
    differ = {}
    for fig in numbers.itertuples(index=False):
        reading = read_quote(fig.value, fig.qualifier, fig.unit_of_measure, fig.quote_zh)
        plain = from_qualifier(fig.value, fig.qualifier, fig.unit_of_measure)
        if (reading.kind, reading.low, reading.high) != (plain.kind, plain.low, plain.high):
            differ[fig.figure_id] = reading.kind
    assert differ == {
        "zxl-cadre-days-per-week": "at_least",  # 每周至少半天
        "loans-amount": "rounded",  # 1390万元
        "hrss-salary-promotions": "contradictory",  # 近4000余人
    }
