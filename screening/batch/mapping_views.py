"""The staff import of device exports: the column mapping page, and reading a staged file with a mapping.

A file is staged once (screening.batch.staging.stage) and read again from there for the mapping, the preview and
the import, so nobody chooses it twice.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from screening.batch import import_profiles
from screening.batch.importer import ImportFileError
from screening.batch.mapping_form import MappingForm
from screening.batch.views import preview_pending, staff_required, unstash
from screening.models import ImportProfile
from screening.selectors import sites_for_user


@staff_required
def import_mapping(request: HttpRequest) -> HttpResponse:
    pending = request.session.get("import") or {}
    path = unstash(pending.get("token", ""))
    site = sites_for_user(request.user).filter(pk=pending.get("site")).first()
    if path is None or site is None:
        return redirect("screening:import_visits")
    data = path.read_bytes()
    encoding = request.POST.get("encoding") or pending.get("encoding", "")
    error = ""
    try:
        table = import_profiles.read_table(data, pending.get("filename", ""), encoding)
    except ImportFileError as exc:  # the chosen encoding does not fit: show the file as detected, and why
        error = str(exc)
        try:
            table = import_profiles.read_table(data, pending.get("filename", ""))
        except ImportFileError:
            return redirect("screening:import_visits")
    xlsx = table.encoding == import_profiles.XLSX
    proposal = import_profiles.propose(table.header)
    rereading = "reread" in request.POST or error
    form = MappingForm(None if request.method != "POST" or rereading else request.POST, mapping=proposal,
                       xlsx=xlsx, initial={"encoding": table.encoding})
    problems = [error] if error else []
    if form.is_bound and form.is_valid():
        chosen = form.chosen()
        problems = import_profiles.mapping_problems(chosen)
        if not problems:
            columns = [column.as_dict() for column in chosen]
            name = form.cleaned_data["profile_name"].strip()
            if name:
                # django-simple-history records who saved which mapping (admin: import profiles, history)
                ImportProfile.objects.update_or_create(site=site, name=name, defaults={
                    "columns": columns, "encoding": "" if xlsx else table.encoding})
            pending.update(columns=columns, encoding="" if xlsx else table.encoding, profile=name)
            pending.pop("needs_mapping", None)
            request.session["import"] = pending
            return preview_pending(request, pending, path, site)
    samples = [[cells[i] if i < len(cells) else "" for _n, cells in table.rows[:3]] for i in range(len(table.header))]
    context = {"form": form, "site": site, "table": table, "xlsx": xlsx, "problems": problems,
               "columns": [(*row, samples[i]) for i, row in enumerate(form.rows())],
               "unknown": [c.source for c in proposal if not c.field]}
    return render(request, "screening/import_mapping.html", context)
