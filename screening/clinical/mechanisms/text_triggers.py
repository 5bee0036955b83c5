"""Trigger phrases: how one fired comparison reads, in English and Simplified Chinese.

Keyed by `Trigger.key` ("<field> <operator>[,<upper operator>]", or "<field> == <value>"), so every
rule that makes the same comparison reads the same way; a test checks every key any rule can produce
has both languages. Placeholders: {value}, {threshold}, {upper}. Numbers come from the trigger, never
from here (thresholds live once, in the kb_* modules).
"""

from __future__ import annotations

TRIGGER_TEMPLATES: dict[str, dict[str, str]] = {
    # Malnutrition (mechanisms.md §4.2 M01)
    "mna_sf_score <=": {
        "en": "MNA-SF {value}, at or below {threshold} (malnourished range)",
        "zh-hans": "MNA-SF {value} 分，不高于 {threshold} 分（营养不良范围）",
    },
    "mna_sf_score >=,<=": {
        "en": "MNA-SF {value}, within {threshold}–{upper} (at risk of malnutrition)",
        "zh-hans": "MNA-SF {value} 分，处于 {threshold}–{upper} 分（有营养不良风险）",
    },
    "weight_loss_pct_6mo >": {
        "en": "weight loss {value}% within 6 months, above {threshold}%",
        "zh-hans": "6 个月内体重下降 {value}%，超过 {threshold}%",
    },
    "weight_loss_pct_gt6mo >": {
        "en": "weight loss {value}% over more than 6 months, above {threshold}%",
        "zh-hans": "6 个月以上体重下降 {value}%，超过 {threshold}%",
    },
    "age_years <": {"en": "age {value}, under {threshold}", "zh-hans": "年龄 {value} 岁，小于 {threshold} 岁"},
    "age_years >=": {"en": "age {value}, {threshold} or over", "zh-hans": "年龄 {value} 岁，不小于 {threshold} 岁"},
    "bmi_rounded <": {
        "en": "BMI {value} kg/m², below {threshold} kg/m²",
        "zh-hans": "BMI {value} kg/m²，低于 {threshold} kg/m²",
    },
    "intake_pct_energy_req <=": {
        "en": "intake {value}% of energy needs, at or below {threshold}%",
        "zh-hans": "摄入量为能量需要的 {value}%，不高于 {threshold}%",
    },
    "intake_reduced_days >": {
        "en": "intake reduced for {value} days, longer than {threshold} days",
        "zh-hans": "摄入减少已 {value} 天，超过 {threshold} 天",
    },
    "snaq_score <=": {
        "en": "SNAQ {value}, at or below {threshold}",
        "zh-hans": "SNAQ {value} 分，不高于 {threshold} 分",
    },
    "albumin_g_l <": {
        "en": "albumin {value} g/L, below {threshold} g/L",
        "zh-hans": "白蛋白 {value} g/L，低于 {threshold} g/L",
    },
    "lymphocyte_count_per_ul <": {
        "en": "lymphocytes {value}/µL, below {threshold}/µL",
        "zh-hans": "淋巴细胞 {value}/µL，低于 {threshold}/µL",
    },
    # Inflammation (M02)
    "hs_crp_mg_l >": {
        "en": "hs-CRP {value} mg/L, above {threshold} mg/L",
        "zh-hans": "hs-CRP {value} mg/L，高于 {threshold} mg/L",
    },
    "hs_crp_mg_l >,<=": {
        "en": "hs-CRP {value} mg/L, above {threshold} and up to {upper} mg/L",
        "zh-hans": "hs-CRP {value} mg/L，高于 {threshold} 且不超过 {upper} mg/L",
    },
    "hs_crp_repeat_mg_l >,<=": {
        "en": "repeat hs-CRP {value} mg/L, above {threshold} and up to {upper} mg/L",
        "zh-hans": "复查 hs-CRP {value} mg/L，高于 {threshold} 且不超过 {upper} mg/L",
    },
    "il6_pg_ml >": {
        "en": "IL-6 {value} pg/mL, above the {threshold} pg/mL cut-off used in one cohort study",
        "zh-hans": "IL-6 {value} pg/mL，高于一项队列研究采用的 {threshold} pg/mL 界值",
    },
    "tnf_alpha_pg_ml >": {
        "en": "TNF-α {value} pg/mL, above the laboratory's upper limit of {threshold} pg/mL",
        "zh-hans": "TNF-α {value} pg/mL，高于实验室参考上限 {threshold} pg/mL",
    },
    "conditions has_any": {"en": "recorded condition: {value}", "zh-hans": "已记录疾病：{value}"},
    "medications has_any": {"en": "recorded medicine: {value}", "zh-hans": "已记录用药：{value}"},
    # Vitamin D (M03)
    "vitamin_d_25oh_ng_ml <": {
        "en": "25(OH)D {value} ng/mL, below {threshold} ng/mL",
        "zh-hans": "25(OH)D {value} ng/mL，低于 {threshold} ng/mL",
    },
    "vitamin_d_25oh_ng_ml >=,<": {
        "en": "25(OH)D {value} ng/mL, from {threshold} to below {upper} ng/mL",
        "zh-hans": "25(OH)D {value} ng/mL，不低于 {threshold} 且低于 {upper} ng/mL",
    },
    # Hypogonadism (M04)
    "total_testosterone_ng_dl <": {
        "en": "total testosterone {value} ng/dL, below {threshold} ng/dL",
        "zh-hans": "总睾酮 {value} ng/dL，低于 {threshold} ng/dL",
    },
    "total_testosterone_repeat_ng_dl <": {
        "en": "repeat total testosterone {value} ng/dL, below {threshold} ng/dL",
        "zh-hans": "复查总睾酮 {value} ng/dL，低于 {threshold} ng/dL",
    },
    "hypogonadal_symptoms == True": {
        "en": "symptoms or signs of low testosterone recorded",
        "zh-hans": "已记录睾酮偏低的症状或体征",
    },
    "total_testosterone_ng_dl not_recorded": {"en": "total testosterone not measured", "zh-hans": "未检测总睾酮"},
    # Hormonal status (M05)
    "igf1_ng_ml <": {
        "en": "IGF-1 {value} ng/mL, below the laboratory's lower limit of {threshold} ng/mL",
        "zh-hans": "IGF-1 {value} ng/mL，低于实验室参考下限 {threshold} ng/mL",
    },
    "hba1c_pct >=": {
        "en": "HbA1c {value}%, at or above {threshold}%",
        "zh-hans": "HbA1c {value}%，不低于 {threshold}%",
    },
    "hba1c_pct >=,<": {
        "en": "HbA1c {value}%, from {threshold}% to below {upper}%",
        "zh-hans": "HbA1c {value}%，不低于 {threshold}% 且低于 {upper}%",
    },
    # Inactivity (M06)
    "mvpa_min_week <": {
        "en": "moderate-to-vigorous activity {value} min/week, below {threshold} min/week",
        "zh-hans": "中高强度活动每周 {value} 分钟，少于 {threshold} 分钟",
    },
    "mobility == bed_or_chair_bound": {"en": "bed- or chair-bound", "zh-hans": "卧床或仅能坐于椅上"},
    "strength_days_week <": {
        "en": "muscle-strengthening activity on {value} days a week, fewer than {threshold}",
        "zh-hans": "每周肌力训练 {value} 天，少于 {threshold} 天",
    },
    "hospitalised_last_90d == True": {"en": "hospital stay in the last 90 days", "zh-hans": "近 90 天内曾住院"},
    # Protein anabolism (M10)
    "protein_intake_g_kg_day <": {
        "en": "protein intake {value} g/kg/day, below {threshold} g/kg/day",
        "zh-hans": "蛋白质摄入 {value} g/kg/天，低于 {threshold} g/kg/天",
    },
    "egfr_ml_min_1_73m2 >=": {
        "en": "eGFR {value} mL/min/1.73 m², at or above {threshold}",
        "zh-hans": "eGFR {value} mL/min/1.73 m²，不低于 {threshold}",
    },
    "egfr_ml_min_1_73m2 <": {
        "en": "eGFR {value} mL/min/1.73 m², below {threshold}",
        "zh-hans": "eGFR {value} mL/min/1.73 m²，低于 {threshold}",
    },
    "egfr_ml_min_1_73m2 not_recorded": {"en": "eGFR not recorded", "zh-hans": "未记录 eGFR"},
    "dialysis == False": {"en": "not on dialysis", "zh-hans": "未透析"},
}

CODE_LABELS: dict[str, dict[str, str]] = {
    "diabetes": {"en": "diabetes", "zh-hans": "糖尿病"},
    "ckd": {"en": "chronic kidney disease", "zh-hans": "慢性肾脏病"},
    "copd": {"en": "COPD", "zh-hans": "慢性阻塞性肺疾病"},
    "chronic_heart_failure": {"en": "chronic heart failure", "zh-hans": "慢性心力衰竭"},
    "active_cancer": {"en": "active cancer", "zh-hans": "活动性恶性肿瘤"},
    "rheumatoid_arthritis": {"en": "rheumatoid arthritis", "zh-hans": "类风湿关节炎"},
    "ibd": {"en": "inflammatory bowel disease", "zh-hans": "炎症性肠病"},
    "osteoporosis": {"en": "osteoporosis", "zh-hans": "骨质疏松症"},
    "glucocorticoid_systemic_chronic": {
        "en": "long-term systemic glucocorticoids",
        "zh-hans": "长期全身使用糖皮质激素",
    },
    "opioid_chronic": {"en": "long-term opioids", "zh-hans": "长期使用阿片类药物"},
    "chemotherapy_recent": {"en": "recent chemotherapy", "zh-hans": "近期化疗"},
    "androgen_deprivation": {"en": "androgen-deprivation therapy", "zh-hans": "雄激素剥夺治疗"},
}
LIST_SEPARATORS = {"en": ", ", "zh-hans": "、"}
