"""What clients send (JSON bodies, query strings), read so that every fault is a clear refusal."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any, NoReturn

from aiohttp import web

from models.columns import text_fault

MAX_QUERY_VALUE = 256


class Refusal(web.HTTPClientError):
    """A 4xx whose JSON body says what is wrong, so a person can fix it."""

    def __init__(self, status: int, message: str) -> None:
        self.status_code = status
        # ASCII-escaped, as json_response does: a refusal may quote a lone surrogate it was sent.
        super().__init__(text=json.dumps({"error": message}), content_type="application/json")


def refuse(message: str, status: int = 400) -> NoReturn:
    """Stop the request with `{"error": message}`."""
    raise Refusal(status, message)


async def json_object(request: web.Request, *, fields: Collection[str]) -> dict[str, Any]:
    """The request's JSON object, refused (4xx) unless it is one, in UTF-8, with known fields.

    Only `application/json` is read: a browser lets any page send `text/plain` across
    origins without asking, but not JSON.
    """
    if request.content_type != "application/json":
        refuse(
            "请以 JSON 发送 (Content-Type must be application/json, "
            f"not {request.content_type or 'missing'})",
            415,
        )
    if request.charset not in (None, "utf-8", "utf8"):
        refuse(f"请用 UTF-8 (the body must be UTF-8, not {request.charset})", 415)
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        refuse(f"内容太大 (the body is larger than {request.client_max_size} bytes)", 413)
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        refuse(f"不是 UTF-8 的 JSON (the body is not UTF-8 JSON: byte {error.start} is wrong)")
    except json.JSONDecodeError as error:
        refuse(f"不是 JSON (the body is not JSON: {error.msg} at line {error.lineno})")
    except RecursionError:
        refuse("JSON 嵌套太深 (the body's JSON is nested too deep)")
    except ValueError as error:  # an integer with more digits than Python converts
        refuse(f"不是可用的 JSON (the body's JSON cannot be read: {str(error)[:80]})")
    if not isinstance(body, dict):
        refuse(f"需要 JSON 对象 (the body must be a JSON object: {{{', '.join(fields)}}})")
    unknown = sorted(key for key in body if key not in fields)
    if unknown:
        refuse(f"未知字段 (unknown field {unknown[0][:64]!r}; known: {', '.join(fields)})")
    return body


def query(request: web.Request, *, allowed: Collection[str]) -> dict[str, str]:
    """The query string's parameters, each given once, all known and storable text."""
    params: dict[str, str] = {}
    for key, value in request.query.items():
        if key not in allowed:
            known = ", ".join(allowed) or "none"
            refuse(f"未知参数 (unknown query parameter {key[:64]!r}; known: {known})")
        if key in params:
            refuse(f"参数重复 (query parameter {key!r} is given twice)")
        fault = text_fault(value, field=key, max_length=MAX_QUERY_VALUE)
        if fault:
            refuse(fault)
        params[key] = value
    return params
