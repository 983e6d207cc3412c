"""Config patterns under a time bound: every regular expression a person writes in ``config/`` runs
through the ``regex`` engine with a timeout (``limits.regex_timeout()``, default 2 s per call).

``bounded(pattern)`` returns an object with the methods of ``re.Pattern`` that extraction uses;
a call that runs out of time raises ``PatternTimeout`` (a ``LimitError``: one Chinese line naming the
pattern), so a bad pattern costs one document a few seconds, never the build.  ``check`` also runs
every pattern on a few adversarial probe texts (``probe``) and refuses one that is slow there.
"""
from __future__ import annotations

import regex

from . import limits

_PROBE_TIMEOUT = 0.25
_RUNS = ("1", "一", "a", " ", "\n", "，")


def _literals(pattern: str, flags: int) -> str:
    """The literal characters of a pattern: probes end with them, so that the engine cannot skip a
    probe for lack of a character the pattern requires."""
    import re._parser as sre_parse
    from re._constants import LITERAL

    out: list[str] = []

    def walk(items) -> None:
        for op, av in items:
            if op is LITERAL:
                out.append(chr(av))
            elif isinstance(av, (list, tuple)):
                for x in av:
                    if isinstance(x, sre_parse.SubPattern):
                        walk(x)
                    elif isinstance(x, (list, tuple)):
                        for y in x:
                            if isinstance(y, sre_parse.SubPattern):
                                walk(y)
            elif isinstance(av, sre_parse.SubPattern):
                walk(av)

    try:
        walk(sre_parse.parse(pattern, flags))
    except Exception:
        pass
    return "".join(dict.fromkeys(out))[:64]


def probes(pattern: str, flags: int = 0) -> list[str]:
    """Adversarial texts: long runs of one kind of character, then the pattern's literals."""
    tail = " " + _literals(pattern, flags)
    return [c * 3000 + tail for c in _RUNS] + [("12，一二、ab 。\n" * 300) + tail]


class PatternTimeout(limits.LimitError):
    """A config pattern that ran past its time bound on some text."""


class Bounded:
    """A compiled config pattern whose every call is time-bounded."""

    def __init__(self, pattern: str, flags: int = 0, origin: str = ""):
        self._rx = regex.compile(pattern, flags)
        self.pattern, self.flags, self.groups = pattern, flags, self._rx.groups
        self.origin = origin

    def __repr__(self) -> str:
        return f"Bounded({self.pattern!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Bounded) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def _timeout(self, exc: Exception) -> PatternTimeout:
        where = f"{self.origin}：" if self.origin else ""
        return PatternTimeout(f"配置中的正则表达式运行超过 {limits.regex_timeout():g} 秒，已停止（{where}"
                              f"{self.pattern[:60]}）")

    def _call(self, name: str, *args, timeout: float | None = None):
        try:
            return getattr(self._rx, name)(*args, timeout=timeout or limits.regex_timeout())
        except TimeoutError as exc:
            raise self._timeout(exc) from None

    def search(self, *args):
        return self._call("search", *args)

    def match(self, *args):
        return self._call("match", *args)

    def fullmatch(self, *args):
        return self._call("fullmatch", *args)

    def findall(self, *args):
        return self._call("findall", *args)

    def sub(self, *args):
        return self._call("sub", *args)

    def subn(self, *args):
        return self._call("subn", *args)

    def split(self, *args):
        return self._call("split", *args)

    def finditer(self, *args):
        it = self._call("finditer", *args)
        try:
            yield from it
        except TimeoutError as exc:
            raise self._timeout(exc) from None

    def slow_on_probes(self) -> bool:
        """True when the pattern runs past a short bound on one of the probe texts."""
        try:
            for text in probes(self.pattern, self.flags):
                self._rx.findall(text, timeout=_PROBE_TIMEOUT)
        except TimeoutError:
            return True
        return False


def bounded(pattern: str, flags: int = 0, origin: str = "") -> Bounded:
    return Bounded(pattern, flags, origin)
