"""Simplified Chinese (zh-hans) for every msgid of locale/zh_Hans/LC_MESSAGES/django.po.

The .po is generated; this dictionary is the source of the translations, so re-extracting never loses
them. Run `scripts/i18n/update.py` (extract → apply → compile). A msgid with a plural form takes one
Chinese string (zh has one plural form). Keep every %(name)s placeholder and every %% exactly.

Terms (mainland clinical usage, matching screening/clinical/text.py): 肌少症, 握力, 步速, 5次起坐试验,
起立-行走计时测试（TUG）, 简易体能状况量表（SPPB）, 小腿围, 四肢骨骼肌质量（ASM）, 四肢骨骼肌质量指数（ASMI）,
肌肉量测量方法, DXA/BIA. SARC-F follows the English original (criteria.md §7.1): "a flight of 10 stairs"
is 10级台阶 (steps, not 10层 floors); falls 无 / 1–3次 / 4次及以上; positive at ≥4分.
"""

from __future__ import annotations

from pathlib import Path

T: dict[str, str] = {
    # --- visit page: verdict first ------------------------------------------------------------------
    "cut-off": "切点",
    "Other criteria sets": "其他诊断标准",
    "%(higher)s find sarcopenia where %(lower)s do not: %(why)s.": "%(higher)s 判定为肌少症，而 %(lower)s 未判定：%(why)s。",
    "%(higher)s grade it severe where %(lower)s do not: %(why)s.": "%(higher)s 判定为严重肌少症，而 %(lower)s 未判定：%(why)s。",
    "History and clinical judgement": "病史与临床判断",
    "not recorded": "未记录",
    "none of those listed": "无所列情况",
    "row %(n)s: %(msg)s": "第 %(n)s 行：%(msg)s",
    "Enter at least one measured value: grip strength, chair stand, muscle mass, gait speed, SPPB, TUG, 400 m walk, SARC-F or calf circumference. Nothing was saved.":
        "请至少录入一项测量值：握力、5次起坐试验、肌肉量、步速、SPPB、TUG、400 米步行、SARC-F 或小腿围。本次未保存任何内容。",
    "Download PDF reports (ZIP)": "下载 PDF 报告（ZIP）",
    "Select at most %(max)s visits for one ZIP of reports (%(count)s selected).":
        "一个报告 ZIP 最多包含 %(max)s 次就诊（已选 %(count)s 次）。",
    "EWGSOP2 category": "EWGSOP2 分类",
    "AWGS 2019 category": "AWGS 2019 分类",
    "FNIH category": "FNIH 分类",
    "SDOC category": "SDOC 分类",
    # --- admin, cohorts ---------------------------------------------------------------------------
    "Cohort": "队列",
    "cohort": "队列",
    "cohorts": "队列",
    "Add selected patients to cohort…": "将所选患者加入队列…",
    "%(n)d patients added to %(cohort)s.": "已将 %(n)d 名患者加入队列“%(cohort)s”。",
    "Remove selected patients from cohort…": "将所选患者移出队列…",
    "Remove from cohort": "移出队列",
    "%(n)d patients removed from %(cohort)s.": "已将 %(n)d 名患者移出队列“%(cohort)s”。",
    "%(n)s patient selected.": "已选择 %(n)s 名患者。",
    "Add to cohort": "加入队列",
    "more than %(n)s %(name)s: filter or search to narrow the list": "%(name)s超过 %(n)s 条：请筛选或搜索以缩小范围",
    "Show all": "显示全部",
    "many results": "结果很多",
    "%(counter)s result": "%(counter)s 条结果",  # Django admin's own wording, without its stray full stop
    "%(full_result_count)s total": "总共 %(full_result_count)s",
    "mechanism likely": "很可能相关的机制",
    "No result": "无结果",
    "grip (kg)": "握力（kg）",
    "gait (m/s)": "步速（m/s）",
    "ASMI (kg/m²)": "四肢骨骼肌质量指数（kg/m²）",
    "description": "描述",
    "printed report": "已打印报告",
    "printed reports": "已打印报告",
    "login": "登录",
    "failed login": "登录失败",
    "logout": "退出登录",
    "export": "导出",
    "report download": "报告下载",
    "import": "导入",
    "object id or export scope": "对象 ID 或导出范围",
    "access event": "访问事件",
    "access log": "访问日志",
    # --- cohort dashboard and work lists --------------------------------------------------------
    "Sarcopenia screening": "肌少症筛查",
    "All patients": "全部患者",
    "Age under 60": "60岁以下",
    "Age %(band)s": "%(band)s岁",
    "%(a)s × %(b)s, latest visits": "%(a)s × %(b)s（最近一次就诊）",
    "First visit": "首次就诊",
    "Latest visit": "最近一次就诊",
    "No values": "无数值",
    "All": "全部",
    "Visits from": "就诊日期自",
    "Visits to": "就诊日期至",
    "The end date is before the start date.": "结束日期早于开始日期。",
    "Pseudonymise": "假名化处理",
    "Due for reassessment": "到期待复评",
    "Unconfirmed unusual values": "未确认的异常值",
    "Assessment to complete": "待完成的评估",
    "Implausible changes between visits": "两次就诊间不合理的变化",
    "Filters": "筛选条件",
    "Apply": "应用",
    "Clear": "清除",
    "Cohort review": "队列审阅",
    "Dashboard": "仪表盘",
    "Pages": "分页",
    "Previous": "上一页",
    "Page %(n)s of %(total)s (%(count)s in all)": "第 %(n)s/%(total)s 页（共 %(count)s 条）",
    "Next": "下一页",
    "Summary": "概览",
    "%(p)s patients, %(v)s visits.": "%(p)s 名患者，%(v)s 次就诊。",
    "Prevalence, agreement, distributions and mechanisms count each patient once, at the patient’s latest "
    "visit within these filters. Under each set, patients whose latest visit has insufficient data are left "
    "out of the denominator and counted separately. Brackets: 95%% confidence interval (Wilson score).":
        "患病率、一致性、分布和机制统计中，每名患者只计一次，取其在当前筛选条件下的最近一次就诊。"
        "在每套标准下，最近一次就诊数据不足的患者不计入分母，另行计数。括号内为95%%置信区间（Wilson 评分法）。",
    "Figures computed at %(at)s; they are reused for a few minutes unless the data change.":
        "以上数据计算于 %(at)s；如数据无变化，几分钟内将沿用这些结果。",
    "Recompute now": "立即重新计算",
    "Export CSV": "导出 CSV",
    "Export Excel": "导出 Excel",
    "Pseudonymised CSV": "假名化 CSV",
    "Pseudonymised Excel": "假名化 Excel",
    "Visit list (administration)": "就诊列表（管理后台）",
    "Prevalence by criteria set": "各诊断标准下的患病率",
    "Group": "分组",
    "Insufficient data": "数据不足",
    "No patients match.": "没有符合条件的患者。",
    "Agreement between EWGSOP2 and AWGS 2019": "EWGSOP2 与 AWGS 2019 的一致性",
    "Sarcopenia yes/no (patients classifiable under both sets)": "是否肌少症（两套标准下均可判定的患者）",
    "Yes": "是",
    "No": "否",
    "Cohen’s kappa %(k)s (observed agreement %(po)s, expected by chance %(pe)s; %(n)s patients).":
        "Cohen kappa 系数 %(k)s（观察一致率 %(po)s，机遇一致率 %(pe)s；%(n)s 名患者）。",
    "Cohen’s kappa cannot be computed for these patients.": "无法为这些患者计算 Cohen kappa 系数。",
    "Category at the first and at the latest visit": "首次与最近一次就诊时的分类",
    "Patients with two or more visits within these filters.": "当前筛选条件下有两次或以上就诊的患者。",
    "Distributions at the latest visit, with the cut-offs of each set": "最近一次就诊时的数值分布及各标准切点",
    "%(title)s: %(n)s patients": "%(title)s：%(n)s 名患者",
    "Mechanisms at the latest visit": "最近一次就诊时的相关机制",
    "Mechanism": "机制",
    "Likely": "很可能",
    "Possible": "可能",
    "Visits whose height changed by more than %(cm)s cm, or whose weight changed by more than %(pct)s%%, "
    "since the patient’s previous visit (a check for measuring or typing errors, not a clinical rule).":
        "与患者上一次就诊相比，身高变化超过 %(cm)s cm 或体重变化超过 %(pct)s%% 的就诊"
        "（用于发现测量或录入错误，并非临床规则）。",
    "Previous visit": "上一次就诊",
    "Height (cm)": "身高（cm）",
    "Weight (kg)": "体重（kg）",
    "No implausible changes.": "没有不合理的变化。",
    "Each patient’s latest visit whose result under the site’s primary criteria set has insufficient data "
    "or names a measurement that would complete it.":
        "每名患者的最近一次就诊中，按本机构主要诊断标准判定为数据不足，或提示尚需某项测量才能完成评估的就诊。",
    "Primary set": "主要标准",
    "Category": "分类",
    "To complete": "尚需完成",
    "Every latest visit is complete.": "所有最近一次就诊的评估均已完成。",
    "Patients whose last visit is more than %(days)s days ago, and patients with no visit yet; longest "
    "waiting first.": "最近一次就诊距今超过 %(days)s 天的患者，以及尚无就诊记录的患者；等待最久者排在最前。",
    "Identifier": "编号",
    "Name": "姓名",
    "Last visit": "最近一次就诊",
    "No visit yet": "尚无就诊",
    "Nobody is due.": "目前没有到期待复评的患者。",
    "Visits with values outside the usual range that nobody has confirmed yet (typically imported visits).":
        "数值超出常见范围且尚未经人确认的就诊（通常为导入的就诊）。",
    "Warnings": "警告",
    "No unconfirmed warnings.": "没有未确认的警告。",
    # --- site, patient, user ----------------------------------------------------------------------
    "Site": "机构",
    "site": "机构",
    "sites": "机构",
    "Sex": "性别",
    "sex": "性别",
    "Male": "男",
    "Female": "女",
    "Age": "年龄",
    "age": "年龄",
    "Age at visit": "就诊时年龄",
    "age at visit": "就诊时年龄",
    "Setting": "就诊场所",
    "setting": "就诊场所",
    "default setting": "默认就诊场所",
    "population default": "默认人群",
    "site population": "机构所属人群",
    "Asian (AWGS 2019 primary)": "亚洲人群（主要标准为 AWGS 2019）",
    "Other (EWGSOP2 primary)": "其他人群（主要标准为 EWGSOP2）",
    "Community / primary care": "社区/基层医疗",
    "Hospital": "医院",
    "name": "姓名",
    "code": "代码",
    "site membership": "机构成员关系",
    "site memberships": "机构成员关系",
    "preferred language": "首选语言",
    "user profile": "用户资料",
    "patient": "患者",
    "patients": "患者",
    "Patient": "患者",
    "Patients": "患者",
    "identifier": "编号",
    "Unique within the site, e.g. the medical record number.": "在本机构内唯一，例如病历号。",
    "date of birth": "出生日期",
    "Date of birth": "出生日期",
    "notes": "备注",
    "Notes": "备注",
    "Save patient": "保存患者信息",
    "The date of birth cannot be in the future.": "出生日期不能晚于今天。",
    "The date of birth gives an age over 120 years.": "按此出生日期计算，年龄超过120岁。",
    "Another patient of this site has this identifier.": "本机构已有另一名患者使用此编号。",
    "Search by identifier or name": "按编号或姓名搜索",
    "Patient saved.": "患者信息已保存。",
    "Edit patient": "编辑患者信息",
    "New patient": "新建患者",
    "Search": "搜索",
    "Page %(n)s": "第 %(n)s 页",
    # --- visit: fields (model verbose names) ------------------------------------------------------
    "visit": "就诊记录",
    "visits": "就诊记录",
    "Visit": "就诊",
    "Visits": "就诊记录",
    "visit date": "就诊日期",
    "Visit date": "就诊日期",
    "clinician": "医生",
    "Clinician": "医生",
    "Height": "身高",
    "Weight": "体重",
    "Calf circumference": "小腿围",
    "Grip, left hand, trial 1": "握力，左手，第1次",
    "Grip, left hand, trial 2": "握力，左手，第2次",
    "Grip, left hand, trial 3": "握力，左手，第3次",
    "Grip, right hand, trial 1": "握力，右手，第1次",
    "Grip, right hand, trial 2": "握力，右手，第2次",
    "Grip, right hand, trial 3": "握力，右手，第3次",
    "Grip strength, best trial": "握力（最大值）",
    "Grip strength": "握力",
    "5× chair stand time": "5次起坐试验用时",
    "unable to perform the chair stand": "无法完成起坐试验",
    "Appendicular skeletal muscle mass (ASM)": "四肢骨骼肌质量（ASM）",
    "ASMI reported by the device": "仪器报告的四肢骨骼肌质量指数（ASMI）",
    "muscle-mass method": "肌肉量测量方法",
    "Usual gait speed": "日常步速",
    "Gait speed": "步速",
    "gait course (m)": "步速测试距离（m）",
    "4 m": "4 m",
    "6 m": "6 m",
    "Gait time over the course": "步行测试用时",
    "unable to perform the walk": "无法完成步行测试",
    "SPPB balance": "SPPB 平衡测试",
    "SPPB gait": "SPPB 步速测试",
    "SPPB chair stand": "SPPB 起坐试验",
    "SPPB total": "SPPB 总分",
    "Timed Up and Go": "起立-行走计时测试（TUG）",
    "unable to perform the TUG": "无法完成起立-行走计时测试",
    "400 m walk time": "400米步行试验用时",
    "unable to complete the 400 m walk": "无法完成400米步行试验",
    "SARC-F strength": "SARC-F 力量",
    "SARC-F assistance in walking": "SARC-F 辅助行走",
    "SARC-F rise from a chair": "SARC-F 起立",
    "SARC-F climb stairs": "SARC-F 爬楼梯",
    "SARC-F falls": "SARC-F 跌倒",
    "SARC-F total": "SARC-F 总分",
    "MNA-SF score": "MNA-SF 评分",
    "SNAQ score": "SNAQ 评分",
    "25(OH) vitamin D": "25-羟维生素D",
    "hs-CRP": "超敏C反应蛋白（hs-CRP）",
    "hs-CRP, repeat ≥ 2 weeks later": "超敏C反应蛋白（hs-CRP），≥2周后复查",
    "IL-6": "白细胞介素-6（IL-6）",
    "TNF-α": "肿瘤坏死因子-α（TNF-α）",
    "TNF-α, lab upper reference limit": "TNF-α 实验室参考值上限",
    "Albumin": "白蛋白",
    "Lymphocyte count": "淋巴细胞计数",
    "Total testosterone": "总睾酮",
    "Total testosterone, repeat": "总睾酮（复查）",
    "IGF-1": "胰岛素样生长因子-1（IGF-1）",
    "IGF-1, lab lower limit for age and sex": "IGF-1 实验室参考值下限（按年龄和性别）",
    "HbA1c": "糖化血红蛋白（HbA1c）",
    "eGFR": "估算肾小球滤过率（eGFR）",
    "on dialysis": "正在透析",
    "Weight loss within 6 months": "6个月内体重下降",
    "Weight loss beyond 6 months": "6个月以上体重下降",
    "Food intake, share of energy needs": "进食量占能量需要量的比例",
    "Days of reduced intake": "进食减少天数",
    "Protein intake": "蛋白质摄入量",
    "Moderate-to-vigorous activity": "中高强度身体活动",
    "Muscle-strengthening days": "肌肉力量训练天数",
    "mobility": "活动能力",
    "Walks independently": "可独立行走",
    "Limited mobility": "活动受限",
    "Bed- or chair-bound": "卧床或仅能坐于椅上",
    "hospitalised in the last 90 days": "近90天内住院",
    "symptoms of hypogonadism": "性腺功能减退症状",
    "clinical suspicion of sarcopenia": "临床怀疑肌少症",
    "conditions": "合并疾病",
    "medications": "用药",
    "Conditions": "合并疾病",
    "Medications": "用药",
    "Diabetes": "糖尿病",
    "Chronic kidney disease": "慢性肾脏病",
    "COPD": "慢性阻塞性肺疾病（COPD）",
    "Chronic heart failure": "慢性心力衰竭",
    "Active cancer": "活动期恶性肿瘤",
    "Rheumatoid arthritis": "类风湿关节炎",
    "Inflammatory bowel disease": "炎症性肠病",
    "Osteoporosis": "骨质疏松症",
    "Long-term systemic glucocorticoids": "长期全身应用糖皮质激素",
    "Long-term opioids": "长期使用阿片类药物",
    "Recent chemotherapy": "近期化疗",
    "Androgen-deprivation therapy": "雄激素剥夺治疗",
    # --- visit form -------------------------------------------------------------------------------
    "Leave all unticked if not asked; tick “none of these” if asked and absent.":
        "未询问时全部不勾选；已询问且均无时，勾选“以上均无”。",
    "None of these": "以上均无",
    "“None of these” cannot be ticked together with an item.": "“以上均无”不能与其他选项同时勾选。",
    "I have checked the unusual values above and they are correct": "我已核对上述异常值，确认无误",
    "Reason for changing a visit whose report was already printed": "修改已打印报告的就诊记录的原因",
    "A report of this visit was printed: say why you change it.": "本次就诊的报告已打印：请说明修改原因。",
    "Unit": "单位",
    "Not asked": "未询问",
    "The visit date cannot be in the future.": "就诊日期不能晚于今天。",
    "The visit date is before the date of birth.": "就诊日期早于出生日期。",
    # SARC-F (criteria.md §7.1). "None" is shared by the difficulty items and the falls item, so it is
    # 无 (fits both: 无[困难] / 跌倒次数 无).
    "Strength: how much difficulty do you have in lifting and carrying 10 pounds (4.5 kg)?":
        "力量：您提起并搬运10磅（4.5 kg）重物有多困难？",
    "Assistance in walking: how much difficulty do you have walking across a room?":
        "辅助行走：您步行穿过一个房间有多困难？",
    "Rise from a chair: how much difficulty do you have transferring from a chair or bed?":
        "起立：从床上或椅子上起立有多困难？",
    "Climb stairs: how much difficulty do you have climbing a flight of 10 stairs?":
        "爬楼梯：您爬10级台阶有多困难？",
    "Falls: how many times have you fallen in the past year?": "跌倒：过去一年您跌倒过几次？",
    "None": "无",
    "Some": "有些困难",
    "A lot or unable": "很困难或无法完成",
    "A lot, use aids, or unable": "很困难、需借助辅具或无法完成",
    "A lot or unable without help": "很困难，或无人帮助则无法完成",
    "1–3 falls": "1–3次",
    "4 or more falls": "4次及以上",
    "SARC-F: ask each question; total 0–10, positive at 4 or more.": "SARC-F：请逐项询问；总分0–10分，≥4分为阳性。",
    "Filled in from the five items when all are answered. Positive at 4 or more.":
        "五个条目均作答后自动计算。≥4分为阳性。",
    # how to measure
    "Standing height without shoes, in centimetres (not metres).": "脱鞋站立身高，单位为厘米（不是米）。",
    "Light clothing, no shoes.": "着轻便衣物，脱鞋。",
    "Widest part of the calf, patient seated or standing, non-elastic tape.":
        "测量小腿最粗处，患者取坐位或立位，使用无弹性软尺。",
    "Hand dynamometer; up to three trials per hand. The best trial of either hand is used.":
        "使用握力计；每只手最多测3次。取双手所有测试中的最大值。",
    "Best trial. Filled in from the trials when trials are entered.": "最大值。录入各次测试后自动填写。",
    "Five rises from a chair with arms folded across the chest, as fast as possible.":
        "双臂交叉抱于胸前，尽快从椅子上连续起立5次。",
    "Appendicular skeletal muscle mass from DXA or BIA.":
        "由双能X线吸收法（DXA）或生物电阻抗分析（BIA）测得的四肢骨骼肌质量。",
    "Only if the device reports it; otherwise ASM ÷ height² is derived.": "仅在仪器给出时填写；否则按 ASM ÷ 身高² 计算。",
    "Usual pace. Enter the speed, or the course and time below.": "以日常步速行走。填写步速，或在下方填写步行距离和用时。",
    "Time to walk the course at usual pace; speed = course ÷ time.": "以日常步速走完测试距离所用的时间；步速 = 距离 ÷ 时间。",
    "Filled in from the three sub-scores when all are given.": "三项分项得分均填写后自动计算。",
    "Rise from a chair, walk 3 m, turn, walk back and sit down, at usual pace.":
        "以日常步速从椅子上站起，行走3 m，转身，走回并坐下。",
    "Time to complete 400 m at usual pace.": "以日常步速完成400 m步行所用的时间。",
    "Mini Nutritional Assessment short form, 0–14.": "微型营养评定简表（MNA-SF），0–14分。",
    "Simplified Nutritional Appetite Questionnaire, 4–20.": "简化营养食欲问卷（SNAQ），4–20分。",
    "A second hs-CRP at least two weeks after the first, when clinically stable.":
        "首次检测至少两周后、病情稳定时复查的超敏C反应蛋白。",
    "The upper reference limit printed by your laboratory.": "本实验室报告单上的参考值上限。",
    "The lower reference limit for the patient's age and sex printed by your laboratory.":
        "本实验室报告单上按患者年龄和性别给出的参考值下限。",
    "Estimated food intake as a share of energy requirements.": "估计进食量占能量需要量的百分比。",
    "Estimated protein intake per kg body weight per day.": "估计每日每千克体重的蛋白质摄入量。",
    "Minutes of moderate-to-vigorous physical activity in a usual week.": "通常一周内中高强度身体活动的分钟数。",
    "Days per week with muscle-strengthening activity.": "每周进行肌肉力量训练的天数。",
    # form groups
    "Anthropometry": "人体测量",
    "Strength": "肌肉力量",
    "Muscle mass": "肌肉量",
    "Physical performance": "躯体功能",
    "Questionnaires": "问卷",
    "Laboratory": "实验室检查",
    "Nutrition and activity": "营养与活动",
    "Conditions and medications": "合并疾病与用药",
    # validation (screening/validation.py): "enter %(lower)s %(min)s to %(max)s" with lower = from / more than
    "more than": "大于",
    "from": "不低于",
    "%(value)s%(unit)s is not possible: enter %(lower)s %(min)s to %(max)s%(unit)s.":
        "%(value)s%(unit)s 不可能：请输入%(lower)s %(min)s 且不超过 %(max)s%(unit)s 的值。",
    "%(value)s%(unit)s is unusually low (below %(bound)s%(unit)s): check the value and its unit.":
        "%(value)s%(unit)s 异常偏低（低于 %(bound)s%(unit)s）：请核对数值及其单位。",
    "%(value)s%(unit)s is unusually high (above %(bound)s%(unit)s): check the value and its unit.":
        "%(value)s%(unit)s 异常偏高（高于 %(bound)s%(unit)s）：请核对数值及其单位。",
    "Answer every %(label)s item, or none.": "%(label)s 的各条目须全部作答，或全部不答。",
    "Enter a result or tick “unable to perform”, not both.": "请填写结果或勾选“无法完成”，二者只能选其一。",
    "Give both the course length and the time, or neither.": "步行距离和用时须同时填写，或都不填。",
    "Choose the course (4 m or 6 m) the time was measured over.": "请选择测量用时所走的距离（4米或6米）。",
    "Enter the gait speed or the time over this course.": "请填写步速，或该距离的步行用时。",
    "%(raw)s is not a gait course: enter 4 or 6 (metres)": "%(raw)s 不是有效的步行距离：请填写 4 或 6（米）",
    "Enter the gait speed or the course time, not both.": "请填写步速或步行用时，二者只能选其一。",
    "Choose DXA or BIA: the cut-offs depend on the method.": "请选择 DXA 或 BIA：切点取决于测量方法。",
    "BMI %(bmi)s": "BMI %(bmi)s",
    "ASMI %(v)s": "ASMI %(v)s",
    "%(speed)s m/s": "%(speed)s m/s",
    "Age %(age)s": "年龄 %(age)s",
    # visit pages
    "Visit saved.": "就诊记录已保存。",
    "New visit": "新建就诊",
    "Edit visit": "编辑就诊记录",
    "Save visit": "保存就诊记录",
    "No visits yet.": "尚无就诊记录。",
    "Print report": "打印报告",
    "Unusual values confirmed by the clinician": "经医生确认的异常值",
    "Results under each criteria set": "各诊断标准的结果",
    "primary for this site": "本机构主要标准",
    "Decided by": "判定依据",
    "Test": "检测项目",
    "Value": "数值",
    "Cut-off": "切点",
    "Finding": "判定",
    "Case finding": "病例筛查",
    "To complete the assessment": "完成评估尚需",
    "Next step": "下一步",
    "Entered and derived values": "录入值与计算值",
    "Derived": "计算值",
    "derived": "计算值",
    "unable to perform": "无法完成",
    "yes": "是",
    "no": "否",
    "years": "岁",
    # Unit words of screening/clinical/limits.py. Not marked for translation in the code yet (they are shown
    # as English); kept here so they are Chinese as soon as they are marked. Symbols stay symbols.
    "s": "秒",
    "days": "天",
    "days/week": "天/周",
    "min/week": "分钟/周",
    "g/kg/day": "g/(kg·d)",
    "cells/µL": "个/µL",
    "points": "分",
    "reported by the device": "仪器报告值",
    "Not saved: this visit was changed by someone else after you opened it.":
        "未保存：在您打开此就诊记录后，其他人修改了它。",
    "Last saved by %(user)s.": "最后由 %(user)s 保存。",
    "Their changes are kept. Reload the visit to see them, then enter your changes again.":
        "对方的修改已保留。请重新加载就诊记录查看，然后再次录入您的修改。",
    "Reload the visit": "重新加载就诊记录",
    "Some values are unusual.": "部分数值异常。",
    "Check each one below. If they are correct, tick the confirmation box at the end of the form and save again.":
        "请逐项核对以下数值。如确认无误，请勾选表单末尾的确认框后再次保存。",
    "The visit was not saved.": "就诊记录未保存。",
    "Correct the fields marked below. Nothing has been saved.": "请更正下方标出的字段。尚未保存任何内容。",
    # mechanisms
    "height and weight (BMI)": "身高和体重（BMI）",
    "Likely involved": "很可能相关",
    "Possibly involved": "可能相关",
    "Not assessable yet — record these to assess": "暂无法评估——请录入以下项目以便评估",
    "Mechanisms linked to these findings": "与上述结果相关的机制",
    "Flags point to modifiable contributors for the clinician to review. They are not diagnoses. Exercise and "
    "nutrition remain the mainstay; no medicine is approved for sarcopenia.":
        "以下提示指出可干预的相关因素，供医生复核。它们不是诊断。运动和营养仍是主要干预手段；"
        "目前尚无获批用于治疗肌少症的药物。",
    "evidence grade": "证据等级",
    "Record to assess": "需录入以评估",
    "Pathways": "作用通路",
    "References": "参考文献",
    "Background: all eleven mechanisms and the review's three chains": "背景：全部11种机制及综述阐述的三条机制链",
    "All eleven mechanisms": "全部11种机制",
    # import
    "Import visits": "导入就诊记录",
    "CSV file (UTF-8, data dictionary columns)": "CSV 文件（UTF-8 编码，列名按数据字典）",
    "Import the valid rows and skip invalid ones": "导入有效行并跳过无效行",
    "Check the file": "检查文件",
    "%(raw)s is not a number": "%(raw)s 不是数字",
    "%(raw)s is not one of %(allowed)s": "%(raw)s 不在允许值 %(allowed)s 之中",
    "unknown code %(code)s": "未知代码 %(code)s",
    "%(raw)s is not a date in YYYY-MM-DD form": "%(raw)s 不是 YYYY-MM-DD 格式的日期",
    "%(raw)s is not true or false": "%(raw)s 不是 true 或 false",
    "The file is larger than %(mb)s MB.": "文件超过 %(mb)s MB。",
    "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.":
        "文件不是 UTF-8 编码的文本。请另存为“CSV UTF-8”格式后重试。",
    "The file is not a readable CSV: %(error)s": "无法读取该 CSV 文件：%(error)s",
    "The file is empty.": "文件为空。",
    "row 1, column %(col)s: unknown column": "第 1 行，%(col)s 列：未知的列",
    "row 1, column %(col)s: required column is missing": "第 1 行，%(col)s 列：缺少必需的列",
    "row 1: a column appears twice": "第 1 行：有列重复出现",
    "row %(n)s, column %(col)s: %(msg)s": "第 %(n)s 行，%(col)s 列：%(msg)s",
    "row %(n)s, column %(col)s: required value is missing": "第 %(n)s 行，%(col)s 列：缺少必填值",
    "row %(n)s: has %(got)s cells, the header has %(want)s": "第 %(n)s 行：有 %(got)s 个单元格，表头有 %(want)s 个",
    "row %(n)s, column visit_date: the visit date cannot be in the future":
        "第 %(n)s 行，visit_date 列：就诊日期不能晚于今天",
    "The import into %(site)s is queued and runs in the background; the visits appear when it has finished.":
        "导入至%(site)s的任务已排队，将在后台运行；完成后即可看到就诊记录。",
    "%(n)s visits imported into %(site)s (%(p)s new patients).": "已向%(site)s导入 %(n)s 条就诊记录（新增 %(p)s 名患者）。",
    "Rows skipped": "已跳过的行",
    "Import another file": "导入其他文件",
    "Columns as in the data dictionary; only patient_id, sex, date_of_birth and visit_date are required. "
    "Nothing is written until you confirm the preview.":
        "列名与数据字典一致；仅 patient_id、sex、date_of_birth 和 visit_date 为必填。确认预览之前不会写入任何数据。",
    "The file cannot be imported": "无法导入该文件",
    "Preview": "预览",
    "%(rows)s rows read; %(bad)s invalid.": "已读取 %(rows)s 行；%(bad)s 行无效。",
    "Import now": "立即导入",
    "Fix the rows above, or tick “skip invalid rows”, and upload again.": "请修正上述各行，或勾选“跳过无效行”，然后重新上传。",
    # printed reports
    "Report language": "报告语言",
    "Report fingerprint (SHA-256)": "报告指纹（SHA-256）",
    "The 64 characters printed at the foot of every page of the report.": "报告每页页脚处印有的64个字符。",
    "Check": "核验",
    "A fingerprint is 64 hexadecimal characters (0-9, a-f).": "指纹由64个十六进制字符（0-9、a-f）组成。",
    "Not a visit id: %(value)s": "不是有效的就诊 ID：%(value)s",
    "At most %(max)d visits at a time.": "每次最多 %(max)d 次就诊。",
    "Verify a printed report": "核验已打印的报告",
    "Paste the fingerprint printed at the foot of the report. It identifies the report's content (patient, "
    "visit values, results, mechanisms, rule-set version and language), not the paper or the time it was "
    "printed.": "请粘贴报告页脚处印有的指纹。指纹标识的是报告内容（患者、就诊数值、结果、机制、规则集版本和语言），"
                "而非纸张或打印时间。",
    "Result": "结果",
    "No report with this fingerprint was printed from this app for a visit you can see.":
        "在您有权查看的就诊中，本系统未打印过具有此指纹的报告。",
    "Rule-set version": "规则集版本",
    "First printed": "首次打印",
    "Prints": "打印次数",
    "Visit today": "就诊记录现状",
    "Matches: the visit is unchanged": "一致：就诊记录未改动",
    "Changed since printing": "打印后已修改",
    # layout, login
    "Save": "保存",
    "Cancel": "取消",
    "Home": "首页",
    "Skip to content": "跳至正文",
    "Main": "主导航",
    "Administration": "管理后台",
    "Verify a report": "核验报告",
    "Language": "语言",
    "Switch": "切换",
    "Log out": "退出登录",
    "Log in": "登录",
    "Too many failed logins": "登录失败次数过多",
    "This account is locked for a while after repeated failed logins. Try again later or ask your "
    "administrator.": "由于多次登录失败，此账户已被暂时锁定。请稍后再试，或联系管理员。",
}


def apply(po_path: Path) -> list[str]:
    """Fill every msgstr from T, clear fuzzy guesses and obsolete entries; return msgids T lacks."""
    import polib

    po = polib.pofile(str(po_path), wrapwidth=0)
    po.header = ("Simplified Chinese catalog of the sarcopenia screening app.\n"
                 "Generated: edit scripts/i18n/zh_hans.py, then run scripts/i18n/update.py.")
    po.metadata.update({"Project-Id-Version": "sarcopenia-screening", "Language": "zh_Hans",
                        "Language-Team": "Simplified Chinese", "Last-Translator": "scripts/i18n/zh_hans.py",
                        "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"})
    if po.metadata.get("PO-Revision-Date", "").startswith("YEAR"):
        po.metadata["PO-Revision-Date"] = po.metadata.get("POT-Creation-Date", "")
    po.metadata_is_fuzzy = False
    for entry in list(po.obsolete_entries()):
        po.remove(entry)
    missing = []
    for entry in po:
        zh = T.get(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            entry.msgstr_plural = {0: zh or ""}
        else:
            entry.msgstr = zh or ""
        if not zh:
            missing.append(entry.msgid)
    po.save(str(po_path))
    return missing
