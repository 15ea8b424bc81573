"""ScriptNameRecognizer: full names written in Han, Hangul, Arabic, Devanagari or Bengali script, with no cue
("请给王伟写信", "अमित कुमार को लिखें"), from Faker's name lists for those scripts. Plain non-English text is never
flagged for being non-English."""

from __future__ import annotations

import pytest

from pii_helpers import engine_verdict

# new guideline cases, written before the rule (issue 13 item 3): (text, has_pii)
CASES = [
    ("请帮我给李娜写一封生日祝福", True),
    ("陈静的简历写得怎么样？", True),
    ("明天我要跟刘洋见面，帮我准备几个问题", True),
    ("박지훈 님에게 감사 편지를 써 주세요", True),
    ("أرسل بريدا إلى أحمد الخطيب بخصوص الاجتماع", True),
    ("ما رأيك في خطة سارة المنصوري للمشروع؟", True),
    ("प्रिया वर्मा के लिए एक बधाई संदेश लिखें", True),
    ("मेरे सहकर्मी अमित कुमार को ईमेल लिखो", True),
    ("অর্পিতা চৌধুরী কে একটি চিঠি লিখুন", True),
    ("请写一首关于春天的诗", False),
    ("王国的历史很长，请总结一下", False),
    ("高强度训练有什么好处？", False),
    ("اكتب قصيدة عن نور الشمس", False),
    ("ما هي فوائد الشاي الأخضر؟", False),
    ("भारत की राजधानी क्या है?", False),
    ("सूरज की रोशनी के बारे में कविता लिखें", False),
    ("오늘 날씨가 어때요?", False),
    ("এই বাক্যটি ইংরেজিতে অনুবাদ করুন", False),
]


@pytest.mark.parametrize("text,has_pii", CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    assert engine_verdict(text)[0] is has_pii


def test_spans_and_certainty() -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.script_names import ScriptNameRecognizer

    text = "请给王伟写信。박지훈 님께. أرسل إلى محمد بن سلمان. नेहा गुप्ता"
    cands = ScriptNameRecognizer().find(TextContext(text, None))
    assert [text[c.start:c.end] for c in cands] == ["王伟", "박지훈", "محمد بن سلمان", "नेहा गुप्ता"]
    assert all(c.certain and c.label == "Name" for c in cands)


def test_ordinary_arabic_given_name_needs_a_listed_surname() -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.script_names import ScriptNameRecognizer

    assert ScriptNameRecognizer().find(TextContext("نور الشمس جميلة", None)) == []
