"""Passwords: scrypt hashes computed off the event loop, and refusing guessable ones.

Hashing and checking cost about 0.1 s of CPU each; under gevent that would stall every
live socket of the process, so both run in the hub's thread pool (`run_cpu_bound`).
A new password must be at least 12 characters and not easy to guess: zxcvbn (offline,
with its own lists of common passwords, names and words) must score it 3 or more out of 4,
knowing the person's email address and name. Its advice is shown in plain UK English.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from ..errors import InvalidInput
from ..offload import run_cpu_bound

MIN_PASSWORD = 12
MAX_PASSWORD = 200
MIN_SCORE = 3
# zxcvbn's time grows with length; what a guesser would try is in the first characters.
_SCORED_LENGTH = 64
# zxcvbn keeps the user's inputs in a module-level dictionary while it scores: two checks
# at once would read each other's names.
_SCORING = threading.Lock()

# zxcvbn's feedback, said as the NHS.UK content style would say it.
PLAIN_ENGLISH = {
    "Straight rows of keys are easy to guess.": "Rows of keys next to each other are easy "
                                                "to guess.",
    "Short keyboard patterns are easy to guess.": "Short patterns on the keyboard are easy "
                                                  "to guess.",
    'Repeats like "aaa" are easy to guess.': "Repeated characters, like aaa, are easy to "
                                             "guess.",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        "Repeated groups, like abcabcabc, are hardly harder to guess than abc.",
    'Sequences like "abc" or "6543" are easy to guess.': "Sequences, like abc or 6543, are "
                                                         "easy to guess.",
    "Recent years are easy to guess.": "Recent years are easy to guess.",
    "Dates are often easy to guess.": "Dates are easy to guess.",
    "This is a top-10 common password.": "This is one of the 10 most common passwords.",
    "This is a top-100 common password.": "This is one of the 100 most common passwords.",
    "This is a very common password.": "This is a very common password.",
    "This is similar to a commonly used password.": "This is too like a common password.",
    "A word by itself is easy to guess.": "A single word is easy to guess.",
    "Names and surnames by themselves are easy to guess.": "A name on its own is easy to "
                                                           "guess.",
    "Common names and surnames are easy to guess.": "Common names are easy to guess.",
    "Use a few words, avoid common phrases.": "Use 3 or 4 words that do not go together.",
    "No need for symbols, digits, or uppercase letters.": "You do not need symbols, numbers "
                                                          "or capital letters.",
    "Add another word or two. Uncommon words are better.": "Add another word or 2. Unusual "
                                                           "words are better.",
    "Use a longer keyboard pattern with more turns.": "Avoid patterns on the keyboard.",
    "Avoid repeated words and characters.": "Avoid repeated words and characters.",
    "Avoid sequences.": "Avoid sequences.",
    "Avoid recent years.": "Avoid recent years.",
    "Avoid years that are associated with you.": "Avoid years that mean something to you.",
    "Avoid dates and years that are associated with you.": "Avoid dates and years that mean "
                                                           "something to you.",
    "Capitalization doesn't help very much.": "Capital letters do not help much.",
    "All-uppercase is almost as easy to guess as all-lowercase.": "All capitals are almost "
                                                                  "as easy to guess as none.",
    "Reversed words aren't much harder to guess.": "Words spelt backwards are not much "
                                                   "harder to guess.",
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        "Swaps like @ for a do not help much.",
}


def hash_password(password: str) -> str:
    return run_cpu_bound(generate_password_hash, password, "scrypt")


def password_matches(password_hash: str, password: str) -> bool:
    return run_cpu_bound(check_password_hash, password_hash, password)


def _plain(message: str) -> str:
    return PLAIN_ENGLISH.get(message, message)


def weakness(password: str, known: Iterable[str] = ()) -> str | None:
    """Why `password` is too easy to guess, or None when it is strong enough. `known` is
    what an attacker would try first: the person's email address and name."""
    hints = [part for value in known if value
             for part in (value, *value.replace("@", " ").replace(".", " ").split())]
    with _SCORING:
        result = zxcvbn(password[:_SCORED_LENGTH], user_inputs=hints)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    advice = [_plain(feedback["warning"])] if feedback.get("warning") else []
    advice += [_plain(s) for s in feedback.get("suggestions", [])]
    advice = advice or ["Use 3 or 4 words that do not go together."]
    return "Choose a password that is harder to guess. " + " ".join(advice)


def check_new_password(password: str, field: str = "password",
                       known: Iterable[str] = ()) -> None:
    """Refuse a new password that is too short, too long or too easy to guess."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput({field: f"Password must be at least {MIN_PASSWORD} characters"})
    if len(password) > MAX_PASSWORD:
        raise InvalidInput({field: f"Password must be {MAX_PASSWORD} characters or fewer"})
    problem = weakness(password, known)
    if problem:
        raise InvalidInput({field: problem})
