"""The examples in the docstrings of the installed package run and hold."""

import doctest
import importlib
import pkgutil

import pytest

import govtext

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(govtext.__path__, prefix="govtext.")
)


@pytest.mark.parametrize("module_name", ["govtext", *MODULES])
def test_docstring_examples(module_name):
    module = importlib.import_module(module_name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
