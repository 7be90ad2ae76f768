"""Registries: things found by name (readers, segmenter backends, output tables).

As spaCy's `registry`: a registry maps a name to an object, or to the dotted path of
one (`"pipeline.backends.hanlp:HanLPSegmenter"`), imported the first time it is asked
for, so that choosing a backend never costs the imports of the others. The command
line's choices are the registry's names.

    SEGMENTERS = Registry("segmenter")
    SEGMENTERS.register("jieba", "pipeline.backends.jieba_rs:JiebaSegmenter")

    @TABLES.register("panel")
    class PanelTable: ...
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

from .errors import UnknownName


class Registry:
    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, Any] = {}

    def register(self, name: str, obj: Any = None) -> Any:
        """Register `obj` (an object or "module:attribute") under `name`; without `obj`,
        a decorator."""
        if obj is None:
            def decorate(thing: Callable) -> Callable:
                self._entries[name] = thing
                return thing
            return decorate
        self._entries[name] = obj
        return obj

    def get(self, name: str) -> Any:
        try:
            entry = self._entries[name]
        except KeyError:
            raise UnknownName(f"unknown {self.kind} {name!r} (known: {', '.join(self.names())})") from None
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = getattr(importlib.import_module(module), attribute)
            self._entries[name] = entry
        return entry

    def names(self) -> list[str]:
        return list(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries
