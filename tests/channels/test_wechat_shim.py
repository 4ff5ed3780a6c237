"""The Python 3.11 shim for wechaty 0.10.7 and the pins around it: each check fails loudly
when a wechaty release makes the shim unnecessary or breaks it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from tests.channels.wechat_world import clear_wechaty_environment

PROJECT = Path(__file__).resolve().parents[2]


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter: the shim patches a class process-wide, so only a new process
    shows what importing wechaty does without it. Run in tmp_path: the import makes ./.wechaty."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_wechaty_still_needs_the_shim_on_this_python(tmp_path: Path) -> None:
    result = run_python("import wechaty", tmp_path)
    assert result.returncode != 0, (
        "wechaty now imports without the shim: remove the PuppetOptions.__hash__ shim from "
        "channels/wechat/wechaty_client.py (and this test)"
    )
    assert "mutable default" in result.stderr and "puppet_options" in result.stderr, (
        "wechaty fails to import for another reason than the one the shim fixes:\n"
        + result.stderr[-2000:]
    )


def test_the_shim_makes_wechaty_import_and_options_stay_explicit(tmp_path: Path) -> None:
    """Each client gets its own endpoint and token; the shared default stays untouched; a
    stray TOKEN / ENDPOINT (wechaty reads them, lower-case ones too) redirects nothing."""
    clear_wechaty_environment()
    code = (
        "import os\n"
        "os.environ['ENDPOINT'] = '10.9.9.9:1'\n"
        "os.environ['TOKEN'] = 'stray'\n"
        "from channels.wechat.wechaty_client import new_wechaty, WechatyOptions\n"
        "shared = WechatyOptions().puppet_options\n"
        "bot = new_wechaty(endpoint='127.0.0.1:1', token='t1')\n"
        "other = new_wechaty(endpoint='127.0.0.1:2', token='t2')\n"
        "assert shared.end_point is None and shared.token is None, shared\n"
        "assert bot._options.port == 0\n"
        "for client in (bot, other):\n"
        "    print(client.puppet.options.end_point, client.puppet.options.token)\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["127.0.0.1:1", "t1", "127.0.0.1:2", "t2"]
    assert not (tmp_path / ".wechaty" / "job.db").exists()  # no job store of wechaty's own


def test_the_pins_are_what_the_shim_was_written_for() -> None:
    """A new wechaty must be looked at before it is used: the shim, the pins and the
    private parts of wechaty the adapter touches (pools, the id filter) may change."""
    assert version("wechaty") == "0.10.7"
    assert version("wechaty-puppet").startswith("0.4.")
    assert version("wechaty-puppet-service").startswith("0.8.")
    assert version("pyee").split(".")[0] == "11"  # pyee 12 drops AsyncIOEventEmitter
    assert version("urllib3").split(".")[0] == "1"  # urllib3 2 drops get_host
    assert version("apscheduler").split(".")[0] == "3"  # wechaty imports the 3.x layout
