"""Findings of notebook 01's first table: the page's renovation figures against the records."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.caveats import origin_caveats
from analysis.presentation.findings import Findings, count, findings, listing, pick
from analysis.presentation.wording import is_zh


def _figure(row: pd.Series, lang: str | None) -> str:
    """A published figure as the page wrote it (``200余次``) or, in English, its metric."""
    if not is_zh(lang):
        return str(row["metric"]).replace("_", " ")
    qualifier = str(row.get("qualifier", ""))
    value, unit = str(row["published"]), str(row.get("unit_of_measure", ""))
    if qualifier in ("约", "至少", "近"):
        return f"{qualifier}{value}{unit}"
    return f"{value}{'' if qualifier in ('确数', '', 'nan') else qualifier}{unit}"


def reconciliation(reconciled: pd.DataFrame, lang: str | None = None) -> Findings:
    """How the page's renovation figures compare with the records (the table above it).

    Parameters
    ----------
    reconciled
        The rows of :func:`analysis.reconcile` shown (the renovation topic).

    Raises
    ------
    KeyError
        If ``reconciled`` lacks ``status``, ``published`` or ``computed``.
    """
    status = reconciled["status"].astype(str)
    computable = ~status.str.startswith("not computable")
    matched = status.str.startswith("match")
    built = status.str.contains("construction")
    n, n_comp, n_match = len(reconciled), int(computable.sum()), int(matched.sum())
    values: dict[str, object] = {"figures": n, "computable": n_comp, "matched": n_match}
    if n == 0:
        text = pick(lang, "没有可以核对的版面数字。", "There are no page figures to check.")
        return findings([text], [], lang, **values)
    if n_match == n_comp:
        head = pick(
            lang,
            "{n} 个可由记录算出的数字全部相符",
            "All {n} figures computable from the records match",
            n=count(n_comp),
        )
    else:
        bad = reconciled[computable & ~matched]
        values["mismatched"] = len(bad)
        head = pick(
            lang,
            "{n} 个可由记录算出的数字中 {ok} 个相符，{bad} 个不符（{which}）",
            "Of {n} figures computable from the records {ok} match and {bad} do not ({which})",
            n=count(n_comp),
            ok=count(n_match),
            bad=count(len(bad)),
            which=listing([_figure(r, lang) for _, r in bad.iterrows()], lang),
        )
    approx = reconciled[matched & reconciled["rule"].astype(str).str.contains("≤")]
    readings = [
        pick(
            lang,
            "“{fig}”读作 {rule}，记录中为 {computed}",
            "“{fig}” read as {rule}, {computed} in the records",
            fig=_figure(r, lang),
            rule=r["rule"],
            computed=r["computed"],
        )
        for _, r in approx.head(3).iterrows()
    ]
    values["readings"] = [f"{r['rule']} {r['computed']}" for _, r in approx.head(3).iterrows()]
    sep = pick(lang, "；", "; ")
    tail = pick(lang, "（{r}）。", " ({r}).", r=sep.join(readings)) if readings else ""
    sentences = [head + (tail or pick(lang, "。", "."))]
    missing = reconciled[~computable]
    if len(missing):
        values["not_computable"] = len(missing)
        values["missing_figures"] = [_figure(r, lang) for _, r in missing.iterrows()]
        sentences.append(
            pick(
                lang,
                "另外 {n} 个（{which}）没有对应的记录。",
                "The other {n} ({which}) have no records to compute them from.",
                n=count(len(missing)),
                which=listing([_figure(r, lang) for _, r in missing.iterrows()], lang),
            )
        )
    caveats = []
    if built.any():
        values["by_construction"] = int(built.sum())
    caveats += origin_caveats(
        ["compounds", "renovation_tasks", "consultations", "evaluations"],
        lang,
        synthetic=(
            "相符是设计出来的：生成器按这些数字校准。它只说明合成记录与版面一致，不能证明版面数字。",
            "The match is by construction: the generator is calibrated to these figures. It "
            "shows only that the synthetic records agree with the page, not that the page "
            "is right.",
        ),
        imported=(
            "导入的台账与版面相符，说明两者口径一致；不符的行值得向台账的经办人核实。",
            "Where an imported ledger agrees with the page the two count alike; a mismatch "
            "is worth checking with whoever keeps the ledger.",
        ),
    )
    return findings(sentences, caveats, lang, **values)
