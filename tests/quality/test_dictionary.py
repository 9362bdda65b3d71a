"""The en-GB dictionary's compact cache: it answers as spylls does, is reused, and is read
again when the dictionary changes."""

import os
import re
import warnings
from pathlib import Path

import pytest

from review_app import create_app
from review_app.quality import dictionary, spelling
from review_app.quality.dictionary import load_lookup

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["programme", "programmes", "Programmes", "PROGRAMMES", "programs", "organisations",
         "NHS", "nhs", "London", "LONDON", "london", "Londons", "wellbeing"]


@pytest.fixture
def small(tmp_path):
    """A three-word Hunspell dictionary with one suffix rule (plural -s)."""
    (tmp_path / "en_XX.aff").write_text("SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n")
    (tmp_path / "en_XX.dic").write_text("4\nprogramme/S\norganisation/S\nNHS\nLondon\n")
    return tmp_path / "en_XX"


def verdicts(lookup) -> dict[str, bool]:
    return {word: lookup(word) for word in WORDS}


def test_the_cache_answers_as_the_files_do_and_is_reused(small, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    from_files = verdicts(load_lookup(small))
    assert {w for w, known in from_files.items() if known} == {
        "programme", "programmes", "Programmes", "PROGRAMMES", "organisations", "NHS",
        "London", "LONDON"}
    assert verdicts(load_lookup(small, cache)) == from_files  # read, then cached
    assert len(list(cache.glob("en_XX-*.pickle"))) == 1

    def no_reading(path):
        raise AssertionError("the dictionary files were read again")

    monkeypatch.setattr(dictionary, "read_files", no_reading)
    assert verdicts(load_lookup(small, cache)) == from_files  # from the cache alone


def test_a_changed_dictionary_is_read_again_and_its_old_cache_dropped(small, tmp_path):
    cache = tmp_path / "cache"
    assert not load_lookup(small, cache)("wellbeing")
    [old] = cache.glob("*.pickle")
    dic = small.with_suffix(".dic")
    dic.write_text("5\nprogramme/S\norganisation/S\nNHS\nLondon\nwellbeing\n")
    stat = dic.stat()
    os.utime(dic, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert load_lookup(small, cache)("wellbeing")
    [new] = cache.glob("*.pickle")
    assert new != old
    # Only the modification time changed: still a new version.
    os.utime(dic, ns=(stat.st_atime_ns, stat.st_mtime_ns + 4_000_000_000))
    assert dictionary.cache_file(small, cache) != new


def test_a_broken_or_unwritable_cache_costs_only_speed(small, tmp_path, caplog):
    cache = tmp_path / "cache"
    load_lookup(small, cache)
    [stored] = cache.glob("*.pickle")
    stored.write_bytes(b"not a pickle")
    assert load_lookup(small, cache)("programmes")
    assert "could not be read" in caplog.text
    assert load_lookup(small, cache)("programmes")  # written again, whole
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert load_lookup(small, blocked)("programmes")
    assert "could not be written" in caplog.text
    assert not list(tmp_path.glob("*.tmp")) and not list(cache.glob("*.tmp"))


def test_the_speller_caches_under_the_instance_folder_or_the_configured_one(tmp_path):
    assert spelling.cache_folder() is None  # outside an app: nowhere to keep it
    app = create_app({"INSTANCE_DIR": tmp_path, "TESTING": True})
    with app.app_context():
        assert spelling.cache_folder() == tmp_path / "cache"
    app.config["QUALITY_CACHE_DIR"] = str(tmp_path / "elsewhere")
    with app.app_context():
        assert spelling.cache_folder() == tmp_path / "elsewhere"


@pytest.mark.skipif(not spelling.DICTIONARY.with_suffix(".dic").exists(),
                    reason="hunspell-en-gb is not installed")
def test_the_compact_en_gb_dictionary_agrees_with_spylls(tmp_path):
    from spylls.hunspell import Dictionary

    text = (ROOT / "curricula" / "stage-1.yaml").read_text()
    words = sorted(set(re.findall(r"[A-Za-z]+", text)))
    words += ["programs", "organization", "prioritize", "color", "catalog", "centers",
              "OpenOffice", "OPENOFFICE", "McDonald", "MCDONALD", "ORGANIZATION", "Teh"]
    words += [w.upper() for w in words[:200]] + [w.capitalize() for w in words[:200]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # spylls leaves its readers open
        full = Dictionary.from_files(str(spelling.DICTIONARY))
    compact = load_lookup(spelling.DICTIONARY, tmp_path)  # read and cached
    cached = load_lookup(spelling.DICTIONARY, tmp_path)
    expected = {w: full.lookup(w) for w in words}
    assert {w: compact(w) for w in words} == expected
    assert {w: cached(w) for w in words} == expected
    assert expected["programs"] and expected["prioritize"] and not expected["color"]
