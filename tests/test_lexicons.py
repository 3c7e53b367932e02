"""User lexicons: folders of files named like data/lexicons whose entries add to the built-in ones.

The example sentences are our own writing; the initiatives (三河共治, 五水共治) stand
for programmes a user's region runs that the shipped gazetteer does not list.
"""

import csv
import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import govtext
from files_helper import write_files
from govtext import cli
from govtext.errors import LexiconError
from govtext.lexicons import builtin_table, check_lexicon_folders, known_lexicons, table, user_lexicons
from govtext.segment import cut

# an initiative the gazetteer does not know, found quoted or not (found = any)
ANY_INITIATIVE = "三河共治\t清河、净河、美河\t\tV\tour example\tany\n"
# one found only where the text quotes it (found = quoted), its members unverified (M)
QUOTED_INITIATIVE = "五水共治\t治污水、防洪水、排涝水、保供水、抓节水\t\tM\tour example\tquoted\n"


def picked(records, expected):
    """The records with the fields that the ``expected`` ones give (their text without any)."""
    names = {name for record in expected for name in record} or {"text"}
    return [{name: getattr(record, name) for name in names} for record in records]


# files of the user's folder, the text, the kind of record, what is found without the
# folder and what with it (the fields given)
ADDITIONS = [
    pytest.param(
        {"units.tsv": "垛\tcounter\n"}, "今年收储秸秆300垛。", "indicators",
        [], [{"text": "300垛", "value": 300, "unit": "垛", "name": "秸秆"}],
        id="unit",
    ),
    pytest.param(
        {"domain_terms.tsv": "# terms of our own\n农机购置补贴\n"}, "兑现农机购置补贴资金1.2亿元。", "indicators",
        [{"text": "1.2亿元", "name": "补贴资金"}], [{"text": "1.2亿元", "name": "农机购置补贴资金"}],
        id="domain-term-changes-a-name",
    ),
    pytest.param(
        {"domain_terms.tsv": "改造提升\t50000\tn\n"}, "完成老旧小区改造提升120个。", "indicators",
        [{"text": "120个", "name": "老旧小区改造"}], [{"text": "120个", "name": "老旧小区改造提升"}],
        id="domain-term-with-frequency-and-tag",
    ),
    pytest.param(
        {"initiatives.tsv": ANY_INITIATIVE}, "全面推进三河共治，河道水质持续向好。", "initiatives",
        [], [{"name": "三河共治", "members": ("清河", "净河", "美河"), "members_source": "gazetteer"}],
        id="initiative-unquoted",
    ),
    pytest.param(
        # quoted, the slogan is found without the gazetteer too, but without its members
        {"initiatives.tsv": QUOTED_INITIATIVE}, "深入实施“五水共治”，全市河湖面貌明显改善。", "initiatives",
        [{"name": "五水共治", "members": (), "members_source": None}], [{"name": "五水共治", "members": ("治污水", "防洪水", "排涝水", "保供水", "抓节水"),
              "members_source": "gazetteer-unverified"}],
        id="initiative-quoted",
    ),
    pytest.param(
        {"initiatives.tsv": QUOTED_INITIATIVE}, "坚持五水共治理念。", "initiatives", [], [],
        id="quoted-only-initiative-unquoted-is-not-found",
    ),
    pytest.param(
        # the text's own list wins over the gazetteer's members, as for built-in entries
        {"initiatives.tsv": ANY_INITIATIVE}, "推进三河共治，即清河、净河、美河、亲河。", "initiatives",
        [], [{"name": "三河共治", "members": ("清河", "净河", "美河", "亲河"), "members_source": "text"}],
        id="initiative-members-from-the-text",
    ),
    pytest.param(
        # a user entry with a built-in key replaces the built-in entry
        {"initiatives.tsv": "双碳\t碳达峰、碳中和、绿色转型\t\tM\tour example\tany\n"}, "稳妥推进双碳工作。",
        "initiatives",
        [{"name": "双碳", "members": ("碳达峰", "碳中和"), "members_source": "gazetteer"}],
        [{"name": "双碳", "members": ("碳达峰", "碳中和", "绿色转型"), "members_source": "gazetteer-unverified"}],
        id="replaces-a-built-in-entry",
    ),
]


@pytest.mark.parametrize("files, text, kind, without, with_folder", ADDITIONS)
def test_user_lexicon_adds_to_the_built_in_ones(tmp_path, files, text, kind, without, with_folder):
    folder = write_files(tmp_path / "mine", files)

    def found(expected, **options):
        return picked(getattr(govtext.extract(text, year=2024, **options), kind), expected)

    assert found(without) == without
    assert found(with_folder, lexicons=folder) == with_folder
    assert found(with_folder, lexicons=[str(folder)]) == with_folder  # a list of str paths too
    assert found(without) == without  # nothing of the folder is left behind


def test_later_folder_replaces_earlier_and_adds_to_it(tmp_path):
    first = write_files(tmp_path / "first", {"initiatives.tsv": ANY_INITIATIVE, "units.tsv": "垛\tcounter\n"})
    second = write_files(tmp_path / "second", {"initiatives.tsv": ANY_INITIATIVE.replace("清河、", "")})
    doc = govtext.extract("全面推进三河共治，收储秸秆300垛。", lexicons=[first, second])
    assert [(i.name, i.members) for i in doc.initiatives] == [("三河共治", ("净河", "美河"))]
    assert [i.unit for i in doc.indicators] == ["垛"]
    with user_lexicons(first), user_lexicons(second):  # nested folders add up the same way
        assert [row for row in table("initiatives.tsv", 6, 7) if row[0] == "三河共治"][0][1] == "净河、美河"
        assert ("垛", "counter") in table("units.tsv", 2)


def test_table_merges_in_place_and_the_overlay_ends_with_the_block(tmp_path):
    folder = write_files(tmp_path, {"units.tsv": "垛\tcounter\n%\tratio\n"})
    built_in = builtin_table("units.tsv", 2)
    with user_lexicons(folder) as folders:
        assert folders == (folder.resolve(),)
        merged = table("units.tsv", 2)
        assert merged[: len(built_in)] == tuple(("%", "ratio") if row[0] == "%" else row for row in built_in)
        assert merged[len(built_in):] == (("垛", "counter"),)
        assert ("垛", "counter") not in builtin_table("units.tsv", 2)
    assert table("units.tsv", 2) == built_in


def test_overlay_is_not_seen_by_another_thread(tmp_path):
    folder = write_files(tmp_path, {"units.tsv": "垛\tcounter\n"})
    seen = {}

    def other():
        seen["units"] = [i.unit for i in govtext.extract("收储秸秆300垛。").indicators]

    with user_lexicons(folder):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert [i.unit for i in govtext.extract("收储秸秆300垛。").indicators] == ["垛"]
    assert seen["units"] == []


def test_shared_tokenizer_is_not_changed(tmp_path):
    folder = write_files(tmp_path, {"domain_terms.tsv": "农机购置补贴\n"})
    with user_lexicons(folder):
        assert "农机购置补贴" in cut("兑现农机购置补贴资金")
    assert "农机购置补贴" not in cut("兑现农机购置补贴资金")
    assert "农机购置补贴" not in govtext.segment("兑现农机购置补贴资金。")[0].tokens


def test_an_edited_file_is_read_again(tmp_path):
    folder = write_files(tmp_path, {"units.tsv": "垛\tcounter\n"})
    assert [i.unit for i in govtext.extract("收储秸秆300垛，200捆。", lexicons=folder).indicators] == ["垛"]
    write_files(folder, {"units.tsv": "垛\tcounter\n捆\tcounter\n"})
    units = [i.unit for i in govtext.extract("收储秸秆300垛，200捆。", lexicons=folder).indicators]
    assert units == ["垛", "捆"]


def test_known_lexicons_are_the_shipped_files():
    names = known_lexicons()
    assert {"units.tsv", "initiatives.tsv", "domain_terms.tsv", "attention/environment.tsv"} <= set(names)
    assert "README.md" not in names


def test_a_byte_order_mark_is_read_past(tmp_path):
    folder = write_files(tmp_path, {"units.tsv": "\ufeff垛\tcounter\n"})
    assert [i.unit for i in govtext.extract("收储秸秆300垛。", lexicons=folder).indicators] == ["垛"]


def test_hidden_files_are_not_lexicons(tmp_path):
    folder = write_files(tmp_path, {".units.tsv.swp": b"\x00", ".git/config": "x", "units.tsv": "垛\tcounter\n"})
    assert [i.unit for i in govtext.extract("收储秸秆300垛。", lexicons=folder).indicators] == ["垛"]


# files of the user's folder, and a regular expression the error message must match
BAD_FOLDERS = [
    pytest.param({"unit.tsv": "垛\tcounter\n"}, r"unit\.tsv: not a govtext lexicon.*units\.tsv", id="unknown-name"),
    pytest.param({"notes.txt": "my notes\n"}, r"notes\.txt: not a govtext lexicon", id="not-a-lexicon-file"),
    pytest.param({"units.tsv": "垛\tcounter\n\tcounter\n"}, r"units\.tsv:2: .*non-empty first field", id="empty-key"),
    pytest.param({"units.tsv": "垛\tcounter\n垛\tmeasure\n"}, r"units\.tsv:2: duplicate entry '垛' \(first at line 1\)",
                 id="duplicate"),
    pytest.param({"units.tsv": "垛\tcounter\n".encode("gbk")}, r"units\.tsv: not UTF-8 text", id="not-utf8"),
    pytest.param({"units.tsv": "# a comment\n垛\n"}, r"units\.tsv:2: expected 2 tab-separated fields",
                 id="too-few-fields"),
    pytest.param({"initiatives.tsv": "三河共治\t清河、净河、美河\n"}, r"initiatives\.tsv:1: expected 6 to 7 tab-separated",
                 id="initiative-without-its-columns"),
    pytest.param({"domain_terms.tsv": "农机购置补贴\t很多\n"}, r"domain_terms\.tsv:1: the frequency of '农机购置补贴' must be",
                 id="frequency-not-a-number"),
    pytest.param({"domain_terms.tsv": "红武共进 界别同行\n"}, r"domain_terms\.tsv:1: .*white space", id="term-with-space"),
    pytest.param({"magnitudes.tsv": "兆\tmany\n"}, r"do not fit what govtext reads.*numerals\.magnitudes",
                 id="value-not-a-number"),
]


@pytest.mark.parametrize("files, message", BAD_FOLDERS)
def test_bad_user_lexicon_is_a_clear_error(tmp_path, files, message):
    folder = write_files(tmp_path / "mine", files)
    with pytest.raises(LexiconError, match=message):
        govtext.extract("今年收储秸秆300垛，兑现农机购置补贴资金1.2亿元。", lexicons=folder)
    # the next call without the folder is not affected by the failed one
    assert [i.text for i in govtext.extract("兑现补贴资金1.2亿元。").indicators] == ["1.2亿元"]


@pytest.mark.parametrize("make", [lambda root: root / "missing", lambda root: write_files(root, {"a.tsv": ""}) / "a.tsv"],
                         ids=["missing-folder", "a-file"])
def test_lexicons_must_be_a_folder(tmp_path, make):
    path = make(tmp_path)
    with pytest.raises(LexiconError, match=r"does not exist|is a file"):
        govtext.extract("收储秸秆300垛。", lexicons=path)
    with pytest.raises(LexiconError):
        check_lexicon_folders([tmp_path, path])


# ---------------------------------------------------------------- the command line

REPORT = "2024年工作回顾\n全面推进三河共治，收储秸秆300垛，兑现农机购置补贴资金1.2亿元。\n"


def user_folder(root: Path) -> Path:
    return write_files(root / "my_lexicons", {"initiatives.tsv": ANY_INITIATIVE, "units.tsv": "垛\tcounter\n",
                                               "domain_terms.tsv": "农机购置补贴\n"})


def test_cli_lexicons_add_an_initiative_with_its_members(tmp_path):
    folder = user_folder(tmp_path)
    report = write_files(tmp_path / "in", {"report.txt": REPORT}) / "report.txt"
    command = [sys.executable, "-m", "govtext.cli", "extract", str(report), "-q"]
    plain = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert plain["initiatives"] == []
    result = subprocess.run([*command, "--lexicons", str(folder)], capture_output=True, text=True, check=True)
    document = json.loads(result.stdout)
    assert [(i["name"], i["members"]) for i in document["initiatives"]] == [("三河共治", ["清河", "净河", "美河"])]
    assert [(i["text"], i["unit"], i["name"]) for i in document["indicators"]] == [
        ("300垛", "垛", "秸秆"), ("1.2亿元", "元", "农机购置补贴资金")]


def test_cli_lexicons_reach_the_worker_processes(tmp_path, capsys):
    folder = user_folder(tmp_path)
    inputs = write_files(tmp_path / "in", {f"report-{n}.txt": REPORT for n in range(4)})
    out = tmp_path / "out"
    status = cli.main(["extract", str(inputs), "-o", str(out), "--jobs", "2", "-q", "--lexicons", str(folder)])
    assert status == 0, capsys.readouterr().err
    with open(out / "initiatives.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["name"], json.loads(row["members"])) for row in rows] == [("三河共治", ["清河", "净河", "美河"])] * 4


def test_cli_example_with_lexicons(tmp_path, capsys):
    folder = write_files(tmp_path / "mine", {"initiatives.tsv": ANY_INITIATIVE})
    assert cli.main(["extract", "--example", "--lexicons", str(folder)]) == 0
    assert "INITIATIVES" in capsys.readouterr().out


@pytest.mark.parametrize(
    "files, message",
    [({"unit.tsv": "垛\tcounter\n"}, "not a govtext lexicon"), ({"units.tsv": "垛\n"}, "units.tsv:1: expected 2 tab-separated")],
    ids=["unknown-name", "bad-line"],
)
def test_cli_bad_lexicons_stop_before_any_file(tmp_path, capsys, files, message):
    folder = write_files(tmp_path / "mine", files)
    report = write_files(tmp_path / "in", {"report.txt": REPORT}) / "report.txt"
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(report), "-o", str(out), "--lexicons", str(folder)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("command", ["extract", "panel", "topics"])
def test_cli_lexicons_must_be_a_folder(tmp_path, capsys, command):
    report = write_files(tmp_path, {"report.txt": REPORT}) / "report.txt"
    with pytest.raises(SystemExit) as exit_:
        cli.parse_args([command, str(report), "--lexicons", str(tmp_path / "missing")])
    assert exit_.value.code == 2
    assert "--lexicons takes a folder" in capsys.readouterr().err


def test_cli_panel_with_lexicons(tmp_path, capsys):
    pytest.importorskip("pandas")
    folder = write_files(tmp_path / "mine", {"attention/environment.tsv": "三河共治\n"})
    inputs = write_files(tmp_path / "in", {"a.txt": REPORT, "b.txt": "推进产业升级。\n"})
    output = tmp_path / "panel.csv"
    assert cli.main(["panel", str(inputs), "-o", str(output), "-q", "--jobs", "1"]) == 0
    plain = output.read_text(encoding="utf-8")
    assert cli.main(["panel", str(inputs), "-o", str(output), "-q", "--jobs", "1", "--lexicons", str(folder)]) == 0
    import pandas

    hits = pandas.read_csv(output)["environment_hits"]
    assert hits[0] == pandas.read_csv(io.StringIO(plain))["environment_hits"][0] + 1


def test_dask_bag_with_lexicons(tmp_path):
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    from govtext.dask import extract_bag

    folder = user_folder(tmp_path)
    inputs = write_files(tmp_path / "in", {"report.txt": REPORT})
    documents = extract_bag([inputs], lexicons=folder).compute(scheduler="sync")
    assert [i["name"] for i in documents[0]["initiatives"]] == ["三河共治"]
    with pytest.raises(LexiconError, match="does not exist"):
        extract_bag([inputs], lexicons=tmp_path / "missing")


def test_what_is_compiled_from_lexicons_is_cached_per_lexicons():
    """A function cached with functools that reads a lexicon (table, words, mapping) would keep
    the first user lexicons it saw, or miss them: it must use cached_per_lexicons instead."""
    import ast

    source = Path(govtext.__file__).parent
    readers = {"table", "words", "mapping"}
    wrong = []
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            decorators = [ast.unparse(d) for d in node.decorator_list]
            if not any(d in ("functools.cache", "cache") or d.startswith(("functools.lru_cache", "lru_cache"))
                       for d in decorators):
                continue
            called = {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
            if called & readers:
                wrong.append(f"{path.relative_to(source)}:{node.lineno} {node.name}")
    assert wrong == []


def test_counted_gazetteer_names_have_as_many_members_as_they_count():
    from govtext.extractors.initiatives import announced_count

    wrong = []
    for name, members, *_, earlier in table("initiatives.tsv", 6, 7):
        count = announced_count(name)
        # today's members and those of an earlier period (四个全面 until 2020)
        variants = [members] + [v.partition(":")[2] for v in earlier.split(";") if v.strip()]
        for variant in variants:
            separator = "|" if "|" in variant else "、"
            if count and variant and len(variant.split(separator)) != count:
                wrong.append(name)
    assert wrong == []
