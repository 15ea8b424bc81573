"""A label config that does not parse gets an error naming the problem (what, the tag, line and column), never a
copy of the config: a config can hold task text in its examples (a Header, a HyperText, a CDATA block), and the
error goes back to the client, into Label Studio's model error and into the training job's status.

libxml2 (under the Label Studio SDK) quotes the config in some of its messages: the rest of an unfinished CDATA
section or comment, an undefined entity's name, an attribute's name. Here the secret sits in each of those places.
"""

from __future__ import annotations

import logging

import pytest

from backend_fakes import fake_predictor
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.app import create_app
from ml_backend.config_reader import ConfigError, read_config
from ml_backend.settings import Settings

SECRET = "AliceSmithSecret"
GOOD = render_config(T.INSTRUCTION)


def _broken(piece: str) -> str:
    """The instruction config with ``piece`` put in before its first ``<Header``."""
    at = GOOD.index("<Header")
    return GOOD[:at] + piece + GOOD[at:]


# (what is broken, the config, words the error must hold)
BROKEN = [
    ("an unfinished CDATA section", _broken(f"<Header value='x'/><![CDATA[{SECRET} is my patient"), "CDATA"),
    ("an unfinished comment", _broken(f"<!-- example: {SECRET} called"), "comment"),
    ("a double hyphen in a comment", _broken(f"<!--{SECRET} -- lives here -->"), "comment"),
    ("an undefined entity", _broken(f"<Header value='Tom &{SECRET}; Jerry'/>"), "entity"),
    ("an attribute without a value", _broken(f"<Header value='x' {SECRET}/>"), "attribute"),
    ("an attribute given twice", _broken(f"<Header {SECRET}='a' {SECRET}='b'/>"), "twice"),
    ("an unknown tag left open", _broken(f"<{SECRET}>"), "unknown tag"),
    ("a tag mismatch", _broken(f"<Header value='x'></{SECRET}>"), "<Header>"),
    ("a namespace prefix", _broken(f"<a:{SECRET}/>"), "namespace"),
    ("a NUL character", _broken(f"<Header value='x'/>\x00{SECRET}"), "character"),
    ("a stray '<'", _broken(f"<Header value='x'/>< {SECRET}"), "'<'"),
]


@pytest.fixture()
def client():
    return create_app(Settings(max_text_chars=1_000), predictor=fake_predictor()).test_client()


@pytest.mark.parametrize(("what", "xml", "says"), BROKEN, ids=[b[0] for b in BROKEN])
def test_read_config_names_the_problem_without_the_config(what, xml, says):
    with pytest.raises(ConfigError) as err:
        read_config(xml)
    message = str(err.value)
    assert SECRET not in message and "patient" not in message, message
    assert message.startswith("label_config does not parse: ") and says in message, message
    assert "line " in message and "column " in message, message
    assert len(message) < 300


def test_a_mismatch_names_both_tags_when_they_are_label_studio_tags():
    message = str(pytest.raises(ConfigError, read_config, "<View>\n<Header value='x'></Text></View>").value)
    assert "</Text>" in message and "<Header>" in message and "line 2" in message, message


@pytest.mark.parametrize(("what", "xml", "says"), BROKEN[:5], ids=[b[0] for b in BROKEN[:5]])
def test_setup_and_predict_answer_the_problem_not_the_config(client, caplog, what, xml, says):
    caplog.set_level(logging.DEBUG, logger="ml_backend")
    setup = client.post("/setup", json={"project": "3.17", "schema": xml})
    predict = client.post("/predict", json={"tasks": [{"id": 1, "data": {T.PROMPT: "hi"}}], "label_config": xml})
    for r in (setup, predict):
        assert r.status_code == 422, r.get_data(as_text=True)
        assert says in r.get_json()["error"]
        assert SECRET not in r.get_data(as_text=True) and SECRET not in r.status
    assert SECRET not in caplog.text


def test_validate_names_the_problem_not_the_config(client):
    r = client.post("/validate", json={"config": _broken(f"<![CDATA[{SECRET}")})
    assert r.status_code == 422 and SECRET not in r.get_data(as_text=True)


def test_validate_reports_each_repeated_name_once_per_repeat():
    """Behaviour pin for the duplicate-name check (it counted every name once per repeat: 0.4 s at 20,000
    repeats, quadratic)."""
    from label_config.validate import validate_config

    xml = "<View>" + '<Header name="h" value="x"/>' * 3000 + '<Header name="g" value="x"/>' * 2 + "</View>"
    problems = validate_config(xml)
    assert [(p.tag, p.name) for p in problems] == [("Header", "h")] * 2999 + [("Header", "g")]


def test_validate_bounds_the_sdk_message():
    """The SDK's own check lists every name of the config when two Panels share one: the problem says what is
    wrong in one bounded line."""
    from label_config.validate import validate_config

    names = "".join(f'<Header name="{SECRET}{i}" value="x"/>' for i in range(500))
    problems = validate_config(f'<View>{names}<Panel name="p"/><Panel name="p"/></View>')
    assert len(problems) == 1 and "non-unique names" in str(problems[0])
    assert len(str(problems[0])) < 300 and "\n" not in str(problems[0])
