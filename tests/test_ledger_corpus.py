"""The ledger corpus: each awkward ledger gives the counts and reasons its manifest row says.

The corpus is generated into a temporary folder once per module (``tests/ledgers``), each
case is imported once through the API and once through the command line, and the tests
below look at those results: counts and reasons, every row accounted for, the accepted
CSV loading back to the same frame, no personal data in any output, the source untouched.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

import analysis
import analysis.ledger.cli
from analysis.ledger import CODES, LedgerError, LedgerImport, import_ledger
from analysis.ledger.cli import main as cli_main

LEDGERS = Path(__file__).parent / "ledgers"
MANIFEST = list(csv.DictReader((LEDGERS / "manifest.csv").open(encoding="utf-8")))
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
MOBILE = re.compile(r"1[3-9]\d{9}")


def _corpus_module():
    sys.path.insert(0, str(LEDGERS))
    try:
        import corpus_fakes
        import make_corpus
    finally:
        sys.path.remove(str(LEDGERS))
    return make_corpus, corpus_fakes


MAKE_CORPUS, FAKES = _corpus_module()


@dataclass
class Run:
    """One manifest case, imported through the API and through the command line."""

    spec: dict[str, str]
    path: Path
    source_sha256: str | None
    result: LedgerImport | None = None
    error: LedgerError | None = None
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    out_dir: Path | None = None
    outputs: dict[str, bytes] = field(default_factory=dict)


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.fixture(scope="module")
def salt() -> str:
    return secrets.token_hex(16)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, salt, monkeypatch_module) -> dict[str, Run]:
    """Each case run once, through the command line, recording what ``import_ledger`` did.

    The command calls ``import_ledger`` with the options it parsed; a wrapper keeps the
    result (or the error), so the API and the command are tested on the same import and
    the corpus is imported once, not twice.
    """
    corpus = tmp_path_factory.mktemp("corpus")
    MAKE_CORPUS.build(corpus)
    monkeypatch_module.setenv("LEDGER_TEST_SALT", salt)
    seen: list[LedgerImport | LedgerError] = []

    def recording(*args, **kwargs):
        try:
            seen.append(import_ledger(*args, **kwargs))
        except LedgerError as err:
            seen.append(err)
            raise
        return seen[-1]

    monkeypatch_module.setattr(analysis.ledger.cli, "import_ledger", recording)
    out: dict[str, Run] = {}
    for spec in MANIFEST:
        path = corpus / spec["file"]
        run = Run(spec, path, _sha(path), out_dir=tmp_path_factory.mktemp(spec["case"]))
        argv = [spec["kind"], str(path), "--out", str(run.out_dir)]
        argv += ["--sheet", spec["sheet"]] if spec["sheet"] else []
        argv += ["--salt-env", "LEDGER_TEST_SALT"] if spec["salt"] else []
        stdout, stderr = io.StringIO(), io.StringIO()
        seen.clear()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            run.exit_code = cli_main(argv)
        run.stdout, run.stderr = stdout.getvalue(), stderr.getvalue()
        (outcome,) = seen
        run.result, run.error = (
            (None, outcome) if isinstance(outcome, LedgerError) else (outcome, None)
        )
        run.outputs = {p.name: p.read_bytes() for p in sorted(run.out_dir.iterdir())}
        out[spec["case"]] = run
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


OK = [s["case"] for s in MANIFEST if s["outcome"] == "ok"]
ERRORS = [s["case"] for s in MANIFEST if s["outcome"] == "error"]


def test_corpus_is_at_least_thirty_ledgers(tmp_path):
    built = MAKE_CORPUS.build(tmp_path)
    assert len(built) >= 30 and len(MANIFEST) >= 30
    files = {s["file"] for s in MANIFEST}
    assert set(built) <= files, "every generated file has a manifest row"
    assert files - set(built) == {"no_such_ledger.csv"}, "every manifest file is generated"
    assert all(s["kind"] in analysis.ledger.KINDS for s in MANIFEST)
    for spec in MANIFEST:
        for pair in filter(None, spec["reasons"].split(";")):
            assert pair.split("=")[0] in CODES, spec["case"]


def test_corpus_bytes_are_the_same_on_every_build(tmp_path):
    first, second = MAKE_CORPUS.build(tmp_path / "a"), MAKE_CORPUS.build(tmp_path / "b")
    assert {n: p.read_bytes() for n, p in first.items()} == {
        n: p.read_bytes() for n, p in second.items()
    }


def _expected_reasons(spec: dict[str, str]) -> dict[str, int]:
    pairs = (p.split("=") for p in filter(None, spec["reasons"].split(";")))
    return {code: int(n) for code, n in pairs}


@pytest.mark.parametrize("case", OK)
def test_counts_and_reasons_match_the_manifest(runs, case):
    run = runs[case]
    assert run.error is None, str(run.error)
    result, spec = run.result, run.spec
    assert (result.rows_read, len(result.accepted), len(result.rejected)) == (
        int(spec["rows_read"]),
        int(spec["accepted"]),
        int(spec["rejected"]),
    )
    assert result.reasons().to_dict() == _expected_reasons(spec)


@pytest.mark.parametrize("case", ERRORS)
def test_unimportable_files_raise_one_line_naming_the_file(runs, case):
    run = runs[case]
    assert run.result is None, f"{case} imported but the manifest expects an error"
    message = str(run.error)
    assert "\n" not in message and message.startswith(str(run.path))
    assert run.spec["error"] in message


@pytest.mark.parametrize("case", OK)
def test_every_data_row_is_accepted_or_rejected_once(runs, case):
    result = runs[case].result
    rejected = result.rejected["source_row"].tolist()
    rows = sorted(result.accepted_rows + rejected)
    assert len(rows) == len(set(rows)) == result.rows_read
    if rows:  # data rows are consecutive spreadsheet rows right under the header
        assert rows == list(range(result.header_rows[-1] + 1, rows[-1] + 1))
    assert result.rejected["reason"].str.len().gt(0).all()
    assert result.rejected["fix"].str.len().gt(0).all()


@pytest.mark.parametrize("case", OK)
def test_accepted_is_what_load_returns_for_the_written_csv(runs, case):
    run = runs[case]
    assert run.exit_code == 0, run.stderr
    loaded = analysis.load(run.spec["kind"], run.out_dir / "accepted.csv")
    pd.testing.assert_frame_equal(run.result.accepted, loaded)
    assert run.result.accepted.attrs["synthetic"] is False


@pytest.mark.parametrize("case", ERRORS)
def test_cli_exits_2_with_one_line_and_writes_nothing(runs, case):
    run = runs[case]
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert run.path.name in run.stderr and "Traceback" not in run.stderr
    assert run.outputs == {}


def test_cli_writes_its_files_and_prints_the_summary(runs):
    run = runs["title_rows"]
    assert set(run.outputs) == {"accepted.csv", "rejected.csv", "import.json"}
    assert "rows read 10: accepted 8, rejected 2" in run.stdout
    assert "loans-count" in run.stdout and "loans-amount" in run.stdout
    assert len(run.stdout.splitlines()) <= 30, "one screen"
    assert set(runs["numbers_as_numbers"].outputs) >= {"pseudonyms.csv"}


def test_sources_are_never_modified(runs):
    for run in runs.values():
        assert _sha(run.path) == run.source_sha256, run.spec["case"]


def _all_output_text(run: Run) -> str:
    parts = [run.stdout, run.stderr, str(run.error or "")]
    for name, data in run.outputs.items():
        text = data.decode("utf-8-sig")
        if name == "import.json":  # a hex digest is not personal data, but has digit runs
            text = re.sub(r'"source_sha256": "[0-9a-f]+"', "", text)
        parts.append(text)
    if run.result is not None:
        r = run.result
        parts += [r.accepted.to_csv(), r.rejected.to_csv(), r.summary(reconciliation=False)]
        parts += [] if r.pseudonyms is None else [r.pseudonyms.to_csv()]
    return "\n".join(parts)


def test_no_personal_data_in_any_output_of_the_corpus(runs):
    fakes = [FAKES.fake_id(i) for i in range(500)] + [FAKES.fake_mobile(i) for i in range(500)]
    names = [*FAKES.NAMES, "王𠮷"]
    for case, run in runs.items():
        text = _all_output_text(run)
        assert not ID_NUMBER.search(text), case
        assert not MOBILE.search(text), case
        assert not any(n in text for n in names), case
        digits = re.sub(r"\D", "", text)
        assert not any(f[:-1] in digits for f in fakes[:20]), case
        assert not re.search(r"0371-?6\d{7}", text), case


def test_personal_columns_are_named_in_the_summary_and_pseudonymised_with_a_salt(runs, salt):
    plain, salted = runs["utf8"].result, runs["numbers_as_numbers"].result
    kinds = {"name", "id_number", "phone"}
    assert {what for _, what in plain.personal} == kinds and plain.pseudonyms is None
    assert "personal, dropped" in plain.summary(reconciliation=False)
    table = salted.pseudonyms
    assert list(table.columns) == ["source_row", "name_pseudonym", "id_number_pseudonym",
                                   "phone_pseudonym"]  # fmt: skip
    assert table["source_row"].tolist() == salted.accepted_rows
    assert table.drop(columns="source_row").map(len).eq(16).all().all()
    assert table["name_pseudonym"].nunique() == 5


def test_values_are_translated_exactly(runs):
    wan = runs["wan_yuan"].result.accepted
    assert wan["amount_yuan"].tolist() == [125000, 88000, 100000, 150000, 15000]
    dates = runs["chinese_dates"].result.accepted["issued_on"].dt.strftime("%F").tolist()
    assert dates == [f"2020-09-0{d}" for d in range(1, 8)]
    serials = runs["excel_serials"].result.accepted["issued_on"].dt.strftime("%F").tolist()
    assert serials == [f"2020-09-0{d}" for d in range(1, 6)]
    units = runs["units"].result.accepted["unit_id"].astype(str).tolist()
    assert units == ["zhongxinlu"] * 4 + ["xiawo", "zhongxinlu"]
    assert runs["years_term"].result.accepted["term_months"].tolist() == [36, 24, 30, 36, 15]
    full = runs["fullwidth"].result.accepted
    assert full["amount_yuan"].tolist() == [120000, 80000, 100000, 50000]
    assert full["loan_id"].tolist() == ["1", "2", "3", "5"]


def test_unknown_unit_gets_a_suggestion(runs):
    rejected = runs["units"].result.rejected.set_index("source_row")
    assert "did you mean 中心路街道 (zhongxinlu)?" in rejected.loc[8, "fix"]
    assert rejected.loc[8, "unit_id"] == "中新路"


def test_categories_alias_and_not_recorded(runs):
    result = runs["categories"].result
    acc = result.accepted
    assert acc["status"].astype(str).tolist()[:3] == ["正常还款", "已结清", "逾期"]
    assert acc["gender"].astype(str).tolist()[:4] == ["女", "男", "不适用", "未记录"]
    assert set(acc["sector"].astype(str)) == {"未记录"}
    assert any("sector: not in the ledger" in n for n in result.notes)
    assert "正常还款" in result.rejected["fix"].iloc[0]  # the allowed values are listed


def test_other_datasets(runs):
    compounds = runs["compounds"].result.accepted.set_index("compound_id")
    assert compounds["named_in_source"].tolist() == [True, False, False, False]
    assert compounds.loc["CP-01", "partner_unit"] == "区住建局(交通)局"
    assert compounds.loc["CP-01", ["built_year", "households"]].tolist() == [1995, 120]
    assert compounds["property_pilot"].tolist() == [True, False, False, True]
    tasks = runs["renovation_tasks"].result
    assert tasks.accepted["closed_on"].isna().sum() == 2  # 未销号 and an empty cell
    assert tasks.accepted["opened_on"].dt.strftime("%F").iloc[-1] == "2020-06-18"  # serial
    inspections = runs["inspections"].result.accepted
    assert inspections["item_rules"].astype(str).tolist()[:2] == ["合格", "不合格"]
    assert inspections["agency"].astype(str).tolist()[0] == "区市场监管局"


def test_reconciliation_is_restricted_to_the_figures_the_dataset_feeds(runs):
    loans = runs["utf8"].result.reconciliation()
    assert loans["figure_id"].tolist() == ["loans-count", "loans-amount"]
    assert loans["computed"].tolist() == ["8", "885,000"]  # 88.5 万元 in 8 loans
    tasks = runs["renovation_tasks"].result.reconciliation()
    assert tasks["figure_id"].tolist() == ["ldj-tasks"]
