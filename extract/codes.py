"""Division codes for the regions an extraction names (China has four 鼓楼区: a name is not a key).

The stages name regions; this module gives each name the code of the division
meant, using the document as context: a section's region inside the document's
own city or province wins, and a document's own region is told apart by the city
its opening lines name (南京市鼓楼区 …).  A region the gazetteer does not know
keeps a key made from its name (``~name``).
"""
from __future__ import annotations

from .gazetteer import Gazetteer, Region


def _city_code(code: str) -> str:
    return code[:4] + "0" * (len(code) - 4)


def _province_code(code: str) -> str:
    return code[:2] + "0" * (len(code) - 2)


class Resolver:
    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.by_code = {r.code: r for r in gaz.regions if r.code}

    def candidates(self, name: str, level: str | None) -> list[Region]:
        cands = [r for r in self.gaz.by_name.get(name, []) if r.name == name] or self.gaz.by_name.get(name, [])
        return [r for r in cands if not level or r.level == level] or cands

    def parent_names(self, r: Region) -> list[str]:
        """Names of the city and province that contain a region."""
        out = []
        for code in (_city_code(r.code), _province_code(r.code)) if r.code else ():
            parent = self.by_code.get(code)
            if parent and parent.code != r.code:
                out.append(parent.name)
                if parent.short:
                    out.append(parent.short)
        return out

    def code(self, name: str | None, level: str | None, context: Region | None = None, text: str = "") -> str | None:
        """The code of the region ``name`` means here (None for no region)."""
        if not name:
            return None
        cands = self.candidates(name, level)
        if not cands:
            return f"~{name}"
        if len(cands) > 1 and context is not None and context.code:
            prefix = context.code[:4] if context.level != "province" else context.code[:2]
            cands = [c for c in cands if c.code.startswith(prefix)] or cands
        if len(cands) > 1 and text:
            named = [c for c in cands if any(p + name in text for p in self.parent_names(c))]
            cands = named or cands
        return min(cands, key=lambda c: c.code).code or f"~{name}"

    def region(self, code: str | None) -> Region | None:
        return self.by_code.get(code or "")


def display_names(gaz: Gazetteer) -> list[tuple[str, str, str, str, str]]:
    """(code, name, level, province, display) of every division; where a name repeats at one level, the
    display adds the city (or province) that tells them apart: 鼓楼区（南京市）."""
    resolver = Resolver(gaz)
    count: dict[tuple[str, str], int] = {}
    for r in gaz.regions:
        count[(r.name, r.level)] = count.get((r.name, r.level), 0) + 1
    out = []
    for r in gaz.regions:
        if not r.code:
            continue
        display = r.name
        if count[(r.name, r.level)] > 1:
            parents = resolver.parent_names(r)
            display = f"{r.name}（{parents[0] if parents else r.province}）"
        out.append((r.code, r.name, r.level, r.province, display))
    return out
