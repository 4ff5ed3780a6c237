"""The directory loader's budget: hostile or broken files fail with the usual message, cheaply."""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from handlers.directory import DirectoryError, load_directory, parse_directory
from tests.handlers.directory_samples import BASE, edit, write

# Far below what the hostile files would take if expanded (gigabytes); a real directory
# of this size loads in a few hundred kilobytes.
MEMORY_CEILING = 20 * 1024 * 1024


@pytest.fixture
def peak_memory() -> Iterator[Callable[[], int]]:
    """Bytes allocated at the peak since the test started (Python allocations, via tracemalloc)."""
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def failure(path: Path) -> DirectoryError:
    with pytest.raises(DirectoryError) as caught:
        load_directory(path)
    return caught.value


def alias_bomb(levels: int = 9) -> str:
    """Nine lines that expand to 9**9 (387 million) values under an unknown key."""
    lines = ["notes:", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"  a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_under_an_unknown_key(tmp_path: Path, peak_memory: Callable[[], int]) -> None:
    error = failure(write(tmp_path, alias_bomb() + BASE))
    assert "aliases expand to more than 10000 values" in str(error)
    assert error.key.startswith("notes.a")
    # The line where the budget ran out: within the bomb, not past it.
    assert error.line is not None and 2 <= error.line <= 10
    assert peak_memory() < MEMORY_CEILING


def test_aliases_within_the_budget_share_settings(tmp_path: Path) -> None:
    # Anchored where first used, merged with '<<' later; explicit keys win over merged ones.
    text = edit(
        (
            "        assistants: [chen]\n        supervisor: wang\n",
            "        <<: &staff {assistants: [chen], supervisor: wang}\n",
        ),
        (
            "        assistants: []\n        supervisor: wang\n",
            "        <<: *staff\n        assistants: []\n",
        ),
    )
    loaded = load_directory(write(tmp_path, "\ufeff" + text))  # with a BOM, as Notepad saves
    first, second = loaded.grid("cuidong-1"), loaded.grid("cuidong-2")
    assert first is not None and second is not None
    assert (first.assistants, first.supervisor) == (("chen",), "wang")
    assert (second.assistants, second.supervisor) == ((), "wang")


def test_a_merged_unknown_key_names_the_merge_line(tmp_path: Path) -> None:
    text = edit(
        (
            "        supervisor: wang\n      - id: cuidong-2",
            "        supervisor: &w wang\n      - id: cuidong-2",
        ),
        ("        assistants: []\n", "        <<: {supervsor: *w}\n        assistants: []\n"),
    )
    error = failure(write(tmp_path, text))
    assert error.key == "communities[0].grids[1].supervsor"
    assert error.line == text.splitlines().index("        <<: {supervsor: *w}") + 1
    assert 'did you mean "supervisor"' in str(error)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: &a [*a]\n", "alias *a has no anchor before it, or refers to itself"),
        ("a: *nowhere\n", "alias *nowhere has no anchor before it"),
        ("a: 1\n---\nb: 2\n", "more than one document"),
        ("<<: just text\n", "'<<' can only merge mappings"),
        ("? [a, b]\n: c\n", "a key must be plain text"),
    ],
)
def test_broken_aliases_and_documents(text: str, problem: str) -> None:
    with pytest.raises(DirectoryError, match=r"^<string> 第\d行") as caught:
        parse_directory(text)
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    "nesting",
    [
        "[" * 5000 + "]" * 5000,
        "{a: " * 5000 + "x" + "}" * 5000,
        "\n  " + "- " * 3000 + "x",  # compact block lists: one line, 3000 levels
    ],
    ids=["flow lists", "flow mappings", "block lists"],
)
def test_deep_nesting(tmp_path: Path, nesting: str, peak_memory: Callable[[], int]) -> None:
    error = failure(write(tmp_path, f"communities: {nesting}\n"))
    assert "nested more than 32 levels" in str(error)
    assert error.key.startswith("communities")
    assert error.line is not None
    assert peak_memory() < MEMORY_CEILING


def test_deep_nesting_built_from_aliases() -> None:
    # Each anchor is 20 deep, within the limit; stacking them through aliases is not.
    text = "a: &a " + "[" * 20 + "]" * 20 + "\n"
    text += "b: &b " + "[" * 20 + "*a" + "]" * 20 + "\n"
    with pytest.raises(DirectoryError, match=r"^<string> 第2行 b(\[0\])+: 嵌套超过 32 层"):
        parse_directory(text)


def test_oversized_file(tmp_path: Path, peak_memory: Callable[[], int]) -> None:
    path = write(tmp_path, BASE + "# " + "备注" * 400_000 + "\n")  # 2.4 MB of comment
    error = failure(path)
    assert str(error) == f"{path}: 目录文件超过 1 MiB (the directory file is larger than 1 MiB)"
    assert peak_memory() < MEMORY_CEILING


def test_oversized_text() -> None:
    with pytest.raises(DirectoryError, match="larger than 1 MiB"):
        parse_directory("a: " + "x" * (1 << 20) + "\n")


def test_a_file_in_another_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_bytes(BASE.encode("gbk"))
    error = failure(path)
    assert "file is not UTF-8" in str(error)
    assert error.line == BASE.splitlines().index("    name: 翠东社区") + 1


def test_a_control_character_names_its_line(tmp_path: Path) -> None:
    text = edit(("    name: 西苑社区\n", "    name: 西苑\x00社区\n"))
    error = failure(write(tmp_path, text))
    assert "不允许的控制字符" in str(error)
    assert error.line == text.splitlines().index("    name: 西苑\x00社区") + 1


def test_a_realistic_large_directory_loads(tmp_path: Path) -> None:
    # Thousands of people stay well inside the budget (they are values, not aliases).
    people = "".join(
        f"  - id: p{n}\n    name: 人员{n}\n    accounts: {{local: p{n}}}\n" for n in range(3000)
    )
    loaded = load_directory(write(tmp_path, BASE.replace("people:\n", "people:\n" + people)))
    assert loaded.person_for_account("local", "p2999") == loaded.person("p2999")


def test_a_lone_surrogate_in_a_callers_text_names_its_line() -> None:
    with pytest.raises(DirectoryError, match=r"^<string> 第2行: 文件含有无效的字符"):
        parse_directory("timezone: Asia/Shanghai\nnote: \ud800\n")


# Pieces of YAML syntax and awkward characters that mutations splice into the sample.
_SPLICES = [*":-[]{}&*!|>'\"#%@`,?<~ \n\t", "\x00", "\u2028", "\ufeff", "\x85", "中", "1"]
_SPLICES += [
    "\ud800",
    "<<",
    "<<: *a",
    "&a",
    "*a",
    "&b",
    "*b",
    "!!null",
    "!!str",
    "!!binary",
    "!foo",
    "---",
]


@pytest.mark.parametrize("seed", range(4))
def test_every_broken_file_is_a_directory_error(seed: int) -> None:
    """Random small edits of a good file either load or fail as a DirectoryError, never as
    another exception (the seed is in the test id to replay a failure)."""
    rng = random.Random(seed)
    for _ in range(400):
        text = list(BASE)
        for _ in range(rng.randint(1, 6)):
            position = rng.randrange(len(text))
            choice = rng.random()
            if choice < 0.4:
                text.insert(position, rng.choice(_SPLICES))
            elif choice < 0.7:
                del text[position]
            else:
                text[position] = rng.choice(_SPLICES)
        try:
            parse_directory("".join(text))
        except DirectoryError as error:
            assert str(error).startswith("<string>")
