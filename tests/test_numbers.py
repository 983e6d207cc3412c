"""Number parsing, with property-based tests."""
from __future__ import annotations

import cn2an
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import parse_number


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_integers(n):
    assert parse_number(str(n)) == (n, "exact")


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals(n):
    assert parse_number(cn2an.an2cn(n)) == (n, "exact")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["余", "多"]))
def test_at_least_suffixes(n, suffix):
    assert parse_number(f"{n}{suffix}") == (n, "at_least")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["近", "约", "大约"]))
def test_approx_prefixes(n, prefix):
    assert parse_number(f"{prefix}{n}") == (n, "approx")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_wan_with_decimals(whole, tenth):
    value, qualifier = parse_number(f"{whole}.{tenth}万余")
    assert round(value) == whole * 10_000 + tenth * 1_000 and qualifier == "at_least"


@given(st.text(alphabet="0123456789", min_size=1, max_size=4), st.integers(min_value=0, max_value=4))
def test_masked_digits_are_no_number(digits, pos):
    pos = min(pos, len(digits))
    assert parse_number(digits[:pos] + "*" + digits[pos:]) is None


def test_examples():
    assert parse_number("7.7万余") == (77000, "at_least")
    assert parse_number("两百") == (200, "exact")
    assert parse_number("十二") == (12, "exact")
    assert parse_number("超9800万") == (98_000_000, "at_least")
    assert parse_number("1.5亿") == (150_000_000, "exact")
    assert parse_number("100左右") == (100, "approx")
    assert parse_number("**") is None
    assert parse_number("") is None
