"""The SSRF lists, checked with Label Studio's own ``validate_ip`` under the environment each topology sets.

Label Studio 1.23.2 runs ``core.utils.io.validate_ip`` on every address an ML backend, webhook or storage URL
resolves to. The probes are drawn from Label Studio's OWN default list of reserved ranges (read from the
installed function's source), plus every IPv6 form an IPv4 address can take (IPv4-mapped, IPv4-translated,
IPv4-compatible, NAT64, local NAT64, 6to4, Teredo). Each probe must be refused, except the one range the README
says each topology opens: IPv4 loopback for the local stack, Docker's pool (172.16.0.0/12) for compose.
"""

from __future__ import annotations

import ast
import inspect
import ipaddress
import json
import subprocess
import sys
import textwrap

import pytest

from common.ssrf import COMPOSE_OPENED, LOCAL_OPENED, RESERVED_SUBNETS
from common.studio_server import studio_env

from compose import ENV_EXAMPLE, load_compose, read_env_file, service_environment

# Addresses an attacker aims at, beside the range samples: cloud metadata services, Docker's bridge, a router.
TARGETS = {"169.254.169.254": "169.254.0.0/16", "100.100.100.200": "100.64.0.0/10", "172.17.0.1": "172.16.0.0/12",
           "192.168.1.1": "192.168.0.0/16", "10.0.0.1": "10.0.0.0/8", "127.0.0.53": "127.0.0.0/8"}
PUBLIC = ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]

# Runs in a fresh interpreter: Django settings are read once per process, from the environment given.
_VALIDATE = textwrap.dedent("""
    import json, os, pathlib, sys
    import label_studio
    sys.path.insert(0, str(pathlib.Path(label_studio.__file__).parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.label_studio")
    from core.utils.io import validate_ip
    from core.utils.exceptions import SsrfBlockedUrlError
    blocked = {}
    for ip in json.load(sys.stdin):
        try:
            validate_ip(ip)
        except SsrfBlockedUrlError:
            blocked[ip] = True
        else:
            blocked[ip] = False
    print("RESULT " + json.dumps(blocked))
""")


def label_studio_default_subnets() -> list[str]:
    """The reserved ranges Label Studio itself bans by default, read from ``validate_ip``'s source."""
    pytest.importorskip("label_studio")
    import importlib
    import pathlib

    import label_studio

    sys.path.insert(0, str(pathlib.Path(label_studio.__file__).parent))
    source = inspect.getsource(importlib.import_module("core.utils.io").validate_ip)
    for node in ast.walk(ast.parse(textwrap.dedent(source))):
        if isinstance(node, ast.Assign) and node.targets[0].id == "default_banned_subnets":
            return ast.literal_eval(node.value)
    raise AssertionError("default_banned_subnets not found in Label Studio's validate_ip")


def _samples(net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> list:
    """First, second, middle and last address of ``net``."""
    first = net.network_address
    return sorted({first, first + min(1, net.num_addresses - 1), first + net.num_addresses // 2,
                   net.broadcast_address})


def _ipv6_forms(v4: ipaddress.IPv4Address) -> list[str]:
    """Every IPv6 address that carries ``v4`` and that some stack may route to it."""
    n = int(v4)
    return [
        str(ipaddress.IPv6Address((0xFFFF << 32) | n)),                 # ::ffff:a.b.c.d   IPv4-mapped
        str(ipaddress.IPv6Address((0xFFFF << 48) | n)),                 # ::ffff:0:a.b.c.d IPv4-translated
        str(ipaddress.IPv6Address(n)),                                  # ::a.b.c.d        IPv4-compatible
        str(ipaddress.IPv6Address((0x64FF9B << 96) | n)),               # 64:ff9b::a.b.c.d NAT64
        str(ipaddress.IPv6Address((0x64FF9B0001 << 80) | n)),           # 64:ff9b:1::...   local NAT64
        str(ipaddress.IPv6Address((0x2002 << 112) | (n << 80) | 1)),    # 2002:AABB:CCDD::1 6to4
        str(ipaddress.IPv6Address((0x20010000 << 96) | (~n & 0xFFFFFFFF))),  # Teredo: client IPv4 inverted
    ]


def probes() -> dict[str, str]:
    """``{address: the reserved range it was drawn from}`` for every range Label Studio and labelguide name."""
    out: dict[str, str] = {}
    ranges = set(label_studio_default_subnets()) | {r for r, _ in RESERVED_SUBNETS}
    for subnet in sorted(ranges):
        net = ipaddress.ip_network(subnet)
        for addr in _samples(net) + [ipaddress.ip_address(t) for t, r in TARGETS.items() if r == subnet]:
            out[str(addr)] = subnet
            if addr.version == 4:
                for form in _ipv6_forms(addr):
                    out.setdefault(form, f"{subnet} as IPv6")
    return out


def _blocked(env: dict[str, str], addresses: list[str], tmp_path) -> dict[str, bool]:
    env = dict(env, LABEL_STUDIO_BASE_DATA_DIR=str(tmp_path), LATEST_VERSION_CHECK="false", SENTRY_DSN="")
    run = subprocess.run([sys.executable, "-c", _VALIDATE], input=json.dumps(addresses), env=env,
                         capture_output=True, text=True, timeout=180)
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    return json.loads(lines[-1][len("RESULT "):])


def _check(env: dict[str, str], opened: str, tmp_path) -> None:
    found = probes()
    opened_net = ipaddress.ip_network(opened)
    inside = [str(opened_net.network_address + 1), str(opened_net.broadcast_address - 1)]
    result = _blocked(env, [*found, *inside, *PUBLIC], tmp_path)
    # an IPv6 form of an opened IPv4 address is not "in" the IPv4 range: it must be refused too
    leaks = {ip: found[ip] for ip in found if not result[ip] and ipaddress.ip_address(ip) not in opened_net}
    assert leaks == {}, f"reachable although reserved: {leaks}"
    assert not any(result[ip] for ip in inside), f"{opened} must stay reachable (the README opens it)"
    assert not any(result[ip] for ip in PUBLIC), "public addresses must stay reachable"


def test_probes_cover_every_transition_form():
    found = probes()
    for form in ("::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::7f00:1", "::ffff:0:a00:0"):
        assert str(ipaddress.ip_address(form)) in found, form
    assert any(ip.startswith("2002:7f00:") for ip in found) and any(ip.startswith("2001::") for ip in found)
    assert len(found) > 200


@pytest.mark.slow
def test_local_stack_bans_every_reserved_range_but_ipv4_loopback(tmp_path):
    env = studio_env(tmp_path)  # exactly what labelguide up and the tests' Label Studio run with
    _check(env, LOCAL_OPENED, tmp_path)


@pytest.mark.slow
def test_compose_bans_every_reserved_range_but_the_compose_network(tmp_path):
    secrets = {"POSTGRES_PASSWORD": "x", "LABEL_STUDIO_PASSWORD": "x", "LABEL_STUDIO_API_KEY": "x" * 40}
    compose_env = service_environment(load_compose(), "label-studio", {**read_env_file(ENV_EXAMPLE), **secrets})
    env = {k: v for k, v in studio_env(tmp_path).items() if k not in ("USE_DEFAULT_BANNED_SUBNETS",
                                                                      "USER_ADDITIONAL_BANNED_SUBNETS")}
    env.update({k: compose_env[k] for k in ("USE_DEFAULT_BANNED_SUBNETS", "USER_ADDITIONAL_BANNED_SUBNETS")})
    _check(env, COMPOSE_OPENED, tmp_path)


@pytest.mark.slow
def test_the_old_lists_leaked_and_the_check_sees_it(tmp_path):
    """The check can fail: the lists before this fix let IPv4-mapped loopback and NAT64 through."""
    old_compose = ("0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,127.0.0.0/8,169.254.0.0/16,192.0.0.0/24,192.168.0.0/16,"
                   "198.18.0.0/15,224.0.0.0/4,::1/128,fc00::/7,fe80::/10")
    env = dict(studio_env(tmp_path), USER_ADDITIONAL_BANNED_SUBNETS=old_compose)
    result = _blocked(env, ["::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "127.0.0.1"],
                      tmp_path)
    assert result == {"::ffff:127.0.0.1": False, "::ffff:169.254.169.254": False, "64:ff9b::a9fe:a9fe": False,
                      "127.0.0.1": True}
