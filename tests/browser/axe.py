"""axe-core in a Playwright page: run it, and fail with a readable list of violations.

    from tests.browser.axe import assert_no_violations

    page.goto(url)
    assert_no_violations(page)

axe-core comes from npm (``npm ci``, done by ``scripts/setup --test``).
"""

from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.1 level AA, the level the Polish act on digital accessibility requires.
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def run_axe(page, tags=WCAG_21_AA):
    """The axe violations of the page as loaded now (a list of axe's violation dicts)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (scripts/setup --test).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script> element: the portal's Content-Security-Policy
        # refuses inline scripts, and Playwright's evaluate is not subject to it.
        page.evaluate(f"() => {{\n{AXE_SCRIPT.read_text(encoding='utf-8')}\n}}")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return results["violations"]


def describe(violations):
    """One paragraph per violation: rule, impact, what to do, and where."""
    lines = []
    for violation in violations:
        impact, rule, help_text = violation["impact"], violation["id"], violation["help"]
        lines.append(f"[{impact}] {rule}: {help_text} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def assert_no_violations(page, tags=WCAG_21_AA):
    violations = run_axe(page, tags)
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n{describe(violations)}"
    )
