"""Config validation: every mistake is reported with file, line and a plain message."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_cli


@pytest.fixture
def config_copy(tmp_path):
    target = tmp_path / "config"
    shutil.copytree(ROOT / "config", target)
    return target


def _check(config_dir):
    return run_cli("--config", str(config_dir), "check")


def test_bundled_config_is_valid():
    out = run_cli("check")
    assert out.returncode == 0, out.stderr
    assert "配置检查通过" in out.stdout


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_yaml_syntax_error_names_file_and_line(config_copy):
    line = _break(config_copy / "indicators.yaml", "  - id: motions\n", "  - id: [motions\n")
    out = _check(config_copy)
    assert out.returncode == 1
    assert "indicators.yaml:" in out.stderr and "YAML 语法错误" in out.stderr
    reported = int(out.stderr.split("indicators.yaml:")[1].split(":")[0])
    assert abs(reported - line) <= 2


def test_unknown_key(config_copy):
    line = _break(config_copy / "indicators.yaml", "    label: 代表议案\n", "    lable: 代表议案\n")
    out = _check(config_copy)
    assert out.returncode == 1
    assert f"indicators.yaml:{line}:" in out.stderr and "未知字段 'lable'" in out.stderr


def test_unsafe_tag_is_refused(config_copy):
    (config_copy / "regions.yaml").write_text("exclude: !!python/object/apply:os.system ['echo hacked']\n",
                                              encoding="utf-8")
    out = _check(config_copy)
    assert out.returncode == 1
    assert "regions.yaml:1:" in out.stderr and "hacked" not in out.stdout


def test_bad_regex_and_missing_placeholder(config_copy):
    path = config_copy / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + """
  - id: field_visits
    label: 视察
    category: 监督
    unit: 次
    keywords: [视察]
    patterns:
      - '视察(?:代表{N}次'
      - '视察次'
""", encoding="utf-8")
    line = text.count("\n") + 8
    out = _check(config_copy)
    assert out.returncode == 1
    assert f"indicators.yaml:{line}:" in out.stderr and "正则表达式无效" in out.stderr
    assert "{N}" in out.stderr


def test_grammar_mistakes_name_file_and_line(config_copy):
    path = config_copy / "grammar.yaml"
    dup = _break(path, "  amend: [修改,", "  amend: [制定, 修改,")
    bad_class = _break(path, "{indicator: motions, verbs: [any], objects: [motion]",
                       "{indicator: motions, verbs: [any], objects: [motoin]")
    bad_ind = _break(path, "{indicator: deputy_homes,", "{indicator: deputy_house,")
    out = _check(config_copy)
    assert out.returncode == 1
    err = out.stderr
    assert f"grammar.yaml:{dup}:" in err and "'制定' 已在 verbs.enact 中出现" in err
    assert f"grammar.yaml:{bad_class}:" in err and "未知类别 'motoin'" in err
    assert f"grammar.yaml:{bad_ind}:" in err and "没有这个指标" in err


def test_indicator_added_through_the_grammar(config_copy, tmp_path):
    """A new indicator needs only YAML: its id in indicators.yaml, its verb class and rule in grammar.yaml."""
    (config_copy / "indicators.yaml").write_text(
        (config_copy / "indicators.yaml").read_text(encoding="utf-8")
        + "\n  - id: field_visits\n    label: 组织视察\n    category: 监督\n    unit: 次\n", encoding="utf-8")
    path = config_copy / "grammar.yaml"
    _break(path, "  other: [执法调研, 视察,", "  visit: [视察]\n  other: [执法调研,")
    _break(path, "rules:\n", "rules:\n  - {indicator: field_visits, verbs: [visit], objects: [none], units: [次]}\n")
    doc = tmp_path / "r.txt"
    doc.write_text("某县人大常委会工作报告\n一年来，组织代表视察6次，开展执法检查、视察和调研9次。", encoding="utf-8")
    out = run_cli("--config", str(config_copy), "scan", str(doc), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert '"indicator": "field_visits"' in out.stdout and '"value": 6' in out.stdout
    assert '"value": 9' not in out.stdout  # one count for several activities gives nothing


def test_unknown_category_and_region_in_sources(config_copy):
    _break(config_copy / "indicators.yaml", "category: 立法", "category: 立 法")
    _break(config_copy / "sources.yaml", "region: 丽水市", "region: 丽水县城")
    out = _check(config_copy)
    assert out.returncode == 1
    assert "未知类别" in out.stderr
    assert "sources.yaml:" in out.stderr and "丽水县城" in out.stderr


def test_indicator_added_in_yaml_only(config_copy, tmp_path):
    (config_copy / "indicators.yaml").write_text(
        (config_copy / "indicators.yaml").read_text(encoding="utf-8") + """
  - id: field_inspections
    label: 视察调研
    category: 监督
    unit: 次
    keywords: [视察]
    patterns:
      - '组织(?:代表)?视察{N}次'
""", encoding="utf-8")
    doc = tmp_path / "r.txt"
    doc.write_text("某县人大常委会工作报告\n一年来，组织代表视察6次。", encoding="utf-8")
    out = run_cli("--config", str(config_copy), "scan", str(doc), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert '"indicator": "field_inspections"' in out.stdout and '"value": 6' in out.stdout


def test_a_pattern_checked_once_is_not_probed_again_and_a_refused_one_always_is(tmp_path, monkeypatch):
    """Config patterns that passed every check are remembered (a digest per line in a temporary file),
    so a build does not re-run the slow-pattern probes; a refused pattern is checked every time."""
    import extract.config as cfg
    from extract.patterns import Bounded

    monkeypatch.setattr(cfg, "_CHECKED_FILE", tmp_path / "checked.txt")
    monkeypatch.setattr(cfg, "_CHECKED", None)
    probed = []
    real = Bounded.slow_on_probes
    monkeypatch.setattr(Bounded, "slow_on_probes", lambda self: probed.append(self.pattern) or real(self))
    cfg._slow.cache_clear()

    def check(pattern):
        c = cfg.Checker(tmp_path / "x.yaml")
        return c.regex(pattern, 3, "drop_lines"), c.problems

    good, bad = "人大常委会(?:第\\d+次)?会议", "\\d*\\d*\\d*\\d*\\d*\\d*x"
    assert check(good)[0] is not None and probed == [good]
    assert cfg._digest(good, 0) in (tmp_path / "checked.txt").read_text().split()
    monkeypatch.setattr(cfg, "_CHECKED", None)  # a new process: read from the file
    cfg._slow.cache_clear()
    assert check(good)[0] is not None and probed == [good]  # not probed again
    for _ in range(2):
        cfg._slow.cache_clear()
        compiled, problems = check(bad)
        assert compiled is None and "过慢" in problems[-1].message
    assert probed == [good, bad, bad]


def test_stage_keys_read_the_same_values_with_libyaml_as_with_the_python_parser(monkeypatch):
    """Stage keys hash the parsed config: the fast parser must not change a key (or every document
    would be re-extracted)."""
    import yaml

    from extract import config, stages

    files = sorted((ROOT / "config").glob("*.yaml"))
    fast = [stages._file_digest(f, set()) for f in files]
    assert config.YAML_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    monkeypatch.setattr(config, "YAML_LOADER", yaml.SafeLoader)
    assert fast == [stages._file_digest(f, set()) for f in files] and len(files) >= 10
