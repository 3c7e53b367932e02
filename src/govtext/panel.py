"""A document panel: one row per document with its main targets and attention measures.

The table a region-year study merges with its statistics, built from what govtext
already computes: the document's metadata, its size, the main expected targets of
:mod:`govtext.targets` and the keyword attention of :func:`govtext.attention`.

Columns, in this order:

- ``doc_id``, ``kind``, ``region``, ``level``, ``year`` (the year of the reference date);
- ``characters``: non-whitespace characters (as :func:`govtext.attention` counts them);
  ``tokens``: the words of the text as :func:`govtext.segment` cuts it (a word holds a
  letter, digit or Chinese character);
- for each target id (``gdp``, ``cpi`` …): ``<id>_target`` (the value, e.g. ``5.0`` for
  ``5%左右``; ``12000000.0`` for ``1200万人``), ``<id>_target_max`` (the upper end of a
  range such as ``6%-6.5%``), ``<id>_qualifier`` (``about``, ``over`` …) and ``<id>_unit``
  (``%`` for a rate, ``元`` for an amount: a level of GDP is ``gdp_level``, never ``gdp``),
  all missing where the report sets no such target, states none (``absent``, as in 2020)
  or gives no range or qualifier; the targets are those of one horizon (``year`` by
  default: the year the report plans; ``plan``: its multi-year targets);
- for each lexicon: ``<lexicon>_tokens``, ``<lexicon>_hits``, ``<lexicon>_token_share``,
  ``<lexicon>_character_share``, ``<lexicon>_sentence_share`` and
  ``<lexicon>_hits_per_10k_characters``, the columns of :func:`govtext.attention` (see
  there for the recipe). ``<lexicon>_tokens`` is the denominator of the token share: the
  text cut with the lexicon's terms kept whole, so it can differ from ``tokens`` by the
  multi-word terms the lexicon joins.

Example:
    >>> import govtext
    >>> doc = govtext.extract("今年主要预期目标是：国内生产总值增长5%左右；加强生态环境保护。",
    ...                       doc_id="demo", year=2024)
    >>> row = panel([doc], targets=("gdp", "cpi")).iloc[0]
    >>> row["doc_id"], int(row["year"]), float(row["gdp_target"]), row["gdp_qualifier"]
    ('demo', 2024, 5.0, 'about')
    >>> bool(row[["cpi_target", "cpi_target_max", "cpi_qualifier"]].isna().all())
    True
    >>> int(row["environment_hits"]), int(row["environment_tokens"]), float(row["environment_token_share"])
    (1, 11, 0.09090909090909091)
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path

from .attention import attention
from .document import Document, require_pandas
from .lexicons import table

# The main expected targets of the national reports (主要预期目标), with the deficit ratio
# that the same reports set for the budget: the ones found in most reports of the corpus.
DEFAULT_TARGETS = (
    "gdp",
    "cpi",
    "urban_new_jobs",
    "surveyed_unemployment",
    "registered_unemployment",
    "grain_output",
    "energy_intensity",
    "deficit_ratio",
)
DOCUMENT_COLUMNS = ("doc_id", "kind", "region", "level", "year", "characters", "tokens")
# attention()'s measures that the panel keeps for each lexicon (its metadata and
# characters are already in the document columns)
ATTENTION_MEASURES = ("tokens", "hits", "token_share", "character_share", "sentence_share",
                      "hits_per_10k_characters")


def target_ids() -> tuple[str, ...]:
    """The ids of the indicators a target can have (``data/lexicons/indicators.tsv``).

    Example:
        >>> {"gdp", "cpi", "urban_new_jobs"} <= set(target_ids())
        True
    """
    return tuple(row[0] for row in table("indicators.tsv", 2))


def _named_lexicons(lexicons) -> dict[str, object]:
    """``{column prefix: lexicon}``: a shipped name or a word-list path names itself (its
    file stem); a mapping gives the prefix of each lexicon (a list of terms, a dict …)."""
    if isinstance(lexicons, Mapping):
        named = {str(prefix): lexicon for prefix, lexicon in lexicons.items()}
    else:
        if isinstance(lexicons, (str, os.PathLike)):
            lexicons = [lexicons]
        named = {}
        for lexicon in lexicons:
            if not isinstance(lexicon, (str, os.PathLike)):
                raise TypeError(
                    f"a lexicon without a name ({type(lexicon).__name__}) needs a column prefix: "
                    "pass a mapping such as {'carbon': ['碳达峰', '碳中和']}")
            prefix = Path(lexicon).stem
            if prefix in named:
                raise ValueError(f"two lexicons would both make columns {prefix}_…; pass a mapping "
                                 "{prefix: lexicon} to name them apart")
            named[prefix] = lexicon
    for prefix in named:
        if not prefix or not prefix.isidentifier():
            raise ValueError(f"column prefix {prefix!r} must be a name such as 'environment' "
                             "(letters, digits, underscores)")
    return named


def _checked_targets(targets) -> tuple[str, ...]:
    targets = (targets,) if isinstance(targets, str) else tuple(targets)
    unknown = [target for target in targets if target not in target_ids()]
    if unknown:
        raise ValueError(f"unknown target ids {unknown}; known: {', '.join(target_ids())}")
    return targets


def _number(value) -> float:
    return math.nan if value is None else float(value)


def _target_columns(document: Document, targets, horizon: str) -> dict:
    found = {}
    for target in document.targets:
        if not target.absent and target.horizon == horizon:
            found.setdefault(target.indicator, target)
    columns = {}
    for indicator in targets:
        target = found.get(indicator)
        columns[f"{indicator}_target"] = _number(target.value if target else None)
        columns[f"{indicator}_target_max"] = _number(target.value_max if target else None)
        columns[f"{indicator}_qualifier"] = target.qualifier if target else None
        columns[f"{indicator}_unit"] = target.unit if target else None
    return columns


def _word_tokens(document: Document) -> int:
    # the token definition of govtext.attention, on the text as govtext.segment cuts it
    return sum(any(ch.isalnum() for ch in token.text)
               for sentence in document.sentences for token in sentence.tokens)


def panel(docs, lexicons=("environment",), *, targets=DEFAULT_TARGETS, horizon: str = "year"):
    """One row per document: metadata, size, main targets and attention (a pandas DataFrame).

    ``docs``: Documents from :func:`govtext.extract` (pass ``kind``, ``region`` and
    ``level`` there to have them in the panel); rows keep their order. ``lexicons``:
    shipped attention lexicon names (:func:`govtext.attention.shipped_lexicons`) or
    word-list paths, whose name or file stem prefixes their columns, or a mapping
    ``{prefix: lexicon}`` for any lexicon :func:`govtext.attention` accepts; ``()`` for
    none. ``targets``: target ids (:func:`target_ids`), by default
    :data:`DEFAULT_TARGETS`. ``horizon``: ``year`` (the targets for the year each report
    plans) or ``plan`` (its multi-year targets). The columns are listed in the module
    docstring. Needs the ``pandas`` extra.

    Example:
        >>> import govtext
        >>> docs = [govtext.extract("今年国内生产总值增长目标为6%-6.5%。", doc_id="a", year=2019),
        ...         govtext.extract("推动数字经济发展。", doc_id="b", year=2020)]
        >>> frame = panel(docs, {"digital": ["数字经济"]}, targets=["gdp"])
        >>> frame[["doc_id", "gdp_target", "gdp_target_max", "digital_hits"]].values.tolist()
        [['a', 6.0, 6.5, 0], ['b', nan, nan, 1]]
    """
    pandas = require_pandas()
    if isinstance(docs, Document):
        docs = [docs]
    docs = list(docs)
    for document in docs:
        if not isinstance(document, Document):
            raise TypeError(f"panel() takes Documents, not {type(document).__name__}: extract each "
                            "text first, e.g. govtext.extract(text, doc_id=..., region=...)")
    targets = _checked_targets(targets)
    if horizon not in ("year", "plan"):
        raise ValueError(f"horizon must be 'year' or 'plan', not {horizon!r}")
    named = _named_lexicons(lexicons)
    rows = []
    for document in docs:
        reference = document.reference_date
        rows.append({
            "doc_id": document.doc_id,
            "kind": document.kind,
            "region": document.region,
            "level": document.level,
            "year": int(reference[:4]) if reference else None,
            "characters": sum(not ch.isspace() for ch in document.text),
            "tokens": _word_tokens(document),
            **_target_columns(document, targets, horizon),
        })
    target_columns = [f"{indicator}_{suffix}" for indicator in targets
                      for suffix in ("target", "target_max", "qualifier", "unit")]
    frame = pandas.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, *target_columns])
    frame["year"] = frame["year"].astype("Int64")
    for prefix, lexicon in named.items():
        measures = attention(docs, lexicon)
        for measure in ATTENTION_MEASURES:
            # attention() indexes its rows by position in docs, as this frame does
            frame[f"{prefix}_{measure}"] = measures[measure].to_numpy()
    return frame
