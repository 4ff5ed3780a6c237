"""How people ask the bot to move a ticket, in simplified, traditional (as normalised) and English.

Each intent has cues: `STRONG` cues decide on their own ("接单", "转派", "不满意"); `SOFT` cues are
everyday phrases that mean the command only in context ("到了", "好了 谢谢", "我下午过去"): the
parser reports them, and handlers.meaning accepts them when the speaker and the ticket fit.
"""

from __future__ import annotations

from handlers.words import words

CLAIM_STRONG = words(
    *("接单", "已接单", "我接单", "抢单", "领单", "认领", "我接了", "我来接", "我接", "我接咗"),
    *("这单我来", "这单我接", "这单交给我", "交给我", "我来处理", "我来负责", "我负责", "我跟进"),
    *("我来跟", "我嚟跟", "我来跟进", "这个我来", "这单我跟", "归我了", "我去处理"),
    "re:(?:这|那)(?:单|个)(?:就)?(?:我|交给我)(?:来|去|接|处理|跟)",
    "re:^接\\s*$",
    *("claim", "claimed", "i'll take it", "i will take it", "taking it", "i'll take this"),
    "re:i'?ll (?:take|handle|deal with|go)",
    "re:(?:i'm|i am) taking",
)
# Acknowledgements: chat on their own, a claim only from a steward replying to a ticket.
ACKS = words(
    *("收到", "好的", "好嘞", "好滴", "行", "ok", "okay", "没问题", "知道了", "明白", "嗯嗯", "嗯"),
    *("got it", "roger", "noted", "will do", "on it", "i'm on it"),
)
CLAIM_SOFT = words(
    "re:(?:弄完|忙完|修完|处理完|搞完)(?:这家|这单|手上的|这边)?就(?:上去|过去|过来|来|到)",
    "re:(?:而家|现在|马上)(?:过嚟|过来|过去)",
    *("马上安排", "这就安排", "我安排", "我这边安排", "安排一下", "安排人", "安排师傅"),
    "re:我(?:这边|这就|马上|现在|一会儿?|等会儿?|稍后|待会儿?|下午|上午|晚上|明天|明早|今天|下班|"
    "吃完饭|中午)?.{0,6}(?:过去|上门|去看|去瞅|去瞧|去一趟|去处理|去修|过来|来看|去|上楼|下楼|上去)"
    "(?:看看|看一下|瞅瞅|瞧瞧|瞅一眼|处理|修)?",
    "re:(?:\\d{1,2}|[一二两三四五六七八九十]{1,3})点(?:半|钟)?(?:左右|前|以前)?(?:到|过去|上门)",
    "re:(?:下午|上午|晚上|明天|明早|今天|稍后|待会|一会儿?|马上|这就).{0,8}(?:上门|过去|去看)",
    "re:(?:我去|我过去)(?:看看|瞅瞅|瞧瞧|看一下|瞅一眼|一趟)?",
    *("on my way later", "heading over", "i'll go"),
    "re:(?:晚点|回头|待会儿?|一会儿?|等会儿?|下午|明天)(?:再)?(?:弄|搞|修|处理)",
)
PROGRESS_STRONG = words(
    *("已到场", "到场", "到现场", "已到达", "已上门", "已出发", "出发了", "在路上", "上门了"),
    *("处理中", "正在处理", "在处理", "维修中", "正在修", "在修", "正在抢修", "抢修中", "排查中"),
    *("在排查", "正在排查", "在检查", "正在检查", "在查", "还在查", "检查中", "在弄", "正在弄"),
    *("在搞", "搞紧", "整紧", "喺度搞", "已到咗", "到咗"),
    *("等配件", "等零件", "配件没货", "零件订了", "材料没到", "缺配件", "需要换件", "得换"),
    "re:(?:配件|零件|材料|备件|件)(?:没货|没到|订了|还没到|要等|在路上|缺)",
    "re:(?:明天|后天|改天|下次|回头)(?:再来|再过来|再上门|再修|给装)",
    "re:(?:半小时|半个小时|半个钟|(?:\\d+|[一二两三四五六七八九十]+)(?:个)?(?:分钟|小时|钟头|min|mins))"
    "(?:左右|以内|内)?(?:就|能|可以)?到",
    "re:马上到|快到了|这就到|就到了|到楼下了|(?:我|人|已经|已)在(?:楼下|门口|单元门口)了?|到门口了",
    *("on site", "onsite", "on-site", "in progress", "on my way", "on the way", "arrived"),
    *("checking", "working on it", "waiting for a part", "waiting for parts", "back tomorrow"),
    *("i'm here", "i am here", "be there in"),
    "re:在(?:你家|您家|你们家)(?:门口|楼下)了?",
)
PROGRESS_SOFT = words(
    *("入户看了", "约了", "正在排查", "估计是", "应该是", "查到"),
    "re:(?<!收)(?<!看)(?<!得)到了",
    *("人到了", "我到了", "已经到了", "出门了", "在路上了", "在联系", "正在联系"),
    *("联系了", "得多一会儿", "不好找", "上门看了", "看过了", "查到是", "找到原因"),
    "re:等.{0,10}(?:过来|来了再|到了再|配件|零件|材料|厂家|一起看)",
)
RESOLVE_STRONG = words(
    *("已经换了", "弄完了", "搞完了", "做完了", "整完了", "不会再滴", "不会再漏"),
    *("已完成", "已处理", "已修好", "已修复", "已解决", "修好了", "修好", "处理好了", "处理好"),
    *("处理完毕", "处理完成", "处理完了", "维修完成", "修完了", "修完", "搞定", "搞掂", "办结"),
    *("已办结", "完工", "弄好了", "搞好了", "整好了", "换好了", "已更换", "已疏通"),
    *("疏通好了", "通了", "已恢复", "恢复运行", "恢复供", "已送电", "已通气", "已通水", "结单"),
    *("已經修好", "修復咗", "搞掂咗", "整好咗", "搞好咗"),
    "re:(?<!well )done",
    *("resolved", "resolve", "fixed", "completed", "complete", "finished", "sorted"),
    *("all sorted", "all done", "repaired", "running again", "working again", "back on"),
)
RESOLVE_SOFT = words(
    *("热了", "现在热了", "放了气", "现在好了", "换了新的", "应该不会再"),
    *(
        "完成",
        "完成了",
        "好了",
        "可以用了",
        "能用了",
        "正常了",
        "没问题了",
        "就好了",
        "不滴了",
        "不漏了",
    ),
    *("亮了", "通了", "来电了", "来水了", "来气了", "打着了", "能打着了", "打着火了"),
)
REASSIGN_STRONG = words(
    *("转派", "改派", "转给", "转交", "转俾", "派给", "指派", "分派给", "转一下", "转单"),
    *("reassign", "transfer", "hand over", "assign to", "assign"),
)
# Words that hand a ticket to a named colleague when a ticket is named: "#6 交给陈明吧".
REASSIGN_GIVE = ("交给", "派给", "转给", "转俾", "转", "改派", "让", "给", "先给")
# What a supervisor says to the colleague they @mention: "@刘红 #7 你处理一下".
REASSIGN_ASKS = words(
    "re:你(?:今天|现在|马上|明天|下午|上午|有空|抽空|先|帮忙)?(?:去|来|接|跟|处理|负责|看|跑|弄|修)",
    *("你处理", "你去", "你接", "你跟", "你跑一趟", "你看下", "你看一下", "你去看", "跟进一下"),
    *("辛苦跟进", "处理一下", "去看看", "去一趟", "你负责", "接一下", "你来", "跟一下"),
    "re:(?:师傅|姐|哥)?你(?:去|来|接|跟|处理|负责|看)",
    *("please handle", "can you take", "please take", "please follow up", "take care of"),
)
RETURN_STRONG = words(
    *("退回", "退单", "退回去", "退了", "退返"),
    "re:不(?:归|属于|是)(?:我们|咱们|本)(?:网格|片区|管|的|负责|范围)",
    "re:(?:我们|咱们)(?:弄不了|管不了|处理不了|修不了|动不了)",
    *("不在我们片区", "不在我们网格", "不是我们网格", "不属于本网格", "唔属于本网格"),
    *("return", "returning", "send back", "sending back", "not our grid", "not ours"),
)
CONFIRM_STRONG = words(
    *("可以结单", "可以关单", "关单吧", "可以销单", "确认没问题", "very happy"),
    *("满意", "非常满意", "很满意", "挺满意", "满意满意", "确认完成", "确认解决", "确认修好"),
    *("好评", "五星好评", "给好评"),
    *("satisfied", "confirm", "confirmed", "very satisfied"),
)
# Thanks and praise: "修好了" with these is the reporter confirming, not the steward resolving.
CONFIRM_THANKS = words(
    *("谢谢", "多谢", "感谢", "辛苦", "辛苦了", "辛苦辛苦", "麻烦了", "唔该", "唔该晒", "多谢晒"),
    *("点赞", "👍", "🌹", "🙏", "给力", "靠谱"),
    *("thanks", "thank you", "thx", "cheers", "appreciate"),
)
CONFIRM_SOFT = words(
    *("好了", "可以了", "能用了", "没问题了", "没事了", "正常了", "已经好了", "真好了", "得咗"),
    *("好咗", "亮了", "来水了", "来电了", "来气了", "打着了", "火打着了", "不漏了", "不滴了"),
    *("working now", "all good", "works now", "it's working", "it works", "fixed now"),
    "re:(?:works|working|drains|flushes|lights|runs|running|heats|fine|ok|okay|good|back) now",
)
REOPEN_STRONG = words(
    *("不满意", "不太满意", "很不满意", "非常不满意", "重新打开", "重新处理", "差评", "唔满意"),
    *("没修好", "根本没修", "没解决", "没有解决", "没处理好", "没弄好", "没搞好", "冇整好"),
    *("还是不行", "还是不好", "还是坏", "还是老样子", "一点没变", "一模一样", "再来一次"),
    *("问题还在", "问题没解决", "还没好", "根本没来人", "没人来就", "咋就显示修好", "怎么就显示"),
    *("not satisfied", "unsatisfied", "dissatisfied", "not happy", "reopen", "re-open"),
    *("not fixed", "still not working", "still broken", "broken again", "stopped again"),
    "re:still (?:not|leaking|off|broken|no|cold|dripping)",
    "re:还是(?:不|没|漏|滴|凉|冷|打不|点不|刷不|跳|停|那么|一样|老)",
    "re:还是?不work",
    "re:(?:修完|修好|师傅走|走了?)(?:第二天|隔天|没多久|冇耐|不久|一会儿?|以后|后)?.{0,4}又",
    "re:(?:leaking|broken|stopped|tripping|blocked|dripping|off|broke|not working) again",
)
# Trouble come back: a reopen from the reporter of a finished ticket, a report otherwise.
REOPEN_SOFT = words(
    "re:(?:又|又开始|又在|重新)(?:漏|滴|坏|跳闸|跳掣|跳炸|跳电|停|打不着|点不着|不亮|不热|不出|堵|冒|响)",
    *("又坏了", "又不行了", "还是有问题", "还是往下", "还是漏"),
)
URGE_STRONG = words(
    *("加快", "再催", "快啲", "仲未有人", "come faster", "faster please", "any time soon"),
    "re:有人吗.{0,8}(?:报修|等|一天|半天)",
    *("催办", "催单", "催一下", "催促", "催催", "加急", "抓紧", "赶紧处理", "尽快处理"),
    "re:(?:怎么|咋|为啥|为什么|到底)还?(?:没|不)(?:人|来|处理|动静|修|管|到)",
    *("没动静", "没人理", "没回音", "没人来", "没人管", "没人回", "一直没来"),
    "re:还(?:没|不)(?:人来|来人|处理|动静|修|管|派人)",
    "re:(?:到底|究竟)?还来不来",
    "re:(?:能不能|可不可以|可唔可以|能否|请|麻烦)?快(?:点|些|啲|一点)",
    "re:等(?:了)?(?:一|半|好|大半)?(?:上午|下午|天|晚上|早上|个小时|小时|会儿|耐|咗好耐)",
    "re:都(?:等)?(?:了)?(?:[一二两三四五六七八九十几\\d]+|半)(?:个)?(?:小时|天|钟头)了",
    "re:(?:已经|都)超时",
    *("hurry", "hurry up", "urge", "still waiting", "been waiting", "please hurry", "asap"),
)
QUERY_STRONG = words(
    *("查一下", "查下", "查查", "啥情况", "什么情况", "咩情况", "进展如何", "进展怎样", "处理结果"),
    "re:(?:谁|边个|係边个|是谁)(?:在)?(?:负责|跟|跟进|处理|接)",
    "re:(?:派人|有人接|有人管|有人跟|有冇人跟)(?:了)?(?:吗|没|没有|未|冇|嗎)",
    "re:(?:几点|什么时候|啥时候|幾點|几时|何时)(?:能|会)?(?:到|来|过来|上门|嚟)",
    "re:(?:现在|而家)(?:点|怎么样|咋样|如何)",
    *("who is handling", "what time will", "when will the technician", "any news"),
    *("查询", "查进度", "进度", "状态", "到哪了", "到哪一步", "怎么样了", "咋样了", "点样"),
    *("有人接了没", "有人接了吗", "有人接没", "有人管吗", "派给谁", "谁在跟", "在排队"),
    "re:(?:处理|修|弄)(?:得|的)?(?:怎么样|咋样|如何)了?",
    "re:(?:修好|处理好|弄好|搞好|处理|接单)了?(?:吗|没有?|未)",
    *("status", "query", "check status", "any update", "what's the progress", "picked up"),
    "re:has anyone (?:picked|taken|claimed)",
)
HELP_STRONG = words(
    "re:报修(?:是|要|该|应该|需要|得)?.{0,10}(?:格式|怎么|咋|直接发|@谁|找谁|写什么|写啥|发哪)",
    "re:how (?:do|can|should) i (?:report|use|ask)",
    *("帮助", "使用说明", "说明书", "怎么用", "如何使用", "用法", "菜单", "咋用", "怎么报修"),
    *(
        "如何报修",
        "咋报修",
        "点样报修",
        "怎样报修",
        "什么格式",
        "啥格式",
        "都有啥命令",
        "有哪些命令",
    ),
    *("命令", "指令", "怎么操作"),
    *("help", "how do i report", "how to report", "commands"),
)
DIGEST_STRONG = words(
    *("周报", "本周通报", "上周通报", "这周的通报", "weekly", "weekly report", "week's report"),
    *("日报", "通报", "今日通报", "今天的通报", "情况汇总", "今日统计", "今天统计", "汇总一下"),
    *("daily report", "digest", "daily digest", "today's report"),
)
OVERDUE_STRONG = words(
    *("过了时限", "超过时限", "超时没接", "超时未", "超咗时", "超時"),
    "re:哪些(?:单|工单).{0,10}(?:没|未|超)",
    *("超时", "超时的单", "超时工单", "逾期", "超期", "超咗时", "过期未处理"),
    *("overdue", "late tickets"),
)
REVIEW_STRONG = words(
    *("待确认", "待确认列表", "拿不准", "待审核", "待处理消息"),
    *("review list", "to review", "pending review"),
)
# Answers to the 待确认 list: only as the message's first word ("登记 3", "忽略").
REGISTER_STRONG = words(*("re:^登记", "re:^立单", "re:^建单", "re:^转工单", "re:^register"))
DISMISS_STRONG = words(*("re:^忽略", "re:^不用登记", "re:^不是报修", "re:^dismiss", "re:^ignore"))

SLASH_COMMANDS = {
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
    "assign": "reassign",
    "return": "return",
    "confirm": "confirm",
    "reopen": "reopen",
    "urge": "urge",
    "status": "query",
    "query": "query",
    "digest": "digest",
    "report": "digest",
    "weekly": "digest",
    "overdue": "overdue",
    "review": "review",
    "register": "register",
    "dismiss": "dismiss",
    "ignore": "dismiss",
}

# Words that may surround a command without making it part of a longer sentence.
FILLERS = words(
    *("我们", "我", "已经", "已", "了", "啦", "哈", "好的", "好", "嗯", "师傅", "马上", "现在"),
    *("这边", "收到", "刚刚", "刚", "都", "全部", "这单", "这个", "这就", "去", "来", "吧", "呢"),
    *("麻烦", "请", "一下", "下", "先", "哦", "噢", "呀", "啊", "喔", "咯", "嘞", "ok", "okay"),
    *("i'm", "im", "i", "we", "we're", "am", "are", "now", "already", "just", "it", "all"),
    *("the", "job", "is", "has", "been", "to", "please", "this", "one"),
)
# The speaker asks rather than tells: 修好了吗, 到了没.
QUESTION_ENDINGS = ("吗", "么", "嘛", "呢", "没", "没有", "?", "是不是", "不", "未", "冇")
