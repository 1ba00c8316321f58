"""YAML from people we do not trust (a vacancy file uploaded through the web).

``load(text)`` parses with PyYAML's safe loader under limits, so a small file cannot make the
server do large work: at most ``MAX_BYTES`` of text, ``MAX_ALIASES`` alias references,
``MAX_DEPTH`` levels of nesting and ``MAX_NODES`` values once every alias is expanded (a
"billion laughs" file is a few hundred bytes with a handful of aliases, but expands to
millions of values when it is walked or printed). Recursive aliases are refused.

It raises ``YamlError`` with a ``code`` (``too_large``, ``too_many_aliases``, ``too_deep``,
``too_many_nodes``, ``recursive``, ``invalid``) and ``params`` for the message; the message
never repeats the file's content.
"""

from __future__ import annotations

from typing import Any

import yaml

ENGINE = "safe-yaml"
VERSION = "1.0"
MAX_BYTES = 256 * 1024
MAX_ALIASES = 100
MAX_DEPTH = 20
MAX_NODES = 10_000


class YamlError(ValueError):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


class _LimitedLoader(yaml.SafeLoader):
    """The safe loader, counting alias references and nesting while it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlError("too_many_aliases", limit=MAX_ALIASES)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlError("too_deep", limit=MAX_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _expanded_size(node: yaml.Node) -> int:
    """How many values the document holds with every alias expanded (memoised per node)."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(current: yaml.Node) -> int:
        key = id(current)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise YamlError("recursive")
        visiting.add(key)
        total = 1
        if isinstance(current, yaml.SequenceNode):
            total += sum(size(child) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in current.value)
        visiting.discard(key)
        if total > MAX_NODES:
            raise YamlError("too_many_nodes", limit=MAX_NODES)
        sizes[key] = total
        return total

    return size(node)


def load(text: str) -> Any:
    """Parse one YAML document under the limits above; None for an empty document."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlError("too_large", limit_kb=MAX_BYTES // 1024)
    loader = _LimitedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node)
        return loader.construct_document(node)
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlError("invalid", line=line) from None
    except RecursionError:
        raise YamlError("too_deep", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()
