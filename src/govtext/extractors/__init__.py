"""The extractors, one module per record type.

Each reads the analysed document (:class:`Context`) and returns candidate records;
none writes state another reads. The pipeline settles what they disagree on (a
count inside an initiative's name is no quantity) and runs the attribution steps
that need more than one record type (events read the times that anchor a
happening; a quantity without a name takes the name of the one before it).
"""

from .base import Context
from .events import EventExtractor
from .indicators import IndicatorExtractor, carry_names
from .initiatives import InitiativeExtractor
from .times import TimeExtractor

__all__ = ["Context", "EventExtractor", "IndicatorExtractor", "InitiativeExtractor", "TimeExtractor",
           "carry_names"]
