package dev.paperstream.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.Roles;
import dev.paperstream.testing.PaperstreamStackResource;
import dev.paperstream.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** POST /listings with real signed tokens: who may write, and how a refusal reads. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class ListingAuthorizationTest {

    private static final String LISTING = "Dec 17\n\nAuthorization Check Paper TITLE\n\nAn abstract.\n\n  • 2 authors\n·\n"
            + "Dec 1, 2025 3\n";

    @Test
    void refusesAListingWithoutATokenAsJson() {
        listing(given()).post("/listings").then().statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("message", containsString("bearer token"));
    }

    @Test
    void refusesATokenWhoseRoleCannotWrite() {
        listing(given().auth().oauth2(TestTokens.bearer(Roles.SUBSCRIBER))).post("/listings").then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("status", equalTo(403))
                .body("message", containsString(Roles.INGEST));
    }

    @Test
    void refusesATokenWhoseClaimsWereChangedAfterSigning() {
        String[] parts = TestTokens.bearer(Roles.SUBSCRIBER).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(Roles.SUBSCRIBER, Roles.ADMIN);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        listing(given().auth().oauth2(forged)).post("/listings").then().statusCode(401)
                .contentType(ContentType.JSON);
        listing(given().auth().oauth2("not-a-jwt")).post("/listings").then().statusCode(401)
                .contentType(ContentType.JSON);
    }

    @Test
    void acceptsAListingFromTheIngestAndAdminRoles() {
        listing(given().auth().oauth2(TestTokens.bearer(Roles.INGEST))).post("/listings").then().statusCode(202)
                .body("new", equalTo(1));
        listing(given().auth().oauth2(TestTokens.bearer(Roles.ADMIN))).post("/listings").then().statusCode(202)
                .body("new", equalTo(1));
    }

    @Test
    void keepsReadsOpenEvenWithAStaleToken() {
        given().get("/listings/l-00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(ContentType.JSON);
        given().auth().oauth2("expired-or-garbage").get("/sources").then().statusCode(200);
    }

    private static RequestSpecification listing(RequestSpecification request) {
        return request.contentType(ContentType.TEXT).queryParam("asOf", "2025-12-17")
                .body(LISTING.replace("TITLE", UUID.randomUUID().toString()));
    }
}
