"""Turn an administrator's directory file into a Directory, or say exactly which line is wrong."""

from __future__ import annotations

import os
from typing import NoReturn
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from handlers.directory import (
    DEFAULT_SLA,
    DEFAULT_WEEKLY_DIGEST,
    SLA_KINDS,
    Chat,
    Community,
    Directory,
    DirectoryError,
    Escalation,
    Person,
    Sla,
)
from handlers.directory_grids import GridChecker
from handlers.directory_schema import (
    ChatEntry,
    CommunityEntry,
    DirectoryFile,
    PersonEntry,
    SlaSection,
    problems,
)
from handlers.directory_yaml import MAX_BYTES, KeyPath, YamlDocument, read_yaml


def read_directory_file(path: str | os.PathLike[str]) -> Directory:
    """Read and validate the directory file at `path` (UTF-8, a BOM from Notepad is fine)."""
    source = os.fspath(path)
    try:
        with open(source, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DirectoryError(
            source, None, "", "找不到目录文件", "directory file not found"
        ) from None
    except OSError as exc:
        raise DirectoryError(
            source, None, "", "无法读取目录文件", f"cannot read directory file: {exc.strerror}"
        ) from None
    if len(data) > MAX_BYTES:
        raise DirectoryError(
            source, None, "", "目录文件超过 1 MiB", "the directory file is larger than 1 MiB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DirectoryError(
            source, line, "", "文件不是 UTF-8 编码", f"file is not UTF-8: {exc.reason}"
        ) from None
    return build_directory(text, source=source)


def build_directory(text: str, *, source: str) -> Directory:
    """Parse and validate; the first problem found raises DirectoryError."""
    try:
        document = read_yaml(text, source=source)
        if not isinstance(document.value, dict):
            document.lines.setdefault((), 1)
            if document.value is None:
                document.fail((), "文件是空的", "the file is empty; expected a mapping")
            document.fail((), "应为键值映射", "expected a mapping of keys to values")
        try:
            parsed = DirectoryFile.model_validate(document.value)
        except ValidationError as error:
            # A misspelt key also makes the key it should have been look missing: name it first.
            found = min(
                problems(error), key=lambda p: (not p.unknown_key, document.line(p.path) or 0)
            )
            document.fail(found.path, found.zh, found.en)
        return _Assembler(document).directory(parsed)
    except (RecursionError, MemoryError):
        # The reader bounds depth and size, so this is a last resort that still names the file.
        raise DirectoryError(
            source, None, "", "目录文件过大或嵌套过深", "the directory is too large or too deep"
        ) from None


class _Assembler:
    """Checks what refers to what (people, chats, grids) and builds the Directory's dataclasses."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document

    def fail(self, path: KeyPath, problem_zh: str, problem_en: str) -> NoReturn:
        self.document.fail(path, problem_zh, problem_en)

    def directory(self, parsed: DirectoryFile) -> Directory:
        people = self.people(parsed.people)
        chats = self.chats(parsed.chats)
        for index, person_id in enumerate(parsed.admins):
            self.person_ref(person_id, ("admins", index), people)
        checker = GridChecker(self.document, people, chats)
        communities = tuple(
            self.community(entry, ("communities", index), parsed, checker)
            for index, entry in enumerate(parsed.communities)
        )
        return Directory(
            timezone=parsed.timezone or ZoneInfo("Asia/Shanghai"),
            quiet_hours=parsed.quiet_hours,
            communities=communities,
            people=people,
            chats=chats,
            sla=self.sla(parsed.sla),
            source=self.document.source,
            admins=tuple(dict.fromkeys(parsed.admins)),
        )

    def person_ref(self, person_id: str, path: KeyPath, people: dict[str, Person]) -> str:
        if person_id not in people:
            self.fail(path, f'未知人员 "{person_id}"', "unknown person id")
        return person_id

    def people(self, entries: tuple[PersonEntry, ...]) -> dict[str, Person]:
        people: dict[str, Person] = {}
        owners: dict[tuple[str, str], str] = {}
        for index, entry in enumerate(entries):
            path: KeyPath = ("people", index)
            if entry.id in people:
                self.fail((*path, "id"), f'人员编号 "{entry.id}" 重复', "duplicate person id")
            accounts = {
                platform: account for platform, account in entry.accounts.items() if account
            }
            for platform, account in accounts.items():
                if (platform, account) in owners:
                    self.fail(
                        (*path, "accounts", platform),
                        f'{platform} 账号 "{account}" 已属于 "{owners[platform, account]}"',
                        "the same platform account is on two people",
                    )
                owners[platform, account] = entry.id
            people[entry.id] = Person(entry.id, entry.name, entry.role, accounts)
        return people

    def chats(self, entries: tuple[ChatEntry, ...]) -> dict[str, Chat]:
        chats: dict[str, Chat] = {}
        addresses: dict[tuple[str, str], str] = {}
        for index, entry in enumerate(entries):
            path: KeyPath = ("chats", index)
            if entry.id in chats:
                self.fail((*path, "id"), f'群聊编号 "{entry.id}" 重复', "duplicate chat id")
            where = (entry.platform, entry.address)
            if where in addresses:
                self.fail(
                    (*path, "address"),
                    f'地址已属于群聊 "{addresses[where]}"',
                    "two chats have the same platform address",
                )
            addresses[where] = entry.id
            chats[entry.id] = Chat(entry.id, entry.name or entry.id, *where)
        return chats

    def community(
        self, entry: CommunityEntry, path: KeyPath, root: DirectoryFile, checker: GridChecker
    ) -> Community:
        checker.start_community(entry.id, (*path, "id"))
        secretaries = tuple(
            self.person_ref(person_id, (*path, "secretaries", i), checker.people)
            for i, person_id in enumerate(entry.secretaries)
        )
        if not secretaries:
            # Reports whose grid is unknown, and returned tickets, go to the secretaries.
            self.fail(
                (*path, "secretaries"),
                "社区至少要有一位书记（secretaries）",
                "a community needs at least one secretary",
            )
        if entry.digest_chat is not None:
            checker.use_chat(entry.digest_chat, (*path, "digest_chat"))
        elif entry.digest_at is not None:
            # Otherwise the daily digest (通报) would silently go nowhere.
            self.fail(
                (*path, "digest_chat"),
                "设了 digest_at 却没有 digest_chat",
                "digest_at needs a digest_chat to post to",
            )
        for i, chat_id in enumerate(entry.chats):
            checker.use_chat(chat_id, (*path, "chats", i))
        grids = tuple(
            checker.grid(grid, (*path, "grids", i), entry.id) for i, grid in enumerate(entry.grids)
        )
        escalation = Escalation()
        for layer in (root.escalation, entry.escalation):  # the community's own keys win
            if layer is not None:
                escalation = Escalation(
                    interval=layer.interval or escalation.interval,
                    reminders_before_escalation=(
                        escalation.reminders_before_escalation
                        if layer.reminders_before_escalation is None
                        else layer.reminders_before_escalation
                    ),
                )
        return Community(
            id=entry.id,
            name=entry.name,
            secretaries=secretaries,
            digest_at=entry.digest_at,
            digest_chat=entry.digest_chat,
            chats=entry.chats,
            grids=grids,
            emergency_phone=entry.emergency_phone or root.emergency_phone or "119",
            quiet_hours=entry.quiet_hours or root.quiet_hours,
            sla_clock=entry.sla_clock or root.sla_clock or "wall",
            escalation=escalation,
            weekly_digest=entry.weekly_digest or root.weekly_digest or DEFAULT_WEEKLY_DIGEST,
            emergency_phones={
                kind: phone
                for phones in (root.emergency_phones, entry.emergency_phones)
                if phones is not None
                for kind, phone in phones.model_dump().items()
                if phone
            },
        )

    def sla(self, section: SlaSection | None) -> dict[str, Sla]:
        sla = dict(DEFAULT_SLA)
        for kind in SLA_KINDS:
            entry = getattr(section, kind, None)
            if entry is None:
                continue
            claim = entry.claim or DEFAULT_SLA[kind].claim
            resolve = entry.resolve or DEFAULT_SLA[kind].resolve
            if claim > resolve:
                self.fail(
                    ("sla", kind), "接单时限长于办结时限", "claim time is longer than resolve time"
                )
            sla[kind] = Sla(claim=claim, resolve=resolve)
        return sla
