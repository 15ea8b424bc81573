"""The committed XML files under ``label_config/templates/``: where they live, how to rebuild and check them.

    >>> template_path("comparison").name
    'comparison.xml'

``python -m label_config.templates`` rewrites them from the taxonomy; ``stale_templates()`` (and a test) lists
the files a rebuild would change.
"""

from __future__ import annotations

from pathlib import Path

from label_config.render import interface_names, render_config

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def template_path(name: str) -> Path:
    """The committed XML file of interface ``name`` (rendered with the default number of buckets)."""
    return TEMPLATES_DIR / f"{name}.xml"


def load_template(name: str) -> str:
    """The committed XML of interface ``name``."""
    return template_path(name).read_text(encoding="utf-8")


def stale_templates() -> list[str]:
    """Interfaces whose committed file differs from what the generator renders now (or is missing)."""
    stale = []
    for name in interface_names():
        path = template_path(name)
        if not path.exists() or path.read_text(encoding="utf-8") != render_config(name):
            stale.append(name)
    return stale


def write_templates() -> list[Path]:
    """Render every interface into ``templates/``; returns the files written."""
    TEMPLATES_DIR.mkdir(exist_ok=True)
    written = []
    for name in interface_names():
        path = template_path(name)
        path.write_text(render_config(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write_templates():
        print(p)
