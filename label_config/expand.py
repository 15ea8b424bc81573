"""Expand a config's ``Repeater`` blocks for one task, as Label Studio's frontend does.

Inside ``<Repeater on="$outputs" indexFlag="{{idx}}">`` controls are named ``likert_{{idx}}``; for a task with
3 outputs the expanded config holds ``likert_0``, ``likert_1``, ``likert_2``. The expanded XML can be handed to
label-studio-sdk's ``LabelInterface`` to find or validate per-output controls::

    >>> xml = '<View><Repeater on="$outputs" indexFlag="{{idx}}"><Text name="o_{{idx}}" value="$outputs[{{idx}}].body"/></Repeater></View>'
    >>> 'name="o_1"' in expand_repeaters(xml, {"outputs": [{"body": "a"}, {"body": "b"}]})
    True
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from typing import Any


def _substitute(element: ET.Element, flag: str, index: int) -> None:
    for el in element.iter():
        for key, value in el.attrib.items():
            if flag in value:
                el.set(key, value.replace(flag, str(index)))
        if el.text and flag in el.text:
            el.text = el.text.replace(flag, str(index))


def expand_repeaters(xml: str, data: dict[str, Any]) -> str:
    """``xml`` with every Repeater replaced by one copy of its children per item of the task's list.

    A Repeater whose ``on`` field is missing from ``data`` (or not a list) expands to nothing.
    """
    root = ET.fromstring(xml)
    for parent in list(root.iter()):
        for position, child in enumerate(list(parent)):
            if child.tag != "Repeater":
                continue
            field = (child.get("on") or "").lstrip("$")
            flag = child.get("indexFlag") or "{{idx}}"
            items = data.get(field)
            count = len(items) if isinstance(items, list) else 0
            parent.remove(child)
            copies = []
            for index in range(count):
                for grandchild in child:
                    clone = copy.deepcopy(grandchild)
                    _substitute(clone, flag, index)
                    copies.append(clone)
            for offset, clone in enumerate(copies):
                parent.insert(position + offset, clone)
    return ET.tostring(root, encoding="unicode")
