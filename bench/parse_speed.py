"""Parse speed against the parser this project replaced, in the same run on the same lines.

python -m bench.parse_speed [corpus …] [--rounds 7]

The baseline is the parser as it stood before issue 6 (commit edb0759), taken from git history
into a temporary package, so both are timed on this machine, under its load of the moment; the
figure that matters is the ratio. CPU time (process_time), best of several rounds.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.evaluate import load_lines
from handlers.parse import parse

BASELINE = "edb0759"
BASELINE_FILES = ("parse", "vocabulary", "address", "normalize", "privacy")


def baseline_parse(root: Path) -> Callable[[str], Any]:
    """The old parse(), imported from a copy of its modules under a package of their own."""
    package = root / "baseline_handlers"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in BASELINE_FILES:
        source = subprocess.run(
            ["git", "show", f"{BASELINE}:handlers/{name}.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        source = source.replace("from handlers", "from baseline_handlers")
        (package / f"{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(root))
    module = importlib.import_module("baseline_handlers.parse")
    return module.parse  # type: ignore[no-any-return]


def per_message(fn: Callable[[str], Any], texts: list[str], rounds: int) -> float:
    for text in texts:
        fn(text)  # warm caches and compiled patterns
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - started)
    return best / len(texts) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.parse_speed", description=__doc__)
    parser.add_argument("corpus", nargs="*", type=Path, default=[Path("corpus/dev")])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    texts = [line["text"] for line in load_lines(args.corpus)]
    with tempfile.TemporaryDirectory() as folder:
        old = baseline_parse(Path(folder))
        # Interleave so a change in the machine's load hits both alike.
        new_times, old_times = [], []
        for _ in range(3):
            new_times.append(per_message(parse, texts, args.rounds))
            old_times.append(per_message(old, texts, args.rounds))
    new, base = min(new_times), min(old_times)
    print(f"{len(texts)} messages; parse {new:.0f} µs, baseline ({BASELINE}) {base:.0f} µs, ")
    print(f"ratio {new / base:.2f} (below 1.00 is faster than before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
