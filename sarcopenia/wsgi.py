"""WSGI entry point for gunicorn or any WSGI server.

Each process warms up as it loads the app (templates compiled, report fonts loaded), so no clinician
waits for that on a worker's first request, and then hides what it loaded from the garbage collector,
so no request waits for a full collection to rescan it: sarcopenia/warmup.py.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
application = get_wsgi_application()

from sarcopenia.warmup import freeze_startup_objects, warm_up  # noqa: E402  (needs the app registry set up)

warm_up()
freeze_startup_objects()
