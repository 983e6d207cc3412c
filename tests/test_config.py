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
    line = _break(config_copy / "indicators.yaml", "'{N}件(?:代表)?议案'", "'{N}件(?:代表议案'")
    _break(config_copy / "indicators.yaml", "'(?:代表)?议案{N}件'", "'(?:代表)?议案件'")
    out = _check(config_copy)
    assert out.returncode == 1
    assert f"indicators.yaml:{line}:" in out.stderr and "正则表达式无效" in out.stderr
    assert "{N}" in out.stderr


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
