"""Read directory YAML within a budget into plain text, lists and mappings, with each key's line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml
from yaml import events

from handlers.directory import DirectoryError

KeyPath = tuple[str | int, ...]

# A city's directory is tens of kilobytes; a megabyte is room for thousands of people.
MAX_BYTES = 1 << 20
# The directory nests six levels (communities → grids → buildings → a nested list); anything
# far deeper is a mistake or an attack, and Python's own recursion would fail around 1000.
MAX_DEPTH = 32
# Anchors and aliases let administrators share settings ('<<: *defaults'); an alias bomb
# makes a few lines expand to billions of values. Expansion beyond this many values is refused.
MAX_ALIAS_VALUES = 10_000

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NULL_TAG = "tag:yaml.org,2002:null"
# libyaml parses ten times faster than the pure-Python parser; both give the same events.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_key(path: KeyPath) -> str:
    """('communities', 0, 'grids', 1, 'steward') → 'communities[0].grids[1].steward'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass
class YamlDocument:
    """The directory file as plain values, and the line each key path was written on."""

    source: str
    value: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int | None:
        """The key's own line, or for a key that is missing, the line of what should hold it."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def error(self, path: KeyPath, problem_zh: str, problem_en: str) -> DirectoryError:
        return DirectoryError(
            self.source, self.line(path), format_key(path), problem_zh, problem_en
        )

    def fail(self, path: KeyPath, problem_zh: str, problem_en: str) -> NoReturn:
        raise self.error(path, problem_zh, problem_en)


def read_yaml(text: str, *, source: str) -> YamlDocument:
    """Parse YAML into a YamlDocument; any problem (syntax, size, depth, aliases) is a
    DirectoryError naming the line."""
    too_large = DirectoryError(
        source, None, "", "目录文件超过 1 MiB", "the directory file is larger than 1 MiB"
    )
    if len(text) > MAX_BYTES:
        raise too_large
    try:
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise too_large
    except UnicodeEncodeError as exc:  # a lone surrogate, from a caller's string
        raise DirectoryError(
            source,
            text[: exc.start].count("\n") + 1,
            "",
            "文件含有无效的字符",
            f"the text holds a character UTF-8 cannot encode at position {exc.start}",
        ) from None
    try:
        return _build(text, source, _LOADER)
    except _TooDeepForLibyaml:
        # libyaml scans ahead and stops at its own limit (1000) before an event reaches the
        # builder; the pure-Python parser, slow but only run up to our limit, names the key.
        return _build(text, source, yaml.SafeLoader)


class _TooDeepForLibyaml(Exception):
    pass


def _build(text: str, source: str, loader: Any) -> YamlDocument:
    builder = _Builder(source)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.take(event)
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):
            raise _TooDeepForLibyaml from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DirectoryError(
            source,
            mark.line + 1 if mark else None,
            "",
            "YAML 语法错误",
            f"YAML syntax error: {problem}",
        ) from None
    except yaml.reader.ReaderError as exc:
        # The pure-Python reader counts characters, libyaml counts UTF-8 bytes.
        before = text[: exc.position] if exc.encoding == "unicode" else _bytes_before(text, exc)
        raise DirectoryError(
            source,
            before.count("\n") + 1,
            "",
            "文件含有不允许的控制字符",
            f"the file contains a character YAML does not allow: {exc.reason}",
        ) from None
    except yaml.YAMLError as exc:
        raise DirectoryError(source, None, "", "YAML 无法读取", f"unreadable YAML: {exc}") from None
    return builder.document


def _bytes_before(text: str, exc: yaml.reader.ReaderError) -> str:
    return text.encode("utf-8")[: exc.position].decode("utf-8", "replace")


class _Merge:
    """The '<<' key: its value's mappings fill the keys the mapping does not set itself."""


_MERGE = _Merge()


@dataclass
class _Open:
    """A list or mapping being read: its path, and for a mapping the key waiting for a value."""

    value: list[Any] | dict[str, Any]
    path: KeyPath
    line: int
    anchor: str | None
    values_before: int  # values read before this one opened, to size it for its aliases
    height: int = 1  # levels of nesting in and below it
    key: str | _Merge | None = None
    merges: list[tuple[Any, int]] = field(default_factory=list)


class _Builder:
    """Turns parser events into plain values without recursion, so depth costs no stack."""

    def __init__(self, source: str) -> None:
        self.document = YamlDocument(source)
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # anchor → (value, size, height)
        self.values = 0  # values read, counting each alias as the values it stands for
        self.alias_values = 0
        self.done = False

    def take(self, event: events.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, events.ScalarEvent):
            self.values += 1
            if self.merge_key(event, line):
                return
            value = self.scalar(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1, 0)
            self.add(value, line, height=0)
        elif isinstance(event, events.AliasEvent):
            self.alias(event.anchor or "", line)
        elif isinstance(event, events.SequenceStartEvent | events.MappingStartEvent):
            self.open([] if isinstance(event, events.SequenceStartEvent) else {}, event, line)
        elif isinstance(event, events.SequenceEndEvent | events.MappingEndEvent):
            self.close()
        elif isinstance(event, events.DocumentStartEvent) and self.done:
            self.document.fail(
                (), "文件里有多个 YAML 文档", "the file holds more than one document"
            )

    def merge_key(self, event: events.ScalarEvent, line: int) -> bool:
        """A plain '<<' in key position merges mappings; a quoted one is an ordinary key."""
        top = self.stack[-1] if self.stack else None
        if (
            top is None
            or not isinstance(top.value, dict)
            or top.key is not None
            or (event.value, event.tag, event.implicit[0]) != ("<<", None, True)
        ):
            return False
        top.key = _MERGE
        self.document.lines.setdefault((*top.path, "<<"), line)
        return True

    def scalar(self, event: events.ScalarEvent) -> str | None:
        """Every scalar stays the text typed: YAML 1.1 would read 18:00 as 1080 and 0123 as 83."""
        plain = event.tag is None and event.implicit[0]
        if event.tag == _NULL_TAG or (plain and event.value in _NULLS):
            return None
        return event.value

    def alias(self, anchor: str, line: int) -> None:
        path = self.next_path(line)
        if anchor not in self.anchors:
            # An anchor is known once its value ends, so '&a [*a]' lands here too.
            self.document.lines.setdefault(path, line)
            self.document.fail(
                path,
                f"别名 *{anchor} 没有对应的锚点，或引用了自身",
                f"alias *{anchor} has no anchor before it, or refers to itself",
            )
        value, size, height = self.anchors[anchor]
        self.values += size
        self.alias_values += size
        if self.alias_values > MAX_ALIAS_VALUES:
            self.document.lines.setdefault(path, line)
            self.document.fail(
                path,
                f"别名展开后超过 {MAX_ALIAS_VALUES} 个值，请直接写出内容",
                f"aliases expand to more than {MAX_ALIAS_VALUES} values; write the values out",
            )
        if len(self.stack) + height > MAX_DEPTH:
            self.too_deep(path, line)
        self.add(value, line, height)

    def open(self, value: list[Any] | dict[str, Any], event: events.NodeEvent, line: int) -> None:
        path = self.next_path(line)
        if len(self.stack) >= MAX_DEPTH:
            self.too_deep(path, line)
        self.stack.append(_Open(value, path, line, event.anchor, self.values))
        self.values += 1

    def close(self) -> None:
        node = self.stack.pop()
        if isinstance(node.value, dict):
            self.merge(node)
        if node.anchor:
            self.anchors[node.anchor] = (node.value, self.values - node.values_before, node.height)
        self.add(node.value, node.line, node.height)

    def merge(self, node: _Open) -> None:
        assert isinstance(node.value, dict)
        for value, line in node.merges:
            for source in value if isinstance(value, list) else [value]:
                if not isinstance(source, dict):
                    self.document.fail(
                        (*node.path, "<<"), "<< 只能合并映射", "'<<' can only merge mappings"
                    )
                for key, item in source.items():
                    if key not in node.value:
                        node.value[key] = item
                        self.document.lines.setdefault((*node.path, key), line)

    def next_path(self, line: int) -> KeyPath:
        """The path of the value about to be read, and its line for a list item."""
        if not self.stack:
            self.document.lines[()] = line
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            path: KeyPath = (*top.path, len(top.value))
            self.document.lines.setdefault(path, line)
            return path
        if top.key is None:
            self.document.lines[(*top.path, "?")] = line
            self.document.fail((*top.path, "?"), "键必须是文本", "a key must be plain text")
        return (*top.path, "<<" if isinstance(top.key, _Merge) else top.key)

    def add(self, value: Any, line: int, height: int) -> None:
        if not self.stack:
            self.document.value = value
            self.done = True
            return
        top = self.stack[-1]
        top.height = max(top.height, height + 1)
        if isinstance(top.value, list):
            self.document.lines.setdefault((*top.path, len(top.value)), line)
            top.value.append(value)
        elif top.key is None:
            self.key(top, value, line)
        else:
            if isinstance(top.key, _Merge):
                top.merges.append((value, line))
            else:
                top.value[top.key] = value
            top.key = None

    def key(self, top: _Open, key: Any, line: int) -> None:
        if not isinstance(key, str):
            self.document.lines[(*top.path, "?")] = line
            self.document.fail((*top.path, "?"), "键必须是文本", "a key must be plain text")
        path = (*top.path, key)
        self.document.lines[path] = line
        if key in top.value:
            self.document.fail(path, "重复的键", "duplicate key")
        top.key = key

    def too_deep(self, path: KeyPath, line: int) -> NoReturn:
        self.document.lines.setdefault(path, line)
        self.document.fail(path, *_too_deep_problem())


def _too_deep_problem() -> tuple[str, str]:
    return (
        f"嵌套超过 {MAX_DEPTH} 层",
        f"nested more than {MAX_DEPTH} levels deep; the directory needs six at most",
    )
