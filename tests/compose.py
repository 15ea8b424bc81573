"""docker-compose.yml read as Docker Compose reads it, without Docker (no engine runs here).

Variables are interpolated the way compose does it (``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
``${VAR:?message}``, ``${VAR?message}``, ``$$``), from a ``.env``-style file, so tests can check what a
deployment would really get, and the PostgreSQL topology test can run each service with the very environment
compose would give it::

    env = read_env_file(ROOT / ".env.example")
    studio_env = service_environment(COMPOSE, "label-studio", env)
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"

_VAR = re.compile(r"\$(?:\$|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:-|-|:\?|\?)(?P<arg>[^}]*))?\})")


class MissingVariable(ValueError):
    """A ``${VAR:?message}`` guard that compose would refuse to start with."""

    def __init__(self, name: str, message: str):
        super().__init__(f"required variable {name} is missing a value: {message}")
        self.name = name


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines (comments and blank lines skipped), as compose reads ``.env``."""
    env = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def interpolate(value: str, env: dict[str, str]) -> str:
    """``value`` with every compose variable replaced; raises :class:`MissingVariable` on a failed guard.

    >>> interpolate("${A:-x}/${B-y}/$$", {"A": "", "B": ""})
    'x//$'
    """
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.group("name"), m.group("op"), m.group("arg") or ""
        val = env.get(name)
        if op == ":-":
            return val if val else arg
        if op == "-":
            return val if val is not None else arg
        if op == ":?" and not val or op == "?" and val is None:
            raise MissingVariable(name, arg)
        return val or ""

    return _VAR.sub(sub, value)


def load_compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def service_environment(compose: dict, service: str, env: dict[str, str]) -> dict[str, str]:
    """The environment ``service`` gets from compose with ``env`` as its ``.env``."""
    return {k: interpolate(str(v), env) for k, v in compose["services"][service].get("environment", {}).items()}


def service_ports(compose: dict, service: str, env: dict[str, str]) -> list[str]:
    return [interpolate(str(p), env) for p in compose["services"][service].get("ports", [])]


def guarded_variables(text: str) -> set[str]:
    """Every variable compose requires (``${VAR:?...}``) in ``text``."""
    return {m.group("name") for m in _VAR.finditer(text) if m.group("op") in (":?", "?")}
