"""Expand a config for one task, as Label Studio's frontend does: ``Repeater`` blocks and dynamic ``Choices``.

Inside ``<Repeater on="$outputs" indexFlag="{{idx}}">`` controls are named ``likert_{{idx}}``; for a task with
3 outputs the expanded config holds ``likert_0``, ``likert_1``, ``likert_2``. A ``<Choices value="$rank_options">``
gets one ``<Choice>`` per option of the task's list. The expanded XML can be handed to label-studio-sdk's
``LabelInterface`` (which knows neither) to find or validate per-output controls::

    >>> xml = '<View><Repeater on="$outputs" indexFlag="{{idx}}"><Text name="o_{{idx}}" value="$outputs[{{idx}}].body"/></Repeater></View>'
    >>> 'name="o_1"' in expand_repeaters(xml, {"outputs": [{"body": "a"}, {"body": "b"}]})
    True
    >>> expand_repeaters('<View><Choices name="r" toName="t" value="$opts"/></View>', {"opts": [{"value": "1"}]})
    '<View><Choices name="r" toName="t"><Choice value="1" /></Choices></View>'
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from typing import Any


def _expand_choices(root: ET.Element, data: dict[str, Any]) -> None:
    """Give every ``Choices`` whose ``value`` names a task list one ``Choice`` per option (its string attributes)."""
    for choices in root.iter("Choices"):
        ref = choices.get("value") or ""
        if not ref.startswith("$"):
            continue
        options = data.get(ref[1:])
        del choices.attrib["value"]
        for option in options if isinstance(options, list) else []:
            if isinstance(option, dict) and "value" in option:
                ET.SubElement(choices, "Choice", {k: str(v) for k, v in option.items() if k != "children"})


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
    _expand_choices(root, data)
    return ET.tostring(root, encoding="unicode")
