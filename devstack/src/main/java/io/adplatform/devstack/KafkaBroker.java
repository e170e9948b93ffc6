package io.adplatform.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka broker in KRaft mode (broker + controller in one process), started from the Kafka jars on
 * Maven Central — for running the platform and its benchmarks on a machine without Docker. The data directory survives
 * restarts, so accepted events stay accepted.
 *
 * <pre>java -cp ... io.adplatform.devstack.KafkaBroker --port 9092 --dir .run-local/kafka [--partitions 6]</pre>
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Path config = writeConfig(options);
        if (!Files.exists(options.logDir().resolve("meta.properties"))) {
            format(config);
        }
        System.out.printf("Kafka (KRaft) starting on 127.0.0.1:%d, data in %s%n", options.port(), options.dataDir());
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Path writeConfig(Options options) throws IOException {
        Files.createDirectories(options.dataDir());
        Map<String, String> props = serverProperties(options);
        StringBuilder text = new StringBuilder("# written by io.adplatform.devstack.KafkaBroker\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = options.dataDir().resolve("server.properties");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }

    static Map<String, String> serverProperties(Options options) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // A static voter set: the single node is its own quorum (no --standalone dynamic quorum).
        p.put("controller.quorum.voters", "1@127.0.0.1:" + options.controllerPort());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://127.0.0.1:" + options.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + options.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", options.logDir().toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(options.partitions()));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.retention.hours", "168");
        return p;
    }

    private static void format(Path config) {
        // Kafka's own generator: never starts with '-', which the format tool would read as an option
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
        int rc = kafka.tools.StorageTool.execute(args.toArray(String[]::new), new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed with exit code " + rc);
        }
    }

    record Options(int port, int controllerPort, Path dataDir, int partitions) {

        Path logDir() {
            return dataDir.resolve("logs");
        }

        static Options parse(String[] args) {
            int port = 9092;
            Integer controllerPort = null;
            Path dir = Path.of(".run-local", "kafka");
            int partitions = 6;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> { port = Integer.parseInt(require(args[i], value)); i++; }
                    case "--controller-port" -> { controllerPort = Integer.parseInt(require(args[i], value)); i++; }
                    case "--dir" -> { dir = Path.of(require(args[i], value)); i++; }
                    case "--partitions" -> { partitions = Integer.parseInt(require(args[i], value)); i++; }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --port N --controller-port N --dir PATH --partitions N)");
                }
            }
            return new Options(port, controllerPort == null ? port + 1001 : controllerPort, dir, partitions);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
