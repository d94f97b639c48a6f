"""Reading what a page's form posts, as strictly as the API reads JSON: a value the form
could not have sent is refused, naming its field, never read as the nearest thing.

Numbers go through ``echo_cases.numbers.whole``; this module has the rest."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from echo_cases.errors import Invalid

TICKED = "on"  # what a browser sends for a ticked box that has no value of its own


def ticked(form: MultiDict[str, str], name: str) -> bool:
    """A checkbox without a value: ticked, or absent and not; "yes", "true" or the box twice
    is refused rather than read as unticked."""
    values = form.getlist(name)
    if not values:
        return False
    if values == [TICKED]:
        return True
    raise Invalid("A box on the form could not be read: reload the page.",
                  {name: "Tick the box or leave it empty."})
