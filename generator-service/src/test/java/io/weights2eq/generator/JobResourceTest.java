package io.weights2eq.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class JobResourceTest {

    @Test
    void aJobOf2000EquationsYieldsExactly2000DistinctDecodableConsistentRecords() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"count\": 2000, \"seed\": 7, \"samplesPerEquation\": 500}")
                .when()
                .post("/jobs")
                .then()
                .statusCode(202)
                .header("Location", containsString("/jobs/job-"))
                .body("state", equalTo("RUNNING"))
                .body("total", equalTo(2000))
                .extract()
                .path("id");

        awaitState(id, "COMPLETED", Duration.ofSeconds(120));
        given().when()
                .get("/jobs/" + id)
                .then()
                .statusCode(200)
                .body("acknowledged", equalTo(2000))
                .body("acknowledgedWatermark", equalTo(2000));

        EquationTopic.Contents contents =
                EquationTopic.readAll(KafkaBrokerTestResource.broker().bootstrapServers());
        Set<Long> indexes = new TreeSet<>();
        for (Equation eq : contents.byKey().values()) {
            if (eq.getJobId().equals(id)) {
                assertEquals(id + "-" + eq.getIndex(), eq.getId());
                assertEquals(7L, eq.getSeed());
                EquationChecks.assertConsistent(eq, 500);
                indexes.add(eq.getIndex());
            }
        }
        assertEquals(2000, indexes.size(), "distinct indexes of job " + id);
        assertEquals(0L, indexes.iterator().next());
        assertEquals(1999L, ((TreeSet<Long>) indexes).last());

        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("w2e_generator_equations_acknowledged_total"))
                .body(containsString("w2e_generator_sample_bytes_acknowledged_bytes_total"));
        given().when().get("/jobs").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void aCubicJobDrawsSeed001sMonicCubicsWithTheFamilyOnEveryRecord() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"count\": 200, \"seed\": 11, \"samplesPerEquation\": 100, \"family\": {\"mode\": \"cubic\"}}")
                .when()
                .post("/jobs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(id, "COMPLETED", Duration.ofSeconds(120));
        int seen = 0;
        for (Equation eq : EquationTopic.readAll(
                        KafkaBrokerTestResource.broker().bootstrapServers())
                .byKey()
                .values()) {
            if (eq.getJobId().equals(id)) {
                EquationChecks.assertConsistent(eq, 100);
                assertEquals("cubic", eq.getFamily().getMode());
                assertEquals(3, eq.getFamily().getDegree());
                Polynomial p = Polynomial.parse(eq.getCanonicalText());
                assertEquals(3, p.degree(), eq.getCanonicalText());
                assertEquals(BigDecimal.ONE, p.coefficient(3), eq.getCanonicalText());
                for (int power = 0; power < 3; power++) {
                    BigDecimal c = p.coefficient(power);
                    assertTrue(c.scale() == 0 && c.abs().compareTo(BigDecimal.TEN) <= 0, eq.getCanonicalText());
                }
                seen++;
            }
        }
        assertEquals(200, seen);
    }

    @Test
    void anElementaryJobOfTwoInputsWritesNormalFormsTheirDomainAndSampleMajorX() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"count\": 40, \"seed\": 13, \"samplesPerEquation\": 100,"
                        + " \"family\": {\"mode\": \"elementary\", \"domain\": [[-1, 1], [0.5, 2]]}}")
                .when()
                .post("/jobs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(id, "COMPLETED", Duration.ofSeconds(120));
        InputDomain domain = new InputDomain(List.of(new Interval(-1, 1), new Interval(0.5, 2)));
        int seen = 0;
        for (Equation eq : EquationTopic.readAll(
                        KafkaBrokerTestResource.broker().bootstrapServers())
                .byKey()
                .values()) {
            if (eq.getJobId().equals(id)) {
                assertEquals("elementary", eq.getFamily().getMode());
                assertEquals(domain, EquationRecords.domain(eq));
                Expression e = EquationRecords.canonicalExpression(eq.getCanonicalText(), 2);
                assertEquals(
                        eq.getCanonicalText().toString(),
                        ExpressionVocabulary.decode(eq.getTokenIds().stream()
                                .mapToInt(Integer::intValue)
                                .toArray()));
                float[] x = FloatArrayList.toFloatArray(eq.getX());
                float[] y = FloatArrayList.toFloatArray(eq.getY());
                assertEquals(200, x.length);
                for (int i = 0; i < y.length; i++) {
                    assertEquals((float) e.evaluate(x[2 * i], x[2 * i + 1]), y[i], 0f, "sample " + i);
                }
                seen++;
            }
        }
        assertEquals(40, seen);
    }

    @Test
    void readinessReflectsTheBrokerAndRestoredJobs() {
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("generator-jobs-restored"));
    }

    @Test
    void readinessGoesDownWithTheBrokerAndComesBackWithIt() throws Exception {
        var broker = KafkaBrokerTestResource.broker();
        broker.stop();
        try {
            awaitReadiness(503, Duration.ofSeconds(60));
        } finally {
            broker.restart();
        }
        awaitReadiness(200, Duration.ofSeconds(60));
    }

    private static void awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int current = -1;
        while (System.nanoTime() < deadline) {
            current = given().when().get("/q/health/ready").then().extract().statusCode();
            if (current == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness is " + current + ", not " + status + ", after " + timeout);
    }

    @Test
    void aCancelledJobStops() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"count\": 1000000, \"seed\": 1, \"samplesPerEquation\": 10, \"ratePerSecond\": 50}")
                .when()
                .post("/jobs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        given().when().delete("/jobs/" + id).then().statusCode(200).body("state", equalTo("CANCELLED"));
        Thread.sleep(500);
        long acked =
                ((Number) given().when().get("/jobs/" + id).then().extract().path("acknowledged")).longValue();
        Thread.sleep(500);
        given().when()
                .get("/jobs/" + id)
                .then()
                .body("acknowledged", equalTo((int) acked))
                .body("state", equalTo("CANCELLED"));
        assertTrue(acked < 1000, "stopped early, acknowledged " + acked);
    }

    /** Every kind of bad {@code POST /jobs} body: the answer it must get and the field it must name. */
    static Stream<Arguments> badJobRequests() {
        return Stream.of(
                Arguments.of("", 400, "body"),
                Arguments.of("null", 400, "body"),
                Arguments.of("{}", 400, "count"),
                Arguments.of("{\"count\": 0}", 400, "count"),
                Arguments.of("{\"count\": -5}", 400, "count"),
                Arguments.of("{\"count\": 1000000001}", 400, "count"),
                Arguments.of("{\"count\": \"many\"}", 400, "count"),
                Arguments.of("{\"count\": true}", 400, "count"),
                Arguments.of("{\"count\": 99999999999999999999999}", 400, "count"),
                Arguments.of("{\"count\": 10, \"seed\": \"abc\"}", 400, "seed"),
                Arguments.of("{\"count\": 10, \"samplesPerEquation\": 0}", 400, "samplesPerEquation"),
                Arguments.of("{\"count\": 10, \"samplesPerEquation\": 50001}", 400, "samplesPerEquation"),
                Arguments.of("{\"count\": 10, \"samplesPerEquation\": \"x\"}", 400, "samplesPerEquation"),
                Arguments.of("{\"count\": 10, \"xMin\": 2, \"xMax\": 1}", 400, "xMax"),
                Arguments.of("{\"count\": 10, \"xMin\": -2000000}", 400, "xMin"),
                Arguments.of("{\"count\": 10, \"xMax\": 2000000}", 400, "xMax"),
                Arguments.of("{\"count\": 10, \"xMax\": [1]}", 400, "xMax"),
                Arguments.of("{\"count\": 10, \"ratePerSecond\": -1}", 400, "ratePerSecond"),
                Arguments.of("{\"count\": 10, \"ratePerSecond\": 0}", 400, "ratePerSecond"),
                Arguments.of("{\"count\": 10, \"ratePerSecond\": 2000000}", 400, "ratePerSecond"),
                Arguments.of("{\"count\": 10, \"family\": \"servant\"}", 400, "family"),
                Arguments.of("{\"count\": 10, \"family\": {\"mode\": \"zipf\"}}", 400, "family.mode"),
                Arguments.of("{\"count\": 10, \"family\": {\"degree\": 9}}", 400, "family.degree"),
                Arguments.of("{\"count\": 10, \"family\": {\"degree\": -1}}", 400, "family.degree"),
                Arguments.of("{\"count\": 10, \"family\": {\"mode\": \"cubic\", \"degree\": 2}}", 400, "family.degree"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"mode\": \"cubic\", \"coefficientMax\": \"9.5\"}}",
                        400,
                        "family.coefficientMax"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"coefficientMin\": \"abc\"}}", 400, "family.coefficientMin"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"coefficientMin\": \"-5000\"}}", 400, "family.coefficientMin"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"coefficientMin\": \"3\", \"coefficientMax\": \"1\"}}",
                        400,
                        "family.coefficientMax"),
                Arguments.of("{\"count\": 10, \"family\": {\"wholeWeight\": -1}}", 400, "family.wholeWeight"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"absentProbability\": 2}}", 400, "family.absentProbability"),
                Arguments.of("{\"count\": 10, \"family\": {\"bogus\": 1}}", 400, "family.bogus"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"mode\": \"elementary\", \"domain\": [[-1, 1], [0, 6]]}}",
                        400,
                        "family.domain[1]"),
                Arguments.of(
                        "{\"count\": 10, \"family\": {\"mode\": \"elementary\", \"degree\": 9}}", 400, "family.degree"),
                Arguments.of("{\"count\": 10, \"cuont\": 3}", 400, "cuont"),
                Arguments.of("{\"count\": 10,", 400, "body"),
                Arguments.of("[1, 2]", 400, "body"),
                Arguments.of("not json", 400, "body"),
                Arguments.of("{\"count\": 10, \"pad\": \"" + "x".repeat(70_000) + "\"}", 400, "body"));
    }

    @ParameterizedTest(name = "[{index}] -> {1} naming {2}")
    @MethodSource("badJobRequests")
    void aBadJobRequestIsA4xxNamingTheFieldAndStartsNothing(String body, int status, String field) {
        String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();
        List<String> jobsBefore =
                given().when().get("/jobs").then().statusCode(200).extract().path("id");
        long equationsBefore = EquationTopic.endOffset(bootstrap, Topics.EQUATIONS.topicName());
        long jobRecordsBefore = EquationTopic.endOffset(bootstrap, Topics.GENERATOR_JOBS.topicName());
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/jobs")
                .then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("violations.field", hasItem(field));
        assertEquals(jobsBefore, given().when().get("/jobs").then().extract().path("id"), "no job was created");
        assertEquals(
                equationsBefore,
                EquationTopic.endOffset(bootstrap, Topics.EQUATIONS.topicName()),
                "no equation produced");
        assertEquals(
                jobRecordsBefore,
                EquationTopic.endOffset(bootstrap, Topics.GENERATOR_JOBS.topicName()),
                "no job state saved");
    }

    /** {@code GET} and {@code DELETE /jobs/{id}} with an unknown or malformed id: 404 or 400, naming {@code id}. */
    @ParameterizedTest(name = "{0} /jobs/{1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET    | job-00000000 | 404",
                "DELETE | job-00000000 | 404",
                "GET    | job-nope     | 400",
                "DELETE | job-nope     | 400",
                "GET    | job-0000000G | 400",
                "DELETE | job-000000001| 400",
                "GET    | 12345678     | 400",
                "DELETE | job-%20      | 400",
            })
    void anUnknownOrMalformedJobIdIsA4xxNamingTheId(String method, String id, int status) {
        List<String> jobsBefore =
                given().when().get("/jobs").then().statusCode(200).extract().path("state");
        given().urlEncodingEnabled(false)
                .when()
                .request(method, "/jobs/" + id)
                .then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("violations[0].field", equalTo("id"));
        assertEquals(jobsBefore, given().when().get("/jobs").then().extract().path("state"), "no job changed");
    }

    @Test
    void anOverlongIdIsA400NamingTheId() {
        given().when()
                .get("/jobs/job-" + "0".repeat(500))
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("id"))
                .body("violations[0].message", containsString("…"));
    }

    static void awaitState(String id, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = null;
        while (System.nanoTime() < deadline) {
            current = given().when()
                    .get("/jobs/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("state");
            if (state.equals(current)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " is " + current + ", not " + state + ", after " + timeout);
    }
}
