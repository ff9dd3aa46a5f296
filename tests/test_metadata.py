"""Files and their metadata cannot drift apart unnoticed (OWID's .dvc + md5 is the model)."""

from __future__ import annotations

import shutil

import pytest

import analysis.datasets.metadata as metadata
from analysis.config import DATA_DIR, DATAPACKAGE_PATH
from analysis.datasets.schema import DATASETS


def test_committed_metadata_matches_the_files():
    assert metadata.verify() == []


def test_metadata_file_is_what_the_code_would_write():
    assert DATAPACKAGE_PATH.read_text(encoding="utf-8") == metadata.dumps(
        metadata.build_datapackage()
    )


def test_every_resource_is_labelled():
    for res in metadata.read_datapackage()["resources"]:
        spec = DATASETS[res["name"]]
        assert res["synthetic"] is spec.synthetic
        assert res["licenses"] and res["sources"]
        assert res["hash"].startswith("sha256:")
        if spec.synthetic:
            assert res["generator"]["seed"] and "Synthetic" in res["sources"][0]["title"]
            assert "synthetic" in res["title"].lower()
        fields = [f["name"] for f in res["schema"]["fields"]]
        assert fields == [f.name for f in spec.fields]
        assert all(f["description"] for f in res["schema"]["fields"])


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setattr(metadata, "DATA_DIR", copy)
    return copy


def test_a_changed_byte_is_detected(data_copy):
    path = data_copy / "synthetic" / "loans.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("正常还款", "已结清", 1), encoding="utf-8")
    problems = metadata.verify(data_copy / "datapackage.json")
    assert any(p.startswith("loans: hash") for p in problems)
    assert not any(p.startswith("compounds") for p in problems)


def test_a_removed_row_is_detected(data_copy):
    path = data_copy / "published" / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    problems = metadata.verify(data_copy / "datapackage.json")
    assert any(p.startswith("published_figures: rows") for p in problems)


def test_a_missing_file_is_detected(data_copy):
    (data_copy / "synthetic" / "evaluations.csv").unlink()
    problems = metadata.verify(data_copy / "datapackage.json")
    assert "evaluations: file synthetic/evaluations.csv is missing" in problems


def test_what_a_ledger_may_lack_is_declared_in_the_schema():
    """Only an amount, a date and a place are columns a loan ledger cannot do without."""
    loans = DATASETS["loans"]
    refused = [f.name for f in loans.fields if f.when_absent == "refuse"]
    assert refused == ["issued_on", "amount_yuan"]
    assert loans.field("unit_id").when_absent == "derived"
    assert loans.field("unit_id").derive_from == "community_id"
    assert loans.field("status").when_absent == "not_recorded"
    assert loans.field("jobs_created").when_absent == "empty"
    assert loans.field("loan_id").when_absent == "row"
    opened = {f.name for f in loans.fields if f.open_domain}
    assert opened == {"sector", "borrower_category"}
    assert not loans.field("status").open_domain
    for name in ("inspections",):
        closed = [f for f in DATASETS[name].fields if f.domain in ("check_result", "outcome")]
        assert closed and not any(f.open_domain for f in closed)
