"""Column types shared by the tables: UTC instants and JSON lists that read back the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and hands them back aware: SQLite keeps no zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class JSONList(TypeDecorator[list[str]]):
    """A short list of strings as JSON text, the same on SQLite and PostgreSQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        return json.dumps(list(value or []), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return list(json.loads(value)) if value else []


MAX_ID = 2**31 - 1  # the largest id an INTEGER key holds on both SQLite and PostgreSQL


def as_id(value: object) -> int | None:
    """A row id from outside (a URL, JSON, a chat message), or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit()) or len(value) > 10:
            return None
        value = int(value)
    if isinstance(value, int) and 0 <= value <= MAX_ID:
        return value
    return None


def utc_field(*, nullable: bool = True, index: bool = False) -> Any:
    """A timestamp column; `None` stands for "not yet"."""
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def json_list_field() -> Any:
    return Field(default_factory=list, sa_type=JSONList, nullable=False)


def storable(value: str, *, max_length: int | None = None, lines: bool = False) -> str:
    """A platform's string made storable the same on SQLite and PostgreSQL, never refused.

    What a platform delivered must end as a ticket or an answer, so instead of refusing (as
    `text_fault` does for our own API) the characters neither database keeps the same are
    dropped (NUL, other control characters; line breaks and tabs kept in a message text),
    a lone surrogate becomes U+FFFD, and an over-long value is cut to the column's length.
    """
    kept = []
    for character in value:
        code = ord(character)
        if 0xD800 <= code <= 0xDFFF:
            kept.append("\ufffd")
        elif (code < 0x20 or 0x7F <= code < 0xA0) and not (lines and character in "\n\r\t"):
            continue
        else:
            kept.append(character)
    cleaned = "".join(kept)
    return cleaned if max_length is None else cleaned[:max_length]


def text_fault(value: object, *, field: str, max_length: int, lines: bool = False) -> str | None:
    """Why a string from outside cannot be stored the same on SQLite and PostgreSQL, or None.

    PostgreSQL refuses NUL and lone surrogates and enforces VARCHAR lengths that SQLite lets
    pass, so both are asked the same questions here, before anything is written. Only a
    message text (`lines`) may hold line breaks and tabs; no field holds other control
    characters.
    """
    if not isinstance(value, str):
        return f"{field} 必须是文字 ({field} must be a string)"
    if len(value) > max_length:
        return f"{field} 太长 ({field} is longer than {max_length} characters)"
    for position, character in enumerate(value):
        code = ord(character)
        if 0xD800 <= code <= 0xDFFF:
            return (
                f"{field} 含无效字符 ({field} holds a lone surrogate U+{code:04X} "
                f"at position {position}; send valid UTF-8)"
            )
        if (code < 0x20 or 0x7F <= code < 0xA0) and not (lines and character in "\n\r\t"):
            return (
                f"{field} 含控制字符 ({field} holds the control character U+{code:04X} "
                f"at position {position})"
            )
    return None
