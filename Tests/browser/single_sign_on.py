"""Single sign-on through a real OpenID Connect provider (oidc-provider-mock, from PyPI): a
second CustomerDNA server with password sign-in off signs a person in through the provider in
Chromium, their directory group gives them a role, the callback cannot be used twice, a
provider answering wrongly stops start-up naming the setting, and one that is down shows the
sign-in page with an error."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from selenium.webdriver.common.by import By


def start_provider(port):
    provider = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--require-registration", "true",
         "--require-nonce", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        if provider.poll() is not None:
            raise RuntimeError(f"oidc-provider-mock exited with {provider.returncode}")
        try:
            with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", timeout=2):
                return provider, issuer
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("oidc-provider-mock did not start")


def provider_call(issuer, method, path, body):
    request = urllib.request.Request(issuer + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def callback_url(base, issuer):
    """Goes through a sign-in with plain HTTP up to the provider's redirect back, and returns
    the callback address with the browser's cookies, without following it."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    try:
        opener.open(base + "/auth/oidc/start", timeout=10)
    except urllib.error.HTTPError as redirect:
        authorize = redirect.headers["Location"]
    form = urllib.parse.urlencode({"sub": "ada"}).encode()
    try:
        opener.open(urllib.request.Request(authorize, data=form, method="POST"), timeout=10)
    except urllib.error.HTTPError as redirect:
        return opener, redirect.headers["Location"]
    raise RuntimeError("the provider did not send the browser back")


def status_of(opener, url):
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def single_sign_on_checks(checks, cdna, output, make_driver, wait_ready, free_port, click):
    provider_port, port = free_port(), free_port()
    provider, issuer = start_provider(provider_port)
    base = f"http://127.0.0.1:{port}"
    data = tempfile.mkdtemp(prefix="cdna-sso-")
    server = driver = None
    try:
        client = provider_call(issuer, "POST", "/oauth2/clients", {"redirect_uris": [base + "/auth/oidc/callback"]})
        provider_call(issuer, "PUT", "/users/ada", {"email": "ada@harbor.example", "email_verified": True,
                                                   "name": "Ada <b>Lovelace</b>", "groups": ["harbor-analysts"]})
        env = dict(os.environ, CDNA_LOG_LEVEL="warning", CDNA_PUBLIC_URL=base, CDNA_OIDC_ISSUER=issuer,
                   CDNA_OIDC_CLIENT_ID=client["client_id"], CDNA_OIDC_CLIENT_SECRET=client["client_secret"],
                   CDNA_PASSWORD_SIGNIN="off", CDNA_ADMIN_PASSWORD="a password for sso")
        env.pop("CDNA_DATABASE_URL", None)
        subprocess.run([cdna, "demo", "--data", data], env=env, check=True, capture_output=True)
        subprocess.run([cdna, "sso", "map", "--workspace", "harbor", "--group", "harbor-analysts", "--access", "analyst",
                        "--data", data], env=env, check=True, capture_output=True)

        # A provider answering for another address stops start-up, naming the setting.
        wrong = subprocess.run([cdna, "serve", "--data", data, "--port", str(port)],
                               env=dict(env, CDNA_OIDC_ISSUER=issuer + "/nowhere"), capture_output=True, text=True, timeout=60)
        checks.expect(wrong.returncode != 0 and "CDNA_OIDC_ISSUER" in wrong.stderr and "404" in wrong.stderr,
                      "a provider whose discovery document is not at the issuer stops start-up naming CDNA_OIDC_ISSUER")

        server = subprocess.Popen([cdna, "serve", "--data", data, "--port", str(port)], env=env)
        wait_ready(base, server)
        driver = make_driver(1280, 900)
        driver.get(base + "/w/harbor/campaigns")
        checks.expect(not driver.find_elements(By.ID, "password"), "with password sign-in off the page has no password field")
        click(driver, driver.find_element(By.ID, "single-sign-on"))
        checks.expect(driver.current_url.startswith(issuer + "/oauth2/authorize"), "single sign-on sends the browser to the provider")
        driver.find_element(By.NAME, "sub").send_keys("ada")
        click(driver, driver.find_element(By.XPATH, "//button[text()='Authorize']"))
        checks.expect(driver.current_url == base + "/w/harbor/campaigns",
                      "after the provider the browser is back on the page it asked for")
        checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "Assessments", "the mapped group's analyst role opens the assessments")
        driver.save_screenshot(os.path.join(output, "single-sign-on.png"))
        driver.get(base + "/w/harbor/members")
        checks.expect("needs admin access" in driver.find_element(By.TAG_NAME, "main").text,
                      "an analyst from the directory cannot manage members")
        driver.get(base + "/account")
        checks.expect("Ada <b>Lovelace</b>" in driver.find_element(By.TAG_NAME, "main").text,
                      "the provider's name for the person is shown as text")
        checks.expect(not driver.find_elements(By.ID, "current-password")
                      and "keeps no password of yours" in driver.find_element(By.TAG_NAME, "main").text,
                      "with password sign-in off the account page offers no password to change")
        click(driver, driver.find_element(By.XPATH, "//button[text()='Sign out']"))
        driver.get(base + "/w/harbor/campaigns")
        checks.expect("/login" in driver.current_url, "signing out ends the local session")

        # The callback the provider sent works once.
        opener, url = callback_url(base, issuer)
        first, _ = status_of(opener, url)
        second, page = status_of(opener, url)
        checks.expect(first == 302 and second == 401 and "Single sign-on did not work" in page,
                      f"a callback sent again signs nobody in (first {first}, again {second})")

        # The provider goes down: the next sign-in shows the page with the error, a 503.
        provider.terminate()
        provider.wait(timeout=10)
        driver.get(base + "/login")
        click(driver, driver.find_element(By.ID, "single-sign-on"))
        main = driver.find_element(By.TAG_NAME, "main").text
        checks.expect(driver.current_url.startswith(base) and "cannot be reached just now" in main,
                      "a provider that is down shows the sign-in page with an error")
        status, _ = status_of(urllib.request.build_opener(NoRedirect), base + "/auth/oidc/start")
        checks.expect(status == 503, "a provider that is down answers 503, not 500")
        driver.save_screenshot(os.path.join(output, "single-sign-on-down.png"))
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            server.wait(timeout=15)
        if provider.poll() is None:
            provider.terminate()
        shutil.rmtree(data, ignore_errors=True)
