"""The disclosure audit on a real built site (slow: builds the site unless one is given).

The site audited is ``$SHANGJIE_AUDIT_SITE`` if set, else the session's fresh build of the
committed notebooks (``built_reports`` in conftest, shared with the browser test).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

import analysis
from analysis.config import REFERENCE_DIR
from analysis.report.audit import audit_site

pytestmark = pytest.mark.slow

LOANS_PAGE = "02-loan-distribution.html"


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """``$SHANGJIE_AUDIT_SITE`` if set, else the site built fresh for this test session
    (the browser test's build, shared): never a ``reports/`` left by an earlier build."""
    given = os.environ.get("SHANGJIE_AUDIT_SITE")
    if given:
        return Path(given)
    return request.getfixturevalue("built_reports")


def test_audit_reads_the_whole_site_in_seconds(site, record_property):
    start = time.perf_counter()
    result = audit_site(site, REFERENCE_DIR)
    seconds = time.perf_counter() - start
    record_property("recoverable_cells", result.recoverable)
    print(f"\naudit of {site}: recoverable cells: {result.recoverable} in {seconds:.1f} s")
    for finding in result.findings:
        print(finding.line())
    assert not [p for p in result.problems if p.startswith("unreadable")]
    assert result.hidden > 0, "the loans page hides small cells: the audit must see them"
    assert result.tables > 50 and result.files >= 20  # topic and unit pages, both editions
    assert seconds < 30


def test_shipped_site_leaks_nothing(site):
    """Issue 16: one pattern for the loans dataset over every page (8 cells were
    recoverable with table-by-table protection)."""
    result = audit_site(site, REFERENCE_DIR)
    assert result.recoverable == 0, "\n".join(f.line() for f in result.findings)


def test_copy_with_one_protected_cell_replaced_by_its_count_fails(site, tmp_path):
    """Reveal the first hidden community count of the Chinese loans page (its true count
    from the data): the audit exits non-zero and names that cell as shown openly."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / LOANS_PAGE
    html = page.read_text(encoding="utf-8")
    # the community table: unit, community name, then the loans count (class num)
    pattern = re.compile(
        r'(<td>[^<]*</td>\s*<td>([^<]*虚构社区\d\d)</td>\s*<td class="num">)x(</td>)'
    )
    match = pattern.search(html)
    assert match, "the loans page should hide at least one community count"
    name = match.group(2)
    communities = analysis.load_communities()
    community = str(communities.loc[communities["name_zh"] == name, "community_id"].iloc[0])
    count = int((analysis.load_loans()["community_id"].astype(str) == community).sum())
    assert count >= 1  # zeros are shown: a hidden cell holds at least one loan
    page.write_text(
        html[: match.start()] + match.group(1) + str(count) + match.group(3) + html[match.end() :],
        encoding="utf-8",
    )
    before = audit_site(site, REFERENCE_DIR)
    after = audit_site(copy, REFERENCE_DIR)
    assert after.recoverable > before.recoverable
    revealed = [f for f in after.findings if name in f.where.row]
    assert revealed and f"shown openly as '{count}'" in revealed[0].reason
