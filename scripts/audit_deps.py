"""Known-vulnerability check of every pinned dependency (direct and transitive), run by `make audit`.

pip-audit looks each release up in PyPI's per-release JSON API (/pypi/NAME/VERSION/json). Where only
the project-level API (/pypi/NAME/json) is reachable, as behind the registry proxy of our build
machines, pip-audit skips every package and still says "No known vulnerabilities found"; this script
then reads the project-level JSON, whose `vulnerabilities` are those of the latest release: exact for
a pin that is the latest release, not available for an older pin, which is listed as not audited.
Exit status 1 on any known vulnerability that is not in IGNORED, or when pip-audit itself fails.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess  # nosec B404 # runs pip-audit with a fixed argument list, no shell
import sys
import tempfile
import urllib.request
from pathlib import Path

from packaging.version import InvalidVersion, Version  # a dependency of pip-audit

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
PYPI_JSON = "https://pypi.org/pypi/{name}/json"

# Advisories accepted on purpose: id -> why (no fixed version that fits, or not reachable in this app).
IGNORED: dict[str, str] = {}
# Pins kept below the latest release on purpose (so the fallback cannot audit them): name -> why.
HELD_BACK = {
    "django": "5.2 LTS on purpose (README); security fixes land in the newest 5.2.x release",
    "python-dateutil": "celery 5.7.0 requires python-dateutil==2.9.0.post0",
}


def pip_audit() -> list[dict]:
    """pip-audit's JSON list of dependencies (each with `vulns`, or a `skip_reason`)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [
            str(Path(sys.executable).with_name("pip-audit")),
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(out),
        ]
        for requirements in REQUIREMENTS:
            command += ["--requirement", requirements]
        for advisory in IGNORED:
            command += ["--ignore-vuln", advisory]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)  # nosec B603 # fixed argv
        if not out.exists():
            sys.exit(f"pip-audit failed ({result.returncode}):\n{result.stderr}")
        return json.loads(out.read_text())["dependencies"]


def skipped_version(dep: dict) -> str | None:
    """The version of a skipped dependency: named at the end of pip-audit's reason, else installed."""
    match = re.search(r"\(([^()\s]+)\)\s*$", dep.get("skip_reason", ""))
    if match:
        return match.group(1)
    try:
        return importlib.metadata.version(dep["name"])
    except importlib.metadata.PackageNotFoundError:
        return None


def series_note(version: str, releases: list[str]) -> str:
    """Whether the pin is still the newest patch release of its major.minor series (e.g. an LTS)."""
    pinned = Version(version)
    same = [v for v in map(_version, releases) if v and not v.is_prerelease and v.release[:2] == pinned.release[:2]]
    newest = max(same, default=pinned)
    series = ".".join(map(str, pinned.release[:2]))
    return f"newest {series}.x release" if newest <= pinned else f"{series}.x has {newest}"


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def fallback(name: str, version: str | None) -> tuple[list[dict], str | None]:
    """(known vulnerabilities, None) when the project-level JSON covers `version`, else ([], why not)."""
    try:
        with urllib.request.urlopen(PYPI_JSON.format(name=name), timeout=30) as response:  # nosec B310 # https URL
            data = json.load(response)
    except OSError as exc:
        return [], f"PyPI JSON unreachable ({exc})"
    latest = data["info"]["version"]
    if version is None:
        return [], f"version unknown, latest {latest}"
    if version != latest:
        return [], f"pinned {version}, latest {latest} ({series_note(version, list(data['releases']))})"
    return [v for v in data.get("vulnerabilities", []) if v["id"] not in IGNORED], None


def main() -> int:
    found: list[str] = []
    unaudited: list[str] = []
    audited = 0
    for dep in pip_audit():
        name = dep["name"]
        if "skip_reason" not in dep:
            audited += 1
            found += [
                f"{name} {dep['version']}: {v['id']} (fixed in {', '.join(v['fix_versions']) or 'none'})"
                for v in dep.get("vulns", [])
            ]
            continue
        version = skipped_version(dep)
        vulns, why_not = fallback(name, version)
        if why_not:
            unaudited.append(f"{name}: {why_not}" + (f"; {HELD_BACK[name]}" if name in HELD_BACK else ""))
            continue
        audited += 1
        found += [
            f"{name} {version}: {v['id']} {' '.join(v.get('aliases', []))} "
            f"(fixed in {', '.join(v.get('fixed_in', [])) or 'none'})"
            for v in vulns
        ]
    for advisory, reason in IGNORED.items():
        print(f"ignored {advisory}: {reason}")
    print(f"pip-audit: {audited} packages audited, {len(found)} known vulnerabilities")
    if unaudited:
        print(f"not audited ({len(unaudited)}; PyPI's per-release vulnerability API unreachable from here):")
        print("\n".join(f"  {line}" for line in unaudited))
    if found:
        print("known vulnerabilities (upgrade the pin, or add the id to IGNORED with a reason):")
        print("\n".join(f"  {line}" for line in found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
