"""The directory loader: the example file, lookups, and errors that point at the right line."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

import pytest

from handlers.directory import (
    Directory,
    DirectoryError,
    Sla,
    load_directory,
    parse_directory,
    parse_duration,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "directory.yaml"

# Two communities so that cross-community rules (one chat, one grid id) can be broken.
BASE = """\
timezone: Asia/Shanghai
quiet_hours: "22:00-07:00"
communities:
  - id: cuidong
    name: 翠东社区
    secretaries: [sec-li]
    digest_at: "18:00"
    digest_chat: cuidong-office
    chats: [cuidong-gas, cuidong-office]
    emergency_phone: "96777"
    grids:
      - id: cuidong-1
        name: 翠东一网格
        buildings: ["1-8"]
        steward: zhu
        assistants: [chen]
        supervisor: wang
      - id: cuidong-2
        name: 翠东二网格
        buildings: ["9-16"]
        steward: liu
        assistants: []
        supervisor: wang
  - id: xiyuan
    name: 西苑社区
    secretaries: [sec-wu]
    chats: [xiyuan-gas]
    grids:
      - id: xiyuan-1
        name: 西苑一网格
        buildings: [1, "2-5"]
        steward: zhao
        assistants: [chen-xy]
        chats: [xiyuan-1-chat]
people:
  - id: zhu
    name: 祝均升
    role: steward
    accounts: {local: zhu, telegram: "10001", wechat: wxid_zhu}
  - id: chen
    name: 陈明
    role: assistant
    accounts: {local: chen}
  - id: liu
    name: 刘红
    role: steward
    accounts: {local: liu}
  - id: wang
    name: 王建国
    role: supervisor
    accounts: {local: wang}
  - id: sec-li
    name: 李书记
    role: secretary
    accounts: {local: sec-li}
  - id: zhao
    name: 赵强
    role: steward
    accounts: {local: zhao}
  - id: chen-xy
    name: 陈明
    role: assistant
    accounts: {local: chen-xy}
  - id: sec-wu
    name: 吴书记
    role: secretary
chats:
  - id: cuidong-gas
    name: 翠东燃气管家群
    platform: local
    address: cuidong-gas
  - id: cuidong-office
    name: 翠东社区工作群
    platform: local
    address: cuidong-office
  - id: xiyuan-gas
    name: 西苑燃气群
    platform: local
    address: xiyuan-gas
  - id: xiyuan-1-chat
    name: 西苑一网格群
    platform: local
    address: xiyuan-1-chat
sla:
  repair: {claim: 2h, resolve: 24h}
"""

MARK = "  # <-"  # marks the line an error must point at


def edit(*replacements: tuple[str, str]) -> str:
    """BASE with each `old` (which must occur exactly once) replaced by `new`."""
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def write(tmp_path: Path, text: str, name: str = "directory.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> tuple[str, int | None]:
    """Load `text` from a real file; return the error message and the marked line."""
    marked = [n for n, line in enumerate(text.splitlines(), 1) if line.endswith(MARK)]
    path = write(tmp_path, text)
    with pytest.raises(DirectoryError) as caught:
        load_directory(path)
    return str(caught.value), (marked[0] if marked else None)


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return load_directory(write(tmp_path, BASE))


# -- the example file ---------------------------------------------------------------------


def test_example_file_loads_and_routes() -> None:
    example = load_directory(EXAMPLE)
    assert example.source == str(EXAMPLE)
    assert example.timezone.key == "Asia/Shanghai"
    assert example.quiet_hours == (time(22, 0), time(7, 0))
    (cuidong,) = example.communities
    assert (cuidong.id, cuidong.name, cuidong.emergency_phone) == ("cuidong", "翠东社区", "96777")
    assert cuidong.digest_at == time(18, 0) and cuidong.digest_chat == "cuidong-office"
    assert cuidong.secretaries == ("sec-li",)

    def routed(building: str | None) -> str | None:
        grid = example.grid_for("cuidong", building=building, chat_id="cuidong-gas")
        return grid.id if grid else None

    assert routed("3") == "cuidong-1"
    assert routed("12") == "cuidong-2"
    assert routed("99") is None
    assert routed(None) is None
    cuidong_1 = example.grid("cuidong-1")
    assert cuidong_1 is not None
    assert cuidong_1.staff == ("zhu", "chen") and cuidong_1.supervisor == "wang"


def test_example_file_people_and_chats() -> None:
    example = load_directory(EXAMPLE)
    zhu = example.person_for_account("local", "zhu")
    assert zhu is not None and zhu.name == "祝均升" and zhu.role == "steward"
    assert example.person_for_account("telegram", "10001") == zhu
    assert example.person_for_account("wechat", "wxid_zhu") == zhu
    assert example.person_for_account("telegram", "zhu") is None
    chen = example.find_person("cuidong", "陈明")
    assert chen is not None and chen.id == "chen"
    assert example.find_person("cuidong", "@liu") == example.person("liu")
    assert example.find_person("cuidong", "nobody") is None
    assert example.members("cuidong") == {"zhu", "chen", "liu", "wang", "sec-li"}
    gas = example.chat_for_address("local", "cuidong-gas")
    assert gas is not None and gas.name == "翠东燃气管家群"
    assert example.community_for_chat("cuidong-office") == example.community("cuidong")


def test_example_file_sla() -> None:
    example = load_directory(EXAMPLE)
    assert example.sla_for("repair", emergency=False) == Sla(
        timedelta(hours=2), timedelta(hours=24)
    )
    assert example.sla_for("repair", emergency=True) == Sla(
        timedelta(minutes=20), timedelta(hours=4)
    )
    assert set(example.sla) == {"repair", "hazard", "complaint", "inquiry", "emergency"}


# -- lookups --------------------------------------------------------------------------------


def test_sla_defaults_and_override(tmp_path: Path) -> None:
    text = edit(
        (
            "  repair: {claim: 2h, resolve: 24h}\n",
            "  repair: {claim: 1h30m}\n  hazard: {claim: 90min, resolve: 2d}\n"
            "  emergency: {claim: 10m, resolve: 2h}\n",
        )
    )
    loaded = load_directory(write(tmp_path, text))
    assert loaded.sla_for("repair", emergency=False) == Sla(
        timedelta(hours=1, minutes=30),
        timedelta(hours=24),  # resolve keeps its default
    )
    assert loaded.sla_for("hazard", emergency=False) == Sla(
        timedelta(minutes=90), timedelta(days=2)
    )
    assert loaded.sla_for("inquiry", emergency=True) == Sla(
        timedelta(minutes=10), timedelta(hours=2)
    )
    assert loaded.sla_for("complaint", emergency=False) == Sla(
        timedelta(hours=4), timedelta(days=3)
    )
    assert loaded.sla_for("inquiry", emergency=False) == Sla(
        timedelta(hours=4), timedelta(hours=24)
    )
    with pytest.raises(KeyError):
        loaded.sla_for("gossip", emergency=False)


def test_sla_absent_means_all_defaults(tmp_path: Path) -> None:
    loaded = parse_directory(edit(("sla:\n  repair: {claim: 2h, resolve: 24h}\n", "")))
    assert loaded.sla_for("hazard", emergency=False) == Sla(timedelta(hours=24), timedelta(days=3))
    assert loaded.sla_for("repair", emergency=False) == Sla(timedelta(hours=2), timedelta(hours=24))


def test_find_person_prefers_the_communitys_own_people(directory: Directory) -> None:
    # Two people are called 陈明: one works in each community.
    assert directory.find_person("cuidong", "陈明").id == "chen"  # type: ignore[union-attr]
    assert directory.find_person("xiyuan", "@陈明").id == "chen-xy"  # type: ignore[union-attr]
    assert directory.find_person("nowhere", "陈明") is None  # ambiguous outside both
    # Someone from another community is still found when no local person matches.
    assert directory.find_person("xiyuan", "zhu").id == "zhu"  # type: ignore[union-attr]
    assert directory.find_person("cuidong", "10001").id == "zhu"  # type: ignore[union-attr]
    assert directory.find_person("cuidong", "ZHU").id == "zhu"  # type: ignore[union-attr]


def test_grid_for_by_building_then_by_grid_chat(directory: Directory) -> None:
    def routed(community: str, building: str | None, chat: str | None) -> str | None:
        grid = directory.grid_for(community, building=building, chat_id=chat)
        return grid.id if grid else None

    assert routed("xiyuan", "1", None) == "xiyuan-1"  # a bare number in YAML
    assert routed("xiyuan", "4", "xiyuan-gas") == "xiyuan-1"
    assert routed("xiyuan", None, "xiyuan-1-chat") == "xiyuan-1"
    assert routed("xiyuan", "99", "xiyuan-1-chat") == "xiyuan-1"
    assert routed("xiyuan", None, "xiyuan-gas") is None
    assert routed("cuidong", "3", None) == "cuidong-1"  # building 3 exists in both communities
    assert routed("nowhere", "3", None) is None


def test_community_for_chat_covers_every_kind_of_chat(directory: Directory) -> None:
    assert directory.community_for_chat("cuidong-gas").id == "cuidong"  # type: ignore[union-attr]
    assert directory.community_for_chat("cuidong-office").id == "cuidong"  # type: ignore[union-attr]
    assert directory.community_for_chat("xiyuan-1-chat").id == "xiyuan"  # type: ignore[union-attr]
    assert directory.community_for_chat("elsewhere") is None


def test_members_and_lookups_by_id(directory: Directory) -> None:
    assert directory.members("xiyuan") == {"sec-wu", "zhao", "chen-xy"}
    assert directory.members("nowhere") == frozenset()
    assert directory.person("sec-wu").accounts == {}  # type: ignore[union-attr]
    assert directory.grid("xiyuan-1").community_id == "xiyuan"  # type: ignore[union-attr]
    assert directory.grid("nope") is None and directory.community("nope") is None
    assert directory.chat_for_address("telegram", "cuidong-gas") is None


def test_with_identity_accounts(directory: Directory) -> None:
    replay = directory.with_identity_accounts("replay")
    for person_id in ("zhu", "chen", "sec-wu"):
        assert replay.person_for_account("replay", person_id) == replay.person(person_id)
    assert replay.person("zhu").accounts["telegram"] == "10001"  # type: ignore[union-attr]
    assert directory.person_for_account("replay", "zhu") is None  # the original is untouched
    # Replacing, not adding: the local accounts already equal the ids.
    assert replay.with_identity_accounts("local").person_for_account("local", "chen") is not None


def test_replace_rebuilds_the_indexes(directory: Directory) -> None:
    # The replay CLI re-addresses chats with dataclasses.replace.
    chats = {
        cid: replace(chat, platform="replay", address=cid) for cid, chat in directory.chats.items()
    }
    moved = replace(directory, chats=chats)
    assert moved.chat_for_address("replay", "xiyuan-gas") == moved.chats["xiyuan-gas"]
    assert moved.chat_for_address("local", "xiyuan-gas") is None


def test_grid_covers() -> None:
    loaded = parse_directory(edit(('buildings: ["1-8"]', 'buildings: ["1-3", 5, ["6", "7-8栋"]]')))
    grid = loaded.grid("cuidong-1")
    assert grid is not None
    assert grid.buildings == ((1, 3), (5, 8))
    assert [grid.covers(b) for b in ("1", "3", "4", "5", " 8 ", "9")] == [
        True,
        True,
        False,
        True,
        True,
        False,
    ]
    assert not grid.covers(None) and not grid.covers("甲") and not grid.covers("3a")


def test_scalars_keep_the_text_typed(tmp_path: Path) -> None:
    # YAML 1.1 would read 18:00 as 1080 and 0123 as the octal 83.
    text = edit(
        ('digest_at: "18:00"', "digest_at: 18:00"),
        ("{local: chen}", "{local: chen, telegram: 0123}"),
        ('emergency_phone: "96777"', "emergency_phone: 96777"),
    )
    loaded = load_directory(write(tmp_path, text))
    assert loaded.community("cuidong").digest_at == time(18, 0)  # type: ignore[union-attr]
    assert loaded.person_for_account("telegram", "0123") == loaded.person("chen")
    assert loaded.community("cuidong").emergency_phone == "96777"  # type: ignore[union-attr]
    assert loaded.community("xiyuan").emergency_phone == "119"  # type: ignore[union-attr]


def test_extra_keys_anchors_and_a_bom_are_fine(tmp_path: Path) -> None:
    # Notepad saves a BOM; administrators share settings with anchors and '<<'.
    text = "\ufeffnote: 随便写\ndefaults: &staff {supervisor: wang, assistants: [chen]}\n" + edit(
        (
            "        assistants: []\n        supervisor: wang\n",
            "        <<: *staff\n        assistants: []\n",
        )
    )
    loaded = load_directory(write(tmp_path, text))
    grid = loaded.grid("cuidong-2")
    assert grid is not None
    assert grid.supervisor == "wang" and grid.assistants == ()  # explicit keys win


def test_directory_values_are_read_only_and_hashable(directory: Directory) -> None:
    with pytest.raises(TypeError):
        directory.people["x"] = directory.people["zhu"]  # type: ignore[index]
    with pytest.raises(TypeError):
        directory.person("zhu").accounts["local"] = "x"  # type: ignore[index,union-attr]
    assert hash(directory) == hash(directory)
    assert len({directory.person("zhu"), directory.person("zhu")}) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20m", timedelta(minutes=20)),
        ("2h", timedelta(hours=2)),
        ("3d", timedelta(days=3)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("90min", timedelta(minutes=90)),
        ("45s", timedelta(seconds=45)),
        ("2小时", timedelta(hours=2)),
        ("1天", timedelta(days=1)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "30", "1.5h", "h", "2x", "-2h", "2h2h", "2 hours ago"])
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


# -- errors that name the file, the line and the key ------------------------------------------


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(DirectoryError, match="找不到目录文件") as caught:
        load_directory(missing)
    assert str(missing) in str(caught.value) and caught.value.line is None


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    message, line = load_error(
        tmp_path, edit(("    steward: zhu\n", f"    steward: zhu: x{MARK}\n"))
    )
    path = tmp_path / "directory.yaml"
    assert message.startswith(f"{path} 第{line}行: YAML 语法错误 (YAML syntax error: ")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just words\n", ""])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    message, _ = load_error(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'directory.yaml'} 第1行")
    assert "mapping" in message


def test_error_carries_its_parts(tmp_path: Path) -> None:
    path = write(tmp_path, edit(("    steward: zhu\n", "    steward: zhuu\n")))
    with pytest.raises(DirectoryError) as caught:
        load_directory(path)
    error = caught.value
    assert (error.source, error.line, error.key) == (
        str(path),
        15,
        "communities[0].grids[0].steward",
    )
    assert str(error) == (
        f'{path} 第15行 communities[0].grids[0].steward: 未知人员 "zhuu" (unknown person id)'
    )


CASES = [
    # --- missing required keys: the line is that of the mapping that lacks them
    (
        [
            ("timezone: Asia/Shanghai\n", f"timezone: Asia/Shanghai{MARK}\n"),
            ("\ncommunities:\n", "\ncommunity:\n"),
        ],
        "communities",
        "missing required key",
    ),
    (
        [
            ("timezone: Asia/Shanghai\n", f"timezone: Asia/Shanghai{MARK}\n"),
            ("\npeople:\n", "\npersons:\n"),
        ],
        "people",
        "missing required key",
    ),
    (
        [
            ("timezone: Asia/Shanghai\n", f"timezone: Asia/Shanghai{MARK}\n"),
            ("\nchats:\n  - id: cuidong-gas", "\nchat:\n  - id: cuidong-gas"),
        ],
        "chats",
        "missing required key",
    ),
    (
        [("  - id: cuidong\n    name: 翠东社区\n", f"  - name: 翠东社区{MARK}\n")],
        "communities[0].id",
        "missing required key",
    ),
    (
        [("  - id: xiyuan\n    name: 西苑社区\n", f"  - id: xiyuan{MARK}\n")],
        "communities[1].name",
        "missing required key",
    ),
    (
        [
            ("  - id: xiyuan\n", f"  - id: xiyuan{MARK}\n"),
            ("    grids:\n      - id: xiyuan-1", "    grid:\n      - id: xiyuan-1"),
        ],
        "communities[1].grids",
        "missing required key",
    ),
    (
        [
            (
                "      - id: cuidong-2\n        name: 翠东二网格\n",
                f"      - name: 翠东二网格{MARK}\n",
            )
        ],
        "communities[0].grids[1].id",
        "missing required key",
    ),
    (
        [
            ("      - id: cuidong-2\n", f"      - id: cuidong-2{MARK}\n"),
            ("        steward: liu\n", ""),
        ],
        "communities[0].grids[1].steward",
        "a grid needs a steward",
    ),
    (
        [("        steward: liu\n", f"        steward:{MARK}\n")],
        "communities[0].grids[1].steward",
        "a grid needs a steward",
    ),
    (
        [
            ("      - id: cuidong-2\n", f"      - id: cuidong-2{MARK}\n"),
            ('        buildings: ["9-16"]\n', ""),
        ],
        "communities[0].grids[1].buildings",
        "missing required key",
    ),
    (
        [("  - id: liu\n    name: 刘红\n", f"  - name: 刘红{MARK}\n")],
        "people[2].id",
        "missing required key",
    ),
    (
        [("  - id: liu\n    name: 刘红\n", f"  - id: liu{MARK}\n")],
        "people[2].name",
        "missing required key",
    ),
    (
        [("  - id: xiyuan-gas\n    name: 西苑燃气群\n", f"  - name: 西苑燃气群{MARK}\n")],
        "chats[2].id",
        "missing required key",
    ),
    (
        [
            (
                "  - id: xiyuan-gas\n    name: 西苑燃气群\n    platform: local\n",
                f"  - id: xiyuan-gas{MARK}\n    name: 西苑燃气群\n",
            )
        ],
        "chats[2].platform",
        "missing required key",
    ),
    (
        [
            ("  - id: xiyuan-gas\n", f"  - id: xiyuan-gas{MARK}\n"),
            ("    address: xiyuan-gas\n", ""),
        ],
        "chats[2].address",
        "missing required key",
    ),
    # --- duplicate ids
    (
        [("  - id: xiyuan\n", f"  - id: cuidong{MARK}\n")],
        "communities[1].id",
        "duplicate community id",
    ),
    (
        [("      - id: cuidong-2\n", f"      - id: cuidong-1{MARK}\n")],
        "communities[0].grids[1].id",
        "duplicate grid id",
    ),
    (
        [("      - id: xiyuan-1\n", f"      - id: cuidong-1{MARK}\n")],
        "communities[1].grids[0].id",
        "duplicate grid id",
    ),
    ([("  - id: zhao\n", f"  - id: zhu{MARK}\n")], "people[5].id", "duplicate person id"),
    (
        [("  - id: xiyuan-gas\n", f"  - id: cuidong-gas{MARK}\n")],
        "chats[2].id",
        "duplicate chat id",
    ),
    (
        [("    address: xiyuan-gas\n", f"    address: cuidong-gas{MARK}\n")],
        "chats[2].address",
        "same platform address",
    ),
    (
        [("    secretaries: [sec-wu]\n", f"    secretaries: []{MARK}\n")],
        "communities[1].secretaries",
        "at least one secretary",
    ),
    # --- unknown people
    (
        [("    secretaries: [sec-wu]\n", f"    secretaries: [sec-wu, sec-zz]{MARK}\n")],
        "communities[1].secretaries[1]",
        "unknown person id",
    ),
    (
        [("        steward: zhu\n", f"        steward: zhuu{MARK}\n")],
        "communities[0].grids[0].steward",
        "unknown person id",
    ),
    (
        [
            (
                "        assistants: [chen]\n",
                f"        assistants:\n          - chen\n          - chenn{MARK}\n",
            )
        ],
        "communities[0].grids[0].assistants[1]",
        "unknown person id",
    ),
    (
        [
            (
                "        steward: liu\n        assistants: []\n        supervisor: wang\n",
                f"        steward: liu\n        assistants: []\n        supervisor: wong{MARK}\n",
            )
        ],
        "communities[0].grids[1].supervisor",
        "unknown person id",
    ),
    # --- buildings
    (
        [('        buildings: ["9-16"]\n', f'        buildings: ["8-16"]{MARK}\n')],
        "communities[0].grids[1].buildings[0]",
        'overlap between grids "cuidong-1" and "cuidong-2"',
    ),
    (
        [('        buildings: ["9-16"]\n', f"        buildings: [9, 3]{MARK}\n")],
        "communities[0].grids[1].buildings[1]",
        'overlap between grids "cuidong-1" and "cuidong-2"',
    ),
    (
        [('        buildings: ["1-8"]\n', f'        buildings: ["8-1"]{MARK}\n')],
        "communities[0].grids[0].buildings[0]",
        "range start is after its end",
    ),
    (
        [('        buildings: ["1-8"]\n', f'        buildings: ["a-b"]{MARK}\n')],
        "communities[0].grids[0].buildings[0]",
        "not a building number or range",
    ),
    (
        [('        buildings: ["1-8"]\n', f"        buildings: {{from: 1}}{MARK}\n")],
        "communities[0].grids[0].buildings",
        "expected a building number or range",
    ),
    # --- chats
    (
        [("    chats: [xiyuan-gas]\n", f"    chats: [xiyuan-gaz]{MARK}\n")],
        "communities[1].chats[0]",
        "unknown chat id",
    ),
    (
        [("    digest_chat: cuidong-office\n", f"    digest_chat: cuidong-offise{MARK}\n")],
        "communities[0].digest_chat",
        "unknown chat id",
    ),
    (
        [("        chats: [xiyuan-1-chat]\n", f"        chats: [xiyuan-2-chat]{MARK}\n")],
        "communities[1].grids[0].chats[0]",
        "unknown chat id",
    ),
    (
        [("    chats: [xiyuan-gas]\n", f"    chats: [xiyuan-gas, cuidong-gas]{MARK}\n")],
        "communities[1].chats[1]",
        "belongs to two communities",
    ),
    (
        [("        chats: [xiyuan-1-chat]\n", f"        chats: [cuidong-office]{MARK}\n")],
        "communities[1].grids[0].chats[0]",
        "belongs to two communities",
    ),
    (
        [
            (
                "    chats: [xiyuan-gas]\n",
                f"    chats: [xiyuan-gas]\n    digest_chat: cuidong-office{MARK}\n",
            )
        ],
        "communities[1].digest_chat",
        "belongs to two communities",
    ),
    (
        [
            ("  - id: cuidong\n", f"  - id: cuidong{MARK}\n"),
            ("    digest_chat: cuidong-office\n", ""),
        ],
        "communities[0].digest_chat",
        "digest_at needs a digest_chat",
    ),
    # --- times and zones
    (
        [("timezone: Asia/Shanghai\n", f"timezone: Mars/Olympus{MARK}\n")],
        "timezone",
        "unknown timezone",
    ),
    (
        [('    digest_at: "18:00"\n', f'    digest_at: "25:00"{MARK}\n')],
        "communities[0].digest_at",
        "not a time of day",
    ),
    (
        [('quiet_hours: "22:00-07:00"\n', f'quiet_hours: "22:00-07:60"{MARK}\n')],
        "quiet_hours",
        "not a time of day",
    ),
    (
        [('quiet_hours: "22:00-07:00"\n', f'quiet_hours: "22点到7点"{MARK}\n')],
        "quiet_hours",
        "HH:MM",
    ),
    # --- SLA
    (
        [
            (
                "  repair: {claim: 2h, resolve: 24h}\n",
                f"  repair: {{claim: 2x, resolve: 24h}}{MARK}\n",
            )
        ],
        "sla.repair.claim",
        "not a duration",
    ),
    (
        [
            (
                "  repair: {claim: 2h, resolve: 24h}\n",
                f"  repair:\n    claim: 2h\n    resolve: 0m{MARK}\n",
            )
        ],
        "sla.repair.resolve",
        "above zero",
    ),
    (
        [
            (
                "  repair: {claim: 2h, resolve: 24h}\n",
                f"  repare: {{claim: 2h, resolve: 24h}}{MARK}\n",
            )
        ],
        "sla.repare",
        "unknown SLA kind",
    ),
    (
        [
            (
                "  repair: {claim: 2h, resolve: 24h}\n",
                f"  repair: {{claim: 2d, resolve: 24h}}{MARK}\n",
            )
        ],
        "sla.repair",
        "claim time is longer",
    ),
    # --- accounts and YAML shape
    (
        [("    accounts: {local: chen}\n", f"    accounts: {{local: zhu}}{MARK}\n")],
        "people[1].accounts.local",
        "same platform account is on two people",
    ),
    (
        [
            (
                "    accounts: {local: chen-xy}\n",
                f"    accounts: {{local: chen-xy, telegram: 10001}}{MARK}\n",
            )
        ],
        "people[6].accounts.telegram",
        "same platform account is on two people",
    ),
    (
        [("    role: supervisor\n", f"    role: supervisor\n    name: 王二{MARK}\n")],
        "people[3].name",
        "duplicate key",
    ),
    ([("  - id: zhao\n", f"  - id: zhao li{MARK}\n")], "people[5].id", "must not contain spaces"),
    (
        [("    secretaries: [sec-li]\n", f"    secretaries: [{{id: sec-li}}]{MARK}\n")],
        "communities[0].secretaries[0]",
        "expected an id",
    ),
]


@pytest.mark.parametrize(
    ("replacements", "key", "problem"), CASES, ids=[f"{c[1]}:{c[2]}" for c in CASES]
)
def test_invalid_directory_names_line_and_key(
    tmp_path: Path, replacements: list[tuple[str, str]], key: str, problem: str
) -> None:
    message, line = load_error(tmp_path, edit(*replacements))
    assert line is not None, "each case marks the line its error must name"
    assert message.startswith(f"{tmp_path / 'directory.yaml'} 第{line}行 {key}: "), message
    assert problem in message
    # Chinese first, then English in parentheses.
    assert message.endswith(")") and " (" in message


def test_overlap_message_names_both_grids(tmp_path: Path) -> None:
    message, _ = load_error(tmp_path, edit(('buildings: ["9-16"]', 'buildings: ["8-16"]')))
    assert '网格 "cuidong-2" 的楼栋 8-16 与网格 "cuidong-1" 的 1-8 重叠' in message


def test_parse_directory_names_string_source() -> None:
    with pytest.raises(DirectoryError, match=r"^<string> 第1行 people: "):
        parse_directory("communities: []\nchats: []\n")
