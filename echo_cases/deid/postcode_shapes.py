"""The shapes of the postcodes that mix letters and digits (British, Canadian, Irish), for
every rule that reads one.

In capitals a code stands apart from the words around it, so the rules of
``recognizers/locations.py`` read any capital where a British or Canadian code has a
letter ("SW1A 1AA", "K1A 0B1"). In small letters a note's shorthand takes the same shapes
("q4 2hr", "t2 1bd"), so after a town (``analyzer.py``) only the letters each post uses in
each place are read, in any case. The space is required in every shape: "T2N1M0" is a
tumour's stage, not Calgary.
"""

from __future__ import annotations

# Britain: an outward code ("SW1A", "M1", "CF24") and an inward one ("1AA").
UK_IN_CAPITALS = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}"
UK = r"(?i:[a-pr-uwyz][a-hk-y]?\d[a-hjkps-uw\d]?[ \t]\d[abd-hjlnp-uw-z]{2})"
# Canada: letter, digit, letter, then digit, letter, digit ("K1A 0B1", "b3h 1a1").
CANADA_IN_CAPITALS = r"[A-Z]\d[A-Z][ \t]\d[A-Z]\d"
CANADA = r"(?i:[abceghj-nprstvxy]\d[abceghj-nprstv-z][ \t]\d[abceghj-nprstv-z]\d)"
# Ireland's Eircode: a routing key ("D06", "D6W") and four of the letters and digits An
# Post uses, at least one of each ("D06 K2W7", "T12 X70A"). Its letters are already only
# An Post's, so it is one shape; it heeds case, and a rule that reads small letters wraps
# it in ``(?i:...)``.
EIRCODE = r"[AC-FHKNPRTV-Y](?:\d\d|6W)[ \t](?=[A-Z]*\d)(?=\d*[A-Z])[\dAC-FHKNPRTV-Y]{4}"

# Postcodes written with their country's letters before the digits, as Faker's address
# providers write them: Azerbaijan "AZ1027" (az_AZ, "AZ" and four digits; a note may set a
# space between), Hungary "H-1186" (hu_HU), Greece "TK 131 17" in Greek capitals (el_GR,
# Tachydromikos Kodikas). Alone they may be something else ("AZ 1000", azithromycin's dose): rules
# read them beside a town only. Heeds case.
COUNTRY_PREFIXED = r"(?:AZ[ \t-]?\d{4}|H-\d{4}|\u03a4\u039a[ \t]?\d{3}[ \t]?\d{2})"
