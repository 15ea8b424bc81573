"""Who may call what, with basic auth on (``BASIC_AUTH_USER`` and ``BASIC_AUTH_PASS`` both set).

Every route needs the credentials, ``/webhook`` included: Label Studio's "Start Training" posts there through
its ML API connector WITH the backend's basic auth, and a project webhook can carry an ``Authorization`` header
(Label Studio's webhook ``headers``). ``/health`` (and ``/``) stay open to probes WITHOUT credentials (container
health checks, ``labelguide up``): they tell readiness and the model version only. Two exceptions make Label
Studio's connect dialog say what is wrong ("authentication parameters were either not provided or are
incorrect", which it shows only for a 401 from ``/health``):

- a call that sends credentials gets 401 if they are wrong, on ``/health`` too;
- Label Studio itself (``User-Agent: heartex/...``, its ML API connector) gets 401 on ``/health`` without them.

    >>> decide(("u", "p"), "health", None, "curl/8.0"), decide(("u", "p"), "health", None, "heartex/1.23.2")
    (True, False)
    >>> decide(("u", "p"), "predict", ("u", "p"), ""), decide(None, "predict", None, "")
    (True, True)
"""

from __future__ import annotations

import hmac

OPEN_TO_PROBES = frozenset({"health"})
LABEL_STUDIO_AGENT = "heartex/"


def _bytes(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def credentials_match(expected: tuple[str, str], given: tuple[str, str]) -> bool:
    """Constant-time comparison of ``(user, password)`` pairs."""
    user_ok = hmac.compare_digest(_bytes(given[0]), _bytes(expected[0]))
    pass_ok = hmac.compare_digest(_bytes(given[1]), _bytes(expected[1]))
    return user_ok and pass_ok


def decide(expected: tuple[str, str] | None, endpoint: str | None, given: tuple[str, str] | None,
           user_agent: str) -> bool:
    """True when the call may proceed. ``given`` is None when the request carries no basic credentials."""
    if expected is None:
        return True
    if given is not None:
        return credentials_match(expected, given)
    return endpoint in OPEN_TO_PROBES and not user_agent.startswith(LABEL_STUDIO_AGENT)
