"""Property-based: any number, written in any of the usual ways, comes back from every phrasing."""
from __future__ import annotations

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pipeline import extract_text

# (indicator, phrase with {n}) — phrasings of reports, in words the seeds do not all use
PHRASES = [
    ("standing_sessions", "共召开常委会会议{n}次"), ("standing_sessions", "常委会全年举行会议{n}次"),
    ("laws_enacted", "制定地方性法规{n}件"), ("laws_amended", "制定法规3件，修改{n}件"),
    ("laws_repealed", "废止法规{n}件"), ("draft_laws_reviewed", "审议法规草案{n}件"),
    ("laws_approved", "审查批准设区的市法规{n}件"), ("reports_reviewed", "听取和审议专项工作报告{n}个"),
    ("law_inspections", "开展执法检查{n}次"), ("special_inquiries", "开展专题询问{n}次"),
    ("normative_docs_reviewed", "备案审查规范性文件{n}件"), ("resolutions", "作出决议决定{n}项"),
    ("appointments", "任免国家机关工作人员{n}人次"), ("motions", "代表提出的{n}件议案"),
    ("suggestions", "办理代表建议{n}件"), ("suggestions", "代表提出建议{n}件"), ("key_suggestions", "{n}件重点督办建议"),
    ("deputies_trained", "培训各级人大代表{n}人次"), ("petitions", "受理群众来信来访{n}件次"),
    ("residents_received", "代表接待群众{n}人次"), ("liaison_stations", "建成代表联络站{n}个"),
    ("deputy_homes", "建成代表之家{n}个"), ("study_sessions", "开展集体学习{n}次"),
]
FORMS = {
    "arabic": lambda v: (str(v), v, "exact"),
    "chinese": lambda v: (cn2an.an2cn(v), v, "exact"),
    "at_least": lambda v: (f"{v}余", v, "at_least"),
    "approx": lambda v: (f"近{v}", v, "approx"),
    "spaced": lambda v: (f" {v} ", v, "exact"),
}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PHRASES), st.integers(min_value=1, max_value=99_999), st.sampled_from(sorted(FORMS)))
def test_every_phrasing_returns_the_number(phrase, value, form):
    indicator, template = phrase
    written, expected, qualifier = FORMS[form](value)
    text = f"某县人民代表大会常务委员会工作报告\n各位代表：\n一年来，县人大常委会{template.format(n=written)}。\n"
    ex = extract_text(text, "p.txt", text_stats=False)
    got = [(r.value, r.qualifier) for r in ex.rows if r.indicator == indicator and r.scope == "total"]
    assert got == [(expected, qualifier)], (text, [(r.indicator, r.value) for r in ex.rows])


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PHRASES), st.text(alphabet="0123456789", min_size=1, max_size=4),
       st.integers(min_value=0, max_value=4))
def test_a_masked_number_gives_nothing(phrase, digits, pos):
    indicator, template = phrase
    pos = min(pos, len(digits))
    masked = digits[:pos] + "*" + digits[pos:]
    text = f"某县人大常委会工作报告\n各位代表：\n一年来，县人大常委会{template.format(n=masked)}。\n"
    ex = extract_text(text, "m.txt", text_stats=False)
    assert not [r for r in ex.rows if r.indicator == indicator], text
