"""The directory file's shape: which keys exist at each place, and what each may hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Annotated, Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from handlers.directory import SLA_CLOCKS
from handlers.directory_values import (
    BuildingRange,
    ValueProblem,
    WeeklyTime,
    did_you_mean,
    parse_building_ranges,
    parse_clock,
    parse_phone,
    parse_positive_duration,
    parse_time_range,
    parse_weekly_time,
)


def problem(zh: str, en: str, at: tuple[int, ...] = ()) -> PydanticCustomError:
    """A validation error carrying both languages (and a position inside a list value)."""
    return PydanticCustomError("directory", "{en}", {"zh": zh, "en": en, "at": at})


def _reading(parse: Callable[[str], Any]) -> PlainValidator:
    """Validate a text value with one of directory_values' readers."""

    def validate(value: Any) -> Any:
        if not isinstance(value, str):
            raise problem("应为单个值", "expected a single value, not a list or mapping")
        try:
            return parse(value)
        except ValueProblem as fault:
            raise problem(fault.zh, fault.en, fault.at) from None

    return PlainValidator(validate)


def _identifier(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise problem("应为编号文本", "expected an id")
    if any(char.isspace() for char in value.strip()):
        raise problem(f"编号 {value!r} 不能含空格", "an id must not contain spaces")
    return value.strip()


def _buildings(value: Any) -> tuple[BuildingRange, ...]:
    try:
        return tuple(parse_building_ranges(value))
    except ValueProblem as fault:
        raise problem(fault.zh, fault.en, fault.at) from None


def _zone(value: Any) -> ZoneInfo:
    try:
        return ZoneInfo(str(value).strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise problem(f"未知时区 {value!r}", "unknown timezone, e.g. Asia/Shanghai") from None


def _sla_clock(value: Any) -> str:
    if value not in SLA_CLOCKS:
        hint = did_you_mean(str(value), SLA_CLOCKS)
        raise problem(
            f"sla_clock 只能是 wall 或 working，不是 {value!r}"
            + (f'；是否想写 "{hint}"？' if hint else ""),
            "expected wall (every hour counts) or working (working hours only)"
            + (f'; did you mean "{hint}"?' if hint else ""),
        )
    return str(value)


def _count(value: Any) -> int:
    if not isinstance(value, str) or not value.strip().isdecimal():
        raise problem(f"应为 0 或正整数，不是 {value!r}", "expected a whole number, 0 or more")
    return int(value)


def _place(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise problem("应为地点名称", "expected a place name such as 东门")
    return value.strip()


def _as_list(value: Any) -> Any:
    """A single value stands for a list of one."""
    return value if isinstance(value, list) else [value]


def _account(value: Any) -> Any:
    """An empty account is a platform this person is not on."""
    return "" if value is None else value


Id = Annotated[str, PlainValidator(_identifier)]
Ids = Annotated[tuple[Id, ...], BeforeValidator(_as_list)]
Clock = Annotated[time, _reading(parse_clock)]
TimeRange = Annotated[tuple[time, time], _reading(parse_time_range)]
Weekly = Annotated[WeeklyTime, _reading(parse_weekly_time)]
Duration = Annotated[timedelta, _reading(parse_positive_duration)]
Phone = Annotated[str, _reading(parse_phone)]
Count = Annotated[int, PlainValidator(_count)]
Buildings = Annotated[tuple[BuildingRange, ...], PlainValidator(_buildings)]
Zone = Annotated[ZoneInfo, PlainValidator(_zone)]
SlaClock = Annotated[str, PlainValidator(_sla_clock)]
Account = Annotated[str, BeforeValidator(_account)]
Places = Annotated[tuple[Annotated[str, PlainValidator(_place)], ...], BeforeValidator(_as_list)]


class Section(BaseModel):
    """A mapping in the file: unknown keys are errors, and an empty key means the key is unset."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for key in data:
            if key not in cls.model_fields:
                # Raised here rather than by extra="forbid" so the message can list the keys.
                raise PydanticCustomError(
                    "unknown_key", "unknown key {key}", {"key": key, "allowed": cls.keys()}
                )
        return {
            key: value
            for key, value in data.items()
            if value is not None and not (isinstance(value, str) and not value.strip())
        }

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(cls.model_fields)


class EmergencyPhones(Section):
    """A number per emergency type; what is not set falls back (see Community)."""

    gas: Phone | None = None
    fire: Phone | None = None
    electric: Phone | None = None
    lift: Phone | None = None
    water: Phone | None = None


class EscalationEntry(Section):
    interval: Duration | None = None
    reminders_before_escalation: Count | None = None


class Policies(Section):
    """Keys the root sets for everyone and a community may set again for itself."""

    quiet_hours: TimeRange | None = None
    sla_clock: SlaClock | None = None
    escalation: EscalationEntry | None = None
    weekly_digest: Weekly | None = None
    emergency_phone: Phone | None = None
    emergency_phones: EmergencyPhones | None = None


class GridEntry(Section):
    id: Id
    name: str = ""
    buildings: Buildings
    places: Places = ()
    steward: Id
    assistants: Ids = ()
    supervisor: Id | None = None
    chats: Ids = ()


class CommunityEntry(Policies):
    id: Id
    name: str
    secretaries: Ids = ()
    digest_at: Clock | None = None
    digest_chat: Id | None = None
    chats: Ids = ()
    grids: tuple[GridEntry, ...]


class PersonEntry(Section):
    id: Id
    name: str
    role: str = ""  # steward | assistant | supervisor | secretary | admin | any other text
    accounts: dict[str, Account] = {}


class ChatEntry(Section):
    id: Id
    name: str = ""
    platform: str
    address: str


class SlaEntry(Section):
    claim: Duration | None = None
    resolve: Duration | None = None


class SlaSection(Section):
    repair: SlaEntry | None = None
    hazard: SlaEntry | None = None
    complaint: SlaEntry | None = None
    inquiry: SlaEntry | None = None
    emergency: SlaEntry | None = None


class DirectoryFile(Policies):
    """The whole file."""

    timezone: Zone | None = None
    admins: Ids = ()
    communities: tuple[CommunityEntry, ...]
    people: tuple[PersonEntry, ...]
    chats: tuple[ChatEntry, ...]
    sla: SlaSection | None = None


class Problem(NamedTuple):
    """One validation error as the loader reports it: where, and what in both languages."""

    path: tuple[str | int, ...]
    zh: str
    en: str
    unknown_key: bool = False


def problems(error: ValidationError) -> list[Problem]:
    """Pydantic's errors in the directory's words."""
    return [_explain(detail) for detail in error.errors()]


def _explain(detail: ErrorDetails) -> Problem:
    path = tuple(detail["loc"])
    context = detail.get("ctx") or {}
    kind = detail["type"]
    if kind == "directory":
        return Problem((*path, *context["at"]), context["zh"], context["en"])
    if kind == "unknown_key":
        key, allowed = context["key"], context["allowed"]
        hint = did_you_mean(key, allowed)
        if hint:
            zh = f'未知的键 "{key}"，是否想写 "{hint}"？'
            en = f'unknown key; did you mean "{hint}"?'
        else:
            zh = f'未知的键 "{key}"（这里可用：{"、".join(allowed)}；备注请写在 # 注释里）'
            en = f"unknown key; allowed here: {', '.join(allowed)}; put notes in # comments"
        return Problem((*path, key), zh, en, unknown_key=True)
    if kind == "missing":
        if path[-1] == "steward":
            return Problem(path, "网格没有网格员", "a grid needs a steward")
        return Problem(path, "缺少必填项", "missing required key")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(path, "应为键值映射", "expected a mapping of keys to values")
    if kind in ("list_type", "tuple_type"):
        return Problem(path, "应为列表", "expected a list")
    if kind == "string_type":
        return Problem(path, "应为单个值", "expected a single value, not a list or mapping")
    return Problem(path, "取值无效", detail["msg"])
