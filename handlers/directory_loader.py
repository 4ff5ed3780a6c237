"""Turn an administrator's directory YAML into a Directory, or say exactly which line is wrong."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handlers.directory import (
    DEFAULT_SLA,
    SLA_KINDS,
    Chat,
    Community,
    Directory,
    DirectoryError,
    Grid,
    Person,
    Sla,
    parse_duration,
)

KeyPath = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIME = re.compile(r"(\d{1,2})[:：](\d{2})")
_RANGE_DASH = r"\s*[-~～－—–至到]\s*"
# Administrators write buildings as they say them: "1-8", "1-8栋", "9号楼", "10，12".
_BUILDING_SUFFIX = r"(?:栋|幢|号楼|号|楼)?"
_BUILDING = re.compile(rf"(\d+){_BUILDING_SUFFIX}(?:[-~～－—–至到](\d+){_BUILDING_SUFFIX})?")
_RANGE_SPACES = re.compile(r"\s*([-~～－—–至到])\s*")
_BUILDING_SEPARATOR = re.compile(r"[,，、;；\s]+")
_PHONE = re.compile(r"\+?[\d\- ]+")


def format_key(path: KeyPath) -> str:
    """('communities', 0, 'grids', 1, 'steward') → 'communities[0].grids[1].steward'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def build_directory(text: str, *, source: str) -> Directory:
    """Parse and validate; the first problem found raises DirectoryError."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise DirectoryError(
            source, line, "", "YAML 语法错误", f"YAML syntax error: {problem}"
        ) from exc
    except yaml.YAMLError as exc:
        raise DirectoryError(source, None, "", "YAML 无法读取", f"unreadable YAML: {exc}") from exc
    loader = _Loader(source)
    if root is None:
        loader.lines[()] = 1
        loader.fail((), "文件是空的", "the file is empty; expected a mapping")
    loader.lines[()] = root.start_mark.line + 1
    return loader.directory(loader.plain(root, (), set()))


class _Loader:
    """Walks the composed YAML keeping each key path's line, then checks it piece by piece."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[KeyPath, int] = {}

    # -- the YAML tree as dicts, lists and strings ------------------------------------------

    def plain(self, node: Node, path: KeyPath, active: set[int]) -> Any:
        """Every scalar stays the text typed: YAML 1.1 would read 18:00 as 1080 and 0123 as 83."""
        if isinstance(node, ScalarNode):
            return None if node.tag == _NULL_TAG else node.value
        if id(node) in active:
            self.fail(path, "别名引用了自身", "an alias refers to itself")
        active = active | {id(node)}
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines.setdefault((*path, index), item.start_mark.line + 1)
                items.append(self.plain(item, (*path, index), active))
            return items
        assert isinstance(node, MappingNode)
        mapping: dict[str, Any] = {}
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.lines[(*path, "?")] = line
                self.fail((*path, "?"), "键必须是文本", "a key must be plain text")
            key = key_node.value
            if key in mapping:
                self.lines[(*path, key)] = line
                self.fail((*path, key), "重复的键", "duplicate key")
            self.lines.setdefault((*path, key), line)
            mapping[key] = self.plain(value_node, (*path, key), active)
        # '<<: *defaults' fills only the keys the mapping does not set itself.
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                merged = self.plain(source, path, active)
                if not isinstance(merged, dict):
                    self.fail(path, "<< 只能合并映射", "'<<' can only merge mappings")
                for key, value in merged.items():
                    mapping.setdefault(key, value)
        return mapping

    # -- reporting ----------------------------------------------------------------------------

    def line(self, path: KeyPath) -> int | None:
        """The key's own line, or for a key that is missing, the line of what should hold it."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def fail(self, path: KeyPath, problem_zh: str, problem_en: str) -> NoReturn:
        raise DirectoryError(self.source, self.line(path), format_key(path), problem_zh, problem_en)

    # -- typed getters --------------------------------------------------------------------------

    def mapping(self, value: Any, path: KeyPath) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "应为键值映射", "expected a mapping of keys to values")
        return value

    def items(self, value: Any) -> list[Any]:
        """A list; a single value stands for a list of one, and an empty key for none."""
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def scalar(self, value: Any, path: KeyPath, *, required: bool) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(path, "缺少必填项", "missing required key")
            return ""
        if not isinstance(value, str):
            self.fail(path, "应为单个值", "expected a single value, not a list or mapping")
        return value.strip()

    def text(self, parent: dict[str, Any], key: str, path: KeyPath, *, required: bool) -> str:
        return self.scalar(parent.get(key), (*path, key), required=required)

    def ident(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "应为编号文本", "expected an id")
        if any(char.isspace() for char in value.strip()):
            self.fail(path, f"编号 {value!r} 不能含空格", "an id must not contain spaces")
        return value.strip()

    def required_list(self, parent: dict[str, Any], key: str, path: KeyPath) -> list[Any]:
        if parent.get(key) is None:
            self.fail((*path, key), "缺少必填项", "missing required key")
        if not isinstance(parent[key], list):
            self.fail((*path, key), "应为列表", "expected a list")
        return parent[key]

    def clock(self, value: str, path: KeyPath) -> time:
        match = _TIME.fullmatch(value.strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.fail(path, f"无效的时间 {value!r}", "not a time of day; write HH:MM, e.g. 18:00")
        return time(int(match[1]), int(match[2]))

    def person_ref(self, value: Any, path: KeyPath, people: dict[str, Person]) -> str:
        person_id = self.ident(value, path)
        if person_id not in people:
            self.fail(path, f'未知人员 "{person_id}"', "unknown person id")
        return person_id

    def chat_ref(self, value: Any, path: KeyPath, chats: dict[str, Chat]) -> str:
        chat_id = self.ident(value, path)
        if chat_id not in chats:
            self.fail(path, f'未知群聊 "{chat_id}"', "unknown chat id")
        return chat_id

    def phone(self, parent: dict[str, Any], path: KeyPath) -> str:
        phone = self.text(parent, "emergency_phone", path, required=False)
        if phone and not _PHONE.fullmatch(phone):
            self.fail((*path, "emergency_phone"), f"无效的电话 {phone!r}", "not a phone number")
        return phone

    # -- the sections -------------------------------------------------------------------------

    def directory(self, data: Any) -> Directory:
        root = self.mapping(data, ())
        for key in ("communities", "people", "chats"):
            self.required_list(root, key, ())
        timezone_name = self.text(root, "timezone", (), required=False) or "Asia/Shanghai"
        try:
            timezone = ZoneInfo(timezone_name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            self.fail(("timezone",), f"未知时区 {timezone_name!r}", "unknown timezone")
        quiet = self.text(root, "quiet_hours", (), required=False)
        quiet_hours = None
        if quiet:
            parts = re.split(_RANGE_DASH, quiet)
            if len(parts) != 2:
                self.fail(("quiet_hours",), f"无效的时段 {quiet!r}", "write HH:MM-HH:MM")
            quiet_hours = (
                self.clock(parts[0], ("quiet_hours",)),
                self.clock(parts[1], ("quiet_hours",)),
            )
            if quiet_hours[0] == quiet_hours[1]:
                self.fail(("quiet_hours",), "开始与结束相同", "start and end are the same")
        people = self.people(root["people"])
        chats = self.chats(root["chats"])
        emergency_phone = self.phone(root, ()) or "119"
        communities = self.communities(root["communities"], people, chats, emergency_phone)
        return Directory(
            timezone=timezone,
            quiet_hours=quiet_hours,
            communities=communities,
            people=people,
            chats=chats,
            sla=self.sla(root.get("sla")),
            source=self.source,
        )

    def people(self, entries: list[Any]) -> dict[str, Person]:
        people: dict[str, Person] = {}
        owners: dict[tuple[str, str], str] = {}
        for index, entry in enumerate(entries):
            path: KeyPath = ("people", index)
            entry = self.mapping(entry, path)
            person_id = self.ident(self.text(entry, "id", path, required=True), (*path, "id"))
            if person_id in people:
                self.fail((*path, "id"), f'人员编号 "{person_id}" 重复', "duplicate person id")
            accounts: dict[str, str] = {}
            accounts_path = (*path, "accounts")
            for platform, account in self.mapping(
                entry.get("accounts") or {}, accounts_path
            ).items():
                account = self.scalar(account, (*accounts_path, platform), required=False)
                if not account:
                    continue  # an empty account is a platform this person is not on
                if (platform, account) in owners:
                    self.fail(
                        (*accounts_path, platform),
                        f'{platform} 账号 "{account}" 已属于 "{owners[platform, account]}"',
                        "the same platform account is on two people",
                    )
                owners[platform, account] = person_id
                accounts[platform] = account
            people[person_id] = Person(
                id=person_id,
                name=self.text(entry, "name", path, required=True),
                role=self.text(entry, "role", path, required=False),
                accounts=accounts,
            )
        return people

    def chats(self, entries: list[Any]) -> dict[str, Chat]:
        chats: dict[str, Chat] = {}
        addresses: dict[tuple[str, str], str] = {}
        for index, entry in enumerate(entries):
            path: KeyPath = ("chats", index)
            entry = self.mapping(entry, path)
            chat_id = self.ident(self.text(entry, "id", path, required=True), (*path, "id"))
            if chat_id in chats:
                self.fail((*path, "id"), f'群聊编号 "{chat_id}" 重复', "duplicate chat id")
            platform = self.text(entry, "platform", path, required=True)
            address = self.text(entry, "address", path, required=True)
            if (platform, address) in addresses:
                self.fail(
                    (*path, "address"),
                    f'地址已属于群聊 "{addresses[platform, address]}"',
                    "two chats have the same platform address",
                )
            addresses[platform, address] = chat_id
            name = self.text(entry, "name", path, required=False) or chat_id
            chats[chat_id] = Chat(id=chat_id, name=name, platform=platform, address=address)
        return chats

    def communities(
        self, entries: list[Any], people: dict[str, Person], chats: dict[str, Chat], phone: str
    ) -> tuple[Community, ...]:
        communities: dict[str, Community] = {}
        grid_ids: set[str] = set()
        chat_owners: dict[str, str] = {}  # chat id → community id, so no chat serves two
        for index, entry in enumerate(entries):
            path: KeyPath = ("communities", index)
            entry = self.mapping(entry, path)
            community_id = self.ident(self.text(entry, "id", path, required=True), (*path, "id"))
            if community_id in communities:
                self.fail(
                    (*path, "id"), f'社区编号 "{community_id}" 重复', "duplicate community id"
                )
            name = self.text(entry, "name", path, required=True)
            grid_entries = self.required_list(entry, "grids", path)
            secretaries = tuple(
                self.person_ref(value, (*path, "secretaries", i), people)
                for i, value in enumerate(self.items(entry.get("secretaries")))
            )
            if not secretaries:
                # Reports whose grid is unknown, and returned tickets, go to the secretaries.
                self.fail(
                    (*path, "secretaries"),
                    "社区至少要有一位书记（secretaries）",
                    "a community needs at least one secretary",
                )
            digest_text = self.text(entry, "digest_at", path, required=False)
            digest_at = self.clock(digest_text, (*path, "digest_at")) if digest_text else None
            digest_chat = None
            if entry.get("digest_chat") is not None:
                digest_chat = self.chat_ref(entry["digest_chat"], (*path, "digest_chat"), chats)
            elif digest_at is not None:
                # Otherwise the daily digest (通报) would silently go nowhere.
                self.fail(
                    (*path, "digest_chat"),
                    "设了 digest_at 却没有 digest_chat",
                    "digest_at needs a digest_chat to post to",
                )
            community_chats = tuple(
                self.chat_ref(value, (*path, "chats", i), chats)
                for i, value in enumerate(self.items(entry.get("chats")))
            )
            chat_uses = [
                (chat_id, (*path, "chats", i)) for i, chat_id in enumerate(community_chats)
            ]
            if digest_chat is not None:
                chat_uses.append((digest_chat, (*path, "digest_chat")))

            grids: list[Grid] = []
            taken: list[tuple[tuple[int, int], str]] = []  # building ranges of earlier grids
            grid_of_chat: dict[str, str] = {}
            for grid_index, grid_entry in enumerate(grid_entries):
                grid_path = (*path, "grids", grid_index)
                grid, ranges = self.grid(grid_entry, grid_path, community_id, people, chats)
                if grid.id in grid_ids:
                    self.fail((*grid_path, "id"), f'网格编号 "{grid.id}" 重复', "duplicate grid id")
                grid_ids.add(grid.id)
                self.check_overlaps(grid.id, ranges, taken)
                taken.extend((building_range, grid.id) for building_range, _ in ranges)
                for i, chat_id in enumerate(grid.chats):
                    chat_path = (*grid_path, "chats", i)
                    # A grid's own chat routes reports without a building; two owners is a guess.
                    owner = grid_of_chat.setdefault(chat_id, grid.id)
                    if owner != grid.id:
                        self.fail(
                            chat_path,
                            f'群聊 "{chat_id}" 已是网格 "{owner}" 的专属群',
                            "a chat is dedicated to two grids",
                        )
                    chat_uses.append((chat_id, chat_path))
                grids.append(grid)

            for chat_id, chat_path in chat_uses:
                owner = chat_owners.setdefault(chat_id, community_id)
                if owner != community_id:
                    self.fail(
                        chat_path,
                        f'群聊 "{chat_id}" 已属于社区 "{owner}"',
                        "a chat belongs to two communities",
                    )
            communities[community_id] = Community(
                id=community_id,
                name=name,
                secretaries=secretaries,
                digest_at=digest_at,
                digest_chat=digest_chat,
                chats=community_chats,
                grids=tuple(grids),
                emergency_phone=self.phone(entry, path) or phone,
            )
        return tuple(communities.values())

    def grid(
        self,
        entry: Any,
        path: KeyPath,
        community_id: str,
        people: dict[str, Person],
        chats: dict[str, Chat],
    ) -> tuple[Grid, list[tuple[tuple[int, int], KeyPath]]]:
        """The grid, and its building ranges with where each was written, to check overlaps."""
        entry = self.mapping(entry, path)
        grid_id = self.ident(self.text(entry, "id", path, required=True), (*path, "id"))
        if entry.get("steward") is None:
            self.fail((*path, "steward"), "网格没有网格员", "a grid needs a steward")
        steward = self.person_ref(entry["steward"], (*path, "steward"), people)
        assistants = tuple(
            self.person_ref(value, (*path, "assistants", i), people)
            for i, value in enumerate(self.items(entry.get("assistants")))
        )
        supervisor = None
        if entry.get("supervisor") is not None:
            supervisor = self.person_ref(entry["supervisor"], (*path, "supervisor"), people)
        if entry.get("buildings") is None:
            self.fail((*path, "buildings"), "缺少必填项", "missing required key")
        ranges = self.building_ranges(entry["buildings"], (*path, "buildings"))
        grid = Grid(
            id=grid_id,
            name=self.text(entry, "name", path, required=False) or grid_id,
            community_id=community_id,
            buildings=_merge([building_range for building_range, _ in ranges]),
            steward=steward,
            # The steward listed again as an assistant would be notified twice.
            assistants=tuple(dict.fromkeys(a for a in assistants if a != steward)),
            supervisor=supervisor,
            chats=tuple(
                self.chat_ref(value, (*path, "chats", i), chats)
                for i, value in enumerate(self.items(entry.get("chats")))
            ),
        )
        return grid, ranges

    def building_ranges(self, value: Any, path: KeyPath) -> list[tuple[tuple[int, int], KeyPath]]:
        """Each range with the path it was written at: "1-8", 9, "10,12", or nested lists."""
        if isinstance(value, list):
            return [
                r for i, item in enumerate(value) for r in self.building_ranges(item, (*path, i))
            ]
        if not isinstance(value, str):
            self.fail(path, "应为楼栋号或范围", "expected a building number or range")
        ranges = []
        for part in _BUILDING_SEPARATOR.split(_RANGE_SPACES.sub(r"\1", value.strip())):
            match = _BUILDING.fullmatch(part)
            if not match:
                self.fail(
                    path, f"无法识别的楼栋 {part!r}", "not a building number or range like 1-8"
                )
            low, high = int(match[1]), int(match[2] or match[1])
            if low > high:
                self.fail(path, f"楼栋范围 {part!r} 起止颠倒", "range start is after its end")
            ranges.append(((low, high), path))
        return ranges

    def check_overlaps(
        self,
        grid_id: str,
        ranges: list[tuple[tuple[int, int], KeyPath]],
        taken: list[tuple[tuple[int, int], str]],
    ) -> None:
        """Two grids claiming one building would leave a report's routing to list order."""
        for (low, high), path in ranges:
            for (other_low, other_high), other_grid in taken:
                if low <= other_high and other_low <= high:
                    self.fail(
                        path,
                        f'网格 "{grid_id}" 的楼栋 {low}-{high} 与网格 "{other_grid}" 的'
                        f" {other_low}-{other_high} 重叠",
                        f'buildings overlap between grids "{other_grid}" and "{grid_id}"',
                    )

    def sla(self, data: Any) -> dict[str, Sla]:
        sla = dict(DEFAULT_SLA)
        if data is None:
            return sla
        for kind, entry in self.mapping(data, ("sla",)).items():
            path: KeyPath = ("sla", kind)
            if kind not in SLA_KINDS:
                self.fail(
                    path, f"未知工单类型 {kind!r}", f"unknown SLA kind; use {', '.join(SLA_KINDS)}"
                )
            entry = self.mapping(entry, path)
            limits: dict[str, timedelta] = {}
            for stage in ("claim", "resolve"):
                value = self.text(entry, stage, path, required=False)
                if not value:
                    limits[stage] = getattr(DEFAULT_SLA[kind], stage)
                    continue
                try:
                    limits[stage] = parse_duration(value)
                except ValueError:
                    self.fail(
                        (*path, stage),
                        f"无效的时长 {value!r}",
                        "not a duration; write e.g. 20m, 2h, 3d or 1h30m",
                    )
                if limits[stage] <= timedelta():
                    self.fail((*path, stage), "时长必须大于零", "a duration must be above zero")
            if limits["claim"] > limits["resolve"]:
                self.fail(path, "接单时限长于办结时限", "claim time is longer than resolve time")
            sla[kind] = Sla(claim=limits["claim"], resolve=limits["resolve"])
        return sla


def _merge(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted ranges with touching and overlapping ones joined: 1-4, 5-8 → 1-8."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)
