package io.adplatform.offline.reports;

import io.adplatform.common.secrets.TokenCipher;
import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.fx.FxRates;
import io.adplatform.offline.reports.meta.MetaInsightsSource;
import io.adplatform.offline.reports.tiktok.TikTokReportSource;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Media report pulls: the accounts, the media adapters, FX rates, the store and the {@code media-reports} job. */
@Configuration(proxyBeanMethods = false)
class ReportsConfig {

    @Bean
    ReportAccounts reportAccounts(JdbcClient jdbc, ReportsProperties props) {
        return new ReportAccounts(jdbc, new TokenCipher(props.keyBytes(), "adplatform.reports.encryption-key"));
    }

    @Bean
    FxRates fxRates(ClickHouse clickHouse, ObjectMapper json, Clock clock, ReportsProperties props) {
        return new FxRates(clickHouse, json, clock, props.reportingCurrency(), props.fxMaxAgeDays());
    }

    @Bean
    MetaInsightsSource metaInsightsSource(ReportsProperties props, Clock clock) {
        return new MetaInsightsSource(new ReportHttp(props.requestTimeout()), props.meta(), clock);
    }

    @Bean
    TikTokReportSource tikTokReportSource(ReportsProperties props) {
        return new TikTokReportSource(new ReportHttp(props.requestTimeout()), props.tiktok());
    }

    @Bean
    MediaReportPuller mediaReportPuller(ReportAccounts accounts, List<MediaReportSource> sources, FxRates fx,
                                        ClickHouse clickHouse, ObjectMapper json, ReportsProperties props, Clock clock) {
        return new MediaReportPuller(accounts, sources, fx, new MediaReportStore(clickHouse, json), props, clock);
    }

    @Bean
    MediaReportsJob mediaReportsJob(ReportAccounts accounts, MediaReportPuller puller, ReportsProperties props) {
        return new MediaReportsJob(accounts, puller, props.cron());
    }
}
