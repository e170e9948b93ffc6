package io.adplatform.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the broker as the scripts do (its own JVM), restarts it, and checks a record survives the restart. */
class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveARestart() throws Exception {
        int port = freePort();
        int controller = freePort();

        Process first = start(port, controller);
        try {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", "127.0.0.1:" + port, "acks", "all", "enable.idempotence", "true",
                    "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("devstack-check", "k", "kept")).get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop(first);
        }

        Process second = start(port, controller);
        try {
            Properties props = new Properties();
            props.put("bootstrap.servers", "127.0.0.1:" + port);
            props.put("group.id", "devstack-check");
            props.put("auto.offset.reset", "earliest");
            props.put("key.deserializer", StringDeserializer.class.getName());
            props.put("value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of("devstack-check"));
                String value = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (value == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        value = records.iterator().next().value();
                    }
                }
                assertThat(value).isEqualTo("kept");
            }
        } finally {
            stop(second);
        }
        assertThat(Files.readString(dir.resolve("logs").resolve("meta.properties"))).contains("cluster.id");
    }

    private Process start(int port, int controller) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KafkaBroker.class.getName(), "--port", Integer.toString(port), "--controller-port",
                Integer.toString(controller), "--dir", dir.toString(), "--partitions", "1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling(dir.getFileName() + "-broker.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("broker process alive").isTrue();
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("broker did not listen on " + port);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: Kafka shuts down cleanly
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
