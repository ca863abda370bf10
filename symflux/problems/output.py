"""The report folder as a guarded place: files symflux writes, and only those.

``symflux report -o DIR`` writes into DIR only: every file is written to a temporary file
in DIR and renamed onto its name, so a symbolic link planted at ``DIR/p.tex`` is
replaced, never followed out of DIR. DIR keeps a manifest (``.symflux-report``, one
file name a line) of what symflux wrote; a file that is not in it is the user's and is
never replaced unless ``force``.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> (out / "index.html").write_text("mine")
4
>>> OutputFolder(out).claim(["index.html"])
Traceback (most recent call last):
...
symflux.errors.ReportError: ...index.html... was not written by symflux; ...
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from symflux.errors import ReportError

__all__ = ["MANIFEST", "OutputFolder"]

#: The manifest file of a report folder.
MANIFEST = ".symflux-report"


class OutputFolder:
    """A report folder: checked when opened, written only through :meth:`write`."""

    def __init__(self, out: str | Path, *, force: bool = False):
        path = Path(out)
        if path.exists() and not path.is_dir():
            raise ReportError(f"output {path} is a file, not a folder; give a folder to write "
                              "the report in (it is created if missing)")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ReportError(f"cannot create the output folder {path}: {err.strerror} "
                              "(is a part of the path a file?)") from None
        self.path, self.force = path, force
        self.owned = self._manifest()

    def _manifest(self) -> set[str]:
        file = self.path / MANIFEST
        if not os.path.lexists(file):
            return set()
        info = os.lstat(file)
        if not stat.S_ISREG(info.st_mode):
            if self.force:
                return set()
            raise ReportError(f"{file} is not a regular file (a link?); remove it or pass "
                              "--force")
        return {line for line in file.read_text(encoding="utf-8").splitlines() if line}

    def claim(self, names: Iterable[str]) -> None:
        """Refuse, before anything is written, names held by files symflux did not write."""
        names = [self._leaf(n) for n in names]
        foreign = [n for n in names if os.path.lexists(self.path / n) and n not in self.owned]
        if foreign and not self.force:
            shown = ", ".join(str(self.path / n) for n in foreign[:5])
            more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            raise ReportError(f"{shown}{more} was not written by symflux; refusing to replace "
                              "it. Choose an empty folder, remove the file, or pass --force")
        self.owned |= set(names)
        self.write(MANIFEST, "".join(f"{n}\n" for n in sorted(self.owned)), manifest=True)

    def write(self, name: str, text: str, *, manifest: bool = False) -> None:
        """Write ``DIR/name`` by renaming a temporary file onto it (links are not followed)."""
        name = self._leaf(name)
        if not manifest and name not in self.owned:
            raise ReportError(f"{name} was not claimed for this report")
        target = self.path / name
        if os.path.isdir(target) and not os.path.islink(target):
            raise ReportError(f"{target} is a folder; remove it to write the report")
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".symflux-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, target)
        except OSError as err:
            os.unlink(tmp) if os.path.exists(tmp) else None
            raise ReportError(f"cannot write {target}: {err.strerror}") from None

    @staticmethod
    def _leaf(name: str) -> str:
        if not name or "/" in name or "\\" in name or name in (".", "..") or "\0" in name:
            raise ReportError(f"{name!r} is not a plain file name")
        return name
