"""The consistency rules (spec §6), declared once as data.

Arithmetic rules carry a formula over one table, evaluated by ``engine``:

* ``row[col]`` is a cell: ``row`` is a dotted YAML path inside the table (``results.total``);
  ``row.*`` stands for every data row under a group;
* ``[c]`` binds the column variable ``c`` (every column, 总计 included); ``[*]`` sums the row's
  non-total columns; ``[total]`` names a column;
* ``R`` as a row stands for each row listed in ``rows``;
* ``=`` must hold exactly; ``<=`` is a bound.

Rules checked by the schema (``check="schema"``) are reported from schema findings on the cells they
cover; heuristic rules name a function of ``predicates`` (``check="predicate"``, or ``check="previous"``
when they compare with last year's report); N-03 is reported by the narrative Markdown reader.
"""

from __future__ import annotations

from ..layout import Guide, Rule
from .layout import APPLICATIONS, FEE_DECIMALS, REVIEW

_T3_ROWS = tuple(".".join(r.path) for r in APPLICATIONS.rows)

RULES: tuple[Rule, ...] = (
    Rule("T3-01", "error", "申请数量勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
         "Balance: new + carried over = total results + carried forward",
         "received[c] + carried_over[c] = results.total[c] + carried_forward[c]",
         table="applications", anchor="carried_forward[c]", fix="fix.balance"),
    Rule("T3-02", "error", "（七）总计等于各项办理结果之和", "Total results equal the sum of the result rows",
         "results.total[c] = results.disclosed[c] + results.partly_disclosed[c] + results.withheld.*[c]"
         " + results.unavailable.*[c] + results.not_processed.*[c] + results.other_handling.*[c]",
         table="applications"),
    Rule("T3-03", "error", "每行总计等于六类申请人之和", "Each row's total equals the six applicant columns",
         "R[total] = R[*]", table="applications", rows=_T3_ROWS),
    Rule("T3-04", "error", "第三部分表格的数都是不小于 0 的整数", "Table 三 cells are whole numbers ≥ 0",
         "每个单元格 ∈ {0, 1, 2, …}", table="applications", check="schema"),
    Rule("T3-05", "error", "办理结果总计、结转下年度都不能超过新收加上年结转",
         "Neither total results nor carried forward may exceed new + carried over",
         "results.total[c] <= received[c] + carried_over[c]; carried_forward[c] <= received[c] + carried_over[c]",
         table="applications", fix="fix.bound"),
    *(Rule(rid, "error", f"{row.label}的总计等于各结果之和", f"{row.row.label_en}: total equals the sum of the results",
           "R[total] = R[*]", table="review_and_litigation", rows=(row.path[0],))
      for rid, row in zip(("T4-01", "T4-02", "T4-03"), REVIEW.rows, strict=True)),
    Rule("T4-04", "error", "第四部分表格的数都是不小于 0 的整数", "Table 四 cells are whole numbers ≥ 0",
         "每个单元格 ∈ {0, 1, 2, …}", table="review_and_litigation", check="schema"),
    Rule("T2-01", "error", "第二部分表格的件数都是不小于 0 的整数", "Table 二 counts are whole numbers ≥ 0",
         "规章、行政规范性文件三列，行政许可、行政处罚、行政强制 ∈ {0, 1, 2, …}",
         table="proactive_disclosure", check="schema"),
    Rule("T2-02", "error", f"行政事业性收费是不小于 0 的金额，单位万元，最多 {FEE_DECIMALS} 位小数",
         f"Administrative fees: a non-negative amount in 10,000 yuan, at most {FEE_DECIMALS} decimals",
         f"fees[amount_wan_yuan] ≥ 0，小数不超过 {FEE_DECIMALS} 位", table="proactive_disclosure", check="schema"),
    Rule("T2-04", "warning", "收费金额疑似以“元”而非“万元”填报", "Fee amount looks like yuan, not 10,000 yuan",
         "fees[amount_wan_yuan] ≥ 上限（乡镇街道、县级及部门 1000 万元，其他 100000 万元）",
         table="proactive_disclosure", check="predicate", predicate="fee_unit"),
    Rule("T2-05", "warning", "没有规章制定权的机关填报了规章", "A body without rule-making power reports rules",
         "organ_type 无规章制定权 ⇒ regulations[*] = 0", table="proactive_disclosure", check="predicate", predicate="rule_making"),
    Rule("T3-08", "warning", "文字中写的申请数量与第三部分表格一致", "Application counts in the text match table 三",
         "文字“收到政府信息公开申请X件”“予以公开X件”“结转下年度X件”… = 表中对应行的总计",
         table="applications", check="predicate", predicate="text_applications"),
    Rule("T4-05", "warning", "文字中写的行政复议、行政诉讼数量与第四部分表格一致",
         "Reconsideration and litigation counts in the text match table 四",
         "文字“行政复议X起”“行政诉讼X起” = 表中总计；“未发生行政复议、行政诉讼” ⇒ 表四全为 0",
         table="review_and_litigation", check="predicate", predicate="text_review"),
    Rule("T3-07", "warning", "本年“上年结转”等于上一年度报告的“结转下年度继续办理”（跨年度，需 --previous）",
         "This year's carried-over equals last year's carried-forward (needs --previous)",
         "carried_over[c](N) = carried_forward[c](N−1)", table="applications", check="previous", predicate="carry_over"),
    Rule("T2-03", "warning", "现行有效件数 ≈ 上年现行有效件数 + 本年制发 − 本年废止（跨年度，需 --previous）",
         "In force ≈ last year's in force + issued − repealed (needs --previous)",
         "R[in_force](N) = R[in_force](N−1) + R[issued](N) − R[repealed](N)，R ∈ {规章, 行政规范性文件}",
         table="proactive_disclosure", check="previous", predicate="in_force"),
    Rule("S-01", "error", "六个部分齐全", "All six sections are present",
         "overview, proactive_disclosure, applications, review_and_litigation, problems_and_improvements, "
         "other_matters 都存在", check="schema"),
    Rule("S-02", "error", "表格的行和列不增不减", "No table row or column is added or left out",
         "每张表的键与官方表格一一对应", check="schema"),
    Rule("S-03", "warning", "标题含年度和“政府信息公开工作年度报告”，统计期限为当年1月1日至12月31日",
         "Title names the year and 政府信息公开工作年度报告; the statistics period is the calendar year",
         "year ∈ title ∧ “政府信息公开工作年度报告” ∈ title；intro 中的统计期限 = year年1月1日至12月31日",
         check="predicate", predicate="title_period"),
    Rule("S-05", "warning", "第六部分说明信息处理费（收费）情况", "Section 六 reports information-processing fees",
         "other_matters 含“信息处理费”或“收费”", check="predicate", predicate="fee_mention"),
    # Rules of this project beyond the spec (N = narrative)
    Rule("N-01", "warning", "文字部分不能为空", "A narrative section is not empty",
         "overview, problems_and_improvements, other_matters ≠ 空", check="predicate", predicate="empty_text"),
    Rule("N-02", "warning", "正文段落不应以“二、”这类一级编号开头", "No paragraph starts with a level-1 number",
         "正文段落 ≁ ^[一二三…]、", check="predicate", predicate="level1_paragraphs"),
    Rule("N-04", "warning", "没有遗留 gipr-gen init 的占位文字", "No placeholder text from gipr-gen init is left",
         "文字 ∌ “（待填写）”", check="predicate", predicate="placeholders"),
    Rule("N-05", "warning", "中文正文中没有夹杂英文虚词（如 and、of）", "No stray English word inside Chinese text",
         "文字 ∌ 汉字 + and/or/the/of/with/for/to + 汉字", check="predicate", predicate="stray_english"),
    Rule("N-06", "warning", "标点没有重复（如“；；”“，，”）", "No punctuation mark typed twice",
         "文字 ∌ ；；、，，、。。 …", check="predicate", predicate="doubled_punctuation"),
    Rule("N-03", "error", "文字中没有正式版式容纳不了的 Markdown（图片、HTML、代码、引用、分隔线、四级以下标题）",
         "The text has no Markdown the official layout cannot hold (images, HTML, code, quotes, rules)",
         "Markdown ∌ 图片、HTML、代码、引用、分隔线、####", check="narrative"),
)


GUIDES: dict[str, Guide] = {
    "T3-01": Guide("表格左上角印有“第一项加第二项之和，等于第三项加第四项之和”：本年收到的加上年没办完的，要么今年办完，要么结转下年。",
                   "The table itself prints it: what came in plus what was pending is either handled or carried forward.",
                   "新收 10 + 上年结转 2 = 办理结果总计 11 + 结转下年度 1。若结转下年度写成 0，就少了 1 件：补上或核对办理结果。",
                   "new 10 + carried over 2 = results 11 + carried forward 1; a carried-forward of 0 loses one case."),
    "T3-02": Guide("（七）总计是（一）至（六）各项办理结果的合计，每件申请只计入一种结果。",
                   "（七）总计 is the sum of the result rows; each application has exactly one result.",
                   "予以公开 5、部分公开 2、不予公开各项合计 1 ⇒ （七）总计应为 8。也可不写总计，让工具计算。",
                   "disclosed 5, partly 2, withheld 1 ⇒ total 8; or leave the total out and let the tool add it."),
    "T3-03": Guide("“总计”列是六类申请人之和（表中没有“法人或其他组织”小计列）。",
                   "The 总计 column is the sum of the six applicant columns (there is no subtotal column).",
                   "自然人 3、商业企业 1、其余 0 ⇒ total: 4，或删去 total 让工具计算。",
                   "natural_person 3, business 1 ⇒ total: 4, or drop total and let the tool compute it."),
    "T3-04": Guide("申请件数只能是 0 或正整数。", "Application counts are whole numbers ≥ 0.",
                   "“12件”写成 12，“/”或空白写成 0。", "write 12 for '12件' and 0 for '/' or a blank."),
    "T3-05": Guide("办理结果和结转下年度都来自“新收 + 上年结转”，任何一项都不可能更多；它指出 T3-01 两边哪一边偏大。",
                   "Both results and carried forward come out of new + carried over; this tells which side of T3-01 is off.",
                   "新收 3 + 上年结转 0 = 3，而办理结果总计 5：先核对办理结果各行。",
                   "new 3 + carried over 0 = 3 but results total 5: check the result rows first."),
    "T3-07": Guide("上一年结转下年度继续办理的申请，就是本年的上年结转。",
                   "What last year carried forward is what this year carried over.",
                   "2023 年报告“结转下年度继续办理”自然人 2 ⇒ 2024 年“上年结转”自然人 2。gipr-gen init --previous 会自动带入。",
                   "last year's carried_forward natural_person 2 ⇒ this year's carried_over natural_person 2 "
                   "(gipr-gen init --previous carries it)."),
    "T3-08": Guide("正文和表格是同一份数据，读者会对照；数字不一致会被认为报告不准确。",
                   "Readers compare the text with the tables; a mismatch makes the report look inaccurate.",
                   "正文“收到政府信息公开申请12件”，表中新收总计应为 12。约数（如“182余条”）不核对。",
                   "text '收到政府信息公开申请12件' ⇒ new applications total 12; approximate counts (182余条) are skipped."),
    "T4-01": Guide("总计是四种结果之和。", "The total is the sum of the four results.",
                   "结果维持 1、结果纠正 1 ⇒ 总计 2，或不写总计。", "upheld 1, corrected 1 ⇒ total 2, or leave it out."),
    "T4-05": Guide("正文提到的行政复议、行政诉讼数量要和第四部分表格一致。",
                   "Reconsideration and litigation counts in the text must match table 四.",
                   "正文“收到行政诉讼1条”而表四全为 0：改表（未经复议直接起诉或复议后起诉填 1）或改正文。",
                   "text says one lawsuit but table 四 is all 0: fix the table or the text."),
    "T2-01": Guide("规章、规范性文件和处理决定都按件计，只能是 0 或正整数。", "These are counts: whole numbers ≥ 0.",
                   "decisions: 1,234 写成 1234。", "write decisions: 1234, not 1,234."),
    "T2-02": Guide("表头规定单位是万元；保留 6 位小数即精确到分。", "The header fixes the unit, 10,000 yuan; 6 decimals is one fen.",
                   "3500 元 ⇒ amount_wan_yuan: 0.35。", "3,500 yuan ⇒ amount_wan_yuan: 0.35."),
    "T2-03": Guide("现行有效件数一般等于上年现行有效加本年制发减本年废止；修订、到期失效、集中清理会打破它，所以只是提示。",
                   "In force usually follows last year + issued − repealed; amendments, expiry and clean-ups break it.",
                   "上年 11 件、本年制发 3 件、废止 2 件 ⇒ 现行有效约 12 件。",
                   "11 last year + 3 issued − 2 repealed ⇒ about 12 in force."),
    "T2-04": Guide("单位是万元，误填成元会放大一万倍。", "The unit is 10,000 yuan; entering yuan inflates it 10,000 times.",
                   "乡镇填报 35000 万元（3.5 亿元）多半是把 35000 元填错了单位，应为 3.5。",
                   "a township reporting 35000 (万元) most likely meant 35,000 yuan, i.e. 3.5."),
    "T2-05": Guide("只有国务院部门、省级政府和设区的市、自治州政府能制定规章。",
                   "Only State Council departments, provincial and districted-city governments make rules (规章).",
                   "街道办事处的“规章”行应全为 0，文件应填在“行政规范性文件”行。",
                   "a street office's 规章 row is all 0; its documents belong in the normative-documents row."),
    "S-01": Guide("《条例》第五十条和 2021 年格式规定了六个部分，不能遗漏。",
                  "Art. 50 and the 2021 format fix six sections; none may be left out.",
                  "缺少“五、存在的主要问题及改进情况”：加上 problems_and_improvements: | 和内容。",
                  "section 五 missing: add problems_and_improvements: | with its text."),
    "S-02": Guide("官方表格的行列不得增删；键名对应官方的每一行和每一列。",
                  "Official tables may not gain or lose rows or columns; each key is one official row or column.",
                  "把 licencing 改为 licensing；缺少的行写出来并填 0。", "rename licencing to licensing; write missing rows with 0s."),
    "S-03": Guide("标题和统计期限都应指向数据年度（不是发布年度）。",
                  "The title and the statistics period name the data year, not the publication year.",
                  "2024 年报告：标题含“2024年”，引言写“统计期限为2024年1月1日至12月31日”。",
                  "a 2024 report: the title has 2024年 and the period is 2024年1月1日至12月31日."),
    "S-05": Guide("第六部分应报告依《政府信息公开信息处理费管理办法》收取信息处理费的情况，没有收费也要写明。",
                  "Section 六 reports information-processing fees, or says that none were charged.",
                  "写“本年度发出收费通知0件，实际收取信息处理费0元。”",
                  "write '本年度发出收费通知0件，实际收取信息处理费0元。'"),
    "N-01": Guide("空白部分会被视为内容遗漏。", "An empty section reads as an omission.",
                  "没有问题也应写明，如“本年度无其他需要报告的事项。”", "say so, e.g. '本年度无其他需要报告的事项。'"),
    "N-02": Guide("一级标题只有六个部分标题；在部分内另起“二、……”会与部分标题混淆（常见于照搬 2019 年以前的报告结构）。",
                  "The six section headings are the only level-1 headings; '二、…' inside a section collides with them "
                  "(often the pre-2019 structure pasted in).",
                  "把“二、主动公开政府信息情况”改为“# 主动公开政府信息情况”（生成（一）级标题），或删掉这段。",
                  "turn '二、主动公开政府信息情况' into '# 主动公开政府信息情况' or remove it."),
    "N-04": Guide("init 生成的框架用“（待填写）”标出要写的地方，发布前必须换成正文。",
                  "init marks what is still to write with （待填写）; replace it before publishing.",
                  "把“（待填写）”换成本机关的实际情况。", "replace （待填写） with the body's own text."),
    "N-05": Guide("中文句子里的英文虚词多半是机器翻译或格式转换留下的错字，发布后很显眼。",
                  "An English function word in a Chinese sentence is usually left over from translation or conversion.",
                  "“习近平新时代中国特色社会主义思想 and 党的二十大精神”改为“……思想和党的二十大精神”。",
                  "'…思想 and 党的二十大精神' becomes '…思想和党的二十大精神'."),
    "N-06": Guide("重复的标点是录入时的笔误。", "A doubled mark is a typing slip.",
                  "“进一步拓宽;;二是”改为“进一步拓宽；二是”。", "'拓宽;;二是' becomes '拓宽；二是'."),
    "N-03": Guide("正式版式只有标题、段落、列表和加粗/倾斜。", "The official layout holds headings, paragraphs, lists, bold and italic only.",
                  "删除图片和 HTML；行首缩进四个空格会被当作代码，删掉这些空格。",
                  "remove images and HTML; four leading spaces make code, so remove them."),
}
GUIDES["T4-02"] = GUIDES["T4-03"] = GUIDES["T4-01"]
GUIDES["T4-04"] = GUIDES["T3-04"]
