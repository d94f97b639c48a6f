"""gunicorn's settings for echo-cases, read from the directory gunicorn starts in."""

# Tokens in link paths (invitations, password resets, calendar feeds) never reach the log.
logger_class = "echo_cases.http.access_log.RedactingLogger"

# A bound on a worker's growth (docs/deployment.md, load test): after 5,000 requests,
# give or take 500 so that the two workers do not restart together, a worker is replaced
# by a fresh one. What a worker gains per note after its first (spaCy's vocabulary, the
# tokenizer's cache, the word lists of the languages it met; benchmarks/deid_memory.py)
# is small but has no ceiling of its own; a restart costs the new worker a few seconds of
# loading the de-identifier in the background (preload_deidentifier), which is rare
# enough at this count to be paid.
max_requests = 5000
max_requests_jitter = 500
