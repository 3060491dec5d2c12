"""Browser test: real headless Chromium drives a running `cdna serve --demo`.

Starts the server on a free port with a fresh SQLite data directory, signs in as the
administrator, opens the org chart and frameworks pages, checks what a person would see,
tries a bad import, and saves screenshots under the output directory (every crawled demo
page in full at desktop and phone size under pages/). Prints
"browser: N passed, 0 failed" at the end, or exits non-zero on the first failure.
"""

import argparse
import base64
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

import yaml
from axe_selenium_python import Axe

from deeper_analysis import deeper_analysis_checks
from lifecycle import lifecycle_checks, member_checks, pdf_checks
from rollout import link_in, rollout_checks, wait_for_mail
from single_sign_on import single_sign_on_checks

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


def make_driver(width, height, emulate_phone=False):
    """Headless Chromium at the given size. With `emulate_phone` it lays pages out as a
    phone's browser does (mobile emulation): a plain headless window cannot be narrower than
    500 pixels, and a page too wide for the screen only zooms out there instead of
    overflowing."""
    options = webdriver.ChromeOptions()
    arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    for argument in arguments + ([] if emulate_phone else [f"--window-size={width},{height}"]):
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    if emulate_phone:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def demo_pages(driver, base, visit):
    """Calls visit(path) on every page of the demo a signed-in admin reaches by links from the
    workspace list (downloads left out); returns the paths visited."""
    # One chosen node and one scale of the line of sight stand for the rest: the drawing links
    # every node, which would fill the crawl with one page.
    seen, queue = set(), ["/", "/w/harbor", "/w/harbor/line-of-sight?zoom=fit&node=online-renewal", "/w/harbor/line-of-sight?finding=inside-out"]
    while queue and len(seen) < 90:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        driver.get(base + path)
        if driver.execute_script("return document.contentType") != "text/html":
            continue
        visit(path)
        for link in driver.find_elements(By.CSS_SELECTOR, "a[href^='/w/harbor']"):
            # The attribute as written: an SVG link's `href` property is not a string.
            href = link.get_dom_attribute("href").split("#")[0]
            if not any(word in href for word in ("export", "report", ".csv", ".yaml", "format=", "node=", "zoom=")) and href not in seen:
                queue.append(href)
    return seen


def full_page_screenshot(driver, output, size, path):
    """The whole page, not only the window, as output/pages/<size>/<path>.png, for a person to
    look through after a change (Chromium's own capture beyond the viewport)."""
    directory = os.path.join(output, "pages", size)
    os.makedirs(directory, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.strip("/")) or "index"
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    with open(os.path.join(directory, name[:150] + ".png"), "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))


def axe_violations(driver, path):
    """axe-core's violations on the page now shown, as 'rule (count) on path' lines."""
    axe = Axe(driver)
    axe.inject()
    return [f"{v['id']} ({len(v['nodes'])}) on {path}" for v in axe.run()["violations"]]


CLIPPED_CHART_TEXT = """
    const out = [];
    for (const svg of document.querySelectorAll('svg.chart, svg.los-graph')) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
          out.push(text.textContent.slice(0, 40));
      }
    }
    return out;"""


def accessibility_checks(checks, driver, base, output):
    """axe-core finds nothing on any demo page at desktop size, and no chart's text is cut at
    the chart's edge."""
    violations, clipped = [], []

    def visit(path):
        violations.extend(axe_violations(driver, path))
        clipped.extend(f"{path}: {text}" for text in driver.execute_script(CLIPPED_CHART_TEXT))
        full_page_screenshot(driver, output, "desktop", path)

    pages = demo_pages(driver, base, visit)
    checks.expect(len(pages) >= 40 and not violations, f"axe-core finds no violation on {len(pages)} demo pages at desktop size: {violations}")
    checks.expect(not clipped, f"no chart on a demo page has text cut at its edge ({clipped[:8]})")


def line_chart_checks(checks, driver, base, output):
    """The demo's line charts (the loop's metrics, the customer metrics by month) have a
    labelled y-axis, bottom labels that neither repeat nor overlap, and a dashed target line
    with a legend wherever the metric has a target."""
    problems, targets = [], 0
    for path in ["/w/harbor/metrics", "/w/harbor/customer-metrics"]:
        driver.get(base + path)
        for index, chart in enumerate(driver.find_elements(By.CSS_SELECTOR, "svg.chart.line")):
            found = driver.execute_script("""
                const svg = arguments[0];
                const ticks = [...svg.querySelectorAll('text[text-anchor=end]')].length;
                const labels = [...svg.querySelectorAll('text.x-label')];
                const names = labels.map(t => t.textContent);
                const boxes = labels.map(t => t.getBoundingClientRect());
                const overlap = boxes.some((b, i) => i > 0 && b.left < boxes[i - 1].right);
                return {ticks, repeated: new Set(names).size !== names.length, overlap,
                        target: !!svg.querySelector('line.target'), legend: !!svg.querySelector('g.legend')};""", chart)
            if found["ticks"] != 5 or found["repeated"] or found["overlap"] or found["target"] != found["legend"]:
                problems.append(f"{path} chart {index + 1}: {found}")
            targets += found["target"]
        driver.save_screenshot(os.path.join(output, path.rsplit("/", 1)[1] + ".png"))
    checks.expect(not problems, f"line charts have a y-axis, and bottom labels that neither repeat nor overlap ({problems})")
    checks.expect(targets > 0, "a metric with a target draws it as a dashed line with a legend")


def phone_checks(checks, base, output):
    """Every page of the demo a signed-in admin can reach by links fits a 360-pixel phone and
    passes axe-core there: the document is never wider than the screen, and the navigation
    keeps to one row."""
    phone = make_driver(360, 740, emulate_phone=True)
    try:
        sign_in(phone, base)
        wide, violations = [], []

        def visit(path):
            width, screen = phone.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if width > screen:
                wide.append(f"{path} ({width} px)")
            violations.extend(axe_violations(phone, path))
            full_page_screenshot(phone, output, "phone", path)

        seen = demo_pages(phone, base, visit)
        checks.expect(len(seen) >= 40 and not wide, f"all {len(seen)} demo pages fit a 360-pixel phone (too wide: {wide})")
        checks.expect(not violations, f"axe-core finds no violation on them at phone size: {violations}")
        phone.get(base + "/w/harbor/decisions")
        rows = phone.execute_script(
            "const items = [...document.querySelectorAll('header.site nav li')];"
            "return new Set(items.map(li => Math.round(li.getBoundingClientRect().top))).size")
        checks.expect(rows == 1, f"the navigation keeps to one row on a phone ({rows} rows)")
        labels = phone.execute_script(
            "const cells = [...document.querySelectorAll('table.stacked td')];"
            "return cells.length > 0 && cells.every(td => td.dataset.label || td.textContent.trim() === '')")
        checks.expect(labels, "a table laid out as cards on a phone names the column of every value")
        phone.save_screenshot(os.path.join(output, "decisions-phone.png"))
    finally:
        phone.quit()


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
    count = driver.find_element(By.ID, "links-count-desk")
    checks.expect(count.get_attribute("value") == "3", "the unit's link count starts at the number invited there")
    click(driver, count.find_element(By.XPATH, "following-sibling::button"))
    links = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ol.links code")]
    checks.expect(len(links) == 3 and all("/r/" in link for link in links), "three single-use links are shown once")
    driver.save_screenshot(os.path.join(output, "campaign-links.png"))
    # Leaving before the links are downloaded or copied asks first; once copied, it does not.
    # Chromedriver answers the browser's "leave this page?" dialog itself, so the check asks
    # the page whether it would hold an unload: a cancelled beforeunload event is that dialog.
    holds = "return !window.dispatchEvent(new Event('beforeunload', {cancelable: true}))"
    held_before = driver.execute_script(holds)
    driver.execute_script("document.dispatchEvent(new Event('copy'))")
    held_after = driver.execute_script(holds)
    checks.expect(held_before and not held_after, "a page of links not yet copied or downloaded asks before it is left, and not once they are")

    phone = make_phone()
    try:
        for index, (link, person) in enumerate(zip(links, RESPONDENTS)):
            browser = phone if index == 2 else driver
            heading = answer_survey(browser, link.replace("http://localhost", base), person, use_keyboard=index == 1)
            checks.expect(heading == "Thank you", f"respondent {index + 1} hands in and is thanked")
        phone.get(links[2])
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "This link cannot be used", "a used link cannot answer twice")
        phone.get(links[0].replace("/r/", "/r/x"))
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "This link cannot be used", "a made-up link is refused")
        # The phone view of a fresh question page: nothing wider than the screen.
        extra = api(base, token, "POST", "/api/v1/workspaces/pilot/campaigns/" + campaign_page.rsplit("/", 1)[1] + "/links", {"unit": "desk", "count": 1})
        phone.get(extra["links"][0])
        click(phone, phone.find_element(By.XPATH, "//button[@value='next']"))
        fits = phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        checks.expect(fits, "the question page fits a phone screen without sideways scrolling")
        problems = axe_violations(phone, "a respondent's question page")
        checks.expect(not problems, f"axe-core finds no violation on a respondent's question page: {problems}")
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

    # The workspace home says what to do next and links to where it is done.
    driver.get(base + "/w/pilot")
    steps = [" ".join(item.text.split()) for item in driver.find_elements(By.CSS_SELECTOR, "ul.next-steps li")]
    checks.expect(
        any("“First wave” is taking answers: 3 of 3 answered (100%)." in step for step in steps),
        f"the home shows the running wave's response rate (saw {steps})")
    click(driver, driver.find_element(By.LINK_TEXT, "Follow the wave"))
    checks.expect(driver.current_url == campaign_page, "the running wave's step links to the wave")
    driver.get(base + "/w/harbor")
    click(driver, driver.find_element(By.LINK_TEXT, "Read the results"))
    checks.expect(
        driver.current_url.endswith("/results") and "Pulse, autumn" in driver.find_element(By.TAG_NAME, "h1").text,
        "the demo's home sends the reader to the closed wave's results")
    phone = make_phone()
    try:
        sign_in(phone, base)
        phone.get(base + "/w/harbor")
        fits = phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        checks.expect(fits and phone.find_elements(By.ID, "next-steps"), "the home with its next steps fits a phone screen")
        phone.save_screenshot(os.path.join(output, "home-phone.png"))
    finally:
        phone.quit()

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
    clipped = driver.execute_script("""
        const out = [];
        for (const svg of document.querySelectorAll('svg.radar, svg.heatmap')) {
          const box = svg.getBoundingClientRect();
          for (const text of svg.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
              out.push(svg.classList[1] + ': ' + text.textContent);
          }
        }
        return out;""")
    checks.expect(not clipped, f"no label of the radar or the heatmap is cut at the chart's edge (cut: {clipped[:5]})")
    legend = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "svg.heatmap g.legend text")]
    checks.expect(legend[:1] == ["Score (0–100):"] and "under 35" in legend and "80 and over" in legend,
                  "the heatmap's legend explains its colours")


# Three customers of the outcome study: segment and (importance, satisfaction) per outcome.
CUSTOMERS = [
    {"segment": "home", "ratings": {"report-time": (5, 2), "claim-status": (4, 1)}},
    {"segment": "smb", "ratings": {"report-time": (3, 4), "claim-status": (5, 2)}},
    {"segment": "home", "ratings": {"report-time": (4, 5), "claim-status": (2, 3)}},
]
# Three voters of the top-tasks vote.
VOTERS = [["t1", "t2"], ["t1", "t3", "t4"], ["t2", "t1"]]


def expected_outcomes():
    """DESIGN.md's formulas from the raw answers: top-2-box share x 10, opportunity = I + max(I - S, 0)."""
    result = {}
    for outcome in ["report-time", "claim-status"]:
        pairs = [c["ratings"][outcome] for c in CUSTOMERS]
        importance = sum(i >= 4 for i, _ in pairs) / len(pairs) * 10
        satisfaction = sum(s >= 4 for _, s in pairs) / len(pairs) * 10
        result[outcome] = (importance, satisfaction, importance + max(importance - satisfaction, 0))
    return result


def expected_tasks():
    """Votes, share and the long neck (cumulative share before the task under 25%)."""
    counts = {}
    for picks in VOTERS:
        for task in picks:
            counts[task] = counts.get(task, 0) + 1
    total, cumulative, rows = sum(counts.values()), 0, []
    for task, votes in sorted(counts.items(), key=lambda e: (-e[1], e[0])):
        rows.append((task, votes, votes / total, cumulative / total < 0.25, cumulative / total < 0.5))
        cumulative += votes
    return rows


def open_details(driver, summary):
    driver.find_element(By.XPATH, f"//summary[normalize-space()='{summary}']").click()


def customer_checks(checks, driver, base, token, output, make_phone):
    """A newcomer builds a customer model in the browser, runs an outcome study and a top-tasks
    vote with real customer links, and reads scores that an independent computation confirms."""
    api(base, token, "POST", "/api/v1/workspaces", {"slug": "outside", "name": "Outside Insurance"})
    driver.get(base + "/w/outside/customers")
    for code, name in [("home", "Home owners"), ("smb", "Small businesses")]:
        open_details(driver, "Add or update a segment")
        driver.find_element(By.ID, "segment-code").send_keys(code)
        driver.find_element(By.ID, "segment-name").send_keys(name)
        click(driver, driver.find_element(By.XPATH, "//button[text()='Save segment']"))
    open_details(driver, "Add or update a job")
    driver.find_element(By.ID, "job-code").send_keys("claim")
    driver.find_element(By.ID, "job-statement").send_keys("Get back on the road after an accident")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Save job']"))
    open_details(driver, "Add or update a desired outcome")
    driver.find_element(By.ID, "outcome-code").send_keys("report-time")
    driver.find_element(By.XPATH, "//select[@id='outcome-job']/option[@value='claim']").click()
    driver.find_element(By.ID, "outcome-metric").send_keys("the time it takes")
    driver.find_element(By.ID, "outcome-object").send_keys("to report an accident")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Save outcome']"))
    checks.expect("Minimize the time it takes to report an accident" in driver.page_source, "an outcome entered in the form reads as one sentence")
    driver.find_element(By.ID, "yaml").send_keys("outcomes:\n  - {code: claim-status, job: claim, direction: minimize, metric: the likelihood, object: of not knowing where a claim stands}\ntasks:\n  - {code: t1, title: Report an accident}\n  - {code: t2, title: Check a claim}\n  - {code: t3, title: Pay a bill}\n  - {code: t4, title: Renew}\n  - {code: t5, title: Change address}\n  - {code: t6, title: Proof of cover}\n  - {code: t7, title: Cancel}\n  - {code: t8, title: Find a garage\n")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Import']"))
    errors = driver.find_element(By.CSS_SELECTOR, "ul.error").text
    checks.expect("model.yaml:" in errors and "Nothing was imported" in driver.page_source, "a broken model file is refused with its location")
    text = driver.find_element(By.ID, "yaml")
    fixed = text.get_attribute("value").replace("Find a garage", "Find a garage}")
    text.clear()
    text.send_keys(fixed)
    click(driver, driver.find_element(By.XPATH, "//button[text()='Import']"))
    checks.expect("Imported: 9 records added, 0 updated." in driver.page_source, "the fixed file is imported")
    checks.expect("No offering serves this job." in driver.page_source, "a job no offering serves is listed")
    driver.save_screenshot(os.path.join(output, "customer-model.png"))

    driver.get(base + "/w/outside/surveys")
    driver.find_element(By.ID, "name").send_keys("Claims study")
    for code in ["report-time", "claim-status"]:
        driver.find_element(By.CSS_SELECTOR, f"label[for='outcome-{code}']").click()
    click(driver, driver.find_element(By.XPATH, "//button[text()='Create']"))
    study_page = driver.current_url
    count = driver.find_element(By.ID, "count")
    count.clear()
    count.send_keys("3")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Make links']"))
    links = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ol.links code")]
    checks.expect(len(links) == 3 and all("/c/" in link for link in links), "the study makes three single-use customer links")

    phone = make_phone()
    try:
        for index, (link, customer) in enumerate(zip(links, CUSTOMERS)):
            browser = phone if index == 1 else driver
            browser.get(link)
            browser.find_element(By.XPATH, f"//select[@id='segment']/option[@value='{customer['segment']}']").click()
            click(browser, browser.find_element(By.XPATH, "//button[@value='next']"))
            if index == 1:
                fits = browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
                checks.expect(fits, "the outcome questions fit a phone screen")
                problems = axe_violations(browser, "a customer's outcome questions")
                checks.expect(not problems, f"axe-core finds no violation on a customer's outcome questions: {problems}")
                phone.save_screenshot(os.path.join(output, "outcome-study-phone.png"))
            for outcome, (importance, satisfaction) in customer["ratings"].items():
                for part, value in [("importance", importance), ("satisfaction", satisfaction)]:
                    radio = browser.find_element(By.ID, f"{part}-{outcome}-{value}")
                    if index == 2:
                        radio.send_keys(Keys.SPACE)
                    else:
                        browser.find_element(By.CSS_SELECTOR, f"label[for='{part}-{outcome}-{value}']").click()
            click(browser, browser.find_element(By.XPATH, "//button[@value='submit']"))
            checks.expect(browser.find_element(By.TAG_NAME, "h1").text == "Thank you", f"customer {index + 1} sends the ratings")
        driver.get(links[0])
        checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "This link cannot be used", "a customer link works once")
    finally:
        phone.quit()

    expected = expected_outcomes()
    driver.get(study_page + "/results")
    for outcome, (importance, satisfaction, opportunity) in expected.items():
        cells = [c.text for c in driver.find_elements(By.XPATH, f"//table[contains(concat(' ', @class, ' '), ' opportunities ')]//tr[td/span[text()='{outcome}']]/td")]
        checks.expect(
            cells[1:6] == ["3", "0", f"{importance:.1f}", f"{satisfaction:.1f}", f"{opportunity:.1f}"],
            f"{outcome}: importance {importance:.1f}, satisfaction {satisfaction:.1f}, opportunity {opportunity:.1f} as computed from the raw answers")
    checks.expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.landscape circle")) == 2, "the opportunity landscape plots both outcomes")
    driver.save_screenshot(os.path.join(output, "outcome-study-results.png"))
    study_id = study_page.rsplit("/", 1)[1]
    results = api(base, token, "GET", f"/api/v1/workspaces/outside/surveys/{study_id}/results")
    exact = {s["outcome"]: (s["importance"], s["satisfaction"], s["opportunity"]) for s in results["scores"]}
    checks.expect(all(abs(a - b) < 1e-9 for o in expected for a, b in zip(exact[o], expected[o])), "the API's unrounded scores equal the computation")

    driver.get(base + "/w/outside/surveys")
    driver.find_element(By.CSS_SELECTOR, "label[for='kind-top-tasks']").click()
    driver.find_element(By.ID, "name").send_keys("Top tasks")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Create']"))
    vote_page = driver.current_url
    count = driver.find_element(By.ID, "count")
    count.clear()
    count.send_keys("3")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Make links']"))
    links = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ol.links code")]
    orders = []
    for index, (link, picks) in enumerate(zip(links, VOTERS)):
        driver.get(link)
        orders.append([e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name=task]")])
        if index == 0:
            for task in ["t1", "t2", "t3", "t4", "t5", "t6"]:
                driver.find_element(By.CSS_SELECTOR, f"label[for='task-{task}']").click()
            click(driver, driver.find_element(By.XPATH, "//button[@value='submit']"))
            checks.expect("Pick at most 5; you picked 6." in driver.page_source, "a sixth pick is refused with a clear message")
            for task in ["t3", "t4", "t5", "t6"]:
                driver.find_element(By.CSS_SELECTOR, f"label[for='task-{task}']").click()
        else:
            for task in picks:
                driver.find_element(By.CSS_SELECTOR, f"label[for='task-{task}']").click()
        click(driver, driver.find_element(By.XPATH, "//button[@value='submit']"))
        checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "Thank you", f"voter {index + 1} votes")
    checks.expect(all(sorted(order) == [f"t{n}" for n in range(1, 9)] for order in orders), "every voter sees the whole list")
    driver.get(vote_page + "/results")
    rows = driver.find_elements(By.XPATH, "//table[contains(concat(' ', @class, ' '), ' top-tasks ')]/tbody/tr")
    shown = [[c.text for c in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    for rank, (task, votes, share, neck, top) in enumerate(expected_tasks(), start=1):
        row = shown[rank - 1]
        title = {"t1": "Report an accident", "t2": "Check a claim", "t3": "Pay a bill", "t4": "Renew"}[task]
        checks.expect(
            row[:4] == [str(rank), title, str(votes), f"{share * 100:.0f}%"] and (row[5] == "yes") == neck and (row[6] == "yes") == top,
            f"rank {rank}: {title} with {votes} votes, long neck {neck}, top {top}")
    driver.save_screenshot(os.path.join(output, "top-tasks-results.png"))

    driver.get(base + "/w/harbor/time-ledger")
    checks.expect("cost-shifting" in driver.find_element(By.CSS_SELECTOR, "table.ledger-balance").text, "the demo ledger flags the cost-shifting change")
    driver.save_screenshot(os.path.join(output, "time-ledger.png"))
    driver.get(base + "/w/harbor/customers")
    checks.expect("Prevent damage before it happens" in driver.find_element(By.XPATH, "//h2[text()='Jobs no offering serves']/following-sibling::ul").text,
                  "the demo names the job nothing serves")
    coverage = driver.find_element(By.CSS_SELECTOR, "table.coverage").text
    checks.expect("Claims" in coverage, "the model shows which units say they serve each outcome")

def python_line_of_sight(model):
    """The contract's inside-out and coverage rules computed here from the exported YAML,
    independently of the server: reachability along the allowed edges."""
    types = {node["id"]: node["type"] for node in model["nodes"]}
    allowed = {("strategy", "capability"), ("strategy", "initiative"), ("capability", "initiative"),
               ("initiative", "outcome"), ("initiative", "impact"), ("outcome", "impact")}
    following = {}
    for edge in model.get("edges") or []:
        if (types.get(edge["from"]), types.get(edge["to"])) in allowed:
            following.setdefault(edge["from"], []).append(edge["to"])

    def reach(start):
        seen, stack = {start}, [start]
        while stack:
            for target in following.get(stack.pop(), []):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    inside_out, covered = set(), set()
    for node in model["nodes"]:
        if node["type"] != "initiative":
            continue
        reached = reach(node["id"])
        outcomes = [n for n in reached if types[n] == "outcome"]
        if not outcomes:
            inside_out.add(node["id"])
        if any(any(types[m] == "impact" for m in reach(o)) for o in outcomes):
            covered.add(node["id"])
    initiatives = [n for n in model["nodes"] if n["type"] == "initiative"]
    budget = sum(n.get("budget", 0) for n in initiatives)
    return inside_out, covered, sum(n.get("budget", 0) for n in initiatives if n["id"] in covered) / budget


def line_of_sight_checks(checks, driver, base, token, output, cdna):
    """A newcomer maps a strategy to a customer outcome and a business impact in the browser,
    sees the inside-out initiative flagged, logs a decision citing evidence and reads the
    overview; the figures are recomputed here and by `cdna analyze line-of-sight`."""
    driver.get(base + "/w/outside/line-of-sight")
    nodes = [
        ("strategy", "claims-first", "Win on claims", "", ""), ("capability", "claims-app", "Claims app", "", ""),
        ("initiative", "photo-claims", "Photo claims", "4", "100"), ("initiative", "intranet", "Intranet refresh", "2", "300"),
        ("impact", "retention", "Policy retention", "", ""),
    ]
    for kind, code, title, effort, budget in nodes:
        driver.find_element(By.XPATH, f"//select[@id='node-type']/option[@value='{kind}']").click()
        driver.find_element(By.ID, "node-code").send_keys(code)
        driver.find_element(By.ID, "node-title").send_keys(title)
        if effort:
            driver.find_element(By.ID, "node-effort").send_keys(effort)
            driver.find_element(By.ID, "node-budget").send_keys(budget)
        click(driver, driver.find_element(By.XPATH, "//button[text()='Save node']"))
    checks.expect("Saved impact 'retention'." in driver.page_source, "nodes of every type are added from the form")

    def connect(source, target):
        """Chooses the start in the connect form, then the end among the targets its details offer."""
        driver.find_element(By.XPATH, f"//select[@id='edge-from']/option[@value='{source}']").click()
        click(driver, driver.find_element(By.XPATH, "//button[text()='Choose']"))
        offered = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#edge-to option") if o.get_attribute("value")]
        driver.find_element(By.XPATH, f"//select[@id='edge-to']//option[@value='{target}']").click()
        click(driver, driver.find_element(By.XPATH, "//button[text()='Connect']"))
        return offered

    connect("claims-first", "claims-app")
    offered = connect("claims-app", "photo-claims")
    checks.expect(sorted(offered) == ["intranet", "photo-claims"], f"a capability is offered only initiatives to connect to ({offered})")
    # The customer model's outcome is connected without adding it to the graph first.
    offered = connect("photo-claims", "report-time")
    checks.expect("report-time" in offered and "claims-first" not in offered and "Connected photo-claims -> report-time." in driver.find_element(By.CSS_SELECTOR, "p.notice").text,
                  "an initiative is connected straight to an outcome of the customer model, and is not offered a strategy")
    connect("report-time", "retention")
    connect("claims-first", "intranet")
    driver.find_element(By.XPATH, "//select[@id='edge-from']/option[@value='retention']").click()
    click(driver, driver.find_element(By.XPATH, "//button[text()='Choose']"))
    checks.expect("No edge may start at this node" in driver.find_element(By.ID, "details").text,
                  "an impact offers nothing to connect to: value flows into it, not out")
    driver.get(base + "/w/outside/line-of-sight")
    intranet = driver.find_element(By.CSS_SELECTOR, "a.node[data-code='intranet']").get_attribute("class")
    photos = driver.find_element(By.CSS_SELECTOR, "a.node[data-code='photo-claims']").get_attribute("class")
    checks.expect("inside-out" in intranet and "line-of-sight" in photos, "the drawing flags the inside-out initiative and marks the one with a line of sight")
    driver.save_screenshot(os.path.join(output, "line-of-sight.png"))
    # A click on a node lights every path through it and opens its details.
    click(driver, driver.find_element(By.CSS_SELECTOR, "a.node[data-code='claims-app']"))
    lit = {a.get_attribute("data-code") for a in driver.find_elements(By.CSS_SELECTOR, "a.node.on-path")}
    dimmed = {a.get_attribute("data-code") for a in driver.find_elements(By.CSS_SELECTOR, "a.node.off-path")}
    details = driver.find_element(By.ID, "details").text
    checks.expect(lit == {"claims-first", "claims-app", "photo-claims", "report-time", "retention"} and dimmed == {"intranet"},
                  f"clicking a node lights the paths through it ({sorted(lit)}) and dims the rest ({sorted(dimmed)})")
    checks.expect("Capability: Claims app" in details and "Initiative: Photo claims" in details and "Strategy: Win on claims" in details,
                  "the chosen node's details name what leads to it and what it leads to")
    driver.save_screenshot(os.path.join(output, "line-of-sight-chosen.png"))
    driver.find_element(By.ID, "details").location_once_scrolled_into_view
    driver.save_screenshot(os.path.join(output, "line-of-sight-details.png"))
    driver.get(base + "/w/outside/line-of-sight")

    exported = api(base, token, "GET", "/api/v1/workspaces/outside/line-of-sight?format=yaml")
    model = yaml.safe_load(exported)
    inside_out, covered, budget_share = python_line_of_sight(model)
    page_findings = {tuple(row.text.split(" ", 2)[:2]) for row in driver.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")}
    page_inside_out = {node for kind, node in page_findings if kind == "inside-out"}
    checks.expect(page_inside_out == inside_out == {"intranet"}, "the page's inside-out initiatives equal a Python computation from the export")
    cards = driver.find_element(By.CSS_SELECTOR, "ul.cards").text
    checks.expect(f"{len(covered)} of 2" in cards and f"{round(budget_share * 100)}%" in cards,
                  "coverage and the budget share on the page equal the Python computation")
    path = os.path.join(output, "outside-line-of-sight.yaml")
    with open(path, "w") as handle:
        handle.write(exported)
    analyzed = json.loads(subprocess.run([cdna, "analyze", "line-of-sight", "--model", path, "--format", "json"],
                                         check=True, capture_output=True, text=True).stdout)
    checks.expect({(f["kind"], f["node"]) for f in analyzed["findings"]} == page_findings,
                  "cdna analyze line-of-sight on the export gives the same findings as the page")

    driver.get(base + "/w/outside/evidence")
    driver.find_element(By.ID, "ev-title").send_keys("Customers wait forty minutes to report an accident")
    driver.find_element(By.XPATH, "//select[@id='ev-source']/option[@value='support']").click()
    click(driver, driver.find_element(By.XPATH, "//button[text()='Add evidence']"))
    checks.expect("Added evidence E1." in driver.page_source, "evidence is added from the form")
    driver.find_element(By.ID, "evidence-search").send_keys("reporting accidents")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Search']"))
    checks.expect("1 item match" in driver.page_source, "a search with other word forms finds the evidence")
    driver.get(base + "/w/outside/decisions")
    driver.find_element(By.ID, "dec-title").send_keys("Build photo claims before a new claims core")
    driver.find_element(By.XPATH, "//select[@id='dec-involvement']/option[@value='counterweight']").click()
    driver.find_element(By.CSS_SELECTOR, "label[for='cite-E1']").click()
    click(driver, driver.find_element(By.XPATH, "//button[text()='Log the decision']"))
    checks.expect("Logged decision D1." in driver.page_source and "100%" in driver.find_element(By.CSS_SELECTOR, "ul.cards").text,
                  "a decision citing evidence is logged and the humility figure counts it")

    driver.get(base + "/w/harbor/overview")
    page = driver.find_element(By.TAG_NAME, "main").text
    decisions = api(base, token, "GET", "/api/v1/workspaces/harbor/decisions")["items"]
    known = {item["code"] for item in api(base, token, "GET", "/api/v1/workspaces/harbor/evidence")["items"]}
    humility = sum(1 for d in decisions if any(e in known for e in d["evidence"])) / len(decisions)
    checks.expect(f"{round(humility * 100)}%" in page and "of decisions cite customer evidence" in page,
                  "the demo overview's humility figure equals a count from the decision log")
    for section in ["Inside view", "Outside view", "Line of sight", "Data lake migration", "Top opportunities", "Objectives"]:
        checks.expect(section in page, f"the overview shows {section}")
    driver.save_screenshot(os.path.join(output, "overview.png"))


def run(cdna, output):
    os.makedirs(output, exist_ok=True)
    data = tempfile.mkdtemp(prefix="cdna-browser-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, CDNA_ADMIN_PASSWORD=PASSWORD, CDNA_LOG_LEVEL="warning", CDNA_MAIL_FROM="survey@harbor.example")
    env.pop("CDNA_DATABASE_URL", None)
    # The server sends mail to the test SMTP server scripts/test started, for the roll-out.
    if "CDNA_TEST_SMTP_SERVER" not in os.environ:
        raise SystemExit("CDNA_TEST_SMTP_SERVER is not set: run the browser test through scripts/test, which starts the SMTP server")
    with open(os.environ["CDNA_TEST_SMTP_SERVER"]) as handle:
        smtp = json.load(handle)
    server = subprocess.Popen(
        [cdna, "serve", "--demo", "--data", data, "--port", str(port), "--smtp-url", f"smtp://127.0.0.1:{smtp['ports']['plain']}"],
        env=env)
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
        accessibility_checks(checks, driver, base, output)
        deeper_analysis_checks(checks, driver, base, token, output, api, click)
        line_chart_checks(checks, driver, base, output)
        driver.get(base + "/w/harbor/decisions")
        beside = driver.execute_script("""
            const boxes = [...document.querySelectorAll('input[type=checkbox][name=evidence]')]
              .filter(box => box.getBoundingClientRect().width > 0);
            return boxes.length > 0 && boxes.every(box => {
              const b = box.getBoundingClientRect(), t = box.nextElementSibling.getBoundingClientRect();
              return b.right <= t.left && b.bottom > t.top && b.top < t.bottom; });""")
        checks.expect(beside, "the decision form's evidence checkboxes sit beside their labels")
        phone_checks(checks, base, output)
        assessment_checks(checks, driver, base, token, output, lambda: make_driver(390, 844))
        customer_checks(checks, driver, base, token, output, lambda: make_driver(390, 844))
        line_of_sight_checks(checks, driver, base, token, output, cdna)
        rollout_checks(checks, driver, base, token, output, lambda: make_driver(390, 844, emulate_phone=True), smtp["spool"], api, click)
        lifecycle_checks(checks, driver, base, output, click)
        member_checks(checks, driver, base, output, click, smtp["spool"], wait_for_mail, link_in, sign_in)
        pdf_checks(checks, base, token, output, api)
        single_sign_on_checks(checks, cdna, output, make_driver, wait_ready, free_port, click)

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
