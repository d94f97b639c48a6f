"""What the load test's simulated people do; run by benchmarks/load_test.py, not by hand.

Experts read the review queue and open de-identified cases, coordinators open cases, and
clinicians write a ~3 KB case and submit it through the browser forms (CSRF token
included), which de-identifies it on the server. Each simulated person signs in once.

Settings come from the environment that load_test.py sets:
LOAD_PLAN      JSON file: accounts, password, de-identified case ids to open
LOAD_SAMPLES   JSONL file this writes every timed request to, for exact percentiles
LOAD_CLINICIANS, LOAD_COORDINATORS   how many of the users play those roles (rest: experts)
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
from itertools import count
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from locust.env import Environment
from requests import PreparedRequest, Response

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_case_text import CaseWriter
from load_names import CASE_PAGE, CREATE, CREATE_SUBMIT, QUEUE, SIGN_IN, SUBMIT

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
SAMPLES_PATH = Path(os.environ["LOAD_SAMPLES"])
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CASE_URL = re.compile(r"^/cases/(\d+)$")
# The case form starts at "Choose a program": a clinician picks the first one offered.
PROGRAM_CHOICE = re.compile(r'<select id="program_id"[^>]*>.*?<option value="(\d+)"', re.DOTALL)

_samples: list[tuple[str, float, float, str]] = []
# Hands each simulated person of a role the next account, so sessions spread over accounts.
_counter = {role: count() for role in ("expert", "coordinator", "clinician")}


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None,
            **_kwargs: Any) -> None:
    _samples.append((name, time.time(), response_time, "" if exception is None else
                     str(exception)[:200]))


@events.test_stop.add_listener
def _write_samples(environment: Environment, **_kwargs: Any) -> None:
    with SAMPLES_PATH.open("w") as out:
        for name, at, ms, error in _samples:
            out.write(json.dumps({"name": name, "at": at, "ms": ms, "error": error}) + "\n")


class _SignedIn(HttpUser):
    """Someone signed in once, through a client that stands where the TLS proxy would."""

    abstract = True
    role = ""

    def on_start(self) -> None:
        self._send_secure_cookies_over_http()
        # Flask-WTF checks the Referer of secure form posts; a browser behind the proxy
        # would send its https:// page address.
        origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": origin + "/"})
        index = next(_counter[self.role])
        self.email = PLAN["accounts"][self.role][index % len(PLAN["accounts"][self.role])]
        self._sign_in()

    def _send_secure_cookies_over_http(self) -> None:
        """Production marks cookies Secure, and this client speaks plain HTTP on loopback.

        It stands where the TLS proxy would (it sends X-Forwarded-Proto), so it must send
        them anyway. A cookie policy would not do: requests copies the jar into a new one,
        with the default policy, for every request.
        """
        send = self.client.send

        def send_then_unmark(request: PreparedRequest, **kwargs: Any) -> Response:
            response = send(request, **kwargs)
            for cookie in self.client.cookies:
                cookie.secure = False
            return response

        self.client.send = send_then_unmark  # type: ignore[method-assign]

    def _sign_in(self) -> None:
        token = self._csrf("/login", SIGN_IN)
        with self.client.post("/login", name=SIGN_IN, allow_redirects=False,
                              data={"email": self.email, "password": PLAN["password"],
                                    "csrf_token": token}, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{self.email} could not sign in: {response.status_code}")

    def _csrf(self, path: str, name: str) -> str:
        response = self.client.get(path, name=name)
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    def open_case(self) -> None:
        case_id = random.choice(PLAN["case_ids"])  # noqa: S311 - choice of page, not a secret
        with self.client.get(f"/cases/{case_id}", name=CASE_PAGE, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"case {case_id}: {response.status_code}")


class Expert(_SignedIn):
    role = "expert"
    wait_time = between(0.5, 1.5)

    @task
    def queue(self) -> None:
        with self.client.get("/queue", name=QUEUE, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"queue: {response.status_code}")

    @task
    def case_page(self) -> None:
        self.open_case()


class Coordinator(_SignedIn):
    role = "coordinator"
    wait_time = between(0.5, 1.5)
    fixed_count = int(os.environ.get("LOAD_COORDINATORS", "2"))

    @task
    def case_page(self) -> None:
        self.open_case()


class Clinician(_SignedIn):
    role = "clinician"
    # Writing a case takes minutes in life; a short pause keeps submissions coming.
    wait_time = between(1.0, 3.0)
    fixed_count = int(os.environ.get("LOAD_CLINICIANS", "2"))

    def on_start(self) -> None:
        super().on_start()
        self.writer = CaseWriter()
        # One token serves the whole session (WTF_CSRF_TIME_LIMIT is None).
        form = self.client.get("/cases/new", name=SIGN_IN).text
        token, program = CSRF.search(form), PROGRAM_CHOICE.search(form)
        self.token = token.group(1) if token else ""
        self.program_id = program.group(1) if program else ""

    @task
    def create_and_submit(self) -> None:
        fields = self.writer.case()
        started = time.perf_counter()
        case_id = self._create(fields)
        if case_id is None:
            return
        ok = self._submit(case_id)
        events.request.fire(
            request_type="FLOW", name=CREATE_SUBMIT, context={}, response=None,
            response_time=(time.perf_counter() - started) * 1000, response_length=0,
            exception=None if ok else RuntimeError("submission failed"))

    def _create(self, fields: dict[str, str]) -> int | None:
        with self.client.post("/cases/new", name=CREATE, allow_redirects=False,
                              data={**fields, "program_id": self.program_id,
                                    "csrf_token": self.token},
                              catch_response=True) as response:
            match = CASE_URL.match(response.headers.get("Location", ""))
            if response.status_code != 302 or match is None:
                response.failure(f"create: {response.status_code}")
                return None
            return int(match.group(1))

    def _submit(self, case_id: int) -> bool:
        # A new draft is at version 1 and has saved no decisions yet (revision 0), as the
        # preview page's form says: every proposed redaction stands.
        with self.client.post(f"/cases/{case_id}/submit", name=SUBMIT, allow_redirects=False,
                              data={"version": "1", "decisions_revision": "0",
                                    "csrf_token": self.token},
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"submit {case_id}: {response.status_code}")
                return False
            return True


def _leave_out_roles_of_nobody() -> None:
    """locust reads a fixed_count of 0 as "no fixed count" and would spawn the role anyway.

    A function, not a loop at module level: locust takes every User class it finds among
    the module's names, and a loop variable would be one more.
    """
    for role in (Coordinator, Clinician):
        role.abstract = role.fixed_count == 0


_leave_out_roles_of_nobody()
