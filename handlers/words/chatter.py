"""What makes a message with fault words the group talking rather than a report.

Notices and planned work, safety propaganda, news from elsewhere, troubles already over,
questions about the past or to the group, thanks for earlier help, ads, jokes, and a steward's
own plan for the day.
"""

from __future__ import annotations

from handlers.words import words

NOTICE = words(
    *("群公告", "@全体成员", "@所有人", "特此", "敬请", "请相互转告", "停电通知", "停水通知"),
    *("停气通知", "通知:", "公告:", "通告:", "【通知", "通知】", "演练通知", "一经发现"),
    *("安全月", "统一清理", "我转告", "转告一下", "转告大家"),
    *("请谅解", "敬请谅解", "请留意", "敬请留意", "届时", "将于", "另行通知", "请提前", "提前做好"),
    *(
        "做好准备",
        "提前储水",
        "提前接",
        "请家里留人",
        "请住户留人",
        "请居民配合",
        "请配合",
        "请错峰",
    ),
    *("请绕行", "车辆请绕行", "逾期", "一律", "请各位", "各位居民", "各位业主", "各位邻居"),
    *("各位街坊", "各位楼长", "全体居民", "致全体", "一封信", "暂停供", "暂停使用", "停运"),
    *("notice", "scheduled", "please keep someone", "no need to evacuate", "announcement"),
)
# Work announced for a time to come: a window of hours, a date, "明天…检修".
FUTURE_WORK = words(
    "re:(?:明天|明日|明早|明晚|后天|下周|本周|这周|周末|今晚|今夜|下午|上午|聽日|听日)"
    ".{0,16}(?:停电|停水|停气|检修|安检|巡查|维修|更换|换|清洗|演练|停运|停用|暂停)",
    "re:\\d{1,2}[:：点]\\d{0,2}\\s?(?:-|至|到|~)\\s?\\d{1,2}[:：点]",
    "re:\\d{1,2}月\\d{1,2}日",
    *("maintenance", "planned", "this saturday", "tomorrow at", "next week"),
)
PLANNED = FUTURE_WORK + words(
    *("计划", "检修", "施工", "年检", "维保", "大修", "改造", "集中更换", "清洗", "试水", "打压"),
    *("试运行", "演练", "演习", "安检", "巡查", "巡检", "排查", "防汛", "会有警报", "警铃测试"),
    *("试验", "提前通知", "预防性"),
    "drill",
)
# A steward or secretary planning or reporting their own round, not a resident's trouble.
STAFF_PLAN = words(
    *("工作安排", "今日工作", "今天的任务", "今日任务", "本周计划", "本周重点", "这周重点"),
    *("明天我在", "下午我去", "明天上午我", "今晚我值班", "我值班", "有事群里@我", "有事打我电话"),
    "re:(?:明天|今天|下午|上午|晚上|待会)(?:我|我们)(?:跟|和).{1,6}去",
    *("今日巡查", "今天入户安检了", "安检完成率", "台账", "开会", "各网格", "网格员", "请各位楼长"),
    *("plan for tomorrow", "meter checks"),
)
# The trouble is over; a fault said after it ("修好了 又坏了") still counts.
SETTLED = words(
    *("修好了", "好了", "恢复了", "已恢复", "来电了", "来水了", "来气了", "搞掂"),
    *("解决了", "已解决", "已处理", "处理好", "就好了", "拧上了", "不用管了", "误会", "误报"),
    *("虚惊一场", "是演练", "不是真", "别担心", "别慌", "放心", "冇事", "现在干了", "又来了"),
    *("换上就好", "修好", "已经没了", "已当场换", "都已", "已经换了", "找到原因", "原来是"),
    *("sorted", "it was my", "turned out", "no longer"),
    *("now fixed", "is back", "back on", "fixed now", "all fine", "no problem now", "is ok now"),
    "re:(?<![人我他她娃孩])没事了?",
)
PAST = words(
    *("昨天", "昨晚", "前天", "上周", "上个月", "去年", "前几天", "前阵子", "上次", "前两天"),
    *("前些天", "前些日子", "上礼拜", "早排", "之前有次", "小时候", "昨儿个", "昨儿", "上学时候"),
    *("yesterday's", "last time", "back then", "when i was"),
    "re:(?<![晚早马])上回(?![家去来])",
    *(
        "那次",
        "那回",
        "那天",
        "以前",
        "曾经",
        "当时",
        "上礼拜",
        "上星期",
        "琴日",
        "尋日",
        "早上那阵",
    ),
    *("后来", "上月", "那场", "刚才那", "之前讲", "之前说"),
    *("yesterday", "last week", "last night", "last month", "last year", "last tuesday"),
    *("last monday", "last wednesday", "last thursday", "last friday", "the other day"),
    *("前年", "大前年"),
)
NEWS = words(
    *("新闻", "据报道", "转发", "转载", "【转", "转:", "视频", "热搜", "网传", "朋友圈", "抖音"),
    *("听说", "某小区", "某地", "某市", "外地", "隔壁区", "隔壁小区", "别的小区", "老城区"),
    *("我姐家", "我妈家", "我朋友", "亲戚家", "全市", "本市", "多地", "专家提醒", "造成", "致"),
    *("on the news", "saw on", "i heard", "next district", "another building", "刷到", "说是"),
)
GROUP_QUESTION = words(
    *("有人知道", "有没有人", "有冇人", "谁知道", "谁有", "谁家", "大家家里", "哪个好用", "啥牌子"),
    *("是不是就是", "是不是因为", "是因为啥", "啥原因", "什么原因", "咩原因", "怎么回事", "会不会"),
    *("好奇", "是不是停过", "有没有人跟我一样", "does anyone", "anyone else", "is everyone ok"),
    *("just curious", "what caused"),
)
THANKS = words(
    *("谢谢", "多谢", "感谢", "辛苦", "点赞", "给力", "多亏", "唔该", "托我谢谢", "thanks"),
    *("thank you", "big thanks"),
)
ADS = words(
    *("价格实惠", "加微信", "私聊", "上门服务", "随叫随到", "24小时服务", "低价", "出售", "转让"),
    *("团购", "拼团", "开锁", "专业疏通", "包邮", "有需要的", "免费安装政策", "链接", "link"),
    *("价格公道", "上门快", "包修", "不砸砖", "防水补漏", "亲测有效", "欢迎咨询"),
)
# Advice to everyone, not a trouble of one's own.
ADVICE = words(
    *("记得", "提醒", "注意", "别让", "请勿", "不要在", "小心", "一定要", "多穿", "以防万一"),
    *("少用", "别用", "可以用", "请大家", "大家注意", "大家少", "大家别", "别重复发", "别报了"),
    *("不要随便", "提高警惕", "要保持", "的记得", "remember", "don't forget", "never charge"),
    *("可以自己", "大家下楼", "家长看着", "提醒一下", "常识", "小常识", "防止", "别开", "错开用"),
    *("请到", "安全提醒"),
    # An instruction for whoever meets the trouble: "如发现漏气…", "发现燃气泄漏请立即关阀".
    "re:(?:如|若|如果|一旦|万一|若是)(?:发现|闻到|遇到|听到|看到)",
    "re:^(?:发现|闻到|遇到)[^,.!?。!?了]{1,12},?\\s?请(?:立即|马上|及时|迅速|第一时间)",
    *("if you smell", "in case of", "if you see"),
)
GREETINGS = words(
    *("早上好", "早安", "晚安", "大家好", "你好", "您好", "在吗", "早啊", "早晨", "周末愉快"),
    *("good morning", "good night", "hello", "hi all"),
)
