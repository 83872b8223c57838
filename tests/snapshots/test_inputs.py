"""Reading what a person names (snapshots/inputs.py) says nothing itself: what a reader's caps cut comes back
in the document, and the command prints it (tests/endtoend/test_hostile_three.py has the printed line)."""
from __future__ import annotations

import bombs

from policywatch.snapshots.inputs import load_document


def test_what_a_cap_cut_is_returned_not_printed(tmp_path, capsys):
    book = tmp_path / "budget.xlsx"
    book.write_bytes(bombs.xlsx_table([["项目", "资助上限（万元）"], ["人工智能", 3000]], big_sheet=True))
    document = load_document(str(book))
    assert "人工智能" in document.text()
    assert document.warnings == ["sheet '空表' spans 1,048,576 rows x 16,384 columns, over the 2,000,000-cell "
                                 "limit: not read"]
    assert capsys.readouterr() == ("", "")
