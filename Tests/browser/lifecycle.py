"""Deleting and erasing in a real browser: the confirmation counts what goes and deletes only
when the name is typed; the privacy page erases a person and the audit log says so without
their address."""

import os
import time
import urllib.request

from selenium.webdriver.common.by import By


def lifecycle_checks(checks, driver, base, output, click):
    # A participant who manages nobody: deleting them takes their record only.
    driver.get(base + "/w/harbor/participants")
    link = driver.find_element(By.CSS_SELECTOR, "table.participants a[aria-label^='Delete ']")
    email = link.get_attribute("aria-label")[len("Delete "):]
    click(driver, link)
    main = driver.find_element(By.TAG_NAME, "main").text
    checks.expect(f"Delete the participant {email}?" in main and "1 participant record" in main,
                  "the confirmation names the participant and counts what goes")
    driver.save_screenshot(os.path.join(output, "delete-confirmation.png"))
    driver.find_element(By.ID, "confirm").send_keys("not the address")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Delete for good']"))
    checks.expect(f"type {email} exactly to delete it" in driver.find_element(By.TAG_NAME, "main").text,
                  "a wrong confirmation is refused beside its field")
    field = driver.find_element(By.ID, "confirm")
    field.clear()
    field.send_keys(email)
    click(driver, driver.find_element(By.XPATH, "//button[text()='Delete for good']"))
    checks.expect(driver.find_element(By.TAG_NAME, "h1").text == f"Deleted the participant {email}",
                  "typing the address deletes the participant")
    driver.get(base + "/w/harbor/participants")
    checks.expect(email not in driver.find_element(By.TAG_NAME, "main").text, "the deleted participant is gone from the list")

    # Erasing the demo's manager: the preview counts the people naming her, then she is gone.
    manager = "ingrid.berg0@harbor-mutual.example"
    driver.get(base + "/w/harbor")
    click(driver, driver.find_element(By.LINK_TEXT, "Data and privacy"))
    driver.find_element(By.ID, "email").send_keys(manager)
    click(driver, driver.find_element(By.XPATH, "//button[text()='Show what would be erased']"))
    main = driver.find_element(By.TAG_NAME, "main").text
    checks.expect("naming them as manager" in main, "the erasure preview counts the records naming the person as manager")
    driver.find_element(By.ID, "confirm").send_keys(manager)
    click(driver, driver.find_element(By.XPATH, "//button[text()='Delete for good']"))
    checks.expect(driver.find_element(By.TAG_NAME, "h1").text == f"Erased {manager}", "the person is erased")
    driver.get(base + "/w/harbor/audit")
    log = driver.find_element(By.TAG_NAME, "main").text
    checks.expect("person.erase" in log and manager not in log, "the audit log says an erasure happened, not whom")
    driver.save_screenshot(os.path.join(output, "erased-audit.png"))


def member_checks(checks, driver, base, output, click, spool, wait_for_mail, link_in, sign_in):
    """An admin invites someone from the members page; the mailed link lets them choose a
    password and sign in with the access given; deactivated, the workspace is gone for them."""
    newcomer = f"newcomer-{int(time.time())}@harbor.example"
    driver.get(base + "/w/harbor/members")
    driver.find_element(By.ID, "email").send_keys(newcomer)
    driver.find_element(By.ID, "name").send_keys("Nia Newcomer")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Invite']"))
    checks.expect(f"Invited {newcomer}: the mail is on its way." in driver.find_element(By.TAG_NAME, "main").text,
                  "inviting from the members page puts the mail in the outbox")
    mails = wait_for_mail(spool, [newcomer], 1)[newcomer]
    checks.expect(len(mails) == 1 and "You are invited to Harbor Mutual" in mails[0][1], "the invitation mail arrives")
    link = link_in(mails[0][2], "/welcome/")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Sign out']"))
    driver.get(link)
    driver.find_element(By.ID, "password").send_keys("a newcomer's password")
    driver.find_element(By.ID, "repeat").send_keys("a newcomer's password")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Save my password']"))
    checks.expect("Your password is set." in driver.find_element(By.TAG_NAME, "main").text, "the link's holder chooses a password")
    driver.get(base + "/w/harbor")
    driver.find_element(By.ID, "email").send_keys(newcomer)
    driver.find_element(By.ID, "password").send_keys("a newcomer's password")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    checks.expect(driver.find_element(By.TAG_NAME, "h1").text == "Harbor Mutual", "the newcomer signs in to the workspace as a viewer")
    driver.save_screenshot(os.path.join(output, "newcomer-home.png"))
    click(driver, driver.find_element(By.XPATH, "//button[text()='Sign out']"))

    sign_in(driver, base)
    driver.get(base + "/w/harbor/members")
    row = driver.find_element(By.XPATH, f"//tr[td[text()='{newcomer}']]")
    click(driver, row.find_element(By.XPATH, ".//button[text()='Deactivate']"))
    row = driver.find_element(By.XPATH, f"//tr[td[text()='{newcomer}']]")
    checks.expect("deactivated" in row.text, "the members page shows the deactivated member")
    driver.save_screenshot(os.path.join(output, "members.png"))


def pdf_checks(checks, base, token, output, api):
    """The leadership report as PDF, read back: the executive summary at the top, the
    organization's name and page numbers on every page."""
    import io

    import pypdf

    campaigns = api(base, token, "GET", "/api/v1/workspaces/harbor/campaigns")["items"]
    autumn = next(c for c in campaigns if "autumn" in c["name"])
    request = urllib.request.Request(
        f"{base}/api/v1/workspaces/harbor/campaigns/{autumn['id']}/report?format=pdf", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        kind, data = response.headers["Content-Type"], response.read()
    with open(os.path.join(output, "report.pdf"), "wb") as handle:
        handle.write(data)
    checks.expect(kind == "application/pdf" and data.startswith(b"%PDF-"), "the report downloads as a PDF")
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    first = pages[0]
    checks.expect(len(pages) > 2, f"the PDF has its pages ({len(pages)})")
    checks.expect("Executive summary" in first and "Strongest forces:" in first and "Weakest forces:" in first
                  and "Weakest layer:" in first and "Line of sight:" in first and "Holm" in first,
                  "the first page opens with the executive summary")
    checks.expect(all(f"Page {n} of {len(pages)}" in text and "Harbor Mutual" in text for n, text in enumerate(pages, 1)),
                  "every page carries the organization's name and its page number")
