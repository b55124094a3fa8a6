"""Japanese: what citecheck knows of it."""

from citecheck.lang import Language

# fmt: off
LANGUAGE = Language(
    code="ja",
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
)
# fmt: on
