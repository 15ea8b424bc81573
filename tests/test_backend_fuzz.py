"""Hypothesis fuzz of the HTTP layer's parsing (Flask test client, fake engines in this process): whatever the
body, headers, route or method, the answer is JSON, never a 5xx, never a traceback, and nothing the client sent
as text reaches the log (every generated string carries a marker the log must not hold)."""

from __future__ import annotations

import base64
import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_fakes import fake_predictor
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.app import create_app
from ml_backend.settings import Settings

MARK = "qzxmark"
CONFIGS = [render_config(n) for n in (T.INSTRUCTION, T.TOXICITY, T.COMPARISON, T.SURVEY)]
ROUTES = ["/predict", "/setup", "/validate", "/webhook", "/versions", "/health", "/", "/train", "/job_status", "/nope"]


@pytest.fixture(scope="module")
def client():
    return create_app(Settings(max_text_chars=5_000, max_request_bytes=2**20),
                      predictor=fake_predictor()).test_client()


@pytest.fixture(scope="module")
def auth_client():
    return create_app(Settings(basic_auth_user="ls", basic_auth_pass="pw"), predictor=fake_predictor()).test_client()


marked_text = st.text(max_size=60).map(lambda s: f"{MARK}{s}")
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                      marked_text, st.just("\ud800"))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(marked_text | st.sampled_from(["data", "id", T.PROMPT]), inner,
                                                 max_size=4)), max_leaves=20)
task = st.one_of(json_value, st.fixed_dictionaries({"id": st.integers(0, 10**6) | marked_text,
                                                    "data": st.dictionaries(st.sampled_from(
                                                        [T.PROMPT, T.CONTINUATION, T.OUTPUTS, "$undefined$", MARK]),
                                                        json_value, max_size=3)}))
predict_body = st.fixed_dictionaries({
    "tasks": st.lists(task, max_size=5) | json_value,
    "label_config": st.sampled_from(CONFIGS) | json_value,
    "params": st.none() | st.fixed_dictionaries({"context": json_value}) | json_value,
    "project": st.sampled_from(["1.1700000000", 3]) | json_value,
})
other_body = st.dictionaries(st.sampled_from(["schema", "config", "label_config", "action", "project", MARK]),
                             st.sampled_from(CONFIGS) | json_value, max_size=3)


def _encode(body) -> bytes:
    """JSON whose lone surrogates go out as raw escapes (what a client can send), not as an encoding error."""
    return json.dumps(body, ensure_ascii=True).encode()


def _check(r, caplog) -> None:
    assert r.status_code < 500, (r.status_code, r.get_data(as_text=True)[:300])
    assert r.is_json, r.get_data(as_text=True)[:300]
    text = r.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text
    assert MARK not in caplog.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=predict_body)
def test_predict_bodies(client, caplog, body):
    caplog.set_level(logging.DEBUG, logger="ml_backend")
    caplog.clear()
    _check(client.post("/predict", data=_encode(body), content_type="application/json"), caplog)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), body=other_body | json_value,
       raw=st.none() | st.binary(max_size=300), method=st.sampled_from(["GET", "POST", "PUT"]),
       content_type=st.sampled_from(["application/json", "text/plain", "", "multipart/form-data; boundary=x"]))
def test_any_route_any_body(client, caplog, route, body, raw, method, content_type):
    caplog.set_level(logging.DEBUG, logger="ml_backend")
    caplog.clear()
    data = raw if raw is not None else _encode(body)
    r = client.open(route, method=method, data=data, content_type=content_type or None)
    if route == "/train" or (route == "/webhook" and isinstance(body, dict) and body.get("action") == "START_TRAINING"):
        assert r.status_code in (200, 400, 405, 422, 424)
    _check(r, caplog)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), user=st.text(max_size=20), password=st.text(max_size=20),
       scheme=st.sampled_from(["Basic", "Bearer", "basic", ""]), junk=st.binary(max_size=40),
       agent=st.sampled_from(["heartex/1.23.2", "curl/8", ""]))
def test_any_authorization_header(auth_client, caplog, route, user, password, scheme, junk, agent):
    caplog.set_level(logging.DEBUG, logger="ml_backend")
    caplog.clear()
    raw = f"{MARK}{user}:{password}".encode("utf-8", "surrogatepass") if not junk else junk
    header = f"{scheme} {base64.b64encode(raw).decode()}".strip()
    r = auth_client.post(route, json={}, headers={"Authorization": header, "User-Agent": agent})
    assert r.status_code in (401, 404, 405, 400), r.status_code
    _check(r, caplog)
