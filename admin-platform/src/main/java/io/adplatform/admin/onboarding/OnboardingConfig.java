package io.adplatform.admin.onboarding;

import org.springframework.jdbc.core.simple.JdbcClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.Gauge;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.onboarding.steps.ActivationPoolStep;
import io.adplatform.admin.onboarding.steps.DashboardDefinitionsStep;
import io.adplatform.admin.onboarding.steps.DashboardReportsStep;
import io.adplatform.admin.onboarding.steps.MiddleEndStep;
import io.adplatform.admin.onboarding.steps.PeerHttp;
import io.adplatform.admin.onboarding.steps.SdkRoutingStep;
import io.adplatform.admin.onboarding.steps.TrafficTasksStep;
import io.adplatform.admin.products.Products;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.web.InternalApiConfiguration.ServiceTokenProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** The onboarding workflow's steps, engine and worker; peers' base URLs from {@link OnboardingProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OnboardingConfig {

    @Bean
    WorkflowEngine onboardingEngine(OnboardingProperties props) {
        return new WorkflowEngine(props.retryPolicy());
    }

    @Bean
    OnboardingSteps onboardingSteps(OnboardingProperties props, ServiceTokenProperties token, ObjectMapper json,
                                    ProductDashboards dashboards, Clock clock) {
        PeerHttp services = new PeerHttp(json, props.requestTimeout(), ServiceTokenFilter.HEADER, token.serviceToken());
        PeerHttp middleEnd = new PeerHttp(json, props.requestTimeout(), "Authorization",
                "Bearer " + props.middleEndToken());
        return new OnboardingSteps(List.of(
                new SdkRoutingStep(services, props.ingestionUrl(), props.attributionUrl()),
                new ActivationPoolStep(services, props.newDeviceUrl()),
                new MiddleEndStep(middleEnd, props.middleEndUrl()),
                new TrafficTasksStep(services, props.offlineTasksUrl()),
                new DashboardDefinitionsStep(services, props.offlineTasksUrl(), dashboards, clock),
                new DashboardReportsStep(services, props.offlineTasksUrl(), dashboards, clock,
                        props.dashboardJobTimeout(), props.dashboardPoll(), props.dashboardDays(),
                        d -> Thread.sleep(d.toMillis()))));
    }

    @Bean
    OnboardingRunner onboardingRunner(OnboardingStore store, WorkflowEngine engine, OnboardingSteps steps,
                                      Products products, AuditLog audit, TransactionTemplate tx, ObjectMapper json,
                                      Clock clock) {
        return new OnboardingRunner(store, engine, steps.steps(), products, audit, tx, json, clock);
    }

    /** Steps out of attempts: each waits for an operator's retry (its error is on the workflow's page). */
    @Bean
    MeterBinder onboardingFailedSteps(JdbcClient jdbc) {
        return registry -> Gauge.builder("adplatform.onboarding.steps.failed", () -> jdbc
                        .sql("SELECT COUNT(*) FROM onboarding_steps WHERE status = 'FAILED'").query(Long.class).single())
                .description("onboarding steps that failed every attempt and wait for an operator").register(registry);
    }
}
