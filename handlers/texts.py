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

EMERGENCY_LABELS = {
    "gas": "燃气泄漏",
    "fire": "火情",
    "electric": "电气险情",
    "lift": "电梯困人",
    "water": "水淹配电",
}
# What to do now, per danger: gas advice (ventilate) would feed a fire, so each has its own.
SAFETY_ADVICE = {
    "gas": (
        "安全提示：请立即开窗通风，关闭燃气总阀；不要开关电灯电器、不要使用明火、"
        "不要在室内打电话；人员撤离到室外后拨打燃气抢修电话 {phone}。"
    ),
    "fire": (
        "安全提示：请立即拨打 119！迅速撤离，用湿毛巾捂住口鼻、低姿前进，不要乘坐电梯；"
        "电器或燃气起火不要用水泼，能安全操作时切断电源、关闭燃气阀门。社区应急电话 {phone}。"
    ),
    "electric": (
        "安全提示：请远离冒烟、打火的设备和掉落的电线，不要用手或湿物触碰；能安全操作时"
        "拉下总闸断电；有人触电先断电，不要直接用手拉人；电力抢修电话 {phone}，起火请拨 119。"
    ),
    "lift": (
        "安全提示：被困人员请保持冷静，按电梯内警铃或对讲求助，不要扒门、不要强行离开轿厢；"
        "电梯应急救援电话 {phone}，物业和网格员已通知。"
    ),
    "water": (
        "安全提示：请远离积水和配电设施，不要涉水靠近电箱、配电房；不要自行操作带电设备，"
        "等专业人员断电处理；电力抢修电话 {phone}。"
    ),
}


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
    danger: str,
    address: str,
    body: str,
    responders: list[str],
    claim_within: str,
    phone: str,
) -> str:
    who = " ".join(mention(name) for name in responders)
    advice = SAFETY_ADVICE.get(danger, SAFETY_ADVICE["gas"])
    return (
        f"🚨 紧急工单 #{number}（{EMERGENCY_LABELS.get(danger, '紧急')}）\n"
        f"地址：{address or '未提供，请报事人立即补充'}\n"
        f"内容：{excerpt(body)}\n"
        f"{who} 请立即处置，{claim_within}内响应。\n" + advice.format(phone=phone)
    )


def claimed(*, number: int, assignee: str, reporter: str, resolve_by: str) -> str:
    return (
        f"✅ 工单 #{number} 已由 {assignee} 接单，将于 {resolve_by} 前处理。"
        f"{mention(reporter)} 请保持电话畅通。"
    )


def ask_for_address(*, number: int, reporter: str) -> str:
    return (
        f"{mention(reporter)} 请回复本消息补充楼栋、单元和门牌（如 3栋2单元501），"
        f"方便师傅上门处理工单 #{number}。"
    )


def confirmed_fixed(*, number: int) -> str:
    return f"🙏 报事人确认工单 #{number} 已修好，工单关闭。感谢您的反馈！"


def nudged(*, number: int, assignee: str, waited: str, state: str) -> str:
    return (
        f"📎 工单 #{number} 报事人再次反映（已等待{waited}，"
        f"当前{STATE_LABELS.get(state, state)}）。{mention(assignee)} 请留意。"
    )


def gentle_urge(*, number: int, waited: str, assignee: str, claim_by: str) -> str:
    return (
        f"⏳ 工单 #{number} 刚登记{waited}，已通知 {assignee}，{claim_by} 前接单；"
        "超时未接会自动提醒。请稍候。"
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


# --- 待确认: messages the bot could not decide ----------------------------------------------

REVIEW_EMPTY = "目前没有待确认的消息。"
REVIEW_WHICH = "请写明编号，例如「登记 12」或「忽略 12」；也可以直接回复那条原消息「登记」。"
REVIEW_STAFF_ONLY = "⛔ 只有本社区的网格员、监督员和社区书记可以处理待确认消息。"


def review_list(*, items: list[tuple[int, str, str, str]], header: str = "") -> str:
    """items: (number, who, where and when, what they wrote)."""
    lines = [header or f"📝 待确认消息 {len(items)} 条（网格管家拿不准，请看一下）："]
    for number, who, where, text in items:
        lines.append(f"〔{number}〕{who}（{where}）：{excerpt(text, 80)}")
    lines.append("回复「登记 编号」生成工单，「忽略 编号」不处理；也可直接回复原消息「登记」。")
    return "\n".join(lines)


def review_registered(*, number: int, ticket: int, by: str) -> str:
    return f"✅ 待确认〔{number}〕已由 {by} 登记为工单 #{ticket}。"


def review_dismissed(*, number: int, by: str) -> str:
    return f"🗑 待确认〔{number}〕已由 {by} 忽略，不生成工单。"


def review_not_found(*, number: str) -> str:
    return f"没有等待处理的待确认〔{number}〕，请发「待确认」查看列表。"
