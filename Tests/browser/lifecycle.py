"""Deleting and erasing in a real browser: the confirmation counts what goes and deletes only
when the name is typed; the privacy page erases a person and the audit log says so without
their address."""

import os

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
