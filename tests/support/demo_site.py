"""A small news site and its archive, on 127.0.0.1, for end-to-end audits with real HTTP.

The site is a threaded ``http.server`` with a few articles in the states citations meet: alive,
gone (404), moved to the home page, behind a bot wall (403), retitled, in legacy charsets (cp1251
declared only in the page, shift_jis in the header), with publication dates in their metadata.
The archive is pywb holding captures of those pages at known times, and one capture of a login
wall stored under an article's URL. ``article_wikitext`` writes a small article citing them, with one
citation for each thing the checker must notice. The recorded cassette in ``cassettes/demo``
was made from exactly this site (see ``tests/support/record_demo.py``).
"""

from __future__ import annotations

import datetime as dt

from tests.support.pywb_server import Capture
from tests.support.static_site import StaticSite

ARTICLE = "/news/2023/09/13/kim-putin-summit.html"
GONE = "/news/2023/09/15/factory-visit.html"
MOVED = "/news/2023/09/16/old-story.html"
WALLED = "/news/2023/09/17/interview.html"
REDATED = "/news/2023/09/15/sanctions.html"
UNARCHIVED = "/news/2023/09/18/not-archived.html"
RETITLED = "/news/2023/09/14/lavrov-visit.html"
CP1251 = "/news/2023/09/12/arrival.html"
SHIFT_JIS = "/news/2023/09/13/ja-report.html"
LOGIN_CAPTURE = "/news/2023/09/19/exclusive.html"

UTF8 = "text/html; charset=utf-8"
# Enough running text for the page's language to be detected, not only declared.
RU_TEXT = (
    "Встреча прошла на космодроме Восточный в Амурской области. Стороны обсудили "
    "сотрудничество в экономике и обороне, а также подготовку будущих визитов."
)
JA_TEXT = (
    "ロシアのプーチン大統領と北朝鮮の金正恩総書記は、極東のボストーチヌイ宇宙基地で会談した。"
    "両首脳は軍事や経済の協力について話し合ったとみられる。"
)


def _page(
    title: str,
    body: str,
    *,
    lang: str = "ru",
    published: str | None = None,
    head: str = "",
    charset: str = "utf-8",
    site: str = " — Demo News",
) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}">{meta}{head}'
        f"<title>{title}{site}</title></head><body><h1>{title}</h1><p>{body}</p>"
        "</body></html>"
    )
    return html.encode(charset)


HOME = _page("Главная", "Новости дня.")
PAGES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/": (200, {}, HOME),
    ARTICLE: (
        200,
        {},
        _page(
            "Путин и Ким встретились на космодроме",
            RU_TEXT,
            published="2023-09-13T14:00:00+10:00",
        ),
    ),
    REDATED: (
        200,
        {},
        _page(
            "США пригрозили новыми санкциями",
            "Вашингтон…",
            published="2023-09-12T08:00:00+03:00",
        ),
    ),
    GONE: (404, {}, _page("Страница не найдена", "404")),
    MOVED: (301, {"Location": "/"}, b""),
    WALLED: (403, {}, _page("Access denied", "Bot protection")),
    RETITLED: (200, {}, _page("Шойгу осмотрел выставку вооружений", RU_TEXT)),
    # Old Russian sites: the header names no charset, only the page does.
    CP1251: (
        200,
        {"Content-Type": "text/html"},
        _page("Ким Чен Ын прибыл в Россию", RU_TEXT, charset="windows-1251"),
    ),
    SHIFT_JIS: (
        200,
        {"Content-Type": "text/html; charset=Shift_JIS"},
        _page(
            "プーチン氏と金正恩氏が会談",
            JA_TEXT,
            lang="ja",
            charset="shift_jis",
            site=" | デモニュース",
        ),
    ),
    LOGIN_CAPTURE: (404, {}, _page("Страница не найдена", "404")),
}
# What the archive stored under LOGIN_CAPTURE: the login wall the site showed the crawler.
LOGIN_WALL = _page(
    "Вход для подписчиков",
    "Войдите, чтобы читать эксклюзивные материалы.",
    head='<link rel="canonical" href="/account/login">',
)


class DemoSite(StaticSite):
    """The news site on 127.0.0.1 (a free port unless one is given), in a thread."""

    def __init__(self, port: int = 0) -> None:
        missing = (404, {}, _page("Not found", "404"))
        super().__init__(PAGES, missing=missing, headers={"Content-Type": UTF8}, port=port)


def _utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)  # type: ignore[misc]


def captures(origin: str) -> list[Capture]:
    """What the archive holds of the site: the article, the page now gone, the page that was
    already a redirect to the home page when archived, the home page, a late capture, a login
    wall, and two captures of the page cited without an archive."""
    return [
        Capture(origin + ARTICLE, _utc(2023, 9, 14, 12, 0, 0), PAGES[ARTICLE][2]),
        Capture(origin + GONE, _utc(2023, 9, 16, 9, 0, 0), _page("Ким посетил завод", "…")),
        Capture(
            origin + MOVED,
            _utc(2023, 9, 20, 6, 0, 0),
            status="301 Moved Permanently",
            location=origin + "/",
        ),
        Capture(origin + "/", _utc(2023, 9, 20, 6, 0, 1), HOME),
        Capture(origin + REDATED, _utc(2024, 1, 2, 8, 0, 0), PAGES[REDATED][2]),
        Capture(origin + LOGIN_CAPTURE, _utc(2023, 9, 19, 10, 0, 0), LOGIN_WALL),
        # The interview, cited without an archive, was captured before the bot wall went up:
        # once before the citation's access date (2023-09-19) and once after it.
        Capture(origin + WALLED, _utc(2023, 9, 17, 8, 0, 0), _page("Интервью", "…")),
        Capture(origin + WALLED, _utc(2023, 10, 1, 8, 0, 0), _page("Интервью", "…")),
    ]


def article_wikitext(origin: str, archive: str) -> str:
    """A small zhwiki-style article citing the site; ``archive`` is the pywb collection prefix."""

    def cite(
        path: str,
        title: str,
        date: str,
        archived: str | None,
        stamp: str | None,
        language: str = "ru",
    ) -> str:
        parts = [
            f"url={origin}{path}",
            f"title={title}",
            "publisher=Demo News",
            f"date={date}",
            "access-date=2023-09-19",
            f"language={language}",
        ]
        if archived and stamp:
            parts += [f"archive-url={archive}{stamp}/{origin}{path}", f"archive-date={archived}"]
        return "<ref>{{cite web |" + " |".join(parts) + "}}</ref>"

    return "\n".join(
        [
            "'''演示峰会'''是一次虚构的会面。",
            "",
            "== 会面 ==",
            "普京与金正恩在东方航天发射场会面"
            + cite(
                ARTICLE,
                "Путин и Ким встретились на космодроме",
                "2023-09-13",
                "2023-09-14",
                "20230914120000",
            )
            + "。",
            "金正恩参观了工厂"
            + cite(GONE, "Ким посетил завод", "2023-09-15", "2023-09-16", "20230916090000")
            + "。",
            "此前的报道已被删除"
            + cite(MOVED, "Старая новость", "2023-09-16", "2023-09-20", "20230920060000")
            + "。",
            "一篇采访被网站屏蔽" + cite(WALLED, "Интервью", "2023-09-17", None, None) + "。",
            "美国威胁实施新的制裁"
            + cite(
                REDATED,
                "США пригрозили новыми санкциями",
                "2023-09-15",
                "2023-09-15",
                "20230915000000",
            )
            + "。",
            "另有一篇报道未被存档"
            + cite(
                UNARCHIVED, "Неархивированная новость", "2023-09-18", "2023-09-18", "20230918000000"
            )
            + "。",
            "== 后续 ==",
            "拉夫罗夫将访问平壤"
            + cite(RETITLED, "Лавров посетит Пхеньян", "2023-09-14", None, None)
            + "。",
            "金正恩抵达俄罗斯"
            + cite(CP1251, "Ким Чен Ын прибыл в Россию", "2023-09-12", None, None)
            + "。",
            "日本媒体也报道了会谈"
            + cite(SHIFT_JIS, "プーチン氏と金正恩氏が会談", "2023-09-13", None, None, language="en")
            + "。",
            "一篇独家报道只存档了登录页面"
            + cite(
                LOGIN_CAPTURE,
                "Эксклюзив: подробности переговоров",
                "2023-09-19",
                "2023-09-19",
                "20230919100000",
            )
            + "。",
            "",
            "== 参考文献 ==",
            "{{reflist}}",
            "",
        ]
    )
