package io.adplatform.admin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions with CSRF, API tokens, lockout and the audit of them, over HTTP against MariaDB and Redis. */
class IdentityIntegrationTest extends IntegrationTestBase {

    @Test
    void aSignedInBrowserIsKnownAndMustEchoTheCsrfTokenToChangeAnything() {
        Client admin = operators.newTeamAdmin();
        Answer me = admin.get("/api/v1/session");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("teamAdmin").asBoolean()).isTrue();
        assertThat(me.json().get("via").asString()).isEqualTo("SESSION");

        Answer forged = admin.postWithoutCsrf("/api/v1/groups", "{\"name\":\"forged\"}");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/groups").json().size()).isZero();

        assertThat(admin.post("/api/v1/groups", "{\"name\":\"real\"}").status()).isEqualTo(201);
    }

    @Test
    void nobodyGetsInWithoutSessionOrToken() {
        Client anonymous = operators.anonymous();
        Answer a = anonymous.get("/api/v1/products");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        Answer wrongToken = operators.anonymous().send("GET", "/api/v1/products", null);
        assertThat(wrongToken.status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsLockTheAccountAndTheTeamAdminCanUnlockIt() {
        Client admin = operators.newTeamAdmin();
        String email = "lock-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long id = admin.post("/api/v1/users", "{\"email\":\"" + email + "\",\"displayName\":\"L\",\"password\":\""
                + Operators.PASSWORD + "\"}").json().get("id").asLong();
        Client browser = operators.anonymous();
        for (int i = 1; i <= 4; i++) {
            Answer a = browser.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"wrong-" + i + "\"}");
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().get("detail").asString()).isEqualTo("wrong e-mail or password");
        }
        Answer fifth = browser.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"wrong-5\"}");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(1L, 900L);
        // Locked: even the right password is refused.
        Answer right = browser.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\""
                + Operators.PASSWORD + "\"}");
        assertThat(right.status()).isEqualTo(423);

        assertThat(admin.patch("/api/v1/users/" + id, "{\"unlock\":true}").status()).isEqualTo(200);
        assertThat(operators.signIn(email, Operators.PASSWORD).userId()).isEqualTo(id);

        Answer trail = admin.get("/api/v1/audit?limit=50");
        assertThat(trail.body()).contains("login.locked", "login.refused-locked", "login.failed", "user.changed",
                "login.succeeded");
    }

    @Test
    void anApiTokenActsAsItsUserWithoutCsrfUntilRevoked() {
        Client admin = operators.newTeamAdmin();
        Client script = admin.script();
        Answer me = script.get("/api/v1/session");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("via").asString()).isEqualTo("API_TOKEN");
        assertThat(script.post("/api/v1/groups", "{\"name\":\"by-script\"}").status()).isEqualTo(201);
        // A token cannot mint tokens.
        assertThat(script.post("/api/v1/me/tokens", "{\"name\":\"x\"}").status()).isEqualTo(403);

        Answer list = admin.get("/api/v1/me/tokens");
        assertThat(list.body()).doesNotContain("secret").doesNotContain("token_hash");
        long tokenId = list.json().get(0).get("id").asLong();
        assertThat(admin.delete("/api/v1/me/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(script.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndTokensAtOnce() {
        Client admin = operators.newTeamAdmin();
        Client user = operators.newUser(admin);
        Client script = user.script();
        assertThat(user.get("/api/v1/session").status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/users/" + user.userId(), "{\"status\":\"DISABLED\"}").status()).isEqualTo(200);

        assertThat(user.get("/api/v1/session").status()).isEqualTo(401);
        assertThat(script.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Client admin = operators.newTeamAdmin();
        Answer a = admin.post("/api/v1/users", "{\"email\":\"not-an-email\",\"displayName\":\"\",\"password\":\"short\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("\"email\"", "\"displayName\"", "\"password\"");
        Answer login = operators.anonymous().post("/api/v1/session", "{\"password\":\"x\"}");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.body()).contains("\"field\":\"email\"");
        Answer notJson = admin.post("/api/v1/groups", "{nope");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void aUserOfAnotherTeamIsNotFound() {
        Client a = operators.newTeamAdmin();
        Client b = operators.newTeamAdmin();
        Answer other = a.patch("/api/v1/users/" + b.userId(), "{\"status\":\"DISABLED\"}");
        assertThat(other.status()).isEqualTo(404);
        assertThat(b.get("/api/v1/session").status()).isEqualTo(200);
    }
}
