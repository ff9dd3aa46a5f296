"""The bilingual text catalogue: every text exists in both editions, in one shape."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import analysis
from analysis.config import LANGS
from analysis.presentation.text import Catalogue

ANALYSIS_DIR = Path(analysis.__file__).parent


def _import_everything() -> None:
    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if module.name != "analysis.__main__":
            importlib.import_module(module.name)


def test_every_catalogue_has_both_languages_for_every_key():
    _import_everything()
    assert len(Catalogue.registry) >= 10
    for name, catalogue in Catalogue.registry.items():
        for key in catalogue:
            for lang in LANGS:
                assert catalogue.text(key, lang).strip(), f"{name}[{key!r}] is empty in {lang}"


def test_no_word_table_outside_the_catalogue_shape():
    # The old shape {"zh": {...}, "en": {...}} let one language miss a key (the English
    # footer lacked "imported"); no module may define a table of that shape again.
    offenders = []
    for path in sorted(ANALYSIS_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                literal = all(isinstance(v, ast.Constant | ast.Dict) for v in node.values)
                if set(LANGS) <= keys and literal:  # a table typed in, not data by language
                    offenders.append(f"{path.relative_to(ANALYSIS_DIR)}:{node.lineno}")
    assert not offenders, f"language-keyed tables (use a Catalogue): {offenders}"


def test_a_one_language_entry_is_refused():
    with pytest.raises(ValueError, match="pairs of non-empty strings"):
        Catalogue("tests.bad", {"title": ("标题", "")})
    with pytest.raises(ValueError, match="pairs of non-empty strings"):
        Catalogue("tests.bad", {"title": ("标题",)})  # type: ignore[dict-item]


def test_lookup_follows_the_edition_and_names_a_missing_key():
    words = Catalogue("tests.words", {"total": ("合计", "total")})
    assert words.text("total", "zh") == "合计" and words("total", "en") == "total"
    assert words.edition("en") == {"total": "total"}
    with pytest.raises(KeyError, match="tests.words.*'none'"):
        words.text("none", "en")
    with pytest.raises(ValueError, match="unknown language"):
        words.text("total", "fr")


def test_the_english_footer_names_imported_ledgers():
    from analysis.report import provenance

    layers = provenance.LAYER_WORDS.edition("en")
    assert layers["imported"] and layers["synthetic"]
