"""Every user-facing message, in Chinese and English, in one catalogue.

``t(key, lang, **args)`` formats a message. An argument may be a ``Bi`` (a value with a Chinese
and an English form, such as a table label) and is shown in the message's language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Bi:
    zh: str
    en: str

    def __str__(self) -> str:  # pragma: no cover - only reached when a message forgets to localise
        return self.zh


def default_lang() -> Lang:
    """Chinese unless the environment asks for English (LC_ALL, LC_MESSAGES or LANG starting with en)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def place(where: Bi | str, lang: Lang) -> str:
    """A location prefix ("表格 3 第 5 行第 2 列: "), or nothing when there is none."""
    text = getattr(where, lang) if isinstance(where, Bi) else where
    return f"{text}: " if text else ""


def bi(msg_id: str, /, **args: Any) -> Bi:
    """A message in both languages, to be shown later in whichever the user reads."""
    return Bi(t(msg_id, "zh", **args), t(msg_id, "en", **args))


def t(msg_id: str, lang: Lang, /, **args: Any) -> str:
    entry = CATALOGUE[msg_id]
    shown = {k: (getattr(v, lang) if isinstance(v, Bi) else v) for k, v in args.items()}
    return entry[lang].format(**shown)


CATALOGUE: dict[str, dict[Lang, str]] = {
    # ---- severities and summaries
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "summary.ok": {"zh": "{file}：未发现问题。", "en": "{file}: no problems found."},
    "summary.counts": {
        "zh": "{file}：{errors} 个错误，{warnings} 个警告。",
        "en": "{file}: {errors} error(s), {warnings} warning(s).",
    },
    "summary.explain": {
        "zh": "用 gipr-gen explain 规则编号（例如 gipr-gen explain {rule}）查看规则说明和修改示例。",
        "en": "Run gipr-gen explain RULE (e.g. gipr-gen explain {rule}) for what a rule checks and how to fix it.",
    },
    # ---- reading the file
    "io.not_found": {"zh": "找不到文件，请检查路径。", "en": "file not found; check the path."},
    "io.unreadable": {"zh": "无法读取文件：{reason}", "en": "cannot read the file: {reason}"},
    "io.not_text": {
        "zh": "文件无法按 UTF-8 或 GBK 解码（第 {line} 行附近），不是文本文件？请用文本编辑器另存为 UTF-8 编码。",
        "en": "the file decodes neither as UTF-8 nor as GBK (near line {line}); is it a text file? Save it as UTF-8.",
    },
    "io.gbk": {
        "zh": "文件是 GBK/GB18030 编码，已按此读取；建议另存为 UTF-8（记事本“另存为”选 UTF-8，"
              "或运行 iconv -f GBK -t UTF-8），编辑器的提示和其他工具才能正常工作。",
        "en": "the file is GBK/GB18030-encoded and was read as such; save it as UTF-8 (iconv -f GBK -t UTF-8) "
              "so that editors and other tools read it too.",
    },
    "io.utf16": {
        "zh": "文件是 UTF-16 编码，已按此读取；建议另存为 UTF-8。",
        "en": "the file is UTF-16-encoded and was read as such; save it as UTF-8.",
    },
    "io.empty": {"zh": "文件是空的。可运行 gipr-gen init 生成报告框架。",
                 "en": "the file is empty. Run gipr-gen init to create a report skeleton."},
    # ---- YAML syntax
    "yaml.tab": {
        "zh": "这里有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格（每级两个空格）。",
        "en": "a tab character is here. YAML indents with spaces only: replace the tab with spaces (two per level).",
    },
    "yaml.fullwidth_colon": {
        "zh": "这里用了全角冒号“：”。键和值之间要用半角冒号加一个空格，请改为“{fix}”。",
        "en": "a full-width colon '：' is used here. Separate a key and its value with a half-width colon "
              "and a space: retype it as '{fix}'.",
    },
    "yaml.fullwidth_space": {
        "zh": "这里有全角空格（输入法的中文空格）。缩进和分隔只能用半角空格，请删除后用半角空格重打。",
        "en": "a full-width (ideographic) space is here. Indent and separate with ordinary spaces only: retype it.",
    },
    "yaml.nbsp": {
        "zh": "这里有不换行空格（从 Word 或网页复制时带来的特殊空格）。请删除后用普通空格重打。",
        "en": "a no-break space (copied from Word or a web page) is here; retype it as an ordinary space.",
    },
    "yaml.fullwidth_comma": {
        "zh": "这里用了全角逗号“，”。花括号 {{ }} 里的各项要用半角逗号“,”分隔。",
        "en": "a full-width comma '，' is used here. Separate the items inside {{ }} with a half-width comma ','.",
    },
    "yaml.fullwidth_punct": {
        "zh": "这里用了全角符号“{char}”，YAML 结构符号只能用半角，请改为“{fix}”。",
        "en": "the full-width character '{char}' is used here; YAML structure needs the half-width '{fix}'.",
    },
    "yaml.syntax": {
        "zh": "YAML 格式错误：{problem}。请检查这一行和上一行的缩进、冒号后的空格和引号是否成对。",
        "en": "YAML syntax error: {problem}. Check the indentation, the space after each colon and "
              "matching quotes on this line and the one before.",
    },
    "yaml.duplicate_key": {
        "zh": "键“{key}”重复出现（第一次在第 {first} 行）。同一层里每个键只能写一次，请删除或合并其中一处。",
        "en": "the key '{key}' appears twice (first on line {first}). Write each key once per level.",
    },
    "yaml.not_mapping": {
        "zh": "报告文件的最外层应是“键: 值”的映射（例如 organ: …），现在不是。可运行 gipr-gen init 生成框架。",
        "en": "the top level of a report must be a mapping of keys (organ: …). Run gipr-gen init for a skeleton.",
    },
    "yaml.complex_key": {"zh": "键必须是普通文字。", "en": "a key must be plain text."},
    "yaml.anchor": {"zh": "报告文件不支持锚点、别名和标签（&、* 和 !），请直接写出数值。",
                    "en": "anchors, aliases and tags (&, * and !) are not supported in reports; write the values out."},
    "yaml.leading_zero": {
        "zh": "数字“{raw}”以 0 开头，YAML 可能把它读成八进制；请写成 {fix}。",
        "en": "the number '{raw}' starts with 0 and YAML may read it as octal; write {fix}.",
    },
    "yaml.control_char": {
        "zh": "这段文字里有不可见的控制字符（{code}），多半是从别处复制带来的。请删除它（可整段删掉后重新输入）。",
        "en": "this text contains an invisible control character ({code}), most likely pasted in; delete it "
              "(retype the passage if need be).",
    },
    # ---- schema findings
    "schema.required_section": {
        "zh": "缺少第{number}部分“{heading}”（键 {key}）。六个部分都必须有，内容为空也要写出来。",
        "en": "section {number} '{heading}' (key {key}) is missing. All six sections are required.",
    },
    "schema.required_row": {
        "zh": "表格缺少“{label}”这一行（键 {key}）。官方表格的行不能删减，没有数据请填 0。",
        "en": "the table lacks the row '{label}' (key {key}). Official rows cannot be left out; write 0s.",
    },
    "schema.required_cell": {
        "zh": "“{row}”行缺少“{label}”列（键 {key}）。没有数据请填 0。",
        "en": "the row '{row}' lacks the column '{label}' (key {key}). Write 0 when there is nothing to report.",
    },
    "schema.required": {
        "zh": "缺少必填项{title}（键 {key}）。",
        "en": "the required item {title} (key {key}) is missing.",
    },
    "schema.unknown_key": {
        "zh": "未知的键“{key}”。{hint}",
        "en": "unknown key '{key}'. {hint}",
    },
    "hint.did_you_mean": {"zh": "是不是要写“{suggestion}”？", "en": "Did you mean '{suggestion}'?"},
    "hint.label_key": {
        "zh": "“{label}”的键是“{suggestion}”，请用英文键名。",
        "en": "the key for '{label}' is '{suggestion}'; use the English key.",
    },
    "hint.thousands": {"zh": "这是千位分隔逗号后的“{digits}”：带逗号的数字会被拆成两半。请把数字连着写，例如 12500。",
                       "en": "'{digits}' follows a thousands separator, which splits the number in two; "
                             "write the digits together, e.g. 12500."},
    "hint.valid_keys": {"zh": "这里可用的键有：{keys}。", "en": "Keys allowed here: {keys}."},
    "hint.fullwidth_in_key": {
        "zh": "键里有全角符号（“：”“，”或全角空格），请用半角冒号加空格分隔键和值。",
        "en": "the key contains full-width punctuation ('：', '，' or an ideographic space); "
              "separate key and value with ': '.",
    },
    "schema.number_as_text": {
        "zh": "{title}应填写数字，现在是文字“{value}”。{hint}",
        "en": "{title} must be a number, not the text '{value}'. {hint}",
    },
    "hint.write_number": {"zh": "请只写数字：{fix}。", "en": "Write the number alone: {fix}."},
    "hint.fee_yuan": {
        "zh": "收费金额的单位是万元，{yuan} 元应写成 {fix}。",
        "en": "fees are in 10,000 yuan (万元): {yuan} yuan is {fix}.",
    },
    "hint.placeholder": {
        "zh": "没有数据请填 0（“/”“—”“无”等占位符不能代替数字）。",
        "en": "write 0 when there is nothing to report (placeholders such as '/', '—' or '无' are not numbers).",
    },
    "hint.quote_number": {"zh": "去掉引号，写成 {fix}。", "en": "remove the quotes: {fix}."},
    "hint.fullwidth_digits": {"zh": "数字要用半角，请写成 {fix}。", "en": "use half-width digits: {fix}."},
    "schema.empty_cell": {
        "zh": "{title}是空的。没有数据请填 0。",
        "en": "{title} is empty. Write 0 when there is nothing to report.",
    },
    "schema.not_integer": {
        "zh": "{title}是件数，应为整数，现在是 {value}。",
        "en": "{title} is a count and must be a whole number, not {value}.",
    },
    "schema.negative": {
        "zh": "{title}不能为负数（现在是 {value}）。",
        "en": "{title} cannot be negative (it is {value}).",
    },
    "schema.type": {
        "zh": "{title}应为{expected}，现在是{actual}“{value}”。",
        "en": "{title} must be {expected}, not {actual} '{value}'.",
    },
    "schema.enum": {
        "zh": "{title}只能取以下值之一：{allowed}（现在是“{value}”）。",
        "en": "{title} must be one of: {allowed} (it is '{value}').",
    },
    "schema.pattern": {
        "zh": "{title}的写法不对（现在是“{value}”）：{description}",
        "en": "{title} is not in the expected form ('{value}'): {description}",
    },
    "schema.no_such_date": {"zh": "{title}“{value}”不是一个实际存在的日期。", "en": "{title} '{value}' is not a real date."},
    "schema.min_length": {"zh": "{title}不能为空。", "en": "{title} cannot be empty."},
    "schema.range": {
        "zh": "{title}应在 {minimum} 到 {maximum} 之间（现在是 {value}）。",
        "en": "{title} must be between {minimum} and {maximum} (it is {value}).",
    },
    "schema.other": {"zh": "{title}不符合格式要求：{detail}", "en": "{title} does not fit the format: {detail}"},
    "type.integer": {"zh": "整数", "en": "a whole number"},
    "type.number": {"zh": "数字", "en": "a number"},
    "type.string": {"zh": "文字", "en": "text"},
    "type.object": {"zh": "“键: 值”映射", "en": "a mapping of keys"},
    "type.array": {"zh": "列表", "en": "a list"},
    "type.boolean": {"zh": "是/否（true/false）", "en": "true or false"},
    "type.null": {"zh": "空值", "en": "empty"},
    # ---- rule findings
    "rule.sum": {
        "zh": "{where}：填报 {reported}，按 {formula} 计算应为 {computed}（{terms}）。{fix}",
        "en": "{where}: reported {reported}, but the rule “{formula}” gives {computed} ({terms}). {fix}",
    },
    "rule.sum_rest": {"zh": "，其余 {rest} 项为 0", "en": "; the other {rest} are 0"},
    "rule.balance": {
        "zh": "{where}：{lhs_text} = {lhs}，{rhs_text} = {rhs}，两边不相等（相差 {diff}）。{fix}",
        "en": "{where}: {lhs_text} = {lhs} but {rhs_text} = {rhs} (off by {diff}). {fix}",
    },
    "rule.bound": {
        "zh": "{where}：{lhs_text} = {lhs}，超过了 {rhs_text} = {rhs}。{fix}",
        "en": "{where}: {lhs_text} = {lhs} exceeds {rhs_text} = {rhs}. {fix}",
    },
    "rule.decimals": {
        "zh": "{title}最多保留 {places} 位小数（单位万元），现在是 {value}。",
        "en": "{title} allows at most {places} decimal places (in 10,000 yuan); it is {value}.",
    },
    "rule.fee_unit": {
        "zh": "行政事业性收费填报 {value} 万元（即 {yuan} 元），对{organ_type}而言异常偏大，是否误把“元”当成了“万元”？"
              "单位是万元：例如 3500 元应填 0.35。",
        "en": "administrative fees of {value} (10,000 yuan), i.e. {yuan} yuan, are implausibly large for {organ_type}; "
              "was the amount entered in yuan? The unit is 10,000 yuan: 3,500 yuan is 0.35.",
    },
    "rule.rule_making": {
        "zh": "{organ_type}一般没有规章制定权，但“规章”行填报了 {value}。请核实，规章只由国务院部门、省级政府和"
              "设区的市、自治州政府制定；本机关没有时应填 0。",
        "en": "{organ_type} normally has no power to make rules (规章), yet the 规章 row reports {value}. "
              "Only State Council departments, provincial and districted-city governments make rules.",
    },
    "rule.title_year": {
        "zh": "标题“{heading}”应包含年度“{year}年”和“政府信息公开工作年度报告”。",
        "en": "the title '{heading}' should contain the year '{year}年' and '政府信息公开工作年度报告'.",
    },
    "rule.period": {
        "zh": "引言中的统计期限“{found}”与报告年度 {year} 年不一致，应为 {year}年1月1日至12月31日。",
        "en": "the statistics period '{found}' in the intro does not match the report year {year}; "
              "it should be 1 January to 31 December {year}.",
    },
    "rule.fee_mention": {
        "zh": "第六部分没有提到信息处理费（收费）情况。按要求应报告发出收费通知的件数和总金额、实际收取的总金额，"
              "没有收费也应写明，例如“本年度未收取信息处理费”。",
        "en": "section 六 does not mention information-processing fees. Report the fee notices issued, the amounts "
              "billed and collected, or state that no fees were charged (本年度未收取信息处理费).",
    },
    "rule.empty_text": {
        "zh": "第{number}部分“{heading}”还没有内容，请填写。",
        "en": "section {number} '{heading}' has no text yet.",
    },
    "rule.level1_paragraph": {
        "zh": "这一段以一级编号“{marker}”开头（“{start}”）。报告的一级标题只有六个部分标题，由工具生成；"
              "部分内的小标题请写成“# 标题”（生成（一）级标题），或去掉编号。",
        "en": "this paragraph starts with the level-1 number '{marker}' ('{start}'). The only level-1 headings "
              "are the six section headings, which the tool writes; mark a sub-heading as '# heading' (level （一）) "
              "or drop the number.",
    },
    "rule.text_count": {
        "zh": "文字写的是“{quote}”（{stated}），但表格中{what}为 {actual}。请核对文字或表格，使两者一致。",
        "en": "the text says '{quote}' ({stated}), but the table's {what} is {actual}. Make the text and the table agree.",
    },
    "rule.carry_over": {
        "zh": "“{column}”列：本年“上年结转”为 {cin}，上一年度报告（{previous}）“结转下年度继续办理”为 {cout}，两者通常相等。"
              "如有机构调整或更正属正常，请在报告中说明。",
        "en": "column '{column}': carried over this year is {cin}, but last year's report ({previous}) carried "
              "forward {cout}; these normally agree. Explain restructuring or corrections in the report.",
    },
    "rule.in_force": {
        "zh": "{row}现行有效件数填报 {reported}，按上一年度（{previous}）的 {last} 件加本年制发 {issued} 件、"
              "减本年废止 {repealed} 件应约为 {expected} 件。修订、失效或清理可能造成差异，请核实。",
        "en": "{row}: {reported} in force, but last year's {last} ({previous}) + {issued} issued − {repealed} "
              "repealed gives {expected}. Amendments, expiry or clean-ups may explain it; please verify.",
    },
    "rule.previous_year": {
        "zh": "用于比对的上一年度报告（{previous}）是 {previous_year} 年的，本报告是 {year} 年的；请确认文件是否选对。",
        "en": "the previous report ({previous}) is for {previous_year}, this one for {year}; is it the right file?",
    },
    "rule.placeholder": {
        "zh": "这里还是 gipr-gen init 留下的占位文字“{text}”，请换成正文。",
        "en": "the placeholder '{text}' left by gipr-gen init is still here; replace it with the text.",
    },
    "rule.stray_english": {
        "zh": "中文正文中夹着英文词“{found}”，多半是翻译或转换留下的错字，请改为中文（如“和”）。",
        "en": "the English word '{found}' sits inside Chinese text, most likely left over from translation; "
              "write it in Chinese (e.g. 和).",
    },
    "rule.doubled_punctuation": {
        "zh": "标点“{found}”重复了，请只保留一个（中文正文用全角标点）。",
        "en": "the punctuation '{found}' is doubled; keep one (full-width in Chinese text).",
    },
    "organ_type.unknown": {"zh": "本机关", "en": "this body"},
    # ---- words used inside rule messages
    "where.cell": {"zh": "“{row}”行“{column}”列", "en": "row '{row}', column '{column}'"},
    "where.template_paragraph": {"zh": "第 {number} 段", "en": "paragraph {number}"},
    "where.template_cell": {"zh": "表格 {table} 第 {row} 行第 {column} 列", "en": "table {table}, row {row}, column {column}"},
    "where.template_header": {"zh": "页眉", "en": "header"},
    "where.template_footer": {"zh": "页脚", "en": "footer"},
    "where.template_styles": {"zh": "样式", "en": "styles"},
    "where.column": {"zh": "“{column}”列", "en": "column '{column}'"},
    "fix.sum_total": {
        "zh": "请改正总计，或核对各分项。",
        "en": "Correct the total or check the items.",
    },
    "fix.balance": {
        "zh": "“本年新收”加“上年结转”应等于“办理结果总计”加“结转下年度”；请核对这一列的四个数。",
        "en": "new + carried over must equal total results + carried forward; check these four figures.",
    },
    "fix.bound": {"zh": "这一侧的数字偏大，请先核对它。", "en": "This side is too large; check it first."},
    # ---- narrative Markdown
    "narrative.image": {"zh": "正式报告中不能插入图片（{token}），请删除。",
                        "en": "images ({token}) have no place in the official report; remove it."},
    "narrative.html": {"zh": "不能在文字中写 HTML 标签（{token}）。若要显示“<”等符号本身，请用反斜杠转义，如 \\<。",
                       "en": "raw HTML ({token}) is not allowed in the text; escape a literal '<' as \\<."},
    "narrative.code": {"zh": "正式报告中没有代码块或代码格式（{token}）。若是缩进了四个空格的段落，请删除行首空格。",
                       "en": "code ({token}) has no place in the official report; an indented paragraph is read "
                             "as code, so remove the leading spaces."},
    "narrative.quote": {"zh": "正式报告中没有引用块（{token}），请删除行首的“>”。",
                        "en": "block quotes ({token}) have no place in the official report; remove the '>'."},
    "narrative.rule": {"zh": "正式报告中没有分隔线（{token}），请删除这一行。",
                       "en": "horizontal rules ({token}) have no place in the official report; remove the line."},
    "narrative.deep_heading": {
        "zh": "标题层级过深（{token}）。部分内只有三级小标题：“#”（一）、“##”1.、“###”（1）。",
        "en": "heading too deep ({token}); inside a section use '#' （一）, '##' 1. and '###' （1） only."},
    # ---- building
    "build.refused": {"zh": "{file} 有错误，未生成文件（用 --force 可强制生成）。",
                      "en": "{file} has errors; nothing was written (--force builds anyway)."},
    "build.forced": {"zh": "{file} 有错误，已按 --force 强制生成。", "en": "{file} has errors; built anyway (--force)."},
    "build.malformed": {"zh": "{file} 的格式错误必须先改正，--force 也无法生成。",
                        "en": "{file} has format errors that must be fixed first; --force cannot build it."},
    "build.wrote": {"zh": "已生成 {path}", "en": "wrote {path}"},
    "build.same_as_input": {"zh": "输出文件 {path} 与输入文件相同，已拒绝覆盖。请换一个输出目录（-o）。",
                            "en": "the output {path} is the input file itself; choose another output directory (-o)."},
    "build.unwritable": {"zh": "无法写入 {path}：{reason}。请检查目录是否存在、是否有写权限。",
                         "en": "cannot write {path}: {reason}. Check that the folder exists and is writable."},
    "build.pdf_needs_docx": {"zh": "--pdf 由 Word 文件转换而来，请在 --to 中包含 docx。",
                             "en": "--pdf converts the Word file: include docx in --to."},
    "build.same_name": {"zh": "这些报告文件同名，会在输出目录中互相覆盖：{files}。请分别生成到不同目录，或改名。",
                        "en": "these reports share a name and would overwrite each other's outputs: {files}. "
                              "Build them into different folders or rename one."},
    "build.unknown_format": {"zh": "未知的输出格式“{name}”，可选：{allowed}。",
                             "en": "unknown output format '{name}'; choose from {allowed}."},
    # ---- CLI
    "cli.usage": {"zh": "用法错误：{detail}\n运行 gipr-gen {command} --help 查看用法。",
                  "en": "usage error: {detail}\nRun gipr-gen {command} --help for usage."},
    "cli.no_files": {"zh": "请给出至少一个报告文件。", "en": "give at least one report file."},
    "cli.help": {
        "zh": "gipr-gen：政府信息公开工作年度报告的校验与生成工具（2021 年格式）。",
        "en": "gipr-gen: check and build annual government information disclosure reports (2021 format).",
    },
    "cli.help.check": {
        "zh": "校验报告：结构、类型和全部勾稽关系。退出码 0 无错误，1 有错误，2 用法或读写问题。",
        "en": "Check reports: structure, types and every consistency rule. Exit 0 ok, 1 errors, 2 usage/I-O.",
    },
    "cli.help.strict": {"zh": "警告也视为失败。", "en": "Treat warnings as failures."},
    "cli.help.format": {"zh": "输出格式：text 或 json。", "en": "Output format: text or json."},
    "cli.help.lang": {"zh": "消息语言：zh 或 en（默认按 LANG 环境变量，否则中文）。",
                      "en": "Message language: zh or en (default from LANG, Chinese otherwise)."},
    "cli.help.schema": {"zh": "输出报告格式 JSON Schema 的路径（供编辑器和 check-jsonschema 使用）。",
                        "en": "Print the path of the report JSON Schema (for editors and check-jsonschema)."},
    "cli.help.schema_print": {"zh": "输出 Schema 内容而不是路径。", "en": "Print the schema itself, not its path."},
    "cli.help.build": {"zh": "生成报告：Word（.docx）、Markdown（.md）和 HTML（.html）。生成前先校验，有错误时不生成。",
                       "en": "Build the report as Word, Markdown and HTML. Checks first and refuses a report with errors."},
    "cli.help.output": {"zh": "输出目录。", "en": "Output folder."},
    "cli.help.to": {"zh": "输出格式，逗号分隔：docx,md,html。", "en": "Output formats, comma-separated: docx,md,html."},
    "cli.help.template": {"zh": "自定义 Word 模板（.docx），可复制内置模板修改。",
                          "en": "Your own Word template (.docx), e.g. an edited copy of the bundled one."},
    "cli.help.force": {"zh": "报告有勾稽关系等错误时仍然生成（会提示）。",
                       "en": "Build even when consistency rules fail (says so)."},
    "cli.help.pdf": {"zh": "同时用 LibreOffice 把 Word 文件转为 PDF。", "en": "Also convert the Word file to PDF with LibreOffice."},
    "cli.help.previous": {"zh": "上一年度的报告文件，用于跨年度比对（T3-07、T2-03）。",
                          "en": "Last year's report, for the cross-year checks (T3-07, T2-03)."},
    "cli.help.explain": {"zh": "说明一条规则：查什么、为什么、公式和修改示例，例如 gipr-gen explain T3-01。",
                         "en": "Explain a rule: what it checks, why, its formula and an example fix (gipr-gen explain T3-01)."},
    "explain.unknown": {"zh": "没有规则“{rule}”。已有规则：{known}", "en": "no rule '{rule}'. Rules: {known}"},
    "explain.rule": {"zh": "{id}（{severity}）{name}", "en": "{id} ({severity}) {name}"},
    "explain.formula": {"zh": "公式：{formula}", "en": "formula: {formula}"},
    "explain.why": {"zh": "为什么：{why}", "en": "why: {why}"},
    "explain.example": {"zh": "示例：{example}", "en": "example: {example}"},
    "explain.input": {"zh": "{id}（错误）{name}", "en": "{id} (error) {name}"},
    "cli.help.template_group": {"zh": "Word 模板相关命令。", "en": "Commands for Word templates."},
    "cli.help.template_check": {
        "zh": "检查自定义 Word 模板：标记是否都是报告提供的数据、写法是否正确、样式是否齐全。退出码 0 可用，1 有问题，2 无法读取。",
        "en": "Check a Word template: every tag is data the report provides, tags are well-formed, styles exist. "
              "Exit 0 usable, 1 problems, 2 unreadable."},
    "cli.help.version": {"zh": "显示版本号。", "en": "Show the version and exit."},
    "cli.help.help": {"zh": "显示本帮助。", "en": "Show this message and exit."},
    "cli.help.quiet": {"zh": "没有问题时不输出。", "en": "Print nothing when there are no problems."},
    # ---- Word writer and templates (docx work adds its messages here)
    "template.not_docx": {"zh": "不是可用的 Word 文件（.docx）：{reason}。请在 Word 或 WPS 中另存为 .docx 格式。",
                          "en": "not a usable Word file (.docx): {reason}. Save it as .docx in Word or WPS."},
    "template.unreadable": {"zh": "无法读取 Word 模板：{reason}", "en": "cannot read the Word template: {reason}"},
    "template.syntax": {"zh": "模板标记写法有误：{reason}。标记写成 {{{{ 名称 }}}} 或 {{% if 名称 %}}…{{% endif %}}。",
                        "en": "template tag syntax error: {reason}. Tags look like {{{{ name }}}} or {{% if name %}}…{{% endif %}}."},
    "template.unclosed": {"zh": "标记没有闭合：“{text}”（缺少 }}}} 或 %}}）。",
                          "en": "unclosed tag: '{text}' (missing }}}} or %}})."},
    "template.unknown_tag": {"zh": "未知的标记“{tag}”，是否想写“{suggestion}”？",
                             "en": "unknown tag '{tag}'; did you mean '{suggestion}'?"},
    "template.unknown_tag_no_guess": {"zh": "未知的标记“{tag}”。可用的标记见内置模板 templates/report.docx。",
                                      "en": "unknown tag '{tag}'; see the bundled templates/report.docx for the tags."},
    "template.missing_style": {"zh": "模板缺少样式“{style}”，叙述文字要用它排版。请从内置模板复制该样式。",
                               "en": "the template lacks the style '{style}' that narrative text is set in; "
                                     "copy it from the bundled template."},
    "template.render_failed": {"zh": "按模板生成 Word 文件时出错：{reason}", "en": "filling the Word template failed: {reason}"},
    "template.ok": {"zh": "{file}：模板可用。", "en": "{file}: the template can be used."},
    "template.problems": {"zh": "{file}：模板有 {count} 个问题。", "en": "{file}: {count} problem(s) in the template."},
    "pdf.no_soffice": {
        "zh": "找不到 LibreOffice（soffice 命令），无法生成 PDF。请先安装：Debian/Ubuntu 运行 "
              "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；Windows 或 macOS 从 "
              "https://www.libreoffice.org 下载安装，并把 soffice 所在目录加入 PATH。",
        "en": "LibreOffice (the soffice command) was not found, so no PDF can be made. Install it: on "
              "Debian/Ubuntu run sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk; on Windows or "
              "macOS get it from https://www.libreoffice.org and put the folder holding soffice on PATH."},
    "pdf.failed": {"zh": "LibreOffice 未能把 {path} 转为 PDF：{reason}",
                   "en": "LibreOffice could not convert {path} to PDF: {reason}"},
    # ---- Markdown and HTML writers (md/html work adds its messages here)
    # ---- init scaffold and editor support (authoring work adds its messages here)
    "cli.help.init": {"zh": "生成一份完整、可通过校验的报告框架（YAML），各部分附填写提示，表格各行预填 0。",
                      "en": "Write a complete report skeleton (YAML) that passes check: hints for every section, "
                            "every table row filled with zeros."},
    "cli.help.init_organ": {"zh": "机关全称，例如“鹿邑县真源街道办事处”。", "en": "Full name of the body."},
    "cli.help.init_year": {"zh": "报告年度（统计数据所属年度，不是发布年度）。",
                           "en": "Report year (the year the figures cover, not the year of publication)."},
    "cli.help.init_organ_type": {"zh": "机关类型（可选），用于提示性检查。",
                                 "en": "Kind of body (optional), used by the heuristic checks."},
    "cli.help.init_previous": {"zh": "上一年度的报告文件：结转其“结转下年度继续办理”和“现行有效件数”。",
                               "en": "Last year's report: carries forward its carried-forward applications "
                                     "and in-force counts."},
    "cli.help.init_output": {"zh": "要写入的报告文件（默认：年度.yaml）。",
                             "en": "The report file to write (default: YEAR.yaml)."},
    "cli.help.init_force": {"zh": "文件已存在时覆盖。", "en": "Overwrite an existing file."},
    "init.wrote": {"zh": "已生成报告框架 {path}。填写数字和文字后运行 gipr-gen check {path} 校验。",
                   "en": "wrote the report skeleton {path}. Fill in the figures and text, then run "
                         "gipr-gen check {path}."},
    "init.carried": {"zh": "已从上年报告 {file} 结转上年结转申请数和现行有效件数。",
                     "en": "carried over last year's pending applications and in-force counts from {file}."},
    "init.exists": {"zh": "{path} 已存在，未覆盖。要覆盖请加 --force，或用 -o 换一个文件名。",
                    "en": "{path} already exists and was left unchanged. Add --force to overwrite it, "
                          "or choose another name with -o."},
    "init.is_dir": {"zh": "{path} 是一个目录。请用 -o 给出文件名，例如 -o {path}/报告.yaml。",
                    "en": "{path} is a folder. Give a file name with -o, e.g. -o {path}/report.yaml."},
    "init.empty_organ": {"zh": "机关全称不能为空（--organ）。", "en": "the name of the body (--organ) is empty."},
    "init.invalid": {"zh": "按所给参数生成的框架无法通过校验，未写入文件：",
                     "en": "the skeleton made from these options would not pass the check; nothing was written:"},
    "init.previous_not_found": {"zh": "找不到上年报告 {file}，请检查 --previous 的路径。",
                                "en": "last year's report {file} was not found; check the --previous path."},
    "init.previous_unreadable": {"zh": "无法读取上年报告 {file}：{reason}",
                                 "en": "cannot read last year's report {file}: {reason}"},
    "init.previous_errors": {
        "zh": "上年报告 {file} 有 {errors} 个错误，不能从中结转数据。请先运行 gipr-gen check {file} 并改正：",
        "en": "last year's report {file} has {errors} error(s); nothing can be carried over from it. "
              "Run gipr-gen check {file} and fix them first:"},
    "init.previous_year": {"zh": "注意：上年报告 {file} 的报告年度是 {found}，不是 {expected}。",
                           "en": "note: last year's report {file} covers {found}, not {expected}."},
    "init.file.header": {
        "zh": "{title}。由 gipr-gen init 生成：把 0 改成本年数字，把“（待填写）”换成正文，然后运行 gipr-gen check 校验。",
        "en": "{title}. Made by gipr-gen init: replace the zeros with this year's figures and （待填写） with "
              "the text, then run gipr-gen check."},
    "init.file.organ_type": {"zh": "organ_type（{title}，可选）：{choices}",
                             "en": "organ_type ({title}, optional): {choices}"},
    "init.file.intro": {"zh": "本报告中所列数据统计期限为{year}年1月1日至12月31日。",
                        "en": "The figures in this report cover 1 January to 31 December {year}."},
    "init.file.placeholder": {"zh": "（待填写）", "en": "(to be written)"},
    "init.file.text": {"zh": "可在本部分加 text: |（{title}），写在表格前。",
                       "en": "Add text: | ({title}) to write a paragraph before the table."},
    "init.file.columns": {"zh": "各列：{columns}。", "en": "Columns: {columns}."},
    "init.file.total_column": {"zh": "{columns} 不填，自动计算（填了则校验）。",
                               "en": " {columns} is left out: it is derived (checked when given)."},
    "init.file.total_row": {"zh": "不填，由以上各项自动计算（填了则校验）。",
                            "en": "left out: derived from the rows above (checked when given)."},
    "init.file.carried_over": {"zh": "已从上年报告 {file}（{year} 年）的“{row}”转入",
                               "en": "carried from {row} in last year's report {file} ({year})"},
    "init.file.in_force": {"zh": "现行有效件数已从上年报告 {file}（{year} 年）转入，请按本年制发、废止情况更新",
                           "en": "in_force carried from last year's report {file} ({year}); update it for "
                                 "this year's issued and repealed"},
    "init.file.balance": {"zh": "暂与“{row}”相同，使第一项加第二项等于第三项加第四项；填写办理结果后请相应调整",
                          "en": "for now equal to {row}, so that the balance holds; adjust it when the results "
                                "are filled in"},
}
