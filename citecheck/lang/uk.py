"""Ukrainian: what citecheck knows of it."""

from citecheck.lang import Language, Wiki

# fmt: off
LANGUAGE = Language(
    code="uk",
    writes_spaces=True,
    own_letters=frozenset("іїєґ"),
    reference_headings=(
        "примітки", "джерела", "література", "виноски", "список літератури",
        "список використаних джерел", "список використаної літератури",
        "список джерел", "перелік посилань", "перелік джерел", "використані джерела",
        "бібліографічний список", "бібліографія", "список рекомендованої літератури",
        "рекомендована література",
    ),
    notes_headings=("коментарі",),
    ending_headings=("посилання", "див. також"),
    edit_links=("редагувати", "редагувати | редагувати код"),
    footer_phrases=(
        "сторінку востаннє відредаговано", "текст доступний на умовах", "категорії:",
        "приховані категорії:", "отримано з", "політика конфіденційності",
    ),
    box_phrases=(
        "вікісховище має мультимедійні дані", "у вікісховищі є медіафайли",
        "у вікіцитатах є висловлювання", "у вікіджерелах є", "у вікісловнику є",
    ),
    archive_link_words=(
        "архівовано", "архівна копія", "архів оригіналу",
    ),
    language_labels={
        "рос.": "ru", "англ": "en", "япон.": "ja", "кит": "zh", "російська": "ru",
        "англійська": "en", "українська": "uk", "японська": "ja", "китайська": "zh",
        "нім.": "de", "ісп.": "es", "італ.": "it", "біл.": "be", "білор.": "be",
        "латинська": "la", "французька": "fr", "німецька": "de", "іспанська": "es",
        "італійська": "it", "португальська": "pt", "польська": "pl", "корейська": "ko",
        "білоруська": "be", "казахська": "kk",
    },
    abbreviations=("р", "рр", "ім", "вул", "див", "тис", "млн", "млрд", "грн"),
    placeholder_titles=("архівна копія",),
    error_title_phrases=(r"сторінку\s+не\s+знайдено", r"сторінка\s+не\s+знайдена"),
    error_title_hints=(("знайден",),),
    error_title_filler=("помилка",),
    redirect_words=("перенаправлення",),
    translated_title_patterns=(r"переклад\s*назви",),
    months={
        "січ": 1, "лют": 2, "берез": 3, "квіт": 4, "травн": 5, "травен": 5, "черв": 6, "лип": 7,
        "серп": 8, "верес": 9, "жовт": 10, "листопад": 11, "груд": 12,
    },
    month_pattern=(
        r"січ(?:ня|ень)|лют(?:ого|ий)|берез(?:ня|ень)|квіт(?:ня|ень)|трав(?:ня|ень)|черв(?:ня|ень)|"
        r"лип(?:ня|ень)|серп(?:ня|ень)|верес(?:ня|ень)|жовт(?:ня|ень)|листопада?|груд(?:ня|ень)|"
        # DSTU's short forms always carry their full stop: "5 квіт. 2001 р.".
        r"(?:січ|лют|квіт|трав|черв|лип|серп|жовт|груд)(?=\.)"
    ),
    year_words=("року", "р."),
    archived_clauses=(
        ("Архів", r"Архів оригіналу за {date}\.?"),
        (
            "Архівовано",
            r"Архівовано(?: з (?:джерела|першоджерела|оригіналу))? {date}(?: року)?"
            r"(?: (?:у|на) {wayback})?\.?",
        ),
        ("Архівна", r"Архівна копія від {date}(?: (?:у|на) {wayback})?\.?"),
    ),
    archived_undated_clauses=(),
    accessed_clauses=(
        ("ата звернення", r"[(（]?[Дд]ата звернення:? {date}[)）]?\.?"),
        ("Процитовано", r"Процитовано {date}\.?"),
        ("Переглянуто", r"Переглянуто {date}\.?"),
    ),
    template_error_clauses=(("Помилка", r"Помилка цитування[^.]*\.?"),),
    dead_link_words=("недоступне посилання",),
    medium_words=("електронний ресурс",),
    availability_words=("Режим доступу до ресурсу", "Режим доступу"),
    medium_clauses=(),
    reference_signs=("дата звернення", "та ін."),
    heading_qualifiers=("до",),
    wiki=Wiki(
        template_namespaces=("шаблон:",),
        file_namespaces=("файл", "зображення"),
        category_namespaces=("категорія",),
        container_prefixes=("картка",),
        citation_templates={"книга": "book"},
        citation_params={
            # ukwiki's Ukrainian aliases of the CS1 module.
            "cs1": {
                "title": ("назва", "заголовок"),
                "work": ("вебсайт", "сайт", "робота", "видання", "газета", "журнал"),
                "publisher": ("видавець", "видавництво"),
                "date": ("дата",),
                "year": ("рік",),
                "access_date": ("дата-доступу", "дата доступу", "датадоступу"),
                "archive_url": ("url-архіву", "url архіву", "архів-url", "архівurl"),
                "archive_date": ("дата-архіву", "дата архіву"),
                "url": ("url-адреса", "посилання"),
                "language": ("мова",),
                "url_status": ("стан-url", "статус-url"),
            },
            "book": {
                "title": ("назва",), "publisher": ("видавництво",), "year": ("рік",),
                "access_date": ("дата-доступу",), "archive_url": ("url-архіву",),
                "archive_date": ("дата-архіву",), "url": ("посилання",), "language": ("мова",),
            },
        },
        citation_authors={
            "cs1": {"pairs": (("прізвище{n}", "ім'я{n}"),), "names": (("автор{n}", ""),)},
        },
        archive_templates={"архівовано": "snapshot"},
        dead_link_templates=("недоступне посилання", "мертве посилання"),
        dead_url_values=("так",),
        live_url_values=("ні",),
        reflist_templates=("примітки", "джерела"),
        fix_params={
            # ukwiki's CS1 module takes the English url-status; its Ukrainian alias is not
            # verified.
            "cs1": {
                "archive_url": "url-архіву", "archive_date": "дата-архіву",
                "url_status": "url-status",
            },
            "book": {"archive_url": "url-архіву", "archive_date": "дата-архіву"},
        },
        status_keyword_params=("стан-url", "статус-url"),
        # ukwiki's aliases spelled without its own letters (the rest of its names have one).
        wiki_signs=(
            "назва", "мова", "посилання", "видавець", "видання", "робота", "дата-доступу",
            "дата доступу",
        ),
    ),
)
# fmt: on
