"""The report's fields as published: the title with its organ and year (spec §2.1), the publication date, the
落款 at the end (spec §2.2), and the web page's own text around the report (breadcrumbs, share buttons,
附件下载 …), which is no part of it."""

from __future__ import annotations

import re

from ...formats.numerals import CHINESE_NUMERALS, count
from ...patterns import pattern
from ...records import record

# "{机关}{YYYY}年政府信息公开工作年度报告", "{YYYY}年{机关}政府信息公开工作年度报告", "…年度…", "…工作的年度报告",
# "{机关}关于{YYYY}年度政府信息公开情况的报告" (spec §2.1).
# A title stands on its own: between the start or a space (or a page title's separator) and the end or a
# space, its organ without punctuation; a sentence naming a report ("做好2021年度政府信息公开工作年度报告
# 编制发布工作") holds none.
_APART = r"\s\-_—|｜>＞·"
_NAME = rf"[^{_APART}。；，、：:《》“”\"]"
TITLE = pattern(rf"(?:^|(?<=[{_APART}]))(?P<pre>{_NAME}{{0,60}}?)\s*(?P<year>(?:19|20)[0-9]{{2}})\s*年度?\s*"
                   rf"(?P<mid>{_NAME}{{0,60}}?)\s*政府信息公开(?:工作)?(?:情况)?的?(?:年度)?报告(?=$|[{_APART}])")
# Where a report names its organ when it has no title: "请与××街道办事处办公室联系", "本报告由××办公室编制".
NAMED = (pattern(rf"请与(?P<organ>{_NAME}{{2,40}}?)(?:的)?(?:政务公开办公室|信息公开办公室|办公室|办公厅|党政办)?联系"),
         pattern(rf"本报告由(?P<organ>{_NAME}{{2,40}}?)(?:政务公开办公室|办公室)?(?:根据|依据|按照|编制)"))
# "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止", "…统计期限为2023年1月1日至12月31日"
PERIOD = pattern(r"统计(?:期限|时限|时间|期间)[^。]{0,8}?((?:19|20)[0-9]{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR = pattern(r"((?:19|20)[0-9]{2})\s*年")

_CN = f"[{CHINESE_NUMERALS}]"
DATE = pattern(r"(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
                  r"|(?P<y2>(?:19|20)[0-9]{2})\s*[-./]\s*(?P<m2>[0-9]{1,2})\s*[-./]\s*(?P<d2>[0-9]{1,2})(?![0-9])"
                  rf"|(?P<y3>{_CN}{{4}})\s*年\s*(?P<m3>{_CN}{{1,2}})\s*月\s*(?P<d3>{_CN}{{1,3}})\s*日")
# A publication date the page states: "发布日期：2024-01-20", "发布时间: 2022-02-08 16:34", "时间：…".
PUBLISHED = pattern(r"(?:发布|发文|成文|公开)?(?:日期|时间)\s*[：:]\s*")
_DATE_ITEM = pattern(rf"[（(]?(?:{DATE.pattern})[）)]?(?=\s|$)")  # a date on its own, not a sentence's start
_DATE_AT_END = pattern(rf"(?:{DATE.pattern})$")
# What a web page puts around a report: its buttons and links, and the "名称：值" items of its header.
_WORDS = ("附件下载", "相关链接", "打印本页", "关闭窗口", "分享到", "扫一扫", "微信", "微博", "QQ空间", "全真版",
          "文字版", "文件下载", "打印", "关闭", "-->")
_ITEMS = ("当前位置", "来源", "信息来源", "发布机构", "发布单位", "发布时间", "发布日期", "成文日期", "时间", "日期",
          "浏览次数", "访问次数", "字号", "字体", "文号", "索引号", "栏目", "分类", "责任编辑", "作者")
_CHROME_TOKEN = pattern(r"(?:" + "|".join(map(re.escape, _ITEMS)) + r")\s*[：:]\s*\S*"
                           r"|[【\[]?(?:" + "|".join(map(re.escape, _WORDS)) + r")[】\]]?[：:]?(?=\s|$|[【\[])"
                           r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])")
# Where the page's own text after the report begins.
_CHROME_END = pattern(r"(?:^|(?<=[\s。；！？!?;】\]]))(?:[【\[](?:打印|关闭)|[【\[]?(?:" + "|".join(map(re.escape, (
    "附件下载", "相关链接", "打印本页", "关闭窗口", "分享到", "扫一扫", "上一篇", "下一篇", "责任编辑", "网站地图",
    "版权所有"))) + "))")
_SENTENCE_END = pattern(r"[。；！？!?;]")
_MAX_ORGAN = 40  # characters of a 落款's organ line
# A title may name the area a body governs (…区, …县) where its full name adds 管委会, 人民政府 ….
AREAS = tuple("区县市镇乡州旗")
BODIES = ("管理委员会", "管委会", "人民政府", "办事处")
# How the names of bodies end (局, 委员会, 办公室, 人民政府, 街道办事处, 管委会, 中心 …).
ORGAN_ENDINGS = tuple("局委办厅府处会院部室心署所站队司馆校社组镇乡区县市")


@record
class Title:
    text: str  # the title as published
    organ: str | None
    year: int


def title(text: str) -> Title | None:
    """The report title ``text`` holds, with its organ and year."""
    m = TITLE.search(text)
    if m is None:
        return None
    organ = m.group("pre").removesuffix("关于") or m.group("mid") or None
    return Title(m.group().strip(), organ, int(m.group("year")))


def organ_named(text: str) -> str | None:
    """The organ a report without a title names as its contact or author."""
    for named in NAMED:
        for m in named.finditer(text):
            if m.group("organ").endswith(ORGAN_ENDINGS):
                return m.group("organ")
    return None


def full_name(area: str, text: str) -> str | None:
    """The body's full name when a title names only its area ("平潭综合实验区" for 平潭综合实验区管委会): the
    text's nearest completion of the area into a body's name, None when the title names a body or the text
    completes it nowhere."""
    if not area.endswith(AREAS):
        return None
    found = re.findall(rf"{re.escape(area)}({_NAME}{{0,12}}?(?:{'|'.join(BODIES)}))", text)
    return area + min(found, key=len) if found else None


def period_year(text: str) -> int | None:
    """The year of the statistics period an introduction states."""
    m = PERIOD.search(text)
    return int(m.group(1)) if m else None


def most_named_year(text: str) -> int | None:
    """The year the text names most often ("2023年"), the last one on a tie."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(reversed(years), key=years.count) if years else None


def date(text: str) -> str | None:
    """A date as the 落款 and the schema write it: "2024年1月20日" (Chinese numerals read as Arabic) or
    "2024-1-20"; None when ``text`` is not one date."""
    m = DATE.fullmatch(text.strip())
    if m is None:
        return None
    if m.group("y3"):
        y, mo, d = (count(m.group(g)) for g in ("y3", "m3", "d3"))
        return f"{y}年{mo}月{d}日" if y and mo and d else None
    y, mo, d = _arabic(m)
    return f"{y}年{mo}月{d}日" if m.group("y") else f"{y}-{mo}-{d}"


def _arabic(m: re.Match) -> tuple[int, int, int]:
    """Year, month and day of a date written in Arabic numerals."""
    groups = ("y", "m", "d") if m.group("y") else ("y2", "m2", "d2")
    y, mo, d = (int(m.group(g)) for g in groups)
    return y, mo, d


def published(text: str) -> str | None:
    """The YYYY-MM-DD of a "发布日期：…" item in ``text``."""
    m = PUBLISHED.search(text)
    d = DATE.match(text, m.end()) if m else None
    if d is None or d.group("y3"):
        return None
    y, mo, day = _arabic(d)
    return f"{y}-{mo:02d}-{day:02d}"


def strip_chrome_start(text: str) -> str:
    """``text`` without the page's items before the report's own words (来源：…, 时间：…, 微信 微博 …)."""
    while True:
        text = text.lstrip()
        m = _CHROME_TOKEN.match(text) or _DATE_ITEM.match(text)
        if m is None:
            return text
        text = text[m.end():]


def chrome_end(text: str) -> int | None:
    """Where the page's own text after the report starts in ``text`` (附件下载, 打印本页 …): the first such
    item after the last sentence; None when there is none."""
    last_sentence = max((m.end() for m in _SENTENCE_END.finditer(text)), default=0)
    m = _CHROME_END.search(text, last_sentence)
    return m.start() if m else None


@record
class Signature:
    organ: str | None
    date: str
    cut: int  # where in the last line the 落款 starts (its text before stays the report's)
    organ_line: bool  # the organ stood on the line before the date's


def signature(last: str, before: str | None) -> Signature | None:
    """The 落款 at the end of a report: a date alone on the last line, the organ on the line ``before`` it,
    or both at the end of the last line after its last sentence."""
    text = last.rstrip()
    whole = date(text)
    if whole:
        organ = before.strip() if before is not None and _organ_like(before) else None
        return Signature(organ, whole, 0, organ is not None)
    tail_from = max((m.end() for m in _SENTENCE_END.finditer(text)), default=0)
    m = _DATE_AT_END.search(text, tail_from)
    found = date(m.group()) if m else None
    if m is None or found is None:
        return None
    organ = text[tail_from:m.start()].strip()
    if organ and not _organ_like(organ):
        return None
    return Signature(organ or None, found, tail_from if organ else m.start(), False)


def _organ_like(text: str) -> bool:
    """A line that names a body: short, no punctuation or figures, ending as bodies' names end."""
    text = text.strip()
    return (0 < len(text) <= _MAX_ORGAN and not re.search(r"[。；，、：:！？!?;,（）()0-9]", text)
            and text.endswith(ORGAN_ENDINGS))
