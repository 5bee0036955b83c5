"""Who is signed in and what they did: the language switch, lockouts keyed on the client address,
per-request session and cache wiring, and the access log.

May import: Django, `screening.models`, `screening.ops` (private files). Not the other job packages.
"""
