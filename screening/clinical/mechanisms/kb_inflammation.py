"""Inflammation (review §2.3) and immune ageing (review §2.1): rules and pathway chains.

Every threshold is written once here, beside its source (mechanisms.md §2.2 / §4.2). CD4/CD8 ratio
rules (mechanisms.md §4.2 M11 context) are left out: the ratio is not recorded in `Measurements`.
"""

from __future__ import annotations

from .rules import All, Cmp, Field, HasAny, Range
from .schema import Mechanism, Pathway, Rule

# hs-CRP bands: > 3 mg/L high, > 10 mg/L suggests an acute process; average two measurements at least
# two weeks apart. mechanisms.md §2.2, Pearson 2003 AHA/CDC (cardiovascular context).
CRP_RAISED = Range("hs_crp_mg_l", ">", 3, "<=", 10, "mg/L")
CRP_REPEAT_RAISED = Range("hs_crp_repeat_mg_l", ">", 3, "<=", 10, "mg/L")
CRP_ACUTE = Cmp("hs_crp_mg_l", ">", 10, "mg/L")
# IL-6 > 5 pg/mL: a study cut-off (LASA, Schaap 2006), not a clinical one. mechanisms.md §2.2, §7.3.
IL6_HIGH = Cmp("il6_pg_ml", ">", 5, "pg/mL")
# TNF-α has no clinical cut-off; the lab's own upper reference limit is used. mechanisms.md §2.2.
TNF_ABOVE_ULN = Cmp("tnf_alpha_pg_ml", ">", Field("tnf_alpha_uln_pg_ml"), "pg/mL")
# Total lymphocytes < 1200/µL: CONUT bands (≥1600 / 1200–1599 / 800–1199 / <800). mechanisms.md §2.2.
LYMPHOCYTES_LOW = Cmp("lymphocyte_count_per_ul", "<", 1200, "/µL")
# Chronic inflammatory settings named in mechanisms.md §4.2 M02.
INFLAMMATORY_CONDITIONS = frozenset(
    {"copd", "chronic_heart_failure", "ckd", "active_cancer", "rheumatoid_arthritis", "ibd"}
)

ID = "inflammation"

INFLAMMATION_RULES = (
    Rule(f"{ID}.crp_raised_twice", ID, "strong", All(CRP_RAISED, CRP_REPEAT_RAISED), "confirmed", "pearson2003"),
    Rule(f"{ID}.crp_raised", ID, "supportive", CRP_RAISED, "confirmed", "pearson2003"),
    Rule(f"{ID}.il6_high", ID, "supportive", IL6_HIGH, "partial", "schaap2006"),
    Rule(f"{ID}.tnf_above_uln", ID, "supportive", TNF_ABOVE_ULN, "unconfirmed", "kamper2021"),
    Rule(
        f"{ID}.inflammatory_condition",
        ID,
        "supportive",
        HasAny("conditions", INFLAMMATORY_CONDITIONS),
        "partial",
        "zheng2022",
    ),
    Rule(
        f"{ID}.crp_acute",
        ID,
        "context",
        CRP_ACUTE,
        "confirmed",
        "pearson2003",
        note={
            "en": "hs-CRP in this range points to a possible acute process; repeat it when the patient is "
            "clinically stable before reading it as chronic inflammation.",
            "zh-hans": "hs-CRP 处于此范围提示可能存在急性过程；应在病情稳定后复查，再判断是否为慢性炎症。",
        },
    ),
)

INFLAMMATION_PATHWAYS = (
    Pathway(
        "INF-0",
        ID,
        {"en": "Inflammaging", "zh-hans": "炎性衰老"},
        {
            "en": (
                "Ageing impairs immune regulation",
                "Chronic low-grade inflammation",
                "Pro-inflammatory mediators rise (TNF-α, IL-6, CRP, leptin); anti-inflammatory ones fall",
                "Sustained mediator action damages muscle tissue",
                "Muscle mass and strength decline",
            ),
            "zh-hans": (
                "衰老削弱免疫调节",
                "慢性低度炎症",
                "促炎介质（TNF-α、IL-6、CRP、瘦素）增多，抗炎介质减少",
                "炎症介质持续作用，损伤肌肉组织",
                "肌肉量和肌力下降",
            ),
        },
        ("review",),
        ("zheng2022",),
        ("R33",),
    ),
    Pathway(
        "INF-1",
        ID,
        {"en": "TNF-α atrophy cascade", "zh-hans": "TNF-α 致萎缩通路"},
        {
            "en": (
                "TNF-α",
                "TRAF6",
                "NF-κB activation",
                "MuRF-1 (TRIM63) and MAFbx/atrogin-1 (FBXO32) switched on",
                "Ubiquitin–proteasome breakdown of muscle fibres",
            ),
            "zh-hans": (
                "TNF-α",
                "TRAF6",
                "NF-κB 活化",
                "启动萎缩基因 MuRF-1（TRIM63）与 MAFbx/atrogin-1（FBXO32）",
                "泛素–蛋白酶体途径分解肌纤维",
            ),
        },
        ("animal", "in_vitro"),
        ("li2020", "paul2010"),
        ("R39",),
    ),
    Pathway(
        "INF-2",
        ID,
        {"en": "Inflammation and function", "zh-hans": "炎症与身体功能"},
        {
            "en": (
                "Higher IL-6 and CRP",
                "Weaker grip and a worse Barthel index in people aged ninety",
                "Faster loss of strength over follow-up",
            ),
            "zh-hans": ("IL-6 和 CRP 较高", "九十岁人群握力较弱、Barthel 指数较差", "随访期间肌力下降更快"),
        },
        ("human",),
        ("tiainen2010", "schaap2006"),
        ("R34", "R35"),
    ),
    Pathway(
        "INF-3",
        ID,
        {"en": "Reduced IL-15 signalling", "zh-hans": "IL-15 信号减弱"},
        {
            "en": (
                "IL-15 signalling falls with age",
                "Older muscle responds less to the growth effect of IL-15",
                "Loss of muscle",
            ),
            "zh-hans": ("IL-15 信号随年龄减弱", "老年肌肉对 IL-15 的促肥大作用反应减弱", "肌肉流失"),
        },
        ("human", "animal"),
        ("yalcin2018", "pistilli2007"),
        ("R38",),
        caveat={
            "en": "The review rests this on one cross-sectional study; neither candidate original matches "
            "its wording exactly.",
            "zh-hans": "综述仅依据一项横断面研究；两篇候选原始文献的内容均与其表述不完全一致。",
        },
    ),
    Pathway(
        "INF-4",
        ID,
        {"en": "Anti-inflammatory counterweight", "zh-hans": "抗炎制衡"},
        {
            "en": ("IL-4 and IL-10 oppose pro-inflammatory cytokines", "Muscle wasting may slow"),
            "zh-hans": ("IL-4 与 IL-10 拮抗促炎细胞因子", "肌肉萎缩可能减缓"),
        },
        ("human",),
        ("zheng2022",),
        ("R36", "R37"),
        caveat={
            "en": "A hypothesis with mixed evidence: in one Chinese cohort IL-10 was higher, not lower, in "
            "sarcopenia. The review also lists IL-4 and IL-10 among harmful mediators; we treat them "
            "as anti-inflammatory.",
            "zh-hans": "此为证据不一的假说：一项中国队列中肌少症患者的 IL-10 反而更高。综述另将 IL-4、IL-10 "
            "列入有害介质，此处按抗炎因子处理。",
        },
    ),
)

INFLAMMATION = Mechanism(
    ID,
    {"en": "Chronic low-grade inflammation", "zh-hans": "慢性低度炎症"},
    "2.3",
    ("R9", "R33", "R34", "R35", "R36", "R37", "R38", "R39"),
    "B",
    {
        "en": "Human cohorts link inflammatory markers to weaker grip and faster strength loss, but the "
        "markers have no validated muscle cut-off (hs-CRP bands are cardiovascular; IL-6 is a study "
        "cut-off). The TNF-α → TRAF6 → NF-κB chain and the IL-15 step are animal and cell work (C).",
        "zh-hans": "人群队列显示炎症标志物与握力较弱、肌力下降较快相关，但这些标志物没有经过验证的肌肉相关界值"
        "（hs-CRP 分级来自心血管领域，IL-6 为研究界值）。TNF-α → TRAF6 → NF-κB 通路及 IL-15 "
        "环节来自动物和细胞研究（C 级）。",
    },
    ("zheng2022", "li2020", "pearson2003", "hamer2009", "schaap2006", "tiainen2010", "kamper2021"),
    INFLAMMATION_RULES,
    INFLAMMATION_PATHWAYS,
    related=("immunosenescence", "vitamin_d"),
)

IMM = "immunosenescence"

IMMUNOSENESCENCE = Mechanism(
    IMM,
    {"en": "Immune ageing (immunosenescence)", "zh-hans": "免疫系统变化（免疫衰老）"},
    "2.1",
    ("R18", "R19", "R20", "R21", "R22", "R23", "R24"),
    "C",
    {
        "en": "Mostly review-level, cell and mouse evidence. The only routine input, a low lymphocyte "
        "count, is non-specific; the T-cell ratio is not a sarcopenia marker (Newcastle 85+ found "
        "no association).",
        "zh-hans": "证据主要来自综述、细胞和小鼠研究。唯一的常规指标（淋巴细胞计数偏低）缺乏特异性；T 细胞比值"
        "并非肌少症标志物（Newcastle 85+ 研究未发现关联）。",
    },
    ("zheng2022", "nelke2019", "aldabbagh2015", "conut", "strindhall2012", "granic2020", "belfrail2015"),
    (Rule(f"{IMM}.lymphocytes_low", IMM, "supportive", LYMPHOCYTES_LOW, "confirmed", "conut"),),
    (
        Pathway(
            "IMM-1",
            IMM,
            {"en": "Immunosenescence", "zh-hans": "免疫衰老"},
            {
                "en": (
                    "Ageing",
                    "Innate and adaptive immunity both age",
                    "The mucosal barrier weakens and senescent immune cells accumulate",
                    "Subclinical inflammation and immune exhaustion",
                    "Feeds chronic low-grade inflammation",
                ),
                "zh-hans": (
                    "衰老",
                    "先天免疫与获得性免疫同时衰老",
                    "黏膜屏障减弱，衰老免疫细胞积累",
                    "亚临床炎症与免疫耗竭",
                    "汇入慢性低度炎症",
                ),
            },
            ("review",),
            ("nelke2019",),
            ("R19", "R20"),
        ),
        Pathway(
            "IMM-2",
            IMM,
            {"en": "Lymphocyte secretome", "zh-hans": "淋巴细胞分泌组"},
            {
                "en": (
                    "Muscle repair relies on crosstalk with immune cells",
                    "Proteins secreted by lymphocytes support myoblast growth and migration",
                    "With age, lymph nodes decline and the secretome gives less support",
                    "Less regeneration and lower muscle mass",
                ),
                "zh-hans": (
                    "肌肉修复依赖与免疫细胞的相互作用",
                    "淋巴细胞分泌的蛋白支持成肌细胞增殖和迁移",
                    "随年龄增长淋巴结减少，分泌组的支持作用减弱",
                    "再生能力下降，肌肉量减少",
                ),
            },
            ("in_vitro",),
            ("aldabbagh2015",),
            ("R21", "R22", "R23"),
            caveat={
                "en": "The likely original reports that the older secretome's support is attenuated, not "
                "that it inhibits muscle cells as the review says.",
                "zh-hans": "可能的原始研究报告的是老年人分泌组的促进作用减弱，而非综述所说的抑制肌细胞。",
            },
        ),
        Pathway(
            "IMM-3",
            IMM,
            {"en": "CD8⁺ T cells in muscle repair", "zh-hans": "CD8⁺ T 细胞与肌肉修复"},
            {
                "en": (
                    "Muscle injury",
                    "CD8⁺ T cells enter the muscle",
                    "More MCP-1 (CCL2)",
                    "Gr1-high macrophages are recruited",
                    "Myoblasts proliferate and the muscle regenerates",
                ),
                "zh-hans": (
                    "肌肉损伤",
                    "CD8⁺ T 细胞进入肌肉",
                    "MCP-1（CCL2）增多",
                    "募集 Gr1 高表达巨噬细胞",
                    "成肌细胞增殖，肌肉再生",
                ),
            },
            ("animal",),
            ("zheng2022",),
            ("R24",),
            caveat={
                "en": "Shown in a mouse injury model whose original paper was not identified. The review's "
                "claim about the direction of the age-related T-cell shift conflicts with the classical "
                "immune-risk profile and is not used here.",
                "zh-hans": "证据来自小鼠损伤模型，原始文献未能确认。综述关于增龄性 T 细胞表型转变方向的说法与经典"
                "免疫风险谱相矛盾，此处不予采用。",
            },
        ),
    ),
    related=("inflammation", "malnutrition"),
)
