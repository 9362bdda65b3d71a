"""`uk-spelling`: American spellings, with the UK form, checked against Debian's en-GB
Hunspell dictionary (hunspell-en-gb) through spylls, plus the project's glossary.

The dictionary decides; the rule only proposes UK candidates for a word (-ize to -ise,
-or to -our, -er to -re, -og to -ogue, a doubled l, -ense to -ence …) and keeps the
first one the dictionary accepts. The en-GB dictionary follows Oxford spelling, so it
accepts -ize too; NHS style writes -ise, so an -ize word whose -ise form is also a word
is flagged. `data/preferred.yaml` holds the few words the dictionary accepts in another
sense (a computer "program") that NHS and GOV.UK style write otherwise.
"""

from __future__ import annotations

import gc
import re
from functools import cache
from pathlib import Path

import yaml
from flask import current_app, has_app_context

from .findings import Finding, StageData, finding

DATA = Path(__file__).parent / "data"
DICTIONARY = Path("/usr/share/hunspell/en_GB")
MISSING = ("The en-GB dictionary is not installed, so UK spelling was not checked: install "
           "Debian's hunspell-en-gb (make install-test does).")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
# Endings that differ between American and UK spelling: (American, UK), tried in order.
ENDINGS = (("izations", "isations"), ("ization", "isation"), ("izing", "ising"),
           ("ized", "ised"), ("izes", "ises"), ("izer", "iser"), ("ize", "ise"),
           ("yzing", "ysing"), ("yzed", "ysed"), ("yzes", "yses"), ("yze", "yse"),
           ("ors", "ours"), ("or", "our"), ("orful", "ourful"), ("orable", "ourable"),
           ("ored", "oured"), ("oring", "ouring"), ("orite", "ourite"),
           ("ers", "res"), ("er", "re"), ("ered", "red"),
           ("ogs", "ogues"), ("og", "ogue"), ("eled", "elled"), ("eling", "elling"),
           ("eler", "eller"), ("ense", "ence"), ("enses", "ences"), ("ill", "il"),
           ("ills", "ils"))


class Speller:
    """The en-GB dictionary with the glossary, remembering each word's verdict."""

    def __init__(self, dictionary_path: Path = DICTIONARY, cache: Path | None = None):
        from .dictionary import load_lookup  # spylls: imported only where it is used

        self.lookup = load_lookup(dictionary_path, cache)
        self.glossary = glossary()
        self.preferred = preferred()
        self.verdicts: dict[str, str | None] = {}

    def known(self, word: str) -> bool:
        return self.lookup(word)

    def uk_form(self, word: str) -> str | None:
        """The UK spelling of an American-spelt word, or None when it is fine or unknown."""
        if word in self.verdicts:
            return self.verdicts[word]
        self.verdicts[word] = verdict = self._uk_form(word)
        return verdict

    def _uk_form(self, word: str) -> str | None:
        lower = word.lower()
        if word in self.glossary or lower in self.glossary:
            return None
        if lower in self.preferred:
            return keep_case(word, self.preferred[lower])
        known = self.known(word)
        for american, uk in ENDINGS:
            if not lower.endswith(american):
                continue
            if known and "z" not in american:
                continue  # only -ize/-yze words the dictionary accepts are still flagged
            candidate = lower[: -len(american)] + uk
            if candidate != lower and self.known(candidate):
                return keep_case(word, candidate)
        return None


def keep_case(original: str, replacement: str) -> str:
    if original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@cache
def glossary() -> frozenset[str]:
    lines = (DATA / "glossary.txt").read_text().splitlines()
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


@cache
def preferred() -> dict[str, str]:
    return yaml.safe_load((DATA / "preferred.yaml").read_text())


_speller: Speller | None = None
# A document worker process keeps the dictionary between jobs (review_app/worker.py):
# reading it again cost every report 2.3 s of CPU there.
_kept = False


def keep_speller() -> None:
    """Keep the dictionary once loaded, whatever `release_speller` is asked."""
    global _kept
    _kept = True


def speller() -> Speller | None:
    """The shared speller, or None when the dictionary is not installed."""
    global _speller
    if _speller is None and DICTIONARY.with_suffix(".dic").exists():
        _speller = Speller(cache=cache_folder())
        if _kept:  # out of the collector's sight: its objects live as long as we do
            gc.freeze()
    return _speller


def cache_folder() -> Path | None:
    """The app's cache folder for the compact dictionary (none outside an app)."""
    if not has_app_context():
        return None
    return Path(current_app.config.get("QUALITY_CACHE_DIR")
                or Path(current_app.config["INSTANCE_DIR"]) / "cache")


def release_speller() -> bool:
    """Let the dictionary go unless it is kept: the report's loading does, before its
    larger part; the next check loads it again. Whether it went."""
    global _speller
    released = _speller is not None and not _kept
    if not _kept:
        _speller = None
    return released


def american_words(text: str, checker: Speller) -> list[tuple[str, str]]:
    """(word as written, UK form) for each American spelling in the text, once each."""
    found: dict[str, str] = {}
    for token in TOKEN.findall(text):
        for word in token.split("-") if "-" in token and token not in checker.glossary \
                else [token]:
            word = word.removesuffix("'s").strip("'")  # the organization's
            if word and word not in found and (uk := checker.uk_form(word)):
                found[word] = uk
    return list(found.items())


def spelling_in(text: str) -> list[tuple[str, str]]:
    """American spellings in any text (a live draft, say); empty without the dictionary."""
    checker = speller()
    return american_words(text, checker) if checker else []


def uk_spelling(stage: StageData) -> list[Finding]:
    checker = speller()
    if checker is None:
        return [finding("uk-spelling", "info", stage, None, None, MISSING,
                        "Install hunspell-en-gb and check again.", text="")]
    findings = []
    for comp in stage.competencies:
        for item in comp.items:
            for word, uk in american_words(f"{item.title or ''} {item.text}", checker):
                findings.append(finding(
                    "uk-spelling", "error", stage, comp, item,
                    f"“{word}” is an American spelling.", f"Write “{uk}”."))
    return findings
