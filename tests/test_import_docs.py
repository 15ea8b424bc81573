"""Every importers module's ``>>>`` examples run and hold (they show the formats; a wrong one misleads)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import importers

MODULES = sorted(m.name for m in pkgutil.iter_modules(importers.__path__, "importers."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
