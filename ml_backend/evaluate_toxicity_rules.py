"""Measure each toxicity recognizer on labelled text it was not written from, with and without it, in one run.

Run ``python -m ml_backend.evaluate_toxicity_rules`` (about a minute when ``python -m ml_backend.toxicity.train``
has cached the embeddings). The recognizers (:mod:`ml_backend.toxicity.recognizers`) were written from the dev
part of ``tests/data/toxicity_check.json`` and ``toxicity_eval.jsonl`` and (round 3) the dev part of
``tests/data/toxicity_counter_speech_cases.json`` and (round 4) the dev part of
``tests/data/toxicity_round4_cases.json``; this script scores them where nobody looked while writing them (round
4: the training-source rows that positive-identity and mild-rudeness changed in their first version were read,
and both were narrowed from them, so those two counts are no longer unseen):

* ``sources``: the training sources, each through a head trained on the OTHER source only (so neither the head nor
  the recognizer saw the row): only the rows where the recognizer fires are scored, with and without it; printed:
  how many rows it fires on, and how many of them it turns right and wrong (toxic vs clean; exact level). The
  sources' labels are their own (Davidson: "offensive" is level 1 and threats are rarely "hate"), so a raise to
  level 2 on a Davidson "offensive" row counts as a level error here. Then the whole source (F1, three-level
  accuracy): every row by the head alone, the rows any recognizer fires on re-scored by the engine without and
  with all of them, and alt-profanity-check;
* ``sets``: every held-out set of ``evaluate_toxicity`` (functional suite; written rows test and fresh; the check
  set's holdout part only with ``--holdout``), by the default engine with all recognizers, with each one left
  out, and with none: toxic-vs-clean F1 and three-level accuracy.

Example:
    >>> from ml_backend.toxicity.recognizers.threats import Threats
    >>> fired_rows(["I'll break your arms.", "Hello."], Threats())
    [0]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from ml_backend.evaluate_toxicity import load_check_set, load_eval_set, load_functional_suite, summarise
from ml_backend.toxicity import DEFAULT_MODEL, get_toxicity_engine
from ml_backend.toxicity.recognizers import Recognizer
from ml_backend.toxicity.recognizers.affectionate_insult import is_affectionate_insult
from ml_backend.toxicity.recognizers.censored_profanity import unmask
from ml_backend.toxicity.recognizers.counter_speech import is_counter_speech
from ml_backend.toxicity.recognizers.harm_wishes import is_harm_wish
from ml_backend.toxicity.recognizers.harsh_blame import is_harsh_blame
from ml_backend.toxicity.recognizers.hate_words_at_things import mild
from ml_backend.toxicity.recognizers.insult_via_object import is_insult_via_object
from ml_backend.toxicity.recognizers.mild_rudeness import is_mild_rudeness
from ml_backend.toxicity.recognizers.negated_hate import is_negated_hate
from ml_backend.toxicity.recognizers.neutral_nouns import neutral
from ml_backend.toxicity.recognizers.positive_identity import is_positive_identity
from ml_backend.toxicity.recognizers.self_exclamation import is_self_exclamation
from ml_backend.toxicity.recognizers.sexist_insinuation import is_sexist_insinuation
from ml_backend.toxicity.recognizers.slur_mentions import is_slur_mention
from ml_backend.toxicity.recognizers.stereotypes import is_stereotype
from ml_backend.toxicity.recognizers.threats import is_threat
from ml_backend.toxicity.recognizers.units import sentences

#: recognizer name -> "does it fire on this text" (cheap, no model).
FIRES = {"counter-speech": is_counter_speech, "negated-hate": is_negated_hate, "threats": is_threat,
         "positive-identity": is_positive_identity, "hate-words-at-things": lambda s: mild(s) is not None,
         "mild-rudeness": is_mild_rudeness, "stereotypes": is_stereotype,
         "neutral-nouns": lambda s: neutral(s) is not None, "slur-mentions": is_slur_mention,
         "self-exclamation": is_self_exclamation, "censored-profanity": lambda s: unmask(s) is not None,
         "harsh-blame": is_harsh_blame, "affectionate-insult": is_affectionate_insult,
         "insult-via-object": is_insult_via_object, "sexist-insinuation": is_sexist_insinuation,
         "harm-wishes": is_harm_wish}


def fired_rows(texts: Sequence[str], recognizer: Recognizer) -> list[int]:
    """Indexes of ``texts`` with a sentence ``recognizer`` picks."""
    test = FIRES[recognizer.name]
    return [i for i, t in enumerate(texts) if any(test(s) for s in sentences(t))]


def _changes(before: Sequence[int], after: Sequence[int], gold: Sequence[int]) -> dict[str, int]:
    right = lambda p, g: (p > 0) == (g > 0)  # noqa: E731
    return {
        "changed": sum(b != a for b, a in zip(before, after)),
        "binary_fixed": sum(not right(b, g) and right(a, g) for b, a, g in zip(before, after, gold)),
        "binary_broken": sum(right(b, g) and not right(a, g) for b, a, g in zip(before, after, gold)),
        "level_fixed": sum(b != g and a == g for b, a, g in zip(before, after, gold)),
        "level_broken": sum(b == g and a != g for b, a, g in zip(before, after, gold)),
    }


def on_sources(out=sys.stdout) -> dict[str, Any]:
    """Each recognizer on the training sources, through heads trained on the other source (module docstring)."""
    from ml_backend.toxicity.train import DEFAULT_CACHE, embed_cached, fit_head
    from ml_backend.toxicity.training_data import load_training_data

    engine = get_toxicity_engine(DEFAULT_MODEL)
    sources = load_training_data()
    report: dict[str, Any] = {}
    print("recognizers on the training sources (head trained on the other source; rows where it fires):", file=out)
    for test_name, rows in sources.items():
        (train_name, train_rows), = [(n, r) for n, r in sources.items() if n != test_name]
        X = embed_cached(engine.encoder, [r.text for r in train_rows], DEFAULT_CACHE)
        head = fit_head([(X, train_rows)], f"only-{train_name}", engine.encoder.version)
        plain = engine.with_head(head).with_recognizers(())
        texts = [r.text for r in rows]
        for recognizer in engine.recognizers:
            idx = fired_rows(texts, recognizer)
            sub = [texts[i] for i in idx]
            gold = [rows[i].level for i in idx]
            before = [s.level for s in plain.score_batch(sub)] if sub else []
            after = [s.level for s in plain.with_recognizers([recognizer]).score_batch(sub)] if sub else []
            res = dict(_changes(before, after, gold), fires=len(idx), rows=len(rows))
            report[f"{recognizer.name} on {test_name}"] = res
            print(f"  {recognizer.name:<15} on {test_name:<10} fires on {len(idx):>4} of {len(rows)} rows; "
                  f"changes {res['changed']:>3}: toxic-vs-clean {res['binary_fixed']} fixed / "
                  f"{res['binary_broken']} broken; exact level {res['level_fixed']} fixed / "
                  f"{res['level_broken']} broken", file=out)
        report[f"{train_name}->{test_name}"] = _whole_source(plain, engine.recognizers, rows, train_name, out)
    return report


def _whole_source(plain, recognizers: Sequence[Recognizer], rows, train_name: str, out) -> dict[str, Any]:
    """The whole test source: the head alone on every row (as ``train.cross_source`` scores it), the rows some
    recognizer fires on re-scored by the engine without and with all recognizers; alt-profanity-check alongside."""
    from ml_backend.toxicity.profanity import profanity_scores
    from ml_backend.toxicity.train import DEFAULT_CACHE, embed_cached

    texts = [r.text for r in rows]
    gold = [r.level for r in rows]
    prof = np.asarray(profanity_scores(texts))
    X = embed_cached(plain.encoder, texts, DEFAULT_CACHE)
    base = [int(v) for v in plain.head.levels(*plain.head.predict(X, prof))]
    idx = sorted({i for r in recognizers for i in fired_rows(texts, r)})
    sub = [texts[i] for i in idx]
    without, with_all = list(base), list(base)
    if sub:
        for i, s in zip(idx, plain.score_batch(sub)):
            without[i] = s.level
        for i, s in zip(idx, plain.with_recognizers(recognizers).score_batch(sub)):
            with_all[i] = s.level
    res = {"no rules": summarise(without, gold), "all recognizers": summarise(with_all, gold),
           "alt-profanity-check": summarise([2 if q >= 0.5 else 0 for q in prof], gold)}
    cells = ";  ".join(f"{k} F1 {v['binary']['f1']:.3f} 3-level {v['level_accuracy']:.3f}" for k, v in res.items())
    print(f"  whole source {train_name}->{rows[0].source} (n={len(rows)}, {len(idx)} rows re-scored): {cells}",
          file=out)
    return res


def held_out_sets(holdout: bool = False) -> dict[str, tuple[list[str], list[int]]]:
    """name -> (texts, gold levels) of every held-out set (the check set's holdout part only when asked)."""
    suite = load_functional_suite()
    sets = {"functional": ([r["text"] for r in suite], [r["level"] for r in suite])}
    written = [r for r in load_eval_set() if r["source"] == "written"]
    for split in ("test", "fresh"):
        part = [r for r in written if r["split"] == split]
        sets[f"written {split}"] = ([r["text"] for r in part], [r["level"] for r in part])
    if holdout:
        part = load_check_set(split="holdout")
        sets["check holdout"] = ([r["text"] for r in part], [r["level"] for r in part])
    return sets


def on_sets(holdout: bool = False, out=sys.stdout) -> dict[str, Any]:
    """The default engine on every held-out set: all recognizers, each left out, none (module docstring)."""
    engine = get_toxicity_engine(DEFAULT_MODEL)
    variants = {"all recognizers": engine.recognizers, "none": ()}
    for r in engine.recognizers:
        variants[f"without {r.name}"] = tuple(x for x in engine.recognizers if x is not r)
    report: dict[str, Any] = {}
    print("\nheld-out sets: toxic-vs-clean F1 / three-level accuracy", file=out)
    for name, (texts, gold) in held_out_sets(holdout).items():
        report[name] = {}
        cells = []
        for label, recognizers in variants.items():
            pred = [s.level for s in engine.with_recognizers(recognizers).score_batch(texts)]
            res = summarise(pred, gold)
            report[name][label] = res
            cells.append(f"{label} {res['binary']['f1']:.3f} / {res['level_accuracy']:.3f}")
        print(f"  {name:<14} (n={len(texts):>3})  " + ";  ".join(cells), file=out)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_toxicity_rules [--holdout] [--no-sources]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.evaluate_toxicity_rules --holdout")
    parser.add_argument("--holdout", action="store_true",
                        help="also the check set's held-out part (score it once, at the end of a round)")
    parser.add_argument("--no-sources", action="store_true", help="skip the training-source measurement")
    args = parser.parse_args(argv)
    print(f"engine: {get_toxicity_engine(DEFAULT_MODEL).model_version}")
    if not args.no_sources:
        on_sources()
    on_sets(args.holdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
