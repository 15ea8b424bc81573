"""Accessors for one exported task and its annotations: prompt, outputs, models, split, annotator, results.

Every key comes from ``label_config.taxonomy``; the few keys other Label Studio templates use are listed here
once. A task as Label Studio exports it::

    >>> task = {"id": 5, "data": {"prompt": "Say hi", "outputs": [{"id": "o0", "title": "A", "body": "Hi"}],
    ...         "models": {"o0": "gpt"}, "split": "train"},
    ...         "annotations": [{"id": 1, "completed_by": 3, "was_cancelled": False, "ground_truth": False,
    ...                          "result": []}]}
    >>> task_prompt(task), [o.id for o in task_outputs(task)], task_split(task), annotator_id(task["annotations"][0])
    ('Say hi', ['o0'], 'train', 3)
"""

from __future__ import annotations

from typing import Any, NamedTuple

from label_config import taxonomy as T

from exporters.errors import BadInput

# Earlier turns of a chat prompt. The importers keep a chat's earlier turns in ``$examples`` (roles ``Query`` /
# ``Response``, shown as a dialogue); tasks from elsewhere may carry ``$messages`` (roles user/assistant/system).
# ``$examples`` of a few-shot demonstration task are NOT history: they are parsed out of the prompt text, which
# already holds them (recognised when every example's text occurs in the prompt).
MESSAGES = "messages"

# Role names seen in chat data, mapped to the three roles chat formats use.
_ROLES = {"user": "user", "human": "user", "prompter": "user", "query": "user", "assistant": "assistant",
          "bot": "assistant", "gpt": "assistant", "model": "assistant", "response": "assistant", "system": "system"}

# Text of a list item when it has no ``body`` (other templates' item shapes).
_TEXT_KEYS = (T.OUTPUT_BODY, "text", "content")


class Output(NamedTuple):
    """One output of a task: its position in ``$outputs``, id, text and model name (when the task has one)."""

    index: int
    id: str
    text: str
    model: str | None = None


_new_output = tuple.__new__  # Output(...) without the named tuple's Python-level __new__ (a million a run)


def task_id(task: dict) -> Any:
    """The Label Studio task id (None when the export has none)."""
    return task.get("id")


def task_data(task: dict) -> dict:
    """The task's ``data`` dict; a bare data dict (an input file, not an export) is returned as is."""
    data = task.get("data")
    return data if isinstance(data, dict) else {}


def task_prompt(task: dict, field: str = T.PROMPT) -> str:
    """The prompt text.

    Raises:
        BadInput: the task has no prompt, or it is not a non-empty string.
    """
    prompt = task_data(task).get(field)
    if not isinstance(prompt, str) or not prompt.strip():
        raise BadInput(f"missing prompt (task data has no non-empty {field!r})", task_id(task), kind="missing prompt")
    return prompt


def task_split(task: dict) -> str | None:
    """The split the importers assigned (``train``/``valid``/``test``), or None."""
    split = task_data(task).get(T.SPLIT)
    return str(split) if split not in (None, "") else None


def task_history(task: dict) -> list[dict[str, str]]:
    """Earlier turns of a chat prompt as ``[{"role": "user"|"assistant"|"system", "content": str}]``.

    Raises:
        BadInput: a turn is not ``{"role", "content"}`` with a known role.

    Example:
        >>> task_history({"data": {"messages": [{"role": "human", "content": "Hi"}, {"role": "bot", "content": "Yo"}]}})
        [{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Yo'}]
        >>> task_history({"data": {"prompt": "And you?", "examples": [{"role": "Query", "content": "Hi"}]}})
        [{'role': 'user', 'content': 'Hi'}]
        >>> task_history({"data": {"prompt": "Tweet: I love it. Sentiment:",
        ...                        "examples": [{"role": "Query", "content": "I love it"}]}})
        []
    """
    data = task_data(task)
    turns = data.get(MESSAGES)
    if not turns:
        turns = data.get(T.EXAMPLES)
        prompt = data.get(T.PROMPT)
        if not turns or (isinstance(prompt, str) and isinstance(turns, list) and all(
                isinstance(t, dict) and str(t.get("content", "")) in prompt for t in turns)):
            return []
    if not isinstance(turns, list):
        raise BadInput("earlier turns are not a list of {role, content} messages", task_id(task), kind="bad history")
    history = []
    for n, turn in enumerate(turns, start=1):
        role = _ROLES.get(str(turn.get("role", "")).lower()) if isinstance(turn, dict) else None
        content = turn.get("content", turn.get("text")) if isinstance(turn, dict) else None
        if role is None or not isinstance(content, str):
            raise BadInput(f"earlier turn #{n} is not a {{role, content}} message with a known role",
                           task_id(task), kind="bad history")
        history.append({"role": role, "content": content})
    return history


def _output_items(task: dict, to_name: str | None = None, source: str | None = None) -> list | None:
    """The list of output items: ``$outputs``, else the list the ranker result points at, else the only one."""
    data = task_data(task)
    for key in (T.OUTPUTS, (source or "").lstrip("$") or None, to_name):
        if key and isinstance(data.get(key), list):
            return data[key]
    lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(i, dict) and T.OUTPUT_ID in i
                                                                             for i in v)]
    return lists[0] if len(lists) == 1 else None


def task_outputs(task: dict, to_name: str | None = None, source: str | None = None) -> list[Output]:
    """The task's outputs in ``$outputs`` order (position = the ``i`` of per-output controls ``likert_i``).

    Args:
        task: an exported task.
        to_name, source: the ranker result's ``to_name`` / ``source``, to find the list in other templates'
            tasks (e.g. ``$items``).

    Raises:
        BadInput: no list of outputs, an item without id or text, or two items with the same id.
    """
    items = _output_items(task, to_name, source)
    tid = task_id(task)
    if not items:
        raise BadInput("no outputs (task data has no list of {id, title, body} items)", tid, kind="no outputs")
    models = task_data(task).get(T.MODELS)
    if not isinstance(models, dict):
        models = {}
    key_id, body = T.OUTPUT_ID, T.OUTPUT_BODY
    try:  # the shape the importers write: string ids and bodies, string or no model names
        outputs = [_new_output(Output, (index, item[key_id], item[body], models.get(item[key_id])))
                   for index, item in enumerate(items)]
        if all(type(o[1]) is str and o[1] and type(o[2]) is str and (o[3] is None or type(o[3]) is str)
               for o in outputs) and len({o[1] for o in outputs}) == len(outputs):
            return outputs
    except (TypeError, KeyError):  # not that shape: the careful loop below says what is wrong
        pass
    outputs, seen = [], set()
    for index, item in enumerate(items):
        raw_id = item.get(key_id) if isinstance(item, dict) else None
        if raw_id is None or raw_id == "":
            raise BadInput(f"output #{index + 1} has no id", tid, kind="bad outputs")
        oid = raw_id if type(raw_id) is str else str(raw_id)
        if oid in seen:
            raise BadInput(f"output #{index + 1} has the id of an earlier output", tid, kind="bad outputs")
        seen.add(oid)
        text = item.get(body)
        if type(text) is not str:
            text = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
            if text is None:
                raise BadInput(f"output #{index + 1} has no text ({body!r})", tid, kind="bad outputs")
        model = models.get(oid)
        outputs.append(_new_output(Output, (index, oid, text, None if model is None else str(model))))
    return outputs


def annotator_id(annotation: dict) -> Any:
    """The annotation's ``completed_by`` user id (an expanded ``{"id", "email"}`` user gives its id)."""
    user = annotation.get("completed_by")
    return user.get("id") if isinstance(user, dict) else user


def is_cancelled(annotation: dict) -> bool:
    """True for a skipped (cancelled) annotation."""
    return bool(annotation.get("was_cancelled"))


def is_ground_truth(annotation: dict) -> bool:
    """True for an annotation marked as ground truth."""
    return bool(annotation.get("ground_truth"))


def task_annotations(task: dict) -> list[dict]:
    """The task's annotations (an empty list when there are none)."""
    annotations = task.get("annotations")
    return annotations if isinstance(annotations, list) else []


def results(annotation: dict) -> list[dict]:
    """The annotation's result regions, only the well-formed dicts."""
    result = annotation.get("result")
    return [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []


def results_by_name(annotation: dict) -> dict[str, dict]:
    """``{from_name: result}`` of one annotation (the last one wins when a name repeats, except labels)."""
    return {r["from_name"]: r for r in results(annotation) if "from_name" in r}


def result_value(result: dict | None) -> dict:
    """A result's ``value`` object (an empty dict when it is missing or not an object)."""
    value = result.get("value") if isinstance(result, dict) else None
    return value if isinstance(value, dict) else {}


def choice_value(result: dict | None) -> list[str] | None:
    """The selected choices of a ``choices`` result, or None."""
    choices = result_value(result).get("choices")
    return [str(c) for c in choices] if isinstance(choices, list) else None


# A rating outside this range is not a rating (and would not fit a 64-bit column as a difference).
RATING_LIMIT = 1e15


def rating_value(result: dict | None) -> int | float | None:
    """The rating of a ``rating`` result, or None (also for a non-finite or absurdly large number).

    >>> rating_value({"value": {"rating": 6}}), rating_value({"value": {"rating": float("inf")}})
    (6, None)
    """
    rating = result_value(result).get("rating")
    if isinstance(rating, bool) or not isinstance(rating, (int, float)):
        return None
    return rating if -RATING_LIMIT <= rating <= RATING_LIMIT else None  # NaN fails both comparisons


def text_value(result: dict | None) -> str | None:
    """The text of a ``textarea`` result (several submissions joined by a newline), or None."""
    text = result_value(result).get("text")
    if isinstance(text, str):
        return text
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        return "\n".join(text)
    return None


def output_index(name: Any, base: str) -> int | None:
    """The ``i`` of a per-output control name ``<base>_<i>`` (ASCII digits only), else None.

    >>> output_index("likert_3", "likert"), output_index("likert_²", "likert"), output_index(5, "likert")
    (3, None, None)
    """
    if type(name) is not str or not name.startswith(base) or name[len(base):len(base) + 1] != "_":
        return None
    tail = name[len(base) + 1:]
    return int(tail) if tail.isascii() and tail.isdigit() else None


def per_output_ratings(annotation: dict, outputs: list[Output], base: str = T.LIKERT) -> dict[str, float]:
    """``{output id: rating}`` from the per-output rating controls ``<base>_<i>`` of one annotation.

    Example:
        >>> outs = [Output(0, "a", "x"), Output(1, "b", "y")]
        >>> per_output_ratings({"result": [{"from_name": "likert_1", "type": "rating", "value": {"rating": 6}}]}, outs)
        {'b': 6}
    """
    ratings: dict[str, float] = {}
    result = annotation.get("result")
    if not isinstance(result, list):
        return ratings
    n, prefix, cut = len(outputs), base + "_", len(base) + 1
    for r in result:  # output_index and rating_value, inlined: this runs for every result of every annotation
        if type(r) is not dict:
            continue
        name = r.get("from_name")
        if type(name) is not str or not name.startswith(prefix):
            continue
        tail = name[cut:]
        if not (tail.isascii() and tail.isdigit()):
            continue
        idx = int(tail)
        if idx < n:
            value = r.get("value")
            rating = value.get("rating") if type(value) is dict else None
            if (type(rating) is int or type(rating) is float) and -RATING_LIMIT <= rating <= RATING_LIMIT:
                ratings[outputs[idx].id] = rating
    return ratings



# Data fields of the two texts a Pairwise tag compares, in the templates seen in the wild (left, right).
PAIRWISE_FIELDS: tuple[tuple[str, str], ...] = (
    ("answer1", "answer2"),  # Label Studio's "Human Preference collection for RLHF"
    ("text1", "text2"),  # label-studio-frontend's Pairwise example
    ("response1", "response2"),
    ("output1", "output2"),
    ("left", "right"),
)


def pairwise_outputs(task: dict, fields: tuple[str, str] | None = None) -> list[Output]:
    """The two outputs a Pairwise result compares, left then right.

    Args:
        task: an exported task.
        fields: the data fields of the left and right texts; default: ``$outputs`` when it has exactly two
            items, else the first pair of :data:`PAIRWISE_FIELDS` the task has.

    Raises:
        BadInput: the task has no such pair of texts.

    Example:
        >>> [(o.id, o.text) for o in pairwise_outputs({"data": {"answer1": "A", "answer2": "B"}})]
        [('answer1', 'A'), ('answer2', 'B')]
    """
    data = task_data(task)
    if fields is None:
        items = data.get(T.OUTPUTS)
        if isinstance(items, list) and len(items) == 2:
            return task_outputs(task)
        fields = next((f for f in PAIRWISE_FIELDS if all(isinstance(data.get(k), str) for k in f)), None)
        if fields is None:
            raise BadInput("pairwise result, but the task has no two texts to compare (answer1/answer2, "
                           "text1/text2 ...; name them with the pairwise fields option)", task_id(task),
                           kind="no outputs")
    models = data.get(T.MODELS) or {}
    outputs = []
    for index, key in enumerate(fields):
        text = data.get(key)
        if not isinstance(text, str):
            raise BadInput(f"pairwise field {key!r} is not a text", task_id(task), kind="no outputs")
        model = models.get(key) if isinstance(models, dict) else None
        outputs.append(Output(index, key, text, str(model) if model is not None else None))
    return outputs
