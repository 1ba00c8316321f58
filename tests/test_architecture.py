"""The house rules that a reader relies on (docs/architecture.md), checked on every run.
The import rules and the cycle check are import-linter contracts (pyproject.toml)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps

import mensenwerk
from mensenwerk import engines

PACKAGE = Path(mensenwerk.__file__).resolve().parent
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def test_no_file_is_over_600_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines_except_demo_data() -> None:
    long = []
    for path in _sources():
        if path.name == "demo.py":  # demo data is a long, flat script by nature
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({size})")
    assert long == []


def _engine_modules() -> list[str]:
    return [
        name
        for _finder, name, _pkg in pkgutil.walk_packages(engines.__path__, "mensenwerk.engines.")
        if name.count(".") == 2  # the engines themselves; a package's parts share its version
    ]


@pytest.mark.parametrize("name", _engine_modules())
def test_every_engine_names_itself_and_its_version(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(getattr(module, "ENGINE", None), str)
    assert isinstance(getattr(module, "VERSION", None), str)


def test_every_engine_states_its_contract() -> None:
    missing = [n for n in _engine_modules() if not importlib.import_module(n).__doc__]
    assert missing == []


def test_every_model_says_what_it_is() -> None:
    undocumented = [
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("mensenwerk.")
        and (model.__doc__ or "").startswith(f"{model.__name__}(")  # Django's generated one
    ]
    assert undocumented == []
