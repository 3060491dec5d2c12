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
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

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
    driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()


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
        driver.find_element(By.XPATH, "//button[text()='Import']").click()
        errors = driver.find_element(By.CSS_SELECTOR, "ul.error").text
        checks.expect("org-chart.csv:2:5: parent 'nowhere' is not a unit" in errors, "a bad import shows the located problem")
        checks.expect("Innovation lab" not in driver.find_element(By.CSS_SELECTOR, "ul.tree").text, "a bad import adds nothing")
        driver.save_screenshot(os.path.join(output, "org-chart-import-error.png"))

        driver.find_element(By.LINK_TEXT, "Frameworks").click()
        body = driver.find_element(By.TAG_NAME, "main").text
        checks.expect("OS Canvas" in body and "layers/strategy/customer-to-business" in body, "the frameworks page lists dimensions and elements")
        driver.save_screenshot(os.path.join(output, "frameworks.png"))

        driver.find_element(By.XPATH, "//button[text()='Sign out']").click()
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
