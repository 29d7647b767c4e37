"""Rules every format shares: the checks of the file itself, reported by the YAML reader and the schema."""

from __future__ import annotations

from .layout import Rule

READER_RULES: tuple[Rule, ...] = (
    Rule("Y-ENCODING", "error", "文件编码：应为 UTF-8；GBK、UTF-16 会被读取并提示转换。",
         "Encoding: UTF-8; GBK and UTF-16 are read with a note.", "", check="reader"),
    Rule("Y-SYNTAX", "error", "YAML 语法：缩进用空格，冒号后加空格，引号成对，结构符号用半角。",
         "YAML syntax: spaces for indentation, a space after colons, matching quotes, half-width symbols.", "",
         check="reader"),
    Rule("Y-STRUCTURE", "error", "文件最外层是“键: 值”映射。", "The top level is a mapping of keys.", "", check="reader"),
    Rule("Y-DUPLICATE", "error", "同一层的键只能写一次。", "Each key once per level.", "", check="reader"),
    Rule("Y-CHAR", "error", "文字中没有不可见的控制字符。", "No invisible control characters in text.", "",
         check="reader"),
    Rule("Y-NUMBER", "error", "数字写法：不以 0 开头。", "Number form: no leading zeros.", "", check="reader"),
    Rule("Y-KEY", "error", "只能使用规定的键，拼错会提示最接近的键。",
         "Only the defined keys; a misspelt one gets the nearest suggestion.", "", check="schema"),
    Rule("Y-TYPE", "error", "值的类型：数字、文字或映射。", "Value types: number, text or mapping.", "", check="schema"),
    Rule("Y-VALUE", "error", "值的取值范围或写法（枚举、日期格式等）。", "Allowed values and forms (choices, dates).", "",
         check="schema"),
    Rule("Y-RANGE", "error", "数值范围，例如年度在 2021 到 2100 之间。", "Numeric ranges, e.g. the year 2021–2100.", "",
         check="schema"),
    Rule("Y-REQUIRED", "error", "必填项：format、organ、year 等。", "Required items: format, organ, year, …", "",
         check="schema"),
)
