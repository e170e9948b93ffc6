package io.adplatform.bidder.notice;

import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.Topics;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the auction's events to {@code bid-events}, keyed by bid id, as the JSON every consumer reads with the
 * event mapper ({@link BidEventJson}).
 */
public final class BidEvents {

    private static final Logger log = LoggerFactory.getLogger(BidEvents.class);

    private final KafkaProducer<String, byte[]> producer;
    private final LongAdder failed = new LongAdder();

    public BidEvents(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A bid went out: fire and forget (a lost BID event costs a reporting count, never money). */
    public void bid(BidContext c, Instant at) {
        send(event(c, BidEvent.Type.BID, c.priceMicros(), null, at)).exceptionally(e -> {
            failed.increment();
            log.debug("BID event lost", e);
            return null;
        });
    }

    /** A notice's event; completes when Kafka acknowledged it (the notice answers only then). */
    public CompletableFuture<Void> notice(BidContext c, BidEvent.Type type, long priceMicros, Integer lossReason,
                                          Instant at) {
        return send(event(c, type, priceMicros, lossReason, at));
    }

    public long failed() {
        return failed.sum();
    }

    static BidEvent event(BidContext c, BidEvent.Type type, long priceMicros, Integer lossReason, Instant at) {
        return new BidEvent(c.bidId() + ':' + type.name(), type, c.bidId(), c.requestId(), c.impId(), c.exchange(),
                c.campaignId(), c.creativeId(), priceMicros, c.currency(), c.pctr(), c.userKey(), c.country(), c.site(),
                c.features(), c.modelVersion(), lossReason, at);
    }

    private CompletableFuture<Void> send(BidEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            byte[] json = BidEventJson.write(event);
            producer.send(new ProducerRecord<>(Topics.BID_EVENTS, event.bidId(), json), (metadata, e) -> {
                if (e == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
