"""Cross-checks of communities and grids: known people and chats, and nothing claimed twice."""

from __future__ import annotations

from typing import NoReturn

from handlers.directory import Chat, Grid, Person, place_key
from handlers.directory_schema import GridEntry
from handlers.directory_values import merge_ranges
from handlers.directory_yaml import KeyPath, YamlDocument


class GridChecker:
    """Walks the communities in file order, remembering what earlier ones already claimed."""

    def __init__(
        self, document: YamlDocument, people: dict[str, Person], chats: dict[str, Chat]
    ) -> None:
        self.document = document
        self.people = people
        self.chats = chats
        self.community_ids: set[str] = set()
        self.grid_ids: set[str] = set()
        self.chat_owners: dict[str, str] = {}  # chat id → community id, so no chat serves two
        self.community_id = ""
        self.buildings_taken: list[tuple[int, int, str]] = []  # (low, high, grid id)
        self.grid_of_chat: dict[str, str] = {}
        self.grid_of_place: dict[str, tuple[str, str]] = {}  # key → (grid id, place as written)

    def fail(self, path: KeyPath, problem_zh: str, problem_en: str) -> NoReturn:
        self.document.fail(path, problem_zh, problem_en)

    def start_community(self, community_id: str, id_path: KeyPath) -> None:
        if community_id in self.community_ids:
            self.fail(id_path, f'社区编号 "{community_id}" 重复', "duplicate community id")
        self.community_ids.add(community_id)
        self.community_id = community_id
        self.buildings_taken = []
        self.grid_of_chat = {}
        self.grid_of_place = {}

    def person(self, person_id: str, path: KeyPath) -> str:
        if person_id not in self.people:
            self.fail(path, f'未知人员 "{person_id}"', "unknown person id")
        return person_id

    def use_chat(self, chat_id: str, path: KeyPath) -> str:
        if chat_id not in self.chats:
            self.fail(path, f'未知群聊 "{chat_id}"', "unknown chat id")
        owner = self.chat_owners.setdefault(chat_id, self.community_id)
        if owner != self.community_id:
            self.fail(
                path, f'群聊 "{chat_id}" 已属于社区 "{owner}"', "a chat belongs to two communities"
            )
        return chat_id

    def grid(self, entry: GridEntry, path: KeyPath, community_id: str) -> Grid:
        if entry.id in self.grid_ids:
            self.fail((*path, "id"), f'网格编号 "{entry.id}" 重复', "duplicate grid id")
        self.grid_ids.add(entry.id)
        steward = self.person(entry.steward, (*path, "steward"))
        assistants = [
            self.person(person_id, (*path, "assistants", i))
            for i, person_id in enumerate(entry.assistants)
        ]
        supervisor = entry.supervisor and self.person(entry.supervisor, (*path, "supervisor"))
        self.check_buildings(entry, path)
        for i, chat_id in enumerate(entry.chats):
            chat_path = (*path, "chats", i)
            self.use_chat(chat_id, chat_path)
            # A grid's own chat routes reports without a building; two owners is a guess.
            owner = self.grid_of_chat.setdefault(chat_id, entry.id)
            if owner != entry.id:
                self.fail(
                    chat_path,
                    f'群聊 "{chat_id}" 已是网格 "{owner}" 的专属群',
                    "a chat is dedicated to two grids",
                )
        return Grid(
            id=entry.id,
            name=entry.name or entry.id,
            community_id=community_id,
            buildings=merge_ranges([(r.low, r.high) for r in entry.buildings]),
            steward=steward,
            # The steward listed again as an assistant would be notified twice.
            assistants=tuple(dict.fromkeys(a for a in assistants if a != steward)),
            supervisor=supervisor,
            chats=entry.chats,
            places=self.places(entry, path),
        )

    def check_buildings(self, entry: GridEntry, path: KeyPath) -> None:
        """Two grids claiming one building would leave a report's routing to list order."""
        for low, high, at in entry.buildings:
            for other_low, other_high, other_grid in self.buildings_taken:
                if low <= other_high and other_low <= high:
                    self.fail(
                        (*path, "buildings", *at),
                        f'网格 "{entry.id}" 的楼栋 {low}-{high} 与网格 "{other_grid}" 的'
                        f" {other_low}-{other_high} 重叠",
                        f'buildings overlap between grids "{other_grid}" and "{entry.id}"',
                    )
        self.buildings_taken.extend((low, high, entry.id) for low, high, _ in entry.buildings)

    def places(self, entry: GridEntry, path: KeyPath) -> tuple[str, ...]:
        """A place in two grids would leave its reports' routing to list order, as buildings."""
        places: dict[str, str] = {}  # key → the place as written
        for i, place in enumerate(entry.places):
            key = place_key(place)
            grid_id, written = self.grid_of_place.setdefault(key, (entry.id, place))
            if grid_id != entry.id:
                self.fail(
                    (*path, "places", i),
                    f'地点 "{place}" 已属于网格 "{grid_id}"（写作 "{written}"）',
                    f'the place is already in grid "{grid_id}"',
                )
            places.setdefault(key, place)  # the same place twice in one grid is harmless
        return tuple(places.values())
