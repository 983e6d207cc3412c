"""Metadata detection and the gazetteer."""
from __future__ import annotations

from extract.gazetteer import default_gazetteer
from extract.pipeline import extract_text


def test_gazetteer_knows_the_country():
    gaz = default_gazetteer()
    levels = {lvl: sum(r.level == lvl for r in gaz.regions) for lvl in ("province", "city", "county")}
    assert levels["province"] == 34 and levels["city"] >= 330 and levels["county"] >= 2800
    for short, full in {"浙江": "浙江省", "广西": "广西壮族自治区", "新疆": "新疆维吾尔自治区", "定远": "定远县",
                        "丽水": "丽水市", "内蒙古": "内蒙古自治区", "延边": "延边朝鲜族自治州"}.items():
        assert gaz.lookup(short).name == full
    assert gaz.lookup("高县", province="四川省").level == "county"


def test_region_from_the_body_when_the_title_has_none():
    text = "常务委员会工作报告\n——2026年1月20日在衢州市第九届人民代表大会第五次会议上\n各位代表：\n一年来，我们依法履职。"
    ex = extract_text(text, "a.txt")
    assert (ex.meta.region, ex.meta.level, ex.meta.work_year) == ("衢州市", "city", 2025)


def test_region_from_the_chairman_line():
    text = "工作报告\n青田县人大常委会主任 某某\n各位代表：\n现在，我向大会报告工作。"
    ex = extract_text(text, "b.txt")
    assert (ex.meta.region, ex.meta.level) == ("青田县", "county")


def test_web_chrome_is_neither_date_nor_region():
    text = ("首页 > 北京人大 > 工作报告\n2024年浙江省人民代表大会常务委员会工作报告（全文）\n"
            "某网站 2024-02-03 1234\n各位代表：\n我受浙江省人民代表大会常务委员会委托，向大会报告工作。\n"
            "2023年是全面贯彻党的二十大精神的开局之年。\n分享：\n扫一扫在手机阅读、分享本文\n")
    ex = extract_text(text, "c.txt")
    assert ex.meta.region == "浙江省"
    assert ex.meta.report_date == "2024" and ex.meta.work_year == 2023
    assert "北京人大" not in ex.text and "2024-02-03" not in ex.text and "扫一扫" not in ex.text


def test_same_district_name_in_several_cities_is_told_apart():
    from extract.metadata import region_before

    gaz = default_gazetteer()
    for text, code in (("南京市鼓楼区", "320106"), ("福州市鼓楼区", "350102"), ("徐州市鼓楼区", "320302"),
                       ("南昌市西湖区", "360103"), ("杭州市西湖区", "330106")):
        assert region_before(text, len(text), gaz).code.startswith(code), text
    ex = extract_text("南京市鼓楼区人民代表大会常务委员会工作报告\n各位代表：\n一年来，召开常委会会议10次。", "gl.txt")
    assert (ex.meta.region, ex.meta.level) == ("鼓楼区", "county")


def test_region_from_the_file_name_when_the_text_has_none():
    text = "常委会工作报告\n各位代表：\n一年来，常委会共召开常委会会议8次。"
    ex = extract_text(text, "宁波市人大常委会2025年工作报告.docx")
    assert (ex.meta.region, ex.meta.level, ex.meta.source["region"]) == ("宁波市", "city", "file name")
    assert extract_text(text, "uploads/3f2a_青田县工作报告.txt").meta.region == "青田县"
    assert extract_text(text, "报告（终稿）.txt").meta.region is None
    assert extract_text(text, "合作社工作报告.txt").meta.region is None  # 合作 is a word, not 合作市


def test_session_line_with_city_and_district():
    ex = extract_text("工作报告\n——2025年1月9日在南京市鼓楼区第十八届人民代表大会第五次会议上\n各位代表：", "x.txt")
    gaz = default_gazetteer()
    assert ex.meta.region == "鼓楼区" and gaz.lookup("鼓楼区", within=gaz.lookup("南京市")).code.startswith("320106")
