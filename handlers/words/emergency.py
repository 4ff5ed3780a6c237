"""Words of present danger, by type, and the words that say a mention is no emergency.

Types: gas (smell, leak, hissing, a gas or CO alarm ringing), fire (fire and smoke), electric
(sparks, burning from a meter box or socket, live wires), lift (people trapped in a lift),
water (water where it meets electricity). Missing an emergency is the worst error the bot can
make, so these lists lean wide; the suppressors below are narrow and specific.
"""

from __future__ import annotations

from handlers.words import words

# Words that alone report a present danger of their type.
GAS = words(
    *("燃气味", "煤气味", "天然气味", "液化气味", "瓦斯味", "气味很冲", "臭鸡蛋味", "臭鸡蛋的味"),
    "re:(?:燃气|煤气|天然气|液化气|瓦斯)(?:的)?(?:味|气味|味道|味儿)",
    "re:(?:一股|有股|好大的?|很大的?|很浓的?|浓浓的?)(?:燃气|煤气|天然气|液化气|瓦斯|气)味",
    "re:闻到.{0,6}(?:燃气|煤气|天然气|液化气|瓦斯|燃汽|然气)",
    "re:gas\\s?(?:的)?(?:味|气味|味道)",
    "re:(?:燃气|煤气|天然气|瓦斯|燃汽|然气|gas)(?:好像|可能|估计|感觉)?.{0,3}(?:在漏|漏了|漏啦|漏咗)",
    "re:(?:灶|阀门|燃气表|气表|热水器|壁挂炉|管子|管道|软管|接口|表前阀)"
    ".{0,10}(?:有|一股|还是有|还有|好大|很大)(?:点|股)?(?:味儿|味|气味|异味|怪味)",
    "re:(?:调压箱|调压柜|调压器).{0,10}(?:冒气|漏|嗤|呲|嘶|味)",
    "re:(?:燃气|煤气|天然气|液化气|瓦斯|气管|燃气管|煤气管|管道|管子|阀门|接口|软管|胶管|表)"
    ".{0,6}(?:泄漏|泄露|外泄|漏气|跑气|呲气|嘶嘶|滋滋|吱吱|嗤嗤|冒气)",
    *("漏气", "跑气", "漏燃气", "漏煤气", "漏天然气", "漏瓦斯", "燃气泄漏", "燃气泄露"),
    "re:(?:燃气|煤气|燃汽|然气|瓦斯|一氧化碳|co|可燃气体?)报警器?.{0,6}"
    "(?:响|叫|鸣|报警|嘀嘀|滴滴|bibi)",
    "re:报警器.{0,6}(?:响|叫|鸣|嘀嘀|滴滴).{0,8}(?:燃气|煤气|气味|味道|一氧化碳)",
    *("煤气中毒", "一氧化碳中毒", "co中毒"),
    *("gas smell", "smell gas", "smell of gas", "smells like gas", "smells of gas", "gas leak"),
    *("leaking gas", "gas leaking", "gas is leaking", "gas escaping", "rotten egg smell"),
    *("hissing", "carbon monoxide", "co alarm", "gas alarm", "gas detector"),
)
FIRE = words(
    *("着火", "起火", "失火", "火灾", "烧起来", "烧着了", "火苗", "明火", "火光", "大火"),
    *("冒烟", "浓烟", "黑烟", "冒黑烟", "好大的烟", "很大的烟", "全是烟", "烟很大", "烟雾"),
    "re:烟(?:雾)?(?:报警器|感|感器|探测器).{0,6}(?:响|叫|鸣|报警)",
    "re:(?:烧焦|焦糊|糊)(?:的)?味.{0,8}(?:很大|很浓|好大|越来越|冒烟|从)",
    *("爆炸", "炸了", "爆燃", "闪爆", "救火", "火警", "火烛", "着咗火", "烧着"),
    "re:(?<![没打点能])有火(?!苗|力|候|车|锅)",
    "re:(?:好多|好大|很大|很多|都是|全是)(?:阵)?烟|烟(?:一直|往|从)",
    *("on fire", "fire", "smoke", "smoking", "flames", "burning", "explosion", "exploded"),
)
# Electrical equipment; with a symptom of burning or sparking it is an electrical emergency.
ELECTRIC_EQUIPMENT = words(
    *("门禁", "电瓶车", "空调", "变电箱", "箱变"),
    *("电表箱", "电表", "电箱", "配电箱", "电闸", "闸盒", "空开", "开关", "插座", "插排", "插头"),
    *("电线", "线路", "电缆", "电路", "电源线", "变压器", "电线杆", "电井", "强电井", "配电柜"),
    *("充电器", "电瓶", "电动车", "电器", "电表柜", "开关柜"),
    *("socket", "outlet", "meter box", "fuse box", "breaker", "wire", "wires", "cable"),
    *("transformer", "power strip", "plug"),
)
ELECTRIC_SYMPTOMS = words(
    *("冒烟", "冒火花", "打火花", "火花", "打火", "电火花", "烧焦", "焦味", "糊味", "烧糊"),
    *("烧了", "烧坏", "烧黑", "着火", "起火", "冒火", "噼里啪啦", "啪啪响", "滋滋响", "发烫"),
    *("烫手", "融化", "熔化", "化了", "有火", "火星", "砰的一声", "嘭的一声", "爆了"),
    *("sparks", "sparking", "spark", "smoke", "smoking", "burning", "melting", "on fire"),
)
# Alone an electrical emergency: a live wire down, someone shocked.
ELECTRIC = words(
    *("触电", "被电到", "被电了", "电到人", "电伤", "电击"),
    "re:(?:电线|高压线|电缆).{0,6}(?:掉|断|落|垂|耷拉).{0,6}(?:地上|路上|水里|下来)",
    "re:(?:带电|漏电).{0,8}(?:水里|积水|泡水|地上)",
    "re:(?:冒|闪|打|出|有)火花(?!塞)|火星子|冒火星",
    "re:(?:积水|水里|水中|水坑|水塘).{0,8}(?:电线|电缆|插排|插线板)",
    "re:(?:电线|电缆|插排|插线板).{0,6}(?:泡在|掉进|在)(?:水|积水)",
    *("electric shock", "electrocuted", "live wire", "wire down", "power line down"),
    "re:(?:power line|wire|cable|cables|lines)s? (?:is |are )?(?:down|hanging|fallen|on the ground)",
)
_LIFT = "(?:电梯|𨋢|轿厢|升降机|梯)"
LIFT = words(
    rf"re:(?:困|关|卡|锁)(?:在|住|进|着)?了?(?:这个|那个)?{_LIFT}",
    rf"re:被?困.{{0,3}}{_LIFT}",
    rf"re:{_LIFT}.{{0,14}}(?:困住?了?|困咗|关着?人|关住|卡住.{{0,3}}人|里有人|里面有人|人被|"
    "出不来|出不去|救命|被关|关在|在里面|喺入面|喺里面)",
    rf"re:{_LIFT}.{{0,10}}(?:孩子|小孩|老人|有人|人)(?:在里面|被困|被关|困|出不来|关在)",
    rf"re:(?:在|困在|关在|卡在).{{0,10}}{_LIFT}里(?:面|头)?.{{0,14}}"
    "(?:不动|打不开|出不来|出不去|停了|卡|救命|快来)",
    rf"re:(?:救命|快来人|help).{{0,12}}{_LIFT}.{{0,6}}(?:卡|停|坏|困|不动|掉)",
    *("困梯", "梯困人", "有人困咗"),
    "re:(?:trapped|stuck|locked).{0,25}(?:lift|elevator)",
    "re:(?:lift|elevator).{0,30}(?:trapped|(?:people|someone|kid|child|son|daughter|mother|"
    "father|man|woman|person|neighbou?r|grandma|grandpa)s? (?:is |are )?(?:stuck )?inside|"
    "can't get out|cannot get out|i'm inside|i am inside)",
    rf"re:{_LIFT}\\s?stuck.{{0,12}}(?:我|人)?在里面",
)
# Water that meets electricity: a flooded switch room, water in a meter box.
WATER_PLACES = words(
    *("配电房", "配电室", "配电间", "配电箱", "电表箱", "电箱", "电表", "开关站", "开关柜"),
    *("变压器", "电井", "强电井", "插座", "电闸", "电梯井", "电梯机房", "箱变", "电闸箱"),
    *("switch room", "switchroom", "meter box", "fuse box", "electrical room", "substation"),
    *("transformer", "socket", "meter room"),
    *("电表房", "水泵房", "泵房", "水泵电机", "电机", "吸顶灯", "灯具", "灯里"),
)
WATER_SYMPTOMS = words(
    *("进水", "淹", "积水", "泡水", "泡在水", "灌水", "灌进", "漏水", "渗水", "水漫", "漫进"),
    *("全是水", "都是水", "水往", "流进", "流到", "滴到", "漏到", "渗到", "浸水", "浸泡"),
    *("被水泡", "水泡", "泡了", "往里灌", "里灌", "里流", "流进去", "渗进", "浸到", "浸咗"),
    *("淹了", "进水了"),
    *("flooded", "flooding", "water in", "water pouring", "water leaking into", "under water"),
    "re:water (?:is |was )?(?:pouring|coming|leaking|flooding|running|getting)",
)

# Phrases holding a danger word that report no danger; blanked before searching.
NOT_DANGER = words(
    *("火灾隐患", "消防演练", "消防演习", "防火", "灭火器", "灭火毯", "消防栓", "消火栓"),
    *("火警电话", "消防通道", "消防门", "防火门", "烟雾报警器测试", "抽烟", "吸烟", "烟瘾"),
    *("烟花", "烟头", "香烟", "烟酒", "烟囱", "油烟机", "抽油烟机", "油烟", "烟道"),
    *("打着火", "点着火", "能着火", "可以着火", "着火后", "打火机", "打火器", "点火器", "打火针"),
    *("火很小", "火小", "火苗小", "火苗很小", "火不旺", "火太小", "火力小", "小火", "火苗发红"),
    *("火苗是黄", "火苗发黄", "上火", "火锅", "火车", "火腿", "火爆", "发火", "火气", "开火"),
    *("电火花塞", "开关关不上", "开关坏", "开关没反应", "换开关", "开关面板"),
    *("fire drill", "fire safety", "fire extinguisher", "fire door", "fire exit", "fire hydrant"),
    *("fire alarm test", "fireworks", "firewall", "smoke detector", "no smoking", "smoking area"),
    *("fire station", "fire brigade", "ceasefire", "bonfire", "campfire"),
    *("跑气球", "漏气的轮胎", "轮胎漏气", "车胎漏气", "气垫", "充气", "打气", "气球漏气"),
)
# A danger word right after these is denied or prevented: 没有燃气味了, 防止起火, no gas smell.
DENIALS_BEFORE = (
    *("不", "没", "没有", "未", "别", "无", "不是", "不会", "并没有", "并未", "沒有"),
    *("防止", "预防", "避免", "以免", "谨防", "严禁", "禁止", "杜绝", "防范", "以防"),
    *("not ", "no ", "n't ", "never ", "without ", "prevent ", "avoid "),
)
# ...or followed by these: 燃气味已经没了, the smoke is gone.
DENIALS_AFTER = words(
    *("没了", "没有了", "消失", "散了", "散掉", "不见了", "已经没", "已经灭", "灭了", "扑灭"),
    *("修好", "好了", "已处理", "处理好", "已解决", "解决了", "没事了", "没事", "排除"),
    *("is gone", "gone", "fixed", "repaired", "put out", "under control", "was a false alarm"),
)
# The message speaks of danger in general or as a rule, not of one here and now.
CONDITIONALS = words(
    *("如发现", "如有", "若发现", "若有", "一旦发现", "一旦", "如果发现", "如闻到", "若闻到"),
    *("如果闻到", "如遇", "万一", "如果有", "要是有", "假如", "一旦有"),
    "re:发现.{0,8}时",
    "re:发现.{0,10}(?:请|应|要|立即|马上|及时|拨打|报警)",
    *("容易", "多发", "高发", "频发", "可能引发", "会引起", "会导致", "易引发", "可能有", "或有"),
    *("if you smell", "if you notice", "if you see", "in case of", "if there is", "should you"),
    *("what to do if", "in the event of"),
)
# Safety propaganda, drills, training and notices.
PROPAGANDA = words(
    *("温馨提示", "安全提示", "友情提示", "安全提醒", "小知识", "常识", "科普", "宣传", "须知"),
    *("知识", "小贴士", "大家注意", "注意安全"),
    *("注意事项", "提醒大家", "提醒各位", "请大家注意", "请广大", "广大居民", "各位居民"),
    *("各位业主", "各位邻居", "请各位", "安全用气", "安全用电", "用气安全", "用电安全"),
    *("培训", "讲座", "知识竞赛", "应急预案", "逃生路线"),
    *("切记", "千万不要", "请勿", "不要在", "严禁", "禁止", "安全第一", "人人有责"),
    *("reminder", "safety tips", "tips", "drill", "training", "notice", "please remember"),
)
NOTICE_OPENINGS = (
    *("通知", "公告", "提醒", "温馨提示", "安全提示", "友情提示", "重要通知", "紧急通知"),
    *("停电通知", "停水通知", "停气通知", "告知", "告示", "【", "notice", "reminder"),
    *("announcement", "tips", "转发", "转:", "转自", "fw:", "fwd:", "群公告", "公告"),
)
# A story from elsewhere: these alone say so, wherever it happened.
NEWS_FOR_SURE = words(
    *("新闻", "据报道", "转发", "转载", "【转", "转:", "视频", "热搜", "抖音", "朋友圈", "网传"),
    *("听说", "on the news", "saw on", "i heard", "reposted"),
)
# ...and these say so unless the speaker is plainly here (我家, 楼道, an address).
NEWS = words(
    *("新闻", "据报道", "报道", "记者", "转发", "转载", "视频", "热搜", "网传", "网上", "朋友圈"),
    *("某小区", "某市", "某地", "外地", "别的小区", "其他小区", "隔壁市", "一小区", "某居民楼"),
    *("造成", "死亡", "遇难", "身亡", "伤亡", "受伤", "送医", "事故", "警方", "官方通报", "通报称"),
    *("消防员赶到", "消防救援", "消防部门", "经初步调查", "原因正在调查", "提醒广大"),
    *("news", "reported", "according to", "killed", "injured", "accident", "video"),
)
# The danger is over or long ago; a present-tense word brings it back (现在还有燃气味).
PRESENT = words(
    *("现在", "还在", "还有", "还是", "又", "正在", "刚才", "刚刚", "马上", "快来", "快点"),
    *("救命", "赶紧", "赶快", "立即", "立刻", "快快", "一直", "越来越", "今天", "此刻", "目前"),
    *("now", "right now", "still", "again", "help", "hurry", "urgent", "quick"),
)

# A rehearsal is never the real thing, whatever else it says.
DRILL = words(
    *("演练", "演习", "模拟", "预演", "drill", "exercise", "simulation", "rehearsal"),
)
# The speaker is here: their home, their building, this lift.
LOCAL = words(
    *("我家", "家里", "我们家", "屋里", "房间", "厨房", "卫生间", "客厅", "阳台", "楼道", "楼梯"),
    *("楼下", "楼上", "隔壁", "对门", "我们楼", "我们单元", "本楼", "这栋", "单元门", "电梯里"),
    *("我们小区", "本小区", "咱小区", "咱们小区", "车库", "门口", "走廊", "过道", "屋", "咱们"),
    "我们这",
    *("my ", "our ", "here", "hallway", "corridor", "downstairs", "upstairs", "next door"),
    *("kitchen", "apartment", "flat", "building", "stairwell", "lobby"),
)

# Any word that may start a danger reading; a message without one skips the rest.
ANY = GAS + FIRE + ELECTRIC + ELECTRIC_SYMPTOMS + LIFT + WATER_SYMPTOMS

# The alarm is over or was never real: 误会, 虚惊一场, 人已经救出来了.
OVER = words(
    *("误会", "误报", "虚惊一场", "不是真", "是演练", "没事了", "别担心", "别慌", "已经没了"),
    *("已恢复", "恢复运行", "安全出来", "救出来", "已救出", "已扑灭", "扑灭了", "火灭了", "修好了"),
    *("已修好", "已处理好", "冇事", "不用担心", "大家放心", "false alarm", "all clear", "没事"),
)
# The danger goes on: these keep a report alive after an "over" word.
STILL = words(
    *("现在还", "还在", "还有", "又", "正在", "快来", "赶紧", "救命", "一直", "越来越", "仍然"),
    *("still", "again", "help"),
)
# Someone asks for help now: a notice never does.
URGENT = words(*("快来", "尽快", "赶紧", "马上来", "抢修", "救命", "快点", "help", "hurry"))
JOKES = words(*("哈哈", "开玩笑", "我是说", "😂", "🤣", "lol", "just kidding", "隔三差五"))
