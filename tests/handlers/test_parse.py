"""What the bot reads in a group message: reports, ticket commands, help, or just chat."""

from typing import Any

import pytest

from handlers.normalize import normalize, normalize_traced
from handlers.parse import is_courtesy, parse

# --- normalize ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("＃１２　滿意", "#12 满意"),
        ("報修：３棟２單元５０１", "报修:3栋2单元501"),
        ("廚房著火了", "厨房着火了"),
        ("我家沒氣了", "我家没气了"),
        ("號樓 報修 隱患 投訴 諮詢", "号楼 报修 隐患 投诉 咨询"),
        ("轉派 催辦 查詢 幫助 處理", "转派 催办 查询 帮助 处理"),
        ("停電 冒煙", "停电 冒烟"),
        ("Building 9  Unit\t2", "building 9 unit 2"),
        ("  第一行  \n\n第二行\t ", "第一行 \n\n第二行"),
        ("", ""),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_normalize_traces_back_to_the_source() -> None:
    traced = normalize_traced("  ＃報修　３棟  燃氣灶打不著火")
    assert traced.text == "#报修 3栋 燃气灶打不着火"
    assert traced.source_slice(traced.text.index("燃")) == "燃氣灶打不著火"


# --- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["帮助", "幫助", "/help", "/help@GridStewardBot", "help", "HELP", "使用说明", "怎么用？"],
)
def test_help(text: str) -> None:
    assert parse(text).intent == "help"


# --- commands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "ticket", "body"),
    [
        # claim
        ("接单", "claim", None, ""),
        ("接單", "claim", None, ""),
        ("/claim", "claim", None, ""),
        ("/claim 12", "claim", "12", ""),
        ("claim", "claim", None, ""),
        ("claim #12", "claim", "12", ""),
        ("I'll take it", "claim", None, ""),
        ("接单 #12", "claim", "12", ""),
        ("#12 接单", "claim", "12", ""),
        ("＃１２ 接單", "claim", "12", ""),
        ("工单12 接单", "claim", "12", ""),
        ("收到，马上接单", "claim", None, ""),
        # progress
        ("到场", "progress", None, ""),
        ("已到场", "progress", None, ""),
        ("師傅已到場", "progress", None, ""),
        ("处理中", "progress", None, ""),
        ("正在处理", "progress", None, ""),
        ("on site", "progress", None, ""),
        ("/progress", "progress", None, ""),
        ("in progress", "progress", None, ""),
        ("#12 到场", "progress", "12", ""),
        # resolve
        ("#12 已完成 更换了点火针", "resolve", "12", "更换了点火针"),
        ("#12 已完成 換了點火針", "resolve", "12", "換了點火針"),
        ("已处理", "resolve", None, ""),
        ("已修好", "resolve", None, ""),
        ("修好了", "resolve", None, ""),
        ("搞定了 换了减压阀", "resolve", None, "换了减压阀"),
        ("已完成 #12 换了阀门", "resolve", "12", "换了阀门"),
        ("换了点火针，已完成 #12", "resolve", "12", ""),
        ("/done 12 replaced igniter", "resolve", "12", "replaced igniter"),
        ("/done@GridStewardBot 12", "resolve", "12", ""),
        ("done #12", "resolve", "12", ""),
        ("resolved #12 Replaced the valve", "resolve", "12", "Replaced the valve"),
        ("fixed #12", "resolve", "12", ""),
        ("all done", "resolve", None, ""),
        # reassign (target checked below)
        ("转派 #12 @陈明", "reassign", "12", ""),
        ("轉派 #12 @chen", "reassign", "12", ""),
        ("/reassign 12 @chen", "reassign", "12", ""),
        ("reassign #12 to @chen", "reassign", "12", ""),
        # return
        ("退回 #12 不是我们网格", "return", "12", "不是我们网格"),
        ("退回 #12 不是我們網格", "return", "12", "不是我們網格"),
        ("/return 12 wrong grid", "return", "12", "wrong grid"),
        ("return #12 not ours", "return", "12", "not ours"),
        # confirm
        ("#12 满意", "confirm", "12", ""),
        ("#12 滿意", "confirm", "12", ""),
        ("满意 #12", "confirm", "12", ""),
        ("/confirm 12", "confirm", "12", ""),
        ("#12 satisfied", "confirm", "12", ""),
        ("非常满意", "confirm", None, ""),
        # reopen: 不满意 holds 满意, and must not read as a confirmation
        ("#12 不满意 还是打不着", "reopen", "12", "还是打不着"),
        ("#12 不滿意", "reopen", "12", ""),
        ("/reopen 12", "reopen", "12", ""),
        ("#12 not satisfied", "reopen", "12", ""),
        ("#12 unsatisfied", "reopen", "12", ""),
        # urge
        ("催办 #12", "urge", "12", ""),
        ("催辦 #12", "urge", "12", ""),
        ("/urge 12", "urge", "12", ""),
        ("urge #12", "urge", "12", ""),
        ("hurry up #12", "urge", "12", ""),
        # query
        ("查询 #12", "query", "12", ""),
        ("查詢 #12", "query", "12", ""),
        ("/status 12", "query", "12", ""),
        ("status #12", "query", "12", ""),
        ("进度 #12", "query", "12", ""),
        ("#12 进度", "query", "12", ""),
        ("#12 进度？", "query", "12", ""),
    ],
)
def test_commands(text: str, intent: str, ticket: str | None, body: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.ticket, parsed.body) == (intent, ticket, body)
    assert not parsed.weak
    shown = parsed.to_json()
    assert shown["intent"] == intent and shown.get("ticket") == ticket
    assert (shown["emergency"], shown["address"], shown["incomplete"]) == (False, {}, False)


@pytest.mark.parametrize(
    ("text", "intent", "ticket"),
    [
        # Ticket numbers as people write them, the number anywhere.
        ("3号单我接了", "claim", "3"),
        ("第5单我去 吃完饭就过去", "claim", "5"),
        ("工单12我接了", "claim", "12"),
        ("单号15 收到 我这就过去", "claim", "15"),
        ("＃8 我来处理", "claim", "8"),
        ("第三单 到现场了", "progress", "3"),
        ("ticket 6 - waiting for a replacement part, back tomorrow", "progress", "6"),
        ("#3 在路上了 前面堵车", "progress", "3"),
        ("工单11 已修复 表箱门换了个新的", "resolve", "11"),
        ("Done with ticket 7, the drain was clogged with grease", "resolve", "7"),
        ("#4 修好了 谢谢师傅", "confirm", "4"),
        ("3号单满意 服务挺好", "confirm", "3"),
        ("#4 不满意 修完第二天又开始滴水", "reopen", "4"),
        ("第9单 又跳闸了 跟之前一模一样", "reopen", "9"),
        ("#12 还没修好", "reopen", "12"),
        ("#12 怎么还没人来", "urge", "12"),
        ("工单6 都三天了还没处理", "urge", "6"),
        ("#12 修好了吗", "query", "12"),
        ("3号单现在啥状态", "query", "3"),
        ("工单2 有人接了没", "query", "2"),
        ("3号单退了 不是我们网格的楼", "return", "3"),
        ("#9 退回 私人装修弄坏的", "return", "9"),
    ],
)
def test_commands_in_everyday_words(text: str, intent: str, ticket: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.ticket, parsed.weak) == (intent, ticket, False)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Everyday phrases that are commands only from the right person about the right
        # ticket: handlers.meaning decides with the context.
        ("好的 我下午过去", "claim"),
        ("到了", "progress"),
        ("大概半小时到", "progress"),
        ("配件没货 明天再来", "progress"),
        ("好了 谢谢师傅", "confirm"),
        ("完成", "resolve"),
    ],
)
def test_everyday_phrases_are_commands_that_need_context(text: str, intent: str) -> None:
    parsed = parse(text)
    assert parsed.intent == intent
    assert parsed.weak or intent == "progress"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("转派 #12 @陈明", "陈明"),
        ("轉派 #12 @陳明", "陈明"),
        ("轉派 #12 @chen", "chen"),
        ("/reassign 12 @chen", "chen"),
        ("reassign #12 to @Chen", "chen"),
        ("转派 #12 给陈明", "陈明"),
        ("转给陈明 #12", "陈明"),
        ("@网格管家 转派 #12 @陈明", "陈明"),
        ("转派 #12", None),
        ("转派 #12 他处理不了", None),
        ("@刘红 #12 你处理一下", "刘红"),
        ("#12 交给陈明吧 他离得近", "陈明"),
        ("12号单让陈明去吧 我今天在区里开会", "陈明"),
        ("@陈明 第12单你跑一趟", "陈明"),
        ("reassign #12 to 刘红 please, it's her grid", "刘红"),
    ],
)
def test_reassign_target(text: str, target: str | None) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.ticket, parsed.target) == ("reassign", "12", target)


@pytest.mark.parametrize("text", ["收到", "收到！", "好的", "on it", "I'm on it", "got it"])
def test_an_acknowledgement_is_chat_that_may_claim(text: str) -> None:
    """Claims only in context (handlers.meaning): weak, and a claim is what it may mean."""
    parsed = parse(text)
    assert parsed.weak
    assert parsed.intent in ("none", "claim")
    assert "claim" in parsed.alternatives


def test_an_acknowledgement_naming_a_ticket_claims_it() -> None:
    parsed = parse("#12 收到")
    assert (parsed.intent, parsed.ticket, parsed.weak) == ("claim", "12", False)


@pytest.mark.parametrize(
    ("text", "ticket"),
    [
        ("今天的通知收到了吗", None),
        ("well done", None),
        ("/unknown 12", None),
        ("昨天停电了 好在修好了", None),
        ("给物业点个赞 上周电梯坏了第二天就修好了", None),
        ("已经有人报了 师傅在路上了 大家别重复发了", None),
        ("I bought ticket 9 for the show", "9"),  # the bot answers no "ticket 9" it lacks
    ],
)
def test_not_a_command(text: str, ticket: str | None) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.ticket) == ("none", ticket)


def test_a_question_about_arrival_is_a_query_not_a_claim() -> None:
    parsed = parse("师傅辛苦了，今天晚上八点左右能到场吗")
    assert parsed.intent != "claim"
    assert "query" in (parsed.intent, *parsed.alternatives)


# --- reports --------------------------------------------------------------------------------

A_501 = {"building": "3", "unit": "2", "room": "501"}


@pytest.mark.parametrize(
    ("text", "kind", "address", "body"),
    [
        ("#报修 3栋2单元501 燃气灶打不着火", "repair", A_501, "3栋2单元501 燃气灶打不着火"),
        ("【报修】3栋2单元501 燃气灶打不着火", "repair", A_501, "3栋2单元501 燃气灶打不着火"),
        ("[报修]3栋2单元501 燃气灶打不着火", "repair", A_501, "3栋2单元501 燃气灶打不着火"),
        ("报修：3栋2单元501 燃气灶打不着火", "repair", A_501, "3栋2单元501 燃气灶打不着火"),
        ("报修:3栋2单元501 燃气灶打不着火", "repair", A_501, "3栋2单元501 燃气灶打不着火"),
        ("＃報修 3棟2單元501 燃氣灶打不著火", "repair", A_501, "3棟2單元501 燃氣灶打不著火"),
        ("@网格管家 #报修 3栋2单元501 漏水", "repair", A_501, "3栋2单元501 漏水"),
        ("#隐患 3栋楼道堆满杂物", "hazard", {"building": "3"}, "3栋楼道堆满杂物"),
        ("#隱患 樓道堆滿雜物", "hazard", {}, "樓道堆滿雜物"),
        ("#投诉 楼上装修太吵", "complaint", {}, "楼上装修太吵"),
        ("【投訴】樓上裝修太吵", "complaint", {}, "樓上裝修太吵"),
        ("#咨询 物业费怎么交", "inquiry", {}, "物业费怎么交"),
        ("#諮詢 物業費怎麼交", "inquiry", {}, "物業費怎麼交"),
        (
            "#repair building 9 room 302 no power",
            "repair",
            {"building": "9", "room": "302"},
            "building 9 room 302 no power",
        ),
        ("#hazard blocked fire exit", "hazard", {}, "blocked fire exit"),
        ("#complaint noisy neighbours", "complaint", {}, "noisy neighbours"),
        ("#question how do I pay the fee?", "inquiry", {}, "how do I pay the fee?"),
        ("#inquiry opening hours", "inquiry", {}, "opening hours"),
        ("repair: sink leaking at 3-2-501", "repair", A_501, "sink leaking at 3-2-501"),
    ],
)
def test_tagged_reports(text: str, kind: str, address: dict[str, str], body: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.kind, parsed.body) == ("report", kind, body)
    assert parsed.to_json() == {
        "intent": "report",
        "kind": kind,
        "emergency": False,
        "address": address,
        "incomplete": False,
    }


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("#报修", "repair"),
        ("#报修  ！！", "repair"),
        ("【報修】", "repair"),
        ("#投诉：", "complaint"),
    ],
)
def test_empty_tag_is_an_incomplete_report(text: str, kind: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.kind, parsed.incomplete, parsed.body) == (
        "report",
        kind,
        True,
        "",
    )


@pytest.mark.parametrize(
    ("text", "expected", "body"),
    [
        (
            "地址：3栋2单元501\n问题：燃气灶打不着火\n电话：13812345678",
            {"kind": "repair", "address": A_501, "phone": "138****5678"},
            "燃气灶打不着火",
        ),
        (
            "#报修\n地址：3棟2單元501\n問題描述：燃氣灶打不著火",
            {"kind": "repair", "address": A_501},
            "燃氣灶打不著火",
        ),
        (
            "类型：投诉\n内容：楼上装修太吵\n联系人：王女士\n手机：139 1234 5678",
            {"kind": "complaint", "address": {}, "phone": "139****5678"},
            "楼上装修太吵",
        ),
        (
            "地址: 3栋2单元501 情况: 卫生间漏水",
            {"kind": "repair", "address": A_501},
            "卫生间漏水",
        ),
        (
            "Address: building 9 room 302\nProblem: no hot water\n"
            "Phone: 0574-87654321\nType: hazard",
            {
                "kind": "hazard",
                "address": {"building": "9", "room": "302"},
                "phone": "0574-****4321",
            },
            "no hot water",
        ),
    ],
)
def test_field_forms(text: str, expected: dict[str, Any], body: str) -> None:
    parsed = parse(text)
    assert parsed.body == body
    assert parsed.to_json() == {
        "intent": "report",
        "emergency": False,
        "incomplete": False,
        **expected,
    }


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("家里停电了，10栋2单元801", {"building": "10", "unit": "2", "room": "801"}),
        ("我家没气了 5栋3单元202", {"building": "5", "unit": "3", "room": "202"}),
        ("我家沒氣了 5棟3單元202", {"building": "5", "unit": "3", "room": "202"}),
        ("3栋2单元501 燃气灶打不着火", A_501),
        ("12栋1单元302 卫生间漏水", {"building": "12", "unit": "1", "room": "302"}),
        ("三栋二单元五零一 停水了", A_501),
        ("3-2-501 下水道堵了", A_501),
        ("我要报修 3栋2单元501", A_501),
        ("no power at building 9 unit 1 room 302", {"building": "9", "unit": "1", "room": "302"}),
        ("Room 501, Building 3: the kitchen tap is leaking", {"building": "3", "room": "501"}),
    ],
)
def test_fault_with_address_is_a_repair(text: str, address: dict[str, str]) -> None:
    parsed = parse(text)
    assert parsed.body == text
    assert parsed.to_json() == {
        "intent": "report",
        "kind": "repair",
        "emergency": False,
        "address": address,
        "incomplete": False,
    }


def test_report_keeps_phone_and_id_number_but_shows_the_phone_masked() -> None:
    parsed = parse("#报修 3栋2单元501 漏水 电话13812345678 身份证110101199003071234")
    assert (parsed.phone, parsed.id_number) == ("13812345678", "110101199003071234")
    assert parsed.to_json()["phone"] == "138****5678"
    assert "id_number" not in parsed.to_json()


def test_tagged_form_with_only_a_phone_is_incomplete() -> None:
    assert parse("#报修\n电话：13812345678").to_json() == {
        "intent": "report",
        "kind": "repair",
        "emergency": False,
        "address": {},
        "incomplete": True,
        "phone": "138****5678",
    }


# --- emergencies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "danger", "address"),
    [
        ("楼道里有很浓的燃气味", "hazard", "gas", {}),
        ("樓道裡有很濃的燃氣味", "hazard", "gas", {}),
        ("闻到煤气味了，快来人", "hazard", "gas", {}),
        ("厨房漏气了 3栋2单元501", "hazard", "gas", A_501),
        ("燃气泄漏！", "hazard", "gas", {}),
        ("收到 燃气味很大 快来", "hazard", "gas", {}),
        ("燃气报警器一直在叫 我都不敢开灯", "hazard", "gas", {}),
        ("一氧化碳报警器响了 小孩说头晕", "hazard", "gas", {}),
        ("I smell gas in the hallway", "hazard", "gas", {}),
        ("there is a gas leak in building 9", "hazard", "gas", {"building": "9"}),
        ("楼下冒烟了", "hazard", "fire", {}),
        ("樓下冒煙了", "hazard", "fire", {}),
        ("廚房著火了！3栋2单元501", "hazard", "fire", A_501),
        ("5栋起火了", "hazard", "fire", {"building": "5"}),
        ("smoke coming from room 501", "hazard", "fire", {"room": "501"}),
        ("the kitchen is on fire", "hazard", "fire", {}),
        ("Fire! building 3", "hazard", "fire", {"building": "3"}),
        ("插座冒火花了 一股烧焦味", "hazard", "electric", {}),
        ("电表箱冒烟了 6栋2单元", "hazard", "electric", {"building": "6", "unit": "2"}),
        ("电线掉在地上了 还在冒火星", "hazard", "electric", {}),
        ("sparks coming out of the socket in my kitchen", "hazard", "electric", {}),
        ("电梯困人了 3号楼2单元 里面有个老太太", "hazard", "lift", {"building": "3", "unit": "2"}),
        ("救命 电梯卡住了 我在电梯里 门打不开", "hazard", "lift", {}),
        ("電梯困人了 快來", "hazard", "lift", {}),
        ("someone's trapped in the elevator of building 10", "hazard", "lift", {"building": "10"}),
        ("1号配电房进水了 水已经淹到柜子底下了", "hazard", "water", {"place": "1号配电房"}),
        ("楼上漏水漏到我家电表箱里了", "hazard", "water", {}),
        # A tagged report keeps its tag's kind and is flagged.
        ("#报修 3栋2单元501 厨房有燃气味", "repair", "gas", A_501),
        ("#投诉 楼道总有人抽烟，今天还冒烟了", "complaint", "fire", {}),
    ],
)
def test_emergencies(text: str, kind: str, danger: str, address: dict[str, str]) -> None:
    assert parse(text).to_json() == {
        "intent": "report",
        "kind": kind,
        "emergency": True,
        "emergency_type": danger,
        "address": address,
        "incomplete": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "【通知】明天检修燃气管道，如发现燃气味请立即拨打96777",
        "温馨提示：天气干燥，注意防火",
        "提醒：出门前关好燃气阀门，以免漏气",
        "如有燃气味请开窗通风并拨打热线",
        "没有燃气味了",
        "燃气味已经没了",
        "已经不漏气了",
        "本周六上午消防演练",
        "no smell of gas anymore",
        "Reminder: if you smell gas, call 96777",
        "fireworks tonight!",
        "the firewall is down again",
        "明天燃气管道检修，届时可能有燃气味",
        "转发：某地一居民楼燃气爆炸 致3人受伤 大家用气一定要小心啊",
        "看新闻没 隔壁区有个小区电动车在楼道充电着火",
        "温馨提示：被困电梯时请保持冷静 按警铃等待救援",
        "昨晚电梯困人那事后来咋样了 人没事吧",
        "刚才那股煤气味是楼下在炒辣椒 误会误会😂",
        "明天上午十点小区消防演练 到时会有警报和烟雾",
        "天冷了大家注意 做饭别离人 锅烧干了容易着火",
    ],
)
def test_not_emergencies(text: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.emergency) == ("none", False)


def test_tagged_precaution_is_no_emergency() -> None:
    parsed = parse("#咨询 如发现燃气味应该打什么电话")
    assert (parsed.intent, parsed.kind, parsed.emergency) == ("report", "inquiry", False)


# --- chat -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "?",
        "？",
        "👍",
        "😂😂😂",
        "你好",
        "大家早上好",
        "谢谢祝师傅",
        "謝謝祝師傅",
        "thanks!",
        "【通知】明天上午9点停水检修",
        "明天停电检修，请大家做好准备",
        "我住3栋2单元501",  # an address without a fault
        "今天天气不错，" * 40,
    ],
)
def test_chat_stays_none(text: str) -> None:
    parsed = parse(text)
    assert parsed.to_json() == {
        "intent": "none",
        "emergency": False,
        "address": {},
        "incomplete": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "各位居民：3栋明天9点停电检修，请提前做好准备",
        "停电通知：3栋明天停电",
        "明天3栋停电检修",
        "3栋今晚8点停水，请提前储水",
        "昨天3栋停电了，现在好了",
        "we are no. 1",
        "上周那次停水是因为啥啊",
        "专业疏通下水道 马桶 地漏 价格实惠 加微信",
        "今日工作安排：上午3号楼入户安检 下午检查2号配电房",
    ],
)
def test_group_news_thanks_and_questions_are_not_reports(text: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.emergency, parsed.ticket) == ("none", False, None)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # "It is fixed" is the reporter confirming or the steward resolving, never a report.
        ("3栋停电已经修好了，谢谢师傅", "confirm"),
        ("building 3 power is back on, thanks!", "confirm"),
        ("3栋2单元501漏气已经修好了", "resolve"),
    ],
)
def test_a_trouble_said_to_be_over_is_no_report(text: str, intent: str) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.emergency) == (intent, False)


@pytest.mark.parametrize(
    ("text", "doubtful"),
    [
        # The speaker's own fault without a place: a ticket that asks for the address.
        ("我家停电了", False),
        ("家里燃气灶打不着火了", False),
        # Fault words alone, or a yes/no question about one: 待确认, for a person to look at.
        ("no power again", True),
        ("3栋停电了吗？", True),
        ("3棟停電了嗎？", True),
        ("停电了", True),
    ],
)
def test_a_fault_without_a_place_is_a_report_or_doubtful(text: str, doubtful: bool) -> None:
    parsed = parse(text)
    assert (parsed.intent, parsed.doubtful) == ("report", doubtful)


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        ("燃气灶打着火后又灭了 3栋2单元501", False),
        ("燃气灶能着火但是火很小 3栋2单元501", False),
        ("gas leaking in building 3 unit 2", True),
        ("聞到瓦斯味", True),
    ],
)
def test_lighting_a_stove_is_no_fire_and_gas_leaking_is(text: str, emergency: bool) -> None:
    parsed = parse(text)
    assert parsed.intent == "report" and parsed.emergency is emergency


def test_a_field_form_with_empty_fields_is_incomplete() -> None:
    parsed = parse("地址：\n问题：")
    assert parsed.intent == "report" and parsed.incomplete


@pytest.mark.parametrize(
    "text", ["谢谢祝师傅！", "谢谢", "好的👍", "辛苦了", "thanks!", "👍", "多謝師傅"]
)
def test_courtesies(text: str) -> None:
    assert is_courtesy(text)


@pytest.mark.parametrize(
    "text",
    [
        "还是打不着",
        "好的，马上过去看看",
        "谢谢，但是还在漏水",
        "thanks but still leaking",
        "谢谢 还没修好",
        "嗯 没修好",
        "师傅还没来",
        "好的 水漏了",
        "您好 在吗",
        "师傅几点来",
    ],
)
def test_not_courtesies(text: str) -> None:
    assert not is_courtesy(text)
