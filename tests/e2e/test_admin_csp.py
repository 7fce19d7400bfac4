"""In a real browser: the admin works under its Content-Security-Policy (sign in, edit,
preview and publish a page) and public pages load without breaking theirs."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories

pytestmark = pytest.mark.browser

PASSWORD = "a-long-chosen-passphrase"  # noqa: S105 (a test account's password)

# Every frame reports what its policy blocked; the binding outlives navigations.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber} on ${document.location.pathname}`
    );
});
"""


@pytest.fixture
def violations(page):
    """What the page's policy refused, from the violation events and from the console."""
    found = []
    page.expose_binding("reportViolation", lambda _source, text: found.append(text))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    return found


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_superuser("csp-editor", "csp@example.org", PASSWORD)
    yield user
    user.delete()


@pytest.fixture
def draft(site, tree):
    page = factories.StandardPageFactory(parent=tree.home.sv, title="CSP-prov", live=False)
    yield page
    page.delete()


def test_an_editor_signs_in_edits_and_publishes_a_page_without_csp_violations(
    site, tree, page, violations, editor, draft
):
    page.goto(f"{site.url}/admin/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site.url}/admin/")

    page.goto(f"{site.url}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("textbox", name="Title*").fill("CSP-provet")
    # The side panel's preview renders the public template inside the admin.
    page.get_by_role("button", name="Toggle preview").click()
    page.frame_locator("iframe[title]").first.get_by_role("heading", name="CSP-provet").wait_for()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("published").first.wait_for()

    draft.refresh_from_db()
    assert draft.live and draft.title == "CSP-provet"

    # The published page, with Wagtail's user bar for the signed-in editor.
    page.goto(site.url + draft.url)
    page.locator("#wagtail-userbar-trigger").click()
    page.get_by_role("menuitem").first.wait_for()

    # wagtail-localize's translation editor, a script application of its own.
    page.goto(f"{site.url}/admin/pages/{tree.standard['fi'].pk}/edit/")
    page.get_by_text(tree.standard["fi"].title).first.wait_for()
    assert violations == [], "\n".join(violations)


def test_public_pages_load_without_csp_violations(site, tree, page, violations):
    for path in (tree.home.sv.url, tree.booking["fi"].url, tree.ongoing_project["en"].url):
        response = page.goto(site.url + path)
        assert response.status == 200
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        # The inline style sheet applies (the body is a flex column only through it), and
        # the web font, added by a script after the load event, arrives.
        assert page.evaluate("getComputedStyle(document.body).display") == "flex"
        # A function, not an expression: Playwright would eval() an expression in the page,
        # which the policy refuses.
        page.wait_for_function(
            "() => [...document.fonts].some(f => f.family === 'Inter' && f.status === 'loaded')"
        )
        assert page.evaluate("sessionStorage.getItem('inter-loaded')") == "1"
    assert violations == [], "\n".join(violations)
