"""One setting points loaders, reconciliation and chart captions at imported ledgers.

``SHANGJIE_LEDGER_DIR`` names a folder of ``<dataset>/accepted.csv`` files written by
``python -m analysis import-ledger``; ``analysis.config.imported_file`` resolves it.
"""

from __future__ import annotations

import pytest

import analysis
import analysis.config
from analysis.ledger.cli import main

LEDGER = "\n".join(
    [
        "编号,放款日期,所属街道,所属社区,贷款金额（万元）,期限,类别,行业,性别,带动就业,状态",
        *(
            f"L{n},2020年9月{n}日,中心路,虚构社区01,10,36,高校毕业生,餐饮,女,2,正常还款"
            for n in (1, 2)
        ),
    ]
)


@pytest.fixture
def imported(tmp_path, monkeypatch, capsys):
    source = tmp_path / "ledger.csv"
    source.write_text(LEDGER + "\n", encoding="utf-8")
    assert main(["loans", str(source), "--out", str(tmp_path / "imported" / "loans")]) == 0
    capsys.readouterr()
    monkeypatch.setenv(analysis.config.LEDGER_DIR_ENV, str(tmp_path / "imported"))
    return tmp_path / "imported"


def test_loaders_read_the_imported_ledger_and_keep_the_rest(imported):
    loans = analysis.load_loans()
    assert len(loans) == 2 and loans.attrs["synthetic"] is False
    assert loans.attrs["path"] == str(imported / "loans" / "accepted.csv")
    assert analysis.load_compounds().attrs["synthetic"] is True  # not imported: shipped


def test_reconciliation_and_captions_follow(imported):
    from analysis.datasets.origin import is_synthetic

    table = analysis.reconcile().set_index("figure_id")
    assert table.loc["loans-count", "computed"] == "2"
    assert not is_synthetic(["loans"]) and is_synthetic(["loans", "compounds"])
