"""A page's bytes as text: which charset, and why (``bom``, ``http``, ``meta``, ``detected``…)."""

from __future__ import annotations

import codecs
import re

from citecheck.check.page.markup import SNIFF_BYTES
from citecheck.http.outcome import declared_charset

# What browsers really use for a declared label (WHATWG): the declared ones are subsets.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
}
# Labels that servers send by default, not because anyone chose them for this page.
_DEFAULT_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    name = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str, str]:
    """The page's text, the codec used and why: ``bom``, ``http``, ``meta``, ``detected``…

    A declared charset is used when the body decodes with it. A server's default Latin-1 gives
    way to the page's own ``<meta charset>``, which is what old cp1251 and shift_jis sites set.
    """
    for bom, bom_codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if body.startswith(bom) and (text := _decodes(body, bom_codec)) is not None:
            return text, bom_codec, "bom"
    http_label = declared_charset(content_type)
    meta = _META_CHARSET.search(body[:SNIFF_BYTES])
    meta_label = meta.group(1).decode("ascii", "replace") if meta else None
    declared = [("http", http_label), ("meta", meta_label)]
    if http_label and http_label.lower() in _DEFAULT_LABELS and meta_label:
        declared.reverse()
    for source, label in declared:
        codec = _codec(label)
        if codec and (decoded := _decodes(body, codec)) is not None:
            return decoded, codec, source
    if (text := _decodes(body, "utf-8")) is not None:
        return text, "utf-8", "utf-8"
    detected = _detect_charset(body)
    if detected and (text := _decodes(body, detected)) is not None:
        return text, detected, "detected"
    return body.decode("cp1252", "replace"), "cp1252", "fallback"


def _detect_charset(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return _codec(best.encoding) if best else None
