"""Every sentence the bot says, zh-Hans first, in one place for review and translation."""

from __future__ import annotations

from handlers.privacy import mask_sensitive

KIND_LABELS = {"repair": "报修", "hazard": "隐患", "complaint": "投诉", "inquiry": "咨询"}
STATE_LABELS = {
    "new": "新登记",
    "assigned": "待接单",
    "claimed": "已接单",
    "in_progress": "处理中",
    "resolved": "已处理，待确认",
    "closed": "已关闭",
    "reopened": "已重新打开",
    "returned": "已退回社区",
}
FILE_LABELS = {"photo": "图片", "voice": "语音", "file": "文件"}
RATING_LABELS = {"satisfied": "满意", "unsatisfied": "不满意"}
ACTION_LABELS = {
    "claim": "接单",
    "progress": "更新进度",
    "resolve": "办结",
    "reassign": "转派",
    "return": "退回",
}

HELP = (
    "网格管家使用说明\n"
    "【居民】\n"
    "· 报事：#报修 3栋2单元501 燃气灶打不着火（也可用 #隐患 #投诉 #咨询）\n"
    "· 闻到燃气味、冒烟、着火：直接说，网格管家立即通知网格员和监督员\n"
    "· 评价：#12 满意　或　#12 不满意 原因\n"
    "· 催办 #12　查询 #12\n"
    "【网格员】\n"
    "· 回复报事消息或工单消息「接单」，或发「接单 #12」\n"
    "· 「#12 到场」「#12 已完成 处理说明」\n"
    "· 「转派 #12 @姓名」「退回 #12 原因」"
)

REPORT_FORMAT = "请写明地址和问题，例如：\n#报修 3栋2单元501 燃气灶打不着火"
NEED_TICKET_NUMBER = "请回复工单消息，或在消息里写明工单号（如 #12）。"
NOT_WORKING = "抱歉，这条消息没有处理成功，已记录在案，请稍后再发一次。"

SAFETY_ADVICE = (
    "安全提示：请立即开窗通风；不要开关电灯电器，不要使用明火，不要在室内打电话；"
    "人员撤离到室外后拨打抢修电话 {phone}；有明火请拨 119。"
)


EXCERPT_LIMIT = 200  # a post quotes at most this much of what someone wrote


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """What people wrote, cut short in a post so a long message does not flood the group;
    masked first, so the cut never leaves half a phone number unrecognised."""
    text = mask_sensitive(text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_label(kind: str) -> str:
    """'[图片]': how a photo or file someone sent is named in a post and the audit trail."""
    return f"[{FILE_LABELS.get(kind, kind)}]"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def mention(name: str) -> str:
    return f"@{name}"


def new_ticket(
    *,
    number: int,
    kind: str,
    address: str,
    body: str,
    grid_name: str,
    steward: str,
    claim_within: str,
) -> str:
    return (
        f"📋 工单 #{number}（{kind_label(kind)}）已登记\n"
        f"地址：{address or '未提供'}\n"
        f"内容：{excerpt(body)}\n"
        f"已派给{grid_name} {mention(steward)}，请在{claim_within}内接单"
        f"（回复本消息「接单」）。"
    )


def new_ticket_unrouted(
    *, number: int, kind: str, address: str, body: str, secretaries: list[str]
) -> str:
    who = " ".join(mention(name) for name in secretaries)
    reason = "未写明楼栋" if not address else "该楼栋不在本社区网格内"
    return (
        f"📋 工单 #{number}（{kind_label(kind)}）已登记\n"
        f"地址：{address or '未提供'}\n"
        f"内容：{excerpt(body)}\n"
        f"{reason}，已转社区 {who} 分派。报事人可回复本消息补充楼栋单元门牌。"
    )


def emergency_ticket(
    *,
    number: int,
    kind: str,
    address: str,
    body: str,
    responders: list[str],
    claim_within: str,
    phone: str,
) -> str:
    who = " ".join(mention(name) for name in responders)
    return (
        f"🚨 紧急工单 #{number}（{kind_label(kind)}）\n"
        f"地址：{address or '未提供，请报事人立即补充'}\n"
        f"内容：{excerpt(body)}\n"
        f"{who} 请立即处置，{claim_within}内响应。\n" + SAFETY_ADVICE.format(phone=phone)
    )


def claimed(*, number: int, assignee: str, reporter: str, resolve_by: str) -> str:
    return (
        f"✅ 工单 #{number} 已由 {assignee} 接单，将于 {resolve_by} 前处理。"
        f"{mention(reporter)} 请保持电话畅通。"
    )


def already_claimed(*, number: int, assignee: str) -> str:
    return f"工单 #{number} 已由 {assignee} 接单。"


def in_progress(*, number: int, assignee: str) -> str:
    return f"🚶 工单 #{number}：{assignee} 已到场处理。"


def resolved(*, number: int, assignee: str, note: str, reporter: str) -> str:
    detail = f"：{excerpt(note)}" if note else "。"
    return (
        f"🔧 工单 #{number} 已由 {assignee} 处理完成{detail}\n"
        f"{mention(reporter)} 请回复「#{number} 满意」或「#{number} 不满意 原因」。"
    )


def closed(*, number: int) -> str:
    return f"🙏 工单 #{number} 已关闭，评价：满意。感谢您的反馈！"


def reopened(*, number: int, reason: str, assignee: str) -> str:
    why = f"（{excerpt(reason)}）" if reason else ""
    return f"↩️ 工单 #{number} 评价：不满意{why}，已重新打开。{mention(assignee)} 请再次处理。"


def reassigned(*, number: int, by: str, to: str) -> str:
    return f"🔁 工单 #{number} 已由 {by} 转派给 {mention(to)}，请接单（回复本消息「接单」）。"


def returned(*, number: int, by: str, reason: str, secretaries: list[str]) -> str:
    who = " ".join(mention(name) for name in secretaries)
    why = f"，原因：{excerpt(reason)}" if reason else ""
    return f"↩️ 工单 #{number} 已被 {by} 退回社区{why}。{who} 请重新分派（转派 #{number} @姓名）。"


def urged(*, number: int, kind: str, address: str, waited: str, state: str, assignee: str) -> str:
    where = f"，{address}" if address else ""
    return (
        f"⏰ 催办：工单 #{number}（{kind_label(kind)}{where}）已等待{waited}，"
        f"当前{STATE_LABELS.get(state, state)}。{mention(assignee)} 请尽快处理。"
    )


def awaiting_confirmation(*, number: int, reporter: str) -> str:
    return (
        f"⏰ 工单 #{number} 已处理完成，等待确认。{mention(reporter)} 请回复"
        f"「#{number} 满意」或「#{number} 不满意 原因」。"
    )


def status(
    *,
    number: int,
    kind: str,
    emergency: bool,
    address: str,
    state: str,
    assignee: str,
    created: str,
    claim_due: str,
    resolve_due: str,
    rating: str | None,
    chased: str = "",  # reminders and escalations (督办) so far, from the schedules
) -> str:
    flag = "紧急" if emergency else ""
    lines = [
        f"🔎 工单 #{number}（{flag}{kind_label(kind)}）{address}",
        f"状态：{STATE_LABELS.get(state, state)}（负责人：{assignee or '待分派'}）",
        f"登记：{created}；接单时限：{claim_due}；办结时限：{resolve_due}",
    ]
    if rating:
        lines.append(f"评价：{RATING_LABELS.get(rating, rating)}")
    if chased:
        lines.append(chased)
    return "\n".join(lines)


def follow_up(*, number: int, sender: str, text: str, assignee: str) -> str:
    return f"📎 工单 #{number} 补充（{sender}）：{excerpt(text)}\n{mention(assignee)} 请留意。"


def address_added(*, number: int, address: str, grid_name: str, steward: str) -> str:
    return (
        f"📍 工单 #{number} 地址已补充为 {address}，改派给{grid_name} {mention(steward)}，请接单。"
    )


def not_found(*, number: str) -> str:
    return f"未找到工单 #{number}，请核对工单号。"


def not_allowed(*, number: int, action: str) -> str:
    return (
        f"⛔ 工单 #{number} 只能由负责人、本网格网格员、监督员或社区书记{ACTION_LABELS[action]}。"
    )


def only_reporter_rates(*, number: int) -> str:
    return f"⛔ 只有报事人可以评价工单 #{number}。"


def not_resolved_yet(*, number: int, state: str) -> str:
    return f"工单 #{number} 目前{STATE_LABELS.get(state, state)}，处理完成后再评价。"


def already_done(*, number: int, state: str) -> str:
    return f"工单 #{number} {STATE_LABELS.get(state, state)}，无需再操作。"


def unknown_person(*, name: str) -> str:
    return f"未找到本社区的工作人员「{name}」，请用 @姓名 指定转派对象。"


def need_target(*, number: int) -> str:
    return f"请写明转派给谁，例如「转派 #{number} @姓名」。"
