"""Who is who: the communities, grids, people and chats an administrator declares, and lookups."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

# Re-exported: callers read the directory's value types and durations from here.
from handlers.directory_values import WeeklyTime as WeeklyTime
from handlers.directory_values import parse_duration as parse_duration
from handlers.normalize import normalize

SLA_KINDS = ("repair", "hazard", "complaint", "inquiry", "emergency")
# How SLA time runs: "wall" counts every hour, "working" only working hours (read by schedules).
SLA_CLOCKS = ("wall", "working")
EMERGENCY_KINDS = ("gas", "fire", "electric", "lift", "water")
# Numbers everyone knows: fire brigade, and the lift rescue line; the rest use emergency_phone.
DEFAULT_EMERGENCY_PHONES: Mapping[str, str] = MappingProxyType({"fire": "119", "lift": "96333"})
DEFAULT_WEEKLY_DIGEST = WeeklyTime(weekday=0, at=time(9, 0))


@dataclass(frozen=True, slots=True)
class Sla:
    """How long a ticket may wait to be claimed, and to be resolved."""

    claim: timedelta
    resolve: timedelta


DEFAULT_SLA: Mapping[str, Sla] = MappingProxyType(
    {
        "repair": Sla(claim=timedelta(hours=2), resolve=timedelta(hours=24)),
        "hazard": Sla(claim=timedelta(hours=24), resolve=timedelta(days=3)),
        "complaint": Sla(claim=timedelta(hours=4), resolve=timedelta(days=3)),
        "inquiry": Sla(claim=timedelta(hours=4), resolve=timedelta(hours=24)),
        "emergency": Sla(claim=timedelta(minutes=20), resolve=timedelta(hours=4)),
    }
)


class DirectoryError(ValueError):
    """A directory the bot cannot use; the message names the file, the line and the key at fault."""

    def __init__(
        self, source: str, line: int | None, key: str, problem_zh: str, problem_en: str
    ) -> None:
        where = f"{source} 第{line}行" if line is not None else source
        if key:
            where += f" {key}"
        super().__init__(f"{where}: {problem_zh} ({problem_en})")
        self.source = source
        self.line = line
        self.key = key


@dataclass(frozen=True, slots=True)
class Person:
    """A member of staff (or anyone the bot must recognise) and their accounts per platform."""

    id: str
    name: str
    role: str  # "steward" | "assistant" | "supervisor" | "secretary" | anything else
    # Excluded from the hash because a mapping has none; still compared for equality.
    accounts: Mapping[str, str] = field(hash=False)

    def __post_init__(self) -> None:
        # Read-only, and account ids as text even when a caller passes a Telegram id as int.
        accounts = {platform: str(account) for platform, account in self.accounts.items()}
        object.__setattr__(self, "accounts", MappingProxyType(accounts))


@dataclass(frozen=True, slots=True)
class Grid:
    """A grid (网格): a block of buildings served by one steward (网格员) and their assistants."""

    id: str
    name: str
    community_id: str
    buildings: tuple[tuple[int, int], ...]  # inclusive ranges of building numbers
    steward: str
    assistants: tuple[str, ...]
    supervisor: str | None
    chats: tuple[str, ...]  # chats dedicated to this grid
    # Places without a building number (东门, 地下车库) as the directory writes them.
    places: tuple[str, ...] = ()

    def covers(self, building: str | None) -> bool:
        """Whether a building number as written in an address ("3" of "3栋") is in this grid."""
        if building is None or not building.strip().isdecimal():
            return False
        number = int(building)
        return any(low <= number <= high for low, high in self.buildings)

    @property
    def staff(self) -> tuple[str, ...]:
        """The people who take this grid's tickets: the steward first, then the assistants."""
        return (self.steward, *(a for a in self.assistants if a != self.steward))


@dataclass(frozen=True, slots=True)
class Escalation:
    """How overdue tickets are chased: a reminder every `interval` (None: the smaller of 1 h and
    the SLA being chased), and after this many reminders the next step goes up (督办)."""

    interval: timedelta | None = None
    reminders_before_escalation: int = 2


@dataclass(frozen=True, slots=True)
class Community:
    """A community (社区) with its secretaries (书记), chats, daily digest (通报) and grids.

    The policies below the grids are the directory's root values unless the community sets
    its own; times of day are wall-clock times in the directory's timezone.
    """

    id: str
    name: str
    secretaries: tuple[str, ...]
    digest_at: time | None
    digest_chat: str | None
    chats: tuple[str, ...]
    grids: tuple[Grid, ...]
    emergency_phone: str
    quiet_hours: tuple[time, time] | None = None
    sla_clock: str = "wall"  # one of SLA_CLOCKS
    escalation: Escalation = Escalation()
    weekly_digest: WeeklyTime = DEFAULT_WEEKLY_DIGEST
    # Emergency type → number, as written in the directory; see emergency_phone_for.
    emergency_phones: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "emergency_phones", MappingProxyType(dict(self.emergency_phones)))

    def emergency_phone_for(self, kind: str) -> str:
        """The number to call for an emergency of `kind` (one of EMERGENCY_KINDS): the
        directory's number for that type, else 119 for fire and 96333 for a lift, else the
        community's emergency_phone."""
        if kind not in EMERGENCY_KINDS:
            raise KeyError(f"unknown emergency kind {kind!r}; expected one of {EMERGENCY_KINDS}")
        return (
            self.emergency_phones.get(kind)
            or DEFAULT_EMERGENCY_PHONES.get(kind)
            or self.emergency_phone
        )


@dataclass(frozen=True, slots=True)
class Chat:
    """A group chat the bot sits in, and where to find it on its platform."""

    id: str
    name: str
    platform: str
    address: str


@dataclass(frozen=True)
class Directory:
    """The whole directory, with indexes built once so every lookup is a dict access."""

    timezone: ZoneInfo
    quiet_hours: tuple[time, time] | None
    communities: tuple[Community, ...]
    people: Mapping[str, Person] = field(hash=False)
    chats: Mapping[str, Chat] = field(hash=False)
    sla: Mapping[str, Sla] = field(hash=False)
    source: str = "<string>"
    admins: tuple[str, ...] = ()  # people who may see everything on the dashboard
    _people_by_account: dict[tuple[str, str], Person] = field(init=False, repr=False, compare=False)
    _chats_by_address: dict[tuple[str, str], Chat] = field(init=False, repr=False, compare=False)
    _communities_by_id: dict[str, Community] = field(init=False, repr=False, compare=False)
    _communities_by_chat: dict[str, Community] = field(init=False, repr=False, compare=False)
    _grids_by_id: dict[str, Grid] = field(init=False, repr=False, compare=False)
    _grids_by_place: dict[tuple[str, str], Grid] = field(init=False, repr=False, compare=False)
    _members: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    # '@token' → [(match rank, person id)]: 0 id, 1 name, 2 account; lower ranks win.
    _people_by_token: dict[str, list[tuple[int, str]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("people", MappingProxyType(dict(self.people)))
        put("chats", MappingProxyType(dict(self.chats)))
        # Callers building a Directory by hand may give only the kinds they care about.
        put("sla", MappingProxyType({**DEFAULT_SLA, **self.sla}))

        by_account: dict[tuple[str, str], Person] = {}
        by_token: dict[str, list[tuple[int, str]]] = {}
        for person in self.people.values():
            by_token.setdefault(person.id.casefold(), []).append((0, person.id))
            by_token.setdefault(person.name.casefold(), []).append((1, person.id))
            for platform, account in person.accounts.items():
                by_account.setdefault((platform, account), person)
                by_token.setdefault(account.casefold(), []).append((2, person.id))
        put("_people_by_account", by_account)
        put("_people_by_token", by_token)
        put("_chats_by_address", {(c.platform, c.address): c for c in self.chats.values()})

        by_chat: dict[str, Community] = {}
        members: dict[str, frozenset[str]] = {}
        for community in self.communities:
            chats = [*community.chats, *(g for grid in community.grids for g in grid.chats)]
            if community.digest_chat:
                chats.append(community.digest_chat)
            for chat_id in chats:
                by_chat.setdefault(chat_id, community)
            members[community.id] = frozenset(_community_people(community))
        put("_communities_by_id", {c.id: c for c in self.communities})
        put("_communities_by_chat", by_chat)
        put("_grids_by_id", {g.id: g for c in self.communities for g in c.grids})
        put(
            "_grids_by_place",
            {
                (c.id, place_key(place)): g
                for c in self.communities
                for g in c.grids
                for place in g.places
            },
        )
        put("_members", members)

    def person(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def person_for_account(self, platform: str, account: str) -> Person | None:
        return self._people_by_account.get((platform, str(account)))

    def chat_for_address(self, platform: str, address: str) -> Chat | None:
        return self._chats_by_address.get((platform, str(address)))

    def community(self, community_id: str) -> Community | None:
        return self._communities_by_id.get(community_id)

    def community_for_chat(self, chat_id: str) -> Community | None:
        """The community whose chats, digest chat or grid chats include this chat."""
        return self._communities_by_chat.get(chat_id)

    def grid(self, grid_id: str) -> Grid | None:
        return self._grids_by_id.get(grid_id)

    def grid_for(
        self, community_id: str, *, building: str | None, chat_id: str | None
    ) -> Grid | None:
        """Route a report: the grid covering its building, else the grid owning its chat."""
        community = self.community(community_id)
        if community is None:
            return None
        for grid in community.grids:
            if grid.covers(building):
                return grid
        if chat_id is not None:
            for grid in community.grids:
                if chat_id in grid.chats:
                    return grid
        return None

    def grid_for_place(self, community_id: str, text_place: str) -> Grid | None:
        """The grid whose `places` include this place, compared after normalisation (東門 is
        东门, spaces and letter case do not count); an exact name, not a part of one."""
        return self._grids_by_place.get((community_id, place_key(text_place)))

    def find_person(self, community_id: str, token: str) -> Person | None:
        """Resolve '@token' (id, name or any account), preferring the community's own people.

        Two people matching equally well is ambiguous, and a 转派 (reassignment) to the
        wrong person is worse than asking again, so that gives None.
        """
        matches = self._people_by_token.get(token.strip().lstrip("@＠").strip().casefold(), [])
        members = self.members(community_id)
        for candidates in ([m for m in matches if m[1] in members], matches):
            if not candidates:
                continue
            best = min(rank for rank, _ in candidates)
            found = {person_id for rank, person_id in candidates if rank == best}
            return self.people[found.pop()] if len(found) == 1 else None
        return None

    def members(self, community_id: str) -> frozenset[str]:
        """Ids of the people who work in the community: secretaries and every grid's staff."""
        return self._members.get(community_id, frozenset())

    def sla_for(self, kind: str, *, emergency: bool) -> Sla:
        if emergency:
            return self.sla["emergency"]
        if kind not in self.sla:
            raise KeyError(f"unknown ticket kind {kind!r}; expected one of {', '.join(SLA_KINDS)}")
        return self.sla[kind]

    def with_identity_accounts(self, platform: str) -> Directory:
        """A copy where everyone's account on `platform` is their id, as replay transcripts say."""
        people = {
            pid: dataclasses.replace(p, accounts=MappingProxyType({**p.accounts, platform: pid}))
            for pid, p in self.people.items()
        }
        return dataclasses.replace(self, people=people)


def place_key(text: str) -> str:
    """A place name as compared: normalised (script, width, case) and without spaces."""
    return normalize(text).replace(" ", "")


def _community_people(community: Community) -> Iterable[str]:
    yield from community.secretaries
    for grid in community.grids:
        yield from grid.staff
        if grid.supervisor:
            yield grid.supervisor


def parse_directory(text: str, *, source: str = "<string>") -> Directory:
    """Validate a directory's YAML text; a problem raises DirectoryError naming line and key."""
    # Imported here, not at the top, because the loader builds this module's dataclasses.
    from handlers.directory_loader import build_directory

    return build_directory(text, source=source)


def load_directory(path: str | os.PathLike[str]) -> Directory:
    """Read and validate the directory file at `path` (UTF-8, a BOM from Notepad is fine)."""
    from handlers.directory_loader import read_directory_file

    return read_directory_file(path)
