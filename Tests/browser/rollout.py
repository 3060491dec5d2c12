"""The roll-out, end to end in a real browser, with mail through the test SMTP server:
participants are imported on their page, a wave's invitations go out from the campaign
page, a Norwegian participant's mail is read from the server's spool and answered in
bokmål on a phone-size page, and a reminder reaches only those who have not handed in.
Then the same for a customer study mailed to an address list.
"""

import base64
import email
import email.policy
import io
import os
import time
import uuid

import zxingcpp
from PIL import Image
from selenium.webdriver.common.by import By


def spool_mails(spool):
    """Every mail the SMTP server accepted: (recipient, subject, plain text)."""
    mails = []
    for name in sorted(os.listdir(spool)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(spool, name), "rb") as handle:
            raw = handle.read()
        first, _, rest = raw.partition(b"\r\n")
        recipient = first.decode().split(": ", 1)[1]
        message = email.message_from_bytes(rest.split(b"\r\n", 1)[1], policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        mails.append((recipient, str(message["subject"]), body.get_content() if body else ""))
    return mails


def wait_for_mail(spool, addresses, count, seconds=90):
    """The mails to `addresses` once each has `count` of them (the server sends its outbox
    every few seconds)."""
    deadline = time.time() + seconds
    while True:
        found = {address: [m for m in spool_mails(spool) if m[0] == address] for address in addresses}
        if all(len(mails) >= count for mails in found.values()) or time.time() > deadline:
            return found
        time.sleep(1)


def link_in(text, marker):
    return next(line.strip() for line in text.splitlines() if marker in line)


# A 1x1 PNG, for the logo.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def rollout_checks(checks, driver, base, token, output, make_phone, spool, api, click):
    run = uuid.uuid4().hex[:6]
    kari, ola, anna = (f"{name}.{run}@rollout.example" for name in ("kari", "ola", "anna"))

    # The organization's logo and colour, set on the branding page with a real file upload.
    logo = os.path.join(output, "logo.png")
    with open(logo, "wb") as handle:
        handle.write(PNG)
    driver.get(base + "/w/harbor/branding")
    driver.find_element(By.ID, "accent").send_keys("#7a1f5c")
    driver.find_element(By.ID, "logo").send_keys(os.path.abspath(logo))
    click(driver, driver.find_element(By.XPATH, "//button[text()='Save the branding']"))
    checks.expect("Saved." in driver.page_source, "the branding page saves an uploaded logo and an accent colour")

    # A unit of its own, and three participants in it, imported on the participants page.
    driver.get(base + "/w/harbor/org")
    driver.find_element(By.ID, "csv").send_keys(f"unit,parent,name\nlab{run},harbor,Roll-out lab {run}\n")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Import']"))
    driver.get(base + "/w/harbor/participants")
    driver.find_element(By.ID, "participants-csv").send_keys(
        f"email,name,unit,language\n{kari},Kari Nordmann,lab{run},nb\n{ola},Ola,lab{run},nb-NO\n{anna},Anna,lab{run},de\n")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Import']"))
    checks.expect("3 participants added" in driver.find_element(By.TAG_NAME, "main").text,
                  "the participants page imports three people")

    # A wave of the bundled assessment for that unit, invited from its page.
    wave = api(base, token, "POST", "/api/v1/workspaces/harbor/campaigns",
               {"name": f"Roll-out {run}", "instrument": "customer-dna", "opens_at": int(time.time()) - 60,
                "population": {f"lab{run}": 3}})
    driver.get(base + f"/w/harbor/campaigns/{wave['id']}")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Invite 3 participants not invited yet']"))
    checks.expect("Invited 3 participants" in driver.page_source, "the campaign page invites the wave's participants")
    mails = wait_for_mail(spool, [kari, ola, anna], 1)
    checks.expect(all(len(m) == 1 for m in mails.values()), "each participant receives exactly one invitation")
    _, subject, text = mails[kari][0]
    checks.expect(subject == "Harbor Mutual: hvor godt tjener vi kundene våre?" and text.startswith("Hei Kari Nordmann,"),
                  "the Norwegian participant's invitation is in bokmål")
    checks.expect(mails[anna][0][1].startswith("Harbor Mutual: Wie gut"), "the German participant's invitation is in German")

    # Kari answers in bokmål on a phone.
    phone = make_phone()
    try:
        phone.get(link_in(text, "/r/"))
        checks.expect(phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb", "the link opens the pages in bokmål")
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "Kunde-DNA-kartlegging" and "Steg 1 av 7" in phone.page_source,
                      "the questionnaire's title and progress are in bokmål")
        width, screen = phone.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        checks.expect(width <= screen, f"the Norwegian page fits the phone ({width} of {screen} px)")
        shown, colour = phone.execute_script(
            "const img = document.querySelector('p.organization img.logo');"
            "return [img !== null && img.complete && img.naturalWidth === 1,"
            " getComputedStyle(document.querySelector('button[value=next]')).backgroundColor]")
        checks.expect(shown and colour == "rgb(122, 31, 92)",
                      f"the page shows the organization's logo and its accent colour ({shown}, {colour})")
        click(phone, phone.find_element(By.XPATH, "//button[text()='Lagre og fortsett']"))
        checks.expect("Helt enig" in phone.page_source and "Vet ikke" in phone.page_source, "the scale is labelled in bokmål")
        phone.find_element(By.CSS_SELECTOR, "label[for='i-purpose-customers-5']").click()
        while phone.find_elements(By.XPATH, "//button[@value='next']"):
            click(phone, phone.find_element(By.XPATH, "//button[@value='next']"))
        checks.expect("Redusere tiden det tar å melde en skade etter en hendelse" in phone.page_source,
                      "the line-of-sight question lists the customer outcomes in bokmål")
        phone.find_element(By.CSS_SELECTOR, "label[for='i-line-of-sight-cant-say']").click()
        phone.save_screenshot(os.path.join(output, "respondent-nb-phone.png"))
        click(phone, phone.find_element(By.XPATH, "//button[text()='Lever svarene mine']"))
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "Takk", "handing in thanks her in bokmål")
    finally:
        phone.quit()

    # Reminders go to the two who have not handed in, each in their language; Kari gets none.
    driver.get(base + f"/w/harbor/campaigns/{wave['id']}")
    checks.expect("1 opened the link" in driver.find_element(By.CSS_SELECTOR, "main").text.replace("\n", " "),
                  "the campaign page counts who opened their link")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Remind those who have not handed in']"))
    checks.expect("Reminded 2 participants" in driver.page_source, "the page reminds those who have not handed in")
    mails = wait_for_mail(spool, [ola, anna], 2)
    time.sleep(6)  # one more round of the sender: nothing more may come
    mails.update(wait_for_mail(spool, [kari], 1, seconds=0))
    checks.expect([len(mails[a]) for a in (kari, ola, anna)] == [1, 2, 2],
                  f"only the two who have not handed in get a reminder ({[len(mails[a]) for a in (kari, ola, anna)]})")
    checks.expect(mails[ola][1][1].startswith("Påminnelse:") and mails[anna][1][1].startswith("Erinnerung:"),
                  "each reminder is in its participant's language")
    checks.expect(link_in(mails[ola][0][2], "/r/") == link_in(mails[ola][1][2], "/r/"), "a reminder carries the same link")

    # A customer study mailed to an address list: the Norwegian customer answers on a phone.
    study = api(base, token, "POST", "/api/v1/workspaces/harbor/surveys",
                {"kind": "outcome-study", "name": f"Internal study {run}", "opens_at": int(time.time()) - 60,
                 "items": ["after-hours-help", "appetite-clarity"]})
    liv, tom = (f"{name}.{run}@customer.example" for name in ("liv", "tom"))
    driver.get(base + f"/w/harbor/surveys/{study['id']}")
    driver.find_element(By.ID, "addresses").send_keys(f"email,name,language,segment\n{liv},Liv,nb,brokers\n{tom},Tom,,\n")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Send the invitations']"))
    checks.expect("Invited 2 customers" in driver.page_source, "the survey page mails the study to the address list")
    mails = wait_for_mail(spool, [liv, tom], 1)
    _, subject, text = mails[liv][0]
    checks.expect(subject == "Harbor Mutual: fortell oss hva som betyr noe for deg" and f"Internal study {run}" not in text,
                  "the customer's mail is in bokmål and never shows the internal name")
    phone = make_phone()
    try:
        phone.get(link_in(text, "/c/"))
        checks.expect(phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"
                      and phone.find_element(By.TAG_NAME, "h1").text == "Hva som betyr noe for deg",
                      "the study opens in bokmål under its public title")
        checks.expect(not phone.find_elements(By.ID, "segment"), "the segment issued with the link is not asked")
        click(phone, phone.find_element(By.XPATH, "//button[text()='Lagre og fortsett']"))
        phone.find_element(By.CSS_SELECTOR, "label[for='importance-after-hours-help-5']").click()
        phone.find_element(By.CSS_SELECTOR, "label[for='satisfaction-after-hours-help-2']").click()
        checks.expect("Ekstremt viktig" in phone.page_source and "Dette gjelder ikke meg" in phone.page_source,
                      "the study's scales are in bokmål")
        checks.expect("Øke sannsynligheten for å få praktisk hjelp utenom kontortid" in phone.page_source,
                      "the study's outcomes read in bokmål")
        phone.save_screenshot(os.path.join(output, "customer-nb-phone.png"))
        click(phone, phone.find_element(By.XPATH, "//button[text()='Send svarene mine']"))
        checks.expect(phone.find_element(By.TAG_NAME, "h1").text == "Takk", "sending thanks the customer in bokmål")
    finally:
        phone.quit()
    driver.get(base + f"/w/harbor/surveys/{study['id']}")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Remind those who have not answered']"))
    checks.expect("Reminded 1 customer" in driver.page_source, "the survey page reminds the one who has not answered")
    mails = wait_for_mail(spool, [tom], 2)
    time.sleep(6)
    mails.update(wait_for_mail(spool, [liv], 1, seconds=0))
    checks.expect([len(mails[liv]), len(mails[tom])] == [1, 2], "only the customer who has not answered gets a reminder")
    driver.save_screenshot(os.path.join(output, "survey-invitations.png"))

    # The wave's open link as a QR code: read back from what Chromium draws, it is the link.
    driver.get(base + f"/w/harbor/campaigns/{wave['id']}")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Create an open link']"))
    shown = driver.find_element(By.XPATH, "//p[contains(., 'Anyone with this link')]/code").text
    image = driver.find_element(By.CSS_SELECTOR, "figure.qr img")
    checks.expect(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image),
                  "the campaign page shows the open link's QR code")
    driver.get(base + f"/w/harbor/campaigns/{wave['id']}/open-link.svg")
    png = base64.b64decode(driver.get_screenshot_as_base64())
    found = [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    checks.expect(found == [shown], f"a QR reader reads the open link from the drawn code ({found} for {shown})")
    phone = make_phone()
    try:
        phone.get(found[0] + "?lang=nb")
        checks.expect("/r/" in phone.current_url and phone.find_element(By.TAG_NAME, "h1").text == "Kunde-DNA-kartlegging",
                      "the scanned link starts a questionnaire, in the language it was opened in")
    finally:
        phone.quit()
    # Leave the browser on a page of the site, as the checks after this one expect.
    driver.get(base + "/w/harbor/org")
