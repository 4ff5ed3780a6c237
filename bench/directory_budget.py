"""Time and peak memory of loading hostile and large directory files.

Run `python -m bench.directory_budget`: each case runs in its own process, and the memory
figure is how much that process's peak resident size grew while parsing.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from handlers.directory import DirectoryError, load_directory, parse_directory

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "directory.yaml"


def _alias_bomb() -> str:
    lines = ["notes:", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"  a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n" + EXAMPLE.read_text(encoding="utf-8")


def _large_directory(people: int) -> str:
    entries = "".join(
        f"  - id: p{n}\n    name: 人员{n}\n    accounts: {{local: p{n}}}\n" for n in range(people)
    )
    return EXAMPLE.read_text(encoding="utf-8").replace("people:\n", "people:\n" + entries, 1)


CASES: dict[str, Callable[[], str]] = {
    "example file": lambda: EXAMPLE.read_text(encoding="utf-8"),
    "5,000 people": lambda: _large_directory(5000),
    "12,000 people": lambda: _large_directory(12000),
    "alias bomb (9**9 values)": _alias_bomb,
    "5,000 nested flow lists": lambda: "communities: " + "[" * 5000 + "]" * 5000,
    "3,000 nested block lists": lambda: "communities:\n  " + "- " * 3000 + "x",
    "2 MB text": lambda: "a: " + "x" * 2_000_000,
}


def run_case(name: str) -> None:
    load_directory(EXAMPLE)  # imports and the pydantic models, outside the figures
    text = CASES[name]()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        parse_directory(text)
        outcome = "loaded"
    except DirectoryError as error:
        outcome = str(error)[:100]
    seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before  # KiB on Linux
    size = len(text.encode("utf-8")) / 1024
    print(
        f"{name} ({size:.0f} KiB): {seconds * 1000:.1f} ms, RSS +{grown / 1024:.1f} MiB; {outcome}"
    )


def main() -> None:
    if len(sys.argv) > 1:
        run_case(sys.argv[1])
        return
    for name in CASES:
        subprocess.run([sys.executable, "-m", "bench.directory_budget", name], check=True)


if __name__ == "__main__":
    main()
