"""References: the review, its identified originals and the threshold sources (mechanisms.md §6).

Every entry gives authors, full title, journal, year, volume and pages and a DOI or PMID, each checked
against a primary record (publisher page, PubMed or a journal index). A detail no record confirmed is
named in `unverified` and said beside the citation, never filled in from memory. `review_refs` is the
review's own bracket number the original is matched to, and `mapping` how sure that match is
(mechanisms.md §6); threshold sources have no mapping.

RELATIONS says how a source weighs on what it is cited for when that is not plain support: contrary
evidence, a caution about a cut-off or a marker, or a guideline since superseded. The visit page and
the report print the label and the note beside the mechanism or the rule concerned.
"""

from __future__ import annotations

from .schema import Reference, Relation

REVIEW = Reference(
    "zheng2022",
    "Zheng ZL, Hu HD",
    "Advances in research on the pathogenesis of sarcopenia (肌肉减少症发生机制的研究进展)",
    "Advances in Clinical Medicine (临床医学进展)", 2022, "12(9)", "8103–",
    ("1", "2", "2.1", "2.2", "2.3", "3"),
    doi="10.12677/acm.2022.1291167", unverified=("pages",),
)

# The review's citations, matched to originals (mechanisms.md §6).
REVIEW_ORIGINALS = (
    Reference(
        "kitamura2021",
        "Kitamura A, Seino S, Abe T, Nofuji Y, Yokoyama Y, Amano H, Nishi M, Taniguchi Y, Narita M, "
        "Fujiwara Y, Shinkai S",
        "Sarcopenia: prevalence, associated factors, and the risk of mortality and disability in "
        "Japanese older adults",
        "J Cachexia Sarcopenia Muscle", 2021, "12(1)", "30–38", ("1", "2"),
        doi="10.1002/jcsm.12651", pmid="33241660", pmcid="PMC7890144", review_refs=("R3",),
        mapping="confirmed",
    ),
    Reference(
        "yeung2019",
        "Yeung SSY, Reijnierse EM, Pham VK, Trappenburg MC, Lim WK, Meskers CGM, Maier AB",
        "Sarcopenia and its association with falls and fractures in older adults: a systematic "
        "review and meta-analysis",
        "J Cachexia Sarcopenia Muscle", 2019, "10(3)", "485–500", ("1",),
        doi="10.1002/jcsm.12411", review_refs=("R4",), mapping="confirmed",
    ),
    Reference(
        "cruzjentoft2019",
        "Cruz-Jentoft AJ, Bahat G, Bauer J, Boirie Y, Bruyère O, Cederholm T, et al.",
        "Sarcopenia: revised European consensus on definition and diagnosis",
        "Age Ageing", 2019, "48(1)", "16–31", ("1",),
        doi="10.1093/ageing/afy169", pmid="30312372", pmcid="PMC6322506", review_refs=("R6",),
        mapping="confirmed",
    ),
    Reference(
        "menant2017",
        "Menant JC, Weber F, Lo J, Sturnieks DL, Close JC, Sachdev PS, Brodaty H, Lord SR",
        "Strength measures are better than muscle mass measures in predicting health-related outcomes "
        "in older people: time to abandon the term sarcopenia?",
        "Osteoporos Int", 2017, "28(1)", "59–70", ("1",),
        doi="10.1007/s00198-016-3691-7", review_refs=("R7",), mapping="candidate",
    ),
    Reference(
        "nelke2019",
        "Nelke C, Dziewas R, Minnerup J, Meuth SG, Ruck T",
        "Skeletal muscle as potential central link between sarcopenia and immune senescence",
        "EBioMedicine", 2019, "", "", ("2.1",),
        doi="10.1016/j.ebiom.2019.10.034", pmid="31662290", pmcid="PMC6945275", mapping="candidate",
        unverified=("volume", "pages"),
    ),
    Reference(
        "aldabbagh2015",
        "Al-Dabbagh S, McPhee JS, Murgatroyd C, Butler-Browne G, Stewart CE, Al-Shanti N",
        "The lymphocyte secretome from young adults enhances skeletal muscle proliferation and "
        "migration, but effects are attenuated in the secretome of older adults",
        "Physiol Rep", 2015, "3(11)", "e12518", ("2.1",),
        doi="10.14814/phy2.12518", pmid="26603449", pmcid="PMC4673618", review_refs=("R23",),
        mapping="likely",
    ),
    Reference(
        "bollen2022",
        "Bollen SE, Bass JJ, Fujita S, Wilkinson D, Hewison M, Atherton PJ",
        "The Vitamin D/Vitamin D receptor (VDR) axis in muscle atrophy and sarcopenia",
        "Cell Signal", 2022, "96", "110355", ("2.2",),
        doi="10.1016/j.cellsig.2022.110355", pmid="35595176", review_refs=("R27",), mapping="likely",
    ),
    Reference(
        "yu2021",
        "Yu S, Ren B, Chen H, Goltzman D, Yan J, Miao D",
        "1,25-Dihydroxyvitamin D deficiency induces sarcopenia by inducing skeletal muscle cell "
        "senescence",
        "Am J Transl Res", 2021, "13(11)", "12638–12649", ("2.2",),
        review_refs=("R31",), mapping="likely", unverified=("identifier",),
    ),
    Reference(
        "schaap2006",
        "Schaap LA, Pluijm SMF, Deeg DJH, Visser M",
        "Inflammatory markers and loss of muscle mass (sarcopenia) and strength",
        "Am J Med", 2006, "119", "526.e9", ("2.3",),
        doi="10.1016/j.amjmed.2005.10.049", review_refs=("R34",), mapping="candidate",
        unverified=("pages",),
    ),
    Reference(
        "tiainen2010",
        "Tiainen K, Hurme M, Hervonen A, Luukkaala T, Jylhä M",
        "Inflammatory markers and physical performance among nonagenarians",
        "J Gerontol A Biol Sci Med Sci", 2010, "65A(6)", "658–663", ("2.3",),
        doi="10.1093/gerona/glq056", pmid="20421241", review_refs=("R35",), mapping="confirmed",
    ),
    Reference(
        "yalcin2018",
        "Yalcin A, Silay K, Balik AR, Avcioğlu G, Aydin AS",
        "The relationship between plasma interleukin-15 levels and sarcopenia in outpatient older "
        "people",
        "Aging Clin Exp Res", 2018, "30(7)", "783–790", ("2.3",),
        doi="10.1007/s40520-017-0848-y", review_refs=("R38",), mapping="candidate",
    ),
    Reference(
        "pistilli2007",
        "Pistilli EE, Siu PM, Alway SE",
        "Interleukin-15 responses to aging and unloading-induced skeletal muscle atrophy",
        "Am J Physiol Cell Physiol", 2007, "292(4)", "C1298–C1304", ("2.3",),
        review_refs=("R38",), mapping="candidate", unverified=("identifier",),
    ),
    Reference(
        "li2020",
        "Li J, Yi X, Yao Z, Chakkalakal J, Xing L, Boyce BF",
        "TNF receptor-associated factor 6 mediates TNFα-induced skeletal muscle atrophy in mice during "
        "aging",
        "J Bone Miner Res", 2020, "35(8)", "1535–1548", ("2.3",),
        doi="10.1002/jbmr.4021", pmid="32267572", pmcid="PMC7429284", review_refs=("R39",),
        mapping="likely",
    ),
    Reference(
        "paul2010",
        "Paul PK, Gupta SK, Bhatnagar S, Panguluri SK, Darnay BG, Choi Y, Kumar A",
        "Targeted ablation of TRAF6 inhibits skeletal muscle wasting in mice",
        "J Cell Biol", 2010, "191(7)", "1395–1411", ("2.3",),
        doi="10.1083/jcb.201006098", pmid="21187332",
    ),
)

# Threshold sources (mechanisms.md §2.2 and §6 "Threshold sources").
THRESHOLD_SOURCES = (
    Reference(
        "pearson2003",
        "Pearson TA, Mensah GA, Alexander RW, Anderson JL, Cannon RO 3rd, Criqui M, et al.",
        "Markers of inflammation and cardiovascular disease: application to clinical and public "
        "health practice: a statement for healthcare professionals from the Centers for Disease "
        "Control and Prevention and the American Heart Association",
        "Circulation", 2003, "107(3)", "499–511", ("2.3",),
        doi="10.1161/01.CIR.0000052939.59093.45", pmid="12551878",
    ),
    Reference(
        "hamer2009",
        "Hamer M, Molloy GJ",
        "Association of C-reactive protein and muscle strength in the English Longitudinal Study of "
        "Ageing",
        "Age (Dordr)", 2009, "31(3)", "171–177", ("2.3",),
        doi="10.1007/s11357-009-9097-0", pmid="19466582", pmcid="PMC2734243",
    ),
    Reference(
        "kamper2021",
        "Kamper RS, Alcazar J, Andersen LL, Haddock B, Jørgensen NR, Hovind P, Suetta C",
        "Associations between inflammatory markers, body composition, and physical function: the "
        "Copenhagen Sarcopenia Study",
        "J Cachexia Sarcopenia Muscle", 2021, "12(6)", "1641–1652", ("2.3",),
        doi="10.1002/jcsm.12832",
    ),
    Reference(
        "holick2011",
        "Holick MF, Binkley NC, Bischoff-Ferrari HA, Gordon CM, Hanley DA, Heaney RP, Murad MH, "
        "Weaver CM",
        "Evaluation, treatment, and prevention of vitamin D deficiency: an Endocrine Society clinical "
        "practice guideline",
        "J Clin Endocrinol Metab", 2011, "96(7)", "1911–1930", ("2.2",),
        doi="10.1210/jc.2011-0385", pmid="21646368", superseded_by="demay2024",
    ),
    Reference(
        "ross2011",
        "Ross AC, Manson JE, Abrams SA, Aloia JF, Brannon PM, Clinton SK, et al.",
        "The 2011 report on dietary reference intakes for calcium and vitamin D from the Institute of "
        "Medicine: what clinicians need to know",
        "J Clin Endocrinol Metab", 2011, "96(1)", "53–58", ("2.2",),
        doi="10.1210/jc.2010-2704", pmid="21118827", pmcid="PMC3046611",
    ),
    Reference(
        "demay2024",
        "Demay MB, Pittas AG, Bikle DD, Diab DL, Kiely ME, Lazaretti-Castro M, et al.",
        "Vitamin D for the prevention of disease: an Endocrine Society clinical practice guideline",
        "J Clin Endocrinol Metab", 2024, "109(8)", "1907–1947", ("2.2",),
        doi="10.1210/clinem/dgae290", pmid="38828931",
    ),
    Reference(
        "mulhall2018",
        "Mulhall JP, Trost LW, Brannigan RE, Kurtz EG, Redmon JB, Chiles KA, et al.",
        "Evaluation and management of testosterone deficiency: AUA guideline",
        "J Urol", 2018, "200(2)", "423–432", ("2",),
        doi="10.1016/j.juro.2018.03.115",
    ),
    Reference(
        "bhasin2018",
        "Bhasin S, Brito JP, Cunningham GR, Hayes FJ, Hodis HN, Matsumoto AM, et al.",
        "Testosterone therapy in men with hypogonadism: an Endocrine Society clinical practice "
        "guideline",
        "J Clin Endocrinol Metab", 2018, "103(5)", "1715–1744", ("2",),
        doi="10.1210/jc.2018-00229", pmid="29562364",
    ),
    Reference(
        "rubenstein2001",
        "Rubenstein LZ, Harker JO, Salvà A, Guigoz Y, Vellas B",
        "Screening for undernutrition in geriatric practice: developing the short-form "
        "mini-nutritional assessment (MNA-SF)",
        "J Gerontol A Biol Sci Med Sci", 2001, "56(6)", "M366–M372", ("2",),
        doi="10.1093/gerona/56.6.m366", pmid="11382797",
    ),
    Reference(
        "wilson2005",
        "Wilson MM, Thomas DR, Rubenstein LZ, Chibnall JT, Anderson S, Baxi A, Diebold MR, Morley JE",
        "Appetite assessment: simple appetite questionnaire predicts weight loss in "
        "community-dwelling adults and nursing home residents",
        "Am J Clin Nutr", 2005, "82(5)", "1074–1081", ("2",),
        doi="10.1093/ajcn/82.5.1074",
    ),
    Reference(
        "cederholm2019",
        "Cederholm T, Jensen GL, Correia MITD, Gonzalez MC, Fukushima R, Higashiguchi T, et al.",
        "GLIM criteria for the diagnosis of malnutrition – a consensus report from the global clinical "
        "nutrition community",
        "Clin Nutr", 2019, "38", "1–9", ("2",),
        doi="10.1016/j.clnu.2018.08.002",
    ),
    Reference(
        "clinnutr2007",
        "",
        "Is serum albumin a good marker for malnutrition in the physically impaired elderly?",
        "Clin Nutr", 2007, "26(1)", "84–90", ("2",),
        doi="10.1016/j.clnu.2006.07.009", pmid="16996659", unverified=("authors",), name="Clin Nutr 2007",
    ),
    Reference(
        "conut",
        "Ignacio de Ulíbarri J, González-Madroño A, de Villar NGP, González P, González B, Mancha A, "
        "Rodríguez F, Fernández G",
        "CONUT: a tool for controlling nutritional status. First validation in a hospital population",
        "Nutr Hosp", 2005, "20(1)", "38–45", ("2", "2.1"),
        pmid="15762418",
    ),
    Reference(
        "pmc6616535",
        "Keller U",
        "Nutritional laboratory markers in malnutrition",
        "J Clin Med", 2019, "8(6)", "775", ("2",),
        doi="10.3390/jcm8060775", pmid="31159248", pmcid="PMC6616535",
    ),
    Reference(
        "bauer2013",
        "Bauer J, Biolo G, Cederholm T, Cesari M, Cruz-Jentoft AJ, Morley JE, et al.",
        "Evidence-based recommendations for optimal dietary protein intake in older people: a position "
        "paper from the PROT-AGE Study Group",
        "J Am Med Dir Assoc", 2013, "14(8)", "542–559", ("2",),
        doi="10.1016/j.jamda.2013.05.021", pmid="23867520",
    ),
    Reference(
        "deutz2014",
        "Deutz NEP, Bauer JM, Barazzoni R, Biolo G, Boirie Y, Bosy-Westphal A, et al.",
        "Protein intake and exercise for optimal muscle function with aging: recommendations from the "
        "ESPEN Expert Group",
        "Clin Nutr", 2014, "33(6)", "929–936", ("2",),
        doi="10.1016/j.clnu.2014.04.007", pmid="24814383", pmcid="PMC4208946",
    ),
    Reference(
        "who2020",
        "Bull FC, Al-Ansari SS, Biddle S, Borodulin K, Buman MP, Cardon G, et al.",
        "World Health Organization 2020 guidelines on physical activity and sedentary behaviour",
        "Br J Sports Med", 2020, "54(24)", "1451–1462", ("2",),
        doi="10.1136/bjsports-2020-102955", pmcid="PMC7719906",
    ),
    Reference(
        "ada",
        "American Diabetes Association Professional Practice Committee",
        "2. Diagnosis and classification of diabetes: Standards of Care in Diabetes—2025",
        "Diabetes Care", 2025, "48(Suppl 1)", "S27–S49", ("2",),
        doi="10.2337/dc25-S002",
    ),
    Reference(
        "kdigo2012",
        "Kidney Disease: Improving Global Outcomes (KDIGO) CKD Work Group",
        "KDIGO 2012 clinical practice guideline for the evaluation and management of chronic kidney "
        "disease",
        "Kidney Int Suppl", 2013, "3(1)", "1–150", ("2",),
        doi="10.1038/kisup.2012.73", pmid="25018998",
    ),
    Reference(
        "hisayama2021",
        "Nakamura K, et al.",
        "Prevalence and mortality of sarcopenia in a community-dwelling older Japanese population: the "
        "Hisayama Study",
        "J Epidemiol", 2021, "31(5)", "320–327", ("2",),
        doi="10.2188/jea.JE20190289", pmid="32507775",
    ),
    Reference(
        "strindhall2012",
        "Strindhall J, Skog M, Ernerudh J, Bengner M, Löfgren S, Matussek A, Nilsson BO, Wikby A",
        "The inverted CD4/CD8 ratio and associated parameters in 66-year-old individuals: the Swedish "
        "HEXA immune study",
        "Age (Dordr)", 2013, "35(3)", "985–991", ("2.1",),
        doi="10.1007/s11357-012-9400-3", pmid="22415616", pmcid="PMC3636392",
    ),
    Reference(
        "granic2020",
        "Granic A, Martin-Ruiz C, Dodds RM, Robinson L, Spyridopoulos I, Kirkwood TBL, "
        "von Zglinicki T, Sayer AA",
        "Immunosenescence profiles are not associated with muscle strength, physical performance and "
        "sarcopenia risk in very old adults: the Newcastle 85+ Study",
        "Mech Ageing Dev", 2020, "190", "111321", ("2.1",),
        doi="10.1016/j.mad.2020.111321",
    ),
    Reference(
        "belfrail2015",
        "",
        "CD4:8 ratio >5 is associated with a dominant naive T-cell phenotype and impaired physical "
        "functioning in CMV-seropositive very elderly people: results from the BELFRAIL study",
        "J Gerontol A Biol Sci Med Sci", 2015, "70(2)", "143–154", ("2.1",),
        doi="10.1093/gerona/glu018", pmid="24568932", unverified=("authors",), name="BELFRAIL 2015",
    ),
)

REFERENCES = (REVIEW, *REVIEW_ORIGINALS, *THRESHOLD_SOURCES)

# How a source weighs on what it is cited for, where that is not plain support (see the module docstring).
RELATIONS = (
    Relation("inflammation", "kamper2021", "contrary", {
        "en": "In 1160 healthy adults, hs-CRP and TNF-α rose with age and frailty, but only hs-CRP was "
              "weakly associated with low muscle mass; the authors concluded that chronic low-grade "
              "inflammation is not the main driver of age-related muscle loss.",
        "zh-hans": "在 1160 名健康成人中，hs-CRP 和 TNF-α 随年龄和衰弱程度升高，但只有 hs-CRP 与低肌肉量呈弱相关；"
                   "作者认为慢性低度炎症并非增龄性肌肉量下降的主要驱动因素。",
    }),
    Relation("inflammation", "pearson2003", "caution", {
        "en": "The hs-CRP bands (above 3 mg/L high, above 10 mg/L a possible acute process) are "
              "cardiovascular-risk categories, not muscle cut-offs.",
        "zh-hans": "hs-CRP 分级（高于 3 mg/L 为高，高于 10 mg/L 提示可能的急性过程）是心血管风险分级，并非肌肉"
                   "相关界值。",
    }, ("inflammation.crp_raised_twice", "inflammation.crp_raised", "inflammation.crp_acute")),
    Relation("malnutrition", "clinnutr2007", "caution", {
        "en": "In older people with low ADL function, serum albumin did not track nutritional status "
              "and the traditional 35 g/L cut-off was questionable, even without inflammation.",
        "zh-hans": "在日常生活活动能力低下的老年人中，血清白蛋白与营养状况不相符，即使无炎症，传统的 35 g/L "
                   "界值也值得怀疑。",
    }, ("malnutrition.albumin_low",)),
    Relation("vitamin_d", "holick2011", "superseded", {
        "en": "The 20 and 30 ng/mL categories come from this 2011 guideline; the Endocrine Society's "
              "2024 guideline (Demay 2024) replaced it.",
        "zh-hans": "20 和 30 ng/mL 分类来自这份 2011 年指南；美国内分泌学会 2024 年指南（Demay 2024）已将其取代。",
    }, ("vitamin_d.deficient", "vitamin_d.insufficient")),
    Relation("mitochondrial", "holick2011", "superseded", {
        "en": "The 20 ng/mL category comes from this 2011 guideline; the Endocrine Society's 2024 "
              "guideline (Demay 2024) replaced it.",
        "zh-hans": "20 ng/mL 分类来自这份 2011 年指南；美国内分泌学会 2024 年指南（Demay 2024）已将其取代。",
    }, ("mitochondrial.low_vitamin_d",)),
    Relation("vitamin_d", "demay2024", "caution", {
        "en": "The current Endocrine Society guideline no longer endorses any 25(OH)D threshold and "
              "advises against routine testing without an indication.",
        "zh-hans": "美国内分泌学会现行指南不再认可任何 25(OH)D 阈值，并建议无指征时不做常规检测。",
    }, ("vitamin_d.deficient", "vitamin_d.insufficient")),
    Relation("immunosenescence", "granic2020", "contrary", {
        "en": "In 657 adults aged 85, a senescent-like T-cell profile (lower CD4:CD8 ratio, CMV "
              "positive) was not associated with change in grip strength or Timed Up and Go, nor with "
              "prevalent or incident sarcopenia.",
        "zh-hans": "在 657 名 85 岁老人中，衰老样 T 细胞谱（CD4:CD8 比值较低、CMV 阳性）与握力或起立-行走计时"
                   "测试的变化无关，与现患或新发肌少症也无关。",
    }),
    Relation("immunosenescence", "belfrail2015", "caution", {
        "en": "In people aged 81.5 and over, a CD4:CD8 ratio above 5 (not an inverted ratio) went with "
              "impaired physical function in those who were CMV positive; it is not a sarcopenia cut-off.",
        "zh-hans": "在 81.5 岁及以上人群中，CD4:CD8 比值高于 5（而非比值倒置）与 CMV 阳性者的身体功能受损相关；"
                   "这不是肌少症界值。",
    }),
    Relation("immunosenescence", "strindhall2012", "caution", {
        "en": "Describes the inverted CD4:CD8 ratio (immune-risk profile) in 66-year-olds; the profile "
              "predicted mortality in the very old, not muscle outcomes.",
        "zh-hans": "描述 66 岁人群中 CD4:CD8 比值倒置（免疫风险谱）的情况；该谱在高龄老人中预测的是死亡，而非"
                   "肌肉结局。",
    }),
    Relation("hormonal", "pmc6616535", "caution", {
        "en": "IGF-1 falls in malnutrition and is less affected by inflammation, but is not specific "
              "enough to be a clinical marker of it.",
        "zh-hans": "IGF-1 在营养不良时下降，受炎症影响较小，但特异性不足，不能作为营养不良的临床标志物。",
    }, ("hormonal.igf1_low",)),
    Relation("protein_anabolism", "pmc6616535", "caution", {
        "en": "IGF-1 falls in malnutrition and is less affected by inflammation, but is not specific "
              "enough to be a clinical marker of it.",
        "zh-hans": "IGF-1 在营养不良时下降，受炎症影响较小，但特异性不足，不能作为营养不良的临床标志物。",
    }, ("protein_anabolism.igf1_low",)),
)
