"""Patterns on texts written for these tests, in words the seeds do not use."""
from __future__ import annotations

from extract.pipeline import extract_text

REPORT = """某某市人民代表大会常务委员会工作报告
——2025年1月10日在某某市第十七届人民代表大会第四次会议上
各位代表：
现在，我代表市人大常委会向大会报告工作，请予审议。
一、2024年工作回顾
一年来，市人大常委会共举行常委会会议9次，制定地方性法规3件，修订2件，废止1件，审查批准自治县单行条例2件，听取和审议专项工作报告18项，对4部法律法规实施情况开展执法检查，开展专题询问2次，备案审查规范性文件37件，作出决议决定12项，任免国家机关工作人员156人次。
认真办理代表提出的8件议案和近三百件建议，其中重点督办建议十件。围绕营商环境听取报告3项。全年受理群众来信来访1,206件次，各级代表联络站接待群众约2.3万人次。组织常委会党组集体学习十二次，举办代表培训班，培训市人大代表460人次。
过去五年，常委会共制定地方性法规41件。今年，常委会还将审议法规草案6件。
二、2025年主要任务
今年，常委会将制定地方性法规5件，召开常委会会议8次。
"""


def _by(ex, indicator, scope="total"):
    return [(r.value, r.qualifier) for r in ex.rows if r.indicator == indicator and r.scope == scope]


def test_report_in_other_words():
    ex = extract_text(REPORT, "own.txt")
    assert ex.meta.kind == "annual_report"
    assert ex.meta.work_year == 2024 and ex.meta.report_date == "2025-01-10"
    expected = {"standing_sessions": 9, "laws_enacted": 3, "laws_amended": 2, "laws_repealed": 1,
                "laws_approved": 2, "reports_reviewed": 18, "law_inspections": 4, "special_inquiries": 2,
                "normative_docs_reviewed": 37, "resolutions": 12, "appointments": 156, "motions": 8,
                "key_suggestions": 10, "petitions": 1206, "study_sessions": 12, "deputies_trained": 460}
    for indicator, value in expected.items():
        assert _by(ex, indicator) == [(value, "exact")], indicator
    assert _by(ex, "suggestions") == [(300, "approx")]
    assert _by(ex, "residents_received") == [(23000, "approx")]
    assert (3, "exact") in _by(ex, "reports_reviewed", "part")


def test_term_figures_are_not_a_year():
    ex = extract_text(REPORT, "own.txt")
    term = [r for r in ex.rows if r.scope == "term"]
    assert [(r.indicator, r.value, r.year, r.period) for r in term] == [("laws_enacted", 41, None, "2020-2024")]


def test_plan_part_gives_nothing():
    ex = extract_text(REPORT, "own.txt")
    assert not [r for r in ex.rows if r.value in (5, 8) and r.indicator in ("laws_enacted", "standing_sessions")]
    assert not [r for r in ex.rows if r.indicator == "draft_laws_reviewed"], "今年…将 is a plan"


def test_traditional_script_and_spaces_around_numbers():
    text = "臺北某縣人大常委會工作報告\n一年來，共舉行 8 次常委會會議，制定地方性法規十二件。"
    ex = extract_text(text, "trad.txt")
    assert "举行8次常委会会议" in ex.text
    assert _by(ex, "standing_sessions") == [(8, "exact")]
    assert _by(ex, "laws_enacted") == [(12, "exact")]


def test_news_article_quoting_a_report():
    text = ("人大常委会工作报告解读\n本报记者 王某\n2025年，县人大常委会依法履职。全年共召开常委会会议7次，"
            "审议法规草案3件，办理代表建议246件。\n[打印] [关闭]\n发布时间：2026-01-08\n")
    ex = extract_text(text, "news.txt")
    assert ex.meta.kind == "news"
    assert _by(ex, "standing_sessions") == [(7, "exact")]
    assert _by(ex, "suggestions") == [(246, "exact")]
    assert "打印" not in ex.text and "2026-01-08" not in ex.text


def test_masked_and_advertisement_give_nothing():
    text = "某县人大常委会工作报告\n一年来，全县***名代表提出建议**件，召开常委会会议1*次。添加微信abc12345678了解更多。"
    ex = extract_text(text, "masked.txt")
    assert ex.rows == []
    assert "abc12345678" not in ex.text


def test_full_width_digits_and_a_future_sentence():
    ex = extract_text("某县人大常委会工作报告\n各位代表：\n一年来，制定地方性法规１２件，审议法规草案３件。", "fw.txt")
    assert _by(ex, "laws_enacted") == [(12, "exact")]
    assert _by(ex, "draft_laws_reviewed") == [(3, "exact")]


TEXTS = __import__("pathlib").Path(__file__).parent / "texts"


def _headlines(name: str) -> tuple:
    ex = extract_text((TEXTS / name).read_text(encoding="utf-8"), name)
    return ex, {r.indicator: (r.value, r.qualifier) for r in ex.rows if r.scope == "total" and r.category != "主题"}


def test_province_report_in_other_words():
    ex, h = _headlines("province_report_other_words.txt")
    assert (ex.meta.region, ex.meta.report_date, ex.meta.work_year) == ("江苏省", "2025-01-14", 2024)
    assert h == {"standing_sessions": (8, "exact"), "laws_enacted": (23, "exact"), "laws_repealed": (3, "exact"),
                 "laws_approved": (35, "exact"), "reports_reviewed": (26, "exact"), "law_inspections": (6, "exact"),
                 "special_inquiries": (2, "exact"), "appointments": (156, "exact"),
                 "motions": (15, "exact"), "suggestions": (862, "exact"), "liaison_stations": (12000, "exact"),
                 "petitions": (5021, "exact"), "normative_docs_reviewed": (156, "exact")}
    term = {r.indicator: r.value for r in ex.rows if r.scope == "term"}
    assert term == {"laws_enacted": 63, "laws_amended": 98, "laws_repealed": 17}
    units = {r.indicator: r.unit for r in ex.rows if r.scope == "total"}
    assert units["appointments"] == "名" and units["petitions"] == "件"  # as the text writes them


def test_city_report_with_chinese_numerals_and_date():
    ex, h = _headlines("city_report_chinese_numerals.txt")
    assert (ex.meta.region, ex.meta.level, ex.meta.report_date, ex.meta.work_year) == ("南宁市", "city", "2025-01-08", 2024)
    assert h["standing_sessions"] == (12, "exact") and h["appointments"] == (136, "exact")
    assert h["reports_reviewed"] == (18, "exact") and h["laws_enacted"] == (4, "exact")
    assert h["suggestions"] == (712, "exact") and h["deputies_trained"] == (1500, "exact")


def test_county_summary_without_a_name():
    ex, h = _headlines("county_summary.txt")
    assert ex.meta.kind == "annual_report" and ex.meta.region is None and ex.meta.work_year == 2024
    assert h["residents_received"] == (3200, "at_least") and h["deputy_homes"] == (12, "exact")
    assert h["key_suggestions"] == (10, "exact") and h["suggestions"] == (146, "exact")


def test_more_phrasings_of_a_summary():
    text = ("广东省人民代表大会常务委员会工作报告\n各位代表：\n一、过去一年的主要工作\n"
            "全年共召开常委会会议9次，审议法规案31件，通过法规24件，批准广州、深圳等市法规和民族自治县单行条例56件；"
            "听取和审议报告45个，开展执法检查7项、专题询问3次；作出决议决定18件；任免国家机关工作人员215人次。"
            "受理群众信访4,512件次，建成代表之家1,203个、代表联络站2万余个。\n")
    ex = extract_text(text, "gd.txt")
    h = {r.indicator: (r.value, r.qualifier) for r in ex.rows if r.scope == "total" and r.category != "主题"}
    assert h == {"standing_sessions": (9, "exact"), "draft_laws_reviewed": (31, "exact"),
                 "laws_enacted": (24, "exact"), "laws_approved": (56, "exact"), "reports_reviewed": (45, "exact"),
                 "law_inspections": (7, "exact"), "special_inquiries": (3, "exact"), "resolutions": (18, "exact"),
                 "appointments": (215, "exact"), "petitions": (4512, "exact"), "deputy_homes": (1203, "exact"),
                 "liaison_stations": (20000, "at_least")}


def test_compilation_of_cities_without_theme_headings():
    text = ("各市人大常委会代表工作经验摘编\n"
            "杭州市人大常委会推行“代表码”，建成代表联络站216个。宁波市探索“一站一品”。\n"
            "温州市制定代表履职评价办法，全年培训代表3000余人次。\n")
    ex = extract_text(text, "cities.txt")
    assert ex.meta.kind == "compilation"
    regions = [(s.region, s.level) for s in ex.sections]
    assert regions == [("杭州市", "city"), ("宁波市", "city"), ("温州市", "city")]
    assert {(r.region, r.indicator, r.value) for r in ex.rows if r.category != "主题"} == {
        ("杭州市", "liaison_stations", 216), ("温州市", "deputies_trained", 3000)}
    assert {p["region"] for p in ex.practices if p["kind"] == "brand"} == {"杭州市", "宁波市"}


def test_news_year_from_the_body_and_plan_heading_with_words_between():
    news = ("市人大常委会去年工作亮点频频\n本报记者 李某\n记者从南宁市人大常委会获悉，2024年，市人大常委会共召开常委会会议12次，"
            "审查规范性文件43件。\n")
    ex = extract_text(news, "news2.txt")
    assert (ex.meta.kind, ex.meta.region, ex.meta.work_year) == ("news", "南宁市", 2024)
    assert [(r.indicator, r.value, r.year) for r in ex.rows if r.category != "主题"] == [
        ("standing_sessions", 12, 2024), ("normative_docs_reviewed", 43, 2024)]
    report = ("某市人大常委会工作报告\n各位代表：\n一、过去一年的主要工作\n一年来，共召开常委会会议9次。\n"
              + "常委会依法履职。" * 40 + "\n二、今年工作的主要任务\n今年，常委会将召开常委会会议10次。\n")
    ex = extract_text(report, "r.txt")
    assert [s.plan for s in ex.sections][-1] is True
    assert [(r.indicator, r.value) for r in ex.rows if r.category != "主题"] == [("standing_sessions", 9)]


def test_ordinary_words_that_are_county_short_names_do_not_open_sections():
    text = ("各地人大工作经验摘编\n一、关于代表工作\n浙江推行“代表码”。合作推进代表联络站建设，安宁有序开展活动。"
            "青田县建成代表联络站36个。\n")
    ex = extract_text(text, "c.txt")
    assert [s.region for s in ex.sections] == ["浙江省", "青田县"]


def test_a_configured_report_date_sets_the_work_year():
    from extract.sources import Source

    text = "工作报告\n各位代表：\n过去一年，常委会共召开常委会会议6次。\n"
    assert extract_text(text, "d.txt").meta.work_year is None
    ex = extract_text(text, "d.txt", Source(file="d.txt", kind="annual_report", region="青田县", report_date="2025-01"))
    assert (ex.meta.work_year, ex.meta.source["work_year"], ex.meta.level) == (2024, "detected", "county")
    assert [(r.indicator, r.region, r.year) for r in ex.rows if r.category != "主题"] == [
        ("standing_sessions", "青田县", 2024)]
