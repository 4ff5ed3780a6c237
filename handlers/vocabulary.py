"""The bot's fixed vocabulary: intents and kinds, report tags, form labels, courtesies.

Every entry is in normalised spelling (see handlers.normalize): simplified Chinese, half-width,
lower-case. The words people use for faults, dangers and commands live in handlers/words/.
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
    "digest",
    "overdue",
    "review",
    "register",
    "dismiss",
    "none",
]
Kind = Literal["repair", "hazard", "complaint", "inquiry"]

HELP_WORDS = frozenset({"帮助", "help", "使用说明", "说明书", "怎么用", "如何使用", "用法", "菜单"})

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

COURTESY_NAME_ROOM = 2  # a surname, or a short given name
# Any of these means there is news for the assignee after all: 谢谢 还没修好, 师傅几点来.
NOT_COURTESY_MARKERS = (
    *("没", "不", "吗", "?", "还", "几", "怎么", "什么", "漏", "坏", "停", "味"),
    *("but", "still", "not", "when", "where"),
)

# Any of these means there is news for the assignee after all: 谢谢 还没修好, 师傅几点来.
NOT_COURTESY_MARKERS = (
    *("没", "不", "吗", "?", "还", "几", "怎么", "什么", "漏", "坏", "停", "味"),
    *("but", "still", "not", "when", "where"),
)
