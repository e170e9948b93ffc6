package io.adplatform.ingestion.router;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.activation.ActivationCheckResponse;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;

/** {@code POST /internal/v1/activation-pool/check} on new-device-service, with the service token and timeouts. */
final class HttpActivationPool implements ActivationPool {

    private final RestClient http;
    private final Timer latency;
    private final MeterRegistry meters;

    HttpActivationPool(RestClient.Builder builder, RouterProperties properties, String serviceToken, MeterRegistry meters) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
        requestFactory.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.newDeviceBaseUrl())
                .requestFactory(requestFactory)
                // the contract's JSON rules (ISO instants, unknown fields ignored), whatever Spring's defaults are
                .messageConverters(List.of(new JacksonJsonHttpMessageConverter(EventJson.mapper())))
                .defaultHeader(ServiceTokenFilter.HEADER, serviceToken)
                .build();
        this.meters = meters;
        this.latency = Timer.builder("ingestion.router.newdevice.call")
                .description("Latency of new-device-service activation checks (one call per batch)")
                .tag("outcome", "success").publishPercentileHistogram().register(meters);
    }

    @Override
    public List<ActivationCheckResult> check(List<ActivationCheck> checks) {
        long start = System.nanoTime();
        try {
            ActivationCheckResponse response = http.post().uri(ActivationCheckRequest.PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ActivationCheckRequest(List.copyOf(checks)))
                    .retrieve()
                    .body(ActivationCheckResponse.class);
            latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (response == null || response.results() == null) {
                throw new IllegalStateException("new-device-service answered without results");
            }
            return response.results();
        } catch (RuntimeException e) {
            meters.counter("ingestion.router.newdevice.failures", "exception", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }
}
