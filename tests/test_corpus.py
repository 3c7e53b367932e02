"""Every real document of ../shared/corpus goes through extract: no exception,
exact offsets, nothing absurd (skipped where the corpus is absent)."""

import re

import pytest

import govtext
from govtext.extractors.initiatives import announced_count
from govtext.lexicons import table


def test_every_corpus_document_extracts_cleanly(corpus):
    paths = sorted((corpus / "docs").glob("*.txt"))
    assert len(paths) > 50
    problems = []
    unit_kinds = dict(table("units.tsv", 2))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        document = govtext.extract(text, doc_id=path.stem)
        for kind in ("indicators", "times", "initiatives", "events"):
            for record in getattr(document, kind):
                if text[record.start : record.end] != record.text or not record.text or not record.rule:
                    problems.append((path.stem, kind, record))
        for indicator in document.indicators:
            # the largest real quantities are computing power (10.36百亿亿次/秒, ~1e19); only
            # a rate or an amount written with its sign (增速-3.8%) is below zero
            signed = unit_kinds.get(indicator.unit) in ("percent", "currency") and any(
                sign in indicator.text for sign in "-−负"
            )
            if (indicator.value < 0 and not signed) or indicator.value > 10**20:
                problems.append((path.stem, "absurd value", indicator))
            if indicator.value_max is not None and indicator.value_max <= indicator.value:
                problems.append((path.stem, "range upside down", indicator))
        for time in document.times:
            # every year of the value (2024-05-11, /2035, 2021/2025) is a plausible one; the
            # corpus names the nineteenth century's decades (十九世纪四十年代 -> 1840/1849)
            years = re.findall(r"(?<![\dQH])\d{4}", time.value)
            if not years or not all("1800" <= year <= "2100" for year in years):
                problems.append((path.stem, "absurd time", time))
        for initiative in document.initiatives:
            # a counted name's members number its count (两个维护 has two); only a list the
            # text marks as partial with 等 has fewer
            count = announced_count(initiative.name)
            if count and initiative.members:
                partial = initiative.members_source == "text-partial"
                if len(initiative.members) > count or (len(initiative.members) < count and not partial):
                    problems.append((path.stem, "members differ from the count", initiative))
    assert problems == []


def test_seed_article_is_dated_after_the_year_it_reviews(corpus):
    text = (corpus / "docs" / "seed-wujin-cppcc-2024.txt").read_text(encoding="utf-8")
    assert govtext.extract(text).reference_date == "2025"


@pytest.mark.parametrize(
    "doc,expected",
    [("nat-2024", "2024-03-05"), ("nat-1998", "1998-03-05"), ("county-hailar-2016", "2016-02-19"),
     ("prov-beijing-2026", "2026-01-25"), ("news-guangdong-h1-economy-2026", "2026-07-23")],
)
def test_reference_dates_of_real_documents(corpus, doc, expected):
    text = (corpus / "docs" / f"{doc}.txt").read_text(encoding="utf-8")
    assert govtext.extract(text).reference_date == expected
