"""The analyses of issue 17 in a real browser, on the demo before the other checks change it:
the autumn results page's key drivers and open answers, planning an action and changing its
status through the form, the where-to-act page and the study's found segments."""

import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def deeper_analysis_checks(checks, driver, base, token, output, api, click):
    waves = sorted(api(base, token, "GET", "/api/v1/workspaces/harbor/campaigns")["items"], key=lambda c: c["opens_at"])
    autumn = waves[-1]
    driver.get(f"{base}/w/harbor/campaigns/{autumn['id']}/results")
    drivers = driver.find_element(By.ID, "s-drivers").find_element(By.XPATH, "..")
    rows = drivers.find_elements(By.CSS_SELECTOR, "details.chart-table tbody tr")
    checks.expect(len(rows) == 12, f"the results page's driver table has the twelve forces ({len(rows)})")
    chart = drivers.find_element(By.CSS_SELECTOR, "svg.chart.drivers")
    checks.expect(chart.size["width"] > 400 and "Key drivers" in chart.get_attribute("aria-label"),
                  "the driver chart is drawn, named for screen readers")
    driver.execute_script("arguments[0].scrollIntoView()", drivers)
    driver.save_screenshot(os.path.join(output, "results-drivers.png"))

    comments = driver.find_element(By.ID, "s-comments").find_element(By.XPATH, "..")
    checks.expect("answers from" in comments.text and comments.find_elements(By.CSS_SELECTOR, "svg.chart.bars"),
                  "the open answers show their themes as a chart")
    everything = comments.find_element(By.XPATH, ".//summary[starts-with(., 'All answers')]")
    everything.click()
    folded = comments.find_elements(By.CSS_SELECTOR, "ul.comments li span.folded")
    checks.expect(folded and all(f.is_displayed() for f in folded[:3]) and "people wrote nearly this" in folded[0].text,
                  "opening the answers shows near-identical ones once with how many wrote them")
    driver.execute_script("arguments[0].scrollIntoView()", comments)
    driver.save_screenshot(os.path.join(output, "results-open-answers.png"))

    # Plan an action with the form, then mark it done.
    driver.get(base + "/w/harbor/actions")
    driver.find_element(By.ID, "action-title").send_keys("Put a customer's words on every team wall")
    Select(driver.find_element(By.ID, "action-force")).select_by_visible_text("Purpose")
    Select(driver.find_element(By.ID, "action-unit")).select_by_visible_text("Claims")
    Select(driver.find_element(By.ID, "action-owner")).select_by_visible_text("admin@localhost")
    due = driver.find_element(By.ID, "action-due")
    driver.execute_script("arguments[0].value = '2030-03-01'", due)
    click(driver, driver.find_element(By.XPATH, "//button[text()='Plan the action']"))
    row = driver.find_element(By.XPATH, "//table[contains(@class,'action-plans')]//tr[td[contains(., \"Put a customer's words\")]]")
    checks.expect("Purpose in Claims" in row.text and "waits for the next wave" in row.text,
                  "a planned action is listed with its force, unit and no follow-up yet")
    Select(row.find_element(By.CSS_SELECTOR, "select[name=status]")).select_by_value("done")
    click(driver, row.find_element(By.XPATH, ".//button[text()='Save']"))
    row = driver.find_element(By.XPATH, "//table[contains(@class,'action-plans')]//tr[td[contains(., \"Put a customer's words\")]]")
    checks.expect(Select(row.find_element(By.CSS_SELECTOR, "select[name=status]")).first_selected_option.text == "done",
                  "its status is changed from the list")
    followed = driver.find_element(By.XPATH, "//tr[td[contains(., 'ten minutes in every team meeting')]]").text
    checks.expect("points in Pulse, autumn" in followed and "p = " in followed, "the spring action is followed up by the autumn wave")
    driver.save_screenshot(os.path.join(output, "actions.png"))

    driver.get(base + "/w/harbor/where-to-act")
    sections = driver.find_elements(By.CSS_SELECTOR, "section.where-to-act")
    tables = driver.find_elements(By.CSS_SELECTOR, "section.where-to-act table")
    checks.expect(sections and tables, f"where to act shows {len(sections)} underserved outcomes with the units that serve them")
    initiative = driver.find_elements(By.CSS_SELECTOR, "section.where-to-act li a")
    if initiative:
        click(driver, initiative[0])
        checks.expect("/line-of-sight" in driver.current_url and "node=" in driver.current_url,
                      "an initiative on where to act opens in the line of sight")
    driver.save_screenshot(os.path.join(output, "where-to-act.png"))

    study = next(s for s in api(base, token, "GET", "/api/v1/workspaces/harbor/surveys")["items"] if s["kind"] == "outcome-study")
    driver.get(f"{base}/w/harbor/surveys/{study['id']}/results")
    found = driver.find_element(By.ID, "s-found-segments").find_element(By.XPATH, "..")
    sizes = [int(cell.text) for cell in found.find_elements(By.CSS_SELECTOR, "td[data-label=Customers]")]
    checks.expect(len(sizes) >= 2 and sum(sizes) > 0, f"the study shows the segments found in its answers ({sizes})")
