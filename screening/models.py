"""Sites, patients, visits and the stored results of screening them.

Values are stored in canonical units (docs/data-dictionary.md); the hard limits of
`screening.clinical.limits` are also database check constraints, so nothing impossible is stored
whatever path wrote it. Derived values (age, BMI, ASMI, gait speed) are computed by the engine.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from screening.catalogue import fields as catalogue
from screening.catalogue.fields import label
from screening.catalogue.validation import validate_identifier
from screening.clinical.criteria.registry import CRITERIA_SETS
from screening.clinical.limits import limit_for
from screening.clinical.measurements import age_in_years
from screening.results.fields import JSONTextField

POPULATION_CHOICES = [("asian", _("Asian (AWGS 2025 primary)")), ("other", _("Other (EWGSOP2 primary)"))]
SETTING_CHOICES = [("community", _("Community / primary care")), ("hospital", _("Hospital"))]
SEX_CHOICES = [("M", _("Male")), ("F", _("Female"))]
METHOD_CHOICES = [("DXA", "DXA"), ("BIA", "BIA")]
COURSE_CHOICES = [(4.0, _("4 m")), (6.0, _("6 m"))]
CONDITION_CHOICES = [  # mechanisms.md §4.1 condition codes
    ("diabetes", _("Diabetes")),
    ("ckd", _("Chronic kidney disease")),
    ("copd", _("COPD")),
    ("chronic_heart_failure", _("Chronic heart failure")),
    ("active_cancer", _("Active cancer")),
    ("rheumatoid_arthritis", _("Rheumatoid arthritis")),
    ("ibd", _("Inflammatory bowel disease")),
    ("osteoporosis", _("Osteoporosis")),
]
MEDICATION_CHOICES = [  # mechanisms.md §4.1 medication codes
    ("glucocorticoid_systemic_chronic", _("Long-term systemic glucocorticoids")),
    ("opioid_chronic", _("Long-term opioids")),
    ("chemotherapy_recent", _("Recent chemotherapy")),
    ("androgen_deprivation", _("Androgen-deprivation therapy")),
]
FINGER_RING_CHOICES = [  # DECISIONS.md §8; the engine's FINGER_RING_RESULTS
    ("bigger", _("Calf bigger than the ring")),
    ("just_fits", _("Ring just fits")),
    ("smaller", _("Calf smaller than the ring (a gap)")),
]
MOBILITY_CHOICES = [
    ("independent", _("Walks independently")),
    ("limited", _("Limited mobility")),
    ("bed_or_chair_bound", _("Bed- or chair-bound")),
]


def primary_set_choices() -> list[tuple[str, str]]:
    """Every set of the registry, by its English name (the admin chooses among them)."""
    from screening.clinical.criteria.registry import CRITERIA_SETS
    from screening.clinical.text import label

    return [(code, label(f"set.{code}", "en")) for code in CRITERIA_SETS]


class Site(models.Model):
    """A clinic or ward; its primary criteria set is shown first (chosen by staff, from the registry)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    population = models.CharField(_("population default"), max_length=10, choices=POPULATION_CHOICES)
    default_setting = models.CharField(_("default setting"), max_length=10, choices=SETTING_CHOICES)
    # Blank only until saved: a new site takes its population's default (AWGS 2025 for Asian sites).
    primary_set = models.CharField(
        _("primary criteria set"),
        max_length=20,
        choices=primary_set_choices,
        blank=True,
        help_text=_(
            "Shown first on the visit page, the reports and the take-home page. Blank: the population's default."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.primary_set:
            self.primary_set = self.primary
        super().save(*args, **kwargs)

    @property
    def primary(self) -> str:
        """The site's primary set: the one staff chose, else its population's default (DECISIONS.md §8)."""
        from screening.clinical.criteria.registry import CRITERIA_SETS, primary_set

        return self.primary_set if self.primary_set in CRITERIA_SETS else primary_set(self.population)


class Membership(models.Model):
    """A user works at a site; clinicians see only their sites' patients."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "site"], name="unique_membership")]
        verbose_name = _("site membership")
        verbose_name_plural = _("site memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.site}"


class UserProfile(models.Model):
    """Per-user preferences that outlive a session, such as the interface language."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user profile")


def sees_every_site(user) -> bool:
    """Superusers, and staff admins tied to no site, see every site; everyone else only their sites."""
    if user.is_superuser:
        return True
    return user.is_staff and not user.memberships.exists()


class PatientQuerySet(models.QuerySet):
    def for_user(self, user) -> PatientQuerySet:
        if sees_every_site(user):
            return self
        return self.filter(site__memberships__user=user)


class Patient(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="patients", verbose_name=_("site"))
    identifier = models.CharField(
        _("identifier"),
        max_length=64,
        validators=[validate_identifier],
        help_text=_("Unique within the site, e.g. the medical record number."),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=SEX_CHOICES)
    date_of_birth = models.DateField(_("date of birth"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking: see services.patient_save
    history = HistoricalRecords()

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        constraints = [
            models.UniqueConstraint(fields=["site", "identifier"], name="unique_identifier_per_site"),
            models.CheckConstraint(condition=Q(sex__in=["M", "F"]), name="patient_sex_m_or_f"),
        ]
        indexes = [
            models.Index(fields=["identifier"]),
            models.Index(fields=["site", "name"]),
            # the patient list sorted by name or age walks these instead of sorting every patient
            models.Index(fields=["name"], name="patient_name"),
            models.Index(fields=["date_of_birth"], name="patient_date_of_birth"),
        ]

    def __str__(self) -> str:
        return self.identifier

    def age_on(self, day: date) -> int:
        return age_in_years(self.date_of_birth, day)


def _range_check(field: str) -> models.CheckConstraint:
    """The hard limit of criteria.md §8 as a database constraint (NULL = not measured passes)."""
    lim = limit_for(field)
    low = Q(**{f"{field}__gt": lim.hard_min}) if lim.min_exclusive else Q(**{f"{field}__gte": lim.hard_min})
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | (low & Q(**{f"{field}__lte": lim.hard_max})),
        name=f"visit_{field}_hard_limit",
    )


def _measure(field: str):
    """A nullable measurement in its canonical unit (limits.py names the unit); NULL = not measured.
    Its label and whether it is a whole number are the field catalogue's."""
    entry = catalogue.BY_NAME[field]
    cls = models.PositiveSmallIntegerField if entry.kind == "integer" else models.FloatField
    return cls(entry.label, null=True, blank=True)


# A patient's visits in time: by visit date, then entry time, then id (ties never left to the database).
# `is_first` / `is_latest` mark the two ends of this order; cohort review ranks visits by it.
VISIT_NEWEST_FIRST = (F("visit_date").desc(), F("created_at").desc(), F("id").desc())
VISIT_OLDEST_FIRST = (F("visit_date").asc(), F("created_at").asc(), F("id").asc())


class VisitQuerySet(models.QuerySet):
    def for_user(self, user) -> VisitQuerySet:
        if sees_every_site(user):
            return self
        return self.filter(patient__site__memberships__user=user)

    def marked_latest(self) -> VisitQuerySet:
        """Each patient's latest visit: the one definition (`is_latest`, kept by `visits.services.visits_mark_ends`
        over the visits not voided, in `VISIT_NEWEST_FIRST` order)."""
        return self.filter(is_latest=True)

    def marked_first(self) -> VisitQuerySet:
        """Each patient's first visit (`is_first`, in `VISIT_OLDEST_FIRST` order, voided visits left out)."""
        return self.filter(is_first=True)

    def voided(self) -> VisitQuerySet:
        return self.filter(voided_at__isnull=False)


class VisitManager(models.Manager.from_queryset(VisitQuerySet)):
    """`Visit.objects`: the visits not voided. A voided visit is in no list, history, statistic, export or
    report; `Visit.all_objects` (the admin, the voided visit's own page, backups, rescreen) includes it."""

    def get_queryset(self) -> VisitQuerySet:
        return super().get_queryset().filter(voided_at__isnull=True)


class Visit(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: `visit_patient_newest` (patient, visit date, ...) starts with it and serves
    # every lookup by patient; one index fewer to write on each import, save and rescreen.
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="visits", db_index=False)
    visit_date = models.DateField(label("visit_date"))
    setting = models.CharField(label("setting"), max_length=10, choices=SETTING_CHOICES)
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("clinician"),
    )
    # Anthropometry
    height_cm = _measure("height_cm")
    weight_kg = _measure("weight_kg")
    calf_circumference_cm = _measure("calf_circumference_cm")
    # Strength: up to three trials per hand, in kg; the maximum is stored for lists and export
    grip_left_1 = _measure("grip_left_1")
    grip_left_2 = _measure("grip_left_2")
    grip_left_3 = _measure("grip_left_3")
    grip_right_1 = _measure("grip_right_1")
    grip_right_2 = _measure("grip_right_2")
    grip_right_3 = _measure("grip_right_3")
    grip_strength_kg = _measure("grip_strength_kg")
    chair_stand_5x_s = _measure("chair_stand_5x_s")
    chair_stand_unable = models.BooleanField(label("chair_stand_unable"), default=False)
    # Muscle mass
    asm_kg = _measure("asm_kg")
    asmi_kg_m2 = _measure("asmi_kg_m2")
    muscle_mass_method = models.CharField(label("muscle_mass_method"), max_length=3, choices=METHOD_CHOICES, blank=True)
    # Physical performance
    gait_speed_m_s = _measure("gait_speed_m_s")
    gait_course_m = models.FloatField(label("gait_course_m"), null=True, blank=True, choices=COURSE_CHOICES)
    gait_time_s = _measure("gait_time_s")
    gait_unable = models.BooleanField(label("gait_unable"), default=False)
    sppb_balance = _measure("sppb_balance")
    sppb_gait = _measure("sppb_gait")
    sppb_chair = _measure("sppb_chair")
    sppb_score = _measure("sppb_score")
    tug_s = _measure("tug_s")
    tug_unable = models.BooleanField(label("tug_unable"), default=False)
    walk_400m_s = _measure("walk_400m_s")
    walk_400m_unable = models.BooleanField(label("walk_400m_unable"), default=False)
    # Questionnaires
    sarc_f_strength = _measure("sarc_f_strength")
    sarc_f_assistance = _measure("sarc_f_assistance")
    sarc_f_rise = _measure("sarc_f_rise")
    sarc_f_climb = _measure("sarc_f_climb")
    sarc_f_falls = _measure("sarc_f_falls")
    sarc_f_score = _measure("sarc_f_score")
    mna_sf_score = _measure("mna_sf_score")
    snaq_score = _measure("snaq_score")
    # Laboratory
    vitamin_d_25oh_ng_ml = _measure("vitamin_d_25oh_ng_ml")
    hs_crp_mg_l = _measure("hs_crp_mg_l")
    hs_crp_repeat_mg_l = _measure("hs_crp_repeat_mg_l")
    il6_pg_ml = _measure("il6_pg_ml")
    tnf_alpha_pg_ml = _measure("tnf_alpha_pg_ml")
    tnf_alpha_uln_pg_ml = _measure("tnf_alpha_uln_pg_ml")
    albumin_g_l = _measure("albumin_g_l")
    lymphocyte_count_per_ul = _measure("lymphocyte_count_per_ul")
    total_testosterone_ng_dl = _measure("total_testosterone_ng_dl")
    total_testosterone_repeat_ng_dl = _measure("total_testosterone_repeat_ng_dl")
    igf1_ng_ml = _measure("igf1_ng_ml")
    igf1_lln_ng_ml = _measure("igf1_lln_ng_ml")
    hba1c_pct = _measure("hba1c_pct")
    egfr_ml_min_1_73m2 = _measure("egfr_ml_min_1_73m2")
    dialysis = models.BooleanField(label("dialysis"), null=True, blank=True)
    # Risk factors
    weight_loss_pct_6mo = _measure("weight_loss_pct_6mo")
    weight_loss_pct_gt6mo = _measure("weight_loss_pct_gt6mo")
    intake_pct_energy_req = _measure("intake_pct_energy_req")
    intake_reduced_days = _measure("intake_reduced_days")
    protein_intake_g_kg_day = _measure("protein_intake_g_kg_day")
    mvpa_min_week = _measure("mvpa_min_week")
    strength_days_week = _measure("strength_days_week")
    mobility = models.CharField(label("mobility"), max_length=20, choices=MOBILITY_CHOICES, blank=True)
    hospitalised_last_90d = models.BooleanField(label("hospitalised_last_90d"), null=True, blank=True)
    hypogonadal_symptoms = models.BooleanField(label("hypogonadal_symptoms"), null=True, blank=True)
    clinical_suspicion = models.BooleanField(label("clinical_suspicion"), default=False)
    # AWGS 2025 (DECISIONS.md §8): NULL = not answered, never "no"
    dysphagia = models.BooleanField(label("dysphagia"), null=True, blank=True)
    perceived_weakness = models.BooleanField(
        label("perceived_weakness"), null=True, blank=True, help_text=catalogue.BY_NAME["perceived_weakness"].help
    )
    weight_loss_kg_6mo = _measure("weight_loss_kg_6mo")
    finger_ring_test = models.CharField(
        label("finger_ring_test"),
        max_length=10,
        choices=FINGER_RING_CHOICES,
        blank=True,
        help_text=catalogue.BY_NAME["finger_ring_test"].help,
    )
    # Coded lists (CONDITION_CHOICES, MEDICATION_CHOICES); NULL = not recorded, [] = none of them
    conditions = models.JSONField(label("conditions"), null=True, blank=True)
    medications = models.JSONField(label("medications"), null=True, blank=True)
    notes = models.TextField(label("notes"), blank=True)
    # Soft-limit warnings the clinician confirmed, kept for the worklist
    warnings = models.JSONField(default=list, blank=True)
    warnings_confirmed = models.BooleanField(default=False)
    # Where an imported visit came from: the importing user is never shown as its clinician, and its
    # warnings stay unconfirmed until a clinician confirms them on the visit page.
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
        db_index=False,
    )
    import_file = models.CharField(_("import file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # Stored results (written with the visit, in the same transaction; screening.results.stored_results).
    # One category column per criteria set in the registry, so lists, filters and the dashboard read
    # them without a join; every set's detail (tests, cut-offs, case finding) in `results` and the
    # mechanism report in `mechanisms`, as compact JSON text (screening.results.result_codec: read them through
    # stored_results.details / mechanism_details); `results_digest` lets `rescreen` write only the visits
    # whose results really changed; `incomplete_sets` the sets that name measurements to complete them.
    rule_set_version = models.CharField(max_length=20, blank=True)
    ewgsop2_category = models.CharField(_("EWGSOP2 category"), max_length=30, blank=True)
    awgs2019_category = models.CharField(_("AWGS 2019 category"), max_length=30, blank=True)
    awgs2025_category = models.CharField(_("AWGS 2025 category"), max_length=30, blank=True)
    fnih_category = models.CharField(_("FNIH category"), max_length=30, blank=True)
    sdoc_category = models.CharField(_("SDOC category"), max_length=30, blank=True)
    results = JSONTextField(default=dict, blank=True)
    results_digest = models.CharField(max_length=64, blank=True)
    mechanisms = JSONTextField(default=dict, blank=True)
    mechanisms_likely = models.CharField(max_length=300, blank=True)
    mechanisms_possible = models.CharField(max_length=300, blank=True)
    incomplete_sets = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # The patient's newest and oldest visit (visit date, then entry time, then id): kept by
    # `visits.services.visits_mark_ends` on every write, so cohort review reads each patient's latest and first
    # visit with an index instead of ranking every visit.
    is_latest = models.BooleanField(default=False, editable=False)
    is_first = models.BooleanField(default=False, editable=False)
    # A voided visit (entered in error, wrong patient...) leaves the patient's history and every
    # statistic and export, keeps its values and audit history, and can be restored by staff
    # (`services.visit_void` / `visit_restore`); it is never marked first or latest.
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voided by"),
        db_index=False,
        editable=False,
    )
    void_reason = models.CharField(_("reason for voiding"), max_length=500, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "mechanisms",
            "results",
            "results_digest",
            "updated_at",
            "incomplete_sets",
            "is_latest",
            "is_first",
        ]
    )

    objects = VisitManager()  # the default manager: related lookups (`patient.visits`) leave voided visits out
    all_objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-created_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["patient", "visit_date", "created_at", "id"], name="visit_patient_newest"),
            models.Index(fields=["visit_date"]),
            # The patient list sorted by last visit or reassessment due walks the latest visits in date order.
            models.Index(fields=["visit_date", "patient"], condition=Q(is_latest=True), name="visit_latest_date"),
            models.Index(fields=["updated_at"], name="visit_updated_at"),  # the cohort figures' cache stamp (MAX)
            *(models.Index(fields=[f"{code}_category"], name=f"visit_{code}_category") for code in CRITERIA_SETS),
            # Partial covering indexes: what cohort review reads off each patient's latest and first visit
            # (age, categories, mechanisms, histogram measures), so it never reads the wide rows themselves.
            models.Index(
                fields=[
                    "patient",
                    "visit_date",
                    "ewgsop2_category",
                    "awgs2019_category",
                    "awgs2025_category",
                    "fnih_category",
                    "sdoc_category",
                    "mechanisms_likely",
                    "mechanisms_possible",
                    "grip_strength_kg",
                    "gait_speed_m_s",
                    "gait_course_m",
                    "gait_time_s",
                    "asmi_kg_m2",
                    "asm_kg",
                    "height_cm",
                    "is_first",
                ],
                condition=Q(is_latest=True),
                name="visit_latest",
            ),
            models.Index(
                fields=[
                    "patient",
                    "ewgsop2_category",
                    "awgs2019_category",
                    "awgs2025_category",
                    "fnih_category",
                    "sdoc_category",
                ],
                condition=Q(is_first=True),
                name="visit_first",
            ),
        ]
        constraints = [
            *(_range_check(field.name) for field in catalogue.FIELDS if field.limits),
            models.CheckConstraint(
                condition=Q(muscle_mass_method__in=["DXA", "BIA"])
                | (Q(asm_kg__isnull=True) & Q(asmi_kg_m2__isnull=True)),
                name="visit_mass_needs_method",
            ),
            models.CheckConstraint(condition=Q(setting__in=["community", "hospital"]), name="visit_setting_valid"),
            models.CheckConstraint(
                condition=Q(finger_ring_test__in=["", "bigger", "just_fits", "smaller"]), name="visit_finger_ring_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.visit_date}"

    def get_absolute_url(self) -> str:
        """The visit page (the admin's "view on site"; a voided visit's page says so and offers restoring)."""
        from django.urls import reverse

        return reverse("screening:visit_detail", args=[self.pk])


class Cohort(models.Model):
    """A named group of patients, such as a study arm, for cohort review and export."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    patients = models.ManyToManyField(Patient, related_name="cohorts", blank=True, verbose_name=_("patients"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


class ReportPrint(models.Model):
    """A printed report: who printed which document of which visit, in which language, with which content
    fingerprint (the clinician's report or the patient's take-home page). A PDF another system fetched
    through the FHIR API counts too, under its token: it may be printed there."""

    DOCUMENTS = [("report", _("clinician's report")), ("take_home", _("patient's take-home page"))]
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="prints")
    document = models.CharField(_("document"), max_length=20, choices=DOCUMENTS, default="report")
    language = models.CharField(max_length=10)
    fingerprint = models.CharField(max_length=64, db_index=True)
    rule_set_version = models.CharField(max_length=20)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    printed_at = models.DateTimeField(auto_now_add=True)
    fhir_token = models.ForeignKey(  # fetched by another system through the FHIR API (Binary), not by a user
        "FhirToken",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("FHIR API token"),
    )

    class Meta:
        ordering = ["-printed_at"]
        verbose_name = _("printed report")
        verbose_name_plural = _("printed reports")


class AccessEvent(models.Model):
    """Who did what, when: logins, failed logins, exports and report downloads (never patient names)."""

    ACTIONS = [
        ("login", _("login")),
        ("login_failed", _("failed login")),
        ("logout", _("logout")),
        ("export", _("export")),
        ("report", _("report download")),
        ("import", _("import")),
    ]
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=ACTIONS)
    target = models.CharField(max_length=200, blank=True, help_text=_("object id or export scope"))
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access event")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"


class FhirToken(models.Model):
    """A site's API token for the read-only FHIR API; only its SHA-256 is kept (screening.interop.api)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="fhir_tokens", verbose_name=_("site"))
    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses it, e.g. the hospital record."))
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["site", "name"]
        verbose_name = _("FHIR API token")
        verbose_name_plural = _("FHIR API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ImportProfile(models.Model):
    """A site's saved mapping of a device export's columns to the data dictionary (screening/batch/import_profiles.py).

    `columns` lists every source column of the header in order, each as {"source", "field", "unit"}:
    `field` is a data dictionary column or "" (ignored on purpose), `unit` the unit the file writes it in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="import_profiles", verbose_name=_("site"))
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=list)
    encoding = models.CharField(
        _("encoding"), max_length=40, blank=True, help_text=_("Empty: detected from each file.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="import_profile_site_name")]
        verbose_name = _("import profile")
        verbose_name_plural = _("import profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def header(self) -> list[str]:
        return [column["source"] for column in self.columns]
