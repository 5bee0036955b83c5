"""The take-home report's own wording, in English and Simplified Chinese.

The report language is chosen per download, independently of the interface language, and the project
has no gettext catalogue yet; so, like the engine's labels (`screening.clinical.text`), the words sit
here side by side and a missing key fails loudly. Clinical labels (sets, categories, tests, outcomes,
mechanisms) come from the engine; "what this means" follows mechanisms.md §5.
"""

from __future__ import annotations

from screening.display import LANGS

_WORDS: dict[str, tuple[str, str]] = {  # key: (English, Simplified Chinese)
    "title": ("Sarcopenia screening report", "肌少症筛查报告"),
    "colon": (": ", "："),
    "sep": ("; ", "；"),
    "in_unit": (" ({unit})", "（{unit}）"),
    "subtitle": ("Your results from this visit, to take home", "本次就诊结果（供您带回家阅读）"),
    "name": ("Name", "姓名"),
    "identifier": ("ID", "编号"),
    "sex": ("Sex", "性别"),
    "sex.M": ("Male", "男"),
    "sex.F": ("Female", "女"),
    "age": ("Age", "年龄"),
    "age_value": ("{age} years", "{age} 岁"),
    "visit_date": ("Visit date", "就诊日期"),
    "clinician": ("Clinician", "医生"),
    "clinic": ("Clinic", "机构"),
    "primary_set": ("Criteria used", "采用标准"),
    "result": ("Result", "筛查结论"),
    "decided_by": ("Decided by", "判定依据"),
    "next_step": ("Suggested next step (your clinician decides)", "建议的下一步（由医生决定）"),
    "case_finding": ("Case finding", "病例筛查"),
    "to_complete": ("To complete the assessment", "尚需完成"),
    "measurements": ("Your measurements", "测量结果"),
    "measure": ("Measure", "项目"),
    "value": ("Value", "结果"),
    "cutoff": ("Cut-off", "切点"),
    "finding": ("Finding", "判定"),
    "cutoffs_of": ("Cut-offs and findings", "切点与判定依据"),
    "calculated": ("(calculated)", "（计算值）"),
    "unable": ("unable to perform", "无法完成"),
    "height": ("Height", "身高"),
    "weight": ("Weight", "体重"),
    "bmi": ("Body mass index (BMI)", "体重指数（BMI）"),
    "bands": ("Where your values lie", "您的数值与切点"),
    "band_low": ("low", "偏低"),
    "band_normal": ("normal", "正常"),
    "sets": ("Results under each criteria set", "各诊断标准的结果"),
    "set": ("Criteria set", "标准"),
    "primary_tag": ("used by this clinic", "本机构采用"),
    "sets_note": (
        "The sets use different cut-offs, so they can disagree; your clinician goes by the set this clinic uses.",
        "各标准的切点不同，结论可能不一致；医生以本机构采用的标准为准。",
    ),
    "trends": ("Changes across your visits", "历次就诊的变化"),
    "trends_note": (
        "Dashed line: the cut-off of {set}; shaded area: below the cut-off; "
        "vertical line: the result changed at that visit.",
        "虚线：{set} 的切点；阴影：低于切点；竖线：该次就诊结论有变化。",
    ),
    "trend_categories": ("Result under {set} at each visit", "历次就诊在 {set} 下的结论"),
    "changed": (" (changed)", "（有变化）"),
    "chart.grip_strength": ("Grip strength", "握力"),
    "chart.gait_speed": ("Gait speed", "步速"),
    "chart.asmi": ("Muscle mass index (ASMI)", "肌肉量指数（ASMI）"),
    "mechanisms": ("What may be contributing", "可能的相关因素"),
    "mechanisms_intro": (
        "These flags point to things that can often be changed (nutrition, activity, vitamin D, "
        "inflammation-related illness, hormones) for your clinician to review with you. They "
        "are not diagnoses.",
        "以下提示指出一些通常可以改善的因素（营养、活动、维生素D、与炎症相关的疾病、激素），"
        "供医生与您一起复核。它们不是诊断。",
    ),
    "likely": ("Likely involved", "很可能相关"),
    "possible": ("Possibly involved", "可能相关"),
    "because": ("In your results", "您的结果"),
    "references": ("References", "参考文献"),
    "what_this_means": ("What this means", "这对您意味着什么"),
    "disclaimer_title": ("Please note", "请注意"),
    "disclaimer": (
        "This report summarises a screening visit. It is not a diagnosis on its own and does not "
        "replace a consultation; bring it to your next appointment. Your clinician decides about "
        "further tests and treatment.",
        "本报告汇总了一次筛查就诊的结果，本身不构成诊断，也不能代替就诊；请在下次就诊时带上本报告。"
        "是否需要进一步检查和治疗，由医生决定。",
    ),
    "signature": ("Clinician's signature", "医生签名"),
    "date": ("Date", "日期"),
    "verify": (
        "Report fingerprint (SHA-256); clinic staff can check it at /reports/verify",
        "报告指纹（SHA-256），机构工作人员可在 /reports/verify 核验",
    ),
    "page": ("Page ", "第 "),
    "page_of": (" of ", " 页，共 "),
    "page_end": ("", " 页"),
    "rule_set": ("Rule set", "规则版本"),
    "generated": ("Generated", "生成于"),
}

# mechanisms.md §5, "the review's conclusions on management", in words for patients.
_WHAT_THIS_MEANS: tuple[tuple[str, str], ...] = (
    (
        "Exercise and good nutrition are the main ways to prevent and treat sarcopenia.",
        "运动和合理营养是预防和治疗肌少症的主要方式。",
    ),
    ("No medicine is approved for sarcopenia.", "目前没有获批用于治疗肌少症的药物。"),
    (
        "Intensive exercise or a high protein intake does not suit everyone, especially with other illnesses; "
        "your clinician will suggest what is safe for you.",
        "高强度运动或高蛋白饮食并不适合所有人，尤其是同时患有其他疾病时；医生会建议适合您的安全方式。",
    ),
    ("Finding muscle loss early helps to delay frailty.", "及早发现肌肉流失，有助于延缓衰弱。"),
    (
        "Sarcopenia has several causes, and there is no single worldwide standard for diagnosing it; "
        "your clinician decides what to do next with you.",
        "肌少症由多种原因引起，全球也没有统一的诊断标准；下一步怎么做，由医生与您一起决定。",
    ),
)


def _index(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; expected one of {', '.join(LANGS)}")
    return 0 if lang == "en" else 1


def words(lang: str) -> dict[str, str]:
    """Every fixed phrase of the report in one language."""
    i = _index(lang)
    return {key: pair[i] for key, pair in _WORDS.items()}


def what_this_means(lang: str) -> list[str]:
    i = _index(lang)
    return [pair[i] for pair in _WHAT_THIS_MEANS]
