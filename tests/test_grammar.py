"""The count grammar on the phrasings real reports use (written here in our own words).

Each case is one sentence of a made-up report and the headline values it must
give — and nothing else: a value the sentence does not state is a failure too.
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text

HEAD = "某省人民代表大会常务委员会工作报告\n——2025年1月10日在某省第十四届人民代表大会第三次会议上\n各位代表：\n一年来，"


def headlines(sentence: str) -> dict:
    ex = extract_text(HEAD + sentence + "\n", "g.txt", text_stats=False)
    return {r.indicator: r.value for r in ex.rows if r.scope in ("total", "term") and r.category != "主题"}


CASES = [
    # a qualifier between verb and object
    ("常委会制定修改省本级法规9件。", {"laws_enacted": 9}),
    # one verb group, then a shared number for a later verb
    ("常委会审议省的法规17件，通过15件。", {"draft_laws_reviewed": 17, "laws_enacted": 15}),
    ("审议法规案26件，表决通过其中24件。", {"draft_laws_reviewed": 26, "laws_enacted": 24}),
    # bundled objects
    ("制定地方性法规和法规性决定14件。", {"laws_enacted": 14}),
    ("审议法规和有关法律问题的决定草案23件。", {"draft_laws_reviewed": 23}),
    ("批准设区的市法规和决定38件。", {"laws_approved": 38}),
    # the number before the object
    ("对84件规范性文件进行备案审查。", {"normative_docs_reviewed": 84}),
    ("听取审议一府一委两院31个专项工作报告。", {"reports_reviewed": 31}),
    ("审议地方性法规草案9件，表决通过7部。", {"draft_laws_reviewed": 9, "laws_enacted": 7}),
    ("对6部法律法规的实施情况开展执法检查。", {"law_inspections": 6}),
    # other nouns and classifiers for the same thing
    ("审查政府规章和规范性文件52件。", {"normative_docs_reviewed": 52}),
    ("听取和审议专项报告12项。", {"reports_reviewed": 12}),
    ("召开常委会会议7次。", {"standing_sessions": 7}),
    ("任免地方国家机关工作人员88名。", {"appointments": 88}),
    # a number's indicator follows from its own clause
    ("作出法规性决定3件。", {}),
    ("作出决议决定6项。", {"resolutions": 6}),
    ("系统清理了以前制定的180部地方性法规。", {}),
    ("批准甲市制定、修改和废止法规39件；批准自治州单行条例21件。", {"laws_approved": 60}),
    ("共立、改、废地方性法规12件。", {"laws_enacted": 12}),
    ("已对5部法规作出废止决定。", {"laws_repealed": 5}),
    ("审查批准预算调整方案等2项。", {}),
    ("讨论决定重大事项9项。", {"resolutions": 9}),
    ("批准甲市、乙市和三个自治旗地方性法规、单行条例48件。", {"laws_approved": 48}),
    ("福建省人大常委会五年制定47项法规。", {"laws_enacted": 47}),
    ("废止地方性法规4件。", {"laws_repealed": 4}),
    # decoys
    ("开展执法检查、视察和专题调研17次。", {}),
    ("审议通过地方性法规58件次，其中制定17件、修改35件次、废止6件。",
     {"laws_enacted": 17, "laws_amended": 35, "laws_repealed": 6}),
    ("听取审议专项工作报告18个、计划预算等法定报告12个。", {"reports_reviewed": 18}),
    ("对多年未修改的40件法规逐一清理，将其中30件列入修改计划。", {}),
    ("围绕法规制定、实施和监督三个环节完善机制。", {}),
    ("这是本届常委会审议通过的最后一部地方性法规。", {}),
    # distributive 分别
    ("制定、修改、废止地方性法规分别为8件、11件、2件。", {"laws_enacted": 8, "laws_amended": 11, "laws_repealed": 2}),
    # approvals listed side by side are added up
    ("批准设区的市法规20件、自治州单行条例5件。", {"laws_approved": 25}),
    # numbers in Chinese, with 〇 or ○ for zero
    ("审查设区的市法规二百○八件。", {"laws_approved": 208}),
    ("办理代表建议一千二百件，其中重点督办建议十五件。", {"suggestions": 1200, "key_suggestions": 15}),
    ("代表提出议案5件、建议430件。", {"motions": 5, "suggestions": 430}),
    ("全省建成代表联络站1800多个，代表之家120个。", {"liaison_stations": 1800, "deputy_homes": 120}),
    ("接待来访群众1200人次，受理群众来信来访860件次。", {"residents_received": 1200, "petitions": 860}),
    ("组织常委会集体学习10次，举办专题讲座6次。", {"study_sessions": 10}),
    ("培训各级人大代表3000余人次。", {"deputies_trained": 3000}),
    ("开展专题询问2次。", {"special_inquiries": 2}),
    ("全年审议法规案12件。其中，通过7件，包括两部条例。", {"draft_laws_reviewed": 12, "laws_enacted": 7}),
    ("本届以来出台省本级地方性法规83部。", {"laws_enacted": 83}),
    ("共审议通过地方性法规和有关法规的决定64件。", {"laws_enacted": 64}),
    ("常委会确定34项重点督办建议。", {"key_suggestions": 34}),
    ("开展3次专题询问，常委会37次。", {"special_inquiries": 3}),
    ("制定地方性法规21件、修改28件、废止5件，现行有效地方性法规83件。",
     {"laws_enacted": 21, "laws_amended": 28, "laws_repealed": 5}),
    ("办理代表议案建议244件。", {}),
    ("作出决议决定7项；健全完善制度机制30余项。", {"resolutions": 7}),
    ("初审法规案2件，提请自治区人民代表大会审议通过地方性法规1件。", {}),
    ("过去六年，共制定法规18件。", {"laws_enacted": 18}),
    ("四年来，规范性文件备案审查185件。", {"normative_docs_reviewed": 185}),
    ("通过有关问题和重大事项的决议决定36项。", {"resolutions": 36}),
    ("开展执法检查执法调研23次。", {}),
    ("开展6部法律法规执法检查、3次专题询问、5次满意度测评。", {"law_inspections": 6, "special_inquiries": 3}),
    ("听取和审议109项区“一府两院”工作报告，督办大会议案10件。", {"reports_reviewed": 109, "motions": 10}),
    ("全面清理现行地方性法规，分五批修改了32件法规的部分条款。", {"laws_amended": 32}),
    ("开展4次执法检查、3次专题询问和17次专题调研。", {"law_inspections": 4, "special_inquiries": 3}),
    ("明年，常委会将审议统计、行政检查等4件法规。", {}),
    ("报告列举多项数字：审议议题57项，590件省人大代表建议已全部办结。", {"suggestions": 590}),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:14] for c in CASES])
def test_phrasing(sentence, expected):
    assert headlines(sentence) == expected


def test_plans_give_nothing_in_a_news_digest():
    text = ("某省人大常委会工作报告出炉\n本报讯 记者 某某 1月17日，省人大常委会工作报告提请审议。"
            "报告显示，过去一年常委会制定地方性法规12件。今年将重点审议16部法规，拟制定条例8件。\n")
    ex = extract_text(text, "n.txt", text_stats=False)
    assert [(r.indicator, r.value) for r in ex.rows if r.scope == "total"] == [("laws_enacted", 12)]


def test_a_headline_about_plans_does_not_hide_the_year_it_runs_into():
    text = ("某市人大亮出成绩单！今年拟安排立法项目30个，涉及多个领域“全年审议法规案18件，交办代表建议7000件。”"
            "1月20日，某市十六届人大六次会议举行全体会议。\n今年，常委会将制定地方性法规10件。\n")
    ex = extract_text(text, "h.txt", text_stats=False)
    got = {r.indicator: r.value for r in ex.rows if r.scope == "total"}
    assert got == {"draft_laws_reviewed": 18, "suggestions": 7000}


def test_term_review_is_a_term_row_not_the_year():
    text = HEAD + "全年制定地方性法规10件。\n过去五年，常委会共制定地方性法规52件，修改80件。\n"
    ex = extract_text(text, "t.txt", text_stats=False)
    year = {r.indicator: r.value for r in ex.rows if r.scope == "total"}
    term = {r.indicator: (r.value, r.period) for r in ex.rows if r.scope == "term"}
    assert year == {"laws_enacted": 10}
    assert term == {"laws_enacted": (52, "2020-2024"), "laws_amended": (80, "2020-2024")}


def test_a_report_to_the_first_session_of_a_new_congress_reviews_the_term():
    text = ("某市人民代表大会常务委员会工作报告\n——2023年2月22日在某市第十八届人民代表大会第一次会议上\n各位代表：\n"
            "常委会坚持立良法，制定地方性法规21件、修改28件。\n")
    ex = extract_text(text, "f.txt", text_stats=False)
    assert {(r.indicator, r.value, r.scope, r.period) for r in ex.rows} == {
        ("laws_enacted", 21, "term", "2018-2022"), ("laws_amended", 28, "term", "2018-2022")}


def test_a_year_ending_in_3_to_7_is_no_term():
    text = HEAD + "2023年共召开常委会会议9次。二〇二五年共制定法规4件。\n"
    ex = extract_text(text, "y.txt", text_stats=False)
    assert {(r.indicator, r.scope) for r in ex.rows} == {("standing_sessions", "total"), ("laws_enacted", "total")}


def test_evidence_offsets_point_into_the_shown_text():
    ex = extract_text(HEAD + "审议法规案26件，表决通过其中24件。\n", "e.txt", text_stats=False)
    for r in ex.rows:
        assert ex.text[r.start:r.end] in r.evidence
        assert str(int(r.value)) in ex.text[r.start:r.end]


def test_the_trie_pattern_finds_what_a_sorted_alternation_finds():
    """The word pattern is built as a trie for speed; it must find the same words."""
    import random
    import re

    from extract.grammar import trie_pattern
    from extract.pipeline import default_configs

    words = list(default_configs().indicators.grammar.words)
    alternation = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(trie_pattern(words))
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(words + ["，", "的", "10件", "和", "等"]) for _ in range(12))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)], text
