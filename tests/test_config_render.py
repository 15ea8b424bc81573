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
                   "screening", "survey"]


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

    root = ET.fromstring(render_config("comparison", k=7))
    objects = {el.get("name"): el for el in root.iter() if el.tag in ("Text", "List")}
    assert objects["prompt"].get("value") == "$prompt"
    assert objects["outputs"].tag == "List" and objects["outputs"].get("value") == "$outputs"
    ranker = next(el for el in root.iter("Ranker"))
    assert ranker.get("name") == "ranking" and ranker.get("toName") == "outputs"
    assert [b.get("name") for b in ranker] == [f"rank_{i}" for i in range(1, 8)]
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


def test_k_bounds():
    assert render_config("ranking", k=4).count("<Bucket ") == 4
    with pytest.raises(ValueError):
        render_config("ranking", k=1)
    with pytest.raises(KeyError, match="known"):
        render_config("nope")


def test_demonstration_shows_few_shot_pairs_as_dialogue():
    root = ET.fromstring(render_config("demonstration"))
    paragraphs = next(root.iter("Paragraphs"))
    assert paragraphs.get("value") == "$examples" and paragraphs.get("layout") == "dialogue"


def test_cli_list_show_validate(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["config", "list"])
    assert listed.exit_code == 0 and all(n in listed.output for n in ALL)

    shown = runner.invoke(main, ["config", "show", "comparison", "--k", "6"])
    assert shown.exit_code == 0 and shown.output == render_config("comparison", k=6)
    assert runner.invoke(main, ["config", "show", "comparison", "--k", "99"]).exit_code != 0

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
