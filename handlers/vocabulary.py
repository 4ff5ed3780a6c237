"""The words the parser listens for, kept apart from its logic so they can be reviewed and grown.

Every entry is in normalised spelling (see handlers.normalize): simplified Chinese, half-width,
lower-case, so traditional and full-width forms are covered without listing them.
"""

from typing import Literal

Intent = Literal[
    "report",
    "claim",
    "progress",
    "resolve",
    "reassign",
    "return",
    "confirm",
    "reopen",
    "urge",
    "query",
    "help",
    "none",
]
Kind = Literal["repair", "hazard", "complaint", "inquiry"]

HELP_WORDS = frozenset({"帮助", "help", "使用说明", "说明书", "怎么用", "如何使用", "用法", "菜单"})

SLASH_COMMANDS: dict[str, Intent] = {
    "help": "help",
    "start": "help",
    "claim": "claim",
    "take": "claim",
    "progress": "progress",
    "onsite": "progress",
    "done": "resolve",
    "resolve": "resolve",
    "resolved": "resolve",
    "fixed": "resolve",
    "reassign": "reassign",
    "transfer": "reassign",
    "return": "return",
    "confirm": "confirm",
    "reopen": "reopen",
    "urge": "urge",
    "status": "query",
    "query": "query",
}

# Checked in this order when two words sit at the same place; 不满意 must win over 满意.
COMMAND_WORDS: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    (
        "reopen",
        (
            *("不满意", "不太满意", "重新打开", "重新处理"),
            *("not satisfied", "unsatisfied", "dissatisfied", "not happy", "reopen", "re-open"),
        ),
    ),
    (
        "confirm",
        (
            *("满意", "非常满意", "很满意", "确认完成", "确认解决", "确认修好"),
            *("satisfied", "confirm", "confirmed"),
        ),
    ),
    ("reassign", ("转派", "改派", "转给", "转交", "reassign", "transfer", "hand over")),
    ("return", ("退回", "退单", "return", "send back")),
    ("urge", ("催办", "催单", "催一下", "催促", "urge", "hurry up", "hurry")),
    ("query", ("查询", "查进度", "进度", "状态", "status", "query", "check status")),
    (
        "resolve",
        (
            *("已完成", "已处理", "已修好", "已修复", "已解决", "修好了", "修好", "处理好了"),
            *("处理完毕", "处理完成", "维修完成", "搞定", "办结", "已办结", "完成", "完工"),
            *("done", "resolved", "resolve", "fixed", "completed", "complete", "finished"),
        ),
    ),
    (
        "progress",
        (
            *("已到场", "到场", "到现场", "已到达", "处理中", "正在处理", "在处理", "维修中"),
            *("已出发", "出发了", "在路上"),
            *("on site", "onsite", "on-site", "in progress", "on my way", "on the way", "arrived"),
        ),
    ),
    (
        "claim",
        (
            *("接单", "已接单", "抢单", "领单", "我来处理"),
            *("claim", "claimed", "i'll take it", "i will take it", "taking it"),
        ),
    ),
)

# Claim words that are also everyday chat: a claim only when replying to a ticket message.
WEAK_CLAIM_WORDS = ("收到", "on it", "i'm on it", "got it")

# Acknowledgements that may open a command that has more after it: "好的，已完成 换了阀门".
ACK_PREFIXES = ("好的", "好", "嗯", "ok", "okay", "收到")

# Words that may surround a command without making it part of a longer sentence:
# "师傅已到场", "好的，接单", "all done", "i'm on site".
COMMAND_FILLERS = (
    "我们",
    "我",
    "已经",
    "已",
    "了",
    "啦",
    "哈",
    "好的",
    "好",
    "嗯",
    "师傅",
    "马上",
    "现在",
    "这边",
    "收到",
    "刚刚",
    "刚",
    "都",
    "全部",
    "这单",
    "这就",
    "去",
    "来",
    "ok",
    "okay",
    "i'm",
    "im",
    "i",
    "we",
    "we're",
    "am",
    "are",
    "now",
    "already",
    "just",
    "it",
    "all",
    "the",
    "job",
    "is",
    "has",
    "been",
    "to",
)

# A command word right after one of these is denied: 没修好, 还未完成, not done.
NEGATIONS_BEFORE = ("不", "没", "没有", "未", "别", "无", "不是", "not ", "n't ", "never ", "no ")

# A text ending like this asks about the ticket rather than acting on it (修好了吗).
QUESTION_ENDINGS = ("吗", "么", "呢", "没", "没有", "?", "是不是")

# A report tag opens a report: #报修, 【报修】, [报修], 报修:.
REPORT_TAGS: dict[str, Kind] = {
    "报修": "repair",
    "维修": "repair",
    "隐患": "hazard",
    "安全隐患": "hazard",
    "投诉": "complaint",
    "咨询": "inquiry",
    "repair": "repair",
    "hazard": "hazard",
    "complaint": "complaint",
    "complain": "complaint",
    "question": "inquiry",
    "inquiry": "inquiry",
    "enquiry": "inquiry",
}

FieldName = Literal["address", "problem", "phone", "type", "name"]

# Field-form labels ("地址：…", "问题：…"); "name" is read only so it stays out of the problem.
FIELD_LABELS: dict[str, FieldName] = {
    "地址": "address",
    "住址": "address",
    "位置": "address",
    "地点": "address",
    "address": "address",
    "addr": "address",
    "location": "address",
    "问题描述": "problem",
    "问题": "problem",
    "情况说明": "problem",
    "情况": "problem",
    "内容": "problem",
    "描述": "problem",
    "故障": "problem",
    "problem": "problem",
    "issue": "problem",
    "description": "problem",
    "details": "problem",
    "联系电话": "phone",
    "电话": "phone",
    "手机号": "phone",
    "手机": "phone",
    "联系方式": "phone",
    "phone": "phone",
    "tel": "phone",
    "mobile": "phone",
    "contact": "phone",
    "类型": "type",
    "类别": "type",
    "type": "type",
    "kind": "type",
    "category": "type",
    "姓名": "name",
    "联系人": "name",
    "name": "name",
}

EMERGENCY_WORDS = (
    "燃气味",
    "煤气味",
    "天然气味",
    "液化气味",
    "燃气的味道",
    "煤气的味道",
    "燃气泄漏",
    "燃气泄露",
    "煤气泄漏",
    "煤气泄露",
    "天然气泄漏",
    "天然气泄露",
    "漏气",
    "冒烟",
    "浓烟",
    "着火",
    "起火",
    "失火",
    "火灾",
    "烧起来",
    "爆炸",
    "煤气中毒",
    "gas smell",
    "smell gas",
    "smell of gas",
    "smells like gas",
    "smells of gas",
    "gas leak",
    "leaking gas",
    "gas is leaking",
    "gas leaking",
    "瓦斯味",
    "瓦斯泄漏",
    "瓦斯外泄",
    "漏瓦斯",
    "smoke",
    "smoking heavily",
    "on fire",
    "fire",
    "burning smell",
)

# Phrases holding an emergency word that report no emergency; blanked before searching.
NOT_EMERGENCY_PHRASES = (
    "火灾隐患",
    "消防演练",
    "防火",
    "fire drill",
    "fire safety",
    "fire extinguisher",
    "fire door",
    "fire exit",
    "fire hydrant",
    "fire alarm test",
    "fireworks",
    "firewall",
    "smoke detector",
    "no smoking",
    # A stove that lights (打着火) is the opposite of a fire.
    "打着火",
    "点着火",
    "能着火",
    "可以着火",
    "着火后",
)

# An emergency word after these is a precaution or a denial: 没有燃气味了, 防止起火, no gas smell.
EMERGENCY_NEGATIONS_BEFORE = (
    *NEGATIONS_BEFORE,
    "防止",
    "预防",
    "避免",
    "以免",
    "谨防",
    "严禁",
    "禁止",
    "without ",
)
# ...or followed by these: 燃气味已经没了, the smoke is gone.
EMERGENCY_NEGATIONS_AFTER = (
    "没了",
    "没有了",
    "消失",
    "散了",
    "不见了",
    "已经没",
    "修好",
    "好了",
    "已处理",
    "处理好",
    "已解决",
    "解决了",
    "is gone",
    "gone",
    "fixed",
    "repaired",
)

# Notices and safety reminders mention emergencies without reporting one.
NOTICE_OPENINGS = (
    "通知",
    "公告",
    "提醒",
    "温馨提示",
    "安全提示",
    "友情提示",
    "notice",
    "reminder",
    "announcement",
    "tips",
)
CONDITIONAL_MARKERS = (
    "如发现",
    "如有",
    "若发现",
    "若有",
    "一旦发现",
    "如果发现",
    "如闻到",
    "若闻到",
    "如果闻到",
    "if you smell",
    "if you notice",
    "if you see",
    "in case of",
)
# A planned outage announced in the group is not a fault report.
PLANNED_WORDS = (
    "明天",
    "后天",
    "今晚",
    "下周",
    "通知",
    "检修",
    "计划",
    "预计",
    "将于",
    "届时",
    "planned",
    "maintenance",
    "scheduled",
    "tomorrow",
    "tonight",
)
# Words of an announcement to all, not one household's trouble.
ANNOUNCEMENT_WORDS = (
    "各位居民",
    "各位业主",
    "各位邻居",
    "请提前",
    "做好准备",
    "提前储水",
    "敬请",
    "特此",
    "dear residents",
    "please prepare",
)
# The trouble is over: 停电已经修好了，谢谢师傅 is news or thanks, not a report.
SETTLED_WORDS = (
    "修好",
    "好了",
    "恢复了",
    "已恢复",
    "来电了",
    "来气了",
    "来水了",
    "已解决",
    "解决了",
    "已处理",
    "处理好",
    "谢谢",
    "感谢",
    "辛苦",
    "fixed",
    "resolved",
    "back on",
    "working again",
    "thanks",
    "thank you",
)
# Thanks and acknowledgements: a reply made only of these is kept on the ticket, unposted.
THANKS_WORDS = (
    "谢谢",
    "多谢",
    "感谢",
    "辛苦了",
    "辛苦",
    "麻烦了",
    "好的",
    "收到",
    "知道了",
    "thank you",
    "thanks",
    "thx",
    "ok",
    "okay",
    "great",
)
# What may stand beside the thanks: 谢谢祝师傅, thanks so much.
COURTESY_FILLERS = (
    "师傅",
    "老师",
    "你们",
    "您",
    "大家",
    "了",
    "啦",
    "啊",
    "哈",
    "very much",
    "so much",
)
COURTESY_NAME_ROOM = 2  # a surname, or a short given name
# Any of these means there is news for the assignee after all: 谢谢 还没修好, 师傅几点来.
NOT_COURTESY_MARKERS = (
    *("没", "不", "吗", "?", "还", "几", "怎么", "什么", "漏", "坏", "停", "味"),
    *("but", "still", "not", "when", "where"),
)

# A yes/no question about a fault (3栋停电了吗？) asks; it does not report.
YES_NO_QUESTION_ENDINGS = ("吗", "么", "没有", "是不是", "对吗")

FAULT_WORDS = (
    "停电",
    "没电",
    "断电",
    "跳闸",
    "漏电",
    "停气",
    "没气",
    "打不着",
    "点不着",
    "不着火",
    "熄火",
    "灭了",
    "火很小",
    "漏水",
    "渗水",
    "爆管",
    "水管爆",
    "堵了",
    "堵塞",
    "堵住",
    "堵死",
    "坏了",
    "损坏",
    "坏掉",
    "失灵",
    "不亮",
    "停水",
    "没水",
    "不出水",
    "没有热水",
    "没热水",
    "不热",
    "故障",
    "不能用",
    "用不了",
    "不制冷",
    "不制热",
    "有问题",
    "出问题",
    "需要维修",
    "报修",
    "no power",
    "power outage",
    "power cut",
    "blackout",
    "no electricity",
    "no gas",
    "leak",
    "leaks",
    "leaking",
    "broken",
    "not working",
    "doesn't work",
    "does not work",
    "won't light",
    "no water",
    "no heat",
    "no hot water",
    "clogged",
    "blocked",
)
