"""The cassette format: a requests-cache FileCache folder whose files a reviewer can read.

requests-cache's own ``decode_content`` option makes bodies readable but not replayable byte for
byte: it re-encodes text as UTF-8 (a cp1251 or Shift_JIS page comes back in another encoding) and
re-serialises JSON (whitespace changes). This serializer stores a text body as a string together
with the codec that turns it back into the exact bytes received, and leaves any other body as
base64. It is an ordinary requests-cache ``SerializerPipeline``: the cattrs stage first, then
this stage, then JSON or YAML.
"""

from __future__ import annotations

import base64
import codecs
import importlib
import json
from typing import Any

from requests_cache import SerializerPipeline, Stage
from requests_cache.serializers.preconf import json_preconf_stage, yaml_preconf_stage

from citecheck.http.errors import CassetteFormatError
from citecheck.http.outcome import declared_charset

TEXT_KEY = "_citecheck_text"
CODEC_KEY = "_citecheck_text_codec"
FORMATS = ("json", "yaml")

_TEXTUAL_MARKERS = ("text/", "json", "xml", "javascript", "x-www-form-urlencoded")


def is_textual(content_type: str | None) -> bool:
    ct = (content_type or "").lower()
    return any(marker in ct for marker in _TEXTUAL_MARKERS)


def lossless_codec(body: bytes, declared: str | None) -> str:
    """A codec that decodes ``body`` to text and encodes it back to exactly ``body``.

    The declared charset when it round-trips, else UTF-8, else Latin-1 (which maps every byte
    to one character, so it always does).
    """
    for name in (declared, "utf-8"):
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
            if body.decode(codec).encode(codec) == body:
                return codec
        except (LookupError, UnicodeError):
            continue
    return "latin-1"


def _header(headers: dict[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


class _ReadableBody:
    """The middle stage. ``base64_bodies`` says how the stage before represents bytes:
    base64 text (JSON) or raw bytes (YAML)."""

    def __init__(self, base64_bodies: bool) -> None:
        self.base64_bodies = base64_bodies

    def copy(self) -> _ReadableBody:
        return _ReadableBody(self.base64_bodies)

    def dumps(self, record: Any) -> Any:
        if not isinstance(record, dict) or not record.get("_content"):
            return record
        content_type = _header(record.get("headers") or {}, "content-type")
        if not is_textual(content_type):
            return record
        raw = record["_content"]
        body = base64.b64decode(raw) if self.base64_bodies else bytes(raw)
        codec = lossless_codec(body, declared_charset(content_type))
        record = dict(record)
        del record["_content"]
        record[TEXT_KEY] = body.decode(codec)
        record[CODEC_KEY] = codec
        return record

    def loads(self, record: Any) -> Any:
        _check_record(record)
        if TEXT_KEY not in record:
            return record
        record = dict(record)
        body = str(record.pop(TEXT_KEY)).encode(str(record.pop(CODEC_KEY)))
        record["_content"] = base64.b64encode(body).decode("ascii") if self.base64_bodies else body
        return record


# What a record must hold to be replayed, and the types the next stage (cattrs) needs.
_RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "url": str,
    "status_code": int,
    "headers": dict,
    "request": dict,
}


def _check_record(record: Any) -> None:
    """Refuse a record that is not a recorded response, naming what is wrong: an edited or
    damaged cassette must stop the replay with a clear error, not a traceback deep in cattrs
    nor a silent miss that turns every citation into ``not-recorded``."""
    if not isinstance(record, dict):
        raise CassetteFormatError(f"a record is a JSON {type(record).__name__}, not an object")
    where = f" (record of {record['url']})" if isinstance(record.get("url"), str) else ""
    for name, kind in _RECORD_FIELDS.items():
        value = record.get(name)
        # bool is an int to Python, not a status code.
        if not isinstance(value, kind) or isinstance(value, bool):
            shown = "missing" if name not in record else f"{value!r:.60}"
            raise CassetteFormatError(f"{name} is {shown}{where}")
    if (TEXT_KEY in record) != (CODEC_KEY in record) or not isinstance(
        record.get(TEXT_KEY, ""), str
    ):
        raise CassetteFormatError(f"{TEXT_KEY} and {CODEC_KEY} come together{where}")
    codec = record.get(CODEC_KEY)
    if codec is not None:
        try:
            codecs.lookup(str(codec))
        except LookupError:
            raise CassetteFormatError(f"unknown codec {codec!r}{where}") from None


def _json_stage() -> Stage:
    def dumps(value: Any) -> bytes:
        text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
        return text.encode("utf-8")

    def loads(data: bytes | str) -> Any:
        try:
            return json.loads(data)
        except ValueError as exc:  # UnicodeDecodeError included
            raise CassetteFormatError(f"a record is not JSON: {exc}") from None

    return Stage(dumps=dumps, loads=loads)


def _yaml_stage() -> Stage:
    try:
        yaml: Any = importlib.import_module("yaml")
    except ImportError as exc:
        raise CassetteFormatError(
            "YAML cassettes need PyYAML (pip install pyyaml); JSON needs nothing"
        ) from exc

    def dumps(value: Any) -> bytes:
        text: str = yaml.safe_dump(value, allow_unicode=True, sort_keys=True)
        return text.encode("utf-8")

    return Stage(dumps=dumps, loads=yaml.safe_load)


def cassette_serializer(fmt: str = "json") -> SerializerPipeline:
    """A serializer for FileCache that writes readable, byte-exact cassette files."""
    if fmt == "json":
        stages = [json_preconf_stage, _ReadableBody(base64_bodies=True), _json_stage()]
    elif fmt == "yaml":
        stages = [yaml_preconf_stage, _ReadableBody(base64_bodies=False), _yaml_stage()]
    else:
        raise CassetteFormatError(f"unknown cassette format {fmt!r}; choose one of {FORMATS}")
    # Binary: the files are always UTF-8, whatever the locale says.
    return SerializerPipeline(stages, name=f"citecheck-{fmt}", is_binary=True)
