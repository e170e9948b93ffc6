package io.adplatform.offline.dashboards;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboards' read side over the reporting store. */
@Configuration(proxyBeanMethods = false)
class DashboardsConfig {

    @Bean
    Dashboards dashboards(ClickHouse clickHouse, DashboardsProperties props, Clock clock) {
        return new Dashboards(clickHouse, props.reportingCurrency(), clock, props.dashboardRollups(),
                props.closedDays());
    }

    @Bean
    CloseProductDaysJob closeProductDaysJob(ClickHouse clickHouse, DashboardsProperties props, Clock clock) {
        return new CloseProductDaysJob(new ProductDayCloser(clickHouse, clock, props.closeLateDays(),
                props.closeBatchDays(), props.closeMaxDaysPerRun()), props.closeCron());
    }

    @Bean
    ProductDashboardsJob productDashboardsJob(Dashboards dashboards, DashboardRequests requests, Clock clock) {
        return new ProductDashboardsJob(dashboards, requests, clock);
    }

    @Bean
    DashboardRequests dashboardRequests(DashboardsProperties props) {
        return new DashboardRequests(props);
    }
}
