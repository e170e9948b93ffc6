package io.adplatform.bidder.pctr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.bidder.pctr.*}: the pCTR model, its training and its distribution to the bidders.
 *
 * @param bits                size of the hashed feature space, 2^bits weights; bidders hash with the bits of the
 *                            model they hold, this sets the trainer's model and the size used before the first model
 * @param alpha               FTRL-Proximal learning rate scale
 * @param beta                FTRL-Proximal learning rate smoothing
 * @param l1                  FTRL-Proximal L1 strength (sparsity)
 * @param l2                  FTRL-Proximal L2 strength
 * @param priorWeight         pseudo-impressions of a campaign's prior CTR in the blend with the model
 * @param labelWindow         how long an impression waits for its click before it trains as a negative
 * @param maxPending          impressions the trainer keeps waiting at most (≈ 250 B each); the oldest train early
 * @param maxEarlyClicks      clicks read before their impression kept at most
 * @param publishInterval     how often the trainer publishes a new model version
 * @param modelsTopic         compacted topic of model versions, key {@code ctr}
 * @param modelsTopicReplicas replication factor when the trainer creates the topic
 * @param trainingEnabled     run the trainer in this instance; exactly one instance of a deployment may (model versions
 *                            of two trainers would replace each other)
 * @param trainingGroupId     consumer group of the trainer on {@code bid-events}
 * @param resumeGradientSum   a restarted trainer continues from the last published model with this FTRL n per
 *                            non-zero weight (≈ the squared gradients of that many clicks)
 */
@ConfigurationProperties("adplatform.bidder.pctr")
public record PctrProperties(Integer bits, Double alpha, Double beta, Double l1, Double l2, Double priorWeight,
                             Duration labelWindow, Integer maxPending, Integer maxEarlyClicks,
                             Duration publishInterval, String modelsTopic, Short modelsTopicReplicas,
                             Boolean trainingEnabled, String trainingGroupId, Double resumeGradientSum) {

    public PctrProperties {
        bits = bits == null ? CtrModel.DEFAULT_BITS : bits;
        alpha = alpha == null ? 0.05 : alpha;
        beta = beta == null ? 1.0 : beta;
        l1 = l1 == null ? 1.0 : l1;
        l2 = l2 == null ? 1.0 : l2;
        priorWeight = priorWeight == null ? CtrModel.DEFAULT_PRIOR_WEIGHT : priorWeight;
        labelWindow = labelWindow == null ? Duration.ofMinutes(30) : labelWindow;
        maxPending = maxPending == null ? 2_000_000 : maxPending;
        maxEarlyClicks = maxEarlyClicks == null ? 200_000 : maxEarlyClicks;
        publishInterval = publishInterval == null ? Duration.ofSeconds(60) : publishInterval;
        modelsTopic = modelsTopic == null ? "bidder.models" : modelsTopic;
        modelsTopicReplicas = modelsTopicReplicas == null ? 1 : modelsTopicReplicas;
        trainingEnabled = trainingEnabled != null && trainingEnabled;
        trainingGroupId = trainingGroupId == null ? "bidder-pctr-trainer" : trainingGroupId;
        resumeGradientSum = resumeGradientSum == null ? 100.0 : resumeGradientSum;
        if (bits < 1 || bits > CtrModelCodec.MAX_BITS) {
            throw new IllegalArgumentException("adplatform.bidder.pctr.bits must be in 1.." + CtrModelCodec.MAX_BITS);
        }
        if (priorWeight < 0 || publishInterval.isNegative() || publishInterval.isZero() || labelWindow.isNegative()
                || maxPending < 1 || maxEarlyClicks < 0) {
            throw new IllegalArgumentException("adplatform.bidder.pctr: prior-weight, publish-interval, label-window,"
                    + " max-pending or max-early-clicks out of range");
        }
    }

    FtrlProximal.Params ftrl() {
        return new FtrlProximal.Params(alpha, beta, l1, l2);
    }
}
