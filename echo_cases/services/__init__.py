"""Business operations (verb_noun functions). No Flask, no HTTP."""
