"""The InstructGPT labeling guideline as plain data: the one source of truth.

One module a part of the guideline: ``fields`` (task data and control names), ``values`` (choices, labels,
rules as help), ``items`` (how a question is described), ``instruction``, ``outputs``, ``toxicity``,
``writing``, ``labelers`` (the items of each part) and ``interfaces``. Import from here: ``from label_config
import taxonomy as T`` then ``T.PII``, ``T.INTERFACES`` ...

Every control name, question, choice, help text and condition of every interface lives here. The XML
configs (``label_config.render``), the ML backend, the importers and the exporters import these names;
none of them re-types a control name.

Names are stable: annotations stored in Label Studio refer to them. A per-output item (``per_output=True``)
is a base name; inside the comparison interface's Repeater the i-th output's control is ``<base>_<i>``::

    >>> output_control(LIKERT, 2)
    'likert_2'
    >>> ITEMS[PII].choices
    ('Yes', 'No')
"""

from __future__ import annotations

from label_config.taxonomy.fields import *  # noqa: F401,F403
from label_config.taxonomy.values import *  # noqa: F401,F403
from label_config.taxonomy.items import *  # noqa: F401,F403
from label_config.taxonomy.instruction import *  # noqa: F401,F403
from label_config.taxonomy.outputs import *  # noqa: F401,F403
from label_config.taxonomy.toxicity import *  # noqa: F401,F403
from label_config.taxonomy.writing import *  # noqa: F401,F403
from label_config.taxonomy.labelers import *  # noqa: F401,F403
from label_config.taxonomy.interfaces import *  # noqa: F401,F403
