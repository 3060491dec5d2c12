"""Browser test: real headless Chromium drives a running `cdna serve --demo`.

Starts the server on a free port with a fresh SQLite data directory, signs in as the
administrator, opens the org chart and frameworks pages, checks what a person would see,
tries a bad import, and saves screenshots under the output directory. Prints
"browser: N passed, 0 failed" at the end, or exits non-zero on the first failure.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import json
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "browser-test-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"cdna serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("cdna serve did not become ready")


def make_driver(width, height):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


class Checks:
    def __init__(self):
        self.passed = 0

    def expect(self, condition, what):
        if not condition:
            print(f"FAILED: {what}", file=sys.stderr)
            raise SystemExit(1)
        print(f"ok: {what}")
        self.passed += 1


def sign_in(driver, base):
    driver.get(base + "/w/harbor/org")
    driver.find_element(By.ID, "email").send_keys("admin@localhost")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))


def click(driver, element):
    """Clicks something that loads a new page and waits until the new page is there: the
    old page's root is gone. Chromium reports a node of an unloaded page either as stale or
    as "does not belong to the document", depending on timing; both mean the same here."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def old_page_gone(_):
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise

    WebDriverWait(driver, 20).until(old_page_gone)


def api(base, token, method, path, body=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if response.headers.get("Content-Type", "").startswith("application/json") else text


# What the three respondents answer on the first questionnaire page (the purpose items,
# the third reverse-scored) and on the line-of-sight item.
PURPOSE_ITEMS = ["purpose-customers", "purpose-tradeoffs", "purpose-words-only"]
REVERSED = {"purpose-words-only"}
RESPONDENTS = [
    {"answers": {"purpose-customers": "5", "purpose-tradeoffs": "4", "purpose-words-only": "2"}, "outcome": "quick-claims"},
    {"answers": {"purpose-customers": "3", "purpose-tradeoffs": "3", "purpose-words-only": "dk"}, "outcome": "cant-say"},
    {"answers": {"purpose-customers": "4", "purpose-tradeoffs": "5", "purpose-words-only": "1"}, "outcome": "clear-bills"},
]


def expected_purpose():
    """The contract's formulas, computed here from the raw answers, independently of the server."""
    means, favorable, answered = [], 0, 0
    for person in RESPONDENTS:
        values = []
        for item in PURPOSE_ITEMS:
            raw = person["answers"][item]
            if raw == "dk":
                continue
            value = 6 - int(raw) if item in REVERSED else int(raw)
            values.append(value)
            favorable += value >= 4
            answered += 1
        means.append(sum(values) / len(values))
    mean = sum(means) / len(means)
    coverage = sum(p["outcome"] != "cant-say" for p in RESPONDENTS) / len(RESPONDENTS)
    return {"score": (mean - 1) / 4 * 100, "favorable": favorable / answered, "n": len(means), "coverage": coverage}


def answer_survey(driver, link, person, use_keyboard):
    """Answers through the respondent pages: about you, the first page of statements, then
    straight on to the last page, where the line-of-sight item is."""
    driver.get(link)
    click(driver, driver.find_element(By.XPATH, "//button[@value='next']"))
    for item, value in person["answers"].items():
        radio = driver.find_element(By.ID, f"i-{item}-{value}")
        if use_keyboard:
            radio.send_keys(Keys.SPACE)
        else:
            driver.find_element(By.CSS_SELECTOR, f"label[for='i-{item}-{value}']").click()
    while driver.find_elements(By.XPATH, "//button[@value='next']"):
        click(driver, driver.find_element(By.XPATH, "//button[@value='next']"))
    driver.find_element(By.ID, f"i-line-of-sight-{person['outcome']}").click()
    driver.find_element(By.ID, "i-value-in-own-words").send_keys("I make sure claims are paid on time.")
    click(driver, driver.find_element(By.XPATH, "//button[@value='submit']"))
    return driver.find_element(By.TAG_NAME, "h1").text


def assessment_checks(checks, driver, base, token, output, make_phone):
    """From a fresh workspace with k = 3: the admin creates a campaign in the browser, three
    respondents answer on their links (one on a phone-size screen, one by keyboard), and the
    scorecard shows what an independent computation from the raw answers gives."""
    api(base, token, "POST", "/api/v1/workspaces", {"slug": "pilot", "name": "Pilot Insurance", "min_group_size": 3})
    api(base, token, "POST", "/api/v1/workspaces/pilot/units/import", b"unit,parent,name\nops,,Operations\ndesk,ops,Claims desk\n", "text/csv")
    for code, metric, obj in [("quick-claims", "the time it takes", "to get a claim paid"), ("clear-bills", "the likelihood", "of a bill that is hard to read")]:
        api(base, token, "POST", "/api/v1/workspaces/pilot/outcomes", {"code": code, "direction": "minimize", "metric": metric, "object": obj})

    driver.get(base + "/w/pilot/campaigns")
    driver.find_element(By.ID, "name").send_keys("First wave")
    invited = driver.find_element(By.ID, "invited-desk")
    invited.clear()
    invited.send_keys("3")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Create campaign']"))
    campaign_page = driver.current_url
    checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "First wave", "the admin creates a campaign in the browser")
    count = driver.find_element(By.ID, "links-count")
    count.clear()
    count.send_keys("3")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Make links']"))
    links = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ol.links code")]
    checks.expect(len(links) == 3 and all("/r/" in link for link in links), "three single-use links are shown once")
    driver.save_screenshot(os.path.join(output, "campaign-links.png"))

    phone = make_phone()
    try:
        for index, (link, person) in enumerate(zip(links, RESPONDENTS)):
            browser = phone if index == 2 else driver
            heading = answer_survey(browser, link.replace("http://localhost", base), person, use_keyboard=index == 1)
            checks.expect(heading == "Thank you", f"respondent {index + 1} hands in and is thanked")
        phone.get(links[2])
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "Already handed in", "a used link cannot answer twice")
        phone.get(links[0].replace("/r/", "/r/x"))
        checks.expect("not valid" in phone.find_element(By.TAG_NAME, "h1").text, "a made-up link is refused")
        # The phone view of a fresh question page: nothing wider than the screen.
        extra = api(base, token, "POST", "/api/v1/workspaces/pilot/campaigns/" + campaign_page.rsplit("/", 1)[1] + "/links", {"unit": "desk", "count": 1})
        phone.get(extra["links"][0])
        click(phone, phone.find_element(By.XPATH, "//button[@value='next']"))
        fits = phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        checks.expect(fits, "the question page fits a phone screen without sideways scrolling")
        labels = phone.execute_script(
            "return [...document.querySelectorAll('input[type=radio]')].every(i => document.querySelector(`label[for='${i.id}']`))")
        checks.expect(labels, "every answer option has a label")
        phone.save_screenshot(os.path.join(output, "respondent-phone.png"))
    finally:
        phone.quit()

    expected = expected_purpose()
    driver.get(campaign_page + "/results")
    row = driver.find_elements(By.XPATH, "//table[caption='OS Canvas']//tr[th[normalize-space()='Purpose']]/td")
    cells = [cell.text for cell in row]
    checks.expect(cells[0] == f"{expected['score']:.1f}", f"the purpose score is {expected['score']:.1f} as computed from the raw answers")
    checks.expect(cells[2] == f"{expected['favorable'] * 100:.0f}%", "favorable matches the independent computation")
    checks.expect(cells[5] == str(expected["n"]), "n counts the three respondents")
    summary = " ".join(driver.find_element(By.XPATH, "//section[@aria-labelledby='s-summary']").text.split())
    checks.expect(f"{expected['coverage'] * 100:.0f}% can name the customer outcome" in summary, "line-of-sight coverage matches")
    checks.expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.radar")) == 1, "the radar of the 12 forces is drawn")
    driver.save_screenshot(os.path.join(output, "results.png"))
    campaign_id = campaign_page.rsplit("/", 1)[1]
    report = api(base, token, "GET", f"/api/v1/workspaces/pilot/campaigns/{campaign_id}/report?format=md")
    checks.expect(f"| Purpose | {expected['score']:.1f} |" in report, "the Markdown report carries the same score")

    # The demo's executive office (4 people) is never shown, in the API or on the page.
    campaigns = api(base, token, "GET", "/api/v1/workspaces/harbor/campaigns")["items"]
    pulse = next(c for c in campaigns if c["name"] == "Pulse, autumn")
    card = api(base, token, "GET", f"/api/v1/workspaces/harbor/campaigns/{pulse['id']}/scorecard")
    executive = next(g for g in card["groups"] if g["group"] == "exec")
    checks.expect(executive == {"group": "exec", "suppressed": True}, "a group under k appears only as suppressed in the API")
    driver.get(f"{base}/w/harbor/campaigns/{pulse['id']}/results")
    checks.expect("hidden to protect anonymity" in driver.page_source, "the results page marks hidden groups without numbers")
    checks.expect("Culture &amp; leadership" in driver.page_source and "Weakest layer" in driver.page_source, "the demo shows its weakest layer")
    driver.save_screenshot(os.path.join(output, "results-demo.png"))


def run(cdna, output):
    os.makedirs(output, exist_ok=True)
    data = tempfile.mkdtemp(prefix="cdna-browser-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, CDNA_ADMIN_PASSWORD=PASSWORD, CDNA_LOG_LEVEL="warning")
    env.pop("CDNA_DATABASE_URL", None)
    server = subprocess.Popen([cdna, "serve", "--demo", "--data", data, "--port", str(port)], env=env)
    checks = Checks()
    driver = None
    try:
        wait_ready(base, server)
        driver = make_driver(1280, 900)

        sign_in(driver, base)
        checks.expect(driver.current_url.endswith("/w/harbor/org"), "signing in returns to the page that was asked for")
        checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "Organization", "the org chart page has its heading")
        tree = driver.find_element(By.CSS_SELECTOR, "ul.tree")
        for unit in ["Harbor Mutual", "Claims", "Finance", "Data & analytics"]:
            checks.expect(unit in tree.text, f"the unit tree shows {unit}")
        nested = driver.find_elements(By.XPATH, "//ul[@class='tree']//li[strong='IT platforms']/ul/li/strong")
        checks.expect([n.text for n in nested] == ["Data & analytics"], "Data & analytics is drawn under IT platforms")
        roles = driver.find_element(By.TAG_NAME, "table").text
        checks.expect("Accounts payable clerk" in roles and "Finance" in roles, "the roles table names roles and their units")
        driver.save_screenshot(os.path.join(output, "org-chart.png"))

        driver.find_element(By.ID, "csv").send_keys("unit,parent,name\nlab,nowhere,Innovation lab\n")
        click(driver, driver.find_element(By.XPATH, "//button[text()='Import']"))
        errors = driver.find_element(By.CSS_SELECTOR, "ul.error").text
        checks.expect("org-chart.csv:2:5: parent 'nowhere' is not a unit" in errors, "a bad import shows the located problem")
        checks.expect("Innovation lab" not in driver.find_element(By.CSS_SELECTOR, "ul.tree").text, "a bad import adds nothing")
        driver.save_screenshot(os.path.join(output, "org-chart-import-error.png"))

        click(driver, driver.find_element(By.LINK_TEXT, "Frameworks"))
        body = driver.find_element(By.TAG_NAME, "main").text
        checks.expect("OS Canvas" in body and "layers/strategy/customer-to-business" in body, "the frameworks page lists dimensions and elements")
        driver.save_screenshot(os.path.join(output, "frameworks.png"))

        token = subprocess.run(
            [cdna, "token", "add", "--email", "admin@localhost", "--name", "browser", "--data", data],
            env=env, check=True, capture_output=True, text=True).stdout.strip()
        assessment_checks(checks, driver, base, token, output, lambda: make_driver(390, 844))

        click(driver, driver.find_element(By.XPATH, "//button[text()='Sign out']"))
        driver.get(base + "/w/harbor/org")
        checks.expect("/login" in driver.current_url, "after signing out the org chart asks to sign in again")
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)
    checks.expect(server.returncode == 0, "the server shut down cleanly on SIGTERM")
    print(f"browser: {checks.passed} passed, 0 failed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--output", default="test-output")
    arguments = parser.parse_args()
    run(arguments.cdna, arguments.output)
