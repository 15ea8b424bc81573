"""Render the guideline (``label_config.taxonomy``) into Label Studio XML configs. No file I/O.

Every interface is one function of the taxonomy; control names, questions, choices, help texts, required
messages, hotkeys and conditions all come from there. Outputs sit in a ``Repeater`` over ``$outputs``, one
compact block each: the text on the left, its rating, rank and flags on the right. The rank is a required
choice per output whose options are the task's ``$rank_options`` (1..K), so the positions follow each task's
K and no output can be left unranked::

    >>> xml = render_config("comparison")
    >>> 'name="output_rank_{{idx}}"' in xml and 'value="$rank_options"' in xml and "<Ranker" not in xml
    True
    >>> 'name="likert_{{idx}}"' in xml
    True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from label_config import taxonomy as T
from label_config.style import STYLE

K_DEFAULT = T.K_MAX
K_LIMITS = (2, 20)


def _el(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})


def _header(parent: ET.Element, text: str, size: str = "5", css: str | None = None) -> ET.Element:
    view = _el(parent, "View", className=css) if css else parent
    return _el(view, "Header", value=text, size=size)


def _help(parent: ET.Element, text: str) -> None:
    if text:
        _header(parent, text, size="6", css="lg-help")


def _panel(root: ET.Element, title: str, entries: Iterable[tuple[str, str]]) -> None:
    """A collapsed panel of ``(title, text)`` entries."""
    collapse = _el(root, "Collapse", bordered="true")
    view = _el(_el(collapse, "Panel", value=title), "View")
    for heading, text in entries:
        _header(view, heading, size="5")
        _help(view, text)


def _guideline_panel(root: ET.Element, extra: Iterable[tuple[str, str]] = ()) -> None:
    """The three criteria, their trade-offs and the borderline rule, folded under one panel."""
    _panel(root, "The guideline: helpful, truthful, harmless (click to read)", (*T.CRITERIA, *extra))


def _required(item: T.Item) -> dict[str, str | None]:
    if not item.required:
        return {}
    return {"required": "true", "requiredMessage": item.required_message or f"Answer: {item.question}"}


def _control(parent: ET.Element, item: T.Item, to_name: str, name: str | None = None) -> None:
    """One control tag for ``item``, attached to object ``to_name``; hotkeys only where the taxonomy sets one."""
    name = name or item.name
    kind = item.kind
    if kind in (T.Kind.CHOICE, T.Kind.MULTI, T.Kind.DROPDOWN):
        attrs = {
            T.Kind.CHOICE: {"choice": "single-radio", "showInline": "true"},
            T.Kind.MULTI: {"choice": "multiple", "showInline": "true"},
            T.Kind.DROPDOWN: {"choice": "single", "layout": "select"},
        }[kind]
        choices = _el(parent, "Choices", name=name, toName=to_name, **_required(item), **attrs)
        for value in item.choices:
            _el(choices, "Choice", value=value, hint=item.choice_help.get(value),
                hotkey=item.hotkeys.get(value, T.NO_HOTKEY))
    elif kind is T.Kind.RANK:
        _el(parent, "Choices", name=name, toName=to_name, value=f"${T.RANK_OPTIONS}", choice="single-radio",
            showInline="true", **_required(item))
    elif kind is T.Kind.RATING:
        _el(parent, "Rating", name=name, toName=to_name, maxRating=str(T.LIKERT_MAX), hotkey=T.NO_HOTKEY,
            **_required(item))
    elif kind is T.Kind.SPANS:
        labels = _el(parent, "Labels", name=name, toName=to_name)
        for value in item.choices:
            _el(labels, "Label", value=value, hint=item.choice_help.get(value), background=_LABEL_COLOURS[value],
                hotkey=item.hotkeys.get(value, T.NO_HOTKEY))
    elif kind is T.Kind.TEXT:
        _el(parent, "TextArea", name=name, toName=to_name, rows="5", maxSubmissions="1", editable="true",
            placeholder=item.question, **_required(item))
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(f"item {item.name!r}: kind {kind} is not a single control")


_LABEL_COLOURS = {"Name": "#e6194b", "Location": "#3cb44b", "Date": "#4363d8", "Contact": "#f58231",
                  "Identifier": "#911eb4"}


def _question_class(item: T.Item) -> str:
    """``lg-question lg-q-<name>``; ``lg-keys`` shows Label Studio's hotkey hints, hidden everywhere else (hotkeys
    off)."""
    css = f"lg-question lg-q-{item.name}"
    return f"{css} lg-keys" if item.hotkeys else css


def _question(parent: ET.Element, item: T.Item, to_name: str, name: str | None = None) -> None:
    """Question text, its help, and its control, in one View; that View carries the item's condition.

    The condition sits on the control's own parent View: Label Studio 1.23 skips a hidden control's ``required``
    only when that View (not an outer one) is hidden, so a required sub-question is asked only when shown."""
    when = {}
    if item.show_when is not None:
        when = {"visibleWhen": "choice-selected", "whenTagName": item.show_when.name,
                "whenChoiceValue": item.show_when.value}
    view = _el(parent, "View", className=_question_class(item), **when)
    _header(view, item.question, size="5")
    _help(view, item.help)
    _control(view, item, to_name, name)


def _questions(parent: ET.Element, items: Iterable[T.Item], to_name: str) -> None:
    items = list(items)
    names = {it.name for it in items}
    for item in items:
        _question(parent, item, to_name)
        if item.name == T.PII and T.PII_SPANS in names:
            # hidden by CSS unless PII = No while a PII highlight is left in the prompt (label_config.style)
            _header(parent, T.PII_SPANS_LEFT_WARNING, size="5", css="lg-pii-spans-left")


def _prompt(root: ET.Element, title: str = "Prompt") -> None:
    _header(root, title, size="4")
    view = _el(root, "View", className="lg-prompt")
    _el(view, "Text", name=T.PROMPT, value=f"${T.PROMPT}")


# Per-output blocks: which CSS class marks a control still unanswered (see label_config.style).
_TODO_CLASS = {T.Kind.RATING: "lg-todo-rating", T.Kind.RANK: "lg-todo-rank"}


def _compact(parent: ET.Element, item: T.Item, to_name: str, name: str) -> None:
    """One per-output item as a single line: its short label, then its control."""
    css = "lg-line"
    if item.required and item.kind in _TODO_CLASS:
        css += f" {_TODO_CLASS[item.kind]}"
    line = _el(parent, "View", className=css)
    _header(_el(line, "View", className="lg-label"), item.label, size="6")
    _control(line, item, to_name, name)


def _per_output(root: ET.Element, items: list[T.Item], ranked: bool) -> None:
    """A Repeater over ``$outputs``: each output's title and text, and beside it its questions (``<base>_{{idx}}``)
    and, with ``ranked``, its required rank."""
    idx = T.REPEATER_INDEX
    help_entries = [(it.label, it.help) for it in items if it.help]
    if ranked:
        help_entries.insert(0, (T.RANK_ITEM.label, T.TIE_RULE))
    if help_entries:
        _panel(root, "What each output question means (click to read)", help_entries)
    repeater = _el(root, "Repeater", on=f"${T.OUTPUTS}", indexFlag=idx)
    block = _el(repeater, "View", className="lg-output")
    text_name = f"{T.OUTPUT_TEXT}_{idx}"
    left = _el(block, "View", className="lg-output-text")
    _el(left, "Header", value=f"${T.OUTPUTS}[{idx}].{T.OUTPUT_TITLE}", size="5")
    _el(left, "Text", name=text_name, value=f"${T.OUTPUTS}[{idx}].{T.OUTPUT_BODY}")
    right = _el(block, "View", className="lg-output-answers")
    main = [it for it in items if it.kind is T.Kind.RATING]
    flags = [it for it in items if it.kind is not T.Kind.RATING]
    for item in main:
        _compact(right, item, text_name, T.output_control(item.name, idx))
    if ranked:
        _compact(right, T.RANK_ITEM, text_name, T.output_control(T.OUTPUT_RANK, idx))
    if flags:
        grid = _el(right, "View", className="lg-flags")
        for item in flags:
            _compact(grid, item, text_name, T.output_control(item.name, idx))


def _root(iface: T.Interface) -> ET.Element:
    root = ET.Element("View", className="lg-root")
    style = _el(root, "Style")
    style.text = STYLE
    _header(root, f"{iface.title}: {iface.description}", size="4")
    return root


def _instruction(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _prompt(root)
    _questions(root, iface.items, T.PROMPT)
    return root


def _comparison(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    _questions(root, [it for it in iface.items if not it.per_output], T.PROMPT)
    _header(root, "Outputs: rate, rank and flag each one", size="4")
    _per_output(root, [it for it in iface.items if it.per_output], ranked=True)
    return root


def _ranking_only(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    _header(root, "Outputs: give each one a rank", size="4")
    _per_output(root, [], ranked=True)
    return root


def _toxicity(iface: T.Interface) -> ET.Element:
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


def _examples(root: ET.Element) -> None:
    """The prompt's few-shot pairs as a two-column dialogue (role, text); nothing at all when ``$examples`` is [].

    A Repeater, not a ``Paragraphs`` object: Label Studio 1.23's Paragraphs crashes the screen on an empty list
    and shows author filters and 00:00:00 timestamps."""
    ex = T.EXAMPLE_INDEX
    holder = _el(root, "View", className="lg-examples")
    repeater = _el(holder, "Repeater", on=f"${T.EXAMPLES}", indexFlag=ex)
    turn = _el(repeater, "View", className="lg-turn")
    _el(_el(turn, "View", className="lg-role"), "Header", value=f"${T.EXAMPLES}[{ex}].role", size="6")
    _el(turn, "Text", name=f"{T.EXAMPLE_TEXT}_{ex}", value=f"${T.EXAMPLES}[{ex}].content")


def _demonstration(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _prompt(root)
    _examples(root)
    _questions(root, iface.items, T.PROMPT)
    return root


def _prompt_writing(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _header(root, "Use case (for user-based prompts)", size="4")
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.USE_CASE, value=f"${T.USE_CASE}")
    _questions(root, iface.items, T.USE_CASE)
    return root


def _screening(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root, [("Ranking", T.TIE_RULE)])
    _prompt(root)
    _header(root, "Outputs: flag sensitive speech and rank each one", size="4")
    _per_output(root, [it for it in iface.items if it.per_output], ranked=True)
    _questions(root, [it for it in iface.items if not it.per_output], T.PROMPT)
    return root


def _survey(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.SURVEY_OBJECT, value=f"${T.SURVEY_OBJECT}")
    _questions(root, iface.items, T.SURVEY_OBJECT)
    return root


def _screening_review(iface: T.Interface) -> ET.Element:
    root = _root(iface)
    _guideline_panel(root)
    _prompt(root, "Screening prompt (sensitive)")
    _header(root, "The labeler's demonstration", size="4")
    _el(_el(root, "View", className="lg-prompt"), "Text", name=T.REVIEWED_TEXT, value=f"${T.REVIEWED_TEXT}")
    _questions(root, iface.items, T.REVIEWED_TEXT)
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
    T.SCREENING_REVIEW: _screening_review,
}


def render_config(name: str, k: int = K_DEFAULT) -> str:
    """The Label Studio XML of interface ``name``.

    ``k`` is accepted for callers of the earlier, bucket-based configs and only checked against ``K_LIMITS``:
    the rank options now come from each task's ``$rank_options``, so one config fits every K.

    Raises KeyError for an unknown interface and ValueError for ``k`` outside ``K_LIMITS``.
    """
    iface = T.interface(name)
    if not K_LIMITS[0] <= k <= K_LIMITS[1]:
        raise ValueError(f"k must be between {K_LIMITS[0]} and {K_LIMITS[1]}, got {k}")
    root = _BUILDERS[iface.name](iface)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def interface_names() -> list[str]:
    """Every interface the guideline defines, in a stable order."""
    return list(T.INTERFACES)
