"""Every generated page in a real browser (headless Chromium): MathML laid out, no errors.

Drives Debian's chromium through Playwright's Python package (no browser download).
The page itself carries no script; the test evaluates its checks from outside.
"""

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)")
pytestmark = [pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install -y chromium)"),
    pytest.mark.slow]  # every bank page in a real browser: over a minute

OUTPUT = Path(__file__).resolve().parents[2] / "build" / "test-output" / "report"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

LAYOUT = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const maths = Array.from(document.querySelectorAll('math'));
  // A fraction laid out as MathML has its numerator above its denominator.
  const fractions = Array.from(document.querySelectorAll('mfrac')).map(f => {
    const num = f.children[0].getBoundingClientRect();
    const den = f.children[1].getBoundingClientRect();
    return num.bottom <= den.top + 1;
  });
  return {sizes: maths.map(box), display: maths.map(m => getComputedStyle(m).display),
          fractions: fractions, svgs: Array.from(document.querySelectorAll('svg')).map(box)};
}"""


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except Exception as err:  # pragma: no cover - depends on the machine
            pytest.skip(f"chromium does not start under Playwright: {err}")
        yield b
        b.close()


def test_every_page(site, browser):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 2
    for path in pages:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        problems, requests = [], []
        page.on("console", lambda m, out=problems: out.append(m.text)
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e, out=problems: out.append(str(e)))
        page.on("request", lambda r, out=requests: out.append(r.url))
        page.goto(path.as_uri())
        layout = page.evaluate(LAYOUT)
        assert problems == [], f"{path.name}: {problems}"
        assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
        if path.name != "index.html":
            assert layout["sizes"], f"{path.name} has no math"
            assert all(w > 0 and h > 0 for w, h in layout["sizes"]), path.name
            assert set(layout["display"]) <= {"block math", "math"}, layout["display"]
            assert layout["fractions"] and all(layout["fractions"]), path.name
            assert layout["svgs"] and all(w > 0 and h > 0 for w, h in layout["svgs"])
        shot = OUTPUT / f"{path.stem}.png"
        page.screenshot(path=str(shot), full_page=path.stem == "three_state_cycle")
        assert shot.stat().st_size > 10_000
        page.close()
