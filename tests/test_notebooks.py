"""The notebooks of notebooks/ run top to bottom, warning-free, and save their plots.

Each notebook runs in a python3 kernel of this very interpreter (so it sees the govtext
under test), with the working directory notebooks/, matplotlib's Agg backend and the
plots saved to test-artifacts/notebooks/<notebook>/. The notebooks that read the real
reports skip, with the reason, where the corpus is absent.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "notebooks"
# the plots each notebook saves; a notebook not listed here reads no corpus and saves none
CORPUS_NOTEBOOK_PLOTS = {
    "02-growth-targets": {"gdp-growth-targets.png", "provincial-gdp-targets-2026.png"},
    "03-attention-and-topics": {"attention-by-year.png", "topic-shares-by-year.png"},
    "04-chronicle": {"events-by-date.png"},
}
# each notebook runs in well under a minute on two cores; a cell taking longer than this hangs
CELL_TIMEOUT_SECONDS = 120
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def notebook_paths():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_are_there():
    assert [path.stem for path in notebook_paths()] == ["01-quickstart", *CORPUS_NOTEBOOK_PLOTS]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem)
def test_notebook_is_saved_without_outputs(path):
    # outputs would put images and tables of the corpus into the repository
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:80]


@pytest.fixture
def python3_kernel(tmp_path, monkeypatch):
    """A python3 kernelspec that runs this interpreter, found before any other.

    A user's own python3 kernelspec (``ipykernel install --user``) may point to another
    Python; JUPYTER_PATH comes first in the kernelspec search, so the kernel is this
    environment's whatever else is installed, and nothing outside tmp_path is written.
    """
    kernelspec = pytest.importorskip("ipykernel.kernelspec", reason="pip install '.[test]' brings ipykernel")
    kernelspec.write_kernel_spec(tmp_path / "kernels" / "python3")
    spec = json.loads((tmp_path / "kernels" / "python3" / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return "python3"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(path, python3_kernel, request, monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="pip install '.[test]' brings nbformat")
    nbclient = pytest.importorskip("nbclient", reason="pip install '.[test]' brings nbclient")
    plots = CORPUS_NOTEBOOK_PLOTS.get(path.stem, set())
    if path.stem in CORPUS_NOTEBOOK_PLOTS:
        corpus = request.getfixturevalue("corpus")  # skips, saying why, when it is absent
        monkeypatch.setenv("GOVTEXT_CORPUS", str(corpus))
    figures = ARTIFACTS / path.stem
    figures.mkdir(parents=True, exist_ok=True)
    for stale in figures.glob("*.png"):
        stale.unlink()
    # the kernel inherits this process's environment
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("GOVTEXT_FIGURES", str(figures))

    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, kernel_name=python3_kernel, timeout=CELL_TIMEOUT_SECONDS,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # a failing cell raises CellExecutionError with its traceback

    stderr = [output["text"] for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "stream" and output.get("name") == "stderr"]
    assert stderr == [], "".join(stderr)  # warnings (a missing glyph, a deprecation) included
    assert {figure.name for figure in figures.glob("*.png")} == plots
    for plot in plots:
        assert (figures / plot).read_bytes().startswith(PNG_SIGNATURE)
