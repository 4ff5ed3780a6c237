"""Directory mistakes: each names the file, the line and the key at fault, in zh and en."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.directory import DirectoryError, load_directory, parse_directory
from tests.handlers.directory_samples import MARK, cuidong, edit, load_error, root, write


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
        'unknown key; did you mean "repair"?',
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
    # --- wrong types
    (
        [("    name: 赵强\n", f"    name: [赵, 强]{MARK}\n")],
        "people[5].name",
        "expected a single value",
    ),
    (
        [("        chats: [xiyuan-1-chat]\n", f"        chats: {{a: b}}{MARK}\n")],
        "communities[1].grids[0].chats[0]",
        "expected an id",
    ),
    ([root("escalation: 1h")], "escalation", "expected a mapping"),
    ([root('emergency_phones: "110"')], "emergency_phones", "expected a mapping"),
    (
        [root("escalation: {reminders_before_escalation: two}")],
        "escalation.reminders_before_escalation",
        "expected a whole number",
    ),
    (
        [cuidong("escalation: {reminders_before_escalation: -1}")],
        "communities[0].escalation.reminders_before_escalation",
        "expected a whole number",
    ),
    ([root("sla_clock: workng")], "sla_clock", 'did you mean "working"?'),
    ([cuidong("sla_clock: [wall]")], "communities[0].sla_clock", "expected wall"),
    ([root("admins: [zhu, nobody]")], "admins[1]", "unknown person id"),
    # --- bad times, durations and weekdays
    (
        [cuidong('quiet_hours: "23:00-23:00"')],
        "communities[0].quiet_hours",
        "start and end are the same",
    ),
    ([cuidong('quiet_hours: "23:00"')], "communities[0].quiet_hours", "HH:MM-HH:MM"),
    ([root('weekly_digest: "mon 9点"')], "weekly_digest", "write a weekday and a time"),
    ([root('weekly_digest: "mon 24:00"')], "weekly_digest", "not a time of day"),
    (
        [root('weekly_digest: "mnd 09:00"')],
        "weekly_digest",
        'weekday; write mon … sun or 周一 … 周日; did you mean "monday"?',
    ),
    ([cuidong('weekly_digest: "周八 09:00"')], "communities[0].weekly_digest", "unknown weekday"),
    ([root("escalation: {interval: soon}")], "escalation.interval", "not a duration"),
    ([cuidong("escalation: {interval: 0h}")], "communities[0].escalation.interval", "above zero"),
    # --- emergency phones
    (
        [root('emergency_phones: {gas: "call 110"}')],
        "emergency_phones.gas",
        "not a phone number",
    ),
    (
        [cuidong("emergency_phones: {lift: [96333]}")],
        "communities[0].emergency_phones.lift",
        "expected a single value",
    ),
    # --- places
    (
        [
            (
                '        buildings: ["1-8"]\n',
                '        buildings: ["1-8"]\n        places: [東門]\n',
            ),
            (
                '        buildings: ["9-16"]\n',
                f'        buildings: ["9-16"]\n        places: [西门, 东门]{MARK}\n',
            ),
        ],
        "communities[0].grids[1].places[1]",
        'the place is already in grid "cuidong-1"',
    ),
    (
        [
            (
                '        buildings: ["9-16"]\n',
                f'        buildings: ["9-16"]\n        places: [西门, " "]{MARK}\n',
            )
        ],
        "communities[0].grids[1].places[1]",
        "expected a place name",
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


def test_missing_section_names_the_top_line() -> None:
    with pytest.raises(DirectoryError, match=r"^<string> 第1行 communities: 缺少必填项"):
        parse_directory("people: []\nchats: []\n")


def test_places_in_two_communities_may_share_a_name(tmp_path: Path) -> None:
    text = edit(
        ('        buildings: ["1-8"]\n', '        buildings: ["1-8"]\n        places: [东门]\n'),
        (
            '        buildings: [1, "2-5"]\n',
            '        buildings: [1, "2-5"]\n        places: [东门]\n',
        ),
    )
    loaded = load_directory(write(tmp_path, text))
    assert loaded.grid_for_place("cuidong", "东门").id == "cuidong-1"  # type: ignore[union-attr]
    assert loaded.grid_for_place("xiyuan", "东门").id == "xiyuan-1"  # type: ignore[union-attr]
