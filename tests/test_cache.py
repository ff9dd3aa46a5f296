"""The validated-data cache serves exactly the parsed frame, and never a stale one."""

from __future__ import annotations

import os
import shutil
import time

import pandas.testing as pdt
import pytest

import analysis
from analysis.config import DATA_DIR
from analysis.datasets import cache
from analysis.datasets.errors import DataValidationError
from analysis.datasets.schema import DATASETS


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A fresh cache folder, every file cached (no size floor), counters reset."""
    target = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(target))
    monkeypatch.delenv(cache.CACHE_SWITCH_ENV, raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    cache.STATS.clear()
    return target


def _copy(name, tmp_path, age=60.0):
    """Copy a shipped file into tmp_path, dated ``age`` seconds ago (past the racy window)."""
    path = tmp_path / f"{name}.csv"
    shutil.copyfile(DATA_DIR / DATASETS[name].path, path)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def _uncached(name, path, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv(cache.CACHE_SWITCH_ENV, "off")
        return analysis.load(name, path)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_a_hit_returns_the_parsed_frame_exactly(name, folder, tmp_path, monkeypatch):
    path = _copy(name, tmp_path)
    first = analysis.load(name, path)
    second = analysis.load(name, path)
    assert dict(cache.STATS) == {"hashed": 1, "miss": 1, "stored": 1, "remembered": 1, "hit": 1}
    expected = _uncached(name, path, monkeypatch)
    for frame in (first, second):
        pdt.assert_frame_equal(frame, expected, check_exact=True)
        assert frame.attrs == expected.attrs


def test_an_edited_file_is_parsed_again_even_with_its_old_date(folder, tmp_path, monkeypatch):
    path = _copy("loans", tmp_path)
    before = analysis.load("loans", path)
    stat = os.stat(path)
    text = path.read_text(encoding="utf-8")
    amount = str(before["amount_yuan"].iloc[0])
    edited = text.replace(f",{amount},", f",{int(amount) + 1:0{len(amount)}d},", 1)
    assert len(edited) == len(text) and edited != text  # same size, one byte apart
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as `cp -p` or rsync would
    after = analysis.load("loans", path)
    assert after["amount_yuan"].iloc[0] == before["amount_yuan"].iloc[0] + 1
    assert cache.STATS["hashed"] == 2 and cache.STATS["hit"] == 0
    pdt.assert_frame_equal(after, _uncached("loans", path, monkeypatch), check_exact=True)
    # one entry per source file: the old version's frame is gone
    assert len(list(folder.glob("loans-*.parquet"))) == 1


def test_invalid_files_raise_every_time_and_are_not_cached(folder, tmp_path):
    path = _copy("loans", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",", ",x", 1), encoding="utf-8")  # renames a column
    for _ in range(2):
        with pytest.raises(DataValidationError, match=str(path)):
            analysis.load("loans", path)
    assert not list(folder.glob("*.parquet"))


def test_a_damaged_entry_is_rebuilt(folder, tmp_path, monkeypatch):
    path = _copy("inspections", tmp_path)
    analysis.load("inspections", path)
    (entry,) = folder.glob("inspections-*.parquet")
    entry.write_bytes(b"not parquet")
    frame = analysis.load("inspections", path)
    pdt.assert_frame_equal(frame, _uncached("inspections", path, monkeypatch), check_exact=True)
    assert cache.STATS["miss"] == 2 and cache.STATS["stored"] == 2


def test_a_new_vocabulary_or_schema_is_a_new_key(folder, tmp_path):
    path = _copy("loans", tmp_path)
    dataset = DATASETS["loans"]
    domains = analysis.datasets.loaders.domains()
    key = cache._key("0" * 64, dataset, domains)
    changed = {**domains, "gender": [*domains["gender"], "其他(测试)"]}
    assert cache._key("0" * 64, dataset, changed) != key
    renamed = type(dataset)(**{**dataset.__dict__, "title": dataset.title + " (test)"})
    assert cache._key("0" * 64, renamed, domains) != key
    assert cache._key("1" * 64, dataset, domains) != key
    analysis.load("loans", path)
    assert cache.STATS["stored"] == 1


def test_a_freshly_written_file_is_hashed_every_time(folder, tmp_path):
    path = _copy("loans", tmp_path, age=0.0)  # inside the racy window
    analysis.load("loans", path)
    analysis.load("loans", path)
    assert cache.STATS["hashed"] == 2 and cache.STATS["remembered"] == 0
    assert cache.STATS["hit"] == 1  # still served: the digest, not the stat, is the key


def test_switched_off_or_small_files_write_nothing(folder, tmp_path, monkeypatch):
    path = _copy("loans", tmp_path)
    monkeypatch.setenv(cache.CACHE_SWITCH_ENV, "off")
    analysis.load("loans", path)
    monkeypatch.delenv(cache.CACHE_SWITCH_ENV)
    monkeypatch.setattr(cache, "MIN_BYTES", path.stat().st_size + 1)
    analysis.load("loans", path)
    assert not folder.exists() and not cache.STATS


def test_an_unwritable_cache_warns_and_still_loads(folder, tmp_path, monkeypatch):
    path = _copy("loans", tmp_path)
    folder.parent.mkdir(exist_ok=True)
    folder.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.warns(UserWarning, match="cache not written"):
        frame = analysis.load("loans", path)
    pdt.assert_frame_equal(frame, _uncached("loans", path, monkeypatch), check_exact=True)


def test_clear_empties_the_cache(folder, tmp_path):
    analysis.load("loans", _copy("loans", tmp_path))
    assert cache.clear() == 2  # the entry and the digest memo
    assert not list(folder.rglob("*.parquet")) and not list(folder.rglob("*.json"))
