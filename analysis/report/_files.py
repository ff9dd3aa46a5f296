"""A page's download files in the site: where they go, and how they replace the old ones.

Each page's downloads (:func:`analysis.report._downloads.extract`) go into a folder named
after it, beside it: ``01-x.html`` → ``01-x_files/``, ``units/zhongxinlu.html`` →
``units/zhongxinlu_files/``. The code-shown twin of a topic page shows the same outputs, so
it links to its twin's files (``code/01-x.html`` → ``../01-x_files/``) instead of holding a
second copy, as long as the files are the same bytes.

A build writes pages and files into a staging folder; :func:`move_into_place` then replaces
each rebuilt page's folder as a whole (the old one moved aside, the new one renamed in,
the old one deleted), so no stale file of an earlier build stays beside a new page.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from analysis.report._downloads import extract
from analysis.report.provenance import DOWNLOADS_MARK, downloads_html


def folder_of(rel: str) -> str:
    """The download folder of the page at ``rel`` (relative to the site), e.g. ``01-x_files``."""
    return rel.removesuffix(".html") + "_files"


def place_downloads(
    page: str, rel: str, lang: str, done: dict[str, str | bytes], twin: str | None = None
) -> tuple[str, dict[str, bytes]]:
    """Move the downloads of the page at ``rel`` into files, and list them in its footer.

    Parameters
    ----------
    page
        The rendered page.
    rel
        Its path in the site.
    lang
        Its edition (the footer's words).
    done
        What this job produced so far (site path → text or bytes): the twin's files.
    twin
        The site path of a page whose files this one may share (same outputs).

    Returns
    -------
    str, dict
        The page, and its files by site path (empty when it shares its twin's).
    """
    here = posixpath.dirname(rel)
    candidates = []
    if twin is not None:
        candidates.append(posixpath.relpath(folder_of(twin), here or "."))
    candidates.append(posixpath.basename(folder_of(rel)))
    for folder in candidates:
        new, downloads = extract(page, folder)
        files = {posixpath.normpath(posixpath.join(here, d.href)): d.data for d in downloads}
        shared = folder != candidates[-1]
        if shared and any(done.get(path) != data for path, data in files.items()):
            continue  # the twin's files differ: this page gets its own
        listed = downloads_html([(d.href, d.kind, d.name) for d in downloads], lang)
        return new.replace(DOWNLOADS_MARK, listed, 1), ({} if shared else files)
    raise AssertionError("unreachable: the page's own folder is always a candidate")


def move_into_place(staging: Path, out_dir: Path, pages: list[str]) -> None:
    """Move the staged ``pages`` (site paths) and their download folders into ``out_dir``.

    A rebuilt page's old folder is removed even when the new page has none (its charts
    are gone, or it now shares its twin's files).
    """
    trash = staging / ".replaced"
    trash.mkdir(exist_ok=True)
    for n, rel in enumerate(sorted(pages)):
        folder = folder_of(rel)
        new, old = staging / folder, out_dir / folder
        if old.exists():
            os.replace(old, trash / str(n))  # aside first: the new folder takes its name
        if new.is_dir():
            old.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, old)
    for rel in sorted(pages):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    shutil.rmtree(trash, ignore_errors=True)
