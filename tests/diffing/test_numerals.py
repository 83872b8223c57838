"""Chinese numerals as the figures of a report write them, read without cn2an (see text/numerals.py)."""
from decimal import Decimal

import pytest

from policywatch.text.numerals import ordinals_to_digits, to_decimal


@pytest.mark.parametrize(("text", "value"), [
    ("二十六", Decimal(26)), ("三百零五", Decimal(305)), ("两千五", Decimal(2500)), ("三百五", Decimal(350)),
    ("十", Decimal(10)), ("一十", Decimal(10)), ("二〇二三", Decimal(2023)), ("三点五", Decimal("3.5")),
    ("三.五", Decimal("3.5")), ("1,236.6", Decimal("1236.6")),
])
def test_numerals_read(text: str, value: Decimal) -> None:
    assert to_decimal(text) == value


@pytest.mark.parametrize("text", ["百", "千", "十十", "三五百", "百十", "零十", "三点", "十四五规划", ""])
def test_not_numbers(text: str) -> None:
    assert to_decimal(text) is None


def test_ordinals() -> None:
    assert ordinals_to_digits("第二十六届高交会，一是") == "第26届高交会，一是"
