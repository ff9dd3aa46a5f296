"""Parquet cache of validated frames, keyed by the content hash of the file they came from.

Parsing and validating a city-wide ledger of millions of rows takes seconds; reading the
validated frame back from Parquet takes what pyarrow takes. So :func:`cached` keeps, for
every file of at least :data:`MIN_BYTES`, the validated frame under a key made of

- the sha256 of the file's bytes (the file, not its name or date, decides),
- the dataset's column specification and the allowed values of its categorical columns,
- the source of the modules that parse and validate (a fix to a parser is a new key),
- :data:`CACHE_VERSION` and the pandas and pyarrow versions (the Parquet round trip).

Hashing costs about 0.6 s per GB, which alone would be more than reading the frame back. So,
as DVC and git do, the digest of each file is remembered beside its ``stat`` (device,
inode, size, modification and change times in nanoseconds) and reused while those are
unchanged; a file whose modification time is under :data:`RACY_SECONDS` old is not
remembered (a same-size rewrite within the clock's tick would keep its ``stat``). Any
other change to the file is a new digest and therefore a new entry: an edited ledger is
never served from a stale frame. A file that fails validation raises as usual and is not
cached; a file changed while it was being read is not cached either.

The cache lives in ``.cache/validated/`` under the project (``SHANGJIE_CACHE_DIR`` moves
it; ``SHANGJIE_CACHE=off`` turns it off). An entry that cannot be read is rebuilt; a
cache that cannot be written is skipped with a warning. ``python -m analysis clear-cache``
or ``make clean`` empties it. Small files — the shipped district data — are parsed every
time: that takes milliseconds and writes nothing into the project.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import CACHE_DIR, CACHE_DIR_ENV, CACHE_SWITCH_ENV
from analysis.datasets.schema import Dataset

#: Bump when the entry format changes; every older entry is then ignored.
CACHE_VERSION = 1
#: Files smaller than this are parsed every time (a 1 MiB CSV parses in about 20 ms).
MIN_BYTES = 1024 * 1024
#: A digest is remembered only for a file last modified at least this long ago.
RACY_SECONDS = 2.0
#: Modules whose source decides what a validated frame looks like.
_CODE = ("schema.py", "validation.py", "fastpath.py", "cache.py")
#: What happened, per process: hit, miss, stored, hashed (digest computed), remembered.
STATS: Counter[str] = Counter()


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    if os.environ.get(CACHE_SWITCH_ENV, "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    folder = os.environ.get(CACHE_DIR_ENV)
    return Path(folder).expanduser() if folder else CACHE_DIR


def cached(
    path: Path, dataset: Dataset, domains: dict[str, list[str]], load: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """Return ``load()``'s validated frame of ``path``, from the cache when it holds it.

    Raises
    ------
    DataValidationError
        Whatever ``load`` raises (invalid files are never cached).
    """
    folder = cache_dir()
    try:
        before = os.stat(path)
    except OSError:
        return load()  # missing or unreadable: the loader reports it
    if folder is None or before.st_size < MIN_BYTES:
        return load()
    digest = file_digest(path, folder, before)
    entry = folder / f"{dataset.name}-{_key(digest, dataset, domains)}.parquet"
    frame = _read(entry)
    if frame is not None:
        STATS["hit"] += 1
        return frame
    STATS["miss"] += 1
    frame = load()
    if _stamp(os.stat(path)) == _stamp(before):  # not rewritten while we read it
        _write(frame, entry, path, folder)
    return frame


def file_digest(path: Path, folder: Path, stat: os.stat_result | None = None) -> str:
    """sha256 of ``path``'s bytes, reused from the stat memo in ``folder`` when still valid."""
    stat = os.stat(path) if stat is None else stat
    memo = _memo_path(folder, path)
    known = _read_json(memo)
    if known.get("stat") == _stamp(stat) and isinstance(known.get("sha256"), str):
        STATS["remembered"] += 1
        return known["sha256"]
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    STATS["hashed"] += 1
    if _settled(stat, folder):
        _write_json(memo, {**known, "path": str(path), "stat": _stamp(stat), "sha256": digest})
    return digest


def clear(folder: Path | None = None) -> int:
    """Delete every cache entry and digest memo; return how many files were removed."""
    folder = cache_dir() if folder is None else folder
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for file in [*folder.glob("*.parquet"), *folder.glob("digests/*.json")]:
        file.unlink(missing_ok=True)
        removed += 1
    return removed


def _stamp(stat: os.stat_result) -> list[int]:
    # ctime too: tools that restore mtime (cp -p, rsync -t) cannot restore ctime
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _settled(stat: os.stat_result, folder: Path) -> bool:
    """True if the file was last modified over RACY_SECONDS ago, by the file system's clock
    (which sets mtimes; this process's clock may differ, e.g. on a network share)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder) as probe:
            now = os.fstat(probe.fileno()).st_mtime
    except OSError:
        return False  # no memo without a writable folder
    return stat.st_mtime < now - RACY_SECONDS


def _key(digest: str, dataset: Dataset, domains: dict[str, list[str]]) -> str:
    cats = {f.name: domains.get(f.domain) for f in dataset.fields if f.kind == "category"}
    spec = json.dumps([CACHE_VERSION, digest, repr(dataset), cats, _code_digest()])
    return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:40]


@lru_cache(maxsize=1)
def _code_digest() -> str:
    import pyarrow

    here = Path(__file__).resolve().parent
    parts = [pd.__version__, pyarrow.__version__] + [(here / m).read_text("utf-8") for m in _CODE]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _read(entry: Path) -> pd.DataFrame | None:
    import pyarrow.parquet as pq

    if not entry.is_file():
        return None
    try:
        return pq.read_table(entry).to_pandas()
    except Exception:  # a truncated or foreign file: rebuild it rather than fail the load
        entry.unlink(missing_ok=True)
        return None


def _write(frame: pd.DataFrame, entry: Path, source: Path, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".parquet")
        os.close(fd)
        pq.write_table(table, tmp)
        os.replace(tmp, entry)  # atomic: a parallel reader sees the whole entry or none
    except OSError as error:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        message = f"validated-data cache not written ({error}); {CACHE_SWITCH_ENV}=off skips it"
        warnings.warn(message, stacklevel=3)
        return
    STATS["stored"] += 1
    # One entry per source file: the previous version's frame is dropped.
    memo = _memo_path(folder, source)
    known = _read_json(memo)
    old = known.get("entry")
    if isinstance(old, str) and old != entry.name:
        (folder / Path(old).name).unlink(missing_ok=True)
    _write_json(memo, {**known, "path": str(source), "entry": entry.name})


def _memo_path(folder: Path, path: Path) -> Path:
    name = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / "digests" / f"{name}.json"


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_json(path: Path, value: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # the memo only saves time; without it the file is hashed again
