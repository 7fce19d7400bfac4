"""Screenshots of the Swedish admin for docs/editor-guide.md, made by a browser, not by hand.

Run against a running site with its demo content (`make run`), signed in as an
administrator; the account's admin language is set to Swedish first:

    SCREENSHOTS_URL=http://127.0.0.1:8000 SCREENSHOTS_USERNAME=admin \\
    SCREENSHOTS_PASSWORD=... .venv/bin/python docs/screenshots.py

or `make screenshots` with the same variables. The pictures are written to
docs/images/editor-guide/ at 1280x800, each small enough to keep in the repository.
"""

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "images" / "editor-guide"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 800}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("SCREENSHOTS_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--username", default=os.environ.get("SCREENSHOTS_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("SCREENSHOTS_PASSWORD", ""))
    args = parser.parse_args()
    if not args.password:
        parser.error("give the admin's password with --password or SCREENSHOTS_PASSWORD")
    return args


def shoot(page, name):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)  # menus finish opening
    page.screenshot(path=OUT / f"{name}.jpg", type="jpeg", quality=70)
    print(f"{name}.jpg")


def sign_in(page, url, username, password):
    page.goto(f"{url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{url}/admin/")


def use_swedish(page, url):
    """Sets the account's admin language to Swedish, as an editor does on their account page."""
    page.goto(f"{url}/admin/account/")
    page.locator("select[name='locale-preferred_language']").select_option("sv")
    page.locator("form button[type='submit']").last.click()
    page.wait_for_load_state("networkidle")


def first_page_of_type(page, url, content_type):
    """The edit view of the first Swedish page of a type, found as an editor finds it."""
    page.goto(f"{url}/admin/pages/search/?q=&content_type={content_type}&locale=sv")
    page.locator("a[href*='/edit/']").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/"))
    return int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))


def main():
    args = arguments()
    url = args.url.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT, locale="sv-SE")
        sign_in(page, url, args.username, args.password)
        use_swedish(page, url)

        page.goto(f"{url}/admin/")
        shoot(page, "01-kontrollpanel")

        project = first_page_of_type(page, url, "projects.projectpage")
        shoot(page, "02-projekt-redigera")

        page.get_by_role("button", name="Fler åtgärder").click()
        shoot(page, "03-skicka-for-godkannande")

        page.goto(f"{url}/admin/pages/{project}/edit/")
        # The header's actions menu: "Översätt den här sidan" is there.
        page.locator("header button[aria-label=Handlingar]").click()
        shoot(page, "04-oversatt")

        page.goto(f"{url}/admin/reports/translation-status/")
        shoot(page, "05-oversattningsstatus")

        first_page_of_type(page, url, "news.articlepage")
        page.get_by_role("button", name="Växla status", exact=True).click()
        shoot(page, "06-schemalagg-nyhet")

        page.goto(f"{url}/admin/")
        page.get_by_role("link", name="Bokningar", exact=True).click()
        shoot(page, "07-bokningar")
        browser.close()


if __name__ == "__main__":
    main()
