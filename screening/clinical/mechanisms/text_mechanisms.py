"""Per-mechanism explanations in our own words: a clinician text and a one- or two-sentence patient text.

Limits (DECISIONS.md §6): explain and suggest what to consider; never a dose, a diagnosis or a drug
recommendation. Figures the review gives that did not check out (mechanisms.md §3, §7) are not used.
The shared closing line (MAINSTAY) is appended to every clinician text by `text.mechanism_text`.
"""

from __future__ import annotations

MAINSTAY = {
    "en": "Exercise and nutrition remain the mainstay of prevention and treatment; no medicine is approved "
    "for sarcopenia. These flags point to contributors to review; they are not diagnoses.",
    "zh-hans": "运动和营养仍是预防与治疗的主要手段；目前没有获批用于肌少症的药物。这些提示只指出值得复核的"
    "可能因素，并非诊断。",
}

CLINICIAN: dict[str, dict[str, str]] = {
    "malnutrition": {
        "en": "Poor intake, and the loss of appetite common in later life, leave muscle short of the energy "
        "and protein it needs to maintain itself. The review names malnutrition, especially "
        "anorexia, as a cause without describing a mechanism. Consider a full nutritional "
        "assessment (full MNA or GLIM) and dietitian referral as locally advised, and look for "
        "reasons for poor appetite: mouth or teeth problems, difficulty swallowing, low mood, "
        "medicines and illness. Albumin is a poor guide to nutrition when inflammation is present.",
        "zh-hans": "进食不足以及老年常见的食欲下降，使肌肉得不到维持自身所需的能量和蛋白质。综述将营养不良"
        "（尤其是厌食）列为病因之一，但未阐述机制。可考虑按当地规范进行完整营养评估（完整版 MNA "
        "或 GLIM 标准）并转介营养师；同时查找食欲差的原因，如口腔或牙齿问题、吞咽困难、情绪低落、"
        "药物和疾病。存在炎症时，白蛋白难以反映营养状况。",
    },
    "inflammation": {
        "en": "Ageing brings a chronic low-grade inflammatory state. In the chain the review describes, "
        "TNF-α acts through TRAF6 to activate NF-κB, which switches on the atrophy genes MuRF-1 and "
        "MAFbx and drives ubiquitin–proteasome breakdown of muscle fibres; this was shown in mice "
        "and cultured cells. In people, higher IL-6 and CRP go with weaker grip and faster loss of "
        "strength. In the Copenhagen cohort inflammation related more to function than to muscle "
        "mass, and its authors concluded that chronic low-grade inflammation is not the main driver "
        "of age-related muscle loss. The hs-CRP bands come from cardiovascular guidance; the IL-6 cut-off is a "
        "study cut-off (Schaap 2006), not a clinical one; TNF-α has no clinical cut-off. Consider "
        "looking for and optimising any underlying inflammatory disease, and repeating hs-CRP when "
        "the patient is clinically stable. No anti-inflammatory drug is established for "
        "sarcopenia: the review's idea that lowering inflammation restores function is a "
        "hypothesis.",
        "zh-hans": "衰老伴随慢性低度炎症状态。综述描述的通路是：TNF-α 经 TRAF6 激活 NF-κB，开启萎缩基因 "
        "MuRF-1 与 MAFbx，经泛素–蛋白酶体途径分解肌纤维；这来自小鼠和细胞实验。在人群中，"
        "IL-6 和 CRP 较高者握力较弱、肌力下降较快；哥本哈根队列中，炎症与身体功能的关系强于与肌肉"
        "量的关系，作者认为慢性低度炎症并非增龄性肌肉流失的主要驱动因素。hs-CRP 分级来自心血管领域指南；IL-6 界值是单项研究采用的界值（Schaap 2006），"
        "并非临床界值；TNF-α 没有临床界值。可考虑查找并优化潜在的炎症性疾病，并在病情稳定后复查 "
        "hs-CRP。目前没有已证实可用于肌少症的抗炎药物：综述提出的“降低炎症可恢复功能”仍是假说。",
    },
    "vitamin_d": {
        "en": "Low vitamin D is common in older people and goes with muscle pain, weakness and a higher "
        "risk of sarcopenia, although large trials and laboratory studies disagree about its role "
        "in muscle loss. The review describes three routes: more protein breakdown through the "
        "ubiquitin–proteasome pathway; a weaker mitochondrial energy supply; and, in mice, cell "
        "senescence with release of TNF-α and IL-6, which links it to inflammation. The 20 and 30 "
        "ng/mL cut-offs used here are the 2011 Endocrine Society / IOM categories; the Endocrine "
        "Society's 2024 guideline no longer endorses fixed thresholds and advises against routine "
        "testing without an indication. Whether and how to correct a low level is for local "
        "guidance, with attention to calcium and kidney function.",
        "zh-hans": "维生素D缺乏在老年人中常见，常伴肌痛、肌无力，并与肌少症风险升高相关；但大型试验和实验室研究"
        "对其在肌肉流失中的作用结论不一。综述描述了三条途径：经泛素–蛋白酶体途径的蛋白分解增加；"
        "线粒体供能减弱；以及在小鼠中出现细胞衰老并释放 TNF-α 和 IL-6，由此与炎症相连。此处采用的 "
        "20 和 30 ng/mL 界值是 2011 年美国内分泌学会 / IOM 的分类；美国内分泌学会 2024 年指南已不再"
        "认可固定阈值，并建议无指征时不做常规检测。是否以及如何纠正偏低水平，应按当地规范决定，并"
        "关注血钙和肾功能。",
    },
    "hypogonadism": {
        "en": "The review names hypogonadism as a cause without describing a mechanism. Testosterone "
        "supports muscle-protein synthesis, so a low level can add to the other contributors "
        "flagged here. The threshold follows the AUA 2018 guideline, which asks for two "
        "early-morning total testosterone results plus symptoms or signs. Consider a repeat "
        "early-morning sample and asking about symptoms; further endocrine work-up and any "
        "treatment decision belong to a specialist or local guidance. The AUA also lists diabetes, "
        "bone loss, long-term glucocorticoid or opioid use and chemotherapy as reasons to measure.",
        "zh-hans": "综述将性腺功能减退列为病因之一，但未阐述机制。睾酮促进肌肉蛋白质合成，因此睾酮偏低可能与"
        "此处提示的其他因素叠加。阈值采用美国泌尿外科学会（AUA）2018 年指南：需两次清晨总睾酮结果"
        "偏低，并伴相应症状或体征。可考虑清晨复查并询问症状；进一步的内分泌评估和任何治疗决定应由"
        "专科医生或按当地规范作出。AUA 还将糖尿病、骨量减少、长期使用糖皮质激素或阿片类药物以及"
        "化疗列为检测指征。",
    },
    "hormonal": {
        "en": "Anabolic hormone signals such as IGF-1 fall with age, and insulin acts less well in "
        "diabetes; both weaken the drive to build muscle protein. The review names hormonal status "
        "without developing it. IGF-1 has no single cut-off: compare it with the laboratory's age- "
        "and sex-specific range, and remember it also falls with undernutrition (see malnutrition). "
        "The HbA1c bands are the ADA's. Consider reviewing glycaemic control and endocrine status "
        "as locally advised.",
        "zh-hans": "IGF-1 等合成代谢激素信号随年龄下降，糖尿病时胰岛素作用减弱，两者都会削弱肌肉蛋白质合成。"
        "综述提到激素状态，但未展开。IGF-1 没有统一界值，应与实验室按年龄和性别给出的参考范围比较；"
        "营养不足时 IGF-1 也会下降（参见营养不良）。HbA1c 分级采用美国糖尿病协会（ADA）标准。可考虑"
        "按当地规范复核血糖控制和内分泌状况。",
    },
    "inactivity": {
        "en": "Muscle that is not used is lost, and older people regain it slowly, so inactivity both "
        "causes and worsens sarcopenia. The activity targets are the WHO 2020 recommendations for "
        "older adults; a recent hospital stay or being bed- or chair-bound counts because it brings "
        "rapid disuse. Consider a structured, progressive resistance and balance programme adapted "
        "to the person's health, with physiotherapy referral as locally advised.",
        "zh-hans": "肌肉不用就会流失，而老年人恢复缓慢，因此缺乏运动既是肌少症的原因，也会使其加重。活动目标"
        "采用世界卫生组织 2020 年对老年人的建议；近期住院或卧床或仅能坐于椅上同样计入，因为会导致肌肉"
        "迅速废用。可考虑根据个人健康状况安排循序渐进的抗阻与平衡训练，并按当地规范转介康复科（物理治疗）。",
    },
    "neuromuscular_junction": {
        "en": "The neuromuscular junction is where a motor nerve passes its signal to a muscle fibre. "
        "Research links age-related changes at the junction, with some fibres losing their nerve "
        "supply, to loss of strength. The review names it as a cause without developing it. No "
        "routine clinical test reflects it, so it is explained here and never flagged.",
        "zh-hans": "神经肌肉接头是运动神经把信号传给肌纤维的部位。研究认为，接头随年龄发生的改变（部分肌纤维"
        "失去神经支配）与肌力下降有关。综述将其列为病因之一，但未展开。目前没有反映这一环节的常规"
        "临床检查，因此这里只作说明，不会被标记。",
    },
    "gut_microbiota": {
        "en": "Changes in the gut microbiota with age may affect inflammation, nutrient absorption and "
        "muscle, a proposed gut–muscle axis. The review names gut dysbiosis as a cause without "
        "developing it. There is no validated routine clinical measure, so it is explained here and "
        "never flagged.",
        "zh-hans": "随年龄改变的肠道菌群可能影响炎症、营养吸收和肌肉，即所谓“肠–肌轴”。综述将肠道菌群失调"
        "列为病因之一，但未展开。目前没有经过验证的常规临床指标，因此这里只作说明，不会被标记。",
    },
    "mitochondrial": {
        "en": "Mitochondria supply the energy muscle fibres need, and their function declines with age. "
        "The review names mitochondrial dysfunction as a cause, and its vitamin D chain includes a "
        "mitochondrial step shown in cultured human muscle cells and in mice. There is no routine "
        "clinical measure, so this mechanism is only noted when a driver that may act through it "
        "is present (low activity, low vitamin D, diabetes-range HbA1c); address those drivers "
        "under their own headings.",
        "zh-hans": "线粒体为肌纤维提供所需能量，其功能随年龄下降。综述将线粒体功能障碍列为病因之一，其维生素D"
        "通路也包含线粒体环节（见于体外培养的人肌细胞和小鼠）。目前没有常规临床指标，因此只有当存在"
        "可能经此起作用的因素（活动不足、维生素D偏低、HbA1c 达糖尿病范围）时才作提示；请在相应条目"
        "下处理这些因素。",
    },
    "protein_anabolism": {
        "en": "Older muscle builds protein less readily after meals and exercise, so an intake that "
        "serves younger adults may fall short. The intake thresholds come from the PROT-AGE and "
        "ESPEN expert groups and are consensus values. Consider a dietitian review of protein "
        "intake and how it is spread across meals, and check kidney function before any increase; "
        "with low eGFR and no dialysis the target needs renal or specialist input. Low testosterone "
        "and low IGF-1 also reduce protein synthesis (see hypogonadism and hormonal status).",
        "zh-hans": "老年人的肌肉在进食和运动后合成蛋白质的能力减弱，对年轻人足够的摄入量对老年人可能不足。摄入"
        "量阈值来自 PROT-AGE 和 ESPEN 专家组，属于共识值。可考虑请营养师评估蛋白质摄入量及其在各餐"
        "中的分配，并在增加摄入前检查肾功能；eGFR 偏低且未透析者，目标需听取肾科或专科意见。睾酮"
        "偏低和 IGF-1 偏低也会减少蛋白质合成（参见性腺功能减退和激素状态）。",
    },
    "immunosenescence": {
        "en": "With age the immune system changes (immunosenescence): senescent immune cells accumulate, "
        "the mucosal barrier weakens and a subclinical inflammatory state follows, which feeds the "
        "inflammation mechanism. Muscle repair also depends on immune cells: in laboratory work, "
        "proteins secreted by young adults' lymphocytes helped muscle cells grow and migrate, and "
        "this support was weaker with cells from older adults. A low lymphocyte count is "
        "non-specific; consider other causes such as infection, medicines, malignancy and "
        "undernutrition. There is no sarcopenia-specific action; T-cell subsets are of research "
        "interest only.",
        "zh-hans": "随着年龄增长，免疫系统发生改变（免疫衰老）：衰老免疫细胞积累，黏膜屏障减弱，继而出现亚临床"
        "炎症，并汇入炎症机制。肌肉修复也依赖免疫细胞：实验研究中，年轻人淋巴细胞分泌的蛋白能促进"
        "肌细胞增殖和迁移，而来自老年人的细胞这种支持作用较弱。淋巴细胞计数偏低缺乏特异性，应考虑"
        "感染、药物、恶性肿瘤和营养不足等其他原因。目前没有针对肌少症的特定处理；T 细胞亚群仅具"
        "研究意义。",
    },
}

PATIENT: dict[str, dict[str, str]] = {
    "malnutrition": {
        "en": "Your answers or results suggest you may not be eating enough, which can weaken muscles. "
        "Your care team may look at your meals and appetite with you.",
        "zh-hans": "您的问卷或检查结果提示进食可能不足，这会使肌肉变弱。医护人员可能会和您一起看看饮食和食欲。",
    },
    "inflammation": {
        "en": "Some of your results suggest ongoing low-level inflammation, which is linked with weaker "
        "muscles. Your care team will check whether an underlying condition needs attention.",
        "zh-hans": "您的部分检查结果提示体内存在持续的轻度炎症，这与肌肉变弱有关。医护人员会查看是否有需要处理"
        "的基础疾病。",
    },
    "vitamin_d": {
        "en": "Your vitamin D result was on the low side, which is linked with weaker muscles. Your care "
        "team will discuss whether anything should change.",
        "zh-hans": "您的维生素D检测结果偏低，这与肌肉无力有关。医护人员会与您讨论是否需要调整。",
    },
    "hypogonadism": {
        "en": "Your testosterone result was low, which can add to muscle loss. Your clinician may repeat "
        "the test and ask about related symptoms.",
        "zh-hans": "您的睾酮检测结果偏低，可能加重肌肉流失。医生可能会复查，并询问相关症状。",
    },
    "hormonal": {
        "en": "Some of your hormone or blood-sugar results may be affecting how your muscles are "
        "maintained. Your care team will review them with you.",
        "zh-hans": "您的部分激素或血糖结果可能影响肌肉的维持。医护人员会与您一起复核。",
    },
    "inactivity": {
        "en": "You may not be moving enough to keep your muscles strong. Your care team can help you "
        "find safe exercises that suit you.",
        "zh-hans": "您目前的活动量可能不足以保持肌肉力量。医护人员可以帮您找到安全、适合您的锻炼方式。",
    },
    "neuromuscular_junction": {
        "en": "Ageing can change how nerves pass signals to muscles, and there is no routine test for "
        "this. Regular exercise and good nutrition remain the best support for your muscles.",
        "zh-hans": "衰老可能改变神经向肌肉传递信号的方式，这方面没有常规检查。规律运动和良好营养仍是对肌肉最好的支持。",
    },
    "gut_microbiota": {
        "en": "The bacteria in your gut may play a part in muscle health, but there is no routine test "
        "for this. A varied diet and regular activity are the best-supported steps.",
        "zh-hans": "肠道细菌可能与肌肉健康有关，但目前没有常规检查。多样化饮食和规律活动是证据较充分的做法。",
    },
    "mitochondrial": {
        "en": "The energy-producing parts of your muscle cells may work less well with age. Staying "
        "active and dealing with the other flagged factors is the best-supported way to help them.",
        "zh-hans": "肌肉细胞中产生能量的结构可能随年龄增长而效率下降。保持活动并处理其他被提示的因素，是证据"
        "较充分的帮助方式。",
    },
    "protein_anabolism": {
        "en": "You may not be eating enough protein for your muscles to repair themselves. A dietitian "
        "can help you adjust your meals safely.",
        "zh-hans": "您摄入的蛋白质可能不足以让肌肉自我修复。营养师可以帮您安全地调整饮食。",
    },
    "immunosenescence": {
        "en": "Your blood count showed fewer of one type of white blood cell, which can go with immune "
        "ageing. It is a common, non-specific finding that your clinician will look into.",
        "zh-hans": "您的血常规显示某类白细胞偏少，这可能与免疫衰老有关。这是常见且非特异的表现，医生会进一步查看。",
    },
}
