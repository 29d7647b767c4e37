"""Fixtures of tests/test_published_readers.py: .docx files written from raw WordprocessingML (``docx_bytes``,
used by the tests directly), and the two files kept here, remade by running this module:

* ``page-gbk.html``: a whole saved government page in GBK (declared as gb2312), the report inside the
  site around it: a menu, a breadcrumb, a metadata table (索引号/发布机构/发布日期), the title and a
  来源/发布时间 line, the article, a calendar and contacts in a side bar, a footer, and images, scripts,
  a stylesheet and a frame on a remote host;
* ``report.doc``: ``DOC_BODY`` as a Word 97–2003 file, converted by LibreOffice.

Run: .venv/bin/python tests/data/readers/make_fixtures.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""
_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
</Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
 Target="numbering.xml"/>
</Relationships>"""


def docx_bytes(body: str, *, styles: str = "", numbering: str = "", title: str | None = None,
               document: str | bytes | None = None) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML, prefix ``w``); ``styles`` and ``numbering`` are
    the inner XML of those parts; ``document`` replaces the whole document part."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": document if document is not None else
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}'
        f"</w:body></w:document>",
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>',
        "word/numbering.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{numbering}'
                              f"</w:numbering>",
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
                             'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/'
                             f'dc/elements/1.1/">{f"<dc:title>{title}</dc:title>" if title else ""}'
                             "</cp:coreProperties>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def p(text: str, style: str | None = None) -> str:
    """A paragraph of one run."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


# report.doc: a title, a heading numbered by Word, and a table with a horizontal and a vertical merge
DOC_NUMBERING = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
DOC_BODY = (p("某县某局2024年政府信息公开工作年度报告")
            + '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
              '<w:r><w:t>总体情况</w:t></w:r></w:p>'
            + '<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
            + "<w:tr>" + tc("第二十条第（一）项", '<w:gridSpan w:val="3"/>') + "</w:tr>"
            + "<w:tr>" + tc("规章", '<w:vMerge w:val="restart"/>') + tc("1") + tc("2") + "</w:tr>"
            + "<w:tr>" + tc("", "<w:vMerge/>") + tc("3") + tc("4") + "</w:tr>"
            + "</w:tbl>" + p("六、其他需要报告的事项"))

PAGE_GBK = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "{remote}/xhtml1-transitional.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>云溪县市场监督管理局2024年政府信息公开工作年度报告_云溪县人民政府</title>
<link rel="stylesheet" href="{remote}/css/site.css">
<script src="{remote}/js/jquery.js"></script>
<script>document.write("<p>脚本写出的文字</p>");</script>
<style>p {{ text-indent: 2em; }}</style>
</head>
<body>
<div class="top"><img src="{remote}/img/logo.png" alt="云溪县人民政府"><span>云溪县人民政府门户网站</span> 无障碍 繁體</div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></div>
<div class="main">
<div class="left">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">年度报告</a></div>
<table class="meta">
<tr><td>索引号</td><td>11532500MB0000000X/2025-00012</td><td>发布机构</td><td>云溪县市场监督管理局</td></tr>
<tr><td>发布日期</td><td>2025-01-20</td><td>文号</td><td></td></tr>
</table>
<h1 class="article-title">云溪县市场监督管理局2024年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2025-01-20 09:30　来源：县市场监管局　浏览次数：<span>123</span></div>
<div id="zoom" class="TRS_Editor">
<p>　　本报告依据《中华人民共和国政府信息公开条例》编制。</p>
<p><b><font face="黑体">一、总体情况</font></b></p>
<p>（一）主动公开情况。{active}</p>
<p>（二）依申请公开情况。{requests}</p>
<p>2024年，本局<span>主动</span><font face="仿宋"><span>公开</span></font>政府信息<o:p></o:p>256条。<br>
第二行&nbsp;&nbsp;有两个不换行空格。<img src="{remote}/img/chart.png"></p>
<!-- 编辑器留下的注释不是正文 -->
<p>二、主动公开政府信息情况</p>
<div align="center">
<table border="1">
<tr><th colspan="3">第二十条第（一）项</th></tr>
<tr><td>信息内容</td><td>本年<span>制发</span>件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td rowspan="2"><p><span>规</span><span>章</span><o:p></o:p></p></td><td>1</td><td>&nbsp;</td><td>3</td></tr>
<tr><td>4</td><td><font><span>5</span></font></td></tr>
<tr><td>行政许可</td><td colspan="3"><p>12</p><p>（其中新办 2）</p></td><td></td></tr>
</table>
</div>
<p>六、其他需要报告的事项</p>
<p>本年度未收取信息处理费。</p>
<p style="text-align:right">云溪县市场监督管理局</p>
<p style="text-align:right">2025年1月20日</p>
<div style="display:none">隐藏的旧版正文</div>
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><iframe src="{remote}/share.html"></iframe></div>
</div>
<div class="right">
<table class="calendar">
<tr><td>一</td><td>二</td><td>三</td><td>四</td><td>五</td><td>六</td><td>日</td></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr>
<tr><td>8</td><td>9</td><td>10</td><td>11</td><td>12</td><td>13</td><td>14</td></tr>
</table>
<ul><li><a href="/a">相关链接一</a></li><li><a href="/b">相关链接二</a></li></ul>
<p>联系我们：云溪县人民政府办公室　地址：云溪县人民路1号　电话：0000-1234567</p>
</div>
</div>
<div class="footer"><p>主办单位：云溪县人民政府办公室　承办：云溪县大数据中心　网站标识码：5325000000　备案号：滇ICP备00000000号</p>
<script src="{remote}/js/stat.js"></script></div>
</body>
</html>
"""
# two paragraphs of ordinary length: a report's text far outweighs the site around it
ACTIVE = ("本局坚持以公开为常态、不公开为例外，围绕市场监管重点工作，及时公开行政许可、行政处罚、抽查检查结果等信息，"
          "持续做好政策解读和回应关切，推动政务公开标准化规范化建设，不断提升公开质量和实效。") * 4
REQUESTS = ("本局严格按照法定程序和时限办理政府信息公开申请，加强与申请人沟通，做到依法答复、规范答复，"
            "全年未发生因政府信息公开引起的行政复议和行政诉讼，答复质量进一步提高。") * 4
REMOTE = "http://127.0.0.1:9"  # the discard port: a reader that fetched anything would wait or fail there


def page(remote: str) -> str:
    """The saved page, its remote resources on ``remote``."""
    return PAGE_GBK.format(remote=remote, active=ACTIVE, requests=REQUESTS)


def main() -> None:
    (HERE / "page-gbk.html").write_bytes(page(REMOTE).encode("gb18030"))
    exe = shutil.which("soffice")
    if exe is None:
        raise SystemExit("report.doc needs LibreOffice (soffice)")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work, "report.docx")
        source.write_bytes(docx_bytes(DOC_BODY, numbering=DOC_NUMBERING))
        subprocess.run([exe, f"-env:UserInstallation={Path(work, 'profile').as_uri()}", "--headless",
                        "--convert-to", "doc", "--outdir", work, str(source)], check=True, capture_output=True)
        shutil.copyfile(Path(work, "report.doc"), HERE / "report.doc")


if __name__ == "__main__":
    main()
