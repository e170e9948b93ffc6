package io.adplatform.bidder;

import io.adplatform.bidder.audience.SegmentStore;
import io.adplatform.bidder.bidding.BidEngine;
import io.adplatform.bidder.bidding.BidFlow;
import io.adplatform.bidder.bidding.BiddingProperties;
import io.adplatform.bidder.bidding.Ctr;
import io.adplatform.bidder.bidding.RequestProfile;
import io.adplatform.bidder.bidding.ResponseBuilder;
import io.adplatform.bidder.budget.BudgetService;
import io.adplatform.bidder.campaign.Campaign;
import io.adplatform.bidder.campaign.CampaignFeed;
import io.adplatform.bidder.campaign.CatalogListener;
import io.adplatform.bidder.frequency.FrequencyCaps;
import io.adplatform.bidder.frequency.FrequencyStore;
import io.adplatform.bidder.frequency.UserCounters;
import io.adplatform.bidder.geo.GeoInfo;
import io.adplatform.bidder.geo.GeoLookup;
import io.adplatform.bidder.notice.BidCache;
import io.adplatform.bidder.notice.BidEvents;
import io.adplatform.bidder.notice.BidIds;
import io.adplatform.bidder.notice.NoticeProperties;
import io.adplatform.bidder.notice.NoticeService;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.bidder.pctr.CtrModelHolder;
import io.adplatform.bidder.pctr.ModelCtr;
import io.adplatform.bidder.pricing.ShadingBook;
import io.adplatform.bidder.redis.BatchedRedis;
import io.adplatform.bidder.server.BidMetrics;
import io.adplatform.bidder.server.BidServer;
import io.adplatform.bidder.server.ExchangeHandler;
import io.adplatform.bidder.server.ServerProperties;
import io.adplatform.bidder.traffic.TrafficFilter;
import io.adplatform.bidder.traffic.Verdict;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignValidator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the bid path together from its features — traffic filter, geo, audiences and caps, catalog, pCTR, budgets,
 * engine, response, bid cache, notices — and serves it on the exchange-facing Netty port. Each adapter below is the
 * only place one feature meets another.
 */
@Configuration(proxyBeanMethods = false)
class BidPathConfig {

    @Bean
    CampaignValidator campaignValidator(BiddingProperties bidding) {
        return new CampaignValidator(bidding.currency());
    }

    @Bean
    CatalogListener budgetsFollowCatalog(BudgetService budgets) {
        return catalog -> budgets.update(catalog.all().stream().map(Campaign::config).toList());
    }

    @Bean
    ShadingBook shadingBook(BiddingProperties bidding) {
        return new ShadingBook(bidding.maxPlacements());
    }

    @Bean
    BidIds bidIds(NoticeProperties notices, Clock clock) {
        return new BidIds(notices.secret(), notices.ttl(), clock);
    }

    @Bean
    BidCache bidCache(StatefulRedisConnection<String, String> redis, BatchedRedis bidPathRedis,
                      NoticeProperties notices) {
        return new BidCache(redis.async(), bidPathRedis, notices.keyPrefix(), notices.ttl(), notices.localTtl(),
                notices.localMaxEntries());
    }

    @Bean
    BidEvents bidEvents(KafkaProducer<String, byte[]> bidderProducer) {
        return new BidEvents(bidderProducer);
    }

    @Bean
    SegmentStore segmentStore(StatefulRedisConnection<String, String> redis, BatchedRedis bidPathRedis,
                              NoticeProperties notices) {
        return new SegmentStore(redis.async(), bidPathRedis, notices.keyPrefix(), notices.segmentTtl());
    }

    @Bean
    Ctr ctr(CtrModelHolder models) {
        return new ModelCtr(models);
    }

    @Bean
    BidEngine bidEngine(Ctr ctr, BudgetService budgets, ShadingBook shading, BiddingProperties bidding) {
        return new BidEngine(ctr, budgets::admit,
                shading, bidding.currency(), bidding.fxRates(), bidding.seat(), bidding.maxBudgetTries(), bidding.maxScored());
    }

    @Bean
    BidFlow bidFlow(BiddingProperties bidding, TrafficFilter traffic, GeoLookup geo, SegmentStore segments,
                    FrequencyStore frequency, CampaignFeed feed, BidEngine engine, BidIds ids,
                    NoticeProperties notices, BudgetService budgets, BidCache cache, BidEvents events, Clock clock) {
        BidFlow.TrafficCheck check = (request, remote, now) -> {
            Verdict v = traffic.check(request, remote, now);
            return v == Verdict.PASS ? null : v.name().toLowerCase(java.util.Locale.ROOT);
        };
        BidFlow.GeoResolver resolver = (request, remote) -> resolveGeo(geo, request, remote);
        BidFlow.Users users = userKey -> readUser(segments, frequency, userKey, clock);
        ResponseBuilder responses = new ResponseBuilder(ids, notices.baseUrl(), bidding.seat(), budgets.instanceId());
        return new BidFlow(new BidRequestReader(bidding.maxRequestBytes()), check, resolver, users, feed::catalog,
                engine, responses, cache, events, clock);
    }

    /** The request's own geo when it names a country; else the IP database's answer for the device's address. */
    static RequestProfile.Geo resolveGeo(GeoLookup geo, BidRequest request, String remote) {
        BidRequest.Device d = request.device();
        if (d != null && d.geo() != null && d.geo().country() != null && !d.geo().country().isBlank()) {
            return new RequestProfile.Geo(d.geo().country(), d.geo().region(), d.geo().city());
        }
        String ip = d == null ? null : d.ip() != null ? d.ip() : d.ipv6();
        GeoInfo info = geo.lookup(ip != null ? ip : remote);
        return info == GeoInfo.UNKNOWN ? RequestProfile.Geo.UNKNOWN
                : new RequestProfile.Geo(info.country(), info.region(), info.city());
    }

    /** Segments and frequency counters: two commands, pipelined on the bid path's connection, one round trip. */
    static CompletionStage<BidFlow.User> readUser(SegmentStore segments, FrequencyStore frequency, String userKey,
                                                  Clock clock) {
        CompletionStage<Set<String>> seg = segments.read(userKey);
        CompletionStage<UserCounters> counters = frequency.read(userKey);
        return seg.thenCombine(counters, (s, c) -> {
            if (c.isEmpty()) {
                return new BidFlow.User(s, BidEngine.Caps.NONE);
            }
            java.time.Instant now = clock.instant();
            BidEngine.Caps caps = (campaign, creativeId) -> {
                List<CampaignConfig.FrequencyCap> fc = campaign.config().frequencyCaps();
                if (fc == null || fc.isEmpty()) {
                    return true;
                }
                return creativeId == null ? FrequencyCaps.campaignAllowed(campaign.id(), fc, c, now)
                        : FrequencyCaps.creativeAllowed(creativeId, fc, c, now);
            };
            return new BidFlow.User(s, caps);
        });
    }

    @Bean
    NoticeService noticeService(BidIds ids, BidCache cache, BidEvents events,
                                StatefulRedisConnection<String, String> redis, NoticeProperties notices,
                                BudgetService budgets, FrequencyStore frequency, CampaignFeed feed,
                                ShadingBook shading, Clock clock) {
        NoticeService.Spend spend = budgets::recordWin; // CPM micros in; the budget charges CPM / 1000 per win
        NoticeService.Impressions impressions = (userKey, campaignId, creativeId, at) -> {
            Campaign c = feed.catalog().get(campaignId);
            return c == null ? java.util.concurrent.CompletableFuture.completedFuture(null)
                    : frequency.recordImpression(userKey, campaignId, creativeId, c.config().frequencyCaps(), at);
        };
        NoticeService.Wins wins = (placement, choice) -> {
            if (choice >= 0) {
                shading.get(placement).won(choice);
            }
        };
        return new NoticeService(ids, cache, events, redis.async(), notices.keyPrefix(), spend, impressions, wins,
                clock);
    }

    @Bean
    BidMetrics bidMetrics(MeterRegistry meters) {
        return new BidMetrics(meters);
    }

    @Bean
    ExchangeHandler exchangeHandler(BidFlow flow, NoticeService notices, ServerProperties server, BidMetrics metrics) {
        return new ExchangeHandler(flow, notices, server, metrics);
    }

    @Bean
    BidServer bidServer(ServerProperties server, ExchangeHandler handler) {
        return new BidServer(server, handler);
    }
}
