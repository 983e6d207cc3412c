"""Whose report, which year, what a document is — on made-up texts shaped like real pages.

The shapes (not the words) follow what official pages, newspaper digests, reposts,
Traditional-script mirrors and compilations of several reports look like: a table of
contents before the report, a session line without the region, a headline that names
the province once, bylines and posting dates, pinyin after every character.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from extract.congress_terms import term_period
from extract.gazetteer import default_gazetteer
from extract.layout import is_toc_line, split_reports
from extract.metadata import detect_region
from extract.normalize import normalize, normalize_parts
from extract.pipeline import default_configs, extract_documents, extract_text

FILLER = "常委会坚持围绕中心、服务大局，依法履职尽责。" * 20


def _values(ex):
    return {(r.indicator, r.value, r.year, r.scope) for r in ex.rows if r.category != "主题"}


# --- 1. whose report ---------------------------------------------------------------------------

def test_table_of_contents_before_the_report_gives_no_region():
    text = ("各地人大常委会工作报告选编\n"
            "河北省人民代表大会常务委员会工作报告21\n"
            "云南省人民代表大会常务委员会工作报告40\n"
            "——2021年1月18日在第十五届人民代表大会第四次会议上\n"
            "北京市人大常委会主任 某某\n各位代表：\n"
            "我受北京市第十五届人民代表大会常务委员会委托，向大会报告工作，请予审议。\n"
            "一年来，共召开常委会会议9次。")
    ex = extract_text(text, "toc.txt")
    assert (ex.meta.region, ex.meta.level) == ("北京市", "province")
    assert (ex.meta.report_date, ex.meta.work_year) == ("2021-01-18", 2020)
    assert ex.meta.title == "各地人大常委会工作报告选编"


def test_a_table_of_contents_line_is_recognised():
    assert is_toc_line("天津市人民代表大会常务委员会工作报告19")
    assert is_toc_line("一、关于立法工作 …… 12")
    assert is_toc_line("天津市人民代表大会常务委员会工作报告 19 重庆市人民代表大会常务委员会工作报告 36")
    assert not is_toc_line("天津市人民代表大会常务委员会工作报告")
    assert not is_toc_line("一年来，共召开常委会会议12")
    assert not is_toc_line("关于2024年")


def test_digest_names_the_province_once_then_says_the_province():
    text = ("江西：去年审议通过地方性法规14件\n"
            "发布时间：2025-01-16 07:20  来源：某某日报\n"
            "本报讯（记者 周某 吴某）昨天（1月15日）提请大会审议的省人大常委会工作报告显示，过去一年，"
            "省人大常委会共召开常委会会议8次，我省立法工作稳步推进。\n"
            "今年，省人大常委会将召开常委会会议7次，审议法规草案16部。\n"
            "分享到：微信 微博 QQ空间\n责任编辑：某某\n")
    ex = extract_text(text, "digest.txt")
    m = ex.meta
    assert (m.kind, m.region, m.level) == ("news", "江西省", "province")
    assert (m.posted, m.report_date, m.work_year) == ("2025-01-16", "2025-01-15", 2024)
    assert ("standing_sessions", 8, 2024, "total") in _values(ex)
    assert not [r for r in ex.rows if r.value in (7, 16)], "this year's plan gives nothing"
    assert [s.plan for s in ex.sections if "今年" in s.title] == [True]
    for chrome in ("分享到", "责任编辑", "来源", "2025-01-16"):
        assert chrome not in ex.text


def test_dateline_city_gives_its_province_for_a_provincial_congress():
    text = ("省人大常委会工作报告摘要\n新华社南昌1月15日电\n"
            "受省人大常委会委托，省人大常委会副主任某某向大会报告工作。过去一年，我省制定地方性法规9件。\n"
            "发布日期：2025-01-16\n")
    ex = extract_text(text, "xh.txt")
    assert (ex.meta.region, ex.meta.work_year) == ("江西省", 2024)


def test_city_digest_with_the_city_in_its_headline():
    text = ("温州市人大常委会去年工作回眸\n记者 林某\n"
            "过去一年，市人大常委会召开常委会会议11次，听取和审议专项工作报告20项。\n")
    assert extract_text(text, "wz.txt").meta.region == "温州市"


def test_a_place_the_report_merely_mentions_is_not_its_region():
    text = ("丽水市人民代表大会常务委员会工作报告\n各位代表：\n"
            "一年来，常委会赴杭州市人大常委会、上海市人大常委会学习考察，召开常委会会议8次。")
    assert extract_text(text, "ls.txt").meta.region == "丽水市"
    text = ("工作报告\n——2024年1月10日在庆元县第十八届人民代表大会第四次会议上\n各位代表：\n"
            "一年来，我们学习借鉴浙江省人大常委会的经验，召开常委会会议7次。")
    assert extract_text(text, "qy.txt").meta.region == "庆元县"


def test_county_reports_by_title_session_line_or_speaker():
    by_title = "洞头区人民代表大会常务委员会工作报告\n各位代表：\n我受区人大常委会委托，向大会报告工作。"
    by_speaker = "工作报告\n新昌县人大常委会主任 某某\n各位代表：\n一年来，召开会议6次。"
    by_mandate = "工作报告\n各位代表：\n我代表仙居县第十七届人民代表大会常务委员会，向大会报告工作，请予审议。"
    got = [extract_text(t, "c.txt").meta for t in (by_title, by_speaker, by_mandate)]
    assert [(m.region, m.level) for m in got] == [("洞头区", "county"), ("新昌县", "county"), ("仙居县", "county")]


def test_shared_district_name_resolved_by_the_city_named_nearby():
    gaz = default_gazetteer()
    text = ("鼓楼区人大常委会工作报告\n各位代表：\n"
            "一年来，区人大常委会在中共福州市鼓楼区委领导下依法履职。")
    assert detect_region(text, gaz).code.startswith("350102")
    text = text.replace("福州市", "徐州市")
    assert detect_region(text, gaz).code.startswith("320302")


def test_traditional_title_with_pinyin_after_characters():
    text = ("雲南省人民代表大會(huì)常務(wù)委員會(huì)工作報(bào)告\n"
            "——2019年1月26日在雲南省第十三屆人民代表大會(huì)第二次會(huì)議上\n"
            "各位代表：\n一年來(lái)，召開常委會(huì)會(huì)議9次，任免國(guó)家機(jī)關(guān)工作人員80人次。")
    ex = extract_text(text, "big5.txt")
    assert (ex.meta.region, ex.meta.work_year) == ("云南省", 2018)
    assert "召开常委会会议9次" in ex.text and "国家机关工作人员" in ex.text and "huì" not in ex.text
    assert ("standing_sessions", 9, 2018, "total") in _values(ex)


def test_pinyin_stripping_leaves_ordinary_brackets_alone():
    assert normalize("會(hui4)議與會(huì )代表") == "会议与会代表"
    assert normalize("條例(草案)和人大(NPC)").startswith("条例（草案）和人大（NPC")
    assert normalize("聽取報告(2項)") == "听取报告（2项）"


# --- 2. which year -----------------------------------------------------------------------------

def test_session_of_a_known_term_gives_the_year_when_no_date_is_written():
    text = "工作报告\n在四川省第十四届人民代表大会第三次会议上\n各位代表：\n过去一年，召开常委会会议6次。"
    m = extract_text(text, "sc.txt").meta
    assert (m.region, m.term, m.session, m.report_date, m.work_year) == ("四川省", 14, 3, "2025", 2024)
    text = text.replace("四川省第十四届", "上海市第十六届").replace("第三次", "第二次")
    assert extract_text(text, "sh.txt").meta.work_year == 2023  # Shanghai's 16th congress began in 2023
    text = text.replace("上海市第十六届", "海南省第六届").replace("第二次", "第一次")
    assert extract_text(text, "hn.txt").meta.work_year == 2017  # Hainan's 6th congress began in 2018


def test_late_sessions_and_city_terms_give_no_guessed_year():
    late = "工作报告\n在浙江省第十三届人民代表大会第五次会议上\n各位代表：\n过去一年，召开常委会会议6次。"
    assert extract_text(late, "zj.txt").meta.work_year is None  # extra sessions make the count unreliable
    last = late.replace("第五次", "第六次")  # a sixth session is held in the term's last year (2022)
    assert extract_text(last, "zj.txt").meta.work_year == 2021
    city = "工作报告\n在台州市第六届人民代表大会第三次会议上\n各位代表：\n过去一年，召开常委会会议6次。"
    assert extract_text(city, "tz.txt").meta.work_year is None  # city terms are not in the table


def test_year_from_the_report_date_and_the_year_heading():
    text = ("宁夏回族自治区人民代表大会常务委员会工作报告\n"
            "——二〇二四年一月二十五日在宁夏回族自治区第十三届人民代表大会第二次会议上\n"
            "各位代表：\n2023年是全面贯彻党的二十大精神的开局之年。一年来，召开常委会会议8次。")
    m = extract_text(text, "nx.txt").meta
    assert (m.region, m.report_date, m.work_year) == ("宁夏回族自治区", "2024-01-25", 2023)


def test_term_review_span():
    text = ("甘肃省人民代表大会常务委员会工作报告\n"
            "——2023年1月12日在甘肃省第十四届人民代表大会第一次会议上\n各位代表：\n"
            "我代表甘肃省第十三届人民代表大会常务委员会向大会报告工作。\n"
            "五年来，制定地方性法规60件。过去一年，召开常委会会议9次。")
    ex = extract_text(text, "gs.txt")
    assert (ex.meta.session, ex.meta.term_period) == (1, "2018-2022")
    assert {s.term_period for s in ex.sections} == {"2018-2022"}
    text = ("湖南省人民代表大会常务委员会工作报告\n"
            "——2025年1月15日在湖南省第十四届人民代表大会第三次会议上\n各位代表：\n"
            "本届以来，共制定地方性法规30件。过去一年，召开常委会会议7次。")
    assert extract_text(text, "hun.txt").meta.term_period == "2023-2024"
    assert extract_text(text.replace("本届以来", "一年来"), "hun.txt").meta.term_period is None


def test_term_period_function():
    assert term_period("四年来", 2017) == "2013-2016"
    assert term_period("过去六年", None, work_year=2016) == "2011-2016"
    assert term_period("履职以来", 2025, work_year=2025, term_start=2023) == "2023-2025"
    assert term_period("五年来", 2023, session=1) == "2018-2022"
    assert term_period("过去五年", 2022) == "2017-2021"
    assert term_period("本届以来", 2025, session=3) == "2023-2024"
    assert term_period("本届以来", 2021, session=5, term_start=2018) == "2018-2020"
    assert term_period("五年来", None) is None


# --- 3. several reports in one file ------------------------------------------------------------

COMPILATION = (
    "二〇二四年部分省份人大常委会工作报告汇编\n目录\n"
    "吉林省人民代表大会常务委员会工作报告12\n"
    "青海省人民代表大会常务委员会工作报告30\n"
    "——2024年1月15日在第十六届人民代表大会第二次会议上\n"
    "北京市人大常委会主任 某某\n各位代表：\n"
    "我受北京市第十六届人民代表大会常务委员会委托，向大会报告工作。\n"
    "一年来，召开常委会会议8次，制定地方性法规5件。\n" + FILLER + "\n"
    "吉林省人民代表大会常务委员会工作报告\n"
    "——2024年1月22日在吉林省第十四届人民代表大会第二次会议上\n"
    "吉林省人大常委会副主任 某某\n各位代表：\n"
    "我受省人大常委会委托，向大会报告工作。\n2023年，召开常委会会议7次，制定地方性法规6件。\n" + FILLER + "\n"
    "青海省人民代表大会常务委员会工作报告\n"
    "——2023年1月14日在青海省第十四届人民代表大会第一次会议上\n各位代表：\n"
    "我代表青海省第十三届人民代表大会常务委员会向大会报告工作。\n"
    "五年来，制定地方性法规48件。过去一年，召开常委会会议10次。\n" + FILLER + "\n")


def test_a_compilation_of_reports_is_split_one_document_per_report():
    exs = extract_documents(COMPILATION, "hb.txt")
    got = [(e.document, e.meta.region, e.meta.level, e.meta.report_date, e.meta.work_year) for e in exs]
    assert got == [("hb.txt#1", "北京市", "province", "2024-01-15", 2023),
                   ("hb.txt#2", "吉林省", "province", "2024-01-22", 2023),
                   ("hb.txt#3", "青海省", "province", "2023-01-14", 2022)]
    assert ("standing_sessions", 8, 2023, "total") in _values(exs[0])
    assert ("standing_sessions", 7, 2023, "total") in _values(exs[1])
    assert ("standing_sessions", 10, 2022, "total") in _values(exs[2])
    assert exs[2].meta.term_period == "2018-2022"
    for ex in exs:  # evidence offsets point into each document's own text
        for r in ex.rows:
            assert ex.text[r.start:r.end] in r.evidence
        assert "工作报告12" not in ex.text and "汇编" not in ex.text


def test_a_single_report_is_not_split():
    text = ("浙江省人民代表大会常务委员会工作报告\n——2025年1月13日在浙江省第十四届人民代表大会第三次会议上\n"
            "各位代表：\n一年来，召开常委会会议9次。\n" + FILLER + "\n2024年1月的省十四届人大二次会议以来，常委会依法履职。")
    assert split_reports(normalize(text)) == []
    exs = extract_documents(text, "zj.txt")
    assert [e.document for e in exs] == ["zj.txt"]


def test_scan_keeps_its_columns_for_a_split_file(tmp_path: Path):
    path = tmp_path / "huibian.txt"
    path.write_text(COMPILATION, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "extract", "scan", str(path)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    from extract.rows import COLUMNS
    assert list(rows[0]) == list(COLUMNS)
    found = {(r["document"], r["region"], r["year"]) for r in rows if r["indicator"] == "standing_sessions"}
    assert found == {("huibian.txt#1", "北京市", "2023"), ("huibian.txt#2", "吉林省", "2023"),
                     ("huibian.txt#3", "青海省", "2022")}


# --- 4. news pages and reposts -----------------------------------------------------------------

def test_page_chrome_is_set_aside_with_its_posting_date():
    raw = ("您当前的位置：首页 > 人大新闻\n"
           "某某区人大常委会工作报告\n"
           "2024-02-02 09:15 来源：区人大办 【字体：大 中 小】 打印\n"
           "访问次数：1024  作者：某某  发布时间：2024-02-02\n"
           "各位代表：\n一年来，召开常委会会议6次。\n"
           "上一篇：某某会议召开\n下一篇：代表视察\n"
           "版权所有：某某区人大常委会办公室  ICP备12345678号\n"
           "文章源自某某网-https://example.org/a/1.html\n")
    text, chrome = normalize_parts(raw)
    assert text == "某某区人大常委会工作报告\n各位代表：\n一年来，召开常委会会议6次。"
    assert any("2024-02-02" in c for c in chrome) and any("上一篇" in c for c in chrome)
    cfg = default_configs()
    from extract.metadata import posting_date
    assert posting_date(chrome) == "2024-02-02"
    assert cfg.normalize.annotations, "the pinyin pattern is config data"


def test_bylines_are_not_text_and_not_a_region():
    text = ("余杭区人大常委会工作报告解读\n记者 钱塘 通讯员 某某\n"
            "过去一年，区人大常委会召开常委会会议10次。\n")
    ex = extract_text(text, "yh.txt")
    assert "记者" not in ex.text and ex.meta.region == "余杭区"
    assert ex.meta.kind == "news"


def test_session_line_broken_over_two_lines_and_a_december_report():
    text = ("区人大常委会工作报告\n——2023年12月26日在武汉市江岸区第十六届人民代表大会\n第三次会议上\n"
            "江岸区人大常委会主任 某某\n各位代表：\n我受区十六届人大常委会委托，向大会报告工作。\n"
            "2023年，是承上启下的一年。一年来，召开常委会会议8次。")
    m = extract_text(text, "ja.txt").meta
    assert (m.region, m.level, m.report_date, m.work_year, m.term, m.session) == (
        "江岸区", "county", "2023-12-26", 2023, 16, 3)


def test_an_earlier_session_mentioned_is_not_the_session_held():
    text = ("河北省人大常委会工作报告提出今年重点\n某报特派记者 某某\n"
            "1月20日上午，河北省人大常委会工作报告亮出成绩单：圆满完成省十四届人大一次会议确定的目标任务。\n")
    m = extract_text(text, "hb.txt").meta
    # not the session being held (no year from it); the tasks it set were last year's work
    assert (m.region, m.session, m.report_date, m.work_year) == ("河北省", None, None, 2023)
    text = "1月15日，湖北省十四届人大二次会议举行第二次全体会议，听取省人大常委会工作报告。过去一年，召开常委会会议7次。"
    m = extract_text(text, "hub.txt").meta
    assert (m.region, m.term, m.session, m.work_year) == ("湖北省", 14, 2, 2023)


def test_date_written_with_a_circle_for_zero():
    text = ("贵州省人民代表大会常务委员会工作报告\n一九九○年二月十日在贵州省第七届人民代表大会第三次会议上\n"
            "各位代表：\n一年来，常委会召开会议6次。")
    assert extract_text(text, "gz.txt").meta.report_date == "1990-02-10"


def test_title_year_read_with_the_posting_date():
    text = ("2021年慈溪市人民代表大会常务委员会工作报告\n发布日期：2022-02-20 09:10\n各位代表：\n"
            "我受慈溪市第十七届人民代表大会常务委员会委托，向大会报告工作。\n五年来，召开常委会会议35次。")
    m = extract_text(text, "cx.txt").meta
    assert (m.region, m.level, m.report_date, m.work_year, m.term_period) == ("慈溪市", "county", "2022", 2021, "2017-2021")
    same_year = text.replace("2022-02-20", "2021-02-20")
    assert extract_text(same_year, "cx.txt").meta.work_year == 2020


def test_autonomous_region_digest_from_its_dateline():
    text = ("新华社银川1月18日电\n记者从自治区人大常委会获悉，过去一年，自治区人大常委会召开常委会会议9次。\n"
            "发布时间：2025-01-19\n")
    m = extract_text(text, "nx.txt").meta
    assert (m.region, m.level, m.report_date, m.work_year) == ("宁夏回族自治区", "province", "2025-01-18", 2024)


def test_yearbook_reprint_with_a_garbled_date_takes_the_year_from_the_term():
    text = ("当前位置：某区情网 / 年鉴 / 2013卷 / 特载\n"
            "内蒙古自治区第十一届人民代表大会常务委员会工作报告\n"
            "——2013127在内蒙古自治区\n第十二届人民代表大会第一次会议上\n"
            "各位代表：\n现在，我代表内蒙古自治区第十一届人民代表大会常务委员会向大会报告工作，请予审议。\n"
            "五年来，常委会共制定地方性法规20件。")
    m = extract_text(text, "nm.txt").meta
    assert (m.region, m.term, m.session, m.report_date, m.work_year, m.term_period) == (
        "内蒙古自治区", 12, 1, "2013", 2012, "2008-2012")


def test_breadcrumbs_and_repost_notices_are_chrome():
    text, chrome = normalize_parts("某省人大网>市县人大>某市>正文\n公众号二维码\n各位代表：\n*本报独家稿件，转载请注明出处。\n"
                                   "2025年01月16日 08:30  某某日报\n（来源：某某日报）")
    assert text == "各位代表：" and len(chrome) == 5
    from extract.metadata import posting_date
    assert posting_date(chrome) == "2025-01-16"


def test_compilation_of_titled_reports_without_session_lines():
    text = ("部分市人大常委会工作报告摘编\n"
            "一、温州市人大常委会工作报告\n各位代表：\n我受市人大常委会委托，向大会报告工作。\n"
            "2023年，召开常委会会议9次。\n" + FILLER + "\n"
            "二、嘉兴市人大常委会工作报告\n各位代表：\n我受市人大常委会委托，向大会报告工作。\n"
            "2023年，召开常委会会议8次。\n" + FILLER + "\n")
    exs = extract_documents(text, "zb.txt")
    assert [(e.document, e.meta.region, e.meta.work_year) for e in exs] == [
        ("zb.txt#1", "温州市", 2023), ("zb.txt#2", "嘉兴市", 2023)]


def test_a_report_followed_by_its_resolution_stays_one_document():
    text = ("海南省人民代表大会常务委员会工作报告\n——2024年1月25日在海南省第七届人民代表大会第三次会议上\n"
            "各位代表：\n我受省人大常委会委托，向大会报告工作。\n一年来，召开常委会会议8次。\n" + FILLER + "\n"
            "海南省第七届人民代表大会第三次会议关于海南省人民代表大会常务委员会工作报告的决议\n"
            "（2024年1月28日海南省第七届人民代表大会第三次会议通过）\n"
            "会议同意报告对过去一年工作的总结和对今年工作的安排。" + FILLER)
    assert [e.document for e in extract_documents(text, "hn.txt")] == ["hn.txt"]


def test_headline_place_at_the_level_the_digest_speaks_of():
    base = "{}：去年人大工作亮点\n记者 某某\n过去一年，{}人大常委会召开常委会会议8次。\n发布时间：2025-01-20"
    got = [extract_text(base.format(place, body), "x.txt").meta for place, body in
           (("余姚", "市"), ("浙江", "省"), ("安吉", "县"), ("丽水", "市"))]
    assert [(m.region, m.level, m.work_year) for m in got] == [
        ("余姚市", "county", 2024), ("浙江省", "province", 2024), ("安吉县", "county", 2024), ("丽水市", "city", 2024)]


def test_plan_paragraph_of_a_digest_without_byline():
    text = ("贵州省人大常委会工作报告摘要\n"
            "过去一年，省人大常委会召开常委会会议8次，听取和审议专项工作报告15个。\n"
            "今年，省人大常委会将召开常委会会议7次，听取和审议专项工作报告16个。\n"
            "发布日期：2025-01-24\n")
    ex = extract_text(text, "gz.txt")
    assert (ex.meta.region, ex.meta.work_year) == ("贵州省", 2024)
    assert not [r for r in ex.rows if r.value in (7, 16)]
    assert ("standing_sessions", 8, 2024, "total") in _values(ex)


def test_term_spans_of_reposts_and_features():
    four = ("石家庄市人民代表大会常务委员会工作报告\n(来源:某某新闻网)\n27.04.2017 09:13\n各位代表：\n"
            "我受石家庄市第十三届人民代表大会常务委员会委托，向大会报告工作。\n"
            "市十三届人大常委会任期的四年，是不平凡的四年。四年来，制定地方性法规11部。")
    m = extract_text(four, "sjz.txt").meta
    assert (m.posted, m.work_year, m.term_period) == ("2017-04-27", 2016, "2013-2016")
    feature = ("聚民智 立良法\n时间：2025年12月15日 03:11\n通讯员 某某 本报记者 某某\n"
               "青海省第十四届人大常委会履职以来，制定修改省级地方性法规34件。")
    m = extract_text(feature, "qh.txt").meta
    assert (m.region, m.term_period) == ("青海省", "2023-2025")
    news = ("2025年，河北省人大常委会审议省本级法规14部。\n本届以来共批准设区的市法规107部。")
    assert extract_text(news, "hb.txt").meta.term_period == "2023-2025"  # provincial terms share a calendar


def test_deleting_one_report_of_a_compilation_deletes_its_file(tmp_path: Path):
    from extract import ingest

    rebuilt = []
    doc = ingest.add(COMPILATION.encode("utf-8"), "huibian.txt", {}, tmp_path, lambda: rebuilt.append(1))
    assert (tmp_path / doc).exists()
    ingest.delete(f"{doc}#2", tmp_path, lambda: rebuilt.append(1))
    assert not (tmp_path / doc).exists() and len(rebuilt) == 2


def test_work_year_from_the_previous_session_a_digest_names():
    text = ("广东省人大常委会工作报告亮出成绩单\n某报特派记者 某某\n01-25 09:30\n"
            "1月24日上午，广东省人大常委会工作报告列出过去一年的成绩单：审议法规、决定25件，"
            "顺利完成省十四届人大一次会议确定的目标任务。\n")
    m = extract_text(text, "gd.txt").meta
    assert (m.region, m.report_date, m.work_year) == ("广东省", None, 2023)


def test_report_dated_by_month_or_by_a_bracketed_date_line():
    by_month = "杭州市人民代表大会常务委员会工作报告\n二〇二四年一月\n各位代表：\n过去一年，召开会议8次。"
    assert extract_text(by_month, "k.txt").meta.report_date == "2024-01"
    assert extract_text(by_month, "k.txt").meta.work_year == 2023
    bracketed = ("杭州市人民代表大会常务委员会工作报告\n在杭州市第十四届人民代表大会第三次会议上\n（2024年1月15日）\n"
                 "各位代表：\n过去一年，召开会议8次。")
    assert extract_text(bracketed, "l.txt").meta.report_date == "2024-01-15"


def test_a_mandate_for_other_work_is_not_the_mandate_to_report():
    text = ("桐庐县人民代表大会常务委员会工作报告\n各位代表：\n"
            "一年来，常委会受浙江省人大常委会委托开展执法检查，形成检查报告。召开常委会会议8次。")
    assert extract_text(text, "tl.txt").meta.region == "桐庐县"
    text = "工作报告\n各位代表：\n受嘉善县人大常委会的委托，我向大会报告工作，请予审议。"
    assert extract_text(text, "js.txt").meta.region == "嘉善县"


def test_digest_level_is_the_one_it_speaks_of_most():
    city = ("绍兴：人大工作亮点频现\n记者 某某\n过去一年，在省人大常委会指导下，市人大常委会召开会议9次，"
            "市人大常委会听取审议报告20项。\n发布时间：2025-01-20")
    assert extract_text(city, "sx.txt").meta.region == "绍兴市"
    province = ("省人大常委会工作报告显示去年立法成绩\n来源：杭州日报\n发布时间：2025-01-20\n"
                "省人大常委会工作报告显示，过去一年，省人大常委会制定法规12件。")
    assert extract_text(province, "hz.txt").meta.region == "浙江省"  # a city paper on the province's report


def test_compilation_of_report_summaries():
    text = ("部分省份人大常委会工作报告摘要汇编\n"
            "北京市人大常委会工作报告（摘要）\n2023年，市人大常委会召开常委会会议8次。\n" + FILLER + "\n"
            "天津市人大常委会工作报告（摘要）\n过去一年，市人大常委会召开常委会会议7次。\n" + FILLER + "\n")
    got = [(e.document, e.meta.region) for e in extract_documents(text, "zy.txt")]
    assert got == [("zy.txt#1", "北京市"), ("zy.txt#2", "天津市")]
