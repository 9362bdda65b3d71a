"""The en-GB Hunspell dictionary for lookups, read once and then loaded from a compact cache.

spylls reads the .dic file line by line into about 400,000 Python objects: 1.5-3 s on a
2-core machine, and every full garbage collection of a server process walks them all
afterwards. Read once, each stem's entries are kept as plain strings and tuples, made
spylls `Word`s only when a lookup asks for that stem, and pickled into the cache folder
(the instance folder's `cache/`), keyed by the dictionary files' size and modification
time and by spylls' version: loading that takes about 0.2 s and leaves a few thousand
objects for the collector, and a changed dictionary is read again. The cache is the app's
own file; a folder it cannot write only costs the speed.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
import warnings
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from spylls.hunspell import readers
from spylls.hunspell.algo.capitalization import Type as CapType
from spylls.hunspell.algo.lookup import Lookup
from spylls.hunspell.data.dic import Dic, Word
from spylls.hunspell.readers.file_reader import FileReader

log = logging.getLogger(__name__)
FORMAT = 2  # bump when the cached shape changes
# A stem's flags: a string of one-character flags, or a tuple of longer ones. A stem with one
# plain entry keeps only its flags (most of them); others keep (flags, data tags, spellings).
Flags = str | tuple[str, ...]
Entries = Flags | list[tuple[Flags, dict | None, tuple[str, ...]]]


class CompactDic(Dic):
    """spylls' Dic for lookups only: entries as strings and tuples, made Words when first
    asked for (a word's capitalisation type is worked out again from its stem)."""

    def __init__(self, casing, entries: dict[str, Entries],
                 lowercase: dict[str, tuple[tuple[str, int], ...]]):
        self.words = []  # only suggestions read every word, and nothing here asks for them
        self.casing, self.entries, self.lowercase = casing, entries, lowercase
        self.index: dict[str, list[Word]] = {}  # the stems looked up so far
        self.lowercase_index: dict[str, list[Word]] = {}

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[Word]:
        made = self.lowercase_index if ignorecase else self.index
        words = made.get(stem)
        if words is None:
            if ignorecase:
                words = [self.homonyms(s)[n] for s, n in self.lowercase.get(stem, ())]
            else:
                words = self._words(stem)
            if words:  # stems that are not words (most of what affix stripping tries) stay out
                made[stem] = words
        return words

    def _words(self, stem: str) -> list[Word]:
        found = self.entries.get(stem)
        if found is None:
            return []
        captype = self.casing.guess(stem)
        if not isinstance(found, list):
            found = [(found, None, ())]
        return [Word(stem=stem, flags=set(flags), data=dict(data or {}),
                     alt_spellings=list(alt), captype=captype) for flags, data, alt in found]


def flags_of(word: Word) -> Flags:
    flags = sorted(word.flags)
    return "".join(flags) if all(len(f) == 1 for f in flags) else tuple(flags)


def compact(dic: Dic, casing) -> CompactDic:
    entries: dict[str, Entries] = {}
    for stem, words in dic.index.items():
        if len(words) == 1 and not words[0].data and not words[0].alt_spellings:
            entries[stem] = flags_of(words[0])
        else:
            entries[stem] = [(flags_of(w), dict(w.data) or None, tuple(w.alt_spellings))
                             for w in words]
    where = {id(w): (stem, n) for stem, words in dic.index.items()
             for n, w in enumerate(words)}
    # Only stems with capitals: spylls indexes an all-lower-case stem under each of its
    # letters (it iterates over the string), which nothing needs; it is found as it is.
    lowercase = {lower: found for lower, words in dic.lowercase_index.items()
                 if (found := tuple(where[id(w)] for w in words if w.captype != CapType.NO))}
    return CompactDic(casing, entries, lowercase)


@contextmanager
def no_collection():
    """Building a million objects triggers dozens of full collections that find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_files(path: Path) -> tuple[object, CompactDic]:
    """The .aff and .dic files as spylls reads them, compacted."""
    with warnings.catch_warnings(), no_collection():
        warnings.simplefilter("ignore", ResourceWarning)  # spylls leaves its readers open
        aff_reader = FileReader(str(path.with_suffix(".aff")))
        aff, context = readers.read_aff(aff_reader)
        dic_reader = FileReader(str(path.with_suffix(".dic")), encoding=context.encoding)
        dic = readers.read_dic(dic_reader, aff=aff, context=context)
        aff_reader.io.close()
        dic_reader.io.close()
        return aff, compact(dic, aff.casing)


def cache_file(path: Path, folder: Path) -> Path:
    """Where this version of the dictionary's compact form is kept."""
    parts = [str(path.resolve()), version("spylls"), str(FORMAT)]
    for suffix in (".aff", ".dic"):
        stat = path.with_suffix(suffix).stat()
        parts += [str(stat.st_size), str(stat.st_mtime_ns)]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    return folder / f"{path.name}-{key}.pickle"


def load_lookup(path: Path, cache: Path | None = None) -> Lookup:
    """spylls' lookup over the dictionary at `path` (without suffix), from the cache folder
    when it holds this version, else from the files (then cached there)."""
    target = cache_file(path, cache) if cache else None
    if target is not None and target.exists():
        try:
            with no_collection():
                aff, entries, lowercase = pickle.loads(target.read_bytes())
            return Lookup(aff, CompactDic(aff.casing, entries, lowercase))
        except (OSError, pickle.UnpicklingError, ValueError, EOFError):
            log.warning("The dictionary cache %s could not be read: reading the dictionary",
                        target)
    aff, dic = read_files(path)
    if target is not None:
        store(target, (aff, dic.entries, dic.lowercase))
    return Lookup(aff, dic)


def store(target: Path, data: tuple) -> None:
    """Write the cache in one step (another process may be reading), and drop older ones."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False,
                                         suffix=".tmp") as file:
            try:
                pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, target)
        for old in target.parent.glob(f"{target.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("The dictionary cache could not be written (%s): it is read from the "
                    "dictionary files each time", error)
