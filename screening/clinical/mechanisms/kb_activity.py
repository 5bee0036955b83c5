"""Physical inactivity, mitochondria, and the two background mechanisms (neuromuscular junction, gut).

Every threshold is written once here or in the module it is imported from, beside its source
(mechanisms.md §2.2 / §4.2). The IPAQ rule (M06 supportive) is left out: IPAQ is not recorded, and it
is validated only to age 69. The mitochondrial "possible contributor" rule of mechanisms.md §4.2 is
split into one context rule per driver, each citing its own threshold source.
"""

from __future__ import annotations

from .kb_endocrine import HBA1C_DIABETES, VITAMIN_D_DEFICIENT
from .rules import Cmp, Eq
from .schema import Mechanism, Rule

# WHO 2020, age ≥ 65: 150–300 min/week moderate activity; muscle strengthening on ≥ 2 days a week.
MVPA_LOW = Cmp("mvpa_min_week", "<", 150, "min/week")
STRENGTH_DAYS_LOW = Cmp("strength_days_week", "<", 2, "days/week")
# Bed- or chair-bound (MNA-SF item C) and recent hospitalisation: associated with sarcopenia in men,
# Kitamura 2021 (mechanisms.md §2.2).
BED_OR_CHAIR_BOUND = Eq("mobility", "bed_or_chair_bound")
RECENT_HOSPITAL_STAY = Eq("hospitalised_last_90d", True)

IN = "inactivity"

INACTIVITY = Mechanism(
    IN,
    {"en": "Physical inactivity", "zh-hans": "缺乏运动"},
    "2",
    ("R13",),
    "B",
    {
        "en": "Human observational evidence (low activity and recent hospital stay in Kitamura 2021; less "
        "regular exercise in the Hisayama study) with WHO 2020 activity targets.",
        "zh-hans": "有人群观察证据（Kitamura 2021 中的活动少和近期住院；久山町研究中规律运动较少），"
        "活动目标采用世界卫生组织 2020 年建议。",
    },
    ("zheng2022", "who2020", "kitamura2021", "hisayama2021"),
    (
        Rule(f"{IN}.mvpa_low", IN, "strong", MVPA_LOW, "confirmed", "who2020"),
        Rule(f"{IN}.bed_or_chair_bound", IN, "strong", BED_OR_CHAIR_BOUND, "confirmed", "kitamura2021"),
        Rule(f"{IN}.strength_days_low", IN, "supportive", STRENGTH_DAYS_LOW, "confirmed", "who2020"),
        Rule(f"{IN}.recent_hospital_stay", IN, "supportive", RECENT_HOSPITAL_STAY, "confirmed", "kitamura2021"),
    ),
    related=("mitochondrial", "protein_anabolism"),
)

MT = "mitochondrial"

MITOCHONDRIAL = Mechanism(
    MT,
    {"en": "Mitochondrial dysfunction", "zh-hans": "线粒体功能障碍"},
    "2",
    ("R16", "R29", "R30"),
    "C",
    {
        "en": "Mechanistic evidence only (cultured human muscle cells and mice, via the vitamin D chain); "
        "no routine clinical measure, so it is only noted through its drivers and never counted.",
        "zh-hans": "仅有机制证据（体外人肌细胞和小鼠，经维生素D通路）；无常规临床指标，因此只通过其驱动因素"
        "作提示，不计入判定。",
    },
    ("zheng2022", "bollen2022"),
    (
        Rule(
            f"{MT}.low_activity",
            MT,
            "context",
            MVPA_LOW,
            "confirmed",
            "who2020",
            note={
                "en": "Low activity may also act through declining mitochondrial function; it is addressed "
                "under physical inactivity.",
                "zh-hans": "活动不足也可能通过线粒体功能下降起作用；请在“缺乏运动”条目下处理。",
            },
        ),
        Rule(
            f"{MT}.low_vitamin_d",
            MT,
            "context",
            VITAMIN_D_DEFICIENT,
            "confirmed",
            "holick2011",
            note={
                "en": "Low vitamin D may also act through mitochondria (the review's vitamin D chain); "
                "it is addressed under vitamin D.",
                "zh-hans": "维生素D偏低也可能经线粒体起作用（综述的维生素D通路）；请在“维生素D”条目下处理。",
            },
        ),
        Rule(
            f"{MT}.diabetes_range_hba1c",
            MT,
            "context",
            HBA1C_DIABETES,
            "confirmed",
            "ada",
            note={
                "en": "HbA1c in the diabetes range may also act through mitochondria; it is addressed under "
                "hormonal status.",
                "zh-hans": "HbA1c 达糖尿病范围也可能经线粒体起作用；请在“激素状态”条目下处理。",
            },
        ),
    ),
    related=("vitamin_d", "inactivity", "hormonal"),
)

NEUROMUSCULAR_JUNCTION = Mechanism(
    "neuromuscular_junction",
    {"en": "Neuromuscular junction", "zh-hans": "神经肌肉接头"},
    "2",
    ("R14",),
    "D",
    {
        "en": "No routine clinical input; the review names it without detail. Background explanation only.",
        "zh-hans": "无常规临床指标；综述仅提及而未展开。仅作背景说明。",
    },
    ("zheng2022",),
    background=True,
)

GUT_MICROBIOTA = Mechanism(
    "gut_microbiota",
    {"en": "Gut microbiota", "zh-hans": "肠道菌群"},
    "2",
    ("R15",),
    "D",
    {
        "en": "No validated routine clinical proxy; the review names gut dysbiosis without detail. "
        "Background explanation only.",
        "zh-hans": "无经过验证的常规临床替代指标；综述仅提及肠道菌群失调而未展开。仅作背景说明。",
    },
    ("zheng2022",),
    background=True,
)
