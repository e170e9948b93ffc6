package io.adplatform.bidder.pctr;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pCTR wiring: every instance holds the current model and follows the models topic; the one instance with
 * {@code adplatform.bidder.pctr.training-enabled=true} also trains and publishes. Kafka clients are plain clients
 * configured from {@code spring.kafka.*}, each on its own thread.
 */
@Configuration(proxyBeanMethods = false)
class PctrConfig {

    @Bean
    CtrModelHolder ctrModelHolder(PctrProperties properties, ObjectProvider<MeterRegistry> meters) {
        CtrModelHolder holder = new CtrModelHolder(CtrModel.empty(properties.bits()).withPriorWeight(properties.priorWeight()));
        meters.ifAvailable(m -> Gauge.builder("pctr.model.version", holder, CtrModelHolder::version)
                .description("version of the pCTR model this bidder bids with (0: campaign priors only)").register(m));
        return holder;
    }

    @Bean
    ModelSubscriber ctrModelSubscriber(PctrProperties properties, KafkaProperties kafka, CtrModelHolder holder,
                                       ObjectProvider<MeterRegistry> meters) {
        ModelSubscriber subscriber = new ModelSubscriber(kafka.buildConsumerProperties(), properties.modelsTopic(),
                holder, properties.priorWeight());
        meters.ifAvailable(m -> FunctionCounter
                .builder("pctr.model.rejected", subscriber, ModelSubscriber::rejected)
                .description("records on the models topic that were not readable models").register(m));
        return subscriber;
    }

    /** The trainer: exactly one instance of a deployment sets {@code training-enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "adplatform.bidder.pctr", name = "training-enabled", havingValue = "true")
    static class Training {

        @Bean
        ModelPublisher ctrModelPublisher(PctrProperties properties, KafkaProperties kafka) {
            return new ModelPublisher(kafka.buildAdminProperties(), kafka.buildProducerProperties(),
                    properties.modelsTopic(), properties.modelsTopicReplicas());
        }

        @Bean
        TrainingListener ctrTrainingListener(PctrProperties properties, KafkaProperties kafka, CtrModelHolder holder,
                                             ModelSubscriber subscriber, ModelPublisher publisher,
                                             ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
            TrainingListener listener = new TrainingListener(properties, kafka.buildConsumerProperties(), holder,
                    subscriber, publisher, clock.getIfAvailable(Clock::systemUTC));
            meters.ifAvailable(listener::bindTo);
            return listener;
        }
    }
}
