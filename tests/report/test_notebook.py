"""docs/notebook.ipynb runs top to bottom in a Jupyter kernel (nbclient) without errors."""

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
