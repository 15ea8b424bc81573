"""The guideline's configs: generated from the taxonomy, valid offline, committed, and named as promised."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from label_config import taxonomy as T
from label_config.expand import expand_repeaters
from label_config.render import interface_names, render_config
from label_config.templates import load_template, stale_templates
from label_config.validate import validate_config
from labelguide.cli import main

ALL = interface_names()


def test_every_interface_of_the_issue_exists():
    assert ALL == ["instruction", "comparison", "ranking", "toxicity", "demonstration", "prompt_writing",
                   "screening", "survey", "screening_review"]


@pytest.mark.parametrize("name", ALL)
def test_config_validates_offline(name):
    assert validate_config(render_config(name)) == []
    assert validate_config(render_config(name, k=4)) == []


def test_committed_templates_match_the_generator():
    stale = stale_templates()
    assert stale == [], f"rebuild with `python -m label_config.templates`: {stale}"


@pytest.mark.parametrize("name", ALL)
def test_committed_template_is_the_default_render(name):
    assert load_template(name) == render_config(name)


def _controls(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {el.get("name"): el for el in root.iter() if el.get("toName") is not None}


def test_names_other_tools_rely_on():
    """The names of issue 2 section 4, kept exactly."""
    instruction = _controls(render_config("instruction"))
    assert set(instruction) == {
        "pii", "pii_public_only", "pii_sensitive_context", "pii_certain", "pii_spans", "category",
        "closed_domain", "intent_unclear", "explicit_constraints", "asks_sexual", "asks_violent",
        "asks_encourage_violence", "asks_denigrate_protected", "seeks_advice", "asks_opinion",
        "asks_moral_judgment"}
    for name, el in instruction.items():
        assert el.get("toName") == "prompt"
        if el.tag == "Choices" and name != "category":
            assert [c.get("value") for c in el] == ["Yes", "No"], name
    assert [c.get("value") for c in instruction["category"]] == [
        "Brainstorming", "Classification", "Extract", "Generation", "Rewrite", "Chat", "Closed QA", "Open QA",
        "Summarization", "Other"]
    assert instruction["category"].get("layout") == "select"
    assert [c.get("value") for c in instruction["pii_spans"]] == ["Name", "Location", "Date", "Contact", "Identifier"]

    toxicity = _controls(render_config("toxicity"))
    assert [c.get("value") for c in toxicity["toxicity_input"]] == ["0", "1", "2"]
    assert [c.get("value") for c in toxicity["toxicity_output"]] == ["0", "1", "2"]
    assert [c.get("value") for c in toxicity["relative_toxicity"]] == ["-1", "0", "1"]
    assert toxicity["continuity"].tag == "Rating" and toxicity["continuity"].get("maxRating") == "7"
    assert toxicity["toxicity_input"].get("toName") == "prompt"
    assert toxicity["toxicity_output"].get("toName") == "continuation"

    root = ET.fromstring(render_config("comparison"))
    objects = {el.get("name"): el for el in root.iter() if el.tag in ("Text", "List")}
    assert objects["prompt"].get("value") == "$prompt"
    assert objects["output_{{idx}}"].get("value") == "$outputs[{{idx}}].body"
    assert not list(root.iter("Ranker")) and not list(root.iter("List"))
    rank = _controls(render_config("comparison"))["output_rank_{{idx}}"]
    assert (rank.tag, rank.get("toName"), rank.get("value"), rank.get("required")) == (
        "Choices", "output_{{idx}}", "$rank_options", "true")
    assert rank.get("choice") == "single-radio" and not list(rank)  # options come from the task
    repeater = next(root.iter("Repeater"))
    assert repeater.get("on") == "$outputs" and repeater.get("indexFlag") == "{{idx}}"
    per_output = {el.get("name") for el in repeater.iter() if el.get("toName")}
    assert "likert_{{idx}}" in per_output and all(n.endswith("_{{idx}}") for n in per_output)


def test_comparison_has_every_output_item_of_the_guideline():
    xml = expand_repeaters(render_config("comparison"), {"outputs": [{}, {}]})
    controls = _controls(xml)
    for item in T.OUTPUT_ITEMS:
        for idx in (0, 1):
            el = controls[f"{item.name}_{idx}"]
            assert el.get("toName") == f"output_{idx}"
    assert [c.get("value") for c in controls["inappropriate_0"]] == ["Yes", "No", "N/A"]
    # the prompt's PII block sits above the outputs, as in InstructGPT's own interface
    for name in ("pii", "pii_public_only", "pii_sensitive_context", "pii_certain", "pii_spans"):
        assert controls[name].get("toName") == "prompt"
    assert controls["likert_1"].tag == "Rating" and controls["likert_1"].get("maxRating") == "7"


def test_pii_subflags_are_conditional_on_pii_yes():
    root = ET.fromstring(render_config("instruction"))
    conditional = {}
    for view in root.iter("View"):
        if view.get("visibleWhen"):
            for el in view.iter():
                if el.get("toName"):
                    conditional[el.get("name")] = (view.get("whenTagName"), view.get("whenChoiceValue"))
    assert conditional == {n: ("pii", "Yes") for n in ("pii_public_only", "pii_sensitive_context", "pii_certain")}


@pytest.mark.parametrize("name", ALL)
def test_every_interface_shows_the_criteria_and_borderline_rule(name):
    xml = render_config(name)
    for title, text in T.CRITERIA:
        assert f'value="{title}"' in xml
    assert "customer assistant" in xml


@pytest.mark.parametrize("name", ALL)
def test_conditions_refer_to_a_choice_of_the_same_interface(name):
    iface = T.interface(name)
    names = {it.name: it for it in iface.items}
    for item in iface.items:
        if item.show_when:
            assert item.show_when.value in names[item.show_when.name].choices


@pytest.mark.parametrize("name", ["comparison", "ranking", "screening"])
@pytest.mark.parametrize("k", [2, 4, 9])
def test_rank_positions_follow_each_tasks_k(name, k):
    """One config for every K: the task's rank_options give each output the ranks 1..K, nothing more."""
    xml = render_config(name)
    assert xml == render_config(name, k=4) and "<Bucket" not in xml
    data = {"outputs": [{"id": f"o{i}", "title": f"Output {i}", "body": "x"} for i in range(k)],
            "rank_options": T.rank_options(k), "prompt": "p"}
    controls = _controls(expand_repeaters(xml, data))
    for i in range(k):
        assert [c.get("value") for c in controls[f"output_rank_{i}"]] == [str(r) for r in range(1, k + 1)]
    assert f"output_rank_{k}" not in controls
    assert name in ("ranking", "screening") or set(T.interface(name).data_fields) >= {"prompt", "outputs",
                                                                                         "rank_options"}


def test_k_bounds():
    with pytest.raises(ValueError):
        render_config("ranking", k=1)
    with pytest.raises(KeyError, match="known"):
        render_config("nope")


def test_demonstration_shows_few_shot_pairs_without_paragraphs():
    """Paragraphs over an empty list crashes Label Studio 1.23's screen: the pairs are a Repeater of Texts."""
    xml = render_config("demonstration")
    assert "<Paragraphs" not in xml
    repeater = next(ET.fromstring(xml).iter("Repeater"))
    assert repeater.get("on") == "$examples"
    data = {"prompt": "p", "examples": [{"role": "Query", "content": "a"}, {"role": "Response", "content": "b"}]}
    texts = {el.get("name"): el.get("value") for el in ET.fromstring(expand_repeaters(xml, data)).iter("Text")}
    assert texts == {"prompt": "$prompt", "example_0": "$examples[0].content", "example_1": "$examples[1].content"}
    assert "example_0" not in expand_repeaters(xml, {"prompt": "p", "examples": []})


def _keyed(xml: str) -> list[ET.Element]:
    return [el for el in ET.fromstring(xml).iter() if el.tag in ("Choice", "Label", "Rating")]


@pytest.mark.parametrize("name", ALL)
def test_hotkeys_are_explicit_and_never_clash(name):
    """Label Studio gives every choice without a hotkey the next free key in page order: every choice, label and
    rating here names its key (one space = none), and no key serves two answers."""
    xml = render_config(name)
    keys = [el.get("hotkey") for el in _keyed(xml)]
    assert all(k is not None for k in keys)
    used = [k for k in keys if k != T.NO_HOTKEY]
    assert len(used) == len(set(used)), used
    repeated = [el for el in ET.fromstring(xml).iter("Repeater")]
    for rep_el in repeated:  # a key inside a Repeater would repeat on every output
        assert all(el.get("hotkey") == T.NO_HOTKEY for el in _keyed(ET.tostring(rep_el, encoding="unicode")))
    digits = {k for k in used if k.isdigit()}
    assert not digits or name == "toxicity"


def test_hotkeys_that_make_sense():
    toxicity = _controls(render_config("toxicity"))
    assert [c.get("hotkey") for c in toxicity["toxicity_output"]] == ["0", "1", "2"]  # the key is the level
    assert [c.get("hotkey") for c in toxicity["toxicity_input"]] == ["shift+0", "shift+1", "shift+2"]
    assert [c.get("hotkey") for c in toxicity["relative_toxicity"]] == ["l", "e", "m"]
    prompt_kind = _controls(render_config("prompt_writing"))["prompt_kind"]
    assert [c.get("hotkey") for c in prompt_kind] == ["p", "f", "u"]
    assert all(o["hotkey"] == T.NO_HOTKEY for o in T.rank_options(9))


@pytest.mark.parametrize("name", ALL)
def test_every_required_control_speaks_to_a_human(name):
    controls = _controls(expand_repeaters(render_config(name), {
        "outputs": [{"id": "o0", "title": "Output A", "body": "x"}], "rank_options": T.rank_options(4),
        "examples": []}))
    required = {n: el for n, el in controls.items() if el.get("required") == "true"}
    assert required or name == "survey"
    for control, el in required.items():
        message = el.get("requiredMessage") or ""
        assert len(message) > 20 and "_" not in message and "{{" not in message, (control, message)


def test_cli_list_show_validate(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["config", "list"])
    assert listed.exit_code == 0 and all(n in listed.output for n in ALL)

    shown = runner.invoke(main, ["config", "show", "comparison"])
    assert shown.exit_code == 0 and shown.output == render_config("comparison")
    assert runner.invoke(main, ["config", "show", "nope"]).exit_code != 0

    good = tmp_path / "good.xml"
    good.write_text(render_config("toxicity"))
    ok = runner.invoke(main, ["config", "validate", str(good)])
    assert ok.exit_code == 0 and "ok" in ok.output

    bad = tmp_path / "bad.xml"
    bad.write_text('<View><Text name="prompt" value="$prompt"/><Choices name="pii" toName="promt">'
                   '<Choice value="Yes"/></Choices></View>')
    failed = runner.invoke(main, ["config", "validate", str(bad)])
    assert failed.exit_code == 1
    assert "Choices" in failed.output and "pii" in failed.output and "promt" in failed.output

    broken = tmp_path / "broken.xml"
    broken.write_text("<View><Text name=")
    assert runner.invoke(main, ["config", "validate", str(broken)]).exit_code == 1
