package io.weights2eq.kafkalocal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SCRAM-SHA-512 users of a {@link KafkaBroker} with SASL on: the broker settings of its SASL listener,
 * the {@code --add-scram} arguments of the storage format (KRaft keeps credentials in the metadata log, so
 * they exist from the first start) and the client settings of each user.
 */
final class ScramUsers {
    static final String PROTOCOL = "SASL_PLAINTEXT";
    static final String MECHANISM = "SCRAM-SHA-512";
    // StorageTool parses [name=..,password=..] and JAAS quotes the values: keep both unambiguous
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final String admin;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    ScramUsers(String admin, String password) {
        this.admin = check("admin user name", admin);
        passwords.put(admin, checkPassword(admin, password));
    }

    void add(String name, String password) {
        check("SCRAM user name", name);
        if (passwords.containsKey(name)) {
            throw new IllegalArgumentException("SCRAM user " + name + " given twice");
        }
        passwords.put(name, checkPassword(name, password));
    }

    String admin() {
        return admin;
    }

    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put(
                "listener.name." + PROTOCOL.toLowerCase() + "." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                jaasConfig(admin, passwords.get(admin)));
        return p;
    }

    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        passwords.forEach((name, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + name + ",password=" + password + "]");
        });
        return args;
    }

    Map<String, String> clientProperties(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user " + user + " (users: " + passwords.keySet() + ")");
        }
        return clientProperties(user, password);
    }

    /** Client settings for any user and password (also wrong ones: tests check refusal). */
    static Map<String, String> clientProperties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", PROTOCOL);
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaasConfig(user, password));
        return p;
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String checkPassword(String user, String password) {
        if (password == null || !SAFE.matcher(password).matches()) {
            // never echo a password
            throw new IllegalArgumentException(
                    "password of SCRAM user " + user + " must be 1-128 characters of A-Z a-z 0-9 . _ @ + -");
        }
        return password;
    }

    private static String check(String field, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-128 characters of A-Z a-z 0-9 . _ @ + -, was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
