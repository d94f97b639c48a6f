"""gunicorn's settings for echo-cases, read from the directory gunicorn starts in."""

# Tokens in link paths (invitations, password resets, calendar feeds) never reach the log.
logger_class = "echo_cases.http.access_log.RedactingLogger"
