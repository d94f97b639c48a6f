"""Social handles and the user names of messaging apps: addresses a person is reached by.

"@carla_rn_84", "@lena@fosstodon.org", "Telegram: @olga", "Skype: rosa.delgado.onco",
"WeChat ID wxid_lm82k0q4", "Discord nightowl#4471". In a note "@" is also "at" ("@home",
"seen @KNH", "lasix @10am"), so a handle is one when its spelling is no word's (an
underscore, a dot or a digit inside, a capital inside: "@StMaryOnco") or a word before
names a network (data/words/handle_cues.txt). After a messaging app's name
(data/words/messaging_apps.txt) the value is the user's name if it is spelt like one.
"""

from __future__ import annotations

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.vocabulary import is_common_word

# A handle opens with a letter or "_" (never "@0800", "@5ml"); a server after a second
# "@" is a Mastodon address's ("@lena@fosstodon.org").
_HANDLE = rule(
    "HANDLE",
    r"(?<![\w@.])@(?:[\p{L}_][\w.]*\w|[\p{L}_])(?:@[\w-]+(?:\.[\w-]+)+)?(?![\w@])",
    0.85,
    requires=r"@[\p{L}_]",
    breaks=" \t\n",
)
_CUES = wordlists.words("handle_cues")
_CUE_BEFORE = regex.compile(
    rf"(?<!\w)(?:{'|'.join(regex.escape(c) for c in _CUES)})(?!\w)[^\n@]{{0,24}}$",
    regex.IGNORECASE,
)
_CUE_REACH = 40
_SPELT_AS_HANDLE = regex.compile(r"[_\d]|\w\.\w|\p{Ll}\p{Lu}|@")

_APP_ID = rule(
    "HANDLE",
    rf"(?i:{cue(wordlists.words('messaging_apps'))})(?:[ \t]+(?i:id|name|user(?:name)?))?"
    r"[ \t]*:?[ \t]*(?P<x>@?[\p{L}\d_][\w.:#@/-]*\w)",
    # Above a bare "ID" label's 0.95: "WeChat ID x" names how to reach someone, a contact.
    0.96,
)
# The value after an app's name is a user name when it is spelt like one: letters with a
# digit, "_", ".", ":" or "#" ("live:.cid.7f3a", "nightowl#4471"), or digits only, as QQ
# and WeChat numbers are; a plain word only after a colon and when no common word
# ("Skype: rosadelgado", not "on Skype tomorrow").
_USER_NAME_MARK = regex.compile(r"[\d_.:#@]")
_MIN_APP_DIGITS = 5

HANDLE_RULES: tuple[Rule, ...] = (_HANDLE, _APP_ID)


class EchoHandleRecognizer(RuleRecognizer):
    """Social handles and messaging user names."""

    def __init__(self) -> None:
        super().__init__("EchoHandleRecognizer", HANDLE_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end]
        if rule_ is _HANDLE:
            if _SPELT_AS_HANDLE.search(value, 1):
                return True
            before = text[max(0, start - _CUE_REACH) : start]
            return _CUE_BEFORE.search(before) is not None
        name = value.lstrip("@")
        if name.isdigit():
            return len(name) >= _MIN_APP_DIGITS
        if _USER_NAME_MARK.search(value):
            return any(c.isalpha() for c in name)
        colon = text.rfind(":", max(0, start - 3), start) >= 0
        return colon and name.islower() and not is_common_word(name)
