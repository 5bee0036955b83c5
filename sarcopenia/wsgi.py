"""WSGI entry point for gunicorn or any WSGI server.

Each process warms up as it loads the app (templates compiled, report fonts loaded), so no clinician
waits for that on a worker's first request: sarcopenia/warmup.py.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sarcopenia.settings")
application = get_wsgi_application()

from sarcopenia.warmup import warm_up  # noqa: E402  (needs the app registry get_wsgi_application set up)

warm_up()
