"""The extractors, one module per record type, run in this order by the pipeline.

Initiatives run first: the numbered names they claim (``四大工程``) are never
counted as quantities by the indicator extractor. Events run after times: they
read the clauses of the times that anchor a happening.
"""

from .base import Context
from .events import EventExtractor
from .indicators import IndicatorExtractor
from .initiatives import InitiativeExtractor
from .times import TimeExtractor

EXTRACTORS = (InitiativeExtractor(), IndicatorExtractor(), TimeExtractor(), EventExtractor())

__all__ = ["EXTRACTORS", "Context", "EventExtractor", "IndicatorExtractor", "InitiativeExtractor",
           "TimeExtractor"]
