"""The directory: the example file and lookups, including the policies communities inherit."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

import pytest

from handlers.directory import (
    EMERGENCY_KINDS,
    Directory,
    Escalation,
    Sla,
    WeeklyTime,
    load_directory,
    parse_directory,
    parse_duration,
)
from tests.handlers.directory_samples import BASE, EXAMPLE, edit, write


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


# -- policies a community inherits from the root, and places ----------------------------------


def test_example_file_shows_every_new_key() -> None:
    example = load_directory(EXAMPLE)
    assert example.admins == ("admin-he",)
    assert example.person("admin-he").role == "admin"  # type: ignore[union-attr]
    cuidong = example.community("cuidong")
    assert cuidong is not None
    assert cuidong.quiet_hours == (time(22, 0), time(7, 0)) and cuidong.sla_clock == "wall"
    # The community sets only the reminder count; the interval comes from the root.
    assert cuidong.escalation == Escalation(timedelta(hours=1), reminders_before_escalation=1)
    assert cuidong.weekly_digest == WeeklyTime(weekday=0, at=time(8, 30))  # "周一 08:30"
    phones = {kind: cuidong.emergency_phone_for(kind) for kind in EMERGENCY_KINDS}
    assert phones == {
        "gas": "96777",
        "fire": "119",
        "electric": "95598",
        "lift": "96333",
        "water": "96777",  # not set for water: the community's emergency_phone
    }
    east_gate = example.grid_for_place("cuidong", "东门")
    assert east_gate is not None and east_gate.id == "cuidong-1"
    assert example.grid("cuidong-2").places == ("西门", "1号配电房", "2号配电房")  # type: ignore[union-attr]


def test_policies_default_when_nothing_is_set(directory: Directory) -> None:
    xiyuan = directory.community("xiyuan")
    assert xiyuan is not None
    assert xiyuan.quiet_hours == (time(22, 0), time(7, 0))  # BASE sets it at the root
    assert xiyuan.sla_clock == "wall"
    assert xiyuan.escalation == Escalation(interval=None, reminders_before_escalation=2)
    assert xiyuan.weekly_digest == WeeklyTime(weekday=0, at=time(9, 0))
    assert xiyuan.emergency_phone == "119"
    assert [xiyuan.emergency_phone_for(kind) for kind in EMERGENCY_KINDS] == [
        "119",
        "119",
        "119",
        "96333",
        "119",
    ]
    assert directory.admins == ()
    assert directory.grid("xiyuan-1").places == ()  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        xiyuan.emergency_phone_for("flood")


def test_a_community_overrides_the_root_key_by_key() -> None:
    root = (
        'quiet_hours: "22:00-07:00"\n'
        "sla_clock: working\n"
        "escalation: {interval: 30m, reminders_before_escalation: 3}\n"
        'weekly_digest: "星期五 17:30"\n'
        'emergency_phones: {gas: "96777", fire: "12119"}\n'
        "admins: [sec-wu, zhu, sec-wu]\n"
    )
    cuidong = (
        '    emergency_phone: "96777"\n'
        '    quiet_hours: "21:30-08:00"\n'
        "    sla_clock: wall\n"
        "    escalation: {interval: 2h}\n"
        '    weekly_digest: "sunday 20:00"\n'
        '    emergency_phones: {gas: "95007", electric: "95598"}\n'
    )
    loaded = parse_directory(
        edit(('quiet_hours: "22:00-07:00"\n', root), ('    emergency_phone: "96777"\n', cuidong))
    )
    own, inherited = loaded.community("cuidong"), loaded.community("xiyuan")
    assert own is not None and inherited is not None
    assert own.quiet_hours == (time(21, 30), time(8, 0))
    assert inherited.quiet_hours == loaded.quiet_hours == (time(22, 0), time(7, 0))
    assert (own.sla_clock, inherited.sla_clock) == ("wall", "working")
    assert own.escalation == Escalation(timedelta(hours=2), reminders_before_escalation=3)
    assert inherited.escalation == Escalation(timedelta(minutes=30), 3)
    assert own.weekly_digest == WeeklyTime(6, time(20, 0))
    assert inherited.weekly_digest == WeeklyTime(4, time(17, 30))
    assert own.emergency_phone_for("gas") == "95007"
    assert own.emergency_phone_for("fire") == "12119"  # the root's, per type
    assert own.emergency_phone_for("electric") == "95598"
    assert own.emergency_phone_for("water") == "96777"
    assert inherited.emergency_phone_for("electric") == "119"
    assert inherited.emergency_phone_for("gas") == "96777"
    assert loaded.admins == ("sec-wu", "zhu")


@pytest.mark.parametrize(
    ("text", "weekday", "at"),
    [
        ("mon 09:00", 0, time(9, 0)),
        ("Tue 9:30", 1, time(9, 30)),
        ("wednesday 18:00", 2, time(18, 0)),
        ("周四 08:15", 3, time(8, 15)),
        ("星期五09:00", 4, time(9, 0)),
        ("礼拜六 10：00", 5, time(10, 0)),
        ("周日 20:00", 6, time(20, 0)),
        ("周天 20:00", 6, time(20, 0)),
    ],
)
def test_weekly_digest_forms(text: str, weekday: int, at: time) -> None:
    loaded = parse_directory(
        edit(
            ("    chats: [xiyuan-gas]\n", f'    chats: [xiyuan-gas]\n    weekly_digest: "{text}"\n')
        )
    )
    assert loaded.community("xiyuan").weekly_digest == WeeklyTime(weekday, at)  # type: ignore[union-attr]


def test_grid_for_place_matches_after_normalisation() -> None:
    loaded = parse_directory(
        edit(
            (
                '        buildings: ["1-8"]\n',
                '        buildings: ["1-8"]\n        places: [东门, "2号 配电房", B1车库]\n',
            ),
            (
                '        buildings: ["9-16"]\n',
                '        buildings: ["9-16"]\n        places: 西门\n',
            ),
        )
    )

    def routed(text: str, community: str = "cuidong") -> str | None:
        grid = loaded.grid_for_place(community, text)
        return grid.id if grid else None

    assert routed("东门") == routed(" 東門 ") == "cuidong-1"  # traditional script, spaces
    assert routed("2号配电房") == routed("２号配電房") == "cuidong-1"  # full-width digit
    assert routed("b1车库") == "cuidong-1"  # letter case
    assert routed("西门") == "cuidong-2"  # a single place needs no list
    assert routed("东门外") is None  # a whole place name, not part of one
    assert routed("东门", "xiyuan") is None and routed("东门", "nowhere") is None
    assert loaded.grid("cuidong-1").places == ("东门", "2号 配电房", "B1车库")  # type: ignore[union-attr]
