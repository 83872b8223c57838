"""Word tokens: the one-loop path for plain words gives what the general tokeniser gives."""
from __future__ import annotations

import pytest

from policywatch.diffing.tokens import _plain_words, _tokens, tokenize

TEXTS = [
    "  河谷水电站去年发电3.5亿千瓦时，同比增长12%。",
    "果园\t采摘季\n开幕 ，游客 　 超过两万人次",
    "e\u0301clair甜品店开业",  # a combining mark stays with its letter
    "    ",
    "",
    "ＡＢＣ公司扩建厂房，新增岗位１２０个",
]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_words_as_the_general_tokeniser(text: str) -> None:
    assert _plain_words(text) == _tokens(text, "word", None, False)
    assert "".join(t.text for t in tokenize(text)) == text


def test_long_text_takes_the_plain_path_uncached() -> None:
    text = "山区公路改造完成，" * 300  # past the cached length
    assert tokenize(text) == _tokens(text, "word", None, False)


def test_text_without_whitespace_gives_one_token_per_word() -> None:
    text = "渔港码头扩建二期工程开工"
    words = tokenize(text)
    assert words == _tokens(text, "word", None, False)
    assert all(t.text == t.key for t in words) and "".join(t.text for t in words) == text


@pytest.mark.parametrize("text", ["码头吞吐量达到3.25亿吨，同比增长4 %", "ＶＲ展厅与AR体验区", "B-2地块12,000平方米",
                                  "无数字的句子"])
def test_numbers_and_latin_words_stay_whole(text: str) -> None:
    pieces = [t.text.strip() for t in tokenize(text)]
    for protected in ("3.25", "4 %", "ＶＲ", "AR", "B-2", "12,000"):
        assert protected not in text or protected in pieces
