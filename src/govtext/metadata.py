"""What a file's name says about the document in it: year, region and kind.

Collected reports are often named like ``2024年苏州市政府工作报告.txt`` or
``nat-2019.txt``. The name is only a fallback: the command line passes these
fields to :func:`govtext.extract` where the text itself does not say them.
Kind cues are data (``data/lexicons/filename_kinds.tsv``).

Example:
    >>> metadata_from_filename("reports/2024年苏州市政府工作报告.txt")
    {'year': 2024, 'region': '苏州市', 'kind': 'work_report'}
"""

from __future__ import annotations

import os
from pathlib import Path

import regex

from .lexicons import cached_per_lexicons, table

# A year of the People's Republic or shortly before it, not part of a longer number.
_YEAR = regex.compile(r"(?<!\d)(?P<year>19[0-9]{2}|20[0-9]{2})(?!\d)")
_UNIT_SUFFIX = r"(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|自治县|旗)"
# The region stands right before the body that delivers the report (苏州市人民政府,
# 苏州市人大常委会, 政协苏州市委员会), at the start of a run of Chinese characters,
# after a year and 政协 if there are any.
_REGION = regex.compile(
    r"(?:^|(?<=\P{Han}))(?:\d{4}年度?)?(?:中国人民政治协商会议|政协)?"
    rf"(?P<region>\p{{Han}}{{1,30}}?{_UNIT_SUFFIX})"
    r"(?:\d{4}年度?)?(?:人民)?(?:政府|人大|人民代表大会|委员会)"
)


@cached_per_lexicons
def _kind_cues() -> tuple[tuple[str, str], ...]:
    return tuple(table("filename_kinds.tsv", 2))


def metadata_from_filename(path: str | os.PathLike) -> dict:
    """``year``, ``region`` and ``kind`` as far as the file name of ``path`` says them.

    Only the fields the name gives are in the result; the folders above it are
    not read.

    Example:
        >>> metadata_from_filename("政协苏州市委员会常务委员会工作报告（2023年）.md")
        {'year': 2023, 'region': '苏州市', 'kind': 'cppcc_report'}
        >>> metadata_from_filename("county-hailar-2012.txt"), metadata_from_filename("notes.txt")
        ({'year': 2012}, {})
    """
    name = Path(path).stem
    found = {}
    year = _YEAR.search(name)
    if year:
        found["year"] = int(year["year"])
    region = _REGION.search(name)
    if region:
        found["region"] = region["region"]
    kind = next((kind for cue, kind in _kind_cues() if cue in name), None)
    if kind:
        found["kind"] = kind
    return found
