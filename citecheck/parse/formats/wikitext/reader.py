"""The page read as MediaWiki's Cite extension renders it: refs, their names and groups,
markers in sentences, list-defined refs and short citations, in one pass in document order.

What a ref's content *means* is read by :mod:`.reference`; this module only finds the refs,
numbers them and turns the prose around them into claims.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from citecheck.lang import wiki_union
from citecheck.model import Article, Claim, Marker, Reference
from citecheck.parse import templates as tables
from citecheck.parse.formats.wikitext.citation import _sfn_reference
from citecheck.parse.formats.wikitext.reference import Placed, _read_content, _Source
from citecheck.parse.formats.wikitext.tree import (
    _BOLD_ITALIC,
    _LINE_TAGS,
    _NAMELESS_TEMPLATE,
    _VERBATIM_TAGS,
    Problem,
    _attr,
    _inline_params,
    _plain,
    _squash,
    _tag_name,
    _template_name,
    _Tree,
)
from citecheck.parse.sentences import note_label, split_claims

# Tags that are not prose; refs inside still count as uses.
_BLOCK_TAGS = frozenset({"table", "gallery", "timeline", "graph", "imagemap", "mapframe", "score"})

_INVISIBLE_TAGS = frozenset({"templatestyles", "indicator", "noinclude", "onlyinclude"})

_LIST_TAGS = frozenset({"*", "#", ";", ":"})

# Templates that never render prose, wherever they stand.
_CONTAINER_PREFIXES = tuple(sorted(wiki_union("container_prefixes")))

_MAGIC_WORD = re.compile(r"__[A-Z]+__")

_LIST_MARKUP = re.compile(r"^[*#:;]+\s*")

_INTERWIKI = re.compile(r"^:?[a-z]{2,3}(?:-[a-z]+)*:", re.IGNORECASE)


def _group_param(template: Template) -> str:
    """|group= as Cite reads it: ``group="注釈"`` and ``group=注釈`` are the same group."""
    if not template.has("group"):
        return ""
    return str(template.get("group").value).strip().strip("\"'").strip()


def _backlinks(label: str, uses: int) -> tuple[str, ...]:
    """One per use, labelled as the zh rendering shows them: ``^`` alone, or 4.0 … 4.3."""
    if uses < 2:
        return ("^",) * uses
    width = len(str(uses - 1))
    return tuple(f"{label}.{i:0{width}d}" for i in range(uses))


@dataclass(frozen=True)
class _Seg:
    """A piece of rendered text with its source offset; ``marker`` is set for ``[label]``."""

    text: str
    offset: int
    marker: str | None = None


@dataclass
class _Definition:
    node: Tag | Template
    offset: int
    content: Wikicode | None
    errors: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    label: str
    group: str
    name: str | None
    first_use: Node
    first_offset: int
    definition: _Definition | None
    uses: int = 0
    sfn: Template | None = None
    list_only: bool = False


class _Reader:
    """One pass over the page in document order, numbering refs as MediaWiki does."""

    def __init__(self, text: str, tree: _Tree, repairs: set[int], given: str) -> None:
        self.text = text
        self.given = given  # the text before repairs: spans are in it
        code = tree.code
        self.repairs = repairs
        self.inserted = sorted(repairs)
        self.offsets = tree.offsets
        self.layouts = tree.layouts
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.problems: list[Problem] = []
        for node in tree.texts:
            for match in _NAMELESS_TEMPLATE.finditer(node.value):
                line = self.line(self.offsets[id(node)] + match.start())
                self.problems.append(Problem(line, "template with no name"))
        self.definitions: dict[tuple[str, str], _Definition] = {}
        self.list_defined: list[tuple[str, str]] = []
        self._collect_definitions(code, in_list=False)
        self.entries: dict[tuple[str, str], _Entry] = {}
        self.ref_count = 0
        self.note_count = 0
        self.lists: set[str] = set()
        self.claims: list[Claim] = []
        self.note_segments: dict[str, list[_Seg]] = {}
        self.section: str | None = None
        self.pending: list[_Seg] = []
        self._walk_body(code)
        self._flush()

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def offset(self, node: Node) -> int:
        return self.offsets.get(id(node), 0)

    def source_offset(self, offset: int) -> int:
        """Where ``offset`` of the repaired text stands in the text as given: each ``</ref>``
        inserted before it moved it."""
        return offset - len("</ref>") * bisect.bisect_left(self.inserted, offset)

    def span(self, node: Node, length: int) -> tuple[int, int]:
        """The span in the text as given of ``length`` characters from ``node``'s start."""
        start = self.offset(node)
        return self.source_offset(start), self.source_offset(start + length)

    def place(self, template: Template) -> Placed | None:
        """Where ``template`` stands in the text as given, its text and its layout; None for
        a template of no tree this reader indexed, or one a repair put a ``</ref>`` in."""
        layout = self.layouts.get(id(template))
        if layout is None:
            return None
        length, params = layout
        start = self.offsets[id(template)]
        text = self.text[start : start + length]
        at = self.source_offset(start)
        return (at, text, params) if self.given.startswith(text, at) else None

    # -- definitions ---------------------------------------------------------------------------

    def _collect_definitions(self, code: Wikicode, *, in_list: bool) -> None:
        for node in code.nodes:
            if isinstance(node, Tag):
                name = _tag_name(node)
                if name == "ref":
                    self._define_ref(node, in_list)
                    continue  # a ref inside a ref is not a ref in MediaWiki
                if name in _VERBATIM_TAGS:
                    continue
                if name == "references" and node.contents is not None:
                    self._collect_definitions(node.contents, in_list=True)
                    continue
            if isinstance(node, Template):
                name = _template_name(node)
                if name in tables.NOTE_TEMPLATES:
                    self._define_note_template(node)
                if (name in tables.REFLIST_TEMPLATES or name in tables.NOTELIST_TEMPLATES) and (
                    node.has("refs")
                ):
                    self._collect_definitions(node.get("refs").value, in_list=True)
                    continue
            for child in node.__children__():
                self._collect_definitions(child, in_list=in_list)

    def _define_ref(self, tag: Tag, in_list: bool) -> None:
        if tag.self_closing or tag.contents is None or not str(tag.contents).strip():
            return
        name = _attr(tag, "name")
        if name is None:
            return  # anonymous: defined where it is used
        group = _attr(tag, "group") or ""
        self._define((group, name), _Definition(tag, self.offset(tag), tag.contents), in_list)

    def _define_note_template(self, template: Template) -> None:
        name = str(template.get("name").value).strip() if template.has("name") else ""
        if name and template.has("1") and str(template.get("1").value).strip():
            group = self._note_group(template)
            content = template.get("1").value
            self._define(
                (group, name), _Definition(template, self.offset(template), content), False
            )

    def _define(self, key: tuple[str, str], definition: _Definition, in_list: bool) -> None:
        known = self.definitions.get(key)
        if known is None:
            self.definitions[key] = definition
            if in_list:
                self.list_defined.append(key)
        elif str(known.content).strip() != str(definition.content).strip():
            known.errors.append(
                f"ref name {key[1]!r} defined more than once with different content"
            )

    def _note_group(self, template: Template) -> str:
        group = tables.NOTE_TEMPLATES.get(_template_name(template))
        return _group_param(template) or group or ""

    # -- uses ----------------------------------------------------------------------------------

    def _use(
        self,
        key: tuple[str, str],
        node: Node,
        definition: _Definition | None,
        *,
        sfn: Template | None = None,
    ) -> _Seg:
        entry = self.entries.get(key)
        if entry is None:
            group = key[0]
            if group:
                label = note_label(self.note_count + 1)
                self.note_count += 1
            else:
                self.ref_count += 1
                label = str(self.ref_count)
            name = key[1] if key[1].startswith("name:") else None
            entry = _Entry(label, group, name and name[5:], node, self.offset(node), definition)
            entry.sfn = sfn
            self.entries[key] = entry
            if group and definition is not None and definition.content is not None:
                # A footnote's refs are numbered at its first use (see module docstring).
                self.note_segments[label] = self._render(definition.content)
        entry.uses += 1
        return _Seg(f"[{entry.label}]", self.offset(node), entry.label)

    def _use_ref_tag(self, tag: Tag) -> _Seg:
        name = _attr(tag, "name")
        group = _attr(tag, "group") or ""
        if name is None:
            definition = _Definition(tag, self.offset(tag), tag.contents)
            return self._use((group, f"anon:{id(tag)}"), tag, definition)
        return self._use((group, f"name:{name}"), tag, self.definitions.get((group, name)))

    def _use_note_template(self, template: Template) -> _Seg:
        group = self._note_group(template)
        name = str(template.get("name").value).strip() if template.has("name") else ""
        content = template.get("1").value if template.has("1") else None
        if name:
            definition = self.definitions.get((group, name))
            return self._use((group, f"name:{name}"), template, definition)
        definition = _Definition(template, self.offset(template), content)
        return self._use((group, f"anon:{id(template)}"), template, definition)

    def _use_sfn(self, template: Template) -> _Seg:
        args = "|".join(f"{str(p.name).strip()}={_squash(str(p.value))}" for p in template.params)
        return self._use(("", f"sfn:{args}"), template, None, sfn=template)

    # -- rendering -----------------------------------------------------------------------------

    def _render(self, code: Wikicode) -> list[_Seg]:
        segments: list[_Seg] = []
        for node in code.nodes:
            segments.extend(self._render_node(node))
        return segments

    def _render_node(self, node: Node) -> list[_Seg]:
        offset = self.offset(node)
        if isinstance(node, Text):
            return [_Seg(node.value, offset)]
        if isinstance(node, HTMLEntity):
            return [_Seg(node.normalize(), offset)]
        if isinstance(node, (Comment, Argument, Heading)):
            return []
        if isinstance(node, ExternalLink):
            if node.title is not None:
                return self._render(node.title)
            # [http://x] renders as a numbered link "[1]": not a citation marker, so drop it.
            return [] if node.brackets else [_Seg(str(node.url), offset)]
        if isinstance(node, Wikilink):
            return self._render_link(node)
        if isinstance(node, Tag):
            return self._render_tag(node)
        if isinstance(node, Template):
            return self._render_template(node)
        return []

    def _render_link(self, link: Wikilink) -> list[_Seg]:
        title = str(link.title).strip()
        namespace = title.split(":", 1)[0].strip().casefold() if ":" in title else ""
        if namespace in tables.FILE_NAMESPACES or namespace in tables.CATEGORY_NAMESPACES:
            # Files and categories are not prose; their refs are kept by the block handling.
            return [s for s in self._render_children(link) if s.marker]
        if _INTERWIKI.match(title) and not title.startswith(":") and link.text is None:
            return []
        if link.text is not None:
            return self._render(link.text)
        return [_Seg(title.lstrip(":"), self.offset(link))]

    def _render_children(self, node: Node) -> list[_Seg]:
        segments: list[_Seg] = []
        for child in node.__children__():
            segments.extend(self._render(child))
        return segments

    def _render_tag(self, tag: Tag) -> list[_Seg]:
        name = _tag_name(tag)
        offset = self.offset(tag)
        if name == "ref":
            return [self._use_ref_tag(tag)]
        if name == "references":
            self.lists.add(_attr(tag, "group") or "")
            return []
        if name == "br":
            return [_Seg(" ", offset)]
        if tag.wiki_markup in _LIST_TAGS:
            # "*", "#", ";", ":" open a list item: kept so each item is a paragraph of its own.
            return [_Seg(f"{tag.wiki_markup} ", offset)]
        if name in _INVISIBLE_TAGS or tag.contents is None:
            return []
        if name in _VERBATIM_TAGS:
            return [
                _Seg(
                    str(tag.contents),
                    self.offset(tag.contents.nodes[0]) if tag.contents.nodes else offset,
                )
            ]
        return self._render(tag.contents)

    def _render_template(self, template: Template) -> list[_Seg]:
        name = _template_name(template)
        if name in tables.NOTE_TEMPLATES:
            if name == "refn" and not self._note_group(template):
                content = template.get("1").value if template.has("1") else None
                ref_name = str(template.get("name").value).strip() if template.has("name") else ""
                if ref_name:
                    return [
                        self._use(
                            ("", f"name:{ref_name}"), template, self.definitions.get(("", ref_name))
                        )
                    ]
                definition = _Definition(template, self.offset(template), content)
                return [self._use(("", f"anon:{id(template)}"), template, definition)]
            return [self._use_note_template(template)]
        if name in tables.SFN_TEMPLATES:
            return [self._use_sfn(template)]
        if name in tables.REFLIST_TEMPLATES:
            self.lists.add(_group_param(template))
            return []
        if name in tables.NOTELIST_TEMPLATES:
            self.lists.add(_group_param(template) or tables.NOTELIST_TEMPLATES[name])
            return []
        shown = _inline_params(template)
        segments: list[_Seg] = []
        for param in template.params:
            rendered = self._render(param.value)
            if (
                param.showkey is False
                and str(param.name).strip().isdigit()
                and int(str(param.name).strip()) in shown
            ):
                segments.extend(rendered)
            else:
                # An inline template we cannot render shows no text, but its refs are uses.
                segments.extend(s for s in rendered if s.marker)
        return segments

    # -- the body ------------------------------------------------------------------------------

    def _walk_body(self, code: Wikicode) -> None:
        for node in code.nodes:
            if isinstance(node, Heading):
                self._flush()
                self.section = _squash(_plain(node.title)) or None
                # A ref in a heading is a use: the heading is a claim of the section it opens.
                segments = self._render(node.title)
                if any(s.marker for s in segments):
                    self._add_block_claim("heading", segments)
            elif self._is_block(node):
                self._flush()
                self._block_claims(node)
            else:
                self.pending.extend(self._render_node(node))

    def _is_block(self, node: Node) -> bool:
        if isinstance(node, Tag):
            return bool(node.wiki_markup == "{|") or _tag_name(node) in _BLOCK_TAGS
        if isinstance(node, Wikilink):
            title = str(node.title).strip()
            namespace = title.split(":", 1)[0].strip().casefold() if ":" in title else ""
            return namespace in tables.FILE_NAMESPACES
        if not isinstance(node, Template):
            return False
        name = _template_name(node)
        if name in tables.NOTE_TEMPLATES or name in tables.SFN_TEMPLATES:
            return False
        if name.startswith(_CONTAINER_PREFIXES):
            return True
        # A template alone on its line(s) is a box, a hatnote or a list, not words of a sentence.
        start = self.offset(node)
        end = start + len(str(node))
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:start].strip() and not self.text[end:line_end].strip()

    def _block_claims(self, node: Node) -> None:
        """Refs inside a block count as cited: one claim per parameter (templates) or per
        source line (tables, files) that carries refs, its text naming the container."""
        if isinstance(node, Template):
            label = f"{{{{{str(node.name).strip()}}}}}"
            if _template_name(node) in tables.REFLIST_TEMPLATES | set(tables.NOTELIST_TEMPLATES):
                self._render_template(node)
                return
            for param in node.params:
                segments = self._render(param.value)
                if any(s.marker for s in segments):
                    self._add_block_claim(f"{label} {str(param.name).strip()}", segments)
            return
        if isinstance(node, Wikilink):
            label = f"[[{str(node.title).strip()}]]"
            segments = _caption(self._render(node.text) if node.text is not None else [])
        else:
            is_table = isinstance(node, Tag) and node.wiki_markup == "{|"
            label = "table" if is_table or not isinstance(node, Tag) else f"<{_tag_name(node)}>"
            segments = self._render(node.contents) if isinstance(node, Tag) else []
        lines_are_files = isinstance(node, Tag) and _tag_name(node) in _LINE_TAGS
        for line_segments in _split_lines(segments):
            if any(s.marker for s in line_segments):
                if lines_are_files:  # File:x.jpg|caption
                    line_segments = _caption(line_segments)
                self._add_block_claim(label, line_segments)

    def _add_block_claim(self, label: str, segments: list[_Seg]) -> None:
        # Claim text carries no markers, as split_claims leaves them out of sentences.
        text = _squash(_BOLD_ITALIC.sub("", "".join(s.text for s in segments if not s.marker)))
        text = _LIST_MARKUP.sub("", text.lstrip("|!").strip())
        text = f"{label}: {text}" if text else label
        markers = tuple(Marker(s.marker) for s in segments if s.marker)
        line = self.line(next(s.offset for s in segments if s.marker))
        self.claims.append(Claim(len(self.claims) + 1, self.section, line, text, markers))

    def _flush(self) -> None:
        """Turn the pending prose into claims, one paragraph at a time."""
        segments, self.pending = self.pending, []
        for paragraph in _paragraphs(_split_lines(segments), self.line):
            self._paragraph_claims(paragraph, self.section)

    def _paragraph_claims(self, paragraph: list[tuple[str, int]], section: str | None) -> None:
        """``paragraph`` is its lines as (text, source line); claims get the line they start on."""
        text = ""
        starts: list[tuple[int, int]] = []
        for line_text, line in paragraph:
            if text:
                text += " "
            starts.append((len(text), line))
            text += line_text
        if not re.search(r"\[(?:\d+|[a-z]+)\]", text):
            return
        first_line = paragraph[0][1]
        claims = split_claims(text, section=section, line=first_line, first_id=len(self.claims) + 1)
        # Claims come back without their markers: find each in the marker-free text, mapping
        # positions back to the paragraph to learn the source line the claim starts on.
        bare, where = "", []
        for match in re.finditer(r"\[(?:\d+|[a-z]{1,2})\]|.", text, re.DOTALL):
            if len(match[0]) == 1:
                bare += match[0]
                where.append(match.start())
        cursor = 0
        positions = [pos for pos, _ in starts]
        for claim in claims:
            head = claim.text[:10]
            found = bare.find(head, cursor) if head else -1
            if found >= 0:
                cursor = found + 1  # the next claim starts later, though it may start alike
                # The last line starting at or before the claim (a search: paragraphs can be long).
                line = starts[bisect.bisect_right(positions, where[found]) - 1][1]
                claim = replace(claim, line=line)
            self.claims.append(replace(claim, id=len(self.claims) + 1))

    # -- the result ----------------------------------------------------------------------------

    def article(self) -> Article:
        # Footnote texts are read last, so their claims follow the body's.
        for label, segments in self.note_segments.items():
            for paragraph in _paragraphs(_split_lines(segments), self.line):
                self._paragraph_claims(paragraph, f"note [{label}]")
        for key in self.list_defined:
            if ("", f"name:{key[1]}") not in self.entries and not key[0]:
                # MediaWiki hides these with an error; keep them so they are not lost.
                definition = self.definitions[key]
                self.ref_count += 1
                entry = _Entry(
                    str(self.ref_count), "", key[1], definition.node, definition.offset, definition
                )
                entry.list_only = True
                self.entries[("", f"name:{key[1]}")] = entry
        references: list[Reference] = []
        notes: list[Reference] = []
        for entry in self.entries.values():
            reference = self._reference(entry)
            (notes if entry.group else references).append(reference)
        references.sort(key=lambda r: int(r.label))
        has_notes = any(group for group in self.lists)
        return Article(
            claims=tuple(self.claims),
            references=tuple(references),
            notes=tuple(notes),
            has_notes_section=has_notes,
        )

    def _reference(self, entry: _Entry) -> Reference:
        backlinks = _backlinks(entry.label, entry.uses)
        if entry.sfn is not None:
            sfn = _sfn_reference(entry.sfn, entry.label, self.line(entry.first_offset), backlinks)
            return replace(sfn, span=self.span(entry.sfn, len(sfn.raw)))
        definition = entry.definition
        if definition is None or definition.content is None:
            raw = str(entry.first_use)
            return Reference(
                label=entry.label,
                line=self.line(entry.first_offset),
                raw=raw,
                backlinks=backlinks,
                template_errors=(f"no text given for ref named {entry.name!r}",),
                span=self.span(entry.first_use, len(raw)),
            )
        raw = str(definition.node)
        errors = list(definition.errors)
        if self.offset(definition.node) + len(raw) - len("</ref>") in self.repairs:
            raw = raw[: -len("</ref>")]
            errors.append("<ref> is never closed")
        if entry.list_only:
            errors.append(
                f"ref named {entry.name!r} is defined in the reference list but never used"
            )
        if entry.group and entry.group not in self.lists:
            errors.append(f"footnote group {entry.group!r} has no notes list to show it")
        line = self.line(definition.offset)
        source = _Source(raw, self.span(definition.node, len(raw)), self.place, self.given)
        return _read_content(
            definition.content, source, entry.label, line, backlinks, bool(entry.group), errors
        )


def _caption(segments: list[_Seg]) -> list[_Seg]:
    """The caption of a file's segments: the last of ``thumb|right|200px|caption``."""
    cut = max((i for i, s in enumerate(segments) if not s.marker and "|" in s.text), default=-1)
    if cut < 0:
        return segments
    tail = segments[cut].text.rsplit("|", 1)[1]
    return [_Seg(tail, segments[cut].offset), *segments[cut + 1 :]]


def _split_lines(segments: list[_Seg]) -> Iterator[list[_Seg]]:
    """Segments cut at newlines, so each list holds one source line's rendering."""
    current: list[_Seg] = []
    for segment in segments:
        if segment.marker is not None or "\n" not in segment.text:
            current.append(segment)
            continue
        pieces = segment.text.split("\n")
        offset = segment.offset
        for i, piece in enumerate(pieces):
            if i:
                yield current
                current = []
            if piece:
                current.append(_Seg(piece, offset))
            offset += len(piece) + 1
    yield current


def _paragraphs(
    lines: Iterator[list[_Seg]], line_of: Callable[[int], int]
) -> Iterator[list[tuple[str, int]]]:
    """Consecutive non-blank lines form a paragraph; a list item stands alone."""
    paragraph: list[tuple[str, int]] = []
    for segments in lines:
        text = _MAGIC_WORD.sub("", _BOLD_ITALIC.sub("", "".join(s.text for s in segments)))
        if not text.strip():
            if paragraph:
                yield paragraph
            paragraph = []
            continue
        line = line_of(segments[0].offset)
        if _LIST_MARKUP.match(text):
            if paragraph:
                yield paragraph
            paragraph = []
            yield [(_LIST_MARKUP.sub("", text).strip(), line)]
            continue
        paragraph.append((text.strip(), line))
    if paragraph:
        yield paragraph
