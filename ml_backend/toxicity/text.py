"""Text clean-up applied before the encoder, the same at training and at prediction.

What it removes is what says where a text came from rather than how rude it is: HTML entities (the Davidson
tweets hold ``&amp;`` and ``&#128514;``), retweet markers, @handles and URLs; runs of 4+ identical punctuation marks
become 3; whitespace is collapsed; lone surrogates become U+FFFD (the tokenizer needs valid UTF-8). Training only:
:func:`detokenize_ptb` undoes the Stormfront sentences' tokenised spacing (``do n't`` -> ``don't``).

Every pattern is linear-time (no nested quantifiers; bounded repeats), checked by a fuzz test.

Example:
    >>> normalise_text("RT @someone: you &amp; me!!!!!! http://t.co/x")
    'you & me!!!'
    >>> detokenize_ptb("I do n't know , he said .")
    "I don't know, he said."
"""

from __future__ import annotations

import html
import re

from ml_backend.valid_unicode import without_surrogates

_URL = re.compile(r"\bhttps?://\S{1,500}|\bwww\.\S{1,500}")
_MENTION = re.compile(r"(?<![\w@])@\w{1,30}:?")
_RETWEET = re.compile(r"(?<!\w)RT(?!\w):?")
_PUNCT_RUN = re.compile(r"([!?.,*~=_-])\1{3,}")
_SPACE = re.compile(r"\s+")

_PTB = (
    (re.compile(r"\b(ca|wo|do|does|did|is|are|was|were|have|has|had|could|would|should|must|need|ai) n't\b",
                re.IGNORECASE), r"\1n't"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" ([,.!?;:%)\]])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
)


def normalise_text(text: str) -> str:
    """The encoder's view of ``text`` (see the module docstring).

    >>> normalise_text("  Hello\\n\\n  world \\ud800 ")
    'Hello world \\ufffd'
    """
    text = without_surrogates(text)
    text = html.unescape(text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _RETWEET.sub(" ", text)
    text = _PUNCT_RUN.sub(r"\1\1\1", text)
    return _SPACE.sub(" ", text).strip(" :\"'")


def detokenize_ptb(text: str) -> str:
    """Undo Penn-Treebank-style spacing (``do n't``, `` , ``, ``` `` ```) in a training sentence.

    >>> detokenize_ptb("`` scum '' , he said")
    '"scum", he said'
    """
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return text
