"""Loaders return typed, validated frames for every shipped dataset."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.datasets.schema import DATASETS

LOADERS = {
    "units": analysis.load_units,
    "vocabulary": analysis.load_vocabulary,
    "ledger_aliases": lambda: analysis.load("ledger_aliases"),
    "published_figures": analysis.load_published_figures,
    "communities": analysis.load_communities,
    "compounds": analysis.load_compounds,
    "renovation_tasks": analysis.load_renovation_tasks,
    "consultations": analysis.load_consultations,
    "evaluations": analysis.load_evaluations,
    "loans": analysis.load_loans,
    "inspections": analysis.load_inspections,
}


def test_every_dataset_has_a_loader():
    assert set(LOADERS) == set(DATASETS)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_loader_types_follow_the_schema(name):
    frame = LOADERS[name]()
    spec = DATASETS[name]
    assert list(frame.columns) == [f.name for f in spec.fields]
    assert len(frame) > 0
    for f in spec.fields:
        col = frame[f.name]
        if f.kind in ("id", "str"):
            assert pd.api.types.is_string_dtype(col), f.name
        elif f.kind == "date":
            assert pd.api.types.is_datetime64_dtype(col), f.name
        elif f.kind == "int":
            assert pd.api.types.is_integer_dtype(col), f.name
        elif f.kind == "category":
            assert isinstance(col.dtype, pd.CategoricalDtype) and col.dtype.ordered, f.name
        if f.required:
            assert col.notna().all(), f.name
    assert not frame.duplicated(list(spec.primary_key)).any()
    assert frame.attrs["synthetic"] is spec.synthetic


def test_units_are_five_subdistricts_and_one_town():
    units = analysis.load_units()
    kinds = units["kind"].value_counts()
    assert kinds["街道"] == 5 and kinds["镇"] == 1 and kinds["区"] == 1
    assert {"中心路街道", "工业路街道", "峡窝镇"} <= set(units["name_zh"])


def test_unit_categories_are_ordered_like_the_units_table():
    units = analysis.load_units().sort_values("sort_order")
    loans = analysis.load_loans()
    assert list(loans["unit_id"].cat.categories) == units["unit_id"].tolist()


def test_every_category_has_an_english_label():
    vocab = analysis.load_vocabulary()
    assert vocab["label_en"].str.len().gt(0).all()
    assert not vocab.duplicated(["domain", "label_en"]).any()
    used = {f.domain for d in DATASETS.values() for f in d.fields if f.domain} - {"unit"}
    assert used <= set(vocab["domain"])


def test_shipped_files_reference_each_other():
    frames = {name: LOADERS[name]() for name in DATASETS if DATASETS[name].synthetic}
    analysis.check_references(frames)  # raises on any dangling key


def test_dangling_reference_is_reported_with_row(tmp_path):
    tasks = analysis.load_renovation_tasks()
    compounds = analysis.load_compounds()
    tasks.loc[3, "compound_id"] = "no-such-compound"
    with pytest.raises(analysis.DataValidationError) as err:
        analysis.check_references({"compounds": compounds, "renovation_tasks": tasks})
    (problem,) = err.value.problems
    assert problem.row == 5 and problem.column == "compound_id"
    assert problem.value == "no-such-compound"


def test_no_personal_data_columns():
    banned = ("name", "id_number", "phone", "身份证", "电话", "姓名")
    for name in ("loans", "inspections", "compounds"):
        for column in DATASETS[name].fields:
            assert not any(b in column.name for b in banned if b != "name") and (
                column.name != "name"
            ), column.name
    loans = analysis.load_loans()
    text = loans.astype(str).to_csv()
    assert not pd.Series([text]).str.contains(r"1[3-9]\d{9}|\d{17}[\dXx]").any()
