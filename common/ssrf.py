"""The address ranges Label Studio must never call (SSRF protection), and the one range each topology opens.

Label Studio refuses an ML backend, webhook or storage URL that resolves into ``USER_ADDITIONAL_BANNED_SUBNETS``
(plus its own default list unless ``USE_DEFAULT_BANNED_SUBNETS=false``). Its default list bans loopback and the
private ranges, where a local or compose backend lives, so both topologies turn the default list off and ban
everything in :data:`RESERVED_SUBNETS` except ONE range:

- the local stack (``labelguide up``, the tests) opens ``127.0.0.0/8`` (IPv4 loopback, where its backend listens);
- docker-compose opens ``172.16.0.0/12`` (Docker's default address pool, where the compose network lives).

Every other reserved range stays banned, transition forms included: an IPv4 address reached as IPv4-mapped or
IPv4-translated IPv6 (``::ffff:127.0.0.1``), IPv4-compatible (``::127.0.0.1``), NAT64 (``64:ff9b::7f00:1``),
6to4 (``2002:7f00:1::``) or Teredo (``2001::/32``) is banned even when its plain IPv4 form is open.

    >>> "127.0.0.0/8" in LOCAL_BANNED_SUBNETS.split(","), "::ffff:0:0/96" in LOCAL_BANNED_SUBNETS.split(",")
    (False, True)
    >>> banned_subnets(["10.0.0.0/8"]).startswith("0.0.0.0/8,100.64.0.0/10,127.0.0.0/8")
    True
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

# (range, why it is reserved). Label Studio 1.23.2's own default list (core/utils/io.py, validate_ip), plus the
# deprecated IPv4-compatible and site-local IPv6 ranges it does not name.
RESERVED_SUBNETS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "this network"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "carrier-grade NAT"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (cloud metadata at 169.254.169.254)"),
    ("172.16.0.0/12", "private (Docker's default pool)"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "TEST-NET-1"),
    ("192.88.99.0/24", "former 6to4 relay anycast"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "TEST-NET-2"),
    ("203.0.113.0/24", "TEST-NET-3"),
    ("224.0.0.0/4", "multicast"),
    ("233.252.0.0/24", "MCAST-TEST-NET"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "limited broadcast"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("::ffff:0:0/96", "IPv4-mapped"),
    ("::ffff:0:0:0/96", "IPv4-translated"),
    ("64:ff9b::/96", "NAT64"),
    ("64:ff9b:1::/48", "local NAT64"),
    ("100::/64", "discard"),
    ("2001::/32", "Teredo"),
    ("2001:20::/28", "ORCHIDv2"),
    ("2001:db8::/32", "documentation"),
    ("2002::/16", "6to4"),
    ("fc00::/7", "unique local"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
)

LOCAL_OPENED = "127.0.0.0/8"
COMPOSE_OPENED = "172.16.0.0/12"


def banned_subnets(opened: Iterable[str] = ()) -> str:
    """``USER_ADDITIONAL_BANNED_SUBNETS``: every reserved range but ``opened`` (exact entries), comma-joined.

    >>> banned_subnets([r for r, _ in RESERVED_SUBNETS if r != "::1/128"])
    '::1/128'
    """
    opened = {str(ipaddress.ip_network(o)) for o in opened}
    unknown = opened - {str(ipaddress.ip_network(r)) for r, _ in RESERVED_SUBNETS}
    if unknown:
        raise ValueError(f"not a reserved range of this list: {sorted(unknown)}")
    return ",".join(r for r, _ in RESERVED_SUBNETS if str(ipaddress.ip_network(r)) not in opened)


LOCAL_BANNED_SUBNETS = banned_subnets([LOCAL_OPENED])
COMPOSE_BANNED_SUBNETS = banned_subnets([COMPOSE_OPENED])


def ssrf_env(opened: str = LOCAL_OPENED) -> dict[str, str]:
    """The two Label Studio settings that open ``opened`` and ban every other reserved range.

    >>> ssrf_env()["USE_DEFAULT_BANNED_SUBNETS"]
    'false'
    """
    return {"USE_DEFAULT_BANNED_SUBNETS": "false", "USER_ADDITIONAL_BANNED_SUBNETS": banned_subnets([opened])}
