"""Training learns the team's "certain" answer (``python -m ml_backend.evaluate_training --pii-only``): on the
ops-chat domain (a colleague's nickname: PII, not certain), held out by task, the project's version answers
``pii_certain`` as the team does far more often than the same terms without their learned answer."""

from __future__ import annotations

import io

import pytest

pytestmark = [pytest.mark.slow]


def test_the_learned_certain_answer_raises_the_agreement_on_held_out_tasks():
    from ml_backend.evaluate_training import run_pii_only

    out = io.StringIO()
    report = run_pii_only(out=out)["pii"]
    assert report["status"] == "finished", out.getvalue()
    before, terms_only, after = (report[k]["all"] for k in ("before_certain", "terms_only_certain", "after_certain"))
    # the terms find the nicknames, but alone they call them certain; with the team's answer they agree
    assert report["terms_only_certain"]["found"] > report["before_certain"]["found"]
    assert after >= terms_only + 0.3 and after >= before + 0.3, out.getvalue()
    assert report["after_certain"]["when_found"] > report["terms_only_certain"]["when_found"]
    assert report["after"]["f1"] == pytest.approx(report["terms_only"]["f1"])  # the spans are the same
    assert "certain agreement" in out.getvalue()
