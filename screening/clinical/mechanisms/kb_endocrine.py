"""Vitamin D / VDR (review §2.2), hypogonadism and hormonal status: rules and pathway chains.

Every threshold is written once here, beside its source (mechanisms.md §2.2 / §4.2). The female
"postmenopausal" context rule of M04 is left out: menopausal status is not recorded in `Measurements`.
"""

from __future__ import annotations

from .rules import All, Any, Cmp, Eq, Field, HasAny, NotRecorded, Range
from .schema import Mechanism, Pathway, Rule

# 25(OH)D: < 20 ng/mL deficient, 20–29.9 insufficient — the 2011 Endocrine Society (Holick) / IOM
# categories; ES 2024 (Demay) no longer endorses fixed thresholds. ≤ 12 ng/mL (30 nmol/L) is IOM's older
# adequacy marker, used as "< 12" in mechanisms.md §4.2. mechanisms.md §2.2, §7.5.
VITAMIN_D_DEFICIENT = Cmp("vitamin_d_25oh_ng_ml", "<", 20, "ng/mL")
VITAMIN_D_INSUFFICIENT = Range("vitamin_d_25oh_ng_ml", ">=", 20, "<", 30, "ng/mL")
VITAMIN_D_MARKED = Cmp("vitamin_d_25oh_ng_ml", "<", 12, "ng/mL")

# Men: total testosterone < 300 ng/dL on two early-morning samples plus symptoms or signs.
# AUA 2018 (Mulhall, J Urol 200:423); mechanisms.md §2.2.
MEN = Eq("sex", "M")
TESTOSTERONE_LOW = Cmp("total_testosterone_ng_dl", "<", 300, "ng/dL")
TESTOSTERONE_CONFIRMED_LOW = All(
    TESTOSTERONE_LOW, Cmp("total_testosterone_repeat_ng_dl", "<", 300, "ng/dL"), Eq("hypogonadal_symptoms", True)
)
# AUA statement 4: reasons to measure testosterone. mechanisms.md §2.2 and §4.2 M04 context.
TESTOSTERONE_INDICATIONS = Any(
    HasAny("conditions", frozenset({"diabetes", "osteoporosis"})),
    HasAny("medications", frozenset({"glucocorticoid_systemic_chronic", "opioid_chronic", "chemotherapy_recent"})),
)

# IGF-1: no single cut-off; the lab's age- and sex-specific lower limit. mechanisms.md §2.2.
IGF1_LOW = Cmp("igf1_ng_ml", "<", Field("igf1_lln_ng_ml"), "ng/mL")
# HbA1c ≥ 6.5 % diabetes; 5.7–6.4 % prediabetes (ADA Standards of Care). mechanisms.md §2.2.
HBA1C_DIABETES = Cmp("hba1c_pct", ">=", 6.5, "%")
HBA1C_PREDIABETES = Range("hba1c_pct", ">=", 5.7, "<", 6.5, "%")

VD = "vitamin_d"

VITAMIN_D = Mechanism(
    VD,
    {"en": "Vitamin D deficiency and the vitamin D receptor", "zh-hans": "维生素D缺乏与维生素D受体"},
    "2.2",
    ("R10", "R25", "R26", "R27", "R28", "R29", "R30", "R31", "R32"),
    "B",
    {
        "en": "Human observational evidence links low 25(OH)D with weakness and sarcopenia, but trials "
        "conflict; the ubiquitin–proteasome, mitochondrial and senescence chains are mechanistic (C). "
        "The cut-offs are the 2011 Endocrine Society / IOM categories, which ES 2024 no longer "
        "endorses as fixed thresholds.",
        "zh-hans": "人群观察研究显示 25(OH)D 偏低与肌无力和肌少症相关，但临床试验结论不一；泛素–蛋白酶体、线粒体"
        "和细胞衰老通路属机制研究（C 级）。界值为 2011 年美国内分泌学会 / IOM 分类，2024 年美国内分泌"
        "学会指南已不再认可固定阈值。",
    },
    ("zheng2022", "bollen2022", "yu2021", "holick2011", "ross2011", "demay2024"),
    (
        Rule(f"{VD}.deficient", VD, "strong", VITAMIN_D_DEFICIENT, "confirmed", "holick2011"),
        Rule(f"{VD}.insufficient", VD, "supportive", VITAMIN_D_INSUFFICIENT, "confirmed", "holick2011"),
        Rule(
            f"{VD}.marked_deficiency",
            VD,
            "context",
            VITAMIN_D_MARKED,
            "confirmed",
            "ross2011",
            note={
                "en": "Below the older IOM adequacy marker: a marked deficiency by that category.",
                "zh-hans": "低于 IOM 较早采用的充足性标志，按该分类属于明显缺乏。",
            },
        ),
    ),
    (
        Pathway(
            "VD-1",
            VD,
            {"en": "Protein breakdown", "zh-hans": "蛋白分解"},
            {
                "en": (
                    "Low 25(OH)D or weak VDR signalling",
                    "More breakdown of muscle protein, mainly by the ubiquitin–proteasome pathway, "
                    "partly by autophagy–lysosome",
                    "Loss of myofibrillar protein",
                    "Muscle atrophy",
                ),
                "zh-hans": (
                    "25(OH)D 偏低或 VDR 信号减弱",
                    "肌肉蛋白分解增加，主要经泛素–蛋白酶体途径，部分经自噬–溶酶体途径",
                    "肌原纤维蛋白丢失",
                    "肌肉萎缩",
                ),
            },
            ("review",),
            ("bollen2022",),
            ("R27", "R28"),
        ),
        Pathway(
            "VD-2",
            VD,
            {"en": "Mitochondrial energy supply", "zh-hans": "线粒体供能"},
            {
                "en": (
                    "Active 1,25(OH)₂D₃ acts on VDR in muscle (local CYP27B1–VDR axis)",
                    "In cultured human muscle cells, oxygen use and mitochondrial fission/fusion improve",
                    "Conversely, in mice, deficiency or VDR knock-down lowers mitochondrial genes and muscle ATP",
                    "Poorer muscle energy supply",
                ),
                "zh-hans": (
                    "活性 1,25(OH)₂D₃ 作用于肌肉中的 VDR（局部 CYP27B1–VDR 轴）",
                    "体外培养的人肌细胞中，耗氧增加，线粒体分裂/融合动力学改善",
                    "反之，小鼠缺乏维生素D或敲低 VDR 后，线粒体相关基因和肌肉 ATP 减少",
                    "肌肉能量供应变差",
                ),
            },
            ("in_vitro", "animal"),
            ("bollen2022",),
            ("R29", "R30"),
            caveat={
                "en": "The original cell and mouse studies were not identified; the review says the "
                "mitochondrial effects still need study.",
                "zh-hans": "原始细胞和小鼠研究未能确认；综述也指出其线粒体作用仍需进一步研究。",
            },
        ),
        Pathway(
            "VD-3",
            VD,
            {"en": "Cell senescence", "zh-hans": "细胞衰老"},
            {
                "en": (
                    "Vitamin D deficiency",
                    "p16, p19, p21 and p53 rise in muscle",
                    "Cell senescence through the p16/Rb and p53–p21 pathways",
                    "Senescence-associated secretory factors (TNF-α, IL-6, MMP3)",
                    "Thinner muscle, a sarcopenia-like change",
                ),
                "zh-hans": (
                    "维生素D缺乏",
                    "肌肉中 p16、p19、p21、p53 增加",
                    "经 p16/Rb 与 p53–p21 通路发生细胞衰老",
                    "衰老相关分泌因子（TNF-α、IL-6、MMP3）增多",
                    "肌肉变薄，出现类似肌少症的改变",
                ),
            },
            ("animal",),
            ("yu2021",),
            ("R31", "R32"),
            caveat={
                "en": "Shown in mice lacking the enzyme that makes active vitamin D (Cyp27b1 knockout), not "
                "in dietary deficiency.",
                "zh-hans": "证据来自缺乏活性维生素D合成酶的小鼠（Cyp27b1 基因敲除），而非饮食性缺乏。",
            },
        ),
    ),
    related=("inflammation", "mitochondrial"),
)

HG = "hypogonadism"

HYPOGONADISM = Mechanism(
    HG,
    {"en": "Hypogonadism (low testosterone)", "zh-hans": "性腺功能减退（睾酮偏低）"},
    "2",
    ("R11",),
    "B",
    {
        "en": "Graded B at the low end: the review only names it, and only the AUA threshold was verified "
        "against its source; the Endocrine Society figure was not.",
        "zh-hans": "属 B 级中偏低者：综述仅提及此因素，且只有 AUA 阈值经原文核实，美国内分泌学会的数值未核实。",
    },
    ("zheng2022", "mulhall2018", "bhasin2018"),
    (
        Rule(
            f"{HG}.low_testosterone_confirmed",
            HG,
            "strong",
            TESTOSTERONE_CONFIRMED_LOW,
            "confirmed",
            "mulhall2018",
            applies_if=MEN,
        ),
        Rule(f"{HG}.low_testosterone", HG, "supportive", TESTOSTERONE_LOW, "confirmed", "mulhall2018", applies_if=MEN),
        Rule(
            f"{HG}.untested_indication",
            HG,
            "context",
            All(NotRecorded("total_testosterone_ng_dl"), TESTOSTERONE_INDICATIONS),
            "confirmed",
            "mulhall2018",
            applies_if=MEN,
            note={
                "en": "Testosterone was not measured, and the AUA guideline lists this condition or "
                "medicine as a reason to measure it.",
                "zh-hans": "未检测睾酮；AUA 指南将该疾病或用药列为检测睾酮的指征。",
            },
        ),
    ),
    related=("protein_anabolism",),
)

HM = "hormonal"

HORMONAL = Mechanism(
    HM,
    {"en": "Hormonal status (IGF-1, insulin)", "zh-hans": "激素状态（IGF-1、胰岛素）"},
    "2",
    ("R12",),
    "C",
    {
        "en": "Named only in the review; IGF-1 has no numeric threshold and also falls with "
        "undernutrition, so the inputs are non-specific.",
        "zh-hans": "综述仅提及此因素；IGF-1 没有数值界值，且营养不足时也会下降，因此相关指标缺乏特异性。",
    },
    ("zheng2022", "ada", "pmc6616535"),
    (
        Rule(f"{HM}.igf1_low", HM, "supportive", IGF1_LOW, "unconfirmed", "pmc6616535"),
        Rule(
            f"{HM}.diabetes",
            HM,
            "supportive",
            Any(HBA1C_DIABETES, HasAny("conditions", frozenset({"diabetes"}))),
            "confirmed",
            "ada",
        ),
        Rule(
            f"{HM}.prediabetes",
            HM,
            "context",
            HBA1C_PREDIABETES,
            "confirmed",
            "ada",
            note={"en": "HbA1c in the ADA prediabetes range.", "zh-hans": "HbA1c 处于 ADA 糖尿病前期范围。"},
        ),
    ),
    related=("malnutrition", "protein_anabolism", "mitochondrial"),
)
