"""The PII engine of an older commit, loaded from git, as a same-run baseline for evaluations and benchmarks.

The engine before the recognizer rewrite lived in two modules, ``ml_backend/pii.py`` and ``ml_backend/pii_rules.py``.
:func:`load_legacy_engine` reads both from ``git show <rev>:<path>`` into a private package in a temporary
directory (its imports renamed), so the old and the new engine can run side by side in one process::

    >>> engine = load_legacy_engine()                       # doctest: +SKIP
    >>> engine.analyze("Call Jane Doe at 617-555-0143").spans[0].end   # doctest: +SKIP
    13

Nothing here is used by the backend or the importers.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# The last commit with the single-module engine (the base of the recognizer rewrite).
LEGACY_REV = "c340cb8"
_PACKAGE = "labelguide_legacy_pii"


def _git_show(rev: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:{path}"], check=True, capture_output=True,
                          text=True).stdout


def load_legacy_engine(rev: str = LEGACY_REV, spacy_model: str | None = None) -> Any:
    """A fresh ``PiiEngine`` of commit ``rev`` (its word lists come from the same commit)."""
    root = Path(tempfile.mkdtemp(prefix="labelguide-legacy-pii-"))
    pkg = root / _PACKAGE
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    engine_src = _git_show(rev, "ml_backend/pii.py")
    rules_src = _git_show(rev, "ml_backend/pii_rules.py")
    engine_src = engine_src.replace("from ml_backend import pii_rules as rules", f"from {_PACKAGE} import pii_rules as rules")
    engine_src = engine_src.replace("from ml_backend.pii_rules import", f"from {_PACKAGE}.pii_rules import")
    rules_src = rules_src.replace('resources.files("ml_backend")', f'resources.files("{_PACKAGE}")')
    (pkg / "pii.py").write_text(engine_src)
    (pkg / "pii_rules.py").write_text(rules_src)
    listing = subprocess.run(["git", "-C", str(REPO), "ls-tree", "--name-only", rev, "ml_backend/data/"],
                             check=True, capture_output=True, text=True).stdout.split()
    for path in listing:
        if path.endswith(".txt"):
            (pkg / "data" / Path(path).name).write_text(_git_show(rev, path))
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(f"{_PACKAGE}.pii")
    finally:
        sys.path.remove(str(root))
    from ml_backend.pii import DEFAULT_SPACY_MODEL

    return module.PiiEngine(spacy_model=spacy_model or DEFAULT_SPACY_MODEL)
