"""The sentence splitter's three views agree: spans, the tiling pieces, and the stripped sentences."""
from __future__ import annotations

import pytest

from policywatch.text.sentences import sentence_spans, sentences, split_sentences

TEXTS = ["", "\n", "无句号的标题", "茶园扩种三百亩。\n\n  新建冷库两座！”随后", "。。；", "问：何时完工？答：年底。\n",
         "他说：“桥梁合龙了。”（摄影）\n下一段"]


@pytest.mark.parametrize("text", TEXTS)
def test_pieces_are_the_spans_texts(text: str) -> None:
    pieces = split_sentences(text)
    assert pieces == [text[a:b] for a, b in sentence_spans(text)]
    assert "".join(pieces) == text
    assert sentences(text) == [p.strip() for p in pieces if p.strip()]
