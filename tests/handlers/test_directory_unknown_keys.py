"""Unknown and misspelt keys at every level are errors naming the line, with a did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.handlers.directory_samples import MARK, cuidong, edit, load_error, root

TYPOS = [
    # A misspelt section is named as unknown, not as the section it should have been missing.
    (
        [("\ncommunities:\n", f"\ncommunity:{MARK}\n")],
        "community",
        'unknown key; did you mean "communities"?',
    ),
    (
        [("\npeople:\n", f"\npersons:{MARK}\n")],
        "persons",
        "unknown key; allowed here: quiet_hours, sla_clock,",
    ),
    (
        [("\nchats:\n  - id: cuidong-gas", f"\nchat:{MARK}\n  - id: cuidong-gas")],
        "chat",
        'unknown key; did you mean "chats"?',
    ),
    (
        [("    grids:\n      - id: xiyuan-1", f"    grid:{MARK}\n      - id: xiyuan-1")],
        "communities[1].grid",
        'unknown key; did you mean "grids"?',
    ),
    # Misspelt keys at every level, and keys that belong nowhere.
    (
        [("timezone: Asia/Shanghai\n", f"timezon: Asia/Shanghai{MARK}\n")],
        "timezon",
        'unknown key; did you mean "timezone"?',
    ),
    (
        [("    secretaries: [sec-wu]\n", f"    secretarys: [sec-wu]{MARK}\n")],
        "communities[1].secretarys",
        'unknown key; did you mean "secretaries"?',
    ),
    (
        [
            (
                "        assistants: [chen]\n        supervisor: wang\n",
                f"        assistants: [chen]\n        supervsor: wang{MARK}\n",
            )
        ],
        "communities[0].grids[0].supervsor",
        'unknown key; did you mean "supervisor"?',
    ),
    (
        [("    accounts: {local: liu}\n", f"    acounts: {{local: liu}}{MARK}\n")],
        "people[2].acounts",
        'unknown key; did you mean "accounts"?',
    ),
    (
        [
            (
                "    platform: local\n    address: xiyuan-gas\n",
                f"    platfrom: local{MARK}\n    address: xiyuan-gas\n",
            )
        ],
        "chats[2].platfrom",
        'unknown key; did you mean "platform"?',
    ),
    (
        [
            (
                "  repair: {claim: 2h, resolve: 24h}\n",
                f"  repair: {{claim: 2h, resolv: 24h}}{MARK}\n",
            )
        ],
        "sla.repair.resolv",
        'unknown key; did you mean "resolve"?',
    ),
    (
        [root("escalation: {interval: 1h, reminder_before_escalation: 3}")],
        "escalation.reminder_before_escalation",
        'unknown key; did you mean "reminders_before_escalation"?',
    ),
    (
        [cuidong("escalation: {intervall: 2h}")],
        "communities[0].escalation.intervall",
        'unknown key; did you mean "interval"?',
    ),
    (
        [root('emergency_phones: {gas: "96777", elecric: "95598"}')],
        "emergency_phones.elecric",
        'unknown key; did you mean "electric"?',
    ),
    (
        [root('emergency_phones: {gas: "96777", flood: "110"}')],
        "emergency_phones.flood",
        "unknown key; allowed here: gas, fire, electric, lift, water",
    ),
    (
        [("      - id: xiyuan-1\n", f"      - id: xiyuan-1\n        note: 东区{MARK}\n")],
        "communities[1].grids[0].note",
        "allowed here: id, name, buildings, places, steward",
    ),
]


@pytest.mark.parametrize(("replacements", "key", "problem"), TYPOS, ids=[c[1] for c in TYPOS])
def test_unknown_key_names_line_key_and_the_nearest_allowed_key(
    tmp_path: Path, replacements: list[tuple[str, str]], key: str, problem: str
) -> None:
    message, line = load_error(tmp_path, edit(*replacements))
    assert line is not None, "each case marks the line its error must name"
    assert message.startswith(f"{tmp_path / 'directory.yaml'} 第{line}行 {key}: 未知的键 "), message
    assert problem in message and message.endswith(")"), message


def test_did_you_mean_is_said_in_chinese_first(tmp_path: Path) -> None:
    text = edit(
        (
            "        supervisor: wang\n      - id: cuidong-2",
            f"        supervsor: wang{MARK}\n      - id: cuidong-2",
        )
    )
    message, line = load_error(tmp_path, text)
    assert message.endswith(
        f'第{line}行 communities[0].grids[0].supervsor: 未知的键 "supervsor"，是否想写 '
        '"supervisor"？ (unknown key; did you mean "supervisor"?)'
    )


def test_unknown_key_without_a_near_miss_points_to_comments(tmp_path: Path) -> None:
    message, _ = load_error(tmp_path, "note: 张三的电话另行通知\n" + edit())
    assert "备注请写在 # 注释里" in message and "put notes in # comments" in message
    assert "第1行 note:" in message
