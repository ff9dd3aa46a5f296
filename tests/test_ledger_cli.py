"""``python -m analysis import-ledger``: exit codes, one-line errors, the source untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import analysis
from analysis.__main__ import main as analysis_main
from analysis.ledger.cli import main

HEADER = (
    "编号,放款日期,所属街道,所属社区,贷款金额（万元）,期限,类别,行业,性别,带动就业,状态,姓名,电话"
)
ROW = "L{n},2020年9月{n}日,中心路,虚构社区01,{w},36,高校毕业生,餐饮,女,2,正常还款,张三,139{p:08d}"


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "台账.csv"
    rows = [ROW.format(n=n, w=5 * n, p=n) for n in range(1, 5)] + ["合计,,,,50"]
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("gbk"))
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "import-ledger", *args],
        capture_output=True,
        text=True,
        cwd=analysis.PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_command_runs_as_a_subprocess_and_leaves_the_source_alone(ledger, tmp_path):
    before = (ledger.read_bytes(), ledger.stat().st_mtime_ns)
    out = tmp_path / "out"
    done = _run("loans", str(ledger), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "rows read 5: accepted 4, rejected 1" in done.stdout
    assert "total_row" in done.stdout and "loans-amount" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["accepted.csv", "import.json", "rejected.csv"]
    assert (ledger.read_bytes(), ledger.stat().st_mtime_ns) == before
    assert analysis.load("loans", out / "accepted.csv")["amount_yuan"].sum() == 500_000
    meta = json.loads((out / "import.json").read_text(encoding="utf-8"))
    assert meta["encoding"] == "gb18030" and meta["rejected_by_reason"] == {"total_row": 1}


def test_an_unreadable_file_is_one_line_and_exit_2_without_traceback(tmp_path):
    done = _run("loans", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "missing.xlsx" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "o").exists()


def test_the_analysis_command_delegates(ledger, tmp_path, capsys):
    assert analysis_main(["import-ledger", "loans", str(ledger), "--out", str(tmp_path)]) == 0
    assert "accepted 4" in capsys.readouterr().out


def test_salt_from_the_named_environment_variable(ledger, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MY_LEDGER_SALT", "0123456789abcdef0123")
    assert main(["loans", str(ledger), "--out", str(tmp_path), "--salt-env", "MY_LEDGER_SALT"]) == 0
    pseudonyms = (tmp_path / "pseudonyms.csv").read_text(encoding="utf-8")
    assert pseudonyms.splitlines()[0] == "source_row,name_pseudonym,phone_pseudonym"
    assert "0123456789abcdef" not in capsys.readouterr().out + pseudonyms
    # a later run without the salt must not leave the earlier pseudonyms behind
    assert main(["loans", str(ledger), "--out", str(tmp_path)]) == 0
    assert not (tmp_path / "pseudonyms.csv").exists()


@pytest.mark.parametrize(
    ("extra", "env", "message"),
    [
        (["--salt-env", "UNSET_SALT_VAR"], {}, "UNSET_SALT_VAR is not set"),
        (["--salt-env", "SHORT_SALT"], {"SHORT_SALT": "abc"}, "use at least 16"),
        (["--as-of", "next tuesday"], {}, "next tuesday"),
        (["--sheet", "Sheet1"], {}, "has no sheet"),
    ],
)
def test_bad_options_are_one_line_errors(
    ledger, tmp_path, monkeypatch, capsys, extra, env, message
):
    monkeypatch.delenv("UNSET_SALT_VAR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["loans", str(ledger), "--out", str(tmp_path / "o"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(ledger) in err


def test_output_may_not_overwrite_the_source(tmp_path, capsys):
    source = tmp_path / "accepted.csv"
    source.write_bytes(HEADER.encode() + b"\n" + ROW.format(n=1, w=5, p=1).encode() + b"\n")
    before = source.read_bytes()
    assert main(["loans", str(source), "--out", str(tmp_path)]) == 2
    assert "overwrite the ledger itself" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_unknown_kind_is_a_usage_error(ledger, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["evaluations", str(ledger), "--out", str(tmp_path)])
    assert exit_.value.code == 2
