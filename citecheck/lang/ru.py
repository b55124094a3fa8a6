"""Russian: what citecheck knows of it."""

from citecheck.lang import Language, Wiki

# fmt: off
LANGUAGE = Language(
    code="ru",
    writes_spaces=True,
    own_letters=frozenset("ыэъё"),
    reference_headings=(
        "примечания", "источники", "литература", "сноски", "список литературы",
        "список источников", "список использованных источников",
        "список использованной литературы", "библиография", "библиографический список",
        "использованные источники", "использованная литература", "ссылки на источники",
    ),
    notes_headings=("комментарии",),
    ending_headings=("ссылки", "см. также", "дополнительная литература"),
    edit_links=("править", "править | править код", "ред.", "ред. | ред. код"),
    footer_phrases=(
        "эта страница в последний раз была отредактирована", "текст доступен по лицензии",
        "категории:", "скрытые категории:", "источник —", "политика конфиденциальности",
    ),
    box_phrases=(
        "медиафайлы на викискладе", "на викискладе есть медиафайлы", "цитаты в викицитатнике",
        "тексты в викитеке", "новости в викиновостях", "значения в викисловаре",
        "учебники в викиучебнике",
    ),
    archive_link_words=(
        "архивировано", "архивная копия", "архивировано из первоисточника",
        "архивировано из оригинала",
    ),
    language_labels={
        "рус.": "ru", "англ.": "en", "укр.": "uk", "яп.": "ja", "кит.": "zh", "кор.": "ko",
        "фр.": "fr", "нем.": "de", "белор.": "be", "русский": "ru", "английский": "en",
        "украинский": "uk", "японский": "ja", "китайский": "zh", "лат.": "la", "исп.": "es",
        "итал.": "it", "порт.": "pt", "пол.": "pl", "польск.": "pl", "каз.": "kk",
        "нидерл.": "nl", "араб.": "ar", "тур.": "tr", "латинский": "la", "французский": "fr",
        "немецкий": "de", "испанский": "es", "итальянский": "it", "португальский": "pt",
        "польский": "pl", "корейский": "ko", "белорусский": "be", "казахский": "kk",
    },
    abbreviations=(
        "г", "гг", "т", "тт", "им", "ул", "др", "пр", "см", "ср", "стр", "тыс", "млн", "млрд",
        "руб", "коп", "англ", "рус", "укр", "проф", "акад",
    ),
    placeholder_titles=("архивная копия",),
    error_title_phrases=(r"страница\s+не\s+найдена",),
    error_title_hints=(("найден",),),
    error_title_filler=("ошибка",),
    redirect_words=("перенаправление",),
    translated_title_patterns=(r"перевод\s*заглавия",),
    months={
        "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
        "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    },
    month_pattern=(
        r"январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|"
        r"октябр[яь]|ноябр[яь]|декабр[яь]|янв|фев|апр|авг|сент?|окт|нояб?|дек"
    ),
    year_words=("года", "г."),
    archived_clauses=(
        ("Архивировано", r"Архивировано(?: из (?:оригинала|первоисточника))? {date}(?: года)?\.?"),
        ("Архивная", r"Архивная копия от {date}(?: года)? на {wayback}\.?"),
    ),
    archived_undated_clauses=(("Архивная", r"Архивная копия на {wayback}\.?"),),
    accessed_clauses=(
        ("ата обращения", r"[(（]?[Дд]ата обращения:? {date}[)）]?\.?"),
        # ruwiki's rendering before "Дата обращения": "Проверено 14 сентября 2023."
        ("Проверено", r"Проверено:? {date}\.?"),
    ),
    template_error_clauses=(
        ("Ошибка", r"Ошибка в сносках[^.]*\.?"),
        ("Ошибка", r"Ошибка: [^.]*\."),
    ),
    dead_link_words=("недоступная ссылка",),
    medium_words=("электронный ресурс", "текст", "интернет"),
    availability_words=(),
    # GOST 7.0.100: "— Текст : электронный".
    medium_clauses=(
        ("Текст", r"(?:[—–]\s*)?Текст\s*:\s*(?:электронный|непосредственный)\.?"),
    ),
    reference_signs=("дата обращения", "и др.", "издательство"),
    heading_qualifiers=("к", "по"),
    wiki=Wiki(
        template_namespaces=("шаблон:",),
        file_namespaces=("файл", "изображение"),
        category_namespaces=("категория",),
        container_prefixes=("карточка",),
        citation_templates={"статья": "ru-article", "публикация": "ru-article", "книга": "book"},
        citation_params={
            # ruwiki's own {{cite web}} takes these Russian aliases.
            "cs1": {
                "title": ("заглавие", "название"), "publisher": ("издатель",), "year": ("год",),
                "access_date": ("дата обращения", "дата-обращения"),
                "archive_url": ("архив-url",), "archive_date": ("архив-дата",),
                "language": ("язык",),
            },
            # {{статья}} / {{публикация}} (GOST-style): издание is the periodical.
            "ru-article": {
                "title": ("заглавие",), "publisher": ("издание", "издательство", "сайт"),
                "date": ("дата",), "year": ("год",),
                "access_date": ("проверено", "дата обращения"), "archive_url": ("архив",),
                "archive_date": ("архив дата", "архив-дата"), "url": ("ссылка",),
                "language": ("язык",), "pages": ("страницы",),
            },
            # {{книга}}: издание there is the edition, not the source.
            "book": {
                "title": ("заглавие",), "publisher": ("издательство",), "date": ("дата",),
                "year": ("год",), "access_date": ("проверено",), "archive_url": ("архив",),
                "archive_date": ("архив дата",), "url": ("ссылка",), "language": ("язык",),
                # страниц is the book's length, not a locator.
                "pages": ("страницы",), "chapter": ("часть",),
            },
        },
        citation_authors={
            "ru-article": {"authors": (("автор{n}", ""), ("авторы", ""))},
            "book": {"authors": (("автор{n}", ""), ("авторы", ""))},
        },
        archive_templates={"архивировано": "snapshot"},
        dead_link_templates=("недоступная ссылка",),
        dead_url_values=("да",),
        live_url_values=("нет",),
        note_templates={"комм.": "comment"},
        reflist_templates=("примечания", "список примечаний"),
        notelist_templates={"комментарии": "comment"},
        inline_text_templates={"не переведено": (1,), "нп": (1,), "нп5": (1,)},
        fix_params={
            "cs1": {
                "archive_url": "archiveurl", "archive_date": "archivedate",
                "url_status": "deadlink",
            },
            # GOST-style templates show the archive link next to the original and have no
            # dead-link switch of their own: no url status is written for them.
            "ru-article": {"archive_url": "архив", "archive_date": "архив дата"},
            "book": {"archive_url": "архив", "archive_date": "архив дата"},
        },
        wiki_signs=("lang", "deadlink"),
    ),
)
# fmt: on
