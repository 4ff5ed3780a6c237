"""Who may talk to the web server: pages it served itself, under names that are its own.

A browser lets any page it has open send requests to 127.0.0.1 and open WebSockets there;
and a hostile name that resolves to 127.0.0.1 (DNS rebinding) makes those requests
same-origin. So every request must name a host this server answers to (and its port), a
request from a page must come from this server's own origin, and a browser's fetch metadata
must not say "another site" unless the person is simply navigating here.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from yarl import URL

from web.bodies import refuse

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """Whether a listening address is reachable from this machine only."""
    name = _name(host)
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # another name may resolve anywhere


def served_names(host: str) -> frozenset[str]:
    """The host names requests may carry: loopback names and the listening address."""
    if not host or _unspecified(_name(host)):
        return LOOPBACK_NAMES
    return LOOPBACK_NAMES | host_names([host])


def host_names(names: Iterable[str]) -> frozenset[str]:
    """Host names as requests are compared with them: lower-case, no brackets or final dot."""
    return frozenset(_name(name) for name in names if name.strip())


def _name(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _unspecified(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def same_origin_only(names: frozenset[str], *, any_port: frozenset[str]) -> Middleware:
    """The middleware; hosts in `any_port` (names an operator vouched for) skip the port check."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        port = _served_port(request)
        host = request.headers.get("Host")
        if host is not None and not _ours(_split_host(host), names, any_port, port):
            refuse(
                f"不认识的主机名 (Host {host[:100]!r} is not served here; "
                "add it to GRIDSTEWARD_ALLOWED_HOSTS if it is this machine)",
                403,
            )
        origin = request.headers.get("Origin")
        if origin is not None and not _ours(_origin_host(origin), names, any_port, port):
            refuse(f"拒绝跨站请求 (requests from {origin[:100]!r} are not accepted)", 403)
        site = request.headers.get("Sec-Fetch-Site")
        if site not in (None, "same-origin", "none") and not _navigating(request):
            refuse(f"拒绝跨站请求 (a {site} request is not accepted)", 403)
        return await handler(request)

    return guard


async def no_framing(_request: web.Request, response: web.StreamResponse) -> None:
    """No other site may show these pages in a frame and have people click in them."""
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")


def _navigating(request: web.Request) -> bool:
    """A person following a link or typing the address: allowed from anywhere."""
    return (
        request.method in ("GET", "HEAD")
        and request.headers.get("Sec-Fetch-Mode") == "navigate"
        and request.headers.get("Sec-Fetch-Dest") == "document"
    )


def _served_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return sockname[1] if isinstance(sockname, tuple) else None


def _ours(
    host_port: tuple[str, int | None] | None,
    names: frozenset[str],
    any_port: frozenset[str],
    port: int | None,
) -> bool:
    if host_port is None:
        return False
    name, given_port = host_port
    if name in any_port:
        return True
    return name in names and (given_port is None or port is None or given_port == port)


def _split_host(host: str) -> tuple[str, int | None] | None:
    """'127.0.0.1:8080' → ('127.0.0.1', 8080); '[::1]' → ('::1', None); None if malformed."""
    try:
        url = URL(f"http://{host}")
    except ValueError:
        return None
    if url.raw_host is None or url.path not in ("", "/") or url.user is not None:
        return None
    return _name(url.raw_host), url.explicit_port


def _origin_host(origin: str) -> tuple[str, int | None] | None:
    """An Origin header's host and port (its scheme's default when left out); None for 'null'."""
    try:
        url = URL(origin)
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or url.raw_host is None:
        return None
    return _name(url.raw_host), url.port
