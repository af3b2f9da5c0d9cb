import Foundation
import TestSupport
import Testing

/// The portal's pages in real Chromium, driven by selenium: checking files, signing in as Kenya, sending
/// Kenya's figures (stored) and Uganda's (refused), signing out, and a cross-site form refused.
@Suite(.serialized) struct PortalBrowserTests {
    static let script = """
        import sys, os
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        base, token, valid, invalid, kenya, uganda, attacker = sys.argv[1:8]
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        options.binary_location = sys.argv[8]
        driver = webdriver.Chrome(service=Service(sys.argv[9]), options=options)
        driver.implicitly_wait(10)
        def arrived(path):
            WebDriverWait(driver, 10).until(lambda d: d.current_url == base + path)
        try:
            def upload(page, path, button):
                driver.get(base + page)
                driver.find_element(By.ID, "file").send_keys(path)
                driver.find_element(By.ID, button).click()
                return driver.find_element(By.CSS_SELECTOR, ".verdict").text.replace("\\n", " ")
            def rows():
                driver.get(base + "/transmissions")
                return [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#transmissions tr")[1:]]
            print("valid:", upload("/validate", valid, "check"))
            print("invalid:", upload("/validate", invalid, "check"))
            driver.get(base + "/sign-in")
            driver.find_element(By.ID, "token").send_keys(token)
            driver.find_element(By.ID, "sign-in").click()
            arrived("/transmissions")
            print("signed in:", driver.current_url.endswith("/transmissions"), "Kenya National" in driver.page_source)
            print("kenya:", upload("/submit", kenya, "send"))
            print("listed:", [r for r in rows() if "kenya-portal.csv" in r] != [])
            print("uganda:", upload("/submit", uganda, "send"))
            print("uganda listed:", [r for r in rows() if "uganda-portal.csv" in r] != [])
            # A form on another site posting to the portal: its cookies stay behind (SameSite=Strict).
            driver.get("file://" + attacker)
            driver.find_element(By.ID, "go").click()
            print("cross-site:", driver.find_element(By.TAG_NAME, "h1").text)
            print("still signed in:", driver.current_url, len(rows()) >= 1)
            driver.get(base + "/transmissions")
            driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
            arrived("/")
            driver.get(base + "/transmissions")
            print("signed out:", driver.current_url.endswith("/sign-in"))
        except Exception as error:
            print("error:", repr(error)[:800])
        finally:
            driver.quit()
        """

    @Test(.requires(.selenium)) func anOfficeChecksSendsAndSignsOut() throws {
        var token = ""
        let service = try RunningService.start { repository in
            let add = try CommandLineTests().idac(
                arguments: [
                    "users", "add", "--name", "Kenya National Bureau of Statistics", "--country", "KEN",
                    "--repository", repository,
                ])
            token = PortalCommandTests.token(in: add.output)
        }
        defer { _ = try? service.stop() }
        let directory = try TestPaths.temporaryDirectory()
        let kenyaCSV = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
        try kenyaCSV.replacingOccurrences(of: "registration database", with: "registration database (portal)")
            .write(toFile: directory + "/kenya-portal.csv", atomically: true, encoding: .utf8)
        try kenyaCSV.replacingOccurrences(of: ",Q,KEN,", with: ",Q,UGA,")
            .write(toFile: directory + "/uganda-portal.csv", atomically: true, encoding: .utf8)
        let attacker = """
            <!DOCTYPE html><html><body><form method="post" action="\(service.baseURL)/sign-out">
            <input type="hidden" name="csrf" value="guessed"><button id="go" type="submit">Win a prize</button>
            </form></body></html>
            """
        try attacker.write(toFile: directory + "/attacker.html", atomically: true, encoding: .utf8)
        let output = try PythonScript.run(
            Self.script,
            arguments: [
                service.baseURL, token, TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
                TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.csv"), directory + "/kenya-portal.csv",
                directory + "/uganda-portal.csv", directory + "/attacker.html", HeadlessBrowser.path ?? "",
                ExternalRequirement.chromedriverPath ?? "",
            ])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 10, "\(output)")
        #expect(lines.first?.hasPrefix("valid: This file can be sent") == true, "\(output)")
        #expect(lines.dropFirst().first?.hasPrefix("invalid: This file cannot be accepted") == true, "\(output)")
        #expect(lines.contains("signed in: True True"), "\(output)")
        #expect(lines.contains { $0.hasPrefix("kenya: Accepted") }, "\(output)")
        #expect(lines.contains("listed: True"), "\(output)")
        #expect(lines.contains { $0.hasPrefix("uganda: Refused") }, "\(output)")
        #expect(lines.contains("uganda listed: False"), "\(output)")
        #expect(lines.contains("cross-site: Forbidden"), "\(output)")
        #expect(lines.contains { $0.hasPrefix("still signed in:") && $0.hasSuffix("True") }, "\(output)")
        #expect(lines.contains("signed out: True"), "\(output)")
        let (_, log) = try service.stop()
        #expect(!log.contains(String(token.dropFirst(5))))
    }
}
