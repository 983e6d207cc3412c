"""Loading and validating the YAML files under ``config/``.

Config is data the user edits, so every mistake is reported with the file,
the line and a plain message (``ConfigError``).  YAML is always loaded with a
safe loader; mappings remember the line of each key so that the validators can
point at it.
"""
from __future__ import annotations

import functools
import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


@dataclass
class ConfigProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ConfigError(Exception):
    """One or more problems in the config files."""

    def __init__(self, problems: Iterable[ConfigProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LineMap(dict):
    """A dict that also knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


# libyaml's parser where PyYAML has it (the same values as the pure-Python one, several times faster)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(YAML_LOADER):
    """SafeLoader whose mappings and sequences carry 1-based line numbers (libyaml's parser where PyYAML
    has it: a build reads every config file, and the pure-Python parser took half its start-up)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Load one YAML file safely; syntax errors become a ``ConfigError``."""
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(name, 0, "文件不存在 (file not found)")])
    except IsADirectoryError:
        raise ConfigError([ConfigProblem(name, 0, "是文件夹，不是文件 (is a directory, expected a file)")])
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(name, 0, "不是 UTF-8 文本 (not UTF-8 text)")])
    except OSError as exc:
        raise ConfigError([ConfigProblem(name, 0, f"无法读取 (cannot read): {exc.strerror or exc}")])
    try:
        _check_shape(text, name)
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        msg = exc.problem or str(exc)
        if "could not determine a constructor" in str(exc):
            msg = f"不允许的 YAML 标签 (unsafe or unknown tag): {exc.problem}"
        raise ConfigError([ConfigProblem(name, line, f"YAML 语法错误: {msg}")])
    except yaml.YAMLError as exc:  # pragma: no cover - other loader errors
        raise ConfigError([ConfigProblem(name, 0, f"YAML 错误: {exc}")])


MAX_DEPTH = 50  # nesting of lists and mappings; config needs a handful
MAX_NODES = 200_000  # values after aliases are expanded; a billion-laughs file has 10⁹


def _check_shape(text: str, name: str) -> None:
    """Refuse, before anything is built, YAML nested too deep (a recursion error in the loader) or
    whose aliases expand to too many values (an alias bomb): one pass over the parser's events."""
    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # [anchor, expanded size] of each open collection
    for event in yaml.parse(text, Loader=YAML_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_DEPTH:
                raise ConfigError([ConfigProblem(name, line, f"嵌套超过 {MAX_DEPTH} 层 (nested too deep)")])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
        else:
            continue
        if anchor:
            sizes[anchor] = size
        stack[-1][1] += size
        if stack[-1][1] > MAX_NODES:
            raise ConfigError([ConfigProblem(name, line, f"别名展开后超过 {MAX_NODES:,} 个值（疑似 YAML 别名炸弹）"
                                                         f" (aliases expand too far)")])


def open_config(path: Path, allowed: set[str], required: set[str]) -> tuple["LineMap", "Checker"]:
    """Load a config file that must be a mapping with known keys; problems so far go to the Checker."""
    data = load_yaml(path)
    check = Checker(path)
    if not check.mapping(data, 1, path.name):
        check.raise_if_any()
    check.keys(data, allowed, required, path.name)
    return data, check


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def backtracks(pattern: str) -> bool:
    """True when a pattern nests an unbounded repeat inside another repeat: (a+)+, (a|b*)*, (x+y?)+.

    This is the star-height test of safe-regex; such patterns can take exponential
    time on a line that almost matches.  Bounded repeats ({0,10}) are allowed.
    """
    import re._parser as sre_parse
    from re._constants import MAX_REPEAT, MAXREPEAT, MIN_REPEAT, POSSESSIVE_REPEAT

    repeats = (MAX_REPEAT, MIN_REPEAT)

    def walk(items, inside_repeat: bool) -> bool:
        for op, av in items:
            if op in repeats:
                lo, hi, sub = av
                unbounded = hi == MAXREPEAT
                if unbounded and inside_repeat:
                    return True
                if walk(sub, inside_repeat or (hi == MAXREPEAT or hi > 1)):
                    return True
            elif op == POSSESSIVE_REPEAT:
                continue  # possessive repeats do not backtrack
            else:
                for child in _children(op, av):
                    if walk(child, inside_repeat):
                        return True
        return False

    try:
        return walk(sre_parse.parse(pattern), False)
    except Exception:  # pragma: no cover - compile() already validated the pattern
        return False


def matches_empty(pattern: str, flags: int = 0) -> bool:
    """True when a pattern can match a zero-length string (x*, a|, (?:…)?, ^): it would hit everywhere."""
    import re._parser as sre_parse

    try:
        return sre_parse.parse(pattern, flags).getwidth()[0] == 0
    except Exception:  # pragma: no cover - compile() already validated the pattern
        return False


def requires_literal(pattern: str, char: str) -> bool:
    """True when every match of ``pattern`` contains ``char`` (not optional, not in one branch only)."""
    import re._parser as sre_parse
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

    def seq(items) -> bool:
        return any(one(op, av) for op, av in items)

    def one(op, av) -> bool:
        if op is LITERAL:
            return av == ord(char)
        if op is SUBPATTERN:
            return seq(av[-1])
        if op is BRANCH:
            return all(seq(b) for b in av[1])
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            return av[0] >= 1 and seq(av[2])
        return False

    try:
        return seq(sre_parse.parse(pattern))
    except Exception:  # pragma: no cover - compile() already validated the pattern
        return True


# Patterns that passed every check (valid, no nested repetition, no empty match, fast on the probes),
# one digest per line in the temporary folder: a build need not re-run the probes (a quarter of a
# second over the shipped configs) for patterns it checked before.  A failing pattern is never kept.
_CHECKED_FILE = Path(tempfile.gettempdir()) / "duibiao-checked-patterns-1.txt"
_CHECKED: set[str] | None = None


def _digest(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}\x00{pattern}".encode("utf-8")).hexdigest()[:32]


def _checked_before(pattern: str, flags: int) -> bool:
    global _CHECKED
    if _CHECKED is None:
        try:
            _CHECKED = set(_CHECKED_FILE.read_text(encoding="ascii").split())
        except (OSError, ValueError):
            _CHECKED = set()
    return _digest(pattern, flags) in _CHECKED


def _remember_checked(pattern: str, flags: int) -> None:
    key = _digest(pattern, flags)
    if _CHECKED is not None:
        _CHECKED.add(key)
    try:
        with open(_CHECKED_FILE, "a", encoding="ascii") as fh:  # one short append: whole lines
            fh.write(key + "\n")
    except OSError:
        pass  # no cache: the checks run again next time


@functools.lru_cache(maxsize=4096)
def _slow(compiled) -> bool:
    return compiled.slow_on_probes()


def _children(op, av) -> list:
    from re._constants import ASSERT, ASSERT_NOT, BRANCH, GROUPREF_EXISTS, SUBPATTERN

    if op == SUBPATTERN:
        return [av[-1]]
    if op == BRANCH:
        return list(av[1])
    if op in (ASSERT, ASSERT_NOT):
        return [av[1]]
    if op == GROUPREF_EXISTS:
        return [b for b in av[1:] if b is not None]
    return []


class Checker:
    """Collects problems while walking one loaded YAML document."""

    def __init__(self, path: Path):
        self.file = _display(path)
        self.problems: list[ConfigProblem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(ConfigProblem(self.file, line, message))

    def mapping(self, value: Any, line: int, what: str) -> bool:
        if not isinstance(value, dict):
            self.add(line, f"{what} 应为映射 (expected a mapping)")
            return False
        return True

    def keys(self, mapping: LineMap, allowed: set[str], required: set[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(mapping.line_of(key), f"{what}: 未知字段 '{key}' (unknown key; allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(mapping)):
            self.add(mapping.line, f"{what}: 缺少字段 '{key}' (missing key)")

    def entries(self, data: LineMap, key: str, what: str):
        """(id, spec) of the mapping under ``key`` whose keys are lower-case ids and whose values are
        mappings (themes, practice types, figure types); each mistake is reported at its own line."""
        raw = data.get(key) or {}
        if not self.mapping(raw, data.line_of(key), key):
            return
        for tid, spec in raw.items():
            line = raw.line_of(tid)
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(tid)):
                self.add(line, f"{what} {tid}: id 应为小写英文标识 (expected a lower-case identifier)")
            if self.mapping(spec, line, f"{what} {tid}"):
                yield tid, spec

    def string_list(self, mapping: LineMap, key: str, what: str) -> list[str]:
        value = mapping.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(mapping.line_of(key), f"{what}: '{key}' 应为字符串列表 (expected a list of strings)")
            return []
        return list(value)

    def regex_list(self, mapping: LineMap, key: str) -> tuple[re.Pattern, ...]:
        """A list of regular expressions under ``key``, each checked and reported at its own line."""
        seq = mapping.get(key)
        out = []
        for i, pattern in enumerate(self.string_list(mapping, key, key)):
            rx = self.regex(pattern, getattr(seq, "line", mapping.line_of(key)) + i, key)
            if rx is not None:
                out.append(rx)
        return tuple(out)

    def regex(self, pattern: str, line: int, what: str, flags: int = 0):
        """A config pattern, time-bounded (``patterns.bounded``), or None with the problem recorded."""
        from .patterns import bounded

        if _checked_before(pattern, flags):  # passed every check below on an earlier run
            return bounded(pattern, flags, f"{self.file}:{line}")
        try:
            re.compile(pattern, flags)
            compiled = bounded(pattern, flags, f"{self.file}:{line}")
        except Exception as exc:  # re.error, regex.error, a pattern too large …
            self.add(line, f"{what}: 正则表达式无效 (invalid regular expression): {exc}")
            return None
        if backtracks(pattern):
            self.add(line, f"{what}: 正则表达式含嵌套的无界重复（如 (a+)+），可能灾难性回溯，已拒绝 "
                           f"(nested unbounded repetition may backtrack catastrophically): {pattern}")
            return None
        if matches_empty(pattern, flags):
            self.add(line, f"{what}: 正则表达式能匹配空字符串，会在每个位置命中，已拒绝 "
                           f"(pattern matches the empty string): {pattern}")
            return None
        if _slow(compiled):
            self.add(line, f"{what}: 正则表达式在测试文本上运行过慢（回溯过多），已拒绝 "
                           f"(pattern too slow on probe texts): {pattern}")
            return None
        _remember_checked(pattern, flags)
        return compiled

    def raise_if_any(self) -> None:
        if self.problems:
            raise ConfigError(self.problems)
