"""docs/notebook.ipynb runs top to bottom in a Jupyter kernel (nbclient) without errors,
and each record it shows displays as it should."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
pytest.importorskip("ipykernel", reason="ipykernel is not installed")


def test_notebook_executes():
    nb = nbformat.read(ROOT / "docs" / "notebook.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError:
        raise  # the notebook is wrong: fail
    except (NoSuchKernel, RuntimeError, nbclient.exceptions.DeadKernelError) as err:
        pytest.skip(f"the Jupyter kernel cannot start here: {err}")
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = nb.cells[1].outputs[0]["data"]
    assert {"text/latex", "text/html", "text/plain"} <= set(shown)
    assert r"\Sigma" in shown["text/latex"] and "<math" in shown["text/html"]
    assert "True True" in nb.cells[3].outputs[0]["text"]
    cells = {cell.id: cell for cell in nb.cells}
    (report,) = cells["5b2f8c1e"].outputs  # the ValidationReport: a table of verdicts
    assert {"text/html", "text/markdown", "text/plain"} <= set(report["data"])
    assert "<table>" in report["data"]["text/html"] and "validated" in report["data"]["text/html"]
    assert report["data"]["text/plain"].startswith("<ValidationReport 'Steady state")
    (checked,) = cells["a83e5f02"].outputs  # a wrong answer to sf.check
    assert {"text/html", "text/markdown"} <= set(checked["data"])
    assert "wrong" in checked["data"]["text/html"] and "Counterexample" in checked["data"][
        "text/html"]
    assert "| p\\_1 | **wrong** |" in checked["data"]["text/markdown"]
    (line,) = cells["e0c9b6d4"].outputs  # repr(d): one short line
    text = line["data"]["text/plain"]
    assert text.startswith("\"<Derivation 'Steady state of the kinetic scheme' kinetic: ")
    assert "\n" not in text and len(text) < 200
    # Nothing a cell shows restyles the notebook: every rule is under .symflux-report.
    for out in (o for o in outputs if "text/html" in o.get("data", {})):
        for css in re.findall(r"<style>(.*?)</style>", out["data"]["text/html"], re.S):
            rules = re.findall(r"([^{}]+)\{", css)
            assert rules and all(s.strip().startswith(".symflux-report") for r in rules
                                 for s in r.split(",")), css
