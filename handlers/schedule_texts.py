"""What the schedules say: overdue reminders, escalation (督办), digests (通报), zh-Hans first.

Digests are read in a phone's chat window: short lines, one fact per line, no tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from handlers.texts import STATE_LABELS, kind_label, mention

LIST_LIMIT = 10  # tickets listed per digest section; the rest are counted

EVENT_LABELS = {
    "created": "报事",
    "assigned": "派单",
    "address_added": "补充地址",
    "claimed": "接单",
    "in_progress": "到场",
    "resolved": "办结",
    "confirmed": "确认满意",
    "reopened": "重新打开",
    "reassigned": "转派",
    "returned": "退回社区",
    "urged": "催办",
    "follow_up": "补充",
    "emergency": "升为紧急",
    "reminded": "超时提醒",
    "escalated": "督办",
}
LEVEL_WAITING = {"claim": "仍未接单", "resolve": "仍未办结"}
LEVEL_OVERDUE = {"claim": "接单超时", "resolve": "办结超时"}


def describe_age(span: timedelta) -> str:
    """'3天2小时', '5小时', '40分钟': how long, rounded down to what a glance needs."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}天{hours}小时" if hours else f"{days}天"
    if hours:
        return f"{hours}小时"
    return f"{minutes}分钟"


@dataclass(frozen=True, slots=True)
class Chased:
    """The facts every chase post opens with: which ticket, at which level, how long it waited."""

    number: int
    kind: str
    address: str
    emergency: bool
    level: str  # "claim" | "resolve"
    waited: str

    def about(self) -> str:
        flag = "紧急" if self.emergency else ""
        where = f"，{self.address}" if self.address else ""
        return f"工单 #{self.number}（{flag}{kind_label(self.kind)}{where}）"


# -- chasing overdue tickets -------------------------------------------------------------------


def reminder(
    ticket: Chased, *, state: str, overdue: str, assignee: str, dispatch: bool = False
) -> str:
    """`overdue`: how long past the due time, "" when it is just due; `dispatch`: a secretary
    holds the ticket for a grid, so the ask is to pass it on."""
    about, waited = ticket.about(), ticket.waited
    if ticket.level == "claim":
        late = f"超时{overdue}" if overdue else "已到接单时限"
        ask = (
            f"请尽快分派（转派 #{ticket.number} @姓名）或接单。"
            if dispatch
            else "请尽快接单：回复本消息「接单」。"
        )
        return (
            f"⏰ 超时提醒：{about}已等待{waited}，仍未接单（{late}）。\n{mention(assignee)} {ask}"
        )
    late = f"办结超时{overdue}" if overdue else "已到办结时限"
    return (
        f"⏰ 超时提醒：{about}已等待{waited}，{STATE_LABELS.get(state, state)}，{late}。\n"
        f"{mention(assignee)} 请尽快处理，完成后发「#{ticket.number} 已完成 说明」。"
    )


def escalation_to_supervisor(
    ticket: Chased, *, reminders: int, supervisor: str, assignee: str, history: str
) -> str:
    about, waited = ticket.about(), ticket.waited
    if ticket.emergency and ticket.level == "claim":
        return (
            f"🚨 紧急督办：{about}超过接单时限，已等待{waited}仍无人接单。\n"
            f"{mention(supervisor)} 请立即协调处置，{mention(assignee)} 请立即接单。\n"
            f"经过：{history}"
        )
    return (
        f"📣 督办：{about}已等待{waited}，{LEVEL_WAITING[ticket.level]}，已提醒{reminders}次。\n"
        f"{mention(supervisor)} 请督促 {assignee} 处理。\n"
        f"经过：{history}"
    )


def escalation_to_secretaries(
    ticket: Chased,
    *,
    grid: str,
    assignee: str,
    supervisor: str | None,
    secretaries: Sequence[str],
    history: str,
) -> str:
    reported = f"，已上报监督员{supervisor}" if supervisor else ""
    who = " ".join(mention(name) for name in secretaries)
    return (
        f"📣 督办上报：{ticket.about()}已等待{ticket.waited}，{LEVEL_WAITING[ticket.level]}"
        f"{reported}。\n"
        f"{grid} 负责人：{assignee}\n"
        f"{who} 请协调处理。\n"
        f"经过：{history}"
    )


def history_item(*, at: str, who: str, action: str) -> str:
    return f"{at} {who}{EVENT_LABELS.get(action, action)}"


def history_line(items: Sequence[str], *, limit: int = 8) -> str:
    """The ticket's audit trail on one line; long trails keep their newest steps."""
    shown = list(items[-limit:])
    prefix = "… " if len(items) > limit else ""
    return prefix + " · ".join(shown)


ESCALATION_TARGETS = {"supervisor": "上报监督员", "secretaries": "上报社区书记"}


def chase_status(*, reminders: int, escalations: Sequence[tuple[str, str, str]]) -> str:
    """The line `查询 #N` adds: reminders so far and each escalation (time, action, names)."""
    parts = []
    if reminders:
        parts.append(f"超时提醒{reminders}次")
    for at, action, names in escalations:
        parts.append(f"{at} {ESCALATION_TARGETS.get(action, action)}{names}")
    return "督办：" + "；".join(parts) if parts else ""


# -- digests -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listed:
    """A ticket as a digest lists it: '#3 报修 5小时 祝均升'."""

    number: int
    kind: str
    age: str
    assignee: str
    note: str = ""  # e.g. '接单超时2小时'


@dataclass(frozen=True, slots=True)
class RateLine:
    label: str
    done: int
    total: int


RATE_LABELS = {
    "dispatch": "派遣按时率",
    "claim": "签收按时率",
    "closure": "结案率",
    "on_time_closure": "按期结案率",
    "rework": "返工率",
}


def listed(item: Listed) -> str:
    note = f"，{item.note}" if item.note else ""
    return f"#{item.number} {kind_label(item.kind)} {item.age} {item.assignee}{note}"


def section(title: str, items: Sequence[Listed], *, count: int | None = None) -> list[str]:
    total = len(items) if count is None else count
    lines = [f"【{title}】{total}件"]
    lines += [listed(item) for item in items[:LIST_LIMIT]]
    if total > LIST_LIMIT:
        lines.append(f"…另有{total - LIST_LIMIT}件")
    return lines


def rate_line(rate: RateLine) -> str:
    label = RATE_LABELS.get(rate.label, rate.label)
    if rate.total == 0:
        return f"{label} —（无）"
    return f"{label} {round(100 * rate.done / rate.total)}%（{rate.done}/{rate.total}）"


def ratings_line(title: str, satisfied: int, unsatisfied: int) -> str:
    return f"{title}：满意{satisfied} 不满意{unsatisfied}"


def busiest_line(name: str | None, count: int) -> str:
    return f"【未结最多】{name} {count}件" if name else "【未结最多】无"


def daily_title(*, community: str, day: str, at: str | None) -> str:
    """`at`: the time of day the figures stand at; None for a digest sent the next day."""
    return f"📊 {community} 日报 {day}（{f'截至{at}' if at else '补发'}）"


def weekly_title(*, community: str, first: str, last: str) -> str:
    return f"📅 {community} 周报 {first}至{last}"


def week_counts(*, new: int, resolved: int, closed: int) -> str:
    return f"新增{new}件 办结{resolved}件 关闭{closed}件"


def overdue_title(*, community: str, at: str, count: int) -> str:
    return f"⏰ {community} 当前超时 {count}件（{at}）"


NO_OVERDUE = "目前没有超时工单。"
STAFF_ONLY = "日报、周报和超时清单仅供社区工作人员查看。"
