"""Bilingual labels for every code the engine emits, so screens, PDFs and exports word them alike.

Keys are namespaced: `set.<set>`, `category.<set>.<category>`, `component.<code>`, `test.<name>`,
`outcome.<outcome>`, `unit.<unit>`, `reason.<code>`, `next_step.<code>`, `to_complete.<code>`,
`note.<code>`, `case_finding.<tool>`, `case_finding_result.<positive|negative|unknown>`,
`disagreement_kind.<kind>`, `disagreement.<reason>`. Chinese uses the terms of the Chinese AWGS and
EWGSOP2 literature (肌少症; AWGS "possible" 可能肌少症; EWGSOP2 "probable" 疑似肌少症).
"""

from __future__ import annotations

LANGUAGES = ("en", "zh-hans")

_SETS = [
    ("set.ewgsop2", "EWGSOP2 (2019)", "EWGSOP2（2019，欧洲）"),
    ("set.awgs2019", "AWGS 2019", "AWGS 2019（亚洲）"),
    ("set.awgs2025", "AWGS 2025", "AWGS 2025（亚洲）"),
    ("set.fnih", "FNIH (2014)", "FNIH（2014）"),
    ("set.sdoc", "SDOC (2020)", "SDOC（2020）"),
]

_INSUFFICIENT = ("Insufficient data", "数据不足，无法判定")
_NONE = ("No sarcopenia", "无肌少症")
_CATEGORIES = [
    ("category.ewgsop2.insufficient_data", *_INSUFFICIENT),
    ("category.ewgsop2.no_sarcopenia", *_NONE),
    ("category.ewgsop2.probable", "Probable sarcopenia", "疑似肌少症"),
    ("category.ewgsop2.confirmed", "Confirmed sarcopenia", "确诊肌少症"),
    ("category.ewgsop2.severe", "Severe sarcopenia", "严重肌少症"),
    ("category.awgs2019.insufficient_data", *_INSUFFICIENT),
    ("category.awgs2019.no_sarcopenia", *_NONE),
    ("category.awgs2019.possible", "Possible sarcopenia", "可能肌少症"),
    ("category.awgs2019.sarcopenia", "Sarcopenia", "肌少症"),
    ("category.awgs2019.severe", "Severe sarcopenia", "严重肌少症"),
    ("category.awgs2025.insufficient_data", *_INSUFFICIENT),
    ("category.awgs2025.not_applicable", "Not applicable (under 50)", "不适用"),
    ("category.awgs2025.no_sarcopenia", *_NONE),
    ("category.awgs2025.at_risk", "At risk for sarcopenia", "肌少症风险"),
    ("category.awgs2025.possible", "Possible sarcopenia", "可能肌少症"),
    ("category.awgs2025.sarcopenia", "Sarcopenia", "肌少症"),
    ("category.fnih.insufficient_data", *_INSUFFICIENT),
    ("category.fnih.no_sarcopenia", *_NONE),
    ("category.fnih.sarcopenia", "Sarcopenia (weakness with low lean mass)", "肌少症（肌无力伴低瘦体重）"),
    ("category.fnih.severe", "Sarcopenia with slowness", "肌少症伴步速缓慢"),
    ("category.sdoc.insufficient_data", *_INSUFFICIENT),
    ("category.sdoc.no_sarcopenia", *_NONE),
    ("category.sdoc.sarcopenia", "Sarcopenia (weakness and slowness)", "肌少症（肌无力伴步速缓慢）"),
]

_COMPONENTS = [
    ("component.strength", "Muscle strength", "肌肉力量"),
    ("component.quantity", "Muscle quantity", "肌肉量"),
    ("component.performance", "Physical performance", "躯体功能"),
    ("component.mass", "Muscle mass", "肌肉量"),
    ("component.weakness", "Weakness (grip strength)", "肌无力（握力）"),
    ("component.low_lean", "Low lean mass (ALM/BMI)", "低瘦体重（ALM/BMI）"),
    ("component.slowness", "Slowness (gait speed)", "步速缓慢"),
    ("component.risk_factors", "Risk factors (AWGS 2025 R1–R6)", "危险因素（AWGS 2025 R1–R6）"),
    ("component.outcomes", "Outcome measures (shown, not diagnostic)", "结局指标（仅供参考，不参与诊断）"),
]

_TESTS = [
    ("test.grip_strength", "Grip strength", "握力"),
    ("test.chair_stand_5x", "5× chair stand", "5次起坐试验"),
    ("test.asmi", "Appendicular skeletal muscle mass index (ASMI)", "四肢骨骼肌质量指数（ASMI）"),
    ("test.asm", "Appendicular skeletal muscle mass (ASM)", "四肢骨骼肌质量（ASM）"),
    ("test.gait_speed", "Gait speed", "步速"),
    ("test.sppb", "Short Physical Performance Battery (SPPB)", "简易体能状况量表（SPPB）"),
    ("test.tug", "Timed Up and Go (TUG)", "起立-行走计时测试（TUG）"),
    ("test.walk_400m", "400 m walk", "400米步行试验"),
    ("test.alm_bmi", "ALM/BMI", "四肢瘦体重/体重指数（ALM/BMI）"),
    ("test.asm_bmi", "ASM/BMI", "四肢骨骼肌质量/体重指数（ASM/BMI）"),
    ("test.risk_age", "R1 Age 65 or over", "R1 年龄≥65岁"),
    ("test.risk_muscle_concern", "R1 Concern about muscle health (ages 50–64)", "R1 对肌肉健康有顾虑（50–64岁）"),
    ("test.risk_mobility", "R2 Immobilisation or functional decline", "R2 制动或功能下降"),
    ("test.risk_dysphagia", "R3 Dysphagia or swallowing dysfunction", "R3 吞咽困难或吞咽功能障碍"),
    ("test.risk_underweight", "R4 Underweight (BMI)", "R4 低体重（BMI）"),
    ("test.risk_weight_loss", "R4 Weight loss within 6 months", "R4 6个月内体重下降"),
    ("test.risk_wasting_condition", "R5 Chronic wasting condition", "R5 慢性消耗性疾病"),
    ("test.risk_acute_illness", "R5 Acute illness (hospitalised in the last 90 days)", "R5 急性疾病（近90天内住院）"),
    ("test.risk_perceived_weakness", "R6 Perceived or observed weakness", "R6 自觉或他人观察到的无力"),
    ("outcome.true", "Present", "有"),
    ("outcome.false", "Absent", "无"),
    ("unit.years", "years", "岁"),
    ("unit.answer", "yes/no", "是/否"),
    ("outcome.low", "Low", "低"),
    ("outcome.normal", "Normal", "正常"),
    ("outcome.unknown", "Unknown", "未知"),
    ("unit.kg", "kg", "kg"),
    ("unit.s", "s", "秒"),
    ("unit.m/s", "m/s", "m/s"),
    ("unit.kg/m²", "kg/m²", "kg/m²"),
    ("unit.m²", "m²", "m²"),
    ("unit.points", "points", "分"),
]

_REASONS = [
    (
        "reason.sex_missing",
        "Sex not recorded: sex-specific cut-offs cannot be applied",
        "未记录性别，无法应用按性别划分的切点",
    ),
    ("reason.strength_unknown", "Muscle strength not measured", "未测量肌肉力量"),
    ("reason.strength_normal", "Muscle strength normal", "肌肉力量正常"),
    (
        "reason.strength_quantity_performance_low",
        "Low muscle strength, low muscle quantity and low physical performance",
        "肌肉力量低、肌肉量低且躯体功能低",
    ),
    ("reason.strength_quantity_low", "Low muscle strength and low muscle quantity", "肌肉力量低且肌肉量低"),
    (
        "reason.strength_low",
        "Low muscle strength; muscle quantity not low or not measured",
        "肌肉力量低；肌肉量未降低或未测量",
    ),
    (
        "reason.mass_strength_performance_low",
        "Low muscle mass, low muscle strength and low physical performance",
        "肌肉量低、肌肉力量低且躯体功能低",
    ),
    (
        "reason.mass_and_strength_or_performance_low",
        "Low muscle mass with low muscle strength or low physical performance",
        "肌肉量低，伴肌肉力量低或躯体功能低",
    ),
    (
        "reason.strength_or_performance_low",
        "Low muscle strength or low physical performance; muscle mass not low or not measured",
        "肌肉力量低或躯体功能低；肌肉量未降低或未测量",
    ),
    (
        "reason.strength_normal_performance_not_low",  # results stored before rule-set 2026.2
        "Muscle strength normal and physical performance not low",
        "肌肉力量正常且躯体功能未降低",
    ),
    (
        "reason.strength_and_performance_normal",
        "Muscle strength and physical performance normal",
        "肌肉力量和躯体功能均正常",
    ),
    (
        "reason.strength_normal_performance_unknown",
        "Muscle strength normal, physical performance not measured: with low muscle mass it could still be sarcopenia",
        "肌肉力量正常，但未测量躯体功能：如肌肉量低，仍可能为肌少症",
    ),
    (
        "reason.strength_unknown_performance_not_low",
        "Muscle strength not measured and physical performance not low",
        "未测量肌肉力量，且躯体功能未降低",
    ),
    ("reason.weakness_low_lean_slowness", "Weakness, low lean mass and slowness", "肌无力、低瘦体重且步速缓慢"),
    ("reason.weakness_low_lean", "Weakness with low lean mass", "肌无力伴低瘦体重"),
    ("reason.weakness_or_low_lean_normal", "Grip strength or lean mass normal", "握力或瘦体重正常"),
    ("reason.weakness_or_low_lean_unknown", "Grip strength or lean mass not measured", "未测量握力或瘦体重"),
    ("reason.weakness_slowness", "Weakness and slowness", "肌无力且步速缓慢"),
    ("reason.weakness_or_slowness_normal", "Grip strength or gait speed normal", "握力或步速正常"),
    ("reason.weakness_or_slowness_unknown", "Grip strength or gait speed not measured", "未测量握力或步速"),
    (
        "reason.age_missing",
        "Age at the visit not known: the age band cannot be chosen",
        "就诊时年龄未知，无法确定年龄组",
    ),
    ("reason.under_50", "Under 50: AWGS 2025 applies from age 50", "未满50岁：AWGS 2025 适用于50岁及以上"),
    ("reason.strength_mass_low", "Low muscle strength and low muscle mass", "肌肉力量低且肌肉量低"),
    ("reason.strength_low_mass_unknown", "Low muscle strength; muscle mass not measured", "肌肉力量低；未测量肌肉量"),
    ("reason.strength_low_mass_normal", "Low muscle strength with normal muscle mass", "肌肉力量低，肌肉量正常"),
    (
        "reason.strength_normal_risk_factors",
        "Muscle strength normal with at least one risk factor",
        "肌肉力量正常，存在至少一项危险因素",
    ),
    ("reason.strength_normal_no_risk_factors", "Muscle strength normal and no risk factor", "肌肉力量正常且无危险因素"),
    (
        "reason.strength_normal_risk_factors_unknown",
        "Muscle strength normal; risk factors not fully answered",
        "肌肉力量正常；危险因素尚未完整询问",
    ),
]

_NEXT_STEPS = [
    ("next_step.measure_sex", "Record the patient's sex", "记录患者性别"),
    ("next_step.measure_age", "Record the patient's date of birth", "记录患者出生日期"),
    ("next_step.awgs2025_from_age_50", "AWGS 2025 applies from age 50", "AWGS 2025 适用于50岁及以上"),
    ("next_step.answer_risk_questions", "Answer the unanswered risk-factor questions", "补充询问尚未回答的危险因素"),
    (
        "next_step.address_risk_factors_and_rescreen",
        "Address the risk factors and re-screen later",
        "关注并处理危险因素，日后重新筛查",
    ),
    (
        "next_step.measure_grip_or_chair_stand",
        "Measure grip strength or the 5× chair stand",
        "测量握力或进行5次起坐试验",
    ),
    ("next_step.measure_grip_strength", "Measure grip strength", "测量握力"),
    (
        "next_step.measure_alm_bmi",
        "Measure ASM (DXA or BIA), height and weight for ALM/BMI",
        "测量四肢骨骼肌质量（DXA 或 BIA）、身高和体重，以计算 ALM/BMI",
    ),
    (
        "next_step.measure_muscle_mass_method",
        "Record the muscle-mass method (DXA or BIA)",
        "记录肌肉量测量方法（DXA 或 BIA）",
    ),
    ("next_step.measure_gait_speed", "Measure usual gait speed", "测量日常步速"),
    (
        "next_step.measure_gait_chair_stand_or_sppb",
        "Measure physical performance: 6 m gait speed, 5× chair stand or SPPB",
        "测量躯体功能：6米步速、5次起坐试验或 SPPB",
    ),
    (
        "next_step.evaluate_low_component",
        "Evaluate the low component named above (not sarcopenia by this set's rules, but not reassuring)",
        "评估上述偏低的项目（按本标准不属于肌少症，但不能视为正常）",
    ),
    ("next_step.rescreen_later", "Re-screen later", "日后重新筛查"),
    (
        "next_step.assess_causes_and_start_intervention",
        "Assess causes and start intervention; measure muscle quantity to confirm",
        "评估病因并开始干预；测量肌肉量以确诊",
    ),
    ("next_step.treat_sarcopenia", "Manage as sarcopenia and assess causes", "按肌少症进行管理并评估病因"),
    (
        "next_step.treat_severe_sarcopenia",
        "Manage as severe sarcopenia and assess causes",
        "按严重肌少症进行管理并评估病因",
    ),
    (
        "next_step.lifestyle_intervention_and_refer",
        "Lifestyle intervention and referral to hospital for confirmation",
        "生活方式干预，并转诊至医院确诊",
    ),
    (
        "next_step.confirm_with_muscle_mass",
        "Measure muscle mass (DXA or BIA) to confirm",
        "测量肌肉量（DXA 或 BIA）以确诊",
    ),
    (
        "next_step.lifestyle_intervention_and_follow_up",
        "Lifestyle intervention and follow-up (muscle mass not low)",
        "生活方式干预并随访（肌肉量未降低）",
    ),
    ("next_step.see_primary_set", "Management follows the primary criteria set", "诊疗以主要诊断标准为准"),
]

_TO_COMPLETE = [
    ("to_complete.sex", "Sex", "性别"),
    ("to_complete.grip_or_chair_stand", "Grip strength or 5× chair stand", "握力或5次起坐试验"),
    ("to_complete.grip_strength", "Grip strength", "握力"),
    ("to_complete.asm_or_asmi", "ASM or ASMI (DXA or BIA)", "四肢骨骼肌质量（ASM）或其指数（ASMI）（DXA 或 BIA）"),
    ("to_complete.asmi", "ASMI (DXA or BIA)", "四肢骨骼肌质量指数（ASMI）（DXA 或 BIA）"),
    ("to_complete.muscle_mass_method", "Muscle-mass method (DXA or BIA)", "肌肉量测量方法（DXA 或 BIA）"),
    ("to_complete.performance", "A physical performance test", "一项躯体功能测试"),
    ("to_complete.alm_bmi", "ASM, height and weight (for ALM/BMI)", "四肢骨骼肌质量、身高和体重（用于 ALM/BMI）"),
    ("to_complete.gait_speed", "Gait speed", "步速"),
    (
        "to_complete.gait_chair_stand_or_sppb",
        "A physical performance test: 6 m gait speed, 5× chair stand or SPPB",
        "一项躯体功能测试：6米步速、5次起坐试验或 SPPB",
    ),
    ("to_complete.age", "Date of birth (age at the visit)", "出生日期（就诊时年龄）"),
    ("to_complete.asmi_or_asm_bmi", "ASMI or ASM/BMI (DXA or BIA)", "ASMI 或 ASM/BMI（DXA 或 BIA）"),
    ("to_complete.mobility", "Mobility", "活动能力"),
    ("to_complete.dysphagia", "Dysphagia (yes/no)", "吞咽困难（是/否）"),
    ("to_complete.bmi", "Height and weight (BMI)", "身高和体重（BMI）"),
    ("to_complete.weight_loss_kg_6mo", "Weight loss within 6 months", "6个月内体重下降"),
    ("to_complete.conditions", "Conditions", "疾病"),
    ("to_complete.hospitalised_last_90d", "Hospitalised in the last 90 days", "近90天内是否住院"),
    ("to_complete.perceived_weakness", "Perceived or observed weakness (yes/no)", "自觉或他人观察到的无力（是/否）"),
]

_NOTES = [
    (
        "note.case_finding_negative",
        "Case finding was negative; the assessment is shown because measurements were entered",
        "病例筛查阴性；因已录入测量值，仍显示评估结果",
    ),
    (
        "note.muscle_mass_method_missing",
        "Muscle mass entered without its method (DXA or BIA): not compared",
        "录入的肌肉量未注明测量方法（DXA 或 BIA），未作判定",
    ),
    (
        "note.asm_asmi_discordant",
        "ASM and ASMI disagree (one low, one normal); muscle quantity counted as low",
        "ASM 与 ASMI 结果不一致（一项低、一项正常），肌肉量按低计",
    ),
    (
        "note.caveat_age_under_60_older_adults",
        "Caveat: the patient is younger than 60; these criteria were derived in older adults",
        "注意：患者未满60岁；本标准源自老年人群研究",
    ),
    (
        "note.caveat_age_under_60_awgs",
        "Caveat: the patient is younger than 60; AWGS 2019 was derived in people aged 60 or older",
        "注意：患者未满60岁；AWGS 2019 标准源自60岁及以上人群",
    ),
    (
        "note.caveat_fnih_mass_by_bia",
        "Caveat: muscle mass measured by BIA; FNIH's ALM/BMI cut-offs come from DXA",
        "注意：肌肉量由 BIA 测得；FNIH 的 ALM/BMI 切点来自 DXA",
    ),
    (
        "note.caveat_no_sarcopenia_low_component",
        "Not sarcopenia by this set's rules, but a component is low",
        "按本标准不属于肌少症，但有一项指标偏低",
    ),
    (
        "note.low_grip_mass_normal",
        "Grip strength is low for the age band, but muscle mass is normal",
        "按年龄组握力偏低，但肌肉量正常",
    ),
    (
        "note.case_finding_cutoffs_from_65",
        "AWGS 2025 case-finding cut-offs (calf, SARC-F, SARC-CalF, finger ring) apply from age 65; "
        "grip and muscle-mass cut-offs apply from 50",
        "AWGS 2025 病例筛查切点（小腿围、SARC-F、SARC-CalF、指环试验）适用于65岁及以上；握力和肌肉量切点适用于50岁及以上",
    ),
    (
        "note.case_finding_chronic_condition",
        "Hospital case finding: a chronic condition named by AWGS 2025 (heart failure, COPD, diabetes, CKD)",
        "医院病例筛查：存在 AWGS 2025 所列慢性疾病（心力衰竭、慢阻肺、糖尿病、慢性肾病）",
    ),
    ("note.finger_ring_bigger", "Finger-ring test: calf bigger than the ring", "指环试验：小腿比指环粗"),
    ("note.finger_ring_just_fits", "Finger-ring test: the ring just fits", "指环试验：指环恰好围住小腿"),
    (
        "note.finger_ring_smaller",
        "Finger-ring test: calf smaller than the ring (a gap; abnormal)",
        "指环试验：小腿比指环细（有空隙，异常）",
    ),
    ("case_finding.sarc_f", "SARC-F", "SARC-F 问卷"),
    ("case_finding.calf_circumference", "Calf circumference", "小腿围"),
    ("case_finding.sarc_calf", "SARC-CalF", "SARC-CalF"),
    ("case_finding.clinical_suspicion", "Clinical suspicion", "临床怀疑"),
    ("case_finding.finger_ring", "Finger-ring test", "指环试验"),
    ("case_finding_result.positive", "Case finding positive", "病例筛查阳性"),
    ("case_finding_result.negative", "Case finding negative", "病例筛查阴性"),
    ("case_finding_result.unknown", "Case finding not done", "未进行病例筛查"),
]

_DISAGREEMENTS = [
    ("disagreement_kind.diagnosis", "The sets disagree on the diagnosis", "各标准的诊断结论不一致"),
    ("disagreement_kind.severity", "The sets disagree on severity", "各标准对严重程度的判断不一致"),
    (
        "disagreement.different_grip_cutoffs",
        "Grip strength lies between the sets' cut-offs",
        "握力值介于各标准的切点之间",
    ),
    (
        "disagreement.ewgsop2_counts_chair_stand_as_strength",
        "EWGSOP2 counts a slow chair stand as low strength, %(other)s only a weak grip",
        "EWGSOP2 将起坐试验时间延长计为肌肉力量低，%(other)s仅以握力评估肌肉力量",
    ),
    (
        "disagreement.awgs_counts_performance_without_strength",
        "AWGS 2019 diagnoses low muscle mass with low physical performance even when strength is normal; "
        "low strength is required by %(other)s",
        "AWGS 2019 在肌肉力量正常时，肌肉量低伴躯体功能低即可诊断；%(other)s要求肌肉力量低",
    ),
    ("disagreement.different_mass_cutoffs", "ASMI lies between the sets' cut-offs", "ASMI 值介于各标准的切点之间"),
    (
        "disagreement.different_alm_bmi_cutoffs",
        "ALM/BMI (AWGS 2025's ASM/BMI, the same value) lies between the sets' cut-offs",
        "ALM/BMI（即 AWGS 2025 的 ASM/BMI，数值相同）介于各标准的切点之间",
    ),
    (
        "disagreement.awgs2025_also_counts_asmi",
        "AWGS 2025 counts a low ASMI (ASM/height²) as well as a low ASM/BMI; FNIH uses ALM/BMI "
        "(the same value as ASM/BMI) only",
        "AWGS 2025 将 ASMI（ASM/身高²）低与 ASM/BMI 低均计为肌肉量低；FNIH 仅使用 ALM/BMI（与 ASM/BMI 数值相同）",
    ),
    (
        "disagreement.ewgsop2_counts_absolute_asm",
        "EWGSOP2 also counts a low absolute ASM, %(other)s only a low ASMI or ALM/BMI",
        "EWGSOP2 亦将 ASM 绝对值低计为肌肉量低；%(other)s仅使用 ASMI 或 ALM/BMI",
    ),
    (
        "disagreement.fnih_uses_alm_bmi",
        "FNIH measures lean mass as ALM/BMI, %(other)s as ASMI (ASM/height²) without ALM/BMI",
        "FNIH 以 ALM/BMI 评估瘦体重，%(other)s使用 ASMI（ASM/身高²），不使用 ALM/BMI",
    ),
    (
        "disagreement.awgs2025_counts_asm_bmi",
        "AWGS 2025 also counts a low ASM/BMI (BMI-adjusted muscle mass), not used by %(other)s",
        "AWGS 2025 亦将 ASM/BMI（BMI 校正的肌肉量）低计为肌肉量低；%(other)s不使用该指标",
    ),
    ("disagreement.sdoc_ignores_mass", "SDOC does not use muscle mass", "SDOC 标准不使用肌肉量"),
    (
        "disagreement.sdoc_requires_slowness",
        "SDOC requires slow gait as well as weakness",
        "SDOC 要求肌无力与步速缓慢同时存在",
    ),
    ("disagreement.different_gait_cutoffs", "Gait speed lies between the sets' cut-offs", "步速介于各标准的切点之间"),
    (
        "disagreement.different_gait_operator",
        "Gait speed is exactly at the cut-off: one set counts it low (≤), the other does not (<)",
        "步速恰好等于切点：一套标准计为低（≤），另一套不计为低（<）",
    ),
    (
        "disagreement.different_sppb_cutoffs",
        "SPPB score lies between the sets' cut-offs",
        "SPPB 评分介于各标准的切点之间",
    ),
    (
        "disagreement.different_performance_tests",
        "The sets use different physical performance tests",
        "两套标准采用的躯体功能测试不同",
    ),
    ("disagreement.different_rules", "The sets' decision rules differ", "两套标准的判定规则不同"),
]

# One sentence on why AWGS 2025 and AWGS 2019 differ for a visit (compare.awgs_versions); {placeholders}
_AWGS_VERSIONS = [
    (
        "awgs_versions.under_50",
        "AWGS 2025 applies from age 50; AWGS 2019 was applied to this younger patient.",
        "AWGS 2025 适用于50岁及以上；本例较年轻，仅按 AWGS 2019 判定。",
    ),
    (
        "awgs_versions.insufficient_data",
        "One of the two versions lacks what it needs to decide; see what would complete each.",
        "两个版本之一缺少判定所需的数据；请查看各自需补充的项目。",
    ),
    (
        "awgs_versions.low_only_2025",
        "{test} {value} {unit} is low under AWGS 2025's cut-off for the patient's age band (< {cut_2025}) but "
        "not under AWGS 2019's (< {cut_2019}).",
        "{test} {value} {unit} 按 AWGS 2025 该年龄组切点（< {cut_2025}）为低，按 AWGS 2019 切点（< {cut_2019}）则不低。",
    ),
    (
        "awgs_versions.low_only_2019",
        "{test} {value} {unit} is low under AWGS 2019's cut-off (< {cut_2019}) but not under AWGS 2025's for the "
        "patient's age band (< {cut_2025}).",
        "{test} {value} {unit} 按 AWGS 2019 切点（< {cut_2019}）为低，按 AWGS 2025 该年龄组切点（< {cut_2025}）则不低。",
    ),
    (
        "awgs_versions.asm_bmi_low_2025",
        "AWGS 2025 also counts muscle mass adjusted for BMI: ASM/BMI {value} is below its cut-off (< {cut_2025}).",
        "AWGS 2025 亦采用 BMI 校正的肌肉量：ASM/BMI {value} 低于其切点（< {cut_2025}）。",
    ),
    (
        "awgs_versions.performance_is_outcome_2025",
        "AWGS 2019 counts low physical performance toward the diagnosis; AWGS 2025 shows it as an outcome only "
        "and requires low grip strength.",
        "AWGS 2019 将躯体功能低计入诊断；AWGS 2025 仅将其作为结局指标，诊断要求握力低。",
    ),
    (
        "awgs_versions.at_risk_2025",
        "Grip strength is normal, and AWGS 2025 names risk factors for sarcopenia, a category AWGS 2019 does not have.",
        "握力正常，但存在 AWGS 2025 所列肌少症危险因素；AWGS 2019 无此分类。",
    ),
    ("awgs_versions.no_severe_2025", "AWGS 2025 has no severe grade.", "AWGS 2025 不再区分严重肌少症。"),
    ("awgs_versions.different_rules", "The two versions' decision rules differ.", "两个版本的判定规则不同。"),
]

_ALL = (
    _SETS
    + _CATEGORIES
    + _COMPONENTS
    + _TESTS
    + _REASONS
    + _NEXT_STEPS
    + _TO_COMPLETE
    + _NOTES
    + _DISAGREEMENTS
    + _AWGS_VERSIONS
)

TEXT: dict[str, dict[str, str]] = {"en": {key: en for key, en, _ in _ALL}, "zh-hans": {key: zh for key, _, zh in _ALL}}


def label(code: str, lang: str) -> str:
    """The label for a namespaced code; KeyError for an unknown code or language, never a guess."""
    return TEXT[lang][code]


def category_label(set_code: str, category: str, lang: str) -> str:
    """A set's category: the same code reads differently per set (EWGSOP2 "probable", AWGS "possible")."""
    return label(f"category.{set_code}.{category}", lang)


def awgs_versions_sentence(reason: str, values: dict[str, object], lang: str) -> str:
    """The one sentence explaining an AWGS 2019 / AWGS 2025 difference, its values filled in."""
    shown = {
        k: (label(f"test.{v}", lang) if k == "test" else f"{v:g}" if isinstance(v, float) else v)
        for k, v in values.items()
    }
    if "unit" in shown:
        shown["unit"] = label(f"unit.{shown['unit']}", lang)
    return label(f"awgs_versions.{reason}", lang).format(**shown)
