"""The app as gunicorn serves it in the benchmarks, with the bare endpoint added.

Reads the same environment as a deployment (DATABASE_URL, SECRET_KEY,
KLIENTWEBB_ENV); bench_field_check.py sets it.

    gunicorn --chdir bench served_app:app
"""

from common import add_bare_endpoint

from webapp import create_app

app = create_app()
app.logger.setLevel("WARNING")
add_bare_endpoint(app)
