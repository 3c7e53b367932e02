"""govtext: structured data from Chinese government texts.

Example:
    >>> import govtext
    >>> doc = govtext.extract("报送各类履职成果46件，答复率、满意率均为100%。")
    >>> [(i.name, i.value, i.unit) for i in doc.indicators]
    [('履职成果', Decimal('46'), '件'), ('答复率', Decimal('100'), '%'), ('满意率', Decimal('100'), '%')]
"""

from .attention import attention, attention_terms
from .document import Document
from .errors import GovtextError, LexiconError, MissingExtraError, ReadError
from .glossary import glossary
from .panel import panel
from .pipeline import extract
from .reader import read
from .records import SCHEMA_VERSION, Event, Indicator, Initiative, Mention, Sentence, TimeExpression, Token
from .render import render
from .segment import segment
from .targets import Target, targets_table
from .timeline import timeline

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "Event",
    "GovtextError",
    "Indicator",
    "Initiative",
    "LexiconError",
    "Mention",
    "MissingExtraError",
    "ReadError",
    "Sentence",
    "Target",
    "TimeExpression",
    "Token",
    "attention",
    "attention_terms",
    "extract",
    "glossary",
    "panel",
    "read",
    "render",
    "segment",
    "targets_table",
    "timeline",
]


def __getattr__(name):
    # govtext.topics needs scikit-learn, about a second to import: load it on first use
    # so that `import govtext` stays fast
    if name == "topics":
        import importlib

        return importlib.import_module(".topics", __name__)
    raise AttributeError(f"module 'govtext' has no attribute {name!r}")
