"""Which guideline controls a label_config has (ml_backend.config_reader), on the project's own configs and on
hand-edited ones."""

from __future__ import annotations

import pytest

from label_config import taxonomy as T
from label_config.render import interface_names, render_config
from ml_backend.config_reader import (
    FILLED,
    ConfigError,
    Repeat,
    TaskDataError,
    TextSource,
    parse_value,
    read_config,
    read_text,
)


def test_instruction_config_has_the_pii_controls_over_the_prompt():
    found = read_config(render_config(T.INSTRUCTION))
    assert set(found.controls) == {T.PII, T.PII_CERTAIN, T.PII_PUBLIC_ONLY, T.PII_SPANS}
    assert found.per_output == ()
    assert found.get(T.PII_SPANS).tag == "Labels"
    assert found.get(T.PII_SPANS).values == T.PII_LABELS
    assert found.get(T.PII).values == T.YES_NO
    assert found.pii_source == TextSource(T.PROMPT, (T.PROMPT,))


def test_toxicity_config_has_the_three_toxicity_controls():
    found = read_config(render_config(T.TOXICITY))
    assert set(found.controls) == {T.TOXICITY_INPUT, T.TOXICITY_OUTPUT, T.RELATIVE_TOXICITY_NAME}
    assert found.toxicity_input_source.object_name == T.PROMPT
    assert found.toxicity_output_source.object_name == T.CONTINUATION
    assert found.get(T.TOXICITY_INPUT).values == T.TOXICITY_LEVELS
    assert found.get(T.RELATIVE_TOXICITY_NAME).values == T.RELATIVE_TOXICITY


def test_comparison_config_has_one_repeated_flag_that_expands_per_output():
    found = read_config(render_config(T.COMPARISON, k=4))
    prompt_items = {it.name for it in T.interface(T.COMPARISON).items if not it.per_output}
    assert set(found.controls) == prompt_items & set(FILLED)
    (per,) = found.per_output
    flagged = T.output_control(T.INAPPROPRIATE, T.REPEATER_INDEX)
    assert per.control.name == flagged
    assert per.control.to_name == T.output_control(T.OUTPUT_TEXT, T.REPEATER_INDEX)
    data = {T.PROMPT: "p", T.OUTPUTS: [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_BODY: f"body {i}"} for i in range(3)]}
    expanded = list(per.expand(data))
    assert [(c.name, c.to_name, text) for c, text in expanded] == [
        (T.output_control(T.INAPPROPRIATE, i), T.output_control(T.OUTPUT_TEXT, i), f"body {i}") for i in range(3)
    ]
    assert found.prompt_source.object_name == T.PROMPT


@pytest.mark.parametrize("name", [n for n in interface_names() if n not in (T.INSTRUCTION, T.TOXICITY, T.COMPARISON)])
def test_other_interfaces_have_nothing_to_fill(name):
    assert read_config(render_config(name)).empty


def test_a_renamed_data_field_is_followed_through_the_object_value():
    xml = ('<View><Text name="prompt" value="$question"/>'
           '<Choices name="pii" toName="prompt"><Choice value="Yes"/><Choice value="No"/></Choices></View>')
    found = read_config(xml)
    assert found.text_of(found.pii_source, {"question": "Hi"}) == "Hi"
    with pytest.raises(TaskDataError, match="no field 'question'"):
        found.text_of(found.pii_source, {"prompt": "Hi"})


def test_controls_the_backend_cannot_fill_honestly_are_skipped():
    xml = ('<View><Text name="prompt" value="$prompt" valueType="html"/>'
           '<Choices name="pii" toName="prompt"><Choice value="Yes"/><Choice value="No"/></Choices>'
           '<Text name="other" value="$other"/>'
           '<TextArea name="pii_spans" toName="other"/>'
           '<Choices name="sexual_0" toName="other"><Choice value="Yes"/></Choices></View>')
    found = read_config(xml)
    assert found.empty  # an unknown valueType, a TextArea named like the spans control, an unsupported flag


def test_a_url_valued_text_is_a_source_to_fetch():
    xml = ('<View><Text name="prompt" value="$prompt" valueType="url"/>'
           '<Choices name="pii" toName="prompt"><Choice value="Yes"/><Choice value="No"/></Choices></View>')
    found = read_config(xml)
    assert found.has(T.PII) and found.url_sources == [TextSource(T.PROMPT, (T.PROMPT,), url=True)]
    assert read_config(render_config(T.INSTRUCTION)).url_sources == []


def test_the_config_cache_is_bounded_in_bytes():
    """Issue 10: 25 distinct 18 MB configs grew a worker by 465 MB through an entry-count cache."""
    from ml_backend import config_reader

    config_reader.configure_cache(4 * 2**20)
    try:
        base = render_config(T.INSTRUCTION)
        for i in range(12):  # 12 distinct configs of ~0.5 MB each: 6 MB of text for a 4 MB cache
            read_config(base.replace("</View>", f"<!-- {i} {'x' * 500_000} --></View>", 1))
        info = config_reader.cache_info()
        assert info["bytes"] <= 4 * 2**20 and info["entries"] < 12
        huge = base.replace("</View>", f"<!-- {'y' * 3_000_000} --></View>", 1)  # over a quarter: not kept
        before = config_reader.cache_info()["entries"]
        assert read_config(huge).has(T.PII) and config_reader.cache_info()["entries"] <= before
    finally:
        config_reader.configure_cache(16 * 2**20)


def test_pii_controls_must_share_one_object():
    xml = ('<View><Text name="prompt" value="$prompt"/><Text name="b" value="$b"/>'
           '<Labels name="pii_spans" toName="prompt"><Label value="Name"/></Labels>'
           '<Choices name="pii" toName="b"><Choice value="Yes"/><Choice value="No"/></Choices></View>')
    found = read_config(xml)
    assert set(found.controls) == {T.PII_SPANS}


def test_a_fixed_index_output_control_outside_a_repeater():
    xml = ('<View><Text name="prompt" value="$prompt"/><Text name="output_1" value="$outputs[1].body"/>'
           '<Choices name="inappropriate_1" toName="output_1"><Choice value="Yes"/><Choice value="No"/></Choices>'
           '</View>')
    (per,) = read_config(xml).per_output
    data = {"outputs": [{"body": "a"}, {"body": "b"}]}
    assert [(c.name, text) for c, text in per.expand(data)] == [("inappropriate_1", "b")]
    with pytest.raises(TaskDataError, match=r"outputs\[1\]"):
        list(per.expand({"outputs": [{"body": "a"}]}))


@pytest.mark.parametrize("xml", ["", "   ", "not xml", "<View><Choices", "<View><Text name='a' value='$a'></View>"])
def test_a_config_that_does_not_parse_is_a_config_error(xml):
    with pytest.raises(ConfigError):
        read_config(xml)


def test_parse_value_paths():
    flags = (T.REPEATER_INDEX,)
    assert parse_value("t", "$prompt", flags).path == ("prompt",)
    assert parse_value("t", "$a.b.c", flags).path == ("a", "b", "c")
    assert parse_value("t", "$outputs[2].body", flags).path == ("outputs", 2, "body")
    assert parse_value("t", "$outputs[{{idx}}].body", flags).path == ("outputs", Repeat("{{idx}}"), "body")
    for bad in (None, "", "prompt", "Hello $name", "$outputs[{{other}}].body", "$a b"):
        assert parse_value("t", bad, flags) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "data has no field 'outputs'"),
        ({"outputs": "x"}, "field 'outputs' is not a list"),
        ({"outputs": [{"body": 3}]}, r"field 'outputs\[0\].body' is a int, not text"),
        ({"outputs": [{"body": None}]}, r"field 'outputs\[0\].body' is empty"),
        ({"outputs": [{}]}, r"data has no field 'outputs\[0\].body'"),
        ({"outputs": ["just a string"]}, r"data has no field 'outputs\[0\].body'"),
    ],
)
def test_task_data_errors_name_the_field(data, message):
    with pytest.raises(TaskDataError, match=message):
        read_text(TextSource("output_0", ("outputs", 0, "body")), data)


def test_expanding_outputs_that_are_not_a_list_names_the_field():
    (per,) = read_config(render_config(T.COMPARISON, k=4)).per_output
    with pytest.raises(TaskDataError, match="'outputs' is not a list"):
        list(per.expand({"outputs": {"body": "x"}}))
