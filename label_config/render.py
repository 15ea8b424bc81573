"""Render the guideline (``label_config.taxonomy``) into Label Studio XML configs. No file I/O.

Every interface is one function of the taxonomy; control names, questions, choices, help texts and conditions
all come from there. The number of rank buckets is a parameter (``k``); the per-output questions sit in a
``Repeater`` over ``$outputs``, so the number of outputs is read from each task::

    >>> xml = render_config("comparison", k=4)
    >>> '<Bucket name="rank_4"' in xml and '<Bucket name="rank_5"' not in xml
    True
    >>> 'name="likert_{{idx}}"' in xml
    True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from label_config import taxonomy as T

_STYLE = """
.lg-help * { color: #555 !important; font-size: 13px !important; font-weight: normal !important; margin: 0 0 4px 0 !important; }
.lg-question { margin-top: 10px; }
.lg-prompt { padding: 10px; border: 1px solid #ddd; border-radius: 5px; background: #fafafa; white-space: pre-wrap; }
.lg-output { padding: 10px; margin: 10px 0; border: 1px solid #ccc; border-radius: 5px; }
.lg-output-text { padding: 8px; background: #f6f8fa; border-radius: 4px; white-space: pre-wrap; }
.lg-rule { color: #8a4b00; font-weight: bold; }
"""

K_DEFAULT = T.K_MAX
K_LIMITS = (2, 20)


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})


def _header(parent: ET.Element, text: str, size: str = "5", css: str | None = None) -> ET.Element:
    view = _el(parent, "View", className=css) if css else parent
    return _el(view, "Header", value=text, size=size)


def _help(parent: ET.Element, text: str) -> None:
    if text:
        _header(parent, text, size="6", css="lg-help")


def _guideline_panel(root: ET.Element, extra: Iterable[tuple[str, str]] = ()) -> None:
    """The three criteria, their trade-offs and the borderline rule, folded under one panel."""
    collapse = _el(root, "Collapse", bordered="true")
    panel = _el(collapse, "Panel", value="The guideline: helpful, truthful, harmless (click to read)")
    view = _el(panel, "View")
    for title, text in (*T.CRITERIA, *extra):
        _header(view, title, size="5")
        _help(view, text)


def _control(parent: ET.Element, item: T.Item, to_name: str, name: str | None = None) -> None:
    """One control tag for ``item``, attached to object ``to_name``."""
    name = name or item.name
    required = "true" if item.required else None
    kind = item.kind
    if kind in (T.Kind.CHOICE, T.Kind.MULTI, T.Kind.DROPDOWN):
        attrs = {
            T.Kind.CHOICE: {"choice": "single-radio", "showInline": "true"},
            T.Kind.MULTI: {"choice": "multiple", "showInline": "true"},
            T.Kind.DROPDOWN: {"choice": "single", "layout": "select"},
        }[kind]
        choices = _el(parent, "Choices", name=name, toName=to_name, required=required, **attrs)
        for value in item.choices:
            _el(choices, "Choice", value=value, hint=item.choice_help.get(value))
    elif kind is T.Kind.RATING:
        _el(parent, "Rating", name=name, toName=to_name, maxRating=str(T.LIKERT_MAX), required=required)
    elif kind is T.Kind.SPANS:
        labels = _el(parent, "Labels", name=name, toName=to_name)
        for value in item.choices:
            _el(labels, "Label", value=value, hint=item.choice_help.get(value), background=_LABEL_COLOURS[value])
    elif kind is T.Kind.TEXT:
        _el(parent, "TextArea", name=name, toName=to_name, rows="5", maxSubmissions="1", editable="true",
            required=required, placeholder=item.question)
    else:  # pragma: no cover - rankings are rendered by _ranking
        raise ValueError(f"item {item.name!r}: kind {kind} is not a single control")


_LABEL_COLOURS = {"Name": "#e6194b", "Location": "#3cb44b", "Date": "#4363d8", "Contact": "#f58231",
                  "Identifier": "#911eb4"}


def _question(parent: ET.Element, item: T.Item, to_name: str, name: str | None = None) -> None:
    """Question text, its help, and its control; wrapped in a conditional View when the item has one."""
    holder = parent
    if item.show_when is not None:
        holder = _el(parent, "View", visibleWhen="choice-selected", whenTagName=item.show_when.name,
                     whenChoiceValue=item.show_when.value)
    view = _el(holder, "View", className="lg-question")
    _header(view, item.question, size="5")
    _help(view, item.help)
    _control(view, item, to_name, name)


def _questions(parent: ET.Element, items: Iterable[T.Item], to_name: str) -> None:
    """Questions in order; consecutive items with the same condition share one conditional View."""
    for item in items:
        _question(parent, item, to_name)


def _prompt(root: ET.Element, title: str = "Prompt") -> None:
    _header(root, title, size="4")
    view = _el(root, "View", className="lg-prompt")
    _el(view, "Text", name=T.PROMPT, value=f"${T.PROMPT}")


def _ranking(root: ET.Element, k: int) -> None:
    item = T.RANKING_ITEM
    _header(root, item.question, size="4")
    _help(root, item.help)
    _el(root, "List", name=T.OUTPUTS, value=f"${T.OUTPUTS}", title="Outputs")
    ranker = _el(root, "Ranker", name=T.RANKING, toName=T.OUTPUTS)
    for rank in range(1, k + 1):
        suffix = " (best)" if rank == 1 else " (worst)" if rank == k else ""
        _el(ranker, "Bucket", name=T.bucket_name(rank), title=f"Rank {rank}{suffix}")


def _per_output(root: ET.Element, items: Iterable[T.Item]) -> None:
    """A Repeater over ``$outputs``: each output's text, then its questions named ``<base>_{{idx}}``."""
    idx = T.REPEATER_INDEX
    repeater = _el(root, "Repeater", on=f"${T.OUTPUTS}", indexFlag=idx)
    block = _el(repeater, "View", className="lg-output")
    _el(block, "Header", value=f"${T.OUTPUTS}[{idx}].{T.OUTPUT_TITLE}", size="4")
    text_name = f"{T.OUTPUT_TEXT}_{idx}"
    _el(_el(block, "View", className="lg-output-text"), "Text", name=text_name,
        value=f"${T.OUTPUTS}[{idx}].{T.OUTPUT_BODY}")
    for item in items:
        _question(block, item, text_name, name=T.output_control(item.name, idx))


def _root(iface: T.Interface) -> ET.Element:
    root = ET.Element("View")
    style = _el(root, "Style")
    style.text = _STYLE
    _header(root, f"{iface.title}: {iface.description}", size="3")
    return root


def _instruction(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _prompt(root)
    _questions(root, iface.items, T.PROMPT)
    return root


def _comparison(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    _questions(root, [it for it in iface.items if not it.per_output], T.PROMPT)
    _per_output(root, [it for it in iface.items if it.per_output])
    _ranking(root, k)
    return root


def _ranking_only(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    _ranking(root, k)
    return root


def _toxicity(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Toxicity", "Toxic = rude, disrespectful or unreasonable."),
                            ("Rule", T.TOXICITY_RULE)])
    _prompt(root, "Sentence start (input)")
    _header(root, "Continuation (model output)", size="4")
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.CONTINUATION, value=f"${T.CONTINUATION}")
    _header(root, T.TOXICITY_RULE, size="5", css="lg-rule")
    by_name = {it.name: it for it in iface.items}
    _question(root, by_name[T.TOXICITY_INPUT], T.PROMPT)
    for name in (T.TOXICITY_OUTPUT, T.RELATIVE_TOXICITY_NAME, T.CONTINUITY):
        _question(root, by_name[name], T.CONTINUATION)
    return root


def _demonstration(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _prompt(root)
    _header(root, "Few-shot examples in this prompt (query / response), if any", size="5")
    _el(root, "Paragraphs", name=T.EXAMPLES, value=f"${T.EXAMPLES}", layout="dialogue", nameKey="role",
        textKey="content")
    _questions(root, iface.items, T.PROMPT)
    return root


def _prompt_writing(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _header(root, "Use case (for user-based prompts)", size="4")
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.USE_CASE, value=f"${T.USE_CASE}")
    _questions(root, iface.items, T.USE_CASE)
    return root


def _screening(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    flags = [it for it in iface.items if it.per_output]
    _per_output(root, flags)
    _ranking(root, k)
    _questions(root, [it for it in iface.items if not it.per_output], T.PROMPT)
    return root


def _survey(iface: T.Interface, k: int) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.SURVEY_OBJECT, value=f"${T.SURVEY_OBJECT}")
    _questions(root, iface.items, T.SURVEY_OBJECT)
    return root


_BUILDERS = {
    T.INSTRUCTION: _instruction,
    T.COMPARISON: _comparison,
    T.RANKING_ONLY: _ranking_only,
    T.TOXICITY: _toxicity,
    T.DEMONSTRATION_IF: _demonstration,
    T.PROMPT_WRITING: _prompt_writing,
    T.SCREENING: _screening,
    T.SURVEY: _survey,
}


def render_config(name: str, k: int = K_DEFAULT) -> str:
    """The Label Studio XML of interface ``name`` with ``k`` rank buckets (ignored without a ranking).

    Raises KeyError for an unknown interface and ValueError for ``k`` outside ``K_LIMITS``.
    """
    iface = T.interface(name)
    if not K_LIMITS[0] <= k <= K_LIMITS[1]:
        raise ValueError(f"k must be between {K_LIMITS[0]} and {K_LIMITS[1]}, got {k}")
    root = _BUILDERS[iface.name](iface, k)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def interface_names() -> list[str]:
    """Every interface the guideline defines, in a stable order."""
    return list(T.INTERFACES)
