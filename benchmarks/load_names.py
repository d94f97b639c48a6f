"""Names the load test reports requests under, shared by the locustfile and load_test.py.

Kept apart so load_test.py need not import locust (which patches the standard library).
"""

QUEUE = "GET /queue"
CASE_PAGE = "GET /cases/<id>"
CREATE = "POST /cases/new"
SUBMIT = "POST /cases/<id>/submit"
CREATE_SUBMIT = "create+submit"
SIGN_IN = "setup: sign in, read a form"
