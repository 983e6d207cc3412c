"""The count grammar of ``config/grammar.yaml``: verb group + object + classifier → indicator.

A number is read in its own clause.  The sentence is cut into tokens once —
numbers with their classifier, and the words of the grammar's lexicon (verbs,
objects, light words) — and each number is given the verb group and object
that belong to it (see the comments of ``config/grammar.yaml``).  The pair is
looked up in the rules; the first rule that fits names the indicator.

The engine knows no indicator: every word and every rule is data.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path

from .config import CONFIG_DIR, Checker, LineMap, open_config

CLAUSE_END = "，；：,;"
_CLAUSE = re.compile(f"[{CLAUSE_END}]")
_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")  # content between two numbers of a list
_MODIFIER = re.compile(r"[\u4e00-\u9fff“”（）()]*")  # what may stand between a number and its object
CONNECTORS = {"", "、", "和", "及", "并", "与", "以及", "或", "和、", "、和", "并且"}
ANY, NONE = "any", "none"
_TOP_KEYS = {"verbs", "light_verbs", "verb_merges", "objects", "rules", "sum_in_sentence",
             "default_objects", "plan_markers", "follow_words", "negations", "not_counts_after", "place_words", "governing_verbs", "past_cues"}
_RULE_KEYS = {"indicator", "verbs", "objects", "with", "units", "context", "rank"}


@dataclass(frozen=True)
class Rule:
    indicator: str
    verbs: frozenset
    objects: frozenset
    with_: frozenset
    units: frozenset
    context: tuple
    rank: int

    def fits(self, verb: str, objects: frozenset, unit: str, before: str) -> bool:
        if unit not in self.units:
            return False
        if ANY not in self.verbs and verb not in self.verbs:
            return False
        if not objects & self.objects or not objects <= (self.objects | self.with_):
            return False
        return not self.context or any(w in before for w in self.context)


class Tok(NamedTuple):
    start: int
    end: int
    kind: str  # verb | object | light | num
    cls: str = ""
    unit: str = ""


@dataclass
class Reading:
    """What the grammar made of one number: its indicator and the phrase that says so."""

    indicator: str
    rank: int
    start: int
    end: int
    verb: str
    objects: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class Grammar:
    words: dict  # word -> (kind, class)
    word_re: re.Pattern
    merges: dict  # frozenset of classes -> class
    rules: tuple
    sum_in_sentence: frozenset
    default_objects: dict
    plan_markers: tuple
    follow_words: tuple = ()
    negations: tuple = ()
    not_counts_after: tuple = ()
    place_words: tuple = ()
    governing: frozenset = frozenset()
    past_cues: tuple = ()

    def tokens(self, text: str, lo: int, hi: int, nums: list[Tok]) -> list[Tok]:
        """Lexicon words of ``text[lo:hi]`` merged with the number tokens, in text order."""
        taken = {i for n in nums for i in range(n.start, n.end)}
        words = self.words
        out = [Tok(m.start(), m.end(), *words[m.group()]) for m in self.word_re.finditer(text, lo, hi)
               if m.start() not in taken and m.end() - 1 not in taken]
        out.extend(nums)
        out.sort()
        return out

    def _cached(self, name: str, make):
        value = self.__dict__.get(name)
        if value is None:
            value = make()
            object.__setattr__(self, name, value)
        return value

    @property
    def follow_re(self) -> re.Pattern:
        return self._cached("_follow_re", lambda: _starts_re(self.follow_words))

    @property
    def place_re(self) -> re.Pattern:
        return self._cached("_place_re", lambda: _starts_re(self.place_words))

    @property
    def past_re(self) -> re.Pattern:
        return self._cached("_past_re", lambda: _starts_re(self.past_cues))

    @property
    def cancel_before(self) -> tuple:
        return self._cached("_cancel", lambda: tuple(self.plan_markers) + tuple(self.negations))

    def merge(self, classes: list[str]) -> str | None:
        distinct = frozenset(classes)
        if len(distinct) == 1:
            return classes[0]
        return self.merges.get(distinct)

    def classify(self, verb: str, objects: frozenset, unit: str, before: str) -> Rule | None:
        for rule in self.rules_by_unit.get(unit, ()):
            if rule.fits(verb, objects, unit, before):
                return rule
        return None

    @property
    def rules_by_unit(self) -> dict:
        cached = self.__dict__.get("_by_unit")
        if cached is None:
            cached = {}
            for rule in self.rules:  # config order kept within each classifier
                for u in rule.units:
                    cached.setdefault(u, []).append(rule)
            object.__setattr__(self, "_by_unit", cached)
        return cached


_CLAUSE_RE = None


@__import__("functools").lru_cache(maxsize=64)
def _starts_re(words: tuple) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or r"(?!)")


def read_sentence(text: str, s0: int, s1: int, nums: list[Tok], g: Grammar) -> dict[int, Reading]:
    """Readings of the numbers of one sentence, keyed by the number's start offset."""
    # words far before the first number or after the last one cannot belong to any of them
    toks = g.tokens(text, max(s0, nums[0].start - 160), min(s1, nums[-1].end + 40), nums)
    clause_starts = [s0] + [m.end() for m in _CLAUSE.finditer(text, s0, s1)]
    out: dict[int, Reading] = {}
    for k, tok in enumerate(toks):
        if tok.kind != "num":
            continue
        reading = _read_number(text, toks, k, clause_starts, s1, g)
        if reading:
            out[tok.start] = reading
    return out


def _clause_of(pos: int, starts: list[int], s1: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos)
    return starts[i - 1], (starts[i] if i < len(starts) else s1)


def _chain_back(text: str, toks: list[Tok], i: int, kind: str) -> list[int]:
    """Index ``i`` and the tokens of the same kind joined to it by connectors, back to front."""
    group = [i]
    j = i - 1
    while j >= 0:
        t = toks[j]
        if t.kind == "light":
            j -= 1
            continue
        if t.kind != kind or text[t.end:toks[group[-1]].start].strip() not in CONNECTORS:
            break
        group.append(j)
        j -= 1
    return group


def _chain_forward(text: str, toks: list[Tok], i: int, kind: str, c1: int) -> list[int]:
    group = [i]
    j = i + 1
    while j < len(toks) and toks[j].start < c1:
        t = toks[j]
        if t.kind != kind or text[toks[group[-1]].end:t.start].strip() not in CONNECTORS:
            break
        group.append(j)
        j += 1
    return group


def _read_number(text: str, toks: list[Tok], k: int, clause_starts: list[int], s1: int,
                 g: Grammar) -> Reading | None:
    num = toks[k]
    if _counts_something_else(text, toks, k, g):
        return None
    if g.not_counts_after and text[max(0, num.start - 3):num.start].endswith(g.not_counts_after):
        return None
    c0, c1 = _clause_of(num.start, clause_starts, s1)
    # the local stretch: back to the previous number of the clause, or the clause start
    lo = k
    while lo > 0 and toks[lo - 1].start >= c0 and toks[lo - 1].kind != "num":
        lo -= 1
    local = range(lo, k)
    distributed = _distributive(text, toks, k, c0, c1, g)
    if distributed is not None:
        verb, objects, vstart = distributed
        verbs = [(verb, vstart)]
        inherited, ostart, oend = False, None, None
    else:
        verbs = _local_verbs(text, toks, local, g)
        if verbs and verbs[0][0] == "skip":  # the stretch belongs to the item before the number
            verbs, local = [], range(k, k)
        verb_idx = verbs[0][2] if verbs else None
        if not verbs:
            verbs = [_verb_after(text, toks, k, c1, g)]
        objects, ostart, oend, weak = _objects(text, toks, k, local, verb_idx, c1)
        if verbs[0][0] is None and (objects or lo == 0 or (
                toks[lo - 1].kind == "num" and not _WORDS.search(text, toks[lo - 1].end, num.start))):
            # 批准甲市法规20件，乙州单行条例5件 / 制定法规10件、修改12件: the verb goes on;
            # a clause with neither verb nor object (常委会37次) borrows nothing
            verbs = [_verb_before(text, toks, lo, g)]
        inherited = weak  # a topic before the verb may also be a subject (组织代表视察6次)
        if not objects:
            objects, ostart, oend = _inherited_objects(text, toks, lo)
            inherited = bool(objects)
        if not objects and num.unit in g.default_objects:
            objects = frozenset([g.default_objects[num.unit]])
    before = text[c0:num.start]
    if g.past_cues and (g.past_re.search(text, c0, num.start) or g.past_re.match(text, clause_starts[0])):
        return None  # 现行有效法规83件 / 此前，…出台了40余部: not the work of the period
    obj_set = objects or frozenset([NONE])
    rule = None
    if any(v[0] == "plan" for v in verbs):
        return None
    for verb, vstart, *_ in verbs:
        verb = verb or NONE
        rule = g.classify(verb, obj_set, num.unit, before)
        if rule is None and inherited:
            rule = g.classify(verb, frozenset([NONE]), num.unit, before)
        if rule is not None:
            break
    if rule is None:
        return None
    starts = [x for x in (vstart, ostart if not inherited else None) if x is not None and x >= c0]
    start = min(starts + [num.start])
    end = num.end
    if objects and not inherited and oend and oend > end:
        end = oend
    return Reading(rule.indicator, rule.rank, start, end, verb, obj_set)


def _counts_something_else(text: str, toks: list[Tok], k: int, g: Grammar) -> bool:
    """三个环节, 两个健康, 一次性: a noun the grammar does not know follows the classifier."""
    num = toks[k]
    after = text[num.end:num.end + 4]
    if not after or not "\u4e00" <= after[0] <= "\u9fff":
        return False
    if g.place_re.match(after):
        return True
    if g.follow_re.match(after):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None:
        return True
    if nxt.start < num.end + 4:
        return False
    gap = text[num.end:nxt.start]  # 109项区“一府两院”工作报告: a longer modifier before the object
    return not (nxt.kind == "object" and len(gap) <= 12 and "的" not in gap and _MODIFIER.fullmatch(gap))


def _local_verbs(text: str, toks: list[Tok], local: range, g: Grammar) -> list[tuple]:
    """Verb groups of the number's local stretch, nearest first: (class, start, index).

    The nearest is the number's own verb; farther ones are tried when it fits no
    rule, for a verb may stand inside a long object (作出加强…保护和建设管理…等10项决定).
    """
    out = []
    i = local.stop - 1
    if i >= local.start and toks[i].kind == "verb" and text[toks[i].end:toks[i + 1].start].strip() in (
            "、", "和", "及", "与", "以及"):
        return [("skip", None, None)]  # 开展执法检查、3次专题询问: the number's own verb follows it
    while i >= local.start:
        if toks[i].kind == "verb":
            group = _chain_back(text, toks, i, "verb")
            first = toks[group[-1]]
            if _planned(text, first.start, g):
                out.append(("plan", first.start, i))
                return out
            merged = g.merge([toks[j].cls for j in reversed(group)])
            out.append(((merged or "mixed"), first.start, i))
            i = group[-1] - 1
            continue
        i -= 1
    if len(out) > 1 and text[toks[out[0][2]].end:toks[out[0][2]].end + 1] == "的":
        out = out[1:]  # 清理了以前制定的180部法规: the verb before 的 only describes the object
    governing = [v for v in out[1:] if v[0] in g.governing]
    if governing:  # 批准甲市制定的法规 / 提请大会审议通过: the governing verb alone decides
        return governing[:1]
    return out


def _planned(text: str, start: int, g: Grammar) -> bool:
    """A verb group that states a plan (将审议) or is denied (未修改): no work done."""
    return bool(g.cancel_before) and text[max(0, start - 3):start].endswith(g.cancel_before)


def _verb_after(text: str, toks: list[Tok], k: int, c1: int, g: Grammar):
    """对84件规范性文件进行备案审查: the verb after the number's own object;
    开展7次执法检查, 2次全省性专题询问: an activity right after the number."""
    seen_object = False
    for t in toks[k + 1:]:
        if t.start >= c1 or t.kind == "num":
            break
        if t.kind == "object":
            seen_object = True
        elif t.kind == "verb":
            near = t.start - toks[k].end <= 5 and not any(c in text[toks[k].end:t.start] for c in "、和及与")
            if not (seen_object or near):
                return None, None
            j = toks.index(t)
            group = _chain_forward(text, toks, j, "verb", c1)
            return g.merge([toks[i].cls for i in group]) or "mixed", None
    return None, None


def _verb_before(text: str, toks: list[Tok], lo: int, g: Grammar):
    for i in range(lo - 1, -1, -1):
        if toks[i].kind == "verb":
            group = _chain_back(text, toks, i, "verb")
            first = toks[group[-1]]
            if _planned(text, first.start, g):
                return "plan", None
            return (g.merge([toks[j].cls for j in reversed(group)]) or "mixed"), None
    return None, None


def _objects(text: str, toks: list[Tok], k: int, local: range, verb_idx, c1: int):
    """Objects of the number: right after it (31个专项工作报告), else between verb and number."""
    num = toks[k]
    nxt = k + 1
    after = None
    if nxt < len(toks) and toks[nxt].kind == "object" and toks[nxt].start < c1:
        gap = text[num.end:toks[nxt].start]
        listed = gap[:1] in ("和", "及", "与", "或", "并")
        if len(gap) <= 12 and not listed and _MODIFIER.fullmatch(gap):
            after = _phrase_forward(text, toks, nxt, c1)
    first = verb_idx + 1 if verb_idx is not None else local.start
    before = [i for i in range(first, k) if toks[i].kind == "object"]
    weak = False
    if not before and verb_idx is not None:  # 规范性文件备案审查185件: the object leads the clause
        before = [i for i in range(local.start, verb_idx) if toks[i].kind == "object"]
        first, weak = local.start, True
    if after and (len(text[num.end:toks[nxt].start]) <= 4 or not before):
        idx, weak = after, False
    elif before:
        idx = _noun_phrase(text, toks, before[-1], first)
    else:
        return frozenset(), None, None, False
    return (frozenset(toks[i].cls for i in idx), min(toks[i].start for i in idx), max(toks[i].end for i in idx),
            weak)


def _phrase_forward(text: str, toks: list[Tok], i: int, c1: int) -> list[int]:
    """590件省人大代表建议 → 建议 (the head: last of a run); 5件法规和决定 → 法规, 决定."""
    run = _chain_forward(text, toks, i, "object", c1)
    out, head = [], run[0]
    for a, b in zip(run, run[1:]):
        if text[toks[a].end:toks[b].start].strip():
            out.append(head)  # a connector closes the phrase so far
        head = b
    return out + [head]


def _noun_phrase(text: str, toks: list[Tok], head: int, floor: int) -> list[int]:
    """The head object and the objects coordinated with it (法规、法律性问题决定草案 → 草案, 法规).

    Walking back from the head, an object joined by 、/和/及 is coordinated and
    counts; an object right before another (法律性问题决定草案) only modifies it.
    """
    out = [head]
    phrase_start = toks[head].start
    for i in range(head - 1, floor - 1, -1):
        t = toks[i]
        if t.kind == "verb" or t.kind == "num":
            break
        if t.kind != "object":
            continue
        gap = text[t.end:phrase_start].strip()
        if "的" in gap and gap[0] not in "、和及与或":
            break  # 有关问题和重大事项的决议决定: all before 的 describes the head
        if gap and gap[0] in "、和及与或":
            out.append(i)
        phrase_start = t.start
    return out


def _inherited_objects(text: str, toks: list[Tok], lo: int):
    """The nearest object group earlier in the sentence (制定法规10件，修改12件)."""
    for i in range(lo - 1, -1, -1):
        if toks[i].kind == "object":
            floor = i
            while floor > 0 and toks[floor - 1].kind not in ("verb", "num"):
                floor -= 1
            if floor == 0 or toks[floor - 1].kind not in ("verb", "num"):
                return frozenset(), None, None  # 报告列举…: a subject, not an object of the work
            return frozenset(toks[j].cls for j in _noun_phrase(text, toks, i, floor)), None, None
    return frozenset(), None, None


def _distributive(text: str, toks: list[Tok], k: int, c0: int, c1: int, g: Grammar):
    """制定、修改、废止法规分别为10件、12件、3件: the i-th number goes to the i-th verb (or object)."""
    num = toks[k]
    pos = text.rfind("分别", c0, num.start)
    if pos < 0:
        return None
    between = [t for t in toks if pos < t.start < num.start]
    if any(t.kind not in ("num", "light") for t in between):
        return None
    nums = [i for i, t in enumerate(toks) if t.kind == "num" and pos < t.start < c1]
    idx = nums.index(k)
    head = [i for i, t in enumerate(toks) if c0 <= t.start < pos and t.kind in ("verb", "object")]
    if not head:
        return None
    last = head[-1]
    group = list(reversed(_chain_back(text, toks, last, toks[last].kind)))
    if toks[last].kind == "object":
        objects = frozenset(toks[i].cls for i in group)
        verbs = [i for i in head if toks[i].kind == "verb" and i < group[0]]
        if len(group) == len(nums):
            objects = frozenset([toks[group[idx]].cls])
        if not verbs:
            return None
        vgroup = list(reversed(_chain_back(text, toks, verbs[-1], "verb")))
        if len(vgroup) == len(nums):
            return toks[vgroup[idx]].cls, objects, toks[vgroup[0]].start
        return g.merge([toks[i].cls for i in vgroup]) or "mixed", objects, toks[vgroup[0]].start
    if len(group) == len(nums):
        return toks[group[idx]].cls, frozenset(), toks[group[0]].start
    return None


# ---------------------------------------------------------------- loading

def load_grammar(path: Path | None = None, indicator_ids: set[str] | None = None) -> Grammar:
    path = path or CONFIG_DIR / "grammar.yaml"
    data, check = open_config(path, _TOP_KEYS, {"verbs", "objects", "rules"})
    words: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}

    def add_words(section: str, kind: str):
        table = data.get(section)
        if not check.mapping(table, data.line_of(section), section):
            return
        for cls, items in table.items():
            for w in check.string_list(table, cls, f"{section}.{cls}"):
                _add_word(check, words, where, w, kind, cls, f"{section}.{cls}", table.line_of(cls))

    add_words("verbs", "verb")
    add_words("objects", "object")
    for w in check.string_list(data, "light_verbs", "light_verbs"):
        _add_word(check, words, where, w, "light", "", "light_verbs", data.line_of("light_verbs"))
    verb_classes = set(data.get("verbs") or {}) | {ANY, NONE}
    object_classes = set(data.get("objects") or {}) | {NONE}
    merges = _load_merges(check, data, verb_classes)
    verb_classes |= set(merges.values())
    rules = tuple(r for r in (_load_rule(check, item, verb_classes, object_classes, indicator_ids)
                              for item in _list(check, data, "rules")) if r)
    defaults = data.get("default_objects") or {}
    if not isinstance(defaults, dict) or not all(v in object_classes for v in defaults.values()):
        check.add(data.line_of("default_objects"), "default_objects: 应为 量词: 宾语类别 的映射 (expected classifier: object class)")
        defaults = {}
    sums = check.string_list(data, "sum_in_sentence", "sum_in_sentence")
    plans = check.string_list(data, "plan_markers", "plan_markers")
    follows = check.string_list(data, "follow_words", "follow_words")
    negations = check.string_list(data, "negations", "negations")
    not_counts = check.string_list(data, "not_counts_after", "not_counts_after")
    places = check.string_list(data, "place_words", "place_words")
    governing = check.string_list(data, "governing_verbs", "governing_verbs")
    past = check.string_list(data, "past_cues", "past_cues")
    check.raise_if_any()
    word_re = re.compile(trie_pattern(words) or r"(?!)")
    return Grammar(words, word_re, merges, rules, frozenset(sums), dict(defaults), tuple(plans), tuple(follows),
                   tuple(negations), tuple(not_counts), tuple(places),
                   frozenset(governing), tuple(past))


def trie_pattern(words) -> str:
    """One regular expression for many plain words, shaped as a trie (制定(?:修改|修订)?|…):
    at each place it finds the longest word, like an alternation sorted by length, but
    tries one branch per character instead of every word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return build(trie)


def _add_word(check: Checker, words: dict, where: dict, w: str, kind: str, cls: str, what: str, line: int):
    if not w.strip():
        check.add(line, f"{what}: 空词 (empty word)")
        return
    if w in words and where[w] != what:
        check.add(line, f"{what}: '{w}' 已在 {where[w]} 中出现，一个词只能属于一类 (a word may belong to one class only)")
        return
    words[w] = (kind, cls)
    where[w] = what


def _list(check: Checker, data: LineMap, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        check.add(data.line_of(key), f"{key} 应为列表 (expected a list)")
        return []
    return value


def _load_merges(check: Checker, data: LineMap, verb_classes: set) -> dict:
    out = {}
    for item in _list(check, data, "verb_merges"):
        line = getattr(item, "line", data.line_of("verb_merges"))
        if not isinstance(item, dict) or set(item) != {"classes", "as"} or not isinstance(item.get("classes"), list):
            check.add(line, "verb_merges: 每项应为 {classes: [...], as: 类别} (expected {classes: [...], as: class})")
            continue
        unknown = [c for c in item["classes"] if c not in verb_classes]
        if unknown:
            check.add(line, f"verb_merges: 未知动词类别 {', '.join(map(str, unknown))} (unknown verb class)")
            continue
        out[frozenset(item["classes"])] = str(item["as"])
    return out


def _load_rule(check: Checker, item, verb_classes: set, object_classes: set, indicator_ids) -> Rule | None:
    line = getattr(item, "line", 0)
    if not check.mapping(item, line, "rule"):
        return None
    check.keys(item, _RULE_KEYS, {"indicator", "verbs", "objects", "units"}, f"rule {item.get('indicator', '?')}")
    ind = item.get("indicator")
    what = f"rule {ind}"
    if indicator_ids is not None and ind not in indicator_ids:
        check.add(item.line_of("indicator"), f"{what}: indicators.yaml 中没有这个指标 (no such indicator in indicators.yaml)")
    verbs = check.string_list(item, "verbs", what)
    objects = check.string_list(item, "objects", what)
    with_ = check.string_list(item, "with", what)
    units = check.string_list(item, "units", what)
    for name, values, known in (("verbs", verbs, verb_classes), ("objects", objects + with_, object_classes)):
        for v in values:
            if v not in known:
                check.add(item.line_of(name), f"{what}: 未知类别 '{v}' (unknown class in {name})")
    rank = item.get("rank", 2)
    if not isinstance(rank, int) or not 0 <= rank <= 9:
        check.add(item.line_of("rank"), f"{what}: rank 应为 0–9 的整数 (expected an integer 0–9)")
        rank = 2
    if not (verbs and objects and units):
        check.add(line, f"{what}: verbs、objects、units 都不能为空 (verbs, objects and units must not be empty)")
        return None
    return Rule(str(ind), frozenset(verbs), frozenset(objects), frozenset(with_), frozenset(units),
                tuple(check.string_list(item, "context", what)), rank)
