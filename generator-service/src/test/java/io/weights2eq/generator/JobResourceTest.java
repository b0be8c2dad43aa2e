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
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class JobResourceTest {

    @Test
    void aJobOf2000EquationsYieldsExactly2000DistinctDecodableConsistentRecords() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"count\": 2000, \"seed\": 7, \"samplesPerEquation\": 500}")
                .when().post("/jobs")
                .then().statusCode(202)
                .header("Location", containsString("/jobs/job-"))
                .body("state", equalTo("RUNNING"))
                .body("total", equalTo(2000))
                .extract().path("id");

        awaitState(id, "COMPLETED", Duration.ofSeconds(120));
        given().when().get("/jobs/" + id).then().statusCode(200)
                .body("acknowledged", equalTo(2000))
                .body("acknowledgedWatermark", equalTo(2000));

        EquationTopic.Contents contents = EquationTopic.readAll(KafkaBrokerTestResource.broker().bootstrapServers());
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

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("w2e_generator_equations_acknowledged_total"))
                .body(containsString("w2e_generator_sample_bytes_acknowledged_bytes_total"));
        given().when().get("/jobs").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void readinessReflectsTheBrokerAndRestoredJobs() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("generator-jobs-restored"));
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
                .when().post("/jobs").then().statusCode(202).extract().path("id");
        given().when().delete("/jobs/" + id).then().statusCode(200).body("state", equalTo("CANCELLED"));
        Thread.sleep(500);
        long acked = ((Number) given().when().get("/jobs/" + id).then().extract().path("acknowledged")).longValue();
        Thread.sleep(500);
        given().when().get("/jobs/" + id).then().body("acknowledged", equalTo((int) acked)).body("state", equalTo("CANCELLED"));
        assertTrue(acked < 1000, "stopped early, acknowledged " + acked);
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                  | count",
            "{\"count\": 0}                                      | count",
            "{\"count\": -5}                                     | count",
            "{\"count\": 10, \"samplesPerEquation\": 0}          | samplesPerEquation",
            "{\"count\": 10, \"samplesPerEquation\": 10000000}   | samplesPerEquation",
            "{\"count\": 10, \"xMin\": 2, \"xMax\": 1}           | xMax",
            "{\"count\": 10, \"ratePerSecond\": -1}              | ratePerSecond",
            "{\"count\": 10, \"family\": {\"mode\": \"zipf\"}}   | family.mode",
            "{\"count\": 10, \"family\": {\"degree\": 9}}        | family.degree",
            "{\"count\": 10, \"family\": {\"coefficientMin\": \"abc\"}} | family.coefficientMin",
            "{\"count\": \"many\"}                               | count",
            "{\"count\": 10, \"cuont\": 3}                       | cuont",
            "{\"count\": 10,                                     | body",
            "[1, 2]                                              | body",
    })
    void badInputIsA400NamingTheField(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("violations.field", hasItem(field));
    }

    @Test
    void unknownJobIs404() {
        given().when().get("/jobs/job-nope").then().statusCode(404).body("violations[0].field", equalTo("id"));
        given().when().delete("/jobs/job-nope").then().statusCode(404);
    }

    static void awaitState(String id, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = null;
        while (System.nanoTime() < deadline) {
            current = given().when().get("/jobs/" + id).then().statusCode(200).extract().path("state");
            if (state.equals(current)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " is " + current + ", not " + state + ", after " + timeout);
    }
}
