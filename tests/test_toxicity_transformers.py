"""The pluggable transformers path of the toxicity engine, on tiny BERT models built inside the tests.

No model hub is reachable here: each test writes a vocab.txt, builds a tiny ``BertForSequenceClassification``
(trained for a few steps on a toy set where it matters), saves it with ``save_pretrained`` into a tmp dir and
points the engine at that directory, as ``TOXICITY_MODEL=/path`` would. ``BertTokenizer`` (not the fast one) is
used on purpose, built by :func:`make_bert_tokenizer`: in transformers 5, ``BertTokenizerFast(vocab_file=...)``
silently ignores the vocabulary, and so does ``BertTokenizer(vocab_file=...)`` in 5.24 (it takes ``vocab=``).
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="the transformers path needs torch: pip install 'labelguide[hub]'")
transformers = pytest.importorskip(
    "transformers", reason="the transformers path needs transformers: pip install 'labelguide[hub]'"
)

pytestmark = pytest.mark.slow  # about 35 s: imports torch and trains tiny models

from ml_backend import toxicity  # noqa: E402
from ml_backend.toxicity import (  # noqa: E402
    TRANSFORMERS_THRESHOLDS,
    ToxicityModelError,
    TransformersToxicityEngine,
    get_toxicity_engine,
    toxic_label_map,
)

ROOT = Path(__file__).resolve().parents[1]

TOXIC_TOY = ["i hate you", "you are a stupid idiot", "i will kill you", "idiot idiot", "kill them all",
             "you stupid fool"]
CLEAN_TOY = ["have a nice day", "thank you friend", "the weather is nice", "see you at lunch", "good morning",
             "nice to meet you"]
WORDS = sorted({w for t in TOXIC_TOY + CLEAN_TOY for w in t.split()} | {"unseen"})


def make_bert_tokenizer(vocab_txt: Path):
    """A ``BertTokenizer`` over ``vocab_txt``, whichever keyword this transformers version reads.

    transformers 5.x (checked on 5.24) takes ``vocab=`` (a path or a dict) and silently ignores ``vocab_file=``;
    4.x takes ``vocab_file=``. The vocabulary really being read is asserted, since a silent fallback maps every
    word to ``[UNK]``.
    """
    params = inspect.signature(transformers.BertTokenizer.__init__).parameters
    key = "vocab" if "vocab" in params else "vocab_file"
    tokenizer = transformers.BertTokenizer(**{key: str(vocab_txt)}, model_max_length=32)
    assert tokenizer.convert_tokens_to_ids("hate") != tokenizer.unk_token_id, "vocab.txt was not read"
    return tokenizer


def build_tiny_bert(
    path: Path,
    id2label: dict[int, str],
    problem_type: str | None = None,
    train_toxic_index: int | None = None,
    seed: int = 0,
) -> Path:
    """Write a tiny BERT classifier to ``path``; if ``train_toxic_index`` is set, train that output to mean toxic."""
    path.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = make_bert_tokenizer(path / "vocab.txt")
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
        max_position_embeddings=32, num_labels=len(id2label), id2label=id2label,
        label2id={v: k for k, v in id2label.items()}, problem_type=problem_type,
    )
    torch.manual_seed(seed)
    model = transformers.BertForSequenceClassification(config)
    if train_toxic_index is not None:
        texts = TOXIC_TOY + CLEAN_TOY
        enc = tokenizer(texts, padding=True, return_tensors="pt")
        is_toxic = torch.tensor([1.0] * len(TOXIC_TOY) + [0.0] * len(CLEAN_TOY))
        optim = torch.optim.Adam(model.parameters(), lr=1e-2)
        model.train()
        for _ in range(60):
            logits = model(**enc).logits
            if config.num_labels == 1 or problem_type == "multi_label_classification":
                loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[:, train_toxic_index], is_toxic)
            else:
                target = torch.where(is_toxic > 0, train_toxic_index, 1 - train_toxic_index).long()
                loss = torch.nn.functional.cross_entropy(logits, target)
            optim.zero_grad()
            loss.backward()
            optim.step()
        model.eval()
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def trained_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny binary classifier with generic labels, trained so that LABEL_1 means toxic."""
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert") / "tiny-toxic",
                           {0: "LABEL_0", 1: "LABEL_1"}, train_toxic_index=1)


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # never try a hub here
    toxicity._build_engine.cache_clear()
    yield
    toxicity._build_engine.cache_clear()


def test_env_var_selects_the_local_model_and_loads_once(trained_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOXICITY_MODEL", str(trained_dir))
    engine = get_toxicity_engine()
    assert isinstance(engine, TransformersToxicityEngine)
    assert get_toxicity_engine() is engine  # cached per process
    assert engine.thresholds == TRANSFORMERS_THRESHOLDS
    assert engine.model_version.startswith(f"toxicity:transformers-{transformers.__version__}:tiny-toxic@")


def test_trained_tiny_model_separates_toxic_from_clean(trained_dir: Path) -> None:
    engine = get_toxicity_engine(str(trained_dir))
    toxic = engine.score_batch(TOXIC_TOY)
    clean = engine.score_batch(CLEAN_TOY)
    assert min(s.probability for s in toxic) > max(s.probability for s in clean)
    assert all(s.level >= 1 for s in toxic)
    assert all(s.level == 0 for s in clean)
    assert all(0.0 <= s.probability <= 1.0 and s.level in (0, 1, 2) for s in toxic + clean)


def test_probability_is_the_softmax_of_the_toxic_label(trained_dir: Path) -> None:
    engine = get_toxicity_engine(str(trained_dir))
    model = transformers.AutoModelForSequenceClassification.from_pretrained(trained_dir).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(trained_dir)
    texts = ["i will kill you", "good morning", "unseen words here"]
    with torch.no_grad():
        expected = torch.softmax(model(**tokenizer(texts, padding=True, return_tensors="pt")).logits, -1)[:, 1]
    assert engine.probabilities(texts) == pytest.approx(expected.tolist(), abs=1e-5)


def test_batch_equals_one_by_one(trained_dir: Path) -> None:
    engine = get_toxicity_engine(str(trained_dir))
    texts = TOXIC_TOY + CLEAN_TOY + ["", "unseen"]
    batched = engine.score_batch(texts)
    single = [engine.score_batch([t])[0] for t in texts]
    assert [s.level for s in batched] == [s.level for s in single]
    assert [s.probability for s in batched] == pytest.approx([s.probability for s in single], abs=1e-5)


def test_empty_unicode_and_huge_text_are_truncated_not_fatal(trained_dir: Path) -> None:
    engine = get_toxicity_engine(str(trained_dir))
    scores = engine.score_batch(["", "日本語 🙂 ünïcödé", "kill " * 50_000])
    assert len(scores) == 3 and all(s.level in (0, 1, 2) for s in scores)
    assert engine.max_length == 32


@pytest.mark.parametrize(
    ("id2label", "problem_type", "toxic_index"),
    [
        ({0: "toxic", 1: "non-toxic"}, None, 0),  # named labels, toxic first
        ({0: "NOT_OFFENSIVE", 1: "OFFENSIVE"}, None, 1),
        ({0: "toxic", 1: "severe_toxic", 2: "insult"}, "multi_label_classification", 0),  # sigmoid, max of toxic
        ({0: "LABEL_0"}, None, 0),  # one output: its sigmoid is P(toxic)
    ],
)
def test_label_conventions(tmp_path: Path, id2label: dict[int, str], problem_type: str | None,
                           toxic_index: int) -> None:
    path = build_tiny_bert(tmp_path / "m", id2label, problem_type=problem_type)
    engine = TransformersToxicityEngine(str(path))
    model = transformers.AutoModelForSequenceClassification.from_pretrained(path).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    texts = ["i hate you", "have a nice day"]
    with torch.no_grad():
        logits = model(**tokenizer(texts, padding=True, return_tensors="pt")).logits
    if problem_type == "multi_label_classification" or len(id2label) == 1:
        expected = torch.sigmoid(logits).max(-1).values  # every label here is a toxic one
    else:
        expected = torch.softmax(logits, -1)[:, toxic_index]
    assert engine.probabilities(texts) == pytest.approx(expected.tolist(), abs=1e-5)


def test_unreadable_labels_are_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = build_tiny_bert(tmp_path / "sentiment", {0: "NEGATIVE", 1: "POSITIVE"})
    with pytest.raises(ToxicityModelError, match="cannot read the labels"):
        TransformersToxicityEngine(str(path))
    with pytest.raises(ToxicityModelError):
        toxic_label_map({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_model_version_changes_when_the_model_changes(tmp_path: Path) -> None:
    a = TransformersToxicityEngine(str(build_tiny_bert(tmp_path / "m", {0: "LABEL_0", 1: "LABEL_1"})))
    b = TransformersToxicityEngine(str(build_tiny_bert(tmp_path / "m", {0: "clean", 1: "toxic"})))
    assert a.model_version != b.model_version


def test_a_missing_hub_model_fails_when_asked_for_not_at_import() -> None:
    with pytest.raises(ToxicityModelError, match="no-such-org/no-such-model"):
        get_toxicity_engine("no-such-org/no-such-model")


def test_importing_the_engine_loads_neither_torch_nor_transformers() -> None:
    code = ("import sys, ml_backend.toxicity; "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"TOXICITY_MODEL": "no-such-org/no-such-model", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"
