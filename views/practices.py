"""做法库: the practice catalogue, searched and filtered in the database, one page at a time."""
import streamlit as st

from dashboard import data, evidence
from dashboard.safe import md_escape
from analysis import queries as q
from dashboard.state import ALL, filters
from analysis.labels import display_table

PAGE = 50
f = filters()
st.title("做法库")
c1, c2, c3 = st.columns([2, 1, 1])
text = c1.text_input("搜索（做法名称；范围为“当前地区”时也搜原文）", key="practice_search")
kind = c2.selectbox("类型", ["品牌做法", "全部", "具体举措"], key="practice_kind")
scope = c3.selectbox("范围", ["当前层级", "当前地区", "全部地区"], key="practice_scope")
where, params = ["1"], []
if kind != "全部":
    where.append("kind = ?")
    params.append("brand" if kind == "品牌做法" else "measure")
if scope == "当前层级" and not f["cross"]:
    where.append("level = ?")
    params.append(f["level"])
elif scope == "当前地区":
    where.append("region = ?")
    params.append(f["region"])
if f["year"] is not None:
    where.append("year = ?")
    params.append(f["year"])
if f["theme"] != ALL:
    where.append("theme = ?")
    params.append(f["theme"])
if text and scope == "当前地区":  # a region's sentences are read from its documents' texts: bounded
    where.append("(instr(name, ?) > 0 OR instr(evidence, ?) > 0)")
    params += [text, text]
elif text:  # over every region only the names: reading every sentence means every document's text
    where.append("instr(name, ?) > 0")
    params.append(text)
condition = " AND ".join(where)
first, n, n_keys = data.practices_page(condition, tuple(params), 0, PAGE)
if not n:
    st.info("暂无做法。" if condition == "1" else "没有符合条件的做法。")
    st.stop()
pages = (n + PAGE - 1) // PAGE
if st.session_state.get("practice_page", 1) > pages:  # fewer pages under the new filters
    st.session_state["practice_page"] = pages
page = st.number_input(f"页码（共 {pages} 页，每页 {PAGE} 条）", 1, pages, 1, key="practice_page") if pages > 1 else 1
view = first if page == 1 else data.practices_page(condition, tuple(params), (page - 1) * PAGE, PAGE)[0]
st.caption(f"共 {n} 条（同一做法多种写法已合并计数：{n_keys} 个）")
shown = view.assign(层级=view.level.map(q.LEVEL_LABELS))[["region", "层级", "year", "theme", "name", "evidence", "document"]]
table = st.dataframe(display_table(shown.rename(columns={"region": "地区", "year": "年度", "theme": "主题", "name": "做法",
                                           "evidence": "原文", "document": "文档"})), hide_index=True, width="stretch",
                     on_select="rerun", selection_mode="single-row", key="practice_table")
st.caption(md_escape(q.sources_note(data.documents_for(view.document), view.document)))
labels = [f"{r} · {nm}" for r, nm in zip(view.region, view.name)]
selected = (table or {}).get("selection", {}).get("rows", []) if table else []
if selected:  # a clicked row wins over the list
    pick = selected[0]
else:
    pick = st.selectbox("查看依据（或点选表格中的一行）", range(len(labels)), format_func=labels.__getitem__,
                        key="practice_evidence")
row = view.iloc[pick].to_dict()
row.update(label=row["name"], value=None)
evidence.show(row, key="practice")
