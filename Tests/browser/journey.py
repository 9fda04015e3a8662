#!/usr/bin/env python3
"""The Billing Center in a real browser: one journey of a billing contact, and a user of another account.

Run by `make test` after `swift test` (and so by CI):

    .build/python/bin/python Tests/browser/journey.py .build/debug/ledgerprint

It imports Samples/history.json into a temporary store, adds two users with `ledgerprint users add`,
starts `ledgerprint serve` on a free loopback port and drives headless Chromium (Debian's `chromium` and
`chromium-driver`, Selenium from PyPI) through the pages:

1. Anna, billing contact of ROSSI-IT, signs in with a one-time link (`ledgerprint users login-link`),
   gets Italian pages (her account's language, though the browser asks for English) and chooses English;
2. opens Invoices and downloads the newest invoice's PDF: its bytes start with %PDF and `pdftotext`
   shows the invoice's number;
3. changes the seats of SUB-ROSSI-1 on Manage, sees the preview with the invoice it will issue, confirms,
   and finds that invoice at the top of Invoices;
4. signs out; Sam, a user of BLUEFIN-US, signs in with his password and asks for Anna's invoice (PDF and
   Invoices page): both answer the 404 page.

The server is stopped at the end whatever happens. Waits are explicit (no sleeps). With
JOURNEY_SCREENSHOTS=1 it saves the main pages as docs/images/journey-*.png. A failure prints the step,
what was expected, the page's address and title, and the end of the server's log; exit code 1.
"""

import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
TODAY = "2026-11-29"  # the business date: the samples' renewals and the preview's proration are fixed by it
ANNA = "anna.bianchi@studiorossi.example"
SAM = "sam@bluefin.example"
SAM_PASSWORD = "sam-journey-password-1"
WAIT = 20  # seconds any one page may take (a loaded CI machine, a debug build)


class JourneyFailure(Exception):
    """A step of the journey did not see what a user would."""


def check(condition, message):
    if not condition:
        raise JourneyFailure(message)


def run_cli(binary, env, *arguments, stdin=None):
    """Runs `ledgerprint ARGUMENTS`; a failure names the command and its message."""
    result = subprocess.run([binary, *arguments], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise JourneyFailure(f"`ledgerprint {' '.join(arguments)}` failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(binary, env, port, log_path):
    """Starts `ledgerprint serve` and waits until it says where it listens."""
    log = open(log_path, "w")
    server = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{port}", "--templates", str(ROOT / "Templates")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True,
    )
    line = server.stdout.readline()  # the first line is printed once the socket listens
    if "Billing Center on" not in line:
        server.wait(timeout=WAIT)
        raise JourneyFailure(f"`ledgerprint serve` did not start (exit {server.returncode}): {log_path.read_text()[-2000:]}")
    return server


def stop_server(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def browser(download_folder):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=en-US", "--window-size=1200,900", "--no-first-run"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_folder),
        "download.prompt_for_download": False,
        "intl.accept_languages": "en-US,en",
    })
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_folder)})
    return driver


class Journey:
    def __init__(self, driver, base, downloads, screenshots):
        self.driver = driver
        self.base = base
        self.downloads = downloads
        self.screenshots = screenshots
        self.wait = WebDriverWait(driver, WAIT)

    def shot(self, name):
        if self.screenshots:
            self.driver.save_screenshot(str(ROOT / "docs" / "images" / f"journey-{name}.png"))

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def open(self, path):
        self.driver.get(self.base + path)

    def click(self, css):
        """Clicks what `css` finds and waits for the next page to replace this one."""
        element = self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css)))
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_):
            # Chromium answers a look at a node of the replaced page with StaleElementReference or, at times,
            # "Node with given id does not belong to the document": both mean the next page is there.
            try:
                page.is_enabled()
                return False
            except WebDriverException:
                return True

        self.wait.until(replaced, f"clicking {css} did not open a new page")

    def see(self, css, text=None):
        """Waits for `css` (containing `text`) and returns it."""
        locator = (By.CSS_SELECTOR, css)
        if text is not None:
            self.wait.until(ec.text_to_be_present_in_element(locator, text))
        return self.wait.until(ec.presence_of_element_located(locator))

    def invoice_rows(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")

    def run(self, anna_link):
        step("Anna opens her one-time sign-in link and presses Sign in")
        self.driver.get(anna_link)
        self.see("h1")
        self.click("form[action='/sign-in/link'] button[type=submit]")
        self.see("span.who", "Anna Bianchi")
        lang = self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        check(lang == "it", f"Studio Rossi prints in Italian, so Anna's pages should be Italian, not {lang!r}")

        step("Anna chooses English")
        self.open("/accounts?lang=en")
        self.see("span.who", "Anna Bianchi")
        lang = self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        check(lang == "en", f"?lang=en gave a page in {lang!r}")
        self.shot("accounts")

        step("Anna opens the invoices of ROSSI-IT")
        self.open("/accounts/ROSSI-IT")
        self.see("nav.tabs")
        self.shot("overview")
        self.click("nav.tabs a[href$='/invoices']")
        rows = self.invoice_rows()
        check(rows, "the Invoices page of ROSSI-IT lists no invoice")
        newest = rows[0].find_element(By.CSS_SELECTOR, "td.id").text
        count = len(self.driver.find_elements(By.CSS_SELECTOR, "table.list")[0].find_elements(By.CSS_SELECTOR, "tbody tr"))
        self.shot("invoices")

        step(f"Anna downloads the PDF of invoice {newest}")
        link = rows[0].find_element(By.LINK_TEXT, "PDF")
        pdf_path = link.get_attribute("href")
        link.click()

        def saved(_):
            files = [f for f in self.downloads.iterdir() if f.suffix == ".pdf" and f.stat().st_size > 0]
            return files[0] if files else False

        target = WebDriverWait(self.driver, WAIT).until(saved, f"no PDF in the download folder after clicking {pdf_path}")
        name = target.name
        data = target.read_bytes()
        check(data.startswith(b"%PDF-"), f"{name} does not start with %PDF- but {data[:16]!r}")
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        check(newest in text, f"pdftotext of {name} does not show the invoice number {newest}")

        step("Anna previews 3 more seats on SUB-ROSSI-1 and confirms")
        self.click("nav.tabs a[href$='/manage']")
        seats = self.see("#seats-SUB-ROSSI-1")
        before = int(seats.get_attribute("value"))
        seats.send_keys(Keys.CONTROL, "a")
        seats.send_keys(str(before + 3))
        self.wait.until(lambda _: seats.get_attribute("value") == str(before + 3),
                        f"the seats field does not read {before + 3}")
        self.click("form[action$='/SUB-ROSSI-1/change'] button[type=submit]")
        caption = self.see("table.list caption .id")
        issued = caption.text
        check(re.fullmatch(r"\S+", issued or ""), "the preview names no invoice to issue")
        after_change = self.see("section.card").text
        check(f"{before + 3} seats" in after_change,
              f"the preview does not show {before + 3} seats after the change: {after_change!r}")
        self.shot("preview")
        self.click("form.confirm button[type=submit]")
        self.see("main", "The subscription has been changed")

        step(f"Anna sees the new invoice {issued} at the top of Invoices")
        self.click("nav.tabs a[href$='/invoices']")
        rows = self.invoice_rows()
        check(rows and rows[0].find_element(By.CSS_SELECTOR, "td.id").text == issued,
              f"the newest invoice is {rows[0].text if rows else 'missing'}, not {issued}")
        after = len(self.driver.find_elements(By.CSS_SELECTOR, "table.list")[0].find_elements(By.CSS_SELECTOR, "tbody tr"))
        check(after == count + 1, f"Invoices lists {after} invoices, not {count + 1}")

        step("Anna signs out")
        self.click("form[action='/sign-out'] button[type=submit]")
        self.see("input#email")

        step("Sam, a user of BLUEFIN-US, signs in with his password")
        self.open("/sign-in")
        self.see("input#email").send_keys(SAM)
        self.driver.find_element(By.ID, "password").send_keys(SAM_PASSWORD)
        self.click("form[action='/sign-in'] button[type=submit]")
        self.see("span.who", "Sam Carter")

        step(f"Sam asks for Anna's invoice {newest} and ROSSI-IT's invoices: 404")
        for path in (pdf_path.removeprefix(self.base), "/accounts/ROSSI-IT/invoices"):
            self.open(path)
            self.see("h1", "404")
            check("nothing you may see" in self.driver.find_element(By.TAG_NAME, "main").text,
                  f"{path} does not show the 404 page's message")
            check(newest not in self.driver.page_source, f"{path} shows the invoice number {newest} to Sam")
        self.shot("not-found")
        check(len(list(self.downloads.iterdir())) == 1, "Sam's requests downloaded a file")


STARTED = time.monotonic()
CURRENT = ["setting up"]


def step(text):
    CURRENT[0] = text
    print(f"journey: {time.monotonic() - STARTED:5.1f}s  {text}", flush=True)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: journey.py PATH/TO/ledgerprint")
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    screenshots = os.environ.get("JOURNEY_SCREENSHOTS") == "1"
    work = pathlib.Path(tempfile.mkdtemp(prefix="ledgerprint-journey-"))
    downloads = work / "downloads"
    downloads.mkdir()
    env = dict(os.environ, LEDGERPRINT_STORE=str(work / "billing.sqlite"), LEDGERPRINT_TODAY=TODAY)
    env.pop("LEDGERPRINT_PASSWORD", None)
    server = driver = None
    journey = None
    try:
        step("import Samples/history.json, add Anna (contact of ROSSI-IT) and Sam (user of BLUEFIN-US)")
        run_cli(binary, env, "import", "Samples/history.json")
        run_cli(binary, env, "users", "add", ANNA, "--name", "Anna Bianchi", "--role", "contact",
                "--account", "ROSSI-IT", "--as", "rep:Journey")
        run_cli(binary, env, "users", "add", SAM, "--name", "Sam Carter", "--role", "user",
                "--account", "BLUEFIN-US", "--as", "rep:Journey")
        run_cli(binary, env, "users", "set-password", SAM, "--as", "rep:Journey", stdin=SAM_PASSWORD + "\n")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        step(f"start ledgerprint serve on {base}")
        server = start_server(binary, env, port, work / "server.log")
        link = re.search(r"https?://\S+", run_cli(binary, env, "users", "login-link", ANNA, "--as", "rep:Journey",
                                                  "--base-url", base))
        check(link, "`ledgerprint users login-link` printed no link")
        step("start headless Chromium")
        driver = browser(downloads)
        journey = Journey(driver, base, downloads, screenshots)
        journey.run(link.group(0))
        print(f"journey: ok in {time.monotonic() - STARTED:.1f}s")
        shutil.rmtree(work, ignore_errors=True)
        return 0
    except (JourneyFailure, WebDriverException, subprocess.SubprocessError, OSError) as error:
        print(f"journey: FAILED at \"{CURRENT[0]}\": {type(error).__name__}: {str(error).strip()[:1500]}", file=sys.stderr)
        if driver is not None:
            try:
                print(f"journey: the browser is at {driver.current_url} ({driver.title!r})", file=sys.stderr)
                driver.save_screenshot(str(work / "failure.png"))
                print(f"journey: its screenshot is {work / 'failure.png'}", file=sys.stderr)
            except WebDriverException:
                pass
        log = work / "server.log"
        if log.exists():
            print("journey: the server's log ends with:\n" + "\n".join(log.read_text().splitlines()[-15:]),
                  file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            stop_server(server)
    # the store, the downloads and the server's log stay for a look after a failure


if __name__ == "__main__":
    sys.exit(main())
