"""Chinese (simplified and traditional): what citecheck knows of it."""

from citecheck.lang import Language, Wiki

# fmt: off
LANGUAGE = Language(
    code="zh",
    writes_spaces=False,
    own_letters=frozenset(),
    reference_headings=(
        "参考文献", "參考文獻", "参考资料", "參考資料", "参考来源", "參考來源", "来源", "來源",
        "引用", "参考", "參考", "引用文献", "引用文獻", "参考书目", "參考書目", "文献", "文獻",
        "资料来源", "資料來源", "脚注", "腳註",
    ),
    notes_headings=(
        "注释", "注釋", "註釋", "注解", "註解", "注", "註", "附注", "附註", "备注", "備注", "備註",
    ),
    ending_headings=(
        "外部链接", "外部連結", "外部連接", "参见", "參見", "参看", "延伸阅读", "延伸閱讀",
    ),
    edit_links=("编辑", "編輯", "编辑源代码"),
    footer_phrases=(
        "本页面最后修订于", "本頁面最後修訂於",
        "本站的全部文字在知识共享", "本站的全部文字在創用cc",
        "分类：", "分類：", "页面分类：", "頁面分類：", "隐藏分类：", "隱藏分類：",
        "取自“", "取自「",
        "隐私政策", "隱私政策",
    ),
    box_phrases=(
        "维基共享资源上有", "維基共享資源上有", "维基共享资源中相关的多媒体资源",
        "維基共享資源中相關的多媒體資源",
        "维基语录上的相关摘录", "維基語錄上的相關摘錄",
        "维基文库中的相关原始文献", "維基文庫中的相關原始文獻",
        "维基教科书中的相关电子教程", "維基教科書中的相關電子教程",
        "维基新闻中的相关新闻", "維基新聞中的相關新聞",
    ),
    archive_link_words=(
        "存档", "存檔", "原始内容存档", "原始內容存檔", "页面存档备份", "頁面存檔備份",
    ),
    language_labels={
        # CS1's rendering: (俄语) (英语) (美国英语) …, simplified and traditional.
        "俄语": "ru", "俄語": "ru", "英语": "en", "英語": "en", "美国英语": "en-US",
        "美國英語": "en-US", "英国英语": "en-GB", "英國英語": "en-GB", "乌克兰语": "uk",
        "烏克蘭語": "uk", "日语": "ja", "日語": "ja", "中文": "zh", "中文（中国大陆）": "zh-CN",
        "中文（臺灣）": "zh-TW", "中文（台湾）": "zh-TW", "中文（香港）": "zh-HK",
        "中文（简体）": "zh-Hans", "中文（繁體）": "zh-Hant", "韩语": "ko", "韓語": "ko",
        "朝鲜语": "ko", "朝鮮語": "ko", "法语": "fr", "法語": "fr", "德语": "de", "德語": "de",
        "白俄罗斯语": "be", "白俄羅斯語": "be", "拉丁语": "la", "拉丁語": "la",
        "西班牙语": "es", "西班牙語": "es", "意大利语": "it", "意大利語": "it",
        "義大利語": "it", "葡萄牙语": "pt", "葡萄牙語": "pt", "波兰语": "pl", "波蘭語": "pl",
        "哈萨克语": "kk", "哈薩克語": "kk", "荷兰语": "nl", "荷蘭語": "nl", "阿拉伯语": "ar",
        "阿拉伯語": "ar", "土耳其语": "tr", "土耳其語": "tr", "瑞典语": "sv", "瑞典語": "sv",
        "希腊语": "el", "希臘語": "el", "越南语": "vi", "越南語": "vi", "加拿大英语": "en-CA",
        "澳大利亚英语": "en-AU", "加拿大法语": "fr-CA",
    },
    abbreviations=(),
    placeholder_titles=("存档副本", "存檔副本", "归档副本", "歸檔副本", "无标题"),
    error_title_phrases=("找不到", "页面不存在", "頁面不存在"),
    error_title_hints=(("找不到",), ("不存在",)),
    error_title_filler=("抱歉", "对不起", "您访问的", "您要访问的", "网页", "页面", "错误"),
    redirect_words=("重定向",),
    translated_title_patterns=(),
    months={},
    month_pattern="",
    year_words=(),
    archived_clauses=(
        # （原始内容存档于…）, （原始内容存档 (PDF)于…）, （原始内容 (PDF)存档于…）, or bare.
        (
            "原始",
            r"[（(]?\s*原始(?:内容|內容)\s*(?:\(PDF\)\s*)?(?:存档|存檔|归档|歸檔)\s*(?:\(PDF\)\s*)?"
            r"[于於]\s*{date}\s*(?:[)）]|\.(?=\s|$))?",
        ),
    ),
    archived_undated_clauses=(("存", r"[（(]\s*(?:页面存档备份|頁面存檔備份)[^)）]*[)）]"),),
    accessed_clauses=(
        ("访问", r"[（(]\s*{date}\s*访问[)）]"),
        ("訪問", r"[（(]\s*{date}\s*訪問[)）]"),
    ),
    template_error_clauses=(
        ("被忽略", r"\|[\w-]+=\s*被忽略\s*[（(]帮助[)）]"),
        ("帮助", r"[^\s.。]*[（(]帮助[)）]"),
        ("引文格式1维护", r"引文格式1维护：[^.。]*[.。]?"),
    ),
    dead_link_words=("永久失效链接", "永久失效連結", "失效链接", "失效連結"),
    medium_words=(),
    availability_words=(),
    medium_clauses=(),
    reference_signs=("访问", "訪問", "等.", "出版"),
    heading_suffixes=("链接", "鏈接"),
    section_units=("章", "节", "節", "部"),
    unit_words={
        "公里": "km", "千米": "km", "km": "km", "米": "m", "公斤": "kg", "千克": "kg", "吨": "t",
        "噸": "t", "小时": "h", "个小时": "h", "小時": "h", "個小時": "h", "分钟": "min",
        "分鐘": "min", "天": "d", "年间": "y", "%": "%", "个百分点": "pp", "個百分點": "pp",
        "美元": "usd", "欧元": "eur", "歐元": "eur", "英镑": "gbp", "日元": "jpy", "港元": "hkd",
        "人民币": "cny", "人民幣": "cny", "元": "cny", "卢布": "rub", "盧布": "rub",
        "人": "", "名": "",
    },
    multiplier_words={"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8},
    number_words={
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
        "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000,
    },
    approximate_words=("约", "約", "大约", "大約", "近", "将近", "將近", "接近", "大概"),
    approximate_suffixes=("左右", "上下", "前后", "前後"),
    wiki=Wiki(
        template_namespaces=("模板:",),
        file_namespaces=("文件", "檔案", "图像"),
        category_namespaces=("分类", "分類"),
        container_prefixes=("信息框", "資訊框"),
        dead_link_templates=("失效链接", "失效連結", "死链"),
        note_templates={"notetag": "注", "note tag": "注"},
        notelist_templates={"notefoot": "注"},
        inline_text_templates={"le": (1,), "tsl": (3,), "link-en": (1,)},
        fixes_as="en",
    ),
)
# fmt: on
