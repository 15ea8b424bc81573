"""Offline validation of any Label Studio config with label-studio-sdk's ``LabelInterface``.

    >>> validate_config('<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>')
    []
    >>> validate_config('<View><Choices name="c" toName="missing"><Choice value="A"/></Choices></View>')[0].tag
    'Choices'
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

OBJECT_TAGS = {"Text", "HyperText", "List", "Paragraphs", "Image", "Audio", "Video", "Table", "TimeSeries"}


@dataclass(frozen=True)
class ConfigProblem:
    """One reason a config is invalid: the tag (and its name, when it has one) and why."""

    tag: str
    name: str | None
    reason: str

    def __str__(self) -> str:
        where = f"<{self.tag} name={self.name!r}>" if self.name else f"<{self.tag}>"
        return f"{where}: {self.reason}"


def validate_config(xml: str) -> list[ConfigProblem]:
    """Problems in ``xml``; an empty list means Label Studio would accept it.

    Checks the XML parses, that every control's ``toName`` names an object tag in the config (as the server
    does on project create), then runs ``LabelInterface(xml).validate()``.
    """
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        return [ConfigProblem("xml", None, f"not well-formed XML: {exc}")]
    if root.tag != "View":
        return [ConfigProblem(root.tag, root.get("name"), "the root tag must be <View>")]
    problems: list[ConfigProblem] = []
    counts = Counter(el.get("name") for el in root.iter() if el.get("name"))
    objects = {el.get("name") for el in root.iter() if el.tag in OBJECT_TAGS and el.get("name")}
    seen: set[str] = set()
    for el in root.iter():
        name = el.get("name")
        if el.tag in ("Choice", "Label", "Bucket", "Panel"):
            continue
        if name and name in seen:  # its second and later uses
            problems.append(ConfigProblem(el.tag, name, "name used by more than one tag"))
        if name:
            seen.add(name)
        to_name = el.get("toName")
        if to_name is not None:
            for target in to_name.split(","):
                if target not in objects:
                    problems.append(ConfigProblem(el.tag, name, f"toName={target!r} is not an object tag here"))
    if problems:
        return problems
    try:
        from label_studio_sdk.label_interface import LabelInterface

        LabelInterface(xml).validate()
    except Exception as exc:  # LabelInterface raises various errors; report the first
        return [ConfigProblem("View", None, f"LabelInterface: {_sdk_reason(exc, counts)}")]
    return []


def _sdk_reason(exc: Exception, counts: Counter) -> str:
    """The SDK's reason in one bounded line. Its duplicate-name check lists every name of the config; this names
    the repeated ones (Panels and Choices, which the check above leaves to it), at most five.

    >>> _sdk_reason(ValueError("Label config contains non-unique names: a, b, a"), Counter({"a": 2, "b": 1}))
    'Label config contains non-unique names: a'
    """
    text = str(exc)
    if text.startswith("Label config contains non-unique names"):
        repeated = [n for n, k in counts.items() if k > 1]
        more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        text = "Label config contains non-unique names" + (": " + ", ".join(repeated[:5]) + more if repeated else "")
    line = text.split("\n", 1)[0]
    return line if len(line) <= 200 else line[:197] + "..."
