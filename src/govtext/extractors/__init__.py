"""The extractors, one module per record type, run in this order by the pipeline.

Initiatives run first: the numbered names they claim (``四大工程``) are never
counted as quantities by the indicator extractor.
"""

from .base import Context
from .indicators import IndicatorExtractor
from .initiatives import InitiativeExtractor
from .times import TimeExtractor

EXTRACTORS = (InitiativeExtractor(), IndicatorExtractor(), TimeExtractor())

__all__ = ["EXTRACTORS", "Context", "IndicatorExtractor", "InitiativeExtractor", "TimeExtractor"]
