"""Where tables are fitted: the terminal, COLUMNS, or nowhere (pipes)."""
import io
import sys

from stx_common.client import formatting


def test_pipes_are_not_wrapped(monkeypatch):
    monkeypatch.delenv('COLUMNS', raising=False)
    monkeypatch.setattr(sys, 'stdout', io.StringIO())
    assert formatting.terminal_width() == formatting.UNLIMITED


def test_columns_wins(monkeypatch):
    monkeypatch.setenv('COLUMNS', '57')
    assert formatting.terminal_width() == 57
