"""The engine on a round's family cases (the ``CASES`` lists of the recognizer test files), as round 5 and 6 report
them: per family, how many cases the engine gets right, and each wrong one.

    python benchmarks/pii_round_cases.py tests/test_pii_cited_authors.py tests/test_pii_partial_ids.py

A case is ``(text, expected span or None, certain)``: right when the finding has PII exactly when a span is
expected, the expected text is one of the spans and the finding's ``certain`` is as expected. The lists are read
from the files' source (``ast``), so a test file's cases can be scored before its recognizer exists. A file that holds a
``FAMILIES`` literal (family -> cases, as round 7's ``tests/test_pii_round7_cases.py``) is scored per family, else
its ``CASES`` list is one family named after the file. The prompt-level precision and recall over all cases are
printed last.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _literal(path: Path, name: str) -> Any:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def read_cases(path: Path) -> list[tuple[str, str | None, bool | None]]:
    """The ``CASES`` literal of a test file.

    >>> read_cases(ROOT / "tests" / "test_pii_partial_ids.py")[0][1]
    '4417'
    """
    cases = _literal(path, "CASES")
    if cases is None:
        raise ValueError(f"{path}: no CASES list")
    return [tuple(c) for c in cases]


def read_families(path: Path) -> dict[str, list[tuple[str, str | None, bool | None]]]:
    """Family -> cases of a test file: its ``FAMILIES`` literal, else ``{<file stem>: CASES}``.

    >>> list(read_families(ROOT / "tests" / "test_pii_partial_ids.py"))
    ['partial_ids']
    """
    families = _literal(path, "FAMILIES")
    if families is not None:
        return {k: [tuple(c) for c in v] for k, v in families.items()}
    return {path.stem.removeprefix("test_pii_"): read_cases(path)}


def score(engine: Any, files: list[Path]) -> list[str]:
    lines: list[str] = []
    tp = fp = fn = tn = 0
    for family, cases in ((f, c) for path in files for f, c in read_families(path).items()):
        right = {True: 0, False: 0}
        total = {True: 0, False: 0}
        flagged = {True: 0, False: 0}  # prompts flagged, by whether a span was expected
        bad: list[str] = []
        for text, name, certain in cases:
            f = engine.analyze(text)
            spans = [text[s.start:s.end] for s in f.spans]
            positive = name is not None
            total[positive] += 1
            flagged[positive] += f.has_pii
            if positive:
                tp, fn = tp + f.has_pii, fn + (not f.has_pii)
                ok = f.has_pii and name in spans and f.certain is certain
            else:
                fp, tn = fp + f.has_pii, tn + (not f.has_pii)
                ok = not f.has_pii
            right[positive] += ok
            if not ok:
                kind = family if positive else f"{family}-neg"
                bad.append(f"  BAD [{kind}] {text!r} -> {f.has_pii} {spans} cert={f.certain}")
        lines.extend(bad)
        fam_p = flagged[True] / (flagged[True] + flagged[False]) if flagged[True] + flagged[False] else float("nan")
        fam_r = flagged[True] / total[True] if total[True] else float("nan")
        lines.append(f"{family}: positives {right[True]}/{total[True]}, negatives {right[False]}/{total[False]} "
                     f"(prompt level P {fam_p:.2f} R {fam_r:.2f})")
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    lines.append(f"prompt level over all cases: P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python benchmarks/pii_round_cases.py tests/test_pii_partial_ids.py")
    ap.add_argument("files", nargs="+", type=Path, help="test files holding a CASES list")
    args = ap.parse_args(argv)
    from ml_backend.pii import get_pii_engine

    engine = get_pii_engine()
    print(f"# {engine.model_version}")
    print("\n".join(score(engine, args.files)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
