"""What a message means here and now: the words (`parse`) read in their context.

The same words mean different things from different people: "#4 修好了 谢谢师傅" from the
reporter confirms, from the assignee it resolves; "还是不行" under a resolved ticket reopens it;
a steward answering a report with "好的 我下午过去" claims it. `decide` is a pure function of
the parsed words and the `Facts` gathered from the database (handlers.context_facts), so the
rules can be read and tested line by line; handlers act only on the `Meaning` it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Literal

from handlers.parse import Parsed
from handlers.vocabulary import Intent

Relation = Literal["reporter", "assignee", "worker", "overseer", "other"]
Source = Literal["named", "replied", "asked", "own_open", "own_active"]
# What a message does: what its words say, or what only its context gives.
Action = (
    Intent
    | Literal[
        "follow_up",  # words for the ticket's people, kept on its audit trail
        "nudge",  # a resident writes again about their open ticket: no second ticket
        "add_address",  # the reporter gives the building the bot asked for
        "hold",  # undecided: on the 待确认 list for grid staff to register or dismiss
        "ask_ticket",  # a command with no ticket to act on: ask which
        "chat",  # nothing for the bot
    ]
)
FINISHED = ("resolved", "closed")
OPEN = ("new", "assigned", "claimed", "in_progress", "reopened", "returned")
TICKET_COMMANDS = frozenset(
    {"claim", "progress", "resolve", "reassign", "return", "confirm", "reopen", "urge", "query"}
)
STAFF_ONLY = frozenset({"claim", "progress", "resolve", "reassign", "return"})
# An urge this soon after the report gets a gentle answer, not a public push on the steward.
EARLY_URGE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """A ticket as it stands to the speaker."""

    number: int
    state: str
    relation: Relation
    age: timedelta  # since the report
    claim_window: timedelta  # the ticket's claim SLA
    emergency: bool = False
    has_building: bool = True
    same_problem: bool = False  # for a resident's own open ticket: this message is about it


@dataclass(frozen=True, slots=True)
class Facts:
    """What the context says about one message; gathered by handlers.context_facts."""

    staff: bool  # the speaker works in this community (steward, assistant, supervisor, secretary)
    named: TicketFacts | None = None  # the ticket '#N' names
    replied: TicketFacts | None = None  # the ticket the message replies to
    asked: TicketFacts | None = None  # the reporter's resolved ticket the bot asked to confirm
    own_open: TicketFacts | None = None  # the resident's latest open ticket in this chat
    own_active: TicketFacts | None = None  # the one ticket this staff member works on here
    pending_review: int | None = None  # the speaker's own message waiting on 待确认
    replied_review: int | None = None  # the 待确认 item the message replies to
    address_only: bool = False  # the message is an address and nothing more
    has_files: bool = False


@dataclass(frozen=True, slots=True)
class Meaning:
    action: Action
    source: Source | None = None  # which ticket of the Facts it acts on
    why: str = ""
    gentle: bool = False  # an early urge: reassure, do not push the steward

    def ticket(self, facts: Facts) -> TicketFacts | None:
        return getattr(facts, self.source) if self.source else None


def decide(parsed: Parsed, facts: Facts) -> Meaning:
    """The meaning of a message from its words and its context; see the module's rules."""
    intent = parsed.intent
    if intent in ("help", "digest", "overdue", "review"):
        return Meaning(intent, why="asked of the bot")
    if intent in ("register", "dismiss"):
        return Meaning(intent, why="an answer to 待确认") if facts.staff else _chat("not staff")
    if intent == "report":
        return _report(parsed, facts)
    if intent in TICKET_COMMANDS:
        return _command(parsed, intent, facts)
    return _other(parsed, facts)


def _report(parsed: Parsed, facts: Facts) -> Meaning:
    target, source = _target(facts, ("named", "replied"))
    if target is not None and not parsed.tagged:
        if parsed.emergency and target.state in FINISHED:
            return Meaning("report", why="a new emergency under a finished ticket")
        work = next((a for a in parsed.alternatives if a in _STAFF_NOTES), None)
        if facts.staff and work and not parsed.emergency:
            # "在查了 厨房那一路有漏电" from the steward, under the ticket: their progress.
            return _command(replace(parsed, intent=work, weak=True), work, facts)
        return Meaning("follow_up", source, why="more about the ticket it answers")
    if parsed.emergency or parsed.tagged:
        return Meaning("report", why="an emergency" if parsed.emergency else "a tagged report")
    if "reopen" in parsed.alternatives and facts.asked is not None:
        # "又跳闸了" from the reporter whose ticket was just fixed: the same trouble is back.
        return Meaning("reopen", "asked", why="the trouble is back after the fix")
    own = facts.own_open
    if own is not None and own.same_problem:
        return Meaning("nudge", "own_open", why="the same trouble as the resident's open ticket")
    if facts.pending_review is not None and not parsed.doubtful:
        return Meaning("report", why="the details of a message on 待确认")
    if parsed.doubtful:
        if own is not None and not facts.staff:
            return Meaning("follow_up", "own_open", why="vague words from a resident with a ticket")
        return Meaning("hold", why="a trouble without a place or in unusual words")
    return Meaning("report", why="a report")


def _command(parsed: Parsed, intent: Intent, facts: Facts) -> Meaning:
    # A staff member's own word and a resident's own word go to different tickets.
    order: tuple[Source, ...] = ("named", "replied")
    if facts.staff and intent in ("progress", "resolve", "claim", "confirm"):
        order = ("named", "replied", "own_active")
    elif not facts.staff:
        order = ("named", "replied", "asked", "own_open")
    target, source = _target(facts, order)
    if target is None and facts.staff and intent in STAFF_ONLY and parsed.points_at:
        # "这个我下午去", "那个漏水的 转一下": a steward means some ticket; a person settles which.
        return Meaning("hold", why="a steward's command about a ticket it does not name")
    if target is None and "report" in parsed.alternatives and not facts.staff:
        # "热水器又打不着了" with no ticket of theirs to reopen: a fault, for a person to look at.
        return Meaning("hold", why="a trouble told as 'again', with no ticket to reopen")
    if target is None:
        if parsed.weak or (intent in ("confirm", "reopen", "urge", "query") and not parsed.ticket):
            return _chat("command words with no ticket to act on")
        return Meaning("ask_ticket", why="a command with no ticket")
    # A rating word from a bystander counts as a command only when it names the ticket.
    loose = parsed.weak or (intent in ("confirm", "reopen") and not parsed.ticket)
    action = _by_role(intent, target, facts, weak=loose)
    coming = "claim" in parsed.alternatives or _COMING.search(parsed.cue) is not None
    if action == "progress" and coming and target.state in CLAIMABLE:
        action = "claim"  # "我马上到" on a ticket nobody has taken yet: they take it
    if action == "confirm" and target.state not in FINISHED and parsed.weak:
        # "好了 谢谢" before the work is reported done: thanks, not a closing word.
        action = "follow_up"
    if action is None:
        return _chat(f"{intent} words that do not fit {target.relation} on a {target.state} ticket")
    if parsed.weak and action in STAFF_ONLY and source not in ("named", "replied"):
        return _chat("everyday words not addressed to a ticket")
    if action == "query" and not facts.staff and _ARRIVAL.search(parsed.cue):
        # "师傅几点来": only the steward knows; the question goes to them, not a status card.
        return Meaning("follow_up", source, why="a question only the steward can answer")
    if action == "reassign" and not parsed.target:
        # "#1 这个转一下": a transfer to nobody named is half a command; a person decides.
        return Meaning("hold", source, why="a transfer that names no colleague")
    if action == "urge" and target.state not in FINISHED and _early(target):
        return Meaning("urge", source, why="an urge right after the report", gentle=True)
    return Meaning(action, source, why=f"{intent} by the {target.relation}")


def _by_role(intent: Intent, ticket: TicketFacts, facts: Facts, *, weak: bool) -> Action | None:
    """The action the words take from this speaker on this ticket, or None when they do not fit."""
    relation, state = ticket.relation, ticket.state
    works = relation in ("assignee", "worker", "overseer")
    if intent == "resolve" and relation == "reporter" and not works and (weak or state in FINISHED):
        # "修好了 谢谢" from the resident: it works again, the resident says so. "#1 已完成"
        # typed as a command goes to its handler, which says who may close the work.
        return "confirm"
    if intent == "confirm" and relation != "reporter":
        # "好了" from the one doing the work closes the work, not the rating; "#1 满意" from
        # anyone but the reporter goes to the handler, which says only the reporter rates.
        if works and state not in FINISHED:
            return "resolve"
        return None if weak else "confirm"
    if intent == "reopen":
        if relation != "reporter" and weak:
            return "follow_up" if works else None
        if relation != "reporter":
            return (
                "reopen"  # "#1 不满意" typed by another: the handler says only the reporter rates
            )
        return "reopen" if state in FINISHED else "follow_up"
    if intent in STAFF_ONLY and not works and weak:
        return None  # everyday words from someone not on the ticket: chat
    # An explicit command from anyone goes to its handler, which refuses outsiders clearly.
    return intent  # type: ignore[return-value]


def _other(parsed: Parsed, facts: Facts) -> Meaning:
    """Words that are no report and no command: a reply, an acknowledgement, an address."""
    target, source = _target(facts, ("named", "replied"))
    staff_work = [a for a in parsed.alternatives if a in STAFF_ONLY]
    if target is None and facts.staff and staff_work and parsed.points_at:
        return Meaning("hold", why="half a command about a ticket it does not name")
    if target is not None:
        acknowledged = facts.staff and "claim" in parsed.alternatives
        works = target.relation in ("assignee", "worker", "overseer")
        if acknowledged and works and target.state in CLAIMABLE:
            return Meaning("claim", source, why="an acknowledgement to a ticket by its staff")
        return Meaning("follow_up", source, why="a reply about the ticket")
    if facts.replied_review is not None and facts.staff:
        return _chat("a reply to a message on 待确认 that is no answer")
    if facts.address_only and not facts.staff:
        own = facts.own_open
        if own is not None and not own.has_building:
            return Meaning("add_address", "own_open", why="the building the bot asked for")
        if facts.pending_review is not None:
            return Meaning("report", why="the address of the resident's message on 待确认")
    if not facts.staff and "query" in parsed.alternatives and facts.own_open is not None:
        # "师傅今晚八点能到吗" from a resident with an open ticket: a question for its steward.
        return Meaning("follow_up", "own_open", why="a question about the resident's open ticket")
    if facts.has_files and facts.own_open is not None and facts.own_open.age < timedelta(minutes=1):
        return Meaning("follow_up", "own_open", why="a photo right after the report")
    return _chat(parsed.why or "chat")


CLAIMABLE = ("new", "assigned", "reopened", "returned")
_ARRIVAL = re.compile(r"几点|什么时候|啥时候|幾點|几时|何时|what time|when")
# On the way rather than there: "我马上到", "在路上", "半小时到" — taking the ticket on.
_STAFF_NOTES = ("progress", "resolve", "claim")
_COMING = re.compile(r"马上到|快到|这就到|在路上|出发|分钟|小时|钟头|点.{0,3}到|马上过|这就过")


def _target(facts: Facts, order: tuple[Source, ...]) -> tuple[TicketFacts | None, Source | None]:
    for source in order:
        ticket = getattr(facts, source)
        if ticket is not None:
            return ticket, source
    return None, None


def _early(ticket: TicketFacts) -> bool:
    if ticket.emergency:
        return False
    return ticket.age < min(EARLY_URGE, ticket.claim_window / 2)


def _chat(why: str) -> Meaning:
    return Meaning("chat", why=why)
