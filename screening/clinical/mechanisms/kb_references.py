"""References: the review's identified originals and the threshold sources (mechanisms.md §6).

Identifiers (DOI, PMID, PMC) are only those written in mechanisms.md; a source given there without
one has none here. `review_refs` is the review's own bracket number the original is matched to, and
`mapping` how sure that match is (mechanisms.md §6); threshold sources have no mapping.
"""

from __future__ import annotations

from .schema import Reference

REVIEW = Reference(
    "zheng2022",
    "Zheng ZL, Hu HD. Advances in research on the pathogenesis of sarcopenia (肌肉减少症发生机制的研究"
    "进展). Advances in Clinical Medicine 临床医学进展 2022;12(9):8103 onward. CC BY 4.0.",
    ("1", "2", "2.1", "2.2", "2.3", "3"),
    doi="10.12677/acm.2022.1291167",
)

# The review's citations, matched to originals (mechanisms.md §6).
REVIEW_ORIGINALS = (
    Reference(
        "kitamura2021",
        "Kitamura A et al. Sarcopenia: prevalence, associated factors, and the risk of mortality and "
        "disability in Japanese older adults. J Cachexia Sarcopenia Muscle 2021;12(1):30-38.",
        ("1", "2"), doi="10.1002/jcsm.12651", pmcid="PMC7890144", review_refs=("R3",),
        mapping="confirmed",
    ),
    Reference(
        "yeung2019",
        "Yeung SSY et al. Sarcopenia and its association with falls and fractures in older adults: a "
        "systematic review and meta-analysis. J Cachexia Sarcopenia Muscle 2019;10(3):485-500.",
        ("1",), doi="10.1002/jcsm.12411", review_refs=("R4",), mapping="confirmed",
    ),
    Reference(
        "cruzjentoft2019",
        "Cruz-Jentoft AJ et al. Sarcopenia: revised European consensus on definition and diagnosis. "
        "Age Ageing 2019;48(1):16-31.",
        ("1",), doi="10.1093/ageing/afy169", review_refs=("R6",), mapping="confirmed",
    ),
    Reference(
        "menant2017",
        "Menant JC et al. Osteoporos Int 2017;28:59-70 (strength-based definitions predicted falls and "
        "function as well as or better than mass-based ones).",
        ("1",), review_refs=("R7",), mapping="candidate",
    ),
    Reference(
        "nelke2019",
        "Nelke C et al. Skeletal muscle as potential central link between sarcopenia and immune "
        "senescence. EBioMedicine 2019.",
        ("2.1",), doi="10.1016/j.ebiom.2019.10.034", mapping="candidate",
    ),
    Reference(
        "aldabbagh2015",
        "Al-Dabbagh S et al. The lymphocyte secretome from young adults enhances skeletal muscle "
        "proliferation and migration, but effects are attenuated in the secretome of older adults. "
        "Physiol Rep 2015;3(11):e12518.",
        ("2.1",), review_refs=("R23",), mapping="likely",
    ),
    Reference(
        "bollen2022",
        "Bollen SE et al. The Vitamin D/Vitamin D receptor (VDR) axis in muscle atrophy and "
        "sarcopenia. Cell Signal 2022;96:110355.",
        ("2.2",), doi="10.1016/j.cellsig.2022.110355", review_refs=("R27",), mapping="likely",
    ),
    Reference(
        "yu2021",
        "Yu S et al. 1,25-Dihydroxyvitamin D deficiency induces sarcopenia by inducing skeletal muscle "
        "cell senescence. Am J Transl Res 2021;13(11):12638-12649.",
        ("2.2",), review_refs=("R31",), mapping="likely",
    ),
    Reference(
        "schaap2006",
        "Schaap LA et al. Inflammatory markers and loss of muscle mass (sarcopenia) and strength. "
        "Am J Med 2006 (Longitudinal Aging Study Amsterdam).",
        ("2.3",), review_refs=("R34",), mapping="candidate",
    ),
    Reference(
        "tiainen2010",
        "Tiainen K et al. Inflammatory markers and physical performance among nonagenarians. "
        "J Gerontol A Biol Sci Med Sci 2010;65A(6):658-663.",
        ("2.3",), review_refs=("R35",), mapping="confirmed",
    ),
    Reference(
        "yalcin2018",
        "Yalcin A et al. Aging Clin Exp Res 2018;30(7):783-790 (plasma IL-15 in sarcopenia, "
        "cross-sectional).",
        ("2.3",), review_refs=("R38",), mapping="candidate",
    ),
    Reference(
        "pistilli2007",
        "Pistilli EE et al. Am J Physiol Cell Physiol 2007;292:C1298 (IL-15 and ageing muscle).",
        ("2.3",), review_refs=("R38",), mapping="candidate",
    ),
    Reference(
        "li2020",
        "Li J, Yi X, et al. TNF receptor-associated factor 6 mediates TNFα-induced skeletal muscle "
        "atrophy in mice during aging. J Bone Miner Res 2020;35(8):1535-1548.",
        ("2.3",), doi="10.1002/jbmr.4021", review_refs=("R39",), mapping="likely",
    ),
    Reference(
        "paul2010",
        "Paul PK et al. J Cell Biol 2010;191:1395 (TRAF6 in skeletal-muscle atrophy).",
        ("2.3",),
    ),
)

# Threshold sources (mechanisms.md §2.2 and §6 "Threshold sources").
THRESHOLD_SOURCES = (
    Reference(
        "pearson2003",
        "Pearson TA et al. AHA/CDC scientific statement on markers of inflammation and "
        "cardiovascular disease. Circulation 2003.",
        ("2.3",), doi="10.1161/01.CIR.0000052939.59093.45",
    ),
    Reference("hamer2009", "Hamer M, Molloy GJ. Age (Dordr) 2009;31:171 (ELSA: CRP and grip).", ("2.3",)),
    Reference(
        "kamper2021",
        "Kamper et al. J Cachexia Sarcopenia Muscle 2021 (Copenhagen Sarcopenia Study: hs-CRP, "
        "TNF-α, age, frailty and muscle mass).",
        ("2.3",),
    ),
    Reference(
        "holick2011",
        "Holick MF et al. Evaluation, treatment, and prevention of vitamin D deficiency: an Endocrine "
        "Society clinical practice guideline. J Clin Endocrinol Metab 2011.",
        ("2.2",),
    ),
    Reference(
        "ross2011",
        "Ross AC et al. The 2011 report on dietary reference intakes for calcium and vitamin D from "
        "the Institute of Medicine. J Clin Endocrinol Metab 2011;96:53.",
        ("2.2",),
    ),
    Reference(
        "demay2024",
        "Demay MB et al. Vitamin D for the prevention of disease: an Endocrine Society clinical "
        "practice guideline. J Clin Endocrinol Metab 2024.",
        ("2.2",), doi="10.1210/clinem/dgae290",
    ),
    Reference(
        "mulhall2018",
        "Mulhall JP et al. Evaluation and management of testosterone deficiency: AUA guideline. "
        "J Urol 2018;200:423.",
        ("2",),
    ),
    Reference(
        "bhasin2018",
        "Bhasin S et al. Testosterone therapy in men with hypogonadism: an Endocrine Society clinical "
        "practice guideline. J Clin Endocrinol Metab 2018;103:1715.",
        ("2",),
    ),
    Reference(
        "rubenstein2001",
        "Rubenstein LZ et al. Screening for undernutrition in geriatric practice: developing the "
        "short-form Mini-Nutritional Assessment (MNA-SF). J Gerontol A 2001;56:M366.",
        ("2",),
    ),
    Reference(
        "wilson2005",
        "Wilson MM et al. Am J Clin Nutr 2005;82:1074 (Simplified Nutritional Appetite "
        "Questionnaire, SNAQ, and later weight loss).",
        ("2",),
    ),
    Reference(
        "cederholm2019",
        "Cederholm T et al. GLIM criteria for the diagnosis of malnutrition. J Cachexia Sarcopenia "
        "Muscle 2019.",
        ("2",),
    ),
    Reference(
        "clinnutr2007",
        "Clin Nutr 2007;26:84 (serum albumin; 35 g/L described as the traditional cut-off).",
        ("2",),
    ),
    Reference(
        "conut",
        "CONUT score table for total lymphocyte count, Eur J Clin Nutr 2020 (article "
        "s41430-020-0629-0).",
        ("2", "2.1"),
    ),
    Reference(
        "pmc6616535",
        "Article PMC6616535: prealbumin and IGF-1 as nutrition markers and their sensitivity to "
        "inflammation.",
        ("2",), pmcid="PMC6616535",
    ),
    Reference(
        "bauer2013",
        "Bauer J et al. Evidence-based recommendations for optimal dietary protein intake in older "
        "people: PROT-AGE study group. J Am Med Dir Assoc 2013.",
        ("2",), doi="10.1016/j.jamda.2013.05.021",
    ),
    Reference(
        "deutz2014",
        "Deutz NE et al. Protein intake and exercise for optimal muscle function with aging: ESPEN "
        "expert group recommendations. Clin Nutr 2014.",
        ("2",), doi="10.1016/j.clnu.2014.04.007",
    ),
    Reference(
        "who2020",
        "World Health Organization. WHO guidelines on physical activity and sedentary behaviour. 2020.",
        ("2",),
    ),
    Reference(
        "ada",
        "American Diabetes Association. Standards of Care in Diabetes: classification and diagnosis.",
        ("2",),
    ),
    Reference("kdigo2012", "KDIGO 2012 clinical practice guideline for chronic kidney disease.", ("2",)),
    Reference(
        "hisayama2021",
        "Nakamura et al. J Epidemiol 2021;31:320 (Hisayama study: sarcopenia, exercise, energy "
        "intake and mortality).",
        ("2",),
    ),
    Reference(
        "strindhall2012",
        "Strindhall J et al. Age (Dordr) 2012 (OCTO/NONA/HEXA immune-risk profile, CD4/CD8 ratio).",
        ("2.1",), pmid="22415616",
    ),
    Reference(
        "granic2020",
        "Granic A et al. Mech Ageing Dev 2020 (Newcastle 85+: T-cell profile and muscle).",
        ("2.1",),
    ),
    Reference(
        "belfrail2015",
        "BELFRAIL study. J Gerontol A 2015;70:143 (CD4/CD8 ratio and physical function in the oldest "
        "old).",
        ("2.1",),
    ),
)

REFERENCES = (REVIEW, *REVIEW_ORIGINALS, *THRESHOLD_SOURCES)
