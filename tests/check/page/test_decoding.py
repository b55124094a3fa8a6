"""Legacy charsets: declared by the server or the page, or detected."""

from __future__ import annotations

import pytest

from citecheck.check.page import decode, read_page


@pytest.mark.parametrize(
    ("charset", "text", "content_type", "codec", "source"),
    [
        ("windows-1251", "Ким Чен Ын прибыл в Россию", "text/html", "cp1251", "meta"),
        # a server's default Latin-1 gives way to the page's own declaration
        (
            "windows-1251",
            "Ким Чен Ын прибыл в Россию",
            "text/html; charset=ISO-8859-1",
            "cp1251",
            "meta",
        ),
        ("koi8-r", "Ким Чен Ын прибыл в Россию", "text/html; charset=koi8-r", "koi8-r", "http"),
        (
            "shift_jis",
            "プーチン氏と金正恩氏が会談",
            "text/html; charset=Shift_JIS",
            "cp932",
            "http",
        ),
        ("euc-jp", "プーチン氏と金正恩氏が会談", "text/html", "euc_jp", "meta"),
        ("gb2312", "普京与金正恩会面", "text/html", "gb18030", "meta"),
        ("gb18030", "普京与金正恩会面", "text/html; charset=gb18030", "gb18030", "http"),
    ],
)
def test_legacy_charsets_are_decoded_as_declared(
    charset: str, text: str, content_type: str, codec: str, source: str
) -> None:
    body = f'<html><head><meta charset="{charset}"><title>{text}</title></head></html>'.encode(
        charset
    )
    page = read_page(body, "https://example.org/a", content_type)
    assert (page.title, page.charset, page.charset_source) == (text, codec, source)


def test_an_undeclared_legacy_charset_is_detected() -> None:
    text = "Ким Чен Ын прибыл в Россию на бронепоезде. Встреча с Путиным пройдёт на космодроме."
    body = f"<html><head><title>{text[:26]}</title></head><body><p>{text}</p></body></html>"
    decoded, codec, source = decode(body.encode("cp1251"), "text/html")
    assert (decoded.count("Ким"), codec, source) == (2, "cp1251", "detected")
