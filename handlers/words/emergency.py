"""Words of present danger, by type, and the words that say a mention is no emergency.

Types: gas (smell, leak, hissing, a gas or CO alarm ringing), fire (fire and smoke), electric
(sparks, burning from a meter box or socket, live wires), lift (people trapped in a lift),
water (water where it meets electricity). Missing an emergency is the worst error the bot can
make, so these lists lean wide; the suppressors below are narrow and specific.
"""

from __future__ import annotations

from handlers.words import words

_GAS = "(?:燃气|煤气|天然气|液化气|瓦斯|燃汽|然气|煤汽|煤期|燃期|gas)"
# Words that alone report a present danger of their type.
GAS = words(
    *("燃气味", "煤气味", "天然气味", "液化气味", "瓦斯味", "气味很冲", "臭鸡蛋味", "臭鸡蛋的味"),
    rf"re:{_GAS}\s?(?:的)?(?:味|气味|味道|味儿|臭味)",
    rf"re:(?:一股|有股|好大的?|很大的?|很浓的?|浓浓的?|老大的?){_GAS}味",
    rf"re:闻到.{{0,6}}{_GAS}",
    rf"re:{_GAS}(?:表|管|阀|灶|罐)?.{{0,8}}(?:闻到|有).{{0,6}}(?:味|臭)",
    rf"re:(?:{_GAS}|气管|管道|管子|喉管|阀门|接口|软管|胶管|表|调压箱|调压柜|调压器)"
    ".{0,12}(?:泄漏|泄露|外泄|漏气|跑气|呲气|呲呲|嘶嘶|滋滋|吱吱|嗤嗤|冒气|漏紧|呼呼)",
    "re:(?:调压箱|燃气表|气表|阀门|管道|灶|接头|接口).{0,10}(?:味道|气味|味儿?)"
    "(?:很|好|特别|老|贼)?(?:大|重|冲|浓)",
    "re:肥皂水.{0,10}(?:冒泡|泡泡|起泡)|(?:接头|接口|阀门|燃气表|燃气管|气管)(?:在|一直)?漏(?!水)",
    "re:(?:接头|接口|阀门|表).{0,10}(?:往外吹|有风|吹风)",
    rf"re:{_GAS}(?:好像|可能|估计|感觉)?.{{0,3}}(?:在漏|漏了|漏啦|漏咗|漏紧)",
    "re:(?:灶|阀门|燃气表|气表|热水器|壁挂炉|管子|管道|软管|接口|表前阀|调压箱|调压柜)"
    ".{0,10}(?:有|一股|还是有|还有|好大|很大)(?:点|股)?(?:味儿|味|气味|异味|怪味)",
    *("漏气", "跑气", "漏燃气", "漏煤气", "漏天然气", "漏瓦斯", "漏紧气", "嘶嘶声"),
    rf"re:(?:好像|像是|像|可能是|估计是|应该是|闻着像|闻起来像){_GAS}",
    rf"re:{_GAS}.{{0,12}}(?:一股子?味|都是气味|好大味|一股怪味|臭臭|熏死)",
    rf"re:(?:一股子?味|都是气味|臭臭的|怪味).{{0,12}}{_GAS}",
    "re:(?:气|燃气|煤气)(?:在|一直)?往外冒|一直在出气|(?:软管|胶管|燃气管)(?:被|给)?.?(?:拔|脱|掉)了",
    "re:(?:燃气表|气表|表)(?:一直)?在转.{0,10}(?:没开|都没开|没用|没做饭)",
    "re:(?:臭|味|气味).{0,20}(?:先出门|让他先出|人在外面|都出来了|跑出来|撤出来|撤离)",
    "re:(?<!烟感)(?<!烟雾)(?<!火警)报警器.{0,4}(?:响|叫|鸣|吵醒)",
    "re:管道井.{0,10}(?:味|冒)",
    "re:(?:灶|阀门|燃气表|气表|热水器|壁挂炉|软管|接口|表前阀|调压箱)"
    ".{0,10}(?:臭味|臭臭|刺鼻|冲鼻|呛人|呛得)",
    "re:(?:热水器|燃气|煤气|洗澡).{0,12}(?:头晕|头痛|头疼|恶心|晕倒|昏倒)",
    "re:(?:头晕|头痛|恶心|晕倒).{0,12}(?:热水器|燃气|煤气|洗澡)",
    "re:(?:gas|lpg|propane) (?:odou?r|smell)|smell(?:s|ing)? (?:of |like )?(?:gas|propane)",
    rf"re:(?:{_GAS}|一氧化碳|co|可燃气体?)\s?(?:报警器|警报器|报警|警报|探测器|detector|alarm)"
    ".{0,14}(?:响|叫|鸣|报警|嘀嘀|滴滴|bibi|going off|beeping|ringing|sounding|went off)",
    "re:(?:报警器|警报器).{0,6}(?:响|叫|鸣|嘀嘀|滴滴).{0,8}(?:燃气|煤气|气味|味道|一氧化碳)",
    *("煤气中毒", "一氧化碳中毒", "co中毒"),
    *("gas smell", "smell gas", "smell of gas", "smells like gas", "smells of gas", "gas leak"),
    *("leaking gas", "gas leaking", "gas is leaking", "gas escaping", "carbon monoxide"),
    "re:rotten[- ]eggs?",
    "re:hissing.{0,30}(?:gas|pipe|stove|meter)|(?:gas|pipe|stove|meter).{0,30}hissing",
    "re:(?:dizzy|headache|nause|faint).{0,60}(?:smell|heater|boiler|gas)|(?:smell|heater|boiler|gas).{0,60}(?:dizzy|headache|nause|faint)",
    "re:(?:汤|水|粥|汁|锅).{0,6}(?:浇灭|浇熄|扑灭|溢出来).{0,12}(?:味|气味)",
)
# Fire said outright; these need no more to be believed.
FIRE = words(
    *("着火", "起火", "失火", "烧起来", "烧着了", "着咗火", "火烛", "救火", "明火", "大火"),
    *("燃起来", "爆燃", "闪爆", "着大火", "火光", "着起来", "烧着", "浓烟滚滚", "火光冲天"),
    *("灭不掉", "灭不了", "扑不灭", "有火苗", "已经有火苗", "冒火了", "上了房顶", "火已经"),
    "re:把.{1,8}点着了|(?:东西|什么|棚子|车|房子|屋|楼|沙发|窗帘)(?:.{0,3})着了(?!吗|凉|急)",
    *("火警铃", "消防警铃", "着了火", "燃烧", "有东西烧着"),
    "re:fire alarm.{0,12}(?:going off|ringing|went off|sounding)",
    "re:smoke (?:is )?(?:coming|pouring|billowing)|(?:thick|black) smoke",
    "re:(?:油锅|锅里|锅).{0,2}着了",
    "re:(?<![没打点能])有火(?!苗|力|候|车|锅|花|星)",
    "re:烟(?:雾)?(?:报警器|感|感器|探测器|alarm).{0,8}(?:响|叫|鸣|报警|going off|ringing)",
    "re:smoke (?:alarm|detector).{0,12}(?:going off|ringing|beeping|went off)",
    *("on fire", "flames", "a fire", "fire in", "fire on", "fire at", "fire!"),
)
# Smoke and talk of fire: believed where the speaker is (楼道, an address, 快来), not in
# hyperbole ("嘴冒烟", "手机都要爆炸了") and not over a stove burning badly.
FIRE_WEAK = words(
    *("冒烟", "浓烟", "黑烟", "冒黑烟", "好大的烟", "很大的烟", "全是烟", "烟很大", "火苗"),
    *("火灾", "爆炸", "火警"),
    "re:(?:好多|好大|很大|很多|都是|全是)(?:阵)?烟|烟(?:一直|往|从|都灌)|有烟(?![花酒头瘾味])",
    "re:冒出.{0,3}烟|一股烟|冒紧烟",
    "re:(?:烧焦|焦糊|糊|燶)(?:的)?味.{0,8}(?:很大|很浓|很重|好大|好重|越来越|冒烟|从|还有烟)",
    "re:(?:烧焦|烧塑料|烧东西|焦糊|糊)(?:的)?(?:味|味道).{0,16}(?:烟|雾蒙蒙|雾)",
    "re:(?:看见|看到|能看见|冒出)烟|雾蒙蒙",
    *("smoke", "smoking", "burning", "explosion", "exploded", "fire"),
    *("🔥",),
)
# Cooking and lighting: smoke or a flame there is a stove burning badly, not a fire.
STOVE = words(*("灶", "炉头", "炉子", "锅底", "点火", "打火", "熏黑"))
# Electrical fittings; with burning, sparks or heat it is an electrical emergency, with water
# running into them a water one.
ELECTRIC_THINGS = words(
    *("电表箱", "电表", "电箱", "配电箱", "电闸", "闸盒", "空开", "开关", "插座", "插排", "排插"),
    *("插头", "插苏", "拖板", "延长线", "电线", "线路", "电缆", "电路", "电源线", "变压器"),
    *("电井", "强电井", "配电柜", "配电盘", "配电房", "配电室", "配电间", "电房", "电掣房"),
    *("开关柜", "开关站", "箱变", "变电箱", "充电器", "充电桩", "电瓶", "电器", "门禁", "面板"),
    *("按钮面板", "灯", "电灯", "灯座", "吸顶灯", "浴霸", "马达", "抽水马达", "电机", "水泵电机"),
    *("插线板", "线板", "总闸", "空调外机", "外机", "charging station", "ev charger", "chargers"),
    *("电梯井", "电梯机房", "电表房", "水泵房", "泵房", "空调插头", "热水器"),
    *("socket", "outlet", "meter box", "fuse box", "breaker", "breaker box", "wire", "wires"),
    *("cable", "transformer", "power strip", "plug", "extension lead", "extension cord"),
    *("electric box", "electrical box", "switch room", "electrical room", "ceiling light"),
    *("light fitting", "charging pile", "charger"),
    *("掣箱", "电掣", "墙插", "地插", "充电口", "配电盒", "箱式变电站", "变电站"),
)
ELECTRIC_BURNING = words(
    *("冒烟", "烧焦", "焦味", "燶味", "糊味", "烧糊", "烧了", "烧黑", "发烫", "烫手"),
    *("噼里啪啦", "啪啪响", "滋滋响", "嗞嗞", "滋滋的", "爆了", "爆火花", "熔", "融化", "冒火"),
    *("打火", "冒蓝光", "蓝光", "黑烟", "巨响", "嘭的一声", "砰的一声", "烧化", "噼啪", "烧胶味"),
    *("冒紧烟", "一股烟", "冒出一股"),
    *("着火", "起火", "有火"),
    *("smoke", "smoking", "burning", "burnt", "hot", "melting", "melted", "crackling"),
    *("on fire", "sizzling"),
    *("烧红", "烫得", "很烫", "烧紧", "啪啪", "电弧"),
    "re:冒(?:着|了|出)?(?:白|青|黑|蓝|浓)?烟",
)
# Alone an electrical emergency: sparks, a live wire down, someone shocked.
ELECTRIC = words(
    *("触电", "被电到", "被电了", "电到人", "电伤", "电击", "手都麻", "麻了一下", "电了一下"),
    *("电了我一下", "麻手", "要出人命", "got a shock", "is live", "live!"),
    "re:(?:线|电线|外机|空调|插座|开关).{0,8}(?:一直在|在)打火",
    "re:(?:电缆|电线|线).{0,8}(?:断|掉).{0,8}(?:搭在|挂在|落在).{0,6}(?:铁|栏杆|护栏|水)",
    "re:(?:啪啪|噼啪|一摁就|一按就|一插就|一碰就)打火",
    "re:火花(?!塞)|火星子|冒火星|闪火星|打火星",
    "re:(?:电线|高压线|电缆).{0,6}(?:掉|断|落|垂|耷拉).{0,6}(?:地上|路上|水里|下来)",
    "re:(?:带电|漏电|插着电).{0,8}(?:水里|积水|泡水|地上|泡在)",
    "re:(?:漏电|带电|有电).{0,12}(?:碰|电到|电了|被电|触|麻|打了一下)",
    "re:(?:路灯杆|电线杆|灯杆|栏杆|铁门|水管|扶手|防盗门).{0,4}(?:漏电|带电)",
    "re:(?:积水|水里|水中|水坑|水塘).{0,8}(?:泡着|有|躺着|掉了?)?.{0,4}(?:电线|电缆|插排|插线板)",
    "re:(?:电线|电缆|插排|插线板).{0,6}(?:泡在|掉进|在)(?:水|积水|里头|里面)",
    *("带着电", "还带电", "还带着电"),
    *("sparks", "sparking", "spark", "sparked", "electric shock", "electrocuted", "live wire"),
    "wire down",
    "re:(?:power line|wire|cable|cables|lines)s? (?:is |are )?"
    "(?:down|hanging|fallen|on the ground)",
    *("电弧", "拉弧", "被电打"),
)
# A lift and a person in it who cannot get out.
LIFTS = words(
    *("电梯", "𨋢", "轿厢", "升降机", "电题", "电提", "货梯", "客梯", "困梯", "lift", "elevator"),
    *("电悌",),
)
TRAPPED = words(
    *("困", "被关", "关在", "关里", "关住", "关着", "锁在里", "卡在里", "出不来", "出不去"),
    *("trapped", "stuck inside", "locked inside", "locked in", "shut in", "拍门", "叫救命"),
    "困梯",
    *("关人", "夹住", "按警铃", "在按警铃", "里的人"),
    "re:(?:i'm|i am|we're|we are|i got|we got|am|are) stuck",
    "re:stuck in (?:the|a|an) (?:lift|elevator)",
    "re:(?:爬|出|走)不出(?:来|去)",
    "re:卡(?:在)?(?:电梯|梯|轿厢)里",
)
STUCK = words(
    *("卡住", "卡在", "卡", "停了", "停住", "停在", "不动了", "不动", "停咗", "掉了一截", "往下掉"),
    *("门打不开", "门开不了", "门扒不开", "门也打不开", "门也不开", "开唔到", "打不开", "两层中间"),
    *("坏在半道", "半道", "半路", "卡在半", "按开门没用", "灯全灭"),
    *("stuck", "stopped", "between floors", "won't open", "doesn't open", "jammed"),
    *("门不开", "灯灭了", "黑了"),
)
# A lift person said to be fine or absent: "没人在里面", "nobody was inside".
NOT_TRAPPED = words(
    *("没人在里面", "没有人在里面", "冇人困", "没人被困", "无人被困", "没有人被困", "没人困"),
    *("nobody was inside", "nobody inside", "no one inside", "no one was inside", "安全出来"),
)
INSIDE = words(
    *("里面", "里头", "入面", "在里面", "里有人", "孩子", "小孩", "老人", "老伴", "孙子", "娃"),
    *("一个人在里面", "坐轮椅", "吓得直哭", "直哭", "在哭"),
    "re:(?:我|我们|人|孩子|老人)?(?:现在)?(?:就)?在.{0,4}(?:电梯|梯|轿厢|𨋢)里",
    *("阿婆", "老太太", "外卖", "外送员", "拍门", "人被", "两个人", "俩人", "三个人", "我在"),
    *("inside", "kids", "kid", "people", "child", "children", "someone", "son", "daughter"),
    *("my mum", "my mom", "grandma", "grandpa", "i'm in", "i am in"),
)
# Water on or in an electrical fitting (after the fitting): "配电房进水了", "灯里往下淌水".
WATER_IN = words(
    *("进水", "入水", "被淹", "淹了", "淹水", "泡水", "泡着", "泡在水", "泡了", "被水泡", "水浸"),
    *("浸泡", "浸咗", "入晒水", "进去了", "flooded", "flooding", "flood", "under water"),
    "re:里(?:面|头)?(?:都是|全是|有|还在|一直)?(?:水|滴水|淌水|流水|往下滴|往下淌|往下流|流出)",
    "re:泡在.{0,2}水|泡水里|泡晒|(?:没过|漫过)|full of water",
    "re:(?:的水|水)?(?:一直|还)?往(?:里|外)(?:流|灌|渗|冒水|渗水|滴水)|湿透|积水",
    "re:(?:下边|下面|底下|周围|旁边)(?:都是|全是)水",
)
# Water moving onto a fitting (before the fitting): "漏到电表箱", "顺着开关往下流".
WATER_ONTO = words(
    *("漏到", "流到", "滴到", "淌到", "灌进", "漫到", "流进", "渗进", "渗到", "浸到", "淹到"),
    *("射晒落", "射落", "流晒落", "滴落", "快到", "顺着", "往里灌", "灌到", "leak到", "into"),
    *("onto", "running into", "dripping into", "pouring into", "leaking into"),
    "re:水.{0,4}(?:进去|灌进|流进|漫进|滴进|漏进)",
    *("滴在", "漏在", "喷到", "喷在", "落在", "旁边就是", "水已经到", "pouring through"),
    *("flooding in", "flood in", "water near"),
    "re:积水.{0,8}(?:没过|漫过|快到|到了|淹到)",
    *("滴进", "漏进"),
)
# Electrical fittings water must not reach (no taps or valves: "总开关" of the water main).
WATER_ELECTRIC = words(
    *("电表箱", "电表", "电箱", "配电箱", "电闸", "闸盒", "空开", "插座", "插排", "排插", "插头"),
    *("插苏", "拖板", "延长线", "电线", "电缆", "变压器", "电井", "强电井", "配电柜", "配电盘"),
    *("配电房", "配电室", "配电间", "电房", "电掣房", "开关柜", "开关站", "箱变", "变电箱"),
    *("充电桩", "电灯", "灯座", "吸顶灯", "灯里", "浴霸", "马达", "抽水马达", "电机", "水泵电机"),
    *("电梯井", "电梯机房", "电表房", "水泵房", "泵房", "灯", "电表间", "变电站", "变电室"),
    *("吊灯", "弱电箱", "开关面板", "面板", "light", "ev chargers", "ev charger", "chargers"),
    *("控制柜", "柜体", "cabinets", "电缆沟", "射灯", "灯柱", "路灯底座", "充电樁"),
    *("meter room", "power room", "electric room", "plant room", "pump room", "fuse board"),
    *("socket", "outlet", "meter box", "fuse box", "breaker", "power strip", "extension lead"),
    *("meter cabinet", "electric meter", "电表柜", "电表井"),
    *("switch room", "electrical room", "ceiling light", "light fitting", "transformer"),
    *("地插", "墙插", "配电盒", "控制箱", "电梯底坑", "底坑", "掣箱"),
    *(
        "electrical box",
        "electric box",
        "electrical panel",
        "distribution box",
        "electrical cabinet",
    ),
)
# Any word that may start a danger reading; a message without one skips the rest.
ANY = GAS + FIRE + FIRE_WEAK + ELECTRIC + ELECTRIC_BURNING + LIFTS + WATER_IN + WATER_ONTO

# Phrases holding a danger word that report no danger; blanked before searching.
NOT_DANGER = words(
    *("火灾隐患", "消防演练", "消防演习", "防火", "灭火器", "灭火毯", "消防栓", "消火栓"),
    *("火警电话", "消防通道", "消防门", "防火门", "烟雾报警器测试", "抽烟", "吸烟", "烟瘾"),
    *("烟花", "烟头", "香烟", "烟酒", "烟囱", "油烟机", "抽油烟机", "油烟", "烟道"),
    *("打着火", "点着火", "能着火", "可以着火", "着火后", "打火机", "打火器", "点火器", "打火针"),
    "re:(?:打|点)着了火",
    *("开大火", "小心火烛", "小心火燭"),
    *("不着火", "唔着火", "没着火", "着不了火", "打不着火", "点不着火", "点唔着火", "打唔着火"),
    *("dumpster fire", "fire show", "fire risk", "fire hazard", "risk of fire", "fire drill"),
    *("火锅", "嘴冒烟", "冒烟了都", "心态崩", "fire sale", "on fire today", "hot pot"),
    *("火很小", "火小", "火苗小", "火苗很小", "火不旺", "火太小", "火力小", "小火", "火苗发红"),
    *("火苗是黄", "火苗发黄", "上火", "火锅", "火车", "火腿", "火爆", "发火", "火气", "开火"),
    *("电火花塞", "开关关不上", "开关坏", "开关没反应", "换开关", "开关面板"),
    *("fire drill", "fire safety", "fire extinguisher", "fire door", "fire exit", "fire hydrant"),
    *("fire alarm test", "fireworks", "firewall", "smoke detector", "no smoking", "smoking area"),
    *("fire station", "fire brigade", "ceasefire", "bonfire", "campfire"),
    *("跑气球", "漏气的轮胎", "轮胎漏气", "车胎漏气", "气垫", "充气", "打气", "气球漏气"),
    *("黄火苗", "火苗黄"),
    *("烧香",),
)
# A danger word right after these is denied or prevented: 没有燃气味了, 防止起火, no gas smell.
DENIALS_BEFORE = (
    *("不", "没", "没有", "未", "别", "无", "不是", "不会", "并没有", "并未", "沒有", "唔", "冇"),
    *("防止", "预防", "避免", "以免", "谨防", "严禁", "禁止", "杜绝", "防范", "以防"),
    *("not ", "no ", "n't ", "never ", "without ", "prevent ", "avoid "),
)
# ...or followed by these: 燃气味已经没了, the smoke is gone.
DENIALS_AFTER = words(
    *("没了", "没有了", "消失", "散了", "散掉", "不见了", "已经没", "已经灭", "灭了", "扑灭"),
    *("修好", "好了", "已处理", "处理好", "已解决", "解决了", "排除", "接好"),
    *("is gone", "gone", "fixed", "repaired", "put out", "under control", "was a false alarm"),
    "re:(?<![人我他她娃孩])没事了?",
)
# How-tos and what-ifs that no report of a present danger contains ("一冒火花就晚了",
# "被困电梯时请保持冷静", "can catch fire"): the rules and the second opinion both stand down.
WHAT_IF = words(
    *(
        "can catch fire",
        "could catch fire",
        "may catch fire",
        "might catch fire",
        "please do not",
        "please don't",
        "if you",
    ),
    "re:一.{1,4}就晚了",
    "re:(?:困人|被困|着火|起火|失火|漏气|触电|停电)(?:的)?时(?:候)?",
    "re:(?:时|的时候).{0,16}(?:请|别|不要|千万|离.{0,4}远)",
    "re:先(?:拉闸|断电|断开|关阀|关闸|关掉|关总阀)[^了]{0,8}(?:别|不要|再用|然后)",
    "re:(?:用啥|用什么|怎么)灭",
    "re:一般(?:是|都|会)",
    "re:(?:着火|起火|失火)了?.{0,3}(?:都|就|也)?(?:跑不出|出不去|进不来|跑不了)",
    *("有人用过", "有没有人用过"),
)
# The message speaks of danger in general or as a rule, not of one here and now.
CONDITIONALS = (
    words(
        *("如发现", "如有", "若发现", "若有", "一旦发现", "一旦", "如果发现", "如闻到", "若闻到"),
        *("如果闻到", "如遇", "万一", "如果有", "要是有", "假如", "一旦有"),
        "re:发现.{0,8}时",
        # "发现漏气请立即关阀" is a rule; "刚发现漏气了 请马上来人" is the trouble itself.
        "re:(?<![刚我])发现[^了]{0,10}(?:请|应|要|立即|马上|及时|拨打|报警)",
        "re:闻到.{0,8}(?:要|应该|得先|先)",
        "re:(?:真|万一|要是|如果)?(?:着火|起火|失火)了?(?:咋办|咋整|怎么办|谁负责|谁都跑不了|消防车进不来)",
        "re:真(?:着火|起火|失火)了?.{0,6}(?:跑不出|出不去|进不来|跑不了)",
        "re:着火了?(?:咋办|咋整|怎么办)",
        *(
            "容易",
            "多发",
            "高发",
            "频发",
            "可能引发",
            "会引起",
            "会导致",
            "易引发",
            "可能有",
            "或有",
        ),
        *(
            "如果",
            "要是",
            "假如",
            "每年都有",
            "应该先",
            "先干啥",
            "if you are",
            "if you're",
            "怎么办:",
        ),
        *("别等", "才后悔", "担心", "着火了别", "别坐电梯", "every time"),
        *("时会", "的时候会", "一着火", "要马上", "找电工检查", "别同时开"),
        *("if you smell", "if you notice", "if you see", "in case of", "if there is", "should you"),
        *("what to do if", "in the event of"),
    )
    + WHAT_IF
)
# Safety propaganda, drills, training and notices.
PROPAGANDA = words(
    *("温馨提示", "安全提示", "友情提示", "安全提醒", "小知识", "常识", "科普", "宣传", "须知"),
    *("知识", "小贴士", "大家注意", "注意安全", "要点", "逃生", "备个", "每家都", "提提大家"),
    *("记住了吗", "教你", "步骤", "一关二开", "转给家里", "一定给装", "请及时更换", "主要原因"),
    *("静音", "误响", "举一反三"),
    *("唔好自己", "自救"),
    *("注意事项", "提醒大家", "提醒各位", "请大家注意", "请广大", "广大居民", "各位居民"),
    *("各位业主", "各位邻居", "请各位", "安全用气", "安全用电", "用气安全", "用电安全"),
    *("培训", "讲座", "知识竞赛", "应急预案", "逃生路线"),
    *("切记", "千万不要", "请勿", "不要在", "严禁", "禁止", "安全第一", "人人有责"),
    *("reminder", "safety tips", "tips", "drill", "training", "notice", "please remember"),
)
# Tips and how-tos that no report contains, whoever writes them.
PROPAGANDA_FOR_SURE = words(
    *("记住了吗", "一关二开", "教你", "小贴士", "小常识", "安全知识", "逃生要点", "怎么办:"),
    *("学习一下", "千万别", "教大家", "住户注意", "天干物燥", "汛期来了", "码了沙袋"),
    *("关于燃气报警器", "注意事项", "须知"),
    *("不要扒门", "别扒门", "不要强行扒门", "don't try to force", "请大家检查", "防汛准备"),
)
NOTICE_OPENINGS = (
    *("今日小结", "小结", "工作总结", "今日总结"),
    *("通知", "公告", "提醒", "温馨提示", "安全提示", "友情提示", "重要通知", "紧急通知"),
    *("停电通知", "停水通知", "停气通知", "告知", "告示", "notice", "reminder", "announcement"),
    *("tips", "转发", "转:", "转自", "fw:", "fwd:", "群公告"),
)
# Words that make a 【bracketed】 heading a notice: 【消防演习】, 【安全提示】 — not 【紧急】.
BRACKET_NOTICE = (*NOTICE_OPENINGS, "安全", "提示", "须知", "演练", "演习", "消防", "回访", "特惠")
# A story from elsewhere: these alone say so, wherever it happened.
NEWS_FOR_SURE = words(
    *(
        "新闻",
        "据报道",
        "转发",
        "转载",
        "【转",
        "转:",
        "视频里",
        "短视频",
        "热搜",
        "抖音",
        "朋友圈",
    ),
    *("网传", "发的视频", "这个视频"),
    *("听说", "报道", "看到个", "看到没", "隔壁市", "追剧", "电视剧", "电影", "那集", "小说"),
    *(
        "外省",
        "外市",
        "【突发】",
        "引发",
        "听讲",
        "聽講",
        "电视上",
        "电视里",
        "电视播",
        "播咗",
        "转贴",
        "转帖",
        "reposting",
    ),
    *("【案例】", "案例", "通报了", "消防员叔叔说", "某地", "刚看到的"),
    *("on the news", "saw on", "i heard", "reposted", "on tv", "in the movie", "the news"),
    *("news about", "did anyone see"),
    *("谣言", "辟谣", "别乱转", "不信谣", "文章", "转给大家", "看到说", "听人说"),
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
    *("现在还", "现在又", "还在", "还有", "还是", "又", "正在", "刚才", "刚刚", "马上", "快来"),
    *("快点", "救命", "赶紧", "赶快", "立即", "立刻", "快快", "一直", "越来越", "此刻", "目前"),
    *("now", "right now", "still", "again", "help", "hurry", "urgent", "quick"),
)

# A rehearsal is never the real thing, whatever else it says.
DRILL = words(
    *("演练", "演习", "模拟", "预演", "测试", "测了", "试一下", "按一下测试"),
    *("drill", "exercise", "simulation", "rehearsal", "test"),
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


# The alarm is over or was never real: 误会, 虚惊一场, 人已经救出来了.
OVER = words(
    *("误会", "误报", "虚惊一场", "不是真", "是演练", "别担心", "别慌", "已经没了"),
    *("已恢复", "恢复运行", "安全出来", "救出来", "已救出", "已扑灭", "扑灭了", "火灭了", "修好了"),
    *("已修好", "已处理好", "冇事", "不用担心", "大家放心", "false alarm", "all clear"),
    *("看过了", "查过了", "检查过了", "re:(?<!是)不是漏气", "接好", "重新接", "换好", "已更换"),
    *("安全出来", "已经没味", "没味了", "一看是", "原来是", "给关了", "confirmed", "working again"),
    *("以为", "结果是", "glad", "she's ok", "he's ok", "ok now", "all fine now"),
    "处置完毕",
    "re:(?<![人我他她娃孩])没事了?",
    *("放出来", "放了出来", "换新的了", "换了新的"),
)
# The danger goes on: these keep a report alive after an "over" word.
STILL = words(
    *("现在还", "还在", "还有", "又", "正在", "快来", "赶紧", "救命", "一直", "越来越", "仍然"),
    *("still", "again", "help"),
    *("不敢用", "不敢碰", "不敢开"),
)
# Someone asks for help now: a notice never does.
URGENT = words(
    *("快来", "尽快", "赶紧", "马上来", "抢修", "救命", "快点", "help", "hurry", "119", "快打"),
)
JOKES = words(
    *("哈哈", "开玩笑", "我是说", "😂", "🤣", "😅", "lol", "just kidding", "隔三差五", "xswl"),
    *("热到", "热得", "心都被", "尬聊", "臭豆腐", "打呼噜"),
    "re:人都快(?:着火|烧|化|热|冒烟)",
    *("心态崩", "搞半天是", "hhh", "emo", "真的假的"),
    *("haha", "lmao"),
    "re:(?:感觉|觉得|气得|看了|看得).{0,6}(?:要|都要|快要)(?:着火|触电|爆炸)",
    "re:(?:跟|像|好像|和).{0,8}(?:着火|触电)(?:了)?(?:一样|似的)",
)
