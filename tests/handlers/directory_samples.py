"""A two-community directory to break in tests, and helpers that point at the line at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.directory import DirectoryError, load_directory

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


ROOT_QUIET = 'quiet_hours: "22:00-07:00"\n'
CUIDONG_PHONE = '    emergency_phone: "96777"\n'


def root(line: str) -> tuple[str, str]:
    """Add a top-level key (marked as the line at fault) after quiet_hours."""
    return (ROOT_QUIET, f"{ROOT_QUIET}{line}{MARK}\n")


def cuidong(line: str) -> tuple[str, str]:
    """Add a key (marked as the line at fault) to the first community."""
    return (CUIDONG_PHONE, f"{CUIDONG_PHONE}    {line}{MARK}\n")
