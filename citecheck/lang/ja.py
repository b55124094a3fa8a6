"""Japanese: what citecheck knows of it."""

from citecheck.lang import Language, Wiki

# fmt: off
LANGUAGE = Language(
    code="ja",
    writes_spaces=False,
    own_letters=frozenset(),
    reference_headings=("出典", "脚注", "参照", "参考文献", "引用文献", "参考", "参考資料", "文献"),
    notes_headings=("注記", "注釈", "注"),
    ending_headings=("外部リンク", "関連項目"),
    edit_links=("編集", "ソースを編集"),
    footer_phrases=(
        "最終更新", "テキストはクリエイティブ・コモンズ", "カテゴリ:", "隠しカテゴリ:",
        "から取得", "プライバシー・ポリシー",
    ),
    box_phrases=(
        "ウィキメディア・コモンズには", "ウィキクォートに", "ウィキソースに", "ウィキブックスに",
        "ウィキニュースに", "ウィキ辞書に",
    ),
    archive_link_words=(
        "アーカイブ", "アーカイブ分", "ウェイバックマシン",
    ),
    language_labels={
        "ロシア語": "ru", "ウクライナ語": "uk", "日本語": "ja", "中国語": "zh", "韓国語": "ko",
        "英語": "en", "フランス語": "fr", "ドイツ語": "de", "ラテン語": "la", "スペイン語": "es",
        "イタリア語": "it", "ポルトガル語": "pt", "ポーランド語": "pl", "ベラルーシ語": "be",
        "カザフ語": "kk", "オランダ語": "nl", "アラビア語": "ar", "トルコ語": "tr",
        "英語 (アメリカ)": "en-US", "英語 (イギリス)": "en-GB",
    },
    abbreviations=(),
    placeholder_titles=("アーカイブされたコピー", "無題"),
    error_title_phrases=(r"ページ[がは]見つかりません(?:でした)?",),
    error_title_hints=(("見つかりません",),),
    error_title_filler=("お探しの", "エラー"),
    redirect_words=("転送", "リダイレクト"),
    translated_title_patterns=(),
    months={},
    month_pattern="",
    year_words=(),
    archived_clauses=(
        ("時点の", r"{date}\s*時点の(?:オリジナルより)?アーカイブ。?"),
        ("オリジナルの", r"オリジナルの\s*{date}\s*時点におけるアーカイブ。?"),
        ("ウェイバックマシン", r"アーカイブ\s*{date}\s*-\s*ウェイバックマシン。?"),
        (
            "アーカイブ分",
            r"(?:-\s*)?(?:ウェイバックマシン)?\s*[（(]\s*{date}\s*アーカイブ分\s*[)）]",
        ),
    ),
    archived_undated_clauses=(),
    accessed_clauses=(
        # SIST 02: (参照 2019-04-01), 参照: 2022-12-09, [参照 2023年10月9日].
        ("参照", r"[(（\[]?\s*参照\s*[:：]?\s*{date}\s*[)）\]]?\.?"),
        ("閲覧", r"[(（]?\s*{date}\s*閲覧\s*[)）]?。?"),
    ),
    template_error_clauses=(("引用エラー", r"引用エラー[^。]*。?"),),
    dead_link_words=("リンク切れ",),
    medium_words=("インターネット",),
    availability_words=("入手先", "書誌情報"),
    medium_clauses=(),
    reference_signs=("閲覧", "参照", "ほか", "編", "出版"),
    heading_suffixes=("リンク", "一覧"),
    section_units=("章", "節", "部"),
    unit_words={
        "キロメートル": "km", "キロ": "km", "km": "km", "メートル": "m", "キログラム": "kg",
        "トン": "t", "時間": "h", "分間": "min", "日間": "d", "年間": "y", "%": "%",
        "パーセント": "%", "ポイント": "pp", "円": "jpy", "ドル": "usd", "ユーロ": "eur",
        "人": "", "名": "",
    },
    multiplier_words={"万": 10**4, "萬": 10**4, "億": 10**8, "兆": 10**12},
    number_words={
        "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
        "九": 9, "十": 10, "百": 100, "千": 1000,
    },
    approximate_words=("約", "およそ", "ほぼ", "おおよそ"),
    approximate_suffixes=("程度", "前後", "ほど", "くらい", "ぐらい"),
    wiki=Wiki(
        template_namespaces=("テンプレート:",),
        file_namespaces=("ファイル", "画像"),
        category_namespaces=("カテゴリ",),
        container_prefixes=("基礎情報",),
        # A copy of cite web kept for older pages.
        citation_templates={"cite web2": "cs1"},
        positional_language={"cs1": {"和書": "ja"}},
        dead_link_templates=("リンク切れ",),
        note_templates={"注釈": "注釈"},
        reflist_templates=("脚注ヘルパー", "参考文献"),
        inline_text_templates={"仮リンク": (1,)},
        fixes_as="en",
    ),
)
# fmt: on
