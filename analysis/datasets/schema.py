"""Declarative description of every dataset: the one place columns are defined.

From these specs come the parsing rules used by the loaders, the pandera schemas that
validate them, and the data dictionary written into ``data/datapackage.json``. A column
is therefore described once; the loaders, validation and metadata cannot disagree.

Categorical columns name a *domain*: its allowed values and their order live in
``data/reference/vocabulary.csv`` (with English labels), except the ``unit`` domain,
whose values are the ``unit_id`` column of ``data/reference/units.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Kind = Literal["id", "str", "int", "float", "bool", "date", "category"]
#: What an imported ledger without the column is read as (see :attr:`Field.when_absent`).
Absent = Literal["refuse", "not_recorded", "empty", "row", "derived"]
#: The value a categorical (or label) column takes where the ledger does not record it.
NOT_RECORDED = "未记录"

#: Where the seed article sits; cited by every published and calibrated dataset.
SOURCE_TITLE = (
    "Shangjie District newspaper page, late September 2020 (masthead not in the source text)"
)
#: The seed text as handed to the project, and its checksum.
SOURCE_FILE = "shared/seeds/000_74aca58e8a622d88.txt"
SOURCE_SHA256 = "587314de383b9dd637bd1b7d9b25ed613892ef3aea419ada3aa0eabf8675461b"
SOURCE_NOTE = (
    "District newspaper page; the publication date is not printed. The latest date on the "
    "page is 9月23日 and the salary item names 2020, so figures are dated as of 2020-09-23."
)
#: The date every synthetic record is on or before: the as-of date of the page's figures.
DATA_AS_OF = "2020-09-23"


@dataclass(frozen=True)
class Field:
    """One column: its type, meaning and constraints.

    ``required=False`` means the column may be empty. ``domain`` names the vocabulary
    domain of a categorical column. ``references`` is ``"dataset.column"`` for a foreign key.

    ``open_domain=True`` marks a *descriptive* category (a sector, a borrower group): a value
    the vocabulary does not know is kept in its own wording, after the vocabulary's values,
    instead of failing validation. Status-like codes (repayment status, check result,
    outcome) stay closed: an unknown code there is an error.

    ``absent`` says what a ledger without this column is read as; left None it follows
    from the field (see :attr:`when_absent`). ``derive_from`` names the column a
    ``derived`` value comes from.
    """

    name: str
    kind: Kind
    description: str
    required: bool = True
    unique: bool = False
    domain: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None
    open_domain: bool = False
    absent: Absent | None = None
    derive_from: str | None = None

    @property
    def when_absent(self) -> Absent:
        """What an imported ledger lacking this column is read as.

        ``refuse`` (the dataset cannot exist without it: the import stops), ``not_recorded``
        (every row gets 未记录), ``empty`` (left empty), ``row`` (an id made from the
        ledger's row number) or ``derived`` (computed from ``derive_from``). By default a
        categorical column is not recorded, an optional one empty, any other refused.
        """
        if self.absent is not None:
            return self.absent
        if self.kind == "category":
            return "not_recorded"
        return "refuse" if self.required else "empty"


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row, e.g. closed on or after opened.

    ``expression`` is evaluated by :meth:`pandas.DataFrame.eval`; rows where it is
    False fail, rows where any of ``columns`` is missing are not judged.
    """

    name: str
    columns: tuple[str, ...]
    expression: str
    message: str


@dataclass(frozen=True)
class Dataset:
    """A dataset file and its dictionary."""

    name: str
    path: str  # relative to DATA_DIR
    title: str
    description: str
    layer: Literal["reference", "published", "synthetic"]
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rules: tuple[RowRule, ...] = ()
    sources: tuple[dict[str, str], ...] = field(default_factory=tuple)
    licence: str = "CC-BY-4.0"

    @property
    def synthetic(self) -> bool:
        """True when the records are generated, not observed."""
        return self.layer == "synthetic"

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises
        ------
        KeyError
            If the dataset has no such column.
        """
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")


#: Default seed of the synthetic layer: the as-of date of the page's figures.
SEED: int = 20200923
#: Version of :mod:`analysis.synth`; bump when the generated records change for a given seed.
GENERATOR_VERSION: str = "1.3.0"

SEED_SOURCE = {
    "title": SOURCE_TITLE,
    "path": SOURCE_FILE,
    "sha256": SOURCE_SHA256,
    "note": SOURCE_NOTE,
}
SYNTHETIC_SOURCE = {
    "title": "Synthetic records from analysis.synth (seeded), calibrated to the published figures",
    "note": "Not real records. Every published figure is reproduced; all else is invented.",
}
F = Field  # short alias keeps the tables below readable


def _id(name: str, description: str, **kw: object) -> Field:
    return Field(name, "id", description, unique=True, **kw)  # type: ignore[arg-type]


UNIT = F(
    "unit_id",
    "category",
    "Administrative unit (街道/镇) id; see units",
    domain="unit",
    absent="refuse",
)
#: A unit a ledger may leave out when it names the community: looked up in the communities.
UNIT_OF_COMMUNITY = replace(UNIT, absent="derived", derive_from="community_id")
#: The community of a record: the reference list's id, or a ledger's own name for it.
COMMUNITY_FK = F(
    "community_id",
    "id",
    "Community (its id in communities, or the name a ledger gives it)",
    references="communities.community_id",
    absent="not_recorded",
)
COMPOUND_FK = F(
    "compound_id", "id", "Compound the record belongs to", references="compounds.compound_id"
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "units",
            "reference/units.csv",
            "Administrative units of Shangjie District",
            "The district and its 5 subdistricts (街道) and 1 town (镇), with English names.",
            "reference",
            (
                _id("unit_id", "Short id used in every other dataset"),
                F("name_zh", "str", "Official Chinese name"),
                F("name_en", "str", "English name"),
                F("kind", "category", "Level of the unit", domain="unit_kind"),
                F("parent_id", "id", "Unit this one belongs to", required=False),
                F("sort_order", "int", "Display order", minimum=0),
            ),
            ("unit_id",),
            sources=(
                {
                    "title": "Wikipedia (zh): 上街区, section 行政区划",
                    "note": "上街区下辖5个街道办事处、1个镇. Real names, not from the seed page.",
                },
            ),
            licence="CC-BY-SA-4.0",
        ),
        Dataset(
            "vocabulary",
            "reference/vocabulary.csv",
            "Vocabulary of categories",
            "Every Chinese category used in the data, by domain, with its English label and order.",
            "reference",
            (
                F("domain", "str", "Name of the set of categories (a column's domain)"),
                F("value_zh", "str", "The category as written in the data"),
                F("label_en", "str", "English label for the English edition of reports"),
                F("sort_order", "int", "Order within the domain (categoricals are ordered)"),
            ),
            ("domain", "value_zh"),
            sources=(
                {
                    "title": "This project's vocabulary",
                    "note": "Chinese terms as the page and 台账 use them; English labels are ours.",
                },
            ),
        ),
        Dataset(
            "ledger_aliases",
            "reference/ledger_aliases.csv",
            "Ledger header and value aliases",
            "How the ledger importer (analysis.ledger) reads real 台账: each row maps a header "
            "or a cell value as ledgers write it to a canonical column or value. Users extend it.",
            "reference",
            (
                F("kind", "str", "Dataset the alias applies to, or * for every dataset"),
                F("target", "str", "header: the alias is a column header; value: a cell value"),
                F("column", "str", "Canonical column the alias belongs to"),
                F("alias", "str", "The header or value as ledgers write it"),
                F("value", "str", "For target=value: the canonical value meant", required=False),
                F("note", "str", "Why the alias is there", required=False),
            ),
            ("kind", "target", "column", "alias"),
            sources=(
                {
                    "title": "This project's ledger alias table",
                    "note": "Header and value variants in 台账; extend it for your ledgers.",
                },
            ),
        ),
        Dataset(
            "published_figures",
            "published/figures.csv",
            "Figures published on the seed page",
            "Every quantitative figure and dated event on the district newspaper page, with the "
            "verbatim Chinese quote it comes from. Real, cited data.",
            "published",
            (
                _id("figure_id", "Stable id of the figure"),
                F("topic", "category", "Topic of the article", domain="topic"),
                F("unit_id", "category", "Unit the figure is about", required=False, domain="unit"),
                F("subject_zh", "str", "Body or place the figure is about, as named on the page"),
                F("metric", "str", "Machine name of what is counted"),
                F("description_en", "str", "What the figure measures, in English"),
                F("value", "float", "The published number (empty for dated events)", False),
                F("unit_of_measure", "str", "Unit of the value (个, 元, 户, 日期 …)"),
                F(
                    "qualifier",
                    "category",
                    "确数 exact; 余 at least; 近 nearly; 约 about",
                    domain="qualifier",
                ),
                F("event_date", "date", "Date of a dated event (year inferred)", required=False),
                F("as_of_date", "date", "Date the figure stands as of (inferred, see sources)"),
                F("quote_zh", "str", "Verbatim quote from the page"),
                F("article_title", "str", "Title of the article quoted"),
                F("byline", "str", "Byline of the article", required=False),
            ),
            ("figure_id",),
            sources=(SEED_SOURCE,),
            licence="Quotes cited for research; figures are facts of public record",
        ),
        Dataset(
            "communities",
            "synthetic/communities.csv",
            "Communities (社区) — synthetic names",
            "36 communities across the six units, matching the published count. The names are "
            "invented (虚构社区NN); real community names are not on the seed page.",
            "synthetic",
            (
                _id("community_id", "Community id", absent="derived", derive_from="name_zh"),
                UNIT,
                F(
                    "name_zh",
                    "str",
                    "Chinese name (invented and visibly fictional in the synthetic data)",
                    absent="derived",
                    derive_from="community_id",
                ),
                F("name_en", "str", "English name (invented in the synthetic data)", False),
            ),
            ("community_id",),
        ),
        Dataset(
            "compounds",
            "synthetic/compounds.csv",
            "Unmanaged residential compounds (无主管楼院) — synthetic",
            "One row per unmanaged compound with its governance bodies. 劳动局家属院 is named on "
            "the page; every other name is invented.",
            "synthetic",
            (
                _id("compound_id", "Compound id", absent="derived", derive_from="name_zh"),
                F(
                    "name_zh",
                    "str",
                    "Compound name (invented unless named_in_source)",
                    absent="derived",
                    derive_from="compound_id",
                ),
                F(
                    "named_in_source",
                    "bool",
                    "True if the compound is named on the seed page",
                    absent="derived",
                    derive_from="name_zh",
                ),
                UNIT_OF_COMMUNITY,
                COMMUNITY_FK,
                F("built_year", "int", "Year built", False, minimum=1950, maximum=2020),
                F("households", "int", "Households living in the compound", False, minimum=1),
                F("party_org_id", "id", "Temporary party organisation covering it", False),
                F(
                    "party_org_mode",
                    "category",
                    "Built alone or jointly",
                    False,
                    False,
                    "party_org_mode",
                ),
                F(
                    "resident_body",
                    "category",
                    "Resident self-governance body",
                    False,
                    False,
                    "resident_body",
                    open_domain=True,
                ),
                F(
                    "volunteer_groups",
                    "int",
                    "Volunteer teams and mass organisations",
                    False,
                    minimum=0,
                ),
                F(
                    "partner_unit",
                    "str",
                    "Government body paired with the compound (联建单位)",
                    absent="not_recorded",
                ),
                F(
                    "property_pilot",
                    "bool",
                    "Pilot for bringing in a property-management company",
                    False,
                ),
            ),
            ("compound_id",),
        ),
        Dataset(
            "renovation_tasks",
            "synthetic/renovation_tasks.csv",
            "Renovation task checklist (清单销号) — synthetic",
            "One row per renovation task: what it is, who asked for it, when it was opened, "
            "when it was planned to close and when it was closed (empty while open).",
            "synthetic",
            (
                _id("task_id", "Task id", absent="row"),
                COMPOUND_FK,
                F(
                    "category",
                    "category",
                    "Kind of work",
                    domain="task_category",
                    open_domain=True,
                ),
                F(
                    "raised_by",
                    "category",
                    "Who raised the task",
                    domain="raised_by",
                    open_domain=True,
                ),
                F("opened_on", "date", "Date the task was put on the checklist"),
                F("planned_on", "date", "Date it was planned to be closed", False),
                F("closed_on", "date", "Date it was closed (销号); empty while open", False),
            ),
            ("task_id",),
            rules=(
                RowRule(
                    "planned_after_opened",
                    ("opened_on", "planned_on"),
                    "planned_on >= opened_on",
                    "planned_on is before opened_on",
                ),
                RowRule(
                    "closed_after_opened",
                    ("opened_on", "closed_on"),
                    "closed_on >= opened_on",
                    "closed_on is before opened_on",
                ),
            ),
        ),
        Dataset(
            "consultations",
            "synthetic/consultations.csv",
            "Resident consultations and activities — synthetic",
            "One row per consultation, survey batch or themed activity held for a compound.",
            "synthetic",
            (
                _id("consultation_id", "Consultation id", absent="row"),
                COMPOUND_FK,
                F("held_on", "date", "Date held"),
                F(
                    "format",
                    "category",
                    "Format",
                    domain="consultation_format",
                    open_domain=True,
                ),
                F("participants", "int", "Residents taking part", False, minimum=0),
                F("households", "int", "Households answering (surveys only)", False, minimum=0),
                F("cadre_participants", "int", "Party-member cadres taking part", False, minimum=0),
                F("suggestions", "int", "Suggestions collected", False, minimum=0),
                F("adopted", "int", "Suggestions adopted", False, minimum=0),
                F("resolved", "int", "Problems resolved", False, minimum=0),
            ),
            ("consultation_id",),
            rules=(
                RowRule(
                    "adopted_le_suggestions",
                    ("adopted", "suggestions"),
                    "adopted <= suggestions",
                    "more adopted than suggestions",
                ),
                RowRule(
                    "resolved_le_adopted",
                    ("resolved", "adopted"),
                    "resolved <= adopted",
                    "more resolved than adopted",
                ),
            ),
        ),
        Dataset(
            "evaluations",
            "synthetic/evaluations.csv",
            "Bimonthly peer evaluation scores (观摩评比) — synthetic",
            "One row per compound and bimonthly round: the mean score the other compounds gave.",
            "synthetic",
            (
                F("round_no", "int", "Round number, 1 = first bimonthly meeting", minimum=1),
                F("held_on", "date", "Date of the on-site evaluation meeting"),
                COMPOUND_FK,
                F("score", "float", "Mean peer score, 0–100", minimum=0, maximum=100),
                F("raters", "int", "Compounds that scored it", minimum=1),
            ),
            ("round_no", "compound_id"),
        ),
        Dataset(
            "loans",
            "synthetic/loans.csv",
            "Entrepreneurship guarantee loans (创业担保贷款) — synthetic",
            "One row per loan. No borrower names or ID numbers exist in this dataset.",
            "synthetic",
            (
                _id("loan_id", "Loan id", absent="row"),
                F("issued_on", "date", "Date the loan was issued"),
                UNIT_OF_COMMUNITY,
                replace(COMMUNITY_FK, description="Borrower's community (id, or a ledger's name)"),
                F("amount_yuan", "int", "Amount in yuan", minimum=1),
                F("term_months", "int", "Term in months", False, minimum=1, maximum=36),
                F(
                    "borrower_category",
                    "category",
                    "Borrower group (policy-eligible group of the loan notices)",
                    domain="borrower_category",
                    open_domain=True,
                ),
                F(
                    "sector",
                    "category",
                    "Business sector",
                    domain="sector",
                    open_domain=True,
                ),
                F("gender", "category", "Borrower gender", domain="gender"),
                F(
                    "jobs_created",
                    "int",
                    "Jobs created, including the borrower's own",
                    False,
                    minimum=0,
                ),
                F("status", "category", "Repayment status at the as-of date", domain="loan_status"),
            ),
            ("loan_id",),
        ),
        Dataset(
            "inspections",
            "synthetic/inspections.csv",
            "Public-health inspections of premises — synthetic",
            "One row per inspection visit of a 六小 business or institutional canteen, with each "
            "check item's result, the outcome and the rectification that followed.",
            "synthetic",
            (
                _id("inspection_id", "Inspection id", absent="row"),
                F("premises_id", "id", "Premises id (no business names are kept)"),
                F(
                    "premises_type",
                    "category",
                    "Type of premises",
                    domain="premises_type",
                    open_domain=True,
                ),
                UNIT,
                F("agency", "category", "Inspecting agency", domain="agency", open_domain=True),
                F(
                    "campaign",
                    "category",
                    "Campaign the visit belongs to",
                    domain="campaign",
                    open_domain=True,
                ),
                F("inspected_on", "date", "Date of the visit"),
                F("visit_kind", "category", "First visit or re-inspection", domain="visit_kind"),
                F("previous_inspection_id", "id", "Visit this re-inspection follows up", False),
                F("item_licence", "category", "资质: licences", domain="check_result"),
                F("item_rules", "category", "制度: rules posted and kept", domain="check_result"),
                F("item_hygiene", "category", "场所卫生: premises hygiene", domain="check_result"),
                F(
                    "item_health_cert",
                    "category",
                    "健康证: staff health certificates",
                    domain="check_result",
                ),
                F(
                    "item_scan_temp",
                    "category",
                    "扫码及测体温: code scan and temperature",
                    domain="check_result",
                ),
                F("outcome", "category", "Outcome of the visit", domain="outcome"),
                F(
                    "suggestions",
                    "int",
                    "Suggestions made to the premises or its unit",
                    False,
                    minimum=0,
                ),
                F("rectify_by", "date", "Rectification deadline (when ordered)", False),
                F(
                    "rectified_on",
                    "date",
                    "Date rectification was confirmed; empty while open",
                    False,
                ),
            ),
            ("inspection_id",),
            rules=(
                RowRule(
                    "deadline_after_visit",
                    ("inspected_on", "rectify_by"),
                    "rectify_by >= inspected_on",
                    "rectify_by is before inspected_on",
                ),
                RowRule(
                    "rectified_after_visit",
                    ("inspected_on", "rectified_on"),
                    "rectified_on >= inspected_on",
                    "rectified_on is before inspected_on",
                ),
            ),
        ),
    )
}

#: The record-level datasets (synthetic here; a researcher's ledgers in their place), in a
#: fixed order. The generator spawns one random stream per entry by position, so append only.
RECORD_DATASETS: tuple[str, ...] = (
    "communities",
    "compounds",
    "renovation_tasks",
    "consultations",
    "evaluations",
    "loans",
    "inspections",
)

#: Item columns of an inspection, in the order of the published article.
CHECK_ITEMS: tuple[str, ...] = (
    "item_licence",
    "item_rules",
    "item_hygiene",
    "item_health_cert",
    "item_scan_temp",
)


def get_dataset(name: str) -> Dataset:
    """Return the spec of dataset ``name``.

    Raises
    ------
    KeyError
        If no dataset has that name; the message lists the names there are.
    """
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}") from None
