"""Malnutrition / anorexia and reduced muscle-protein anabolism: rules (the review only names them).

Every threshold is written once here, beside its source (mechanisms.md §2.2 / §4.2). Left out because
`Measurements` does not record them: prealbumin (M01 supportive) — see the module docstring of
`screening.clinical.mechanisms`.

BMI rules read `bmi_rounded`, not the unrounded `bmi_kg_m2`: DECISIONS.md §1 compares derived values
after rounding half up to two decimals, and shows them as compared.
"""

from __future__ import annotations

from .kb_endocrine import IGF1_LOW, MEN, TESTOSTERONE_CONFIRMED_LOW
from .kb_inflammation import CRP_ACUTE, LYMPHOCYTES_LOW
from .rules import All, Any, Cmp, Eq, HasAny, IfRecorded, Range
from .schema import Mechanism, Rule

# MNA-SF (0–14): 12–14 normal, 8–11 at risk, 0–7 malnourished. Rubenstein 2001; mechanisms.md §2.2.
MNA_SF_MALNOURISHED = Cmp("mna_sf_score", "<=", 7, "")
MNA_SF_AT_RISK = Range("mna_sf_score", ">=", 8, "<=", 11, "")
# SNAQ (4–20) ≤ 14: significant risk of ≥ 5 % weight loss within six months. Wilson 2005 AJCN 82:1074.
SNAQ_LOW = Cmp("snaq_score", "<=", 14, "")
# GLIM (Cederholm 2019): weight loss > 5 % within 6 months or > 10 % beyond 6 months.
WEIGHT_LOSS_6MO = Cmp("weight_loss_pct_6mo", ">", 5, "%")
WEIGHT_LOSS_GT6MO = Cmp("weight_loss_pct_gt6mo", ">", 10, "%")
# GLIM low BMI: < 20 if age < 70, < 22 if ≥ 70; Asia < 18.5 / < 20. GLIM age split at 70 years.
UNDER_70 = Cmp("age_years", "<", 70, "y")
AGED_70 = Cmp("age_years", ">=", 70, "y")
LOW_BMI_OTHER = Any(
    All(UNDER_70, Cmp("bmi_rounded", "<", 20, "kg/m²")), All(AGED_70, Cmp("bmi_rounded", "<", 22, "kg/m²"))
)
LOW_BMI_ASIAN = Any(
    All(UNDER_70, Cmp("bmi_rounded", "<", 18.5, "kg/m²")), All(AGED_70, Cmp("bmi_rounded", "<", 20, "kg/m²"))
)
# GLIM reduced intake: ≤ 50 % of energy requirement for > 1 week.
REDUCED_INTAKE = All(Cmp("intake_pct_energy_req", "<=", 50, "%"), Cmp("intake_reduced_days", ">", 7, "days"))
# Albumin < 35 g/L: the CONUT band below 3.5 g/dL (Ignacio de Ulíbarri 2005). Clin Nutr 2007;26(1):84–90
# questions this "traditional cutoff" in older people with low ADL function; it is cited as that caution.
ALBUMIN_LOW = Cmp("albumin_g_l", "<", 35, "g/L")

ML = "malnutrition"

MALNUTRITION = Mechanism(
    ML,
    {"en": "Malnutrition and anorexia of ageing", "zh-hans": "营养不良（厌食）"},
    "2",
    ("R8",),
    "B",
    {
        "en": "Human observational evidence (hypoalbuminaemia was associated with sarcopenia in Japanese "
        "men; lower energy intake in the Hisayama study) and validated screening tools (MNA-SF, "
        "SNAQ, GLIM); the review names the cause without a mechanism.",
        "zh-hans": "有人群观察证据（日本男性中低白蛋白血症与肌少症相关；久山町研究中能量摄入较低）及经过验证的"
        "筛查工具（MNA-SF、SNAQ、GLIM）；综述仅提及此病因，未阐述机制。",
    },
    (
        "zheng2022",
        "kitamura2021",
        "rubenstein2001",
        "wilson2005",
        "cederholm2019",
        "hisayama2021",
        "clinnutr2007",
        "conut",
    ),
    (
        Rule(f"{ML}.mna_sf_malnourished", ML, "strong", MNA_SF_MALNOURISHED, "confirmed", "rubenstein2001"),
        Rule(f"{ML}.weight_loss_6mo", ML, "strong", WEIGHT_LOSS_6MO, "confirmed", "cederholm2019"),
        Rule(f"{ML}.weight_loss_gt6mo", ML, "strong", WEIGHT_LOSS_GT6MO, "confirmed", "cederholm2019"),
        Rule(
            f"{ML}.low_bmi",
            ML,
            "strong",
            LOW_BMI_OTHER,
            "confirmed",
            "cederholm2019",
            applies_if=Eq("population", "other"),
        ),
        Rule(
            f"{ML}.low_bmi_asian",
            ML,
            "strong",
            LOW_BMI_ASIAN,
            "confirmed",
            "cederholm2019",
            applies_if=Eq("population", "asian"),
        ),
        Rule(f"{ML}.reduced_intake", ML, "strong", REDUCED_INTAKE, "confirmed", "cederholm2019"),
        Rule(f"{ML}.mna_sf_at_risk", ML, "supportive", MNA_SF_AT_RISK, "confirmed", "rubenstein2001"),
        Rule(f"{ML}.snaq_low", ML, "supportive", SNAQ_LOW, "confirmed", "wilson2005"),
        Rule(f"{ML}.albumin_low", ML, "supportive", ALBUMIN_LOW, "confirmed", "conut"),
        Rule(f"{ML}.lymphocytes_low", ML, "supportive", LYMPHOCYTES_LOW, "confirmed", "conut"),
        Rule(
            f"{ML}.albumin_with_inflammation",
            ML,
            "context",
            All(ALBUMIN_LOW, CRP_ACUTE),
            "confirmed",
            "pearson2003",
            note={
                "en": "Low albumin alongside a very high hs-CRP may reflect inflammation rather than poor nutrition.",
                "zh-hans": "白蛋白偏低同时 hs-CRP 明显升高，可能反映炎症而非营养不良。",
            },
        ),
    ),
    related=("protein_anabolism", "hormonal", "inflammation"),
)

# Protein intake: ≥ 1.0–1.2 g/kg/day for healthy older adults, 1.2–1.5 with acute or chronic illness;
# eGFR < 30 not on dialysis is the exception (PROT-AGE, Bauer 2013; ESPEN, Deutz 2014; KDIGO 2012).
PROTEIN_LOW = Cmp("protein_intake_g_kg_day", "<", 1.0, "g/kg/day")
PROTEIN_LOW_IN_ILLNESS = Cmp("protein_intake_g_kg_day", "<", 1.2, "g/kg/day")
EGFR_PROTEIN_OK = Cmp("egfr_ml_min_1_73m2", ">=", 30, "mL/min/1.73 m²")
EGFR_PROTEIN_LIMIT = Cmp("egfr_ml_min_1_73m2", "<", 30, "mL/min/1.73 m²")
CATABOLIC_CONDITIONS = frozenset({"copd", "chronic_heart_failure", "active_cancer", "ckd", "diabetes"})

PA = "protein_anabolism"

PROTEIN_ANABOLISM = Mechanism(
    PA,
    {"en": "Reduced muscle-protein anabolism", "zh-hans": "肌肉蛋白质合成代谢减弱"},
    "2",
    ("R17",),
    "B",
    {
        "en": "The intake thresholds are consensus values (PROT-AGE, ESPEN), not trial-derived cut-offs; "
        "the review names the cause without a mechanism.",
        "zh-hans": "摄入量阈值为专家共识值（PROT-AGE、ESPEN），并非来自试验的界值；综述仅提及此病因，未阐述机制。",
    },
    ("zheng2022", "bauer2013", "deutz2014", "kdigo2012"),
    (
        Rule(
            f"{PA}.protein_low", PA, "strong", All(PROTEIN_LOW, IfRecorded(EGFR_PROTEIN_OK)), "confirmed", "bauer2013"
        ),
        Rule(
            f"{PA}.protein_low_with_illness",
            PA,
            "supportive",
            All(PROTEIN_LOW_IN_ILLNESS, HasAny("conditions", CATABOLIC_CONDITIONS), EGFR_PROTEIN_OK),
            "confirmed",
            "bauer2013",
        ),
        Rule(
            f"{PA}.low_testosterone_confirmed",
            PA,
            "supportive",
            TESTOSTERONE_CONFIRMED_LOW,
            "confirmed",
            "mulhall2018",
            applies_if=MEN,
        ),
        Rule(f"{PA}.igf1_low", PA, "supportive", IGF1_LOW, "unconfirmed", "pmc6616535"),
        Rule(
            f"{PA}.renal_limit",
            PA,
            "context",
            All(EGFR_PROTEIN_LIMIT, Eq("dialysis", False)),
            "confirmed",
            "bauer2013",
            note={
                "en": "Kidney function is low and the patient is not on dialysis: any protein target "
                "needs renal or specialist input.",
                "zh-hans": "肾功能较差且未透析：蛋白质摄入目标需听取肾科或专科意见。",
            },
        ),
    ),
    related=("malnutrition", "hypogonadism", "hormonal"),
)
