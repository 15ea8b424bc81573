"""How the not-PII filter and the person-name recognizer scale with text length on hostile, repetitive input.

    python benchmarks/pii_scaling.py                    # about a minute on 2 shared cores
    python benchmarks/pii_scaling.py --out benchmarks/data/pii_scaling_after.txt

Each family is one sentence repeated to 10k, 20k, 50k and 100k characters (a text's piece is at most
``CHUNK_CHARS`` = 100k, so that is as large as one context gets). The text goes through the engine's own
``candidates`` (NER on the windows that need it, every recognizer), with :func:`not_pii.drop_not_pii` and
:func:`person_names.find_names` wrapped by a timer: the figures are those two functions' seconds alone. Linear
work doubles from 10k to 20k and grows 10x from 10k to 100k; quadratic work grows 4x and 100x. The ratio column
is ``t(n) / t(10k)``. Figures are CPU seconds of this process, the least of 3 runs (the machine is shared; see
``machine.py``; the load average is printed around the run). ``pii_scaling_before.txt`` / ``_after.txt`` under
``benchmarks/data`` are the tree before and after the SpanIndex change, run one after the other.

Families (the red-team's: many capitalised names, many company words, many "Inc." tokens, many brands):

- ``names``: "Jane Smith met John Brown. " (PERSON entities and First-Last sequences, each against every other)
- ``companies``: "Call Acme support at 555-0100. " (contacts in a business context)
- ``inc``: "Acme Inc. hired Mary Jones. " (ORG entities and names)
- ``brands``: "Calvin Klein and Maria Lopez. " (listed brands, each against every name)
- ``contacts_people``: "Jane Smith: call 555-0100. " (a contact and a person in every sentence)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import load_average  # noqa: E402

FAMILIES = {
    "names": "Jane Smith met John Brown. ",
    "companies": "Call Acme support at 555-0100. ",
    "inc": "Acme Inc. hired Mary Jones. ",
    "brands": "Calvin Klein and Maria Lopez. ",
    "contacts_people": "Jane Smith: call 555-0100. ",
}
LENGTHS = (10_000, 20_000, 50_000, 100_000)


def _cpu() -> float:
    return time.process_time()


def timed(fn: Callable[..., Any], acc: list[float]) -> Callable[..., Any]:
    """``fn`` that adds its CPU seconds to ``acc[0]``."""
    def wrapper(*a: Any, **k: Any) -> Any:
        t0 = _cpu()
        try:
            return fn(*a, **k)
        finally:
            acc[0] += _cpu() - t0
    return wrapper


def measure_family(engine: Any, unit: str, n: int, repeat: int = 3) -> tuple[float, float, int]:
    """CPU seconds of drop_not_pii and find_names on ``unit`` repeated to ``n`` characters (the least of
    ``repeat`` runs: a shared machine only ever adds time), and the number of candidates kept."""
    import ml_backend.pii.not_pii as not_pii
    import ml_backend.pii.recognizers.person_names as person_names
    from ml_backend.pii.prefilter import ner_windows

    text = (unit * (n // len(unit) + 1))[:n]
    ents: list[tuple[int, int, str]] = []
    for s, e in ner_windows(text, engine._common):
        doc = engine._nlp(text[s:e])
        ents.extend((s + x.start_char, s + x.end_char, x.label_) for x in doc.ents)
    best: tuple[float, float] | None = None
    for _ in range(repeat):
        drop_acc, names_acc = [0.0], [0.0]
        orig_drop, orig_names = not_pii.drop_not_pii, person_names.find_names
        not_pii.drop_not_pii = timed(orig_drop, drop_acc)
        person_names.find_names = timed(orig_names, names_acc)
        try:
            kept = engine.candidates(text, engine._nlp.make_doc(text), ents)
        finally:
            not_pii.drop_not_pii, person_names.find_names = orig_drop, orig_names
        best = (drop_acc[0], names_acc[0]) if best is None else (min(best[0], drop_acc[0]), min(best[1], names_acc[0]))
    return best[0], best[1], len(kept)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="also write the table here")
    ap.add_argument("--families", nargs="*", default=list(FAMILIES))
    args = ap.parse_args(argv)
    from ml_backend.pii import get_pii_engine

    engine = get_pii_engine()
    engine.analyze("warm up Jane Smith")
    lines = [f"load average before: {load_average():.2f}",
             f"{'family':<16} {'chars':>7} {'cands':>6} {'drop_not_pii s':>15} {'ratio':>6} "
             f"{'find_names s':>13} {'ratio':>6}"]
    for fam in args.families:
        base: tuple[float, float] | None = None
        for n in LENGTHS:
            d, f, k = measure_family(engine, FAMILIES[fam], n)
            if base is None:
                base = (max(d, 1e-6), max(f, 1e-6))
            lines.append(f"{fam:<16} {n:>7} {k:>6} {d:>15.3f} {d / base[0]:>6.1f} {f:>13.3f} {f / base[1]:>6.1f}")
            print(lines[-1], flush=True)
    lines.append(f"load average after: {load_average():.2f}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:2] + lines[-1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
