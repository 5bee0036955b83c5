"""Background page content: the review's three developed chains and the outcomes it links sarcopenia to.

Only figures checked against the original papers are given (mechanisms.md §3 "Checked against the
originals": Yeung 2019, Kitamura 2021, Tiainen 2010, Schaap 2006). The review's disability P value and
its CD8→CD4 shift did not check out (mechanisms.md §7.1, §7.2) and are not stated as fact. The chain
steps themselves come from the knowledge base, so they are written once.
"""

from __future__ import annotations

from .text_mechanisms import MAINSTAY

TITLE = {"en": "How the review explains sarcopenia", "zh-hans": "综述对肌少症成因的阐述"}

INTRO = {
    "en": "The review by Zheng and Hu (Advances in Clinical Medicine, 2022) lists eleven causes of "
    "sarcopenia and develops three of them: immune ageing, vitamin D and its receptor, and "
    "inflammation. It concludes that the cause is not fully understood, that no medicine is "
    "established, and that exercise and nutrition are the main prevention and treatment.",
    "zh-hans": "郑中玲、胡怀东的综述（《临床医学进展》，2022）列出了肌少症的十一类病因，并重点阐述了其中三类："
    "免疫衰老、维生素D及其受体、炎症。综述认为其病因尚未完全阐明，目前没有确切的治疗药物，运动和"
    "营养干预是主要的预防与治疗方式。",
}

# (review section, mechanism id, heading, summary); the steps are the mechanism's pathways.
CHAINS = (
    (
        "2.1",
        "immunosenescence",
        {"en": "Immune ageing (review §2.1)", "zh-hans": "免疫衰老（综述 2.1 节）"},
        {
            "en": "The immune system ages: senescent immune cells accumulate, barriers weaken and "
            "low-grade inflammation follows. Muscle repair depends on immune cells, and lymphocytes "
            "from older adults support muscle cells less than those from young adults.",
            "zh-hans": "免疫系统随年龄老化：衰老免疫细胞积累、屏障减弱，继而出现低度炎症。肌肉修复依赖免疫细胞，"
            "而老年人的淋巴细胞对肌细胞的支持作用弱于年轻人。",
        },
    ),
    (
        "2.2",
        "vitamin_d",
        {"en": "Vitamin D and its receptor (review §2.2)", "zh-hans": "维生素D及其受体（综述 2.2 节）"},
        {
            "en": "Low vitamin D or weak receptor signalling is proposed to act through three routes: "
            "protein breakdown, mitochondrial energy supply and cell senescence. Trials and laboratory "
            "studies disagree, so its role in muscle loss remains unsettled.",
            "zh-hans": "维生素D偏低或受体信号减弱被认为通过三条途径起作用：蛋白分解、线粒体供能和细胞衰老。临床试验"
            "与实验室研究结论不一，其在肌肉流失中的作用仍未定论。",
        },
    ),
    (
        "2.3",
        "inflammation",
        {"en": "Inflammation (review §2.3)", "zh-hans": "炎症（综述 2.3 节）"},
        {
            "en": "Chronic low-grade inflammation raises TNF-α, IL-6 and CRP. In mice, TNF-α drives muscle "
            "breakdown through TRAF6 and NF-κB; in people, higher IL-6 and CRP go with weaker grip "
            "and poorer daily function.",
            "zh-hans": "慢性低度炎症使 TNF-α、IL-6 和 CRP 升高。在小鼠中，TNF-α 经 TRAF6 和 NF-κB 促进肌肉分解；"
            "在人群中，IL-6 和 CRP 较高者握力较弱、日常功能较差。",
        },
    ),
)

OUTCOMES_HEADING = {"en": "What sarcopenia is linked to", "zh-hans": "肌少症与哪些不良结局相关"}

# (heading, text, reference ids). Every number here is in mechanisms.md §3 "Checked against the originals".
OUTCOMES = (
    (
        {"en": "Falls", "zh-hans": "跌倒"},
        {
            "en": "A meta-analysis of 33 studies (45,926 people) found higher odds of falls with sarcopenia: "
            "OR 1.60 (95% CI 1.37–1.86) in cross-sectional studies and 1.89 (1.33–2.68) in "
            "prospective studies (Yeung 2019).",
            "zh-hans": "一项纳入 33 项研究（45,926 人）的荟萃分析显示，肌少症者跌倒风险更高：横断面研究 OR 1.60"
            "（95% CI 1.37–1.86），前瞻性研究 OR 1.89（1.33–2.68）（Yeung 2019）。",
        },
        ("yeung2019",),
    ),
    (
        {"en": "Fractures", "zh-hans": "骨折"},
        {
            "en": "In the same meta-analysis, fractures: OR 1.84 (1.30–2.62) in cross-sectional studies and "
            "1.71 (1.44–2.03) in prospective studies (Yeung 2019).",
            "zh-hans": "同一荟萃分析中，骨折风险：横断面研究 OR 1.84（1.30–2.62），前瞻性研究 OR 1.71"
            "（1.44–2.03）（Yeung 2019）。",
        },
        ("yeung2019",),
    ),
    (
        {"en": "Death", "zh-hans": "死亡"},
        {
            "en": "In 1851 Japanese adults aged 65 and over, sarcopenia (AWGS 2019) carried a higher risk of "
            "death: HR 2.0 (1.2–3.5) in men and 2.3 (1.1–4.9) in women (Kitamura 2021).",
            "zh-hans": "在 1851 名 65 岁及以上的日本老年人中，肌少症（AWGS 2019 标准）者死亡风险更高：男性 HR 2.0"
            "（1.2–3.5），女性 HR 2.3（1.1–4.9）（Kitamura 2021）。",
        },
        ("kitamura2021",),
    ),
    (
        {"en": "Disability", "zh-hans": "失能"},
        {
            "en": "In the same cohort, new disability: HR 1.6 (1.0–2.7) in men and 1.7 (1.1–2.7) in women "
            "(Kitamura 2021).",
            "zh-hans": "同一队列中，新发失能：男性 HR 1.6（1.0–2.7），女性 HR 1.7（1.1–2.7）（Kitamura 2021）。",
        },
        ("kitamura2021",),
    ),
    (
        {"en": "Strength and daily function", "zh-hans": "肌力与日常功能"},
        {
            "en": "In people aged 90, higher IL-6 and CRP went with weaker grip and a worse Barthel index "
            "(Tiainen 2010). In a Dutch cohort, IL-6 above 5 pg/mL and CRP above 6.1 mg/L went with "
            "two to three times the risk of losing over 40% of grip strength in three years; these are "
            "that study's cut-offs, not clinical ones (Schaap 2006).",
            "zh-hans": "在 90 岁人群中，IL-6 和 CRP 较高者握力较弱、Barthel 指数较差（Tiainen 2010）。一项荷兰"
            "队列中，IL-6 高于 5 pg/mL、CRP 高于 6.1 mg/L 者三年内握力下降超过 40% 的风险为其他人的"
            "两到三倍；这些是该研究采用的界值，并非临床界值（Schaap 2006）。",
        },
        ("tiainen2010", "schaap2006"),
    ),
)

NOTES = (
    {
        "en": "The figures above were checked against the original papers. The review also quotes a "
        "P value for disability in the Japanese cohort that could not be traced to the original, "
        "so it is not repeated here.",
        "zh-hans": "以上数据均已与原始文献核对。综述还引用了日本队列中失能的一个 P 值，但在原文中无法找到出处，"
        "因此此处不予引用。",
    },
    {
        "en": "The review describes a direction for the age-related change in T-cell subsets that "
        "conflicts with the established immune-risk profile; it is not presented here as fact.",
        "zh-hans": "综述所述增龄性 T 细胞亚群的变化方向与公认的免疫风险谱相矛盾，此处不作为事实陈述。",
    },
    {
        "en": "The vitamin D cut-offs of 20 and 30 ng/mL are the 2011 Endocrine Society / IOM "
        "categories. The Endocrine Society's 2024 guideline no longer endorses fixed thresholds.",
        "zh-hans": "维生素D的 20 和 30 ng/mL 界值是 2011 年美国内分泌学会 / IOM 的分类。美国内分泌学会 2024 年"
        "指南已不再认可固定阈值。",
    },
    {
        "en": "IL-6 above 5 pg/mL is a study cut-off (Schaap 2006), not a clinical one; IL-6 and TNF-α "
        "have no validated clinical cut-off.",
        "zh-hans": "IL-6 高于 5 pg/mL 是研究界值（Schaap 2006），并非临床界值；IL-6 和 TNF-α 均无经过验证的临床界值。",
    },
    MAINSTAY,
)
