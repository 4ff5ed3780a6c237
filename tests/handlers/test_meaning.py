"""The same words mean different things from different people: handlers.meaning's rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.meaning import Facts, TicketFacts, decide
from handlers.parse import parse


def ticket(state: str, relation: str, *, minutes: float = 60, **more: object) -> TicketFacts:
    return TicketFacts(
        number=4,
        state=state,
        relation=relation,  # type: ignore[arg-type]
        age=timedelta(minutes=minutes),
        claim_window=timedelta(hours=2),
        **more,  # type: ignore[arg-type]
    )


RESIDENT = Facts(staff=False)


@pytest.mark.parametrize(
    ("text", "facts", "action", "source"),
    [
        # "修好了 谢谢师傅": the reporter confirms, the assignee resolves.
        (
            "#4 修好了 谢谢师傅",
            Facts(staff=False, named=ticket("resolved", "reporter")),
            "confirm",
            "named",
        ),
        (
            "#4 修好了",
            Facts(staff=True, named=ticket("in_progress", "assignee")),
            "resolve",
            "named",
        ),
        # Plain words under a resolved ticket, without a number: what the bot asked about.
        (
            "这回好了 谢谢师傅",
            Facts(staff=False, asked=ticket("resolved", "reporter")),
            "confirm",
            "asked",
        ),
        ("还是不行", Facts(staff=False, asked=ticket("resolved", "reporter")), "reopen", "asked"),
        ("还是不行", Facts(staff=False, replied=ticket("closed", "reporter")), "reopen", "replied"),
        # "还是不行" while the steward still has it: news for the steward, not a reopen.
        (
            "还是不行",
            Facts(staff=False, own_open=ticket("claimed", "reporter")),
            "follow_up",
            "own_open",
        ),
        # A resident's question about when the steward comes: for their open ticket's steward.
        (
            "师傅辛苦了，今天晚上八点左右能到场吗",
            Facts(staff=False, own_open=ticket("claimed", "reporter")),
            "follow_up",
            "own_open",
        ),
        ("师傅辛苦了，今天晚上八点左右能到场吗", RESIDENT, "chat", None),
        # "#4 已完成" typed by the reporter before the work is done: the handler refuses it;
        # "#4 不满意" typed by someone else: the handler says only the reporter rates.
        ("#4 已完成", Facts(staff=False, named=ticket("assigned", "reporter")), "resolve", "named"),
        ("#4 不满意", Facts(staff=False, named=ticket("resolved", "other")), "reopen", "named"),
        ("还是不行", Facts(staff=False, replied=ticket("resolved", "other")), "chat", None),
        # A steward answering a report in everyday words.
        (
            "好的 我下午过去",
            Facts(staff=True, replied=ticket("assigned", "assignee")),
            "claim",
            "replied",
        ),
        ("这单我来", Facts(staff=True, replied=ticket("assigned", "worker")), "claim", "replied"),
        ("收到", Facts(staff=True, replied=ticket("assigned", "assignee")), "claim", "replied"),
        ("到了", Facts(staff=True, replied=ticket("claimed", "assignee")), "progress", "replied"),
        ("在检查", Facts(staff=True, replied=ticket("claimed", "assignee")), "progress", "replied"),
        # The same everyday words from a resident, or with no ticket in reach, are chat.
        ("收到", RESIDENT, "chat", None),
        ("好的 我下午过去", Facts(staff=False, replied=ticket("assigned", "other")), "chat", None),
        ("到了", Facts(staff=True), "chat", None),
        # A supervisor assigns by @name.
        (
            "@刘红 #4 你处理一下",
            Facts(staff=True, named=ticket("assigned", "overseer")),
            "reassign",
            "named",
        ),
        # A transfer to nobody: half a command, a person looks at it.
        ("#4 这个转一下", Facts(staff=True, named=ticket("claimed", "assignee")), "hold", "named"),
        # An urge minutes after the report is answered gently.
        (
            "催办 #4",
            Facts(staff=False, named=ticket("assigned", "reporter", minutes=1)),
            "urge",
            "named",
        ),
        # The same trouble again from the same resident: their open ticket, not a new one.
        (
            "5栋1单元302 卫生间漏得更厉害了",
            Facts(staff=False, own_open=ticket("assigned", "reporter", same_problem=True)),
            "nudge",
            "own_open",
        ),
        # A fault with nothing said about where or whose: 待确认.
        ("停电了", RESIDENT, "hold", None),
        # The address the bot asked for.
        (
            "10栋2单元801",
            Facts(
                staff=False,
                address_only=True,
                own_open=ticket("assigned", "reporter", has_building=False),
            ),
            "add_address",
            "own_open",
        ),
        # Emergencies are never held back, whatever else is known.
        ("楼道里一股煤气味", RESIDENT, "report", None),
        ("登记 3", Facts(staff=True), "register", None),
        ("登记 3", RESIDENT, "chat", None),
    ],
)
def test_meaning(text: str, facts: Facts, action: str, source: str | None) -> None:
    meaning = decide(parse(text), facts)
    assert (meaning.action, meaning.source) == (action, source), meaning.why


def test_an_early_urge_is_gentle_and_a_late_one_is_not() -> None:
    early = decide(
        parse("催办 #4"), Facts(staff=False, named=ticket("assigned", "reporter", minutes=1))
    )
    late = decide(parse("催办 #4"), Facts(staff=False, named=ticket("assigned", "reporter")))
    assert (early.gentle, late.gentle) == (True, False)
