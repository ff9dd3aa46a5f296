"""The disclosure audit recovers hidden cells from tiny hand-written sites, and only those.

Pages are written with ``DataFrame.to_html()`` (what nbconvert pages embed) or as CSV
downloads; every expected value below is worked out by hand in the test's docstring.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.report.audit import audit_site, run


def _page(site: Path, name: str, *frames: pd.DataFrame) -> Path:
    """Write an HTML page holding each frame as a pandas table, like an nbconvert page."""
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f"<h2>Section {i}</h2>\n{f.to_html()}" for i, f in enumerate(frames, 1))
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def _audit(site: Path, reference: Path | None = None) -> tuple[int, list[str]]:
    lines: list[str] = []
    status = run(site, reference, echo=lines.append)
    return status, lines


def _reference(tmp_path: Path) -> Path:
    """units.csv with two units under the district, and an English label for 不适用."""
    ref = tmp_path / "reference"
    ref.mkdir()
    (ref / "units.csv").write_text(
        "unit_id,name_zh,name_en,kind,parent_id,sort_order\n"
        "d,区,District,区,,0\n"
        "gongyelu,工业路街道,Gongyelu Subdistrict,街道,d,1\n"
        "kuangshan,矿山街道,Kuangshan Subdistrict,街道,d,2\n",
        encoding="utf-8",
    )
    (ref / "vocabulary.csv").write_text(
        "domain,value_zh,label_en,sort_order\n"
        "gender,不适用,not applicable,1\ngender,未记录,not recorded,2\n"
        "gender,女,female,3\ngender,男,male,4\n",
        encoding="utf-8",
    )
    return ref


def _one_way(counts: dict[str, str], name: str = "gender") -> pd.DataFrame:
    return pd.DataFrame({name: list(counts), "loans": list(counts.values())})


def test_total_row_pins_the_only_free_hidden_cell(tmp_path):
    """a + 5 + 4 = 10 (合计 row) with a = "<3" and b shown: a must be 1."""
    frame = pd.DataFrame({"group": ["a", "b", "c", "合计"], "loans": ["<3", "5", "4", "10"]})
    _page(tmp_path, "page.html", frame)
    status, lines = _audit(tmp_path)
    assert status == 1
    assert lines[-1] == "recoverable cells: 1"
    (finding,) = [line for line in lines if "must be" in line]
    assert "row a" in finding and "column loans" in finding and "must be 1" in finding
    assert "sum of loans by group = loans[all]" in finding


def test_two_hidden_cells_that_can_each_be_one_or_two_are_safe(tmp_path):
    """a + b + 6 = 9: (1, 2) and (2, 1) both fit, so neither is recoverable."""
    frame = pd.DataFrame({"group": ["a", "b", "c", "合计"], "loans": ["<3", "<3", "6", "9"]})
    _page(tmp_path, "page.html", frame)
    status, lines = _audit(tmp_path)
    assert (status, lines[-1]) == (0, "recoverable cells: 0")
    assert "2 hidden cell(s)" in lines[-2]


def test_two_tables_on_one_page_share_a_total(tmp_path):
    """Headline 9 loans; by gender 5 + a + b: a + b = 4, each at most 2, so both are 2."""
    headline = pd.DataFrame({"loans": [9], "amount_yuan": ["900,000"]})
    by_gender = _one_way({"女": "5", "男": "<3", "未记录": "<3"})
    _page(tmp_path, "02-loans.html", headline, by_gender)
    status, lines = _audit(tmp_path)
    assert status == 1
    assert lines[-1] == "recoverable cells: 2"
    found = {line.split(" · ")[1]: line for line in lines if "must be" in line}
    assert set(found) == {"row 男", "row 未记录"}
    assert all("must be 2" in line for line in found.values())
    found = list(found.values())
    assert all("table 2 (Section 2)" in line for line in found)


def test_csv_download_is_read_like_a_table(tmp_path):
    """The same leak as above, with the breakdown released only as a CSV download."""
    _page(tmp_path, "02-loans.html", pd.DataFrame({"loans": [9]}))
    (tmp_path / "downloads").mkdir()
    _one_way({"女": "5", "男": "<3", "未记录": "<3"}).to_csv(
        tmp_path / "downloads" / "by-gender.csv", index=False
    )
    status, lines = _audit(tmp_path)
    assert (status, lines[-1]) == (1, "recoverable cells: 2")
    assert all(line.startswith("downloads/by-gender.csv") for line in lines if "must be" in line)


def test_unit_totals_and_community_table_pin_the_issue_cells(tmp_path):
    """The issue's leak: 工业路 18 = 3+5+3+3 + c02 + c05, so c02 = c05 = 2; 矿山 11 = 4+0+3 +
    c01 + c03 with c01 "<3" and c03 "x" (≥ 3 by the published method): c01 = 1, c03 = 3.
    The English unit page repeats 工业路's rows: the same cells, hidden in two places."""
    units = pd.DataFrame(
        {
            "unit_id": ["gongyelu", "kuangshan"],
            "name_zh": ["工业路街道", "矿山街道"],
            "loans": [18, 11],
        }
    )
    communities = pd.DataFrame(
        {
            "community_id": [f"gongyelu-c0{i}" for i in range(1, 7)]
            + [f"kuangshan-c0{i}" for i in range(1, 6)],
            "unit_id": ["gongyelu"] * 6 + ["kuangshan"] * 5,
            "loans": ["3", "<3", "5", "3", "<3", "3", "<3", "4", "x", "0", "3"],
        }
    )
    _page(tmp_path, "02-loans.html", units, communities)
    english = units.assign(name_zh=["Gongyelu Subdistrict", "Kuangshan Subdistrict"])
    _page(tmp_path, "en/units/gongyelu.html", english.iloc[[0]], communities.iloc[:6])
    reference = _reference(tmp_path)
    status, lines = _audit(tmp_path, reference)
    assert (status, lines[-1]) == (1, "recoverable cells: 4")
    found = {line.split(" · ")[1]: line for line in lines if "must be" in line}
    assert "must be 2" in found["row gongyelu-c02 / gongyelu"]
    assert "also hidden in 1 other place(s)" in found["row gongyelu-c02 / gongyelu"]
    assert "must be 2" in found["row gongyelu-c05 / gongyelu"]
    assert "must be 1" in found["row kuangshan-c01 / kuangshan"]
    assert "must be 3" in found["row kuangshan-c03 / kuangshan"]
    assert "loans[unit_id=kuangshan]" in found["row kuangshan-c03 / kuangshan"]
    # An attacker who does not know "x" hides a count of at least 3 pins only 工业路.
    assert audit_site(tmp_path, reference, complement_floor=0).recoverable == 2


def test_breakdown_missing_a_unit_is_not_taken_to_add_up_to_the_district(tmp_path):
    """Only 工业路's row is shown: with two units in units.csv, 18 is not the district total,
    so the headline 30 says nothing about the communities of 工业路."""
    headline = pd.DataFrame({"loans": [30]})
    units = pd.DataFrame({"unit_id": ["gongyelu"], "loans": ["<3"]})
    _page(tmp_path, "page.html", headline, units)
    status, lines = _audit(tmp_path, _reference(tmp_path))
    assert (status, lines[-1]) == (0, "recoverable cells: 0")


def test_background_fact_links_gender_and_borrower_group(tmp_path):
    """Gender 不适用 (hidden "x") is the 6 small businesses shown in the group table; then
    未记录 = 87 - 28 - 51 - 6 = 2. The English edition's labels map back to the same cells."""
    headline = pd.DataFrame({"loans": [87]})
    groups = pd.DataFrame({"borrower_category": ["小微企业", "其他"], "loans": [6, 81]})
    gender = _one_way({"女": "28", "男": "51", "不适用": "x", "未记录": "<3"})
    _page(tmp_path, "02-loans.html", headline, groups, gender)
    english = _one_way({"female": "28", "male": "51", "not applicable": "x", "not recorded": "<3"})
    _page(tmp_path, "en/02-loans.html", headline, english)
    status, lines = _audit(tmp_path, _reference(tmp_path))
    assert (status, lines[-1]) == (1, "recoverable cells: 2")
    found = [line for line in lines if "must be" in line]
    assert any("row 不适用" in f and "must be 6" in f and "background:" in f for f in found)
    assert any("row 未记录" in f and "must be 2" in f for f in found)


def test_shown_share_gives_a_hidden_count_away(tmp_path):
    """A share left visible beside a hidden count: 2/40 = 5.0 %, 1/40 = 2.5 %."""
    frame = pd.DataFrame(
        {
            "group": ["a", "b", "c"],
            "loans": ["<3", "<3", "37"],
            "loan_share": ["5.0%", "x", "92.5%"],
        }
    )
    _page(tmp_path, "page.html", pd.DataFrame({"loans": [40]}), frame)
    status, lines = _audit(tmp_path)
    assert (status, lines[-1]) == (1, "recoverable cells: 2")
    assert any("row a" in line and "must be 2" in line and "loan_share" in line for line in lines)


def _community_site(site: Path, first: str = "<3") -> None:
    """One unit of 8 loans: 4 shown, three hidden communities summing to 4 (zh and en)."""
    units = pd.DataFrame({"unit_id": ["u1"], "loans": [8]})
    communities = pd.DataFrame(
        {
            "community_id": ["c1", "c2", "c3", "c4"],
            "unit_id": ["u1"] * 4,
            "loans": [first, "<3", "<3", "4"],
        }
    )
    _page(site, "02-loans.html", units, communities)
    _page(site, "en/02-loans.html", units, communities.assign(loans=["<3", "<3", "<3", "4"]))


def test_copy_with_one_cell_revealed_still_fails_for_the_cells_it_gives_away(tmp_path):
    """c1 + c2 + c3 = 4 with each in 1..2 leaves every cell free. Revealing c1 = 2 on the
    Chinese page makes it a released value: c2 + c3 = 2 pins both to 1, and c1, still
    hidden in the English edition, is exposed."""
    safe, leaky = tmp_path / "safe", tmp_path / "leaky"
    _community_site(safe)
    assert _audit(safe)[0] == 0
    _community_site(leaky, first="2")
    status, lines = _audit(leaky)
    assert (status, lines[-1]) == (1, "recoverable cells: 3")
    found = {line.split(" · ")[1]: line for line in lines if "must be" in line}
    assert "shown openly as '2' in 02-loans.html" in found["row c1 / u1"]
    assert "must be 1" in found["row c2 / u1"] and "must be 1" in found["row c3 / u1"]


def test_small_count_shown_in_a_protected_column_is_exposed(tmp_path):
    """A count of 1 shown in the clear in a column that hides 1s and 2s elsewhere."""
    frame = pd.DataFrame({"group": ["a", "b", "c"], "loans": ["1", "<3", "<3"]})
    _page(tmp_path, "page.html", frame)
    status, lines = _audit(tmp_path)
    assert (status, lines[-1]) == (1, "recoverable cells: 1")
    assert "a count below the threshold 3" in lines[0]


def test_unreadable_page_is_one_line_and_the_rest_is_audited(tmp_path):
    (tmp_path / "broken.html").write_bytes(b"\xff\xfe<table>\x00\x81")
    _page(
        tmp_path,
        "page.html",
        pd.DataFrame({"group": ["a", "b", "合计"], "loans": ["<3", "3", "5"]}),
    )
    status, lines = _audit(tmp_path)
    assert lines[0].startswith("unreadable: broken.html: UnicodeDecodeError")
    assert (status, lines[-1]) == (1, "recoverable cells: 1")
    assert not any("Traceback" in line for line in lines)


def test_command_line(tmp_path, capsys):
    frame = pd.DataFrame({"group": ["a", "b", "合计"], "loans": ["<3", "<3", "3"]})
    _page(tmp_path, "page.html", frame)
    assert main(["audit-disclosure", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "recoverable cells: 0"
    assert main(["audit-disclosure", str(tmp_path / "missing")]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out == [f"audit failed: FileNotFoundError: no site at {tmp_path / 'missing'}"]


@pytest.mark.parametrize(("text", "total"), [("<5", "5"), ("x", "12")])
def test_marks_bound_only_the_count_not_its_amount(tmp_path, text, total):
    """Amounts hidden beside a count are only >= 0; the counts keep several solutions
    (a + b = 5 with each in 1..4; a + b = 12 with each at least 3)."""
    frame = pd.DataFrame(
        {
            "group": ["a", "b", "合计"],
            "loans": [text, text, total],
            "amount_yuan": [text, text, "100"],
        }
    )
    frame.loc[0, "amount_yuan"] = "60"
    _page(tmp_path, "page.html", frame)
    result = audit_site(tmp_path)
    pinned = {(f.where.row, f.where.column) for f in result.findings}
    assert ("b", "amount_yuan") in pinned  # 100 - 60 = 40: a single hidden amount
    assert ("a", "loans") not in pinned and ("b", "loans") not in pinned


def test_cross_tabulation_margins_in_both_directions(tmp_path):
    """Row a: <3 + 3 = 5 (its 合计 column), so the hidden cell is 2; the column margin agrees."""
    units = pd.Series(["a"] * 5 + ["b"] * 4, name="unit")
    kinds = pd.Series(["x", "x", "y", "y", "y", "x", "x", "x", "y"], name="kind")
    table = pd.crosstab(units, kinds, margins=True, margins_name="合计").astype(str)
    table.iloc[0, 0] = "<3"
    (tmp_path / "page.html").write_text(table.to_html(), encoding="utf-8")
    result = audit_site(tmp_path)
    assert [(f.where.row, f.where.column, f.low) for f in result.findings] == [("a", "x", 2.0)]


def test_hidden_value_with_no_relation_is_not_pinned(tmp_path):
    """A hidden amount that no total or share involves is unbounded above: min 0, max
    infinity (the solver once returned -infinity for an unbounded maximum and called the
    cell pinned at 0)."""
    frame = pd.DataFrame(
        {"group": ["a", "b"], "loans": ["5", "x"], "at_cap": ["2", "x"], "cap": ["7", "9"]}
    )
    _page(tmp_path, "page.html", frame)
    result = audit_site(tmp_path)
    assert not [f for f in result.findings if f.where.column == "at_cap"]
