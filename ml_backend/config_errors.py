"""Why a label config does not parse, in words of our own: the problem, the tag, the line and column; never a copy
of the config.

libxml2 (which parses the config under the Label Studio SDK) quotes the config in some messages: the rest of an
unfinished CDATA section or comment, an undefined entity's name, an attribute's or an unknown tag's name. A config
can hold task text in its examples, and the error goes back to the client, into Label Studio's model error and
into a training job's status. So the message is rebuilt from libxml2's error code and position; a tag is named
only when it is a Label Studio or HTML tag (a name from the config's structure, not from its text).

    >>> describe_parse_error("<View><Header value='Tom &Alice; Jerry'/></View>")
    "an undefined entity (a '&' that is text is written &amp;), line 1, column 33"
    >>> describe_parse_error("<View>\\n<Header value='x'></Text></View>")
    'the end tag </Text> does not close <Header> (opened on line 2), line 2, column 26'
    >>> describe_parse_error("<View><Alice></View>")
    'the end tag </View> does not close an unknown tag (opened on line 1), line 1, column 21'
    >>> describe_parse_error("<View><Header></Alice></View>")
    'the end tag of an unknown tag does not close <Header> (opened on line 1), line 1, column 23'
"""

from __future__ import annotations

import re

from lxml import etree

# Label Studio's tags (object, control, label and visual tags of 1.23.2) and the HTML a config may use, lowercase
_KNOWN_TAGS = frozenset("""
    view header style collapse panel filter repeater script text hypertext paragraphs list table image audio
    audioplus video timeseries channel chat pdf markdown choices choice labels label rating textarea taxonomy
    number datetime ranker bucket pairwise relations relation rectangle rectanglelabels polygon polygonlabels
    keypoint keypointlabels ellipse ellipselabels brush brushlabels bitmask bitmasklabels magicwand
    hypertextlabels paragraphlabels timeserieslabels timelinelabels videorectangle vector vectorlabels
    videovector videovectorlabels ocrlabels reactcode chatmessage shortcut
    div span p b i u em strong small br hr h1 h2 h3 h4 h5 h6 a ul ol li pre code blockquote sub sup img
    thead tbody tr th td details summary
""".split())

# libxml2's error codes (lxml.etree.ErrorTypes) -> what is wrong, in fixed words
_WHAT = {
    "ERR_DOCUMENT_EMPTY": "no root tag (a config starts with <View>)",
    "ERR_DOCUMENT_END": "something after the end of the root tag (a config is one <View>)",
    "ERR_LT_IN_ATTRIBUTE": "a '<' inside an attribute value (write &lt;)",
    "ERR_NAME_REQUIRED": "a '<' that starts no tag (a '<' that is text is written &lt;)",
    "ERR_ATTRIBUTE_WITHOUT_VALUE": "an attribute without a value (write name=\"value\")",
    "ERR_ATTRIBUTE_NOT_STARTED": "an attribute value not in quotes",
    "ERR_ATTRIBUTE_REDEFINED": "an attribute given twice in one tag",
    "ERR_SPACE_REQUIRED": "attributes not separated by a space",
    "ERR_INVALID_CHAR": "a character XML does not allow (a control character such as NUL)",
    "ERR_INVALID_CHARREF": "an invalid character reference (&#...;)",
    "ERR_INVALID_DEC_CHARREF": "an invalid character reference (&#...;)",
    "ERR_INVALID_HEX_CHARREF": "an invalid character reference (&#x...;)",
    "ERR_UNDECLARED_ENTITY": "an undefined entity (a '&' that is text is written &amp;)",
    "ERR_ENTITYREF_SEMICOL_MISSING": "a '&' that starts no entity (write &amp;)",
    "ERR_ENTITYREF_NO_NAME": "a '&' that starts no entity (write &amp;)",
    "ERR_MISPLACED_CDATA_END": "']]>' outside a CDATA section",
    "ERR_CDATA_NOT_FINISHED": "a CDATA section (<![CDATA[) that is never closed",
    "ERR_COMMENT_NOT_FINISHED": "a comment (<!--) that is never closed",
    "ERR_HYPHEN_IN_COMMENT": "'--' inside a comment",
    "ERR_RESERVED_XML_NAME": "an XML declaration (<?xml ...?>) that is not at the very start",
    "ERR_PI_NOT_FINISHED": "a processing instruction (<?...?>) that is never closed",
    "ERR_UNKNOWN_ENCODING": "an encoding the parser does not know",
    "ERR_INVALID_ENCODING": "text that is not in its declared encoding",
    "NS_ERR_UNDEFINED_NAMESPACE": "a tag or attribute with an undefined namespace prefix (a ':' in its name)",
    "NS_ERR_XML_NAMESPACE": "an invalid namespace declaration (xmlns)",
    "NS_ERR_QNAME": "a name with an invalid namespace prefix (a ':' in it)",
}
_CODE_NAMES = {v: k for k, v in vars(etree.ErrorTypes).items() if isinstance(v, int) and k.isupper()}
_MISMATCH = re.compile(r"mismatch: (\S+) line (\d+) and (\S+?),? line")
_UNCLOSED = re.compile(r"(?:Premature end of data in tag|Couldn't find end of Start Tag) (\S+) line (\d+)")


def _tag(name: str, end: bool = False) -> str:
    """``<Header>`` (``the end tag </Header>``) for a Label Studio or HTML tag, else "an unknown tag" (its name
    may be the config's text, not its structure)."""
    known = name.casefold() in _KNOWN_TAGS
    if end:
        return f"the end tag </{name}>" if known else "the end tag of an unknown tag"
    return f"<{name}>" if known else "an unknown tag"


def _what(error: etree.XMLSyntaxError) -> str:
    code = _CODE_NAMES.get(error.code, "")
    msg = error.msg or ""
    if code == "ERR_TAG_NAME_MISMATCH" and (m := _MISMATCH.search(msg)):
        return f"{_tag(m.group(3), end=True)} does not close {_tag(m.group(1))} (opened on line {m.group(2)})"
    if code in ("ERR_TAG_NOT_FINISHED", "ERR_GT_REQUIRED") and (m := _UNCLOSED.search(msg)):
        how = "is never closed" if code == "ERR_TAG_NOT_FINISHED" else "has no closing '>'"
        return f"the tag {_tag(m.group(1))} (opened on line {m.group(2)}) {how}"
    if code in _WHAT:
        return _WHAT[code]
    words = code.removeprefix("NS_").removeprefix("ERR_").replace("_", " ").lower()
    return f"not well-formed XML ({words or 'libxml2 error'} {error.code})"


def describe_parse_error(xml: str) -> str | None:
    """What is wrong with ``xml`` as XML and where ("..., line 3, column 14"), or None when it parses. Never
    quotes ``xml``."""
    try:
        etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (error.lineno or 0, 0)
        return f"{_what(error)}, line {line}, column {column}"
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        return "an XML declaration naming an encoding (send the config as text, without encoding=\"...\")"
    return None
