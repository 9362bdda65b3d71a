"""How Socket.IO packets are encoded for the live room: UTF-8 JSON by orjson, no binary
attachments (docs/live-protocol.md, "Encoding").

python-socketio's own Packet walks every payload in Python looking for bytes before it
encodes it (17 ms for a 1,000-proposal join snapshot), then encodes it with the standard
library's json (11 ms). The app never sends bytes, so `WirePacket` skips the walk, and an
emitted bytes value fails loudly when it is encoded (orjson does not serialise bytes)
instead of going out as an attachment no client of ours reads.

What reaches a client stays what the standard library would have sent, as JSON: orjson
writes non-ASCII text as UTF-8 rather than \\uXXXX escapes (the same string once parsed).
Where orjson refuses something the standard library accepts, the standard library does the
work, so nothing that worked before fails now:

* reading, an integer beyond 64 bits (orjson would read 2**70 as a float; the stdlib's
  exact integer reaches the handler and is answered `invalid_payload`, as before), a lone
  surrogate escape, NaN or Infinity;
* writing, an integer beyond 64 bits or a string holding a lone surrogate.

Types the standard library cannot write (datetimes, dataclasses, sets, objects) still raise
TypeError: orjson is told to pass datetimes and dataclasses on rather than write them. Two
differences remain, neither of which the app sends: a float NaN or Infinity is written as
null (the standard library wrote NaN, which a browser's JSON.parse refuses), and a UUID or
a plain Enum is written by orjson where the standard library raised.
"""

from __future__ import annotations

import json as _stdlib
import re
from typing import Any

import orjson
from socketio import packet

_OPTIONS = (orjson.OPT_NON_STR_KEYS  # {1: ...} becomes {"1": ...}, as the stdlib does
            | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS)


# orjson reads an integer beyond 64 bits as a float (2**70 would arrive as 1.18e21, which
# pydantic would take for a whole number): text with a run of 19 digits or more, which
# covers every such integer, goes to the stdlib, which reads it exactly. A long number in a
# string sends it there too, harmlessly.
_LONG_NUMBER = re.compile(r"[0-9]{19}")


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class OrjsonCodec:
    """The `json` that python-socketio's packets and client managers call: `dumps` and
    `loads` with the standard library's signatures (keyword arguments such as
    `separators` are accepted; orjson's output is always compact)."""

    @staticmethod
    def dumps(obj: Any, **_kwargs: Any) -> str:
        try:
            return orjson.dumps(obj, default=_refuse, option=_OPTIONS).decode()
        except orjson.JSONEncodeError:
            # A huge integer or a lone surrogate, which the stdlib writes; anything else
            # it raises for as well.
            return _stdlib.dumps(obj, separators=(",", ":"))

    @staticmethod
    def loads(text: str | bytes, **_kwargs: Any) -> Any:
        if _LONG_NUMBER.search(text if isinstance(text, str) else text.decode("utf-8", "replace")):
            return _stdlib.loads(text)
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            # Lone surrogate escapes, NaN, Infinity: the stdlib reads them, and raises its
            # own error for what is not JSON at all.
            return _stdlib.loads(text)


class WirePacket(packet.Packet):
    """A Socket.IO packet that never looks for, or carries, binary attachments."""

    uses_binary_events = False
    json = OrjsonCodec
