package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.testing.HeadlessChromium;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The paper browser in a real browser: Debian's Chromium driven by Selenium through Debian's chromedriver (nothing
 * downloaded; no network but loopback), against the real stack. The page's counts are compared with the API's.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WORD = TestPapers.uniqueWord("browser");
    private static final List<EnrichedPaperEvent> PAPERS = new ArrayList<>();
    private static WebDriver browser;
    private static volatile boolean indexed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    String root;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void indexPapers() {
        if (indexed) {
            return;
        }
        TestPapers.awaitConsumerReady(bootstrapServers);
        // 25 papers: more than one page of 20. Tags: every paper "alpha"; odd ones "beta"; every third "gamma".
        for (int i = 0; i < 25; i++) {
            List<String> tags = new ArrayList<>(List.of("alpha"));
            if (i % 2 == 1) {
                tags.add("beta");
            }
            if (i % 3 == 0) {
                tags.add("gamma");
            }
            PAPERS.add(TestPapers.paper(TestPapers.newId(), WORD + " study number " + i)
                    .summary("A study of " + WORD + " in setting " + i + ".").organization("Lab " + (i % 4))
                    .publishedOn(LocalDate.of(2025, 1, 1).plusDays(i)).upvotes(i).tags(tags.toArray(String[]::new))
                    .build());
        }
        TestPapers.publishAll(bootstrapServers, PAPERS);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> api("q", WORD, "mode", "keyword")
                .getInt("total") == 25);
        indexed = true;
    }

    @Test
    void filtersByTwoTagsWithTheApisCountsAndKeepsTheViewInTheUrl() {
        open("?q=" + WORD + "&mode=keyword");
        assertThat(total()).isEqualTo(api("q", WORD, "mode", "keyword").getInt("total"));
        tick("tag", "beta");
        waitForUrl("tag=beta");
        tick("tag", "gamma");
        waitForUrl("tag=gamma");
        JsonPath api = api("q", WORD, "mode", "keyword", "tag", "beta", "tag", "gamma");
        until(d -> total() == api.getInt("total"));
        assertThat(facetCounts("tag")).isEqualTo(apiCounts(api, "tags"));
        assertThat(hitTitles()).hasSize(api.getList("hits").size());

        // Untick one, sort by newest, then page with "more".
        tick("tag", "gamma");
        waitForUrlWithout("tag=gamma");
        new Select(browser.findElement(By.id("sort"))).selectByValue("newest");
        waitForUrl("sort=newest");
        JsonPath newest = api("q", WORD, "mode", "keyword", "tag", "beta", "sort", "newest", "size", "20");
        until(d -> hitTitles().equals(newest.getList("hits.title", String.class)));
        int before = hitTitles().size();
        String url = browser.getCurrentUrl();

        browser.navigate().refresh();
        waitForHits();
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(total()).isEqualTo(newest.getInt("total"));
        assertThat(new Select(browser.findElement(By.id("sort"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("newest");

        browser.navigate().back();
        waitForUrlWithout("sort=newest");
        browser.navigate().forward();
        waitForUrl("sort=newest");
        until(d -> hitTitles().size() == before);

        open("?q=" + WORD + "&mode=keyword");
        int all = api("q", WORD, "mode", "keyword").getInt("total");
        assertThat(hitTitles()).hasSize(20);
        browser.findElement(By.linkText("More results")).click();
        until(d -> hitTitles().size() == all);
        assertThat(browser.findElements(By.linkText("More results"))).isEmpty();
    }

    @Test
    void suggestsTitlesAsYouType() {
        open("");
        WebElement box = browser.findElement(By.id("q"));
        // The most upvoted of the 25: suggestions list the 10 most upvoted titles that complete the prefix.
        String title = WORD + " study number 24";
        box.sendKeys(title.substring(0, title.length() - 2));
        until(d -> suggestions().contains(title));
        String suggestion = suggestions().get(suggestions().indexOf(title));
        box.clear();
        box.sendKeys(suggestion);
        box.submit();
        waitForUrl("q=");
        until(d -> !hitTitles().isEmpty() && hitTitles().get(0).equals(suggestion));
    }

    @Test
    void announcesANewMatchingPaperOnlyOnPagesWhoseFiltersMatchIt() {
        String other = browser.getWindowHandle();
        open("?q=" + WORD + "&tag=delta&mode=keyword");
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        String matching = browser.getWindowHandle();
        open("?q=" + WORD + "&tag=alpha&mode=keyword");
        // The stream is open once the page has loaded its script; give it a moment to subscribe.
        until(d -> ((JavascriptExecutor) d)
                .executeScript("return document.readyState").equals("complete"));
        String title = WORD + " arrives live";
        EnrichedPaperEvent fresh = TestPapers.paper(TestPapers.newId(), title).tags("alpha").build();
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            TestPapers.publish(bootstrapServers, fresh);
            assertThat(browser.findElement(By.id("live")).isDisplayed()).isTrue();
        });
        WebElement show = browser.findElement(By.id("live-show"));
        assertThat(show.getText()).isEqualTo("1 new paper — show");
        show.click();
        until(d -> hitTitles().get(0).equals(title));
        assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();

        browser.switchTo().window(other);
        assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();
        browser.switchTo().window(matching).close();
        browser.switchTo().window(other);
    }

    @Test
    void showsAPaperWithSimilarPapersAndAFriendly404() {
        EnrichedPaperEvent paper = PAPERS.get(3);
        browser.get(root + "p/" + paper.paperId());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(paper.paper().title());
        assertThat(browser.findElement(By.className("summary")).getText()).isEqualTo(paper.paper().summary());
        List<String> similar = browser.findElements(By.cssSelector(".similar a")).stream().map(WebElement::getText)
                .toList();
        assertThat(similar).isNotEmpty().doesNotContain(paper.paper().title());

        browser.get(root + "p/no-such-paper");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sorry, that is not here");
        assertThat(given().get("/p/no-such-paper").statusCode()).isEqualTo(404);
        assertThat(given().queryParam("year", "twenty").get("/").then().statusCode(400).extract().asString())
                .contains("year must be a four-digit year").doesNotContain("Exception");
    }

    @Test
    void fitsA360PixelScreenAndSavesTheReadmeScreenshot() throws Exception {
        open("?q=" + WORD + "&mode=keyword");
        Path screenshot = Path.of("docs/paperstream-ui.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        try {
            browser.manage().window().setSize(new Dimension(360, 800));
            open("?q=" + WORD + "&mode=keyword");
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).isLessThanOrEqualTo(0);
            assertThat(browser.findElement(By.id("q")).isDisplayed()).isTrue();
        } finally {
            browser.manage().window().setSize(new Dimension(1440, 1000));
        }
    }

    @Test
    void hasNoSeriousAccessibilityViolations() throws Exception {
        String axe = axeScript();
        EnrichedPaperEvent paper = PAPERS.get(1);
        for (String page : List.of("?q=" + WORD + "&mode=keyword&tag=beta", "p/" + paper.paperId(),
                "trending?window=7d")) {
            browser.get(root + page);
            ((JavascriptExecutor) browser).executeScript(axe);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + " axe.run(document, {resultTypes: ['violations']})"
                            + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help}))));");
            assertThat(violations).as("axe-core violations on /%s", page)
                    .noneMatch(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")));
        }
    }

    /** axe-core's script from its webjar (the version is the one in the pom). */
    private static String axeScript() throws Exception {
        java.util.Properties pom = new java.util.Properties();
        try (var in = PaperBrowserTest.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            pom.load(in);
        }
        try (var in = PaperBrowserTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                + pom.getProperty("version") + "/axe.min.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Waits for a condition on the page, reading again when htmx replaced what it was reading. */
    private static void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private void open(String query) {
        browser.get(root + query);
        waitForHits();
    }

    private static void waitForHits() {
        until(d -> !d.findElements(By.id("main")).isEmpty());
    }

    private static void waitForUrl(String part) {
        until(d -> d.getCurrentUrl().contains(part)
                && !d.findElements(By.id("main")).isEmpty());
    }

    private static void waitForUrlWithout(String part) {
        until(d -> !d.getCurrentUrl().contains(part));
    }

    private static void tick(String param, String value) {
        String url = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("input[name='" + param + "'][value='" + value + "']")).click();
        until(d -> !d.getCurrentUrl().equals(url));
        waitForHits();
    }

    private static List<String> suggestions() {
        return browser.findElements(By.cssSelector("#suggestions option")).stream()
                .map(option -> option.getAttribute("value")).toList();
    }

    private static int total() {
        return Integer.parseInt(browser.findElement(By.id("total")).getText());
    }

    private static List<String> hitTitles() {
        return browser.findElements(By.cssSelector("#hits .hit h2")).stream().map(WebElement::getText).toList();
    }

    private static Map<String, Long> facetCounts(String param) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WebElement input : browser.findElements(By.cssSelector("input[name='" + param + "']"))) {
            WebElement label = input.findElement(By.xpath(".."));
            counts.put(input.getAttribute("value"),
                    Long.parseLong(label.findElement(By.className("count")).getText()));
        }
        return counts;
    }

    private static Map<String, Long> apiCounts(JsonPath page, String facet) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> value : page.<Map<String, Object>>getList("facets." + facet)) {
            counts.put((String) value.get("value"), ((Number) value.get("count")).longValue());
        }
        return counts;
    }

    private static JsonPath api(String... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/papers/search").then().statusCode(200).extract().jsonPath();
    }
}
