"""Which guideline controls a project's ``label_config`` has, and where each one's text lives in a task.

The config is parsed once with label-studio-sdk's ``LabelInterface`` (cached by its text, in a cache bounded in
bytes: Label Studio sends the same config with every request, and a client could send a new huge one each time).
A ``Text`` object with ``valueType="url"`` is a source too (``TextSource.url``): its task value is a URL whose
document the HTTP layer fetches (:mod:`ml_backend.fetch`) before anything is predicted. Controls are found by the names ``label_config.taxonomy`` defines; any other
control is ignored. Inside a ``Repeater`` a per-output control is named ``inappropriate_{{idx}}`` and labels
``output_{{idx}}`` (``$outputs[{{idx}}].body``); :meth:`PerOutput.expand` turns it into one concrete control per
output of a task::

    >>> from label_config.render import render_config
    >>> found = read_config(render_config("instruction"))
    >>> found.has(T.PII), found.has(T.TOXICITY_INPUT), found.text_of(found.get(T.PII).source, {"prompt": "Hi"})
    (True, False, 'Hi')
    >>> per = read_config(render_config("comparison")).per_output[0]
    >>> [(c.name, c.to_name) for c, _ in per.expand({"outputs": [{"body": "a"}, {"body": "b"}]})]
    [('inappropriate_0', 'output_0'), ('inappropriate_1', 'output_1')]
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from label_config import taxonomy as T
from ml_backend.bounded_cache import ByteLRU

log = logging.getLogger(__name__)

CHOICES, LABELS = "Choices", "Labels"

# The controls this backend fills, by taxonomy name, with the tag each must be. Everything else is left alone.
FILLED: dict[str, str] = {
    T.PII: CHOICES,
    T.PII_CERTAIN: CHOICES,
    T.PII_PUBLIC_ONLY: CHOICES,
    T.PII_SPANS: LABELS,
    T.TOXICITY_INPUT: CHOICES,
    T.TOXICITY_OUTPUT: CHOICES,
    T.RELATIVE_TOXICITY_NAME: CHOICES,
}
PII_CONTROLS = (T.PII_SPANS, T.PII, T.PII_CERTAIN, T.PII_PUBLIC_ONLY)  # first present = the text they label
# Per-output flags (base names) the detectors can back with evidence; see ml_backend/README.md for why only these.
FILLED_PER_OUTPUT: dict[str, str] = {T.INAPPROPRIATE: CHOICES}

_TEXT_OBJECTS = {"Text"}
_FIRST = re.compile(r"^\$([^.\[\]\s]+)")
_STEP = re.compile(r"\.([^.\[\]\s]+)|\[([^\[\]]+)\]")


class ConfigError(ValueError):
    """The label_config cannot be parsed; the message says why and where, and never quotes the config (which can
    hold task text in its examples: :mod:`ml_backend.config_errors`)."""


class TaskDataError(ValueError):
    """A task lacks the data a control needs; the message names the field, never its content."""


@dataclass(frozen=True)
class Repeat:
    """Marks the position of a Repeater's index flag in a data path."""

    flag: str


@dataclass(frozen=True)
class TextSource:
    """Where an object tag's text lives in the task data.

    ``$outputs[{{idx}}].body`` is ``path=("outputs", Repeat("{{idx}}"), "body")``; ``$prompt`` is ``("prompt",)``.
    """

    object_name: str
    path: tuple[str | int | Repeat, ...]
    url: bool = False  # valueType="url": the task value is a URL to a document, fetched before predicting

    @property
    def flag(self) -> str | None:
        return next((p.flag for p in self.path if isinstance(p, Repeat)), None)

    def describe(self, index: int | None = None) -> str:
        """The path as a reader would write it: ``outputs[2].body``."""
        out = ""
        for step in self.path:
            if isinstance(step, Repeat):
                out += f"[{'?' if index is None else index}]"
            elif isinstance(step, int):
                out += f"[{step}]"
            else:
                out += f".{step}" if out else step
        return out

    def concrete(self, index: int) -> TextSource:
        """This source for the output at ``index`` (its object name has the flag replaced too)."""
        flag = self.flag
        if flag is None:
            return self
        path = tuple(index if isinstance(p, Repeat) else p for p in self.path)
        return TextSource(self.object_name.replace(flag, str(index)), path, self.url)


@dataclass(frozen=True)
class Control:
    """One guideline control found in the config: its name, tag, the values it offers and the text it labels."""

    name: str
    base: str
    tag: str
    source: TextSource
    values: tuple[str, ...]

    @property
    def to_name(self) -> str:
        return self.source.object_name

    def offers(self, value: str) -> bool:
        return value in self.values


@dataclass(frozen=True)
class PerOutput:
    """A per-output control: either inside a Repeater (``source`` holds the flag) or for one fixed output."""

    control: Control

    def expand(self, data: Mapping[str, Any]) -> Iterator[tuple[Control, str]]:
        """``(concrete control, its text)`` for every output of the task; raises :class:`TaskDataError`."""
        control, source = self.control, self.control.source
        flag = source.flag
        if flag is None:
            yield control, read_text(source, data)
            return
        head = source.path[: next(i for i, p in enumerate(source.path) if isinstance(p, Repeat))]
        items = _walk(data, head)
        if not isinstance(items, list):
            raise TaskDataError(f"field {_describe(head)!r} is not a list")
        for index in range(len(items)):
            concrete = source.concrete(index)
            name = control.name.replace(flag, str(index))
            yield Control(name, control.base, control.tag, concrete, control.values), read_text(concrete, data)


@dataclass(frozen=True)
class ConfigControls:
    """The guideline controls of one config. ``controls`` by taxonomy name; ``per_output`` in config order."""

    controls: Mapping[str, Control]
    per_output: tuple[PerOutput, ...]
    objects: Mapping[str, TextSource]

    @property
    def empty(self) -> bool:
        return not self.controls and not self.per_output

    @property
    def names(self) -> list[str]:
        """Names of the controls this backend fills, as written in the config."""
        return [c.name for c in self.controls.values()] + [p.control.name for p in self.per_output]

    def has(self, name: str) -> bool:
        return name in self.controls

    def get(self, name: str) -> Control | None:
        return self.controls.get(name)

    def text_of(self, source: TextSource, data: Mapping[str, Any]) -> str:
        return read_text(source, data)

    @property
    def url_sources(self) -> list[TextSource]:
        """The sources (of controls this backend fills) whose task values are URLs to fetch first."""
        seen = [c.source for c in self.controls.values()] + [p.control.source for p in self.per_output]
        return list(dict.fromkeys(s for s in seen if s.url))

    @property
    def pii_source(self) -> TextSource | None:
        """The text the PII controls label (one object for all of them; see :func:`read_config`)."""
        return next((self.controls[n].source for n in PII_CONTROLS if n in self.controls), None)

    @property
    def prompt_source(self) -> TextSource | None:
        """The prompt object (``T.PROMPT``), when the config shows one as plain text."""
        return self.objects.get(T.PROMPT)

    @property
    def toxicity_input_source(self) -> TextSource | None:
        """The input whose toxicity ``toxicity_input`` and ``relative_toxicity`` rate (default: the prompt)."""
        c = self.controls.get(T.TOXICITY_INPUT)
        return c.source if c is not None else self.prompt_source

    @property
    def toxicity_output_source(self) -> TextSource | None:
        """The continuation ``toxicity_output`` and ``relative_toxicity`` rate."""
        c = self.controls.get(T.TOXICITY_OUTPUT) or self.controls.get(T.RELATIVE_TOXICITY_NAME)
        return c.source if c is not None else None


def _describe(path: tuple) -> str:
    return TextSource("", tuple(path)).describe()


UNDEFINED_KEY = "$undefined$"  # Label Studio's data key for a file imported alone (its one object reads it)


def _walk(data: Any, path: tuple) -> Any:
    value: Any = data
    done: list = []
    if path and isinstance(data, Mapping) and path[0] not in data and UNDEFINED_KEY in data:
        value, done, path = data[UNDEFINED_KEY], [path[0]], path[1:]
    for step in path:
        done.append(step)
        if isinstance(step, Repeat):  # pragma: no cover - callers expand the Repeater first
            raise TypeError("expand the Repeater index before reading a text")
        if isinstance(step, int):
            if not isinstance(value, list):
                raise TaskDataError(f"field {_describe(tuple(done[:-1]))!r} is not a list")
            if not 0 <= step < len(value):
                raise TaskDataError(f"field {_describe(tuple(done))!r} is missing")
            value = value[step]
        else:
            if not isinstance(value, Mapping) or step not in value:
                raise TaskDataError(f"data has no field {_describe(tuple(done))!r}")
            value = value[step]
    return value


def read_text(source: TextSource, data: Mapping[str, Any]) -> str:
    """The text at ``source`` in task ``data``; raises :class:`TaskDataError` naming the field when absent.

    >>> read_text(TextSource("o_1", ("outputs", 1, "body")), {"outputs": [{"body": "a"}, {"body": "b"}]})
    'b'
    """
    value = _walk(data, source.path)
    if value is None:
        raise TaskDataError(f"field {source.describe()!r} is empty (null)")
    if not isinstance(value, str):
        raise TaskDataError(f"field {source.describe()!r} is a {type(value).__name__}, not text")
    return value


def parse_value(object_name: str, value: str | None, flags: tuple[str, ...]) -> TextSource | None:
    """``$outputs[{{idx}}].body`` -> TextSource; None when the value is not a plain data reference.

    >>> parse_value("output_{{idx}}", "$outputs[{{idx}}].body", ("{{idx}}",)).path
    ('outputs', Repeat(flag='{{idx}}'), 'body')
    >>> parse_value("t", "Hello $name", ()) is None
    True
    """
    if not value:
        return None
    first = _FIRST.match(value)
    if not first:
        return None
    path: list[str | int | Repeat] = [first.group(1)]
    pos = first.end()
    while pos < len(value):
        step = _STEP.match(value, pos)
        if not step:
            return None
        key, index = step.groups()
        if key is not None:
            path.append(key)
        elif index.strip().isdigit():
            path.append(int(index))
        elif index in flags:
            path.append(Repeat(index))
        else:
            return None
        pos = step.end()
    return TextSource(object_name, tuple(path))


def _index_flags(xml: str) -> tuple[str, ...]:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return (T.REPEATER_INDEX,)
    flags = {el.get("indexFlag") for el in root.iter("Repeater") if el.get("indexFlag")}
    return tuple(sorted(flags | {T.REPEATER_INDEX}))


def _per_output_base(name: str, flags: tuple[str, ...]) -> str | None:
    for base in FILLED_PER_OUTPUT:
        if any(name == T.output_control(base, flag) for flag in flags) or T.output_index(name, base) is not None:
            return base
    return None


_CACHE: ByteLRU[ConfigControls | ConfigError] = ByteLRU(16 * 2**20, weight=2.0)


def configure_cache(max_bytes: int) -> None:
    """Bound the parsed-config cache of this process to about ``max_bytes`` (``CONFIG_CACHE_MB``)."""
    global _CACHE
    _CACHE = ByteLRU(max_bytes, weight=2.0)


def cache_info() -> dict[str, int]:
    """Entries, estimated bytes and hits of the parsed-config cache (for tests and logs)."""
    return {"entries": len(_CACHE), "bytes": _CACHE.size_bytes, "max_bytes": _CACHE.max_bytes,
            "hits": _CACHE.hits, "misses": _CACHE.misses}


def read_config(xml: str) -> ConfigControls:
    """The guideline controls of ``xml`` this backend can fill. Raises :class:`ConfigError` if it does not parse.

    A control is skipped (and logged by name) when it labels no text object, has the wrong tag, or labels
    several objects at once. Results (and parse errors) are cached by the config's text, bounded in bytes.
    """
    if not isinstance(xml, str) or not xml.strip():
        raise ConfigError("label_config is empty")
    found = _CACHE.get_or_build(xml, _parse_or_error)
    if isinstance(found, ConfigError):
        raise ConfigError(str(found))
    return found


def _parse_or_error(xml: str) -> ConfigControls | ConfigError:
    try:
        return _parse(xml)
    except ConfigError as exc:
        return exc


def _parse(xml: str) -> ConfigControls:
    from label_studio_sdk.label_interface import LabelInterface

    try:
        li = LabelInterface(xml)
    except Exception as exc:  # the SDK raises its own exception types for bad XML; its messages quote the config
        from ml_backend.config_errors import describe_parse_error

        why = describe_parse_error(xml) or f"the Label Studio SDK cannot read it ({type(exc).__name__})"
        raise ConfigError(f"label_config does not parse: {why}") from None
    flags = _index_flags(xml)
    objects: dict[str, TextSource] = {}
    for obj in li.objects:
        value_type = (obj.attr or {}).get("valueType", "text")
        if obj.tag not in _TEXT_OBJECTS or value_type not in ("text", "url"):
            continue
        source = parse_value(obj.name, obj.value, flags)
        if source is not None:
            objects[obj.name] = TextSource(source.object_name, source.path, url=value_type == "url")

    controls: dict[str, Control] = {}
    per_output: list[PerOutput] = []
    for control in li.controls:
        base = control.name if control.name in FILLED else _per_output_base(control.name, flags)
        if base is None:
            continue
        wanted = FILLED.get(base) or FILLED_PER_OUTPUT[base]
        to_names = list(control.to_name or [])
        source = objects.get(to_names[0]) if len(to_names) == 1 else None
        if control.tag != wanted or source is None:
            log.info("control %s skipped: needs a %s over one Text object", control.name, wanted)
            continue
        found = Control(control.name, base, control.tag, source, tuple(control.labels or ()))
        if base in FILLED:
            controls[base] = found
        elif (source.flag is None) == all(f not in control.name for f in flags):
            per_output.append(PerOutput(found))
        else:
            log.info("control %s skipped: its name and its object disagree on the Repeater index", control.name)
    pii_objects = [controls[n].source for n in PII_CONTROLS if n in controls]
    for name in PII_CONTROLS:
        if name in controls and controls[name].source != pii_objects[0]:
            log.info("control %s skipped: the PII controls must all label one object", name)
            del controls[name]
    return ConfigControls(controls, tuple(per_output), objects)
